import * as path from "node:path";
import { CommanderError } from "commander";
import { EXIT, fatalFromSystemError, ReserveError, type ExitCode } from "../diagnostics/fatal.js";
import { langChoice, type BadLang, type Lang } from "../messages/lang.js";
import { renderFatal } from "../messages/render.js";
import { ui } from "../messages/ui.js";
import type { CliContext } from "./context.js";
import { buildProgram } from "./program.js";
import { styleFor } from "./style.js";
import { usageMessage } from "./usage-errors.js";

/** The language asked for on the command line, read before the parser is built (help is translated). */
function langFromArgv(argv: readonly string[], env: NodeJS.ProcessEnv): { lang: Lang; bad?: BadLang } {
  const i = argv.findIndex((a) => a === "--lang" || a.startsWith("--lang="));
  const flag = i === -1 ? undefined : argv[i]!.includes("=") ? argv[i]!.split("=")[1] : argv[i + 1];
  return langChoice(flag, env);
}

/** The command named on the command line (after a leading --lang), if it is one of `commands`. */
function commandOf(argv: readonly string[], commands: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--lang") i++;
    else if (!a.startsWith("-")) return commands.includes(a) ? a : undefined;
  }
  return undefined;
}

/** A usage error knows its option; the command whose help describes it comes from the command line. */
function withCommand(err: ReserveError, command: string | undefined): ReserveError {
  if (err.code !== "usage" || command === undefined || err.args.command !== undefined) return err;
  return new ReserveError("usage", { ...err.args, command });
}

/**
 * Where the library folder was named, read from the command line as options.ts dataRoot reads
 * it (--data, then RESERVE_DATA, then ./data), so that "no library there" shows the folder as
 * the user typed it and says where it came from.
 */
function dataAsNamed(argv: readonly string[], env: NodeJS.ProcessEnv): { typed: string; source: string } {
  let typed: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--") break;
    if (a === "--data" && i + 1 < argv.length) typed = argv[++i]!;
    else if (a.startsWith("--data=")) typed = a.slice("--data=".length);
  }
  if (typed !== undefined) return { typed, source: "flag" };
  if (env.RESERVE_DATA !== undefined) return { typed: env.RESERVE_DATA, source: "env" };
  return { typed: "data", source: "default" };
}

/** A refused library folder named as the user named it, when it is the folder they named. */
function asNamed(err: ReserveError, argv: readonly string[], env: NodeJS.ProcessEnv, cwd: string): ReserveError {
  if (err.code !== "library-not-found" && err.code !== "no-library") return err;
  const { typed, source } = dataAsNamed(argv, env);
  if (typed === "" || path.resolve(cwd, typed) !== err.args.abs) return err;
  return new ReserveError(err.code, { ...err.args, path: typed, source });
}

export interface Streams {
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
}

/**
 * Runs the program for `argv` (without node and script) and returns the exit code. The only place
 * that turns errors into text and exit codes; nothing a user can cause ends in a stack trace.
 */
export async function main(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  cwd: string,
  streams: Streams,
): Promise<ExitCode> {
  const { lang, bad } = langFromArgv(argv, env);
  const ctx: CliContext = {
    lang,
    cwd,
    env,
    out: (text) => void streams.stdout.write(`${text}\n`),
    err: (text) => void streams.stderr.write(`${text}\n`),
    stdoutStyle: () => styleFor(streams.stdout, env),
    stderrStyle: () => styleFor(streams.stderr, env),
    ...(streams.stderr.isTTY === true && { stderrTerminal: streams.stderr }),
  };
  if (bad) {
    const t = ui(lang).usage;
    const { message, hint } = renderFatal(
      new ReserveError("usage", { detail: t.badLang(bad.value, bad.source), hint: t.badLangHint(bad.source) }),
      lang,
    );
    const style = await ctx.stderrStyle();
    ctx.err(`reserve: ${style.error(ui(lang).severity.error)} ${message}`);
    ctx.err(`  ${style.dim(`${ui(lang).hint}${hint}`)}`);
    return EXIT.usage;
  }
  let exit: ExitCode = EXIT.ok;
  const program = buildProgram(ctx, (code) => {
    exit = code;
  });
  try {
    await program.parseAsync([...argv], { from: "user" });
    return exit;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === "commander.helpDisplayed" || err.code === "commander.version" || err.code === "commander.help") {
        return EXIT.ok;
      }
      const { message, hint } = usageMessage(
        err,
        lang,
        commandOf(
          argv,
          program.commands.map((c) => c.name()),
        ),
      );
      ctx.err(`reserve: ${message}`);
      if (hint) ctx.err(`  ${ui(lang).hint}${hint}`);
      return EXIT.usage;
    }
    if (err instanceof ReserveError) {
      const style = await ctx.stderrStyle();
      const named = program.commands.map((c) => c.name());
      const { message, hint } = renderFatal(withCommand(asNamed(err, argv, env, cwd), commandOf(argv, named)), lang);
      ctx.err(`reserve: ${style.error(ui(lang).severity.error)} ${message}`);
      ctx.err(`  ${style.dim(`${ui(lang).hint}${hint}`)}`);
      return err.exitCode;
    }
    const sys = err as NodeJS.ErrnoException;
    const mapped = fatalFromSystemError(err, sys?.path ?? cwd);
    if (mapped) {
      const { message, hint } = renderFatal(mapped, lang);
      ctx.err(`reserve: ${message}`);
      ctx.err(`  ${ui(lang).hint}${hint}`);
      return mapped.exitCode;
    }
    // A bug: say so plainly, with what a maintainer needs, and exit as an environment failure.
    ctx.err(`reserve: ${ui(lang).unexpected}`);
    ctx.err(String((err as Error)?.stack ?? err));
    return EXIT.environment;
  }
}
