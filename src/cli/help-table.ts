import type { Lang } from "../messages/lang.js";
import { KEY_SEPARATOR, type HelpTable, type PrintedHelp } from "./fast-help.js";
import { main } from "./main.js";
import { buildProgram } from "./program.js";

/**
 * What the program prints for the invocations that only ask for help or the version, rendered at
 * build time by running the real program (scripts/bundle.mjs), so that bin/ can answer them
 * without loading the command-line parser (fast.ts). tests/perf/fast-path.test.ts checks that
 * every entry still equals what the program prints.
 */

export const LANGS: readonly Lang[] = ["zh", "en"];

/** The invocations answered from the table: the program's help and version, each command's help. */
export function helpForms(commands: readonly string[]): string[][] {
  const forms: string[][] = [[], ["-h"], ["--help"], ["help"], ["-V"], ["--version"]];
  for (const c of commands) forms.push([c, "-h"], [c, "--help"], ["help", c]);
  return forms;
}

/** The names of the program's commands, as the real program registers them. */
export function commandNames(): string[] {
  const ctx = {
    lang: "en" as const,
    cwd: "/",
    env: {},
    out: () => undefined,
    err: () => undefined,
    stdoutStyle: () => Promise.reject(new Error("unused")),
    stderrStyle: () => Promise.reject(new Error("unused")),
  };
  return buildProgram(ctx, () => undefined).commands.map((c) => c.name());
}

/** Runs the real program on `argv` in `lang` and captures what it prints and returns. */
export async function printed(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<PrintedHelp> {
  let stdout = "";
  let stderr = "";
  const sink = (add: (s: string) => void) =>
    ({
      write(chunk: unknown) {
        add(String(chunk));
        return true;
      },
    }) as unknown as NodeJS.WritableStream;
  const code = await main(argv, env, "/", {
    stdout: sink((s) => (stdout += s)),
    stderr: sink((s) => (stderr += s)),
  });
  return { stdout, stderr, code };
}

export async function renderHelpTable(): Promise<HelpTable> {
  const forms = helpForms(commandNames());
  const entries: Record<string, Record<string, PrintedHelp>> = {};
  for (const lang of LANGS) {
    const table: Record<string, PrintedHelp> = {};
    for (const argv of forms) table[argv.join(KEY_SEPARATOR)] = await printed(argv, { RESERVE_LANG: lang });
    entries[lang] = table;
  }
  return { entries: entries as Record<Lang, Record<string, PrintedHelp>> };
}
