import { Option } from "commander";
import { ui } from "../../messages/ui.js";
import { collect } from "../options.js";
import type { RegisterCommand } from "./types.js";

export const registerReport: RegisterCommand = (program, ctx, setExit) => {
  const t = ui(ctx.lang);
  program
    .command("report")
    .description(t.report.help.command)
    .addOption(new Option("--data <dir>", ui(ctx.lang).rollup.dataMany).argParser(collect))
    .option("--year <year>", t.report.help.year)
    .option("--out <dir>", t.report.help.out)
    .option("--village <village>", t.help.village, collect)
    .option("--town <town>", t.help.town, collect)
    .option("--format <formats>", t.report.help.formats)
    .option("--date <date>", t.report.help.date)
    .option("--reveal", t.report.help.reveal)
    .option("--ledgers", t.rollup.ledgers)
    .option("--wait <seconds>", t.help.wait)
    .action(async (flags: Record<string, unknown>) => {
      const m = await import("../commands/report.js");
      setExit(await m.runReport(flags, ctx));
    });
};
