import { Option } from "commander";
import { ui } from "../../messages/ui.js";
import type { RegisterCommand } from "./types.js";

export const registerMove: RegisterCommand = (program, ctx, setExit) => {
  const t = ui(ctx.lang);
  program
    .command("move")
    .description(t.importHelp.move)
    .argument("<person>", t.importHelp.person)
    .requiredOption("--to <village>", t.importHelp.to)
    .requiredOption("--reason <text>", t.importHelp.moveReason)
    .option("--date <date>", t.importHelp.moveDate)
    .option("--out-of-pool", t.importHelp.outOfPool)
    .addOption(new Option("--data <dir>", t.help.data))
    .option("--format <format>", t.help.format)
    .option("--wait <seconds>", t.help.wait)
    .action(async (person: string, flags: Record<string, unknown>) => {
      const m = await import("../commands/move.js");
      setExit(await m.runMove(person, flags, ctx));
    });
};
