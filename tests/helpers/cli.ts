import { spawnSync, spawn, type ChildProcess, type SpawnSyncReturns } from "node:child_process";
import { join } from "node:path";

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * A stack trace, or the CLI's words for a bug (messages/ui `unexpected`): nothing a user can cause
 * may show one. Frames as V8 prints them (`    at fn (file:line:col)`, `    at file:line:col`,
 * `    at new X (<anonymous>)`).
 */
export const STACK_TRACE = /^\s+at .+(:\d+:\d+\)?|\((native|<anonymous>)\))$|程序内部错误|internal error/m;

const runsWithStack: string[] = [];

/**
 * Every run of the CLI in the suite passes its output here (runCli, startCli, the in-process and
 * catalogue runners); one assertion after each test (tests/helpers/no-stack-trace.ts) fails the
 * test in which a run printed a stack trace.
 */
export function noteCliRun(args: readonly string[], output: { stderr: string; stdout?: string }): void {
  for (const text of [output.stderr, output.stdout ?? ""]) {
    if (STACK_TRACE.test(text)) {
      runsWithStack.push(`reserve ${args.join(" ")}\n${text}`);
      return;
    }
  }
}

/** The runs noted since the last call that printed a stack trace; the list is emptied. */
export function takeRunsWithStack(): string[] {
  return runsWithStack.splice(0);
}

export function builtFile(name: string): string {
  const dir = process.env.RESERVE_TEST_BUILD;
  if (!dir)
    throw new Error("RESERVE_TEST_BUILD is not set: run the tests through vitest (global set-up builds the CLI)");
  return join(dir, name);
}

/** Runs the bundled CLI as a user would, without colour, with a fixed clock and user name. */
export function runCli(args: readonly string[], options: { cwd: string; env?: Record<string, string> }): CliResult {
  const r: SpawnSyncReturns<string> = spawnSync(process.execPath, [builtFile("cli.js"), ...args], {
    cwd: options.cwd,
    encoding: "utf8",
    env: { PATH: process.env.PATH ?? "", NO_COLOR: "1", RESERVE_USER: "tester", ...options.env },
    timeout: 120_000,
  });
  noteCliRun(args, r);
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Starts the CLI without waiting, for tests of concurrency and crashes. */
export function startCli(args: readonly string[], options: { cwd: string; env?: Record<string, string> }) {
  const child = spawn(process.execPath, [builtFile("cli.js"), ...args], {
    cwd: options.cwd,
    env: { PATH: process.env.PATH ?? "", NO_COLOR: "1", RESERVE_USER: "tester", ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  watchStderr(child, args);
  return child;
}

/** Notes a started run's standard error when it ends (a listener of its own; the caller's still get every chunk). */
export function watchStderr(child: ChildProcess, args: readonly string[]): void {
  let stderr = "";
  child.stderr?.on("data", (b: Buffer) => (stderr += b.toString()));
  child.on("close", () => noteCliRun(args, { stderr }));
}
