import { Option } from "commander";
import { ui } from "../../messages/ui.js";
import type { RegisterCommand } from "./types.js";

export const registerEvaluate: RegisterCommand = (program, ctx, setExit) => {
  const t = ui(ctx.lang);
  program
    .command("evaluate")
    .description(t.evaluateHelp.command)
    .argument("<files...>", t.evaluateHelp.files)
    .addOption(new Option("--data <dir>", t.help.data))
    .option("--year <year>", t.evaluateHelp.year)
    .option("--date <date>", t.evaluateHelp.date)
    .option("--dry-run", t.evaluateHelp.dryRun)
    .option("--format <format>", t.help.format)
    .option("--sheet <name>", t.importHelp.sheet)
    .option("--reason <text>", t.evaluateHelp.reason)
    .option("--wait <seconds>", t.help.wait)
    .action(async (files: string[], flags: Record<string, unknown>) => {
      const m = await import("../commands/evaluate.js");
      setExit(await m.runEvaluate(files, flags, ctx));
    });
};
