import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Writable } from "node:stream";
import { main } from "../../src/cli/main.js";
import { indexRegister } from "../../src/domain/library.js";
import type { Reserve } from "../../src/domain/model.js";
import {
  csvLine,
  ROSTER_BOM,
  ROSTER_EOL,
  ROSTER_HEADERS,
  rosterRows,
  scaleSpec,
  streamDistrict,
} from "../../src/generator/index.js";
import { DISTRICT_FILE, trainingFile, villageFile } from "../../src/io/layout.js";
import { districtText, trainingText, villageText } from "../../src/io/serialize.js";
import { builtFile, noteCliRun, runCli, STACK_TRACE, type CliResult } from "../helpers/cli.js";
import { snapshot, tempDir } from "../helpers/library.js";

/**
 * Shared by the torture tests (docs/reliability.md "How it is tested").
 *
 * RESERVE_TORTURE_ROUNDS sets how hard they try. Unset, every loop runs a count sized for CI (the
 * whole of tests/trust stays within a few minutes on two cores); set, every random loop runs that
 * many rounds and the crash test kills the import at every single step of the write protocol
 * instead of a sample of them. `RESERVE_TORTURE_ROUNDS=300 npx vitest run tests/trust` is a long run.
 */
export const LONG = process.env.RESERVE_TORTURE_ROUNDS !== undefined && process.env.RESERVE_TORTURE_ROUNDS !== "";

/** The number of rounds of a random loop: `ci` unless RESERVE_TORTURE_ROUNDS says otherwise. */
export function rounds(ci: number): number {
  const n = Number(process.env.RESERVE_TORTURE_ROUNDS);
  return LONG && Number.isInteger(n) && n > 0 ? n : ci;
}

/** A test timeout that grows with the rounds asked for. */
export function timeoutFor(ci: number, perRoundMs: number, base = 30_000): number {
  return base + rounds(ci) * perRoundMs;
}

/** Every command of the torture tests runs at the same fixed moment, so their output is stable. */
export const NOW = "2021-12-31T12:00:00+08:00";
export const TODAY = "2021-12-31";

export function cli(args: readonly string[], cwd: string, env: Record<string, string> = {}): CliResult {
  return runCli(args, { cwd, env: { RESERVE_NOW: NOW, ...env } });
}

/** Library content (relative path → SHA-256), leaving out the tool's own state folder. */
export function content(dir: string): Record<string, string> {
  return snapshot(dir, { skip: (rel) => rel === ".reserve" });
}

/**
 * What a finished command may leave in the state folder: the generation stamp, and a cache if the
 * tool keeps one. A lock, a transaction folder, a journal or a temporary file must never remain.
 */
export function leftovers(root: string): string[] {
  const state = join(root, ".reserve");
  if (!existsSync(state)) return [];
  return readdirSync(state).filter((n) => n !== "generation" && !n.startsWith("cache"));
}

/** A stack trace in the output means a bug reached the user. */
export const STACK = STACK_TRACE;

/** The CLI prints this when it meets a bug (messages/ui: `unexpected`). */
export function assertNoBug(r: CliResult): void {
  if (STACK.test(r.stderr) || STACK.test(r.stdout)) {
    throw new Error(`the program met a bug:\n${r.stderr}\n${r.stdout}`);
  }
}

// ---------------------------------------------------------------------------------------------
// A large library from the sample generator.

export interface Generated {
  /** A library holding the district register and trainings, and a few village books. */
  readonly root: string;
  /** A roster (Excel's "CSV UTF-8": BOM, CRLF) of every generated person in the pool. */
  readonly roster: string;
  readonly villages: number;
  readonly rows: number;
}

/**
 * A district made by the sample generator: `villages` villages and about `reserves` people, all of
 * them in one roster. The library starts with the register and `preloaded` village books already
 * in it (their people with another phone number), so that the import both adds and updates.
 */
