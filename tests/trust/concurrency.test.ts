import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Reserve } from "../../src/domain/model.js";
import { loadLibrary } from "../../src/io/load-library.js";
import { builtFile, watchStderr } from "../helpers/cli.js";
import { makeLibrary, person, tempDir } from "../helpers/library.js";
import { rosterFor, V1, V2, V4 } from "./fixtures.js";
import { assertNoBug, cli, content, leftovers, NOW, rounds, timeoutFor, TODAY } from "./helpers.js";

/**
 * Concurrency (docs/reliability.md): imports of overlapping villages started together, with random
 * offsets, never lose an update — the library ends holding every import that reported success, in
 * files that all parse, with one history entry each and no lock left behind — and a live lock is
 * never broken, however many writers race for a stale one.
 */

const ENV = { PATH: process.env.PATH ?? "", NO_COLOR: "1", RESERVE_USER: "tester", RESERVE_NOW: NOW };

interface Run {
  readonly code: number | null;
  readonly stderr: string;
}

function start(args: readonly string[], cwd: string): { child: ChildProcess; done: Promise<Run> } {
  const child = spawn(process.execPath, [builtFile("cli.js"), ...args], { cwd, env: ENV });
  watchStderr(child, args);
  let stderr = "";
  child.stderr.on("data", (b: Buffer) => (stderr += b.toString()));
  child.stdout.resume();
  const done = new Promise<Run>((resolve) => child.on("close", (code) => resolve({ code, stderr })));
  return { child, done };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function historyEntries(root: string): string[] {
  const dir = join(root, "history", "2021");
  return existsSync(dir) ? readdirSync(dir) : [];
}

describe("imports started together", () => {
  it(
    "never lose an update: every successful import is in the library, every file parses, no lock is left",
    async () => {
      const n = rounds(8);
      for (let round = 0; round < n; round++) {
        const dir = tempDir("reserve-concurrent-");
        const root = join(dir, "data");
        const existing = Array.from({ length: 4 }, (_, i) => person(V1, i + 1));
        makeLibrary({ books: { [V1]: existing, [V2]: [person(V2, 1)] } }, root);
        const writers = 2 + (round % 3);
        // Writer k adds one person to each of 沙坡村 and 黄河村 (and 红泉村 for odd k) and gives
        // 沙坡村's k-th reserve a new phone: every writer changes the same village files.
        const plans = Array.from({ length: writers }, (_, k) => {
          const added = [person(V1, 20 + k), person(V2, 20 + k), ...(k % 2 ? [person(V4, 20 + k)] : [])];
          const phone = `1370000${String(round).padStart(2, "0")}${String(k).padStart(2, "0")}`;
          const updated: Reserve = { ...existing[k]!, phone };
          writeFileSync(join(dir, `roster-${k}.csv`), rosterFor([...added, updated]));
          return { added, updated };
        });
        const runs = [];
        for (let k = 0; k < writers; k++) {
          runs.push(start(["import", `roster-${k}.csv`, "--wait", "60"], dir).done);
          await sleep(Math.random() * 120);
        }
        const results = await Promise.all(runs);
        for (const r of results) {
          expect(r.stderr).not.toMatch(/程序内部错误|\n\s+at /);
          expect([0, 3]).toContain(r.code);
        }
        const accepted = plans.filter((_, k) => results[k]!.code === 0);
        expect(accepted.length, `round ${round}`).toBe(writers);

        const loaded = loadLibrary(root, { today: TODAY, cwd: dir });
        expect(loaded.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
        const people = new Map(loaded.library!.books.flatMap((b) => b.reserves.map((r) => [r.id_number, r])));
        for (const p of accepted) {
          for (const a of p.added) expect(people.get(a.id_number)?.name, `round ${round}`).toBe(a.name);
          expect(people.get(p.updated.id_number)?.phone, `round ${round}`).toBe(p.updated.phone);
        }
        expect(historyEntries(root)).toHaveLength(accepted.length);
        expect(leftovers(root)).toEqual([]);
      }
    },
    timeoutFor(8, 8_000),
  );
});

describe("the lock", () => {
  /** A process that stays alive until killed, holding the lock as a writer would. */
  function liveHolder(root: string): ChildProcess {
    const child = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" });
    const stat = readFileSync(`/proc/${child.pid}/stat`, "utf8");
    const ticks = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19]);
    mkdirSync(join(root, ".reserve"), { recursive: true });
    writeFileSync(
      join(root, ".reserve", "lock"),
      `${JSON.stringify({
        pid: child.pid,
        host: hostname(),
        user: "zhang",
        command: "import",
        started: "2021-12-31T04:00:00.000Z",
        ticks,
        token: "live",
      })}\n`,
    );
    return child;
  }

  it("held by a live process is never broken: every writer waits, then fails with exit 3 naming it", async () => {
    const dir = tempDir("reserve-concurrent-");
    const root = join(dir, "data");
    makeLibrary({ books: { [V1]: [person(V1, 1), person(V1, 2)] } }, root);
    writeFileSync(join(dir, "roster.csv"), rosterFor([person(V1, 3)]));
    const holder = liveHolder(root);
    try {
      const lock = readFileSync(join(root, ".reserve", "lock"));
      const before = content(root);
      const runs = Array.from({ length: 4 }, () => start(["import", "roster.csv", "--wait", "1.5"], dir).done);
      const readers = [cli(["audit", "--date", TODAY], dir), cli(["show", "towns"], dir)];
      for (const r of await Promise.all(runs)) {
        expect(r.code).toBe(3);
        expect(r.stderr).toContain(
          `库正被另一个进程使用：zhang@${hostname()} 运行的 reserve import（进程 ${holder.pid}`,
        );
      }
      // Readers take no lock: they are not held up, and they break nothing.
      for (const r of readers) {
        assertNoBug(r);
        expect(r.stderr).not.toMatch(/已移除无效的写入锁/);
      }
      expect(readFileSync(join(root, ".reserve", "lock"))).toEqual(lock);
      expect(content(root)).toEqual(before);
    } finally {
      holder.kill("SIGKILL");
      await new Promise((r) => holder.on("exit", r));
    }
    // Once its holder is gone, the next writer removes the lock with a notice and goes ahead.
    const after = cli(["import", "roster.csv"], dir);
    expect(after.code, after.stderr).toBe(0);
    expect(after.stderr).toMatch(/已移除无效的写入锁（zhang@/);
    expect(leftovers(root)).toEqual([]);
  }, 60_000);

  it(
    "left by a dead process is broken once: of writers racing for it, one at a time holds the lock",
    async () => {
      const n = rounds(12);
      const outcomes = new Map<string, number>();
      for (let round = 0; round < n; round++) {
        const root = makeLibrary({ books: { [V1]: [person(V1, 1)] } });
        mkdirSync(join(root, ".reserve"));
        const dead = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], {
          encoding: "utf8",
        });
        writeFileSync(
          join(root, ".reserve", "lock"),
          JSON.stringify({ pid: Number(dead.stdout), host: hostname(), user: "li", command: "import", token: "dead" }),
        );
        const at = Date.now() + 400;
        const drivers = Array.from(
          { length: 6 },
          () =>
            new Promise<string>((resolve) => {
              const child = spawn(process.execPath, [builtFile("lock-driver.js"), root, String(at), "3"], {
                stdio: ["ignore", "pipe", "inherit"],
              });
              let out = "";
              child.stdout.on("data", (b: Buffer) => (out += b.toString()));
              child.on("close", () => resolve(out.trim()));
            }),
        );
        for (const o of await Promise.all(drivers)) outcomes.set(o, (outcomes.get(o) ?? 0) + 1);
        expect(existsSync(join(root, ".reserve", "lock")), `round ${round}`).toBe(false);
        expect(readdirSync(join(root, ".reserve")), `round ${round}`).toEqual([]);
      }
      expect(Object.fromEntries(outcomes)).toEqual({ ok: n * 6 });
    },
    timeoutFor(12, 3_000),
  );
});
