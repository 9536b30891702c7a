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
      if (age !== undefined && age > 2000) breakLock(file, undefined);
    } else if (!isAlive(current)) {
      if (breakLock(file, current)) options.onNotice?.("stale-lock-removed", current);
      continue;
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
    if (name.startsWith("lock.stale-")) fs.rmSync(path.join(path.dirname(file), name), { force: true });
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

/**
 * Removes a dead holder's lock. It is first renamed aside, which is atomic, and then checked again:
 * if what was moved turns out to be a live lock (another process broke the stale one and took the
 * lock in between), it is put back.
 */
function breakLock(file: string, expected: LockHolder | undefined): boolean {
  const aside = `${file}.stale-${process.pid}-${Math.random().toString(36).slice(2)}`;
  try {
    fs.renameSync(file, aside);
  } catch {
    return false;
  }
  const moved = readHolder(aside);
  if (moved !== undefined && (expected === undefined || moved.token !== expected.token) && isAlive(moved)) {
    try {
      fs.linkSync(aside, file);
    } catch {
      // Someone took the lock meanwhile; the moved one's owner will find it gone when verifying.
    }
    fs.rmSync(aside, { force: true });
    return false;
  }
  fs.rmSync(aside, { force: true });
  return true;
}

function safeUser(): string {
  try {
    return os.userInfo().username;
  } catch {
    return process.env.USER ?? "";
  }
}
