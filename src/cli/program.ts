import { Command } from "commander";
import type { ExitCode } from "../diagnostics/fatal.js";
import { ui } from "../messages/ui.js";
import type { CliContext } from "./context.js";
import { registerAudit } from "./register/audit.js";
import { registerEvaluate } from "./register/evaluate.js";
import { registerExport } from "./register/export.js";
import { registerImport } from "./register/import.js";
import { registerInit } from "./register/init.js";
import { registerRecord } from "./register/record.js";
import { registerReport } from "./register/report.js";
import { registerShow } from "./register/show.js";
import { registerMove } from "./register/move.js";
import { registerTemplate } from "./register/template.js";
import type { RegisterCommand } from "./register/types.js";

declare const __RESERVE_VERSION__: string | undefined;
export const VERSION = typeof __RESERVE_VERSION__ === "string" ? __RESERVE_VERSION__ : "0.0.0-dev";

/** The commands, in the order `reserve --help` lists them. */
const COMMANDS: readonly RegisterCommand[] = [
  registerInit,
  registerImport,
  registerRecord,
  registerAudit,
  registerReport,
  registerEvaluate,
  registerExport,
  registerShow,
  registerMove,
  registerTemplate,
];

/** The width help text is wrapped at. */
export const HELP_WIDTH = 80;

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
      // Help is laid out for 80 columns on every terminal, so that bin/ can print it pre-rendered
      // (scripts/bundle.mjs) without loading this parser.
      getOutHelpWidth: () => HELP_WIDTH,
      getErrHelpWidth: () => HELP_WIDTH,
    });
  if (ctx.lang === "zh") program.configureHelp({ styleTitle: (s) => TITLES_ZH[s] ?? s });

  for (const register of COMMANDS) register(program, ctx, setExit);

  if (ctx.lang === "zh") {
    for (const cmd of program.commands) {
      cmd.helpOption("-h, --help", t.helpOpt);
      cmd.configureHelp({ styleTitle: (s) => TITLES_ZH[s] ?? s });
    }
  }
  return program;
}
