import { existsSync, mkdirSync, readFileSync, utimesSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { breakLock, type LockHolder } from "../../src/io/lock.js";
import { tempDir } from "../helpers/library.js";

/**
 * Breaking a dead writer's lock, step by step: the interleavings that the racing writers of
 * concurrency.test.ts hit only rarely, set up one at a time. The breaker has read the lock and found
 * its holder dead (`stale`); by the time it acts, the lock may be something else.
 */

const stale: LockHolder = {
  pid: 999_999,
  host: hostname(),
  user: "li",
  command: "import",
  started: "2021-12-31T04:00:00.000Z",
  token: "stale",
};

function setup(lock: string | undefined): string {
  const dir = join(tempDir("reserve-lock-"), ".reserve");
  mkdirSync(dir);
  if (lock !== undefined) writeFileSync(join(dir, "lock"), lock);
  return join(dir, "lock");
}

describe("breaking a stale lock", () => {
  it("removes the lock it found stale, and drops its guard", () => {
    const file = setup(JSON.stringify(stale));
    expect(breakLock(file, stale)).toBe(true);
    expect(existsSync(file)).toBe(false);
    expect(existsSync(`${file}.break`)).toBe(false);
  });

  it("leaves alone a lock another writer has just created and not yet written", () => {
    // Another breaker removed the stale lock first, and its taker has created the file but not
    // yet written its name into it.
    const file = setup("");
    expect(breakLock(file, stale)).toBe(false);
    expect(existsSync(file)).toBe(true);
  });

  it("leaves alone the live lock that replaced the stale one", () => {
    const live = JSON.stringify({ ...stale, pid: process.pid, token: "live" });
    const file = setup(live);
    expect(breakLock(file, stale)).toBe(false);
    expect(readFileSync(file, "utf8")).toBe(live);
  });

  it("does nothing while another breaker holds the guard", () => {
    const file = setup(JSON.stringify(stale));
    writeFileSync(`${file}.break`, "");
    expect(breakLock(file, stale)).toBe(false);
    expect(existsSync(file)).toBe(true);
    expect(existsSync(`${file}.break`)).toBe(true);
  });

  it("clears the guard of a breaker that died, then breaks the lock", () => {
    const file = setup(JSON.stringify(stale));
    writeFileSync(`${file}.break`, "");
    const old = new Date(Date.now() - 60_000);
    utimesSync(`${file}.break`, old, old);
    expect(breakLock(file, stale)).toBe(false);
    expect(existsSync(`${file}.break`)).toBe(false);
    expect(breakLock(file, stale)).toBe(true);
    expect(existsSync(file)).toBe(false);
  });

  it("removes a lock left empty by a taker that died before writing it, only once it is old", () => {
    const file = setup("");
    expect(breakLock(file, undefined)).toBe(false);
    const old = new Date(Date.now() - 60_000);
    utimesSync(file, old, old);
    expect(breakLock(file, undefined)).toBe(true);
    expect(existsSync(file)).toBe(false);
  });
});
