import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { builtFile, runCli } from "../helpers/cli.js";
import { bigLibrary, makeLibrary, person } from "../helpers/library.js";

function writeLock(dir: string, pid: number, extra: Record<string, unknown> = {}) {
  mkdirSync(join(dir, ".reserve"), { recursive: true });
  writeFileSync(
    join(dir, ".reserve", "lock"),
    JSON.stringify({
      pid,
      host: hostname(),
      user: "zhang",
      command: "import",
      started: "2021-03-01T08:00:00Z",
      token: "t",
      ...extra,
    }),
  );
}

function deadPid(): number {
  const r = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
  return Number(r.stdout);
}

describe("the library lock", () => {
  it("makes a second writer wait, then fail with exit 3 naming the holder", () => {
    const dir = makeLibrary({ books: { "640502100201": [person("640502100201", 1)] } });
    writeLock(dir, process.pid);
    const started = Date.now();
    const r = spawnSync(process.execPath, [builtFile("write-driver.js"), dir, "x"], {
      encoding: "utf8",
      env: { PATH: process.env.PATH ?? "", DRIVER_WAIT_MS: "600" },
    });
    expect(r.status).toBe(3);
    expect(r.stderr.trim()).toBe("lock-held");
    expect(Date.now() - started).toBeGreaterThanOrEqual(500);
    // The live lock is untouched.
    expect((JSON.parse(readFileSync(join(dir, ".reserve", "lock"), "utf8")) as { pid: number }).pid).toBe(process.pid);
  });

  it("tells the user who holds the lock when a command cannot wait for it", () => {
    const dir = makeLibrary({ books: { "640502100201": [person("640502100201", 1)] } });
    writeLock(dir, process.pid);
    // An unfinished transaction makes even a reader take the lock.
    mkdirSync(join(dir, ".reserve", "tx"));
    const r = runCli(["audit", "--data", dir], { cwd: dir, env: { RESERVE_LOCK_WAIT: "0.3" } });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(`库正被另一个进程使用：zhang@${hostname()} 运行的 reserve import（进程 ${process.pid}`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("removes a lock left by a process that no longer exists, with a notice", () => {
    const dir = makeLibrary({ books: { "640502100201": [person("640502100201", 1)] } });
    writeLock(dir, deadPid());
    mkdirSync(join(dir, ".reserve", "tx"));
    const r = runCli(["audit", "--data", dir], { cwd: dir });
    expect(r.stderr).toContain("已移除无效的写入锁（zhang@");
    expect(existsSync(join(dir, ".reserve", "lock"))).toBe(false);
    expect(existsSync(join(dir, ".reserve", "tx"))).toBe(false);
  });

  it("serialises two writers started together: both changes land, none is lost or mixed", async () => {
    const dir = bigLibrary(60, 3);
    const run = (tag: string) =>
      new Promise<number | null>((resolve) => {
        const child = spawn(process.execPath, [builtFile("write-driver.js"), dir, tag], { stdio: "ignore" });
        child.on("exit", (code) => resolve(code));
      });
    const codes = await Promise.all([run("first"), run("second")]);
    expect(codes).toEqual([0, 0]);
    const notes = new Set<string>();
    for (let i = 0; i < 60; i++) {
      const text = readFileSync(join(dir, "villages", `640502100${String(201 + i)}.yaml`), "utf8");
      for (const m of text.matchAll(/note: (\w+)/g)) notes.add(m[1]!);
    }
    // Every file was written by the same, last writer.
    expect(notes.size).toBe(1);
    const history = spawnSync("find", [join(dir, "history"), "-name", "*.yaml"], { encoding: "utf8" })
      .stdout.trim()
      .split("\n");
    expect(history.map((h) => /-test-(\w+)-\w+\.yaml$/.exec(h)?.[1]).sort()).toEqual(["first", "second"]);
  });
});
