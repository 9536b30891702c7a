import { Option } from "commander";
import { ui } from "../../messages/ui.js";
import { collect } from "../options.js";
import type { RegisterCommand } from "./types.js";

export const registerTemplate: RegisterCommand = (program, ctx, setExit) => {
  const t = ui(ctx.lang);
  program
    .command("template")
    .description(t.importHelp.template)
    .argument("[kind]", t.importHelp.templateKind)
    .option("--out <file>", t.importHelp.out)
    .option("--format <format>", t.importHelp.templateFormat)
    .addOption(new Option("--data <dir>", t.importHelp.templateData))
    .option("--town <town>", t.importHelp.templateTown, collect)
    .action(async (kind: string | undefined, flags: Record<string, unknown>) => {
      const m = await import("../commands/template.js");
      setExit(await m.runTemplate(kind, flags, ctx));
    });
};
