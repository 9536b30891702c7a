import { Option } from "commander";
import { ui } from "../../messages/ui.js";
import type { RegisterCommand } from "./types.js";

export const registerExport: RegisterCommand = (program, ctx, setExit) => {
  const t = ui(ctx.lang);
  program
    .command("export")
    .description(t.export.help.command)
    .addOption(new Option("--data <dir>", t.help.data))
    .option("--year <year>", t.export.help.year)
    .option("--format <format>", t.export.help.format)
    .option("--out <dir>", t.export.help.out)
    .option("--date <date>", t.export.help.date)
    .option("--reveal", t.export.help.reveal)
    .option("--wait <seconds>", t.help.wait)
    .action(async (flags: Record<string, unknown>) => {
      const m = await import("../commands/export.js");
      setExit(await m.runExport(flags, ctx));
    });
};
