import { Command, Option } from "commander";
import type { ExitCode } from "../diagnostics/fatal.js";
import { ui } from "../messages/ui.js";
import type { CliContext } from "./context.js";
import { collect } from "./options.js";

declare const __RESERVE_VERSION__: string | undefined;
export const VERSION = typeof __RESERVE_VERSION__ === "string" ? __RESERVE_VERSION__ : "0.0.0-dev";

const TITLES_ZH: Record<string, string> = {
  "Usage:": "用法：",
  "Options:": "选项：",
  "Commands:": "命令：",
  "Arguments:": "参数：",
  "Global Options:": "全局选项：",
};

/**
 * The command registry. Each command's implementation is imported only when it runs, so that
 * `reserve --help` and a small audit do not pay for the importer, the report renderers or xlsx.
 */
export function buildProgram(ctx: CliContext, setExit: (code: ExitCode) => void): Command {
  const t = ui(ctx.lang).help;
  const program = new Command("reserve");
  program
    .description(t.description)
    .version(VERSION, "-V, --version", t.version)
    .helpOption("-h, --help", t.helpOpt)
    .helpCommand("help [command]", t.helpCommand)
    .option("--lang <lang>", t.lang)
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => ctx.out(s.replace(/\n$/, "")),
      writeErr: (s) => ctx.err(s.replace(/\n$/, "")),
      // Errors are translated and printed by main.ts.
      outputError: () => undefined,
    });
  if (ctx.lang === "zh") program.configureHelp({ styleTitle: (s) => TITLES_ZH[s] ?? s });

  const dataOption = () => new Option("--data <dir>", t.data);
  const formatOption = () => new Option("--format <format>", t.format).default(undefined);

  program
    .command("audit")
    .description(t.audit)
    .addOption(dataOption())
    .option("--village <village>", t.village, collect)
    .option("--town <town>", t.town, collect)
    .option("--rule <rule>", t.rule, collect)
    .option("--list-rules", t.listRules)
    .option("--year <year>", t.year)
    .option("--date <date>", t.date)
    .option("--strict", t.strict)
    .addOption(formatOption())
    .action(async (flags: Record<string, unknown>) => {
      const m = await import("./commands/audit.js");
      setExit(await m.runAudit(flags, ctx));
    });

  program
    .command("init")
    .description(t.init)
    .argument("<dir>", t.initDir)
    .requiredOption("--register <file>", t.register)
    .option("--name <name>", t.districtName)
    .option("--year <year>", t.yearOpt)
    .action(async (dir: string, flags: Record<string, unknown>) => {
      const m = await import("./commands/init.js");
      setExit(await m.runInit(dir, flags, ctx));
    });

  if (ctx.lang === "zh") {
    for (const cmd of program.commands) {
      cmd.helpOption("-h, --help", t.helpOpt);
      cmd.configureHelp({ styleTitle: (s) => TITLES_ZH[s] ?? s });
    }
  }
  return program;
}
