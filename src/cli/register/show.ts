import { Option } from "commander";
import { ui } from "../../messages/ui.js";
import { collect } from "../options.js";
import type { RegisterCommand } from "./types.js";

export const registerShow: RegisterCommand = (program, ctx, setExit) => {
  const t = ui(ctx.lang);
  program
    .command("show")
    .description(t.show.help.command)
    .argument("<what>", t.show.help.what)
    .addOption(new Option("--data <dir>", t.help.data))
    .option("--village <village>", t.help.village, collect)
    .option("--town <town>", t.help.town, collect)
    .option("--year <year>", t.help.year)
    .option("--date <date>", t.report.help.date)
    .option("--reveal", t.show.help.reveal)
    .option("--format <format>", t.show.help.format)
    .option("--wait <seconds>", t.help.wait)
    .action(async (what: string, flags: Record<string, unknown>) => {
      const m = await import("../commands/show.js");
      setExit(await m.runShow(what, flags, ctx));
    });
};
