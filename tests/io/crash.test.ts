import { spawn, spawnSync } from "node:child_process";
import { cpSync, existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { builtFile, runCli } from "../helpers/cli.js";
import { bigLibrary, snapshot, tempDir } from "../helpers/library.js";

/** Library content, leaving out the tool's own state folder. */
const content = (dir: string) => snapshot(dir, { skip: (rel) => rel === ".reserve" });

function copyOf(src: string): string {
  const dir = tempDir();
  cpSync(src, dir, { recursive: true });
  return dir;
}

function drive(dir: string, tag: string, env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [builtFile("write-driver.js"), dir, tag], {
    encoding: "utf8",
    env: { PATH: process.env.PATH ?? "", ...env },
  });
}

function leftovers(dir: string): string[] {
  const state = join(dir, ".reserve");
  if (!existsSync(state)) return [];
  // The commit stamp and the library cache (derived data, see src/io/library-cache.ts) stay by design.
  return readdirSync(state).filter((n) => n !== "generation" && n !== "cache");
}

const VILLAGES = 12;

describe("a multi-village write killed at any step", () => {
  const base = bigLibrary(VILLAGES, 3);
  const before = content(base);
  const done = copyOf(base);
  const normal = drive(done, "after");
  const after = content(done);

  it("changes every village file when it is not interrupted", () => {
    expect(normal.status).toBe(0);
    const changed = Object.keys(after).filter((k) => after[k] !== before[k]);
    expect(changed.filter((k) => k.startsWith("villages/"))).toHaveLength(VILLAGES);
    expect(changed.filter((k) => k.startsWith("history/"))).toHaveLength(1);
  });

  // One temp file per village, the history entry and the generation stamp.
  const files = VILLAGES + 2;
  const beforeCommit = [
    ...Array.from({ length: files }, (_, i) => `tx:after-temp:${i + 1}`),
    "tx:after-temps",
    "tx:journal-written",
  ];
  const afterCommit = [
    "tx:after-journal",
    ...Array.from({ length: files }, (_, i) => `tx:after-rename:${i + 1}`),
    "tx:before-journal-clear",
  ];

  it.each([...beforeCommit.map((p) => [p, "before"]), ...afterCommit.map((p) => [p, "after"])])(
    "killed at %s, the next command leaves the library as it was %s",
    (point, expected) => {
      const dir = copyOf(base);
      const killed = drive(dir, "after", { RESERVE_CRASH_AT: point });
      expect(killed.signal).toBe("SIGKILL");
      // Any command recovers: the dead writer's lock is removed and the journal finished or undone.
      const next = runCli(["audit", "--data", dir], { cwd: dir });
      expect(next.stderr).toMatch(/已移除无效的写入锁/);
      expect(next.stderr).toMatch(expected === "after" ? /上次被中断的写入已完成/ : /已撤销/);
      expect(content(dir)).toEqual(expected === "after" ? after : before);
      expect(leftovers(dir)).toEqual([]);
    },
  );

  it("killed after the journal is cleared, the change stands and only the empty folder is removed", () => {
    const dir = copyOf(base);
    expect(drive(dir, "after", { RESERVE_CRASH_AT: "tx:after-journal-clear" }).signal).toBe("SIGKILL");
    const next = runCli(["audit", "--data", dir], { cwd: dir });
    expect(next.stderr).not.toMatch(/中断的写入/);
    expect(content(dir)).toEqual(after);
    expect(leftovers(dir)).toEqual([]);
  });

  it("killed at random moments, the library is always either before or after", async () => {
    const big = bigLibrary(150, 3);
    const bigBefore = content(big);
    const bigDoneDir = copyOf(big);
    expect(drive(bigDoneDir, "after").status).toBe(0);
    const bigAfter = content(bigDoneDir);
    const rounds = Number(process.env.RESERVE_CRASH_ROUNDS ?? 12);
    const seen = { before: 0, after: 0 };
    for (let i = 0; i < rounds; i++) {
      const dir = copyOf(big);
      const child = spawn(process.execPath, [builtFile("write-driver.js"), dir, "after"], { stdio: "ignore" });
      // Spread the kills over start-up, loading and committing.
      await new Promise((r) => setTimeout(r, 40 + ((i * 37) % 400)));
      child.kill("SIGKILL");
      await new Promise((r) => child.on("exit", r));
      runCli(["audit", "--data", dir], { cwd: dir });
      const now = content(dir);
      const state = JSON.stringify(now) === JSON.stringify(bigAfter) ? "after" : "before";
      expect(now).toEqual(state === "after" ? bigAfter : bigBefore);
      expect(leftovers(dir)).toEqual([]);
      seen[state]++;
    }
    expect(seen.before + seen.after).toBe(rounds);
  });
});
