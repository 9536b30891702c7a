import { Option } from "commander";
import { ui } from "../../messages/ui.js";
import { collect } from "../options.js";
import type { RegisterCommand } from "./types.js";

export const registerAudit: RegisterCommand = (program, ctx, setExit) => {
  const t = ui(ctx.lang).help;
  program
    .command("audit")
    .description(t.audit)
    .addOption(new Option("--data <dir>", ui(ctx.lang).rollup.dataMany).argParser(collect))
    .option("--village <village>", t.village, collect)
    .option("--town <town>", t.town, collect)
    .option("--rule <rule>", t.rule, collect)
    .option("--list-rules", t.listRules)
    .option("--year <year>", t.year)
    .option("--date <date>", t.date)
    .option("--strict", t.strict)
    .option("--format <format>", t.format)
    .action(async (flags: Record<string, unknown>) => {
      const m = await import("../commands/audit.js");
      setExit(await m.runAudit(flags, ctx));
    });
};
