import { Option } from "commander";
import { ui } from "../../messages/ui.js";
import type { RegisterCommand } from "./types.js";

export const registerRecord: RegisterCommand = (program, ctx, setExit) => {
  const t = ui(ctx.lang);
  program
    .command("record")
    .description(t.recordHelp.command)
    .argument("<kind>", t.recordHelp.kind)
    .argument("<files...>", t.recordHelp.files)
    .addOption(new Option("--data <dir>", t.help.data))
    .option("--dry-run", t.recordHelp.dryRun)
    .option("--format <format>", t.help.format)
    .option("--sheet <name>", t.importHelp.sheet)
    .option("--reason <text>", t.recordHelp.reason)
    .option("--wait <seconds>", t.help.wait)
    .action(async (kind: string, files: string[], flags: Record<string, unknown>) => {
      const m = await import("../commands/record.js");
      setExit(await m.runRecord(kind, files, flags, ctx));
    });
};