export function generatedImport(options: { villages: number; reserves: number; preloaded: number }): Generated {
  const dir = tempDir("reserve-trust-");
  const root = join(dir, "lib");
  const spec = scaleSpec({ villages: options.villages, reserves: options.reserves, code: "649901" });
  const stream = streamDistrict(spec, 7);
  const register = indexRegister(stream.district);
  mkdirSync(join(root, "villages"), { recursive: true });
  mkdirSync(join(root, "trainings"), { recursive: true });
  writeFileSync(join(root, DISTRICT_FILE), districtText(stream.district));
  for (const t of stream.trainings) writeFileSync(join(root, trainingFile(t.year)), trainingText(t));
  const towns = new Map(stream.district.towns.map((t) => [t.code, t.name]));
  const lines = [ROSTER_BOM + csvLine(ROSTER_HEADERS)];
  let rows = 0;
  let books = 0;
  let preloaded = 0;
  for (const g of stream.villages()) {
    if (!g.book) continue;
    books++;
    const rowsOf = rosterRows(towns.get(g.village.town) ?? "", g.village.name, g.village.code, g.book.reserves);
    for (const r of rowsOf) lines.push(csvLine(r));
    rows += rowsOf.length;
    if (preloaded < options.preloaded && rowsOf.length > 0) {
      preloaded++;
      const older: Reserve[] = g.book.reserves.map((r, i) => ({ ...r, phone: `1380000${String(i).padStart(4, "0")}` }));
      writeFileSync(join(root, villageFile(g.village.code)), villageText({ ...g.book, reserves: older }, register));
    }
  }
  const roster = join(dir, "roster.csv");
  writeFileSync(roster, lines.join(ROSTER_EOL) + ROSTER_EOL);
  return { root, roster, villages: books, rows };
}

// ---------------------------------------------------------------------------------------------
// Running as another user.

export interface OtherUser {
  /** The command prefix that runs what follows as `nobody`. */
  readonly prefix: readonly string[];
}

/**
 * How to run the CLI as an unprivileged user (permission tests are meaningless as root, which
 * ignores file modes): `setpriv` or `runuser`, when the tests run as root. Undefined, with the
 * reason, when neither is possible; when the tests already run as a normal user, no prefix.
 */
export function otherUser(): OtherUser | { readonly skip: string } {
  if (process.getuid?.() !== 0) return { prefix: [] };
  const has = (cmd: string) => spawnSync("sh", ["-c", `command -v ${cmd}`]).status === 0;
  let prefix: string[] | undefined;
  if (has("setpriv")) prefix = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"];
  else if (has("runuser")) prefix = ["runuser", "-u", "nobody", "--"];
  if (!prefix) return { skip: "running as root and neither setpriv nor runuser is installed" };
  const probe = spawnSync(prefix[0]!, [...prefix.slice(1), "true"]);
  if (probe.status !== 0) return { skip: `${prefix[0]} cannot switch to nobody: ${String(probe.stderr)}` };
  // nobody must be able to reach the bundled CLI: the build folder is private to the test run.
  chmodSync(builtFile("."), 0o755);
  return { prefix };
}

/** Runs the CLI as `user`, with the torture tests' clock. */
export function cliAs(
  user: OtherUser,
  args: readonly string[],
  cwd: string,
  env: Record<string, string> = {},
): CliResult {
  const [cmd, ...rest] = [...user.prefix, process.execPath, builtFile("cli.js"), ...args];
  const r = spawnSync(cmd!, rest, {
    cwd,
    encoding: "utf8",
    env: { PATH: process.env.PATH ?? "", NO_COLOR: "1", RESERVE_USER: "tester", RESERVE_NOW: NOW, HOME: "/", ...env },
    timeout: 60_000,
  });
  noteCliRun(args, r);
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

// ---------------------------------------------------------------------------------------------
// Running the program in-process, for loops of thousands of runs (no process start-up per run).

class Capture extends Writable {
  text = "";
  override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

export interface InProcess {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

/** Runs `reserve args` through the CLI's main(), as the catalogue does, at the torture tests' clock. */
export async function inProcess(args: readonly string[], cwd: string): Promise<InProcess> {
  const stdout = new Capture();
  const stderr = new Capture();
  const env = { NO_COLOR: "1", RESERVE_USER: "tester", RESERVE_NOW: NOW, RESERVE_LOCK_WAIT: "0", PATH: "" };
  const saved = process.env.RESERVE_NOW;
  process.env.RESERVE_NOW = NOW;
  const started = performance.now();
  try {
    const code = await main(args, env, cwd, { stdout, stderr });
    noteCliRun(args, { stderr: stderr.text, stdout: stdout.text });
    return { code, stdout: stdout.text, stderr: stderr.text, ms: performance.now() - started };
  } finally {
    if (saved === undefined) delete process.env.RESERVE_NOW;
    else process.env.RESERVE_NOW = saved;
  }
}
