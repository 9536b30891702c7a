import { ui } from "../../messages/ui.js";
import type { RegisterCommand } from "./types.js";

export const registerTemplate: RegisterCommand = (program, ctx, setExit) => {
  const t = ui(ctx.lang);
  program
    .command("template")
    .description(t.importHelp.template)
    .option("--out <file>", t.importHelp.out)
    .option("--format <format>", t.importHelp.templateFormat)
    .action(async (flags: Record<string, unknown>) => {
      const m = await import("../commands/template.js");
      setExit(await m.runTemplate(flags, ctx));
    });
};
