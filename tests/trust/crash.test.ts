import { spawn, spawnSync } from "node:child_process";
import { cpSync, existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { builtFile, noteCliRun } from "../helpers/cli.js";
import { tempDir } from "../helpers/library.js";
import { assertNoBug, cli, content, generatedImport, leftovers, LONG, NOW, rounds, timeoutFor } from "./helpers.js";

/**
 * Crash consistency of a real `reserve import` (docs/reliability.md "How it is tested"): a roster of
 * every person of a generated district — hundreds of villages, tens of thousands of rows — imported
 * into a library that already holds some of them, killed with SIGKILL at the steps of the write
 * protocol (RESERVE_CRASH_AT) and at random moments. After each kill the next command recovers, the
 * library's files hash exactly as before the import or exactly as after it, and no lock, journal or
 * temporary file is left.
 *
 * CI kills it at every named step and at one temporary file and one rename in the middle
 * (tests/io/crash.test.ts kills a smaller write at every single file), and at a few random moments.
 * With RESERVE_TORTURE_ROUNDS=N, on a district twice the size: after N temporary files and N renames
 * spread evenly over the write (every one of them when N is at least the number of files), and at
 * N random moments.
 */

const SIZE = LONG ? { villages: 600, reserves: 30_000 } : { villages: 300, reserves: 15_000 };
const ENV = { PATH: process.env.PATH ?? "", NO_COLOR: "1", RESERVE_USER: "tester", RESERVE_NOW: NOW };

function copyOf(src: string): string {
  const dir = tempDir("reserve-crash-");
  cpSync(src, join(dir, "lib"), { recursive: true });
  return join(dir, "lib");
}

function importArgs(root: string, roster: string): string[] {
  return [builtFile("cli.js"), "import", roster, "--data", root, "--wait", "60"];
}

/** The command run after each kill: a reader, which finishes or undoes the interrupted write first. */
function next(root: string): { stdout: string; stderr: string } {
  const r = cli(["show", "towns", "--data", root], root);
  assertNoBug(r);
  expect(r.code, r.stderr).toBe(0);
  return r;
}

describe("a large import killed at any moment", () => {
  const g = generatedImport({ ...SIZE, preloaded: 30 });
  const before = content(g.root);
  const reference = copyOf(g.root);
  const started = Date.now();
  const done = spawnSync(process.execPath, importArgs(reference, g.roster), { encoding: "utf8", env: ENV });
  noteCliRun(["import", g.roster], done);
  const importMs = Date.now() - started;
  const after = content(reference);
  // What a reader shows in each state (through the library cache, when there is one).
  const shown = { before: next(copyOf(g.root)).stdout, after: next(reference).stdout };
  const changed = Object.keys(after).filter((k) => after[k] !== before[k]);
  // Each changed file, and the generation stamp, is one temporary file and one rename.
  const files = changed.length + 1;

  it("imports every row of a large generated roster when nothing goes wrong", () => {
    expect(done.status, done.stderr).toBe(0);
    expect(g.rows).toBeGreaterThan(SIZE.reserves * 0.9);
    expect(g.villages).toBeGreaterThanOrEqual(SIZE.villages * 0.9);
    expect(changed.filter((k) => k.startsWith("villages/")).length).toBeGreaterThanOrEqual(g.villages);
    expect(changed.filter((k) => k.startsWith("history/"))).toHaveLength(1);
  });

  /** Which of the n files to kill after: the middle one; run long, as many as the rounds asked, spread evenly. */
  const pick = (n: number) => {
    if (!LONG) return [n >> 1];
    const k = Math.min(n, Math.max(2, rounds(2)));
    return [...new Set(Array.from({ length: k }, (_, i) => 1 + Math.round((i * (n - 1)) / (k - 1))))];
  };
  const points: [string, "before" | "after"][] = [
    ...pick(files).map((i) => [`tx:after-temp:${i}`, "before"] as [string, "before"]),
    ["tx:after-temps", "before"],
    ["tx:journal-written", "before"],
    ["tx:after-journal", "after"],
    ...pick(files).map((i) => [`tx:after-rename:${i}`, "after"] as [string, "after"]),
    ["tx:before-journal-clear", "after"],
    ["tx:after-journal-clear", "after"],
  ];

  it(
    `killed at each step of the write protocol (${points.length} steps), the next command leaves it as before or after`,
    () => {
      for (const [point, expected] of points) {
        const root = copyOf(g.root);
        const killed = spawnSync(process.execPath, importArgs(root, g.roster), {
          encoding: "utf8",
          env: { ...ENV, RESERVE_CRASH_AT: point },
        });
        noteCliRun(["import", g.roster], killed);
        expect(killed.signal, `${point}: ${killed.stderr}`).toBe("SIGKILL");
        const r = next(root);
        expect(r.stderr, point).toMatch(/已移除无效的写入锁/);
        if (point === "tx:after-journal-clear") expect(r.stderr).not.toMatch(/中断的写入/);
        else expect(r.stderr, point).toMatch(expected === "after" ? /上次被中断的写入已完成/ : /已撤销/);
        expect(content(root), point).toEqual(expected === "after" ? after : before);
        expect(r.stdout, point).toBe(shown[expected]);
        expect(leftovers(root), point).toEqual([]);
      }
    },
    timeoutFor(0, 0, 60_000 + points.length * 12_000),
  );

  const n = rounds(4);
  it(
    `killed at ${n} random moments, half of them while it writes, it is always exactly before or after`,
    async () => {
      // How long the writing takes: from the transaction folder's appearance to the end.
      const probe = copyOf(g.root);
      const tx = join(probe, ".reserve", "tx");
      const t0 = Date.now();
      const child = spawn(process.execPath, importArgs(probe, g.roster), { stdio: "ignore", env: ENV });
      let seen = 0;
      const exited = new Promise((r) => child.on("exit", r));
      let finished = false;
      void exited.then(() => (finished = true));
      while (!finished) {
        if (!seen && existsSync(tx)) seen = Date.now();
        await new Promise((r) => setTimeout(r, 1));
      }
      const writeMs = Math.max(20, Date.now() - (seen || t0));

      const outcomes = { before: 0, after: 0 };
      for (let i = 0; i < n; i++) {
        const root = copyOf(g.root);
        const proc = spawn(process.execPath, importArgs(root, g.roster), { stdio: "ignore", env: ENV });
        const gone = new Promise((r) => proc.on("exit", r));
        if (i % 2 === 0) {
          await new Promise((r) => setTimeout(r, Math.random() * importMs));
        } else {
          const deadline = Date.now() + importMs * 3;
          while (!existsSync(join(root, ".reserve", "tx")) && Date.now() < deadline && proc.exitCode === null) {
            await new Promise((r) => setTimeout(r, 1));
          }
          await new Promise((r) => setTimeout(r, Math.random() * writeMs));
        }
        proc.kill("SIGKILL");
        await gone;
        const r = next(root);
        const now = content(root);
        const state = JSON.stringify(now) === JSON.stringify(after) ? "after" : "before";
        expect(now, `round ${i}`).toEqual(state === "after" ? after : before);
        expect(r.stdout, `round ${i}`).toBe(shown[state]);
        // And once more, now that the state is settled (a second reader reads what the first cached).
        expect(next(root).stdout, `round ${i}`).toBe(shown[state]);
        expect(leftovers(root), `round ${i}`).toEqual([]);
        outcomes[state]++;
      }
      expect(outcomes.before + outcomes.after).toBe(n);
    },
    timeoutFor(4, 15_000, 60_000),
  );
});
