import { spawnSync, spawn, type SpawnSyncReturns } from "node:child_process";
import { join } from "node:path";

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
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
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Starts the CLI without waiting, for tests of concurrency and crashes. */
export function startCli(args: readonly string[], options: { cwd: string; env?: Record<string, string> }) {
  return spawn(process.execPath, [builtFile("cli.js"), ...args], {
    cwd: options.cwd,
    env: { PATH: process.env.PATH ?? "", NO_COLOR: "1", RESERVE_USER: "tester", ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
}
