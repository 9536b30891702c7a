import { Option } from "commander";
import { ui } from "../../messages/ui.js";
import type { RegisterCommand } from "./types.js";

export const registerImport: RegisterCommand = (program, ctx, setExit) => {
  const t = ui(ctx.lang);
  program
    .command("import")
    .description(t.importHelp.import)
    .argument("<files...>", t.importHelp.files)
    .addOption(new Option("--data <dir>", t.help.data))
    .option("--dry-run", t.importHelp.dryRun)
    .option("--format <format>", t.help.format)
    .option("--sheet <name>", t.importHelp.sheet)
    .option("--reason <text>", t.importHelp.reason)
    .option("--wait <seconds>", t.help.wait)
    .action(async (files: string[], flags: Record<string, unknown>) => {
      const m = await import("../commands/import.js");
      setExit(await m.runImport(files, flags, ctx));
    });
};
