import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { ReserveError } from "../diagnostics/fatal.js";
import { LOCK_FILE, STATE_DIR } from "./layout.js";

/**
 * One writer at a time. The lock is a file created with O_EXCL holding who took it; a second
 * writer polls until it is free or the wait runs out, then fails naming the holder (exit 3).
 * A lock whose process is gone (same machine, pid not running, or running but started later than
 * the lock) is removed with a notice. A lock taken on another machine is never broken
 * automatically. Written by hand because no maintained package both names the holder and detects a
 * dead holder at once (mtime-based locks need the stale period to pass).
 */
export interface LockHolder {
  readonly pid: number;
  readonly host: string;
  readonly user: string;
  readonly command: string;
  readonly started: string;
  /** Process start time in clock ticks since boot (Linux), to tell a reused pid from the holder. */
  readonly ticks?: number;
  readonly token: string;
}

export interface Lock {
  readonly holder: LockHolder;
  /** Throws when the lock was taken away (it should never be); call before committing. */
  verify(): void;
  release(): void;
}

export interface LockOptions {
  readonly command: string;
  /** How long to wait for another writer, in milliseconds. */
  readonly waitMs: number;
  readonly onNotice?: (kind: "stale-lock-removed", holder: LockHolder) => void;
}

function processStartTicks(pid: number): number | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // Field 22; the command name (field 2) may contain spaces and parentheses, so count from its end.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ticks = Number(fields[19]);
    return Number.isFinite(ticks) ? ticks : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(holder: LockHolder): boolean {
  if (holder.host !== os.hostname()) return true;
  try {
    process.kill(holder.pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ESRCH") return false;
  }
  if (holder.ticks !== undefined) {
    const ticks = processStartTicks(holder.pid);
    if (ticks !== undefined && ticks !== holder.ticks) return false;
  }
  return true;
}

function readHolder(file: string): LockHolder | undefined {
  try {
    const parsed = JSON.parse(fs.readFileSync(file, "utf8")) as LockHolder;
    return typeof parsed.pid === "number" && typeof parsed.token === "string" ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** A lock file still empty or unreadable after this long was left by a taker that died before writing it. */
const EMPTY_LOCK_STALE_MS = 2000;

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Creates the state folder if needed, refusing a symbolic link in its place. */
export function ensureStateDir(root: string): string {
  const dir = path.join(root, STATE_DIR);
  try {
    fs.mkdirSync(dir, { mode: 0o700 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
  }
  const st = fs.lstatSync(dir);
  if (st.isSymbolicLink() || !st.isDirectory()) throw new ReserveError("unsafe-path", { path: dir, reason: "symlink" });
  return dir;
}

export function acquireLock(root: string, options: LockOptions): Lock {
  ensureStateDir(root);
  const file = path.join(root, LOCK_FILE);
  const holder: LockHolder = {
    pid: process.pid,
    host: os.hostname(),
    user: safeUser(),
    command: options.command,
    started: new Date().toISOString(),
    ticks: processStartTicks(process.pid),
    token: `${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`,
  };
  const body = `${JSON.stringify(holder)}\n`;
  const deadline = Date.now() + options.waitMs;
  let delay = 20;
  for (;;) {
    try {
      const fd = fs.openSync(
        file,
        fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | fs.constants.O_NOFOLLOW,
        0o600,
      );
      try {
        fs.writeSync(fd, body);
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    }
    const current = readHolder(file);
    if (current === undefined) {
      // Being written by its taker right now, or left empty by a crash between create and write.
      const age = ageMs(file);
      if (age !== undefined && age > EMPTY_LOCK_STALE_MS) breakLock(file, undefined);
    } else if (!isAlive(current)) {
      if (breakLock(file, current)) {
        options.onNotice?.("stale-lock-removed", current);
        continue;
      }
      // Another process is breaking it; try again after the pause, within the wait.
    }
    if (Date.now() >= deadline) {
      const shown = current ?? readHolder(file);
      throw new ReserveError("lock-held", {
        pid: shown?.pid ?? 0,
        host: shown?.host ?? "",
        user: shown?.user ?? "",
        command: shown?.command ?? "",
        started: shown?.started ?? "",
        file: LOCK_FILE,
      });
    }
    sleep(Math.min(delay, Math.max(1, deadline - Date.now())));
    delay = Math.min(delay * 2, 250);
  }
  // Leftovers of a lock breaker that was itself killed mid-way.
  for (const name of fs.readdirSync(path.dirname(file))) {
    if (name.startsWith("lock.stale-") || name.startsWith("lock.break.stale-")) {
      fs.rmSync(path.join(path.dirname(file), name), { force: true });
    }
  }
  let released = false;
  return {
    holder,
    verify() {
      if (readHolder(file)?.token !== holder.token) {
        throw new ReserveError("lock-held", { pid: 0, host: "", user: "", command: "", started: "", file: LOCK_FILE });
      }
    },
    release() {
      if (released) return;
      released = true;
      if (readHolder(file)?.token === holder.token) fs.rmSync(file, { force: true });
    },
  };
}

/**
 * Removes the lock of a writer that died, so that readers leave no stale lock behind either.
 * Returns the dead holder when one was removed. A live or unreadable lock is left alone.
 */
export function clearStaleLock(root: string): LockHolder | undefined {
  const file = path.join(root, LOCK_FILE);
  if (!fs.existsSync(file)) return undefined;
  const current = readHolder(file);
  if (current === undefined || isAlive(current)) return undefined;
  return breakLock(file, current) ? current : undefined;
}

function ageMs(file: string): number | undefined {
  try {
    return Date.now() - fs.statSync(file).mtimeMs;
  } catch {
    return undefined;
  }
}

/** How old a breaker's guard must be before it is taken for the leftover of a breaker that died. */
const GUARD_STALE_MS = 10_000;

/**
 * Removes a dead holder's lock, one breaker at a time. Several waiting writers may find the same
 * stale lock; if each removed what it found, a slow one could remove the lock a faster one had
 * just taken (even an empty one, created but not yet written), and two writers would hold the
 * lock. So a breaker first takes a guard (`lock.break`, created with O_EXCL), reads the lock again
 * under it, and removes it only if it is still the very lock found stale: while the guard is held
 * nobody else removes the lock, and nobody can create one while it exists.
 *
 * A breaker killed between taking and dropping its guard (a window of a few system calls) leaves
 * the guard behind; a guard older than GUARD_STALE_MS is moved aside and removed by the next
 * breaker (put back if what was moved turns out to be fresh).
 */
export function breakLock(file: string, expected: LockHolder | undefined): boolean {
  const guard = `${file}.break`;
  try {
    fs.closeSync(
      fs.openSync(
        guard,
        fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | fs.constants.O_NOFOLLOW,
        0o600,
      ),
    );
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") return false;
    const age = ageMs(guard);
    if (age !== undefined && age > GUARD_STALE_MS) removeStaleGuard(guard);
    return false;
  }
  try {
    const current = readHolder(file);
    const same =
      expected === undefined
        ? current === undefined && (ageMs(file) ?? 0) > EMPTY_LOCK_STALE_MS
        : current !== undefined && current.token === expected.token && current.pid === expected.pid;
    if (!same) return false;
    fs.rmSync(file, { force: true });
    return true;
  } finally {
    fs.rmSync(guard, { force: true });
  }
}

function removeStaleGuard(guard: string): void {
  const aside = `${guard}.stale-${process.pid}-${Math.random().toString(36).slice(2)}`;
  try {
    fs.renameSync(guard, aside);
  } catch {
    return;
  }
  const age = ageMs(aside);
  if (age !== undefined && age <= GUARD_STALE_MS) {
    // Another breaker's fresh guard, taken since the age was read: give it back.
    try {
      fs.linkSync(aside, guard);
    } catch {
      // A third breaker holds a guard now; either way one guard is in place.
    }
  }
  fs.rmSync(aside, { force: true });
}

function safeUser(): string {
  try {
    return os.userInfo().username;
  } catch {
    return process.env.USER ?? "";
  }
}
