import { ui } from "../../messages/ui.js";
import type { RegisterCommand } from "./types.js";

export const registerInit: RegisterCommand = (program, ctx, setExit) => {
  const t = ui(ctx.lang).help;
  program
    .command("init")
    .description(t.init)
    .argument("<dir>", t.initDir)
    .option("--district <code>", ui(ctx.lang).init.districtOpt)
    .option("--register <file>", t.register)
    .option("--name <name>", t.districtName)
    .option("--year <year>", t.yearOpt)
    .action(async (dir: string, flags: Record<string, unknown>) => {
      const m = await import("../commands/init.js");
      setExit(await m.runInit(dir, flags, ctx));
    });
};
