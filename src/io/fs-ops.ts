import { spawnSync } from "node:child_process";
import * as fs from "node:fs";

/**
 * The few file-system operations the library's write path uses, in one place so that tests can
 * inject faults: RESERVE_FAULT_AT=N makes the N-th write (a file, a folder or a rename) fail with
 * the error RESERVE_FAULT names — ENOSPC (the default), EACCES, EROFS or EIO; RESERVE_FAULT_ENOSPC_AT=N
 * is the same with ENOSPC. RESERVE_CRASH_AT=<point> kills the process with SIGKILL when the write
 * protocol reaches <point> (see transaction.ts for the points). All are read once at start-up;
 * unset, they cost nothing.
 */

const faultAt = Number(process.env.RESERVE_FAULT_AT ?? process.env.RESERVE_FAULT_ENOSPC_AT ?? 0);
const FAULTS: Record<string, string> = {
  ENOSPC: "no space left on device",
  EACCES: "permission denied",
  EROFS: "read-only file system",
  EIO: "i/o error",
};
const fault = process.env.RESERVE_FAULT && FAULTS[process.env.RESERVE_FAULT] ? process.env.RESERVE_FAULT : "ENOSPC";
const crashAt = process.env.RESERVE_CRASH_AT ?? "";
let writes = 0;

/** Kills the process without any cleanup, as a power cut or `kill -9` would, at a named point. */
export function crashPoint(name: string): void {
  if (crashAt !== "" && crashAt === name) process.kill(process.pid, "SIGKILL");
}

function countWrite(path: string): void {
  writes++;
  if (faultAt > 0 && writes === faultAt) {
    const err = new Error(`${fault}: ${FAULTS[fault]}, write '${path}'`) as NodeJS.ErrnoException;
    err.code = fault;
    err.path = path;
    throw err;
  }
}

/**
 * Writes a new file (failing if it exists), owner-only permissions, and flushes it to disk — unless
 * `flush` is false, when the caller flushes it later with flushFiles.
 */
export function writeNewFileSync(path: string, data: string | Uint8Array, flush = true): void {
  countWrite(path);
  const fd = fs.openSync(
    path,
    fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | fs.constants.O_NOFOLLOW,
    0o600,
  );
  try {
    const buf = typeof data === "string" ? Buffer.from(data, "utf8") : data;
    let off = 0;
    while (off < buf.length) off += fs.writeSync(fd, buf, off, buf.length - off);
    if (flush) fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** coreutils' sync, whose --file-system is syncfs(2): every file of one file system flushed at once. */
const SYNC = process.platform === "linux" ? ["/usr/bin/sync", "/bin/sync"].find((p) => fs.existsSync(p)) : undefined;

/**
 * Flushes files written with `flush` false, all in `dir`'s file system. Thousands of them are flushed
 * by one syncfs (a fsync each costs about a millisecond even on a fast disk: most of a large import);
 * where that is not available or fails, each is flushed on its own, which reports the error if any.
 */
export function flushFiles(dir: string, files: readonly string[]): void {
  if (files.length === 0) return;
  if (SYNC && files.length > 1) {
    const r = spawnSync(SYNC, ["--file-system", dir], { stdio: "ignore", timeout: 600_000 });
    if (r.status === 0) return;
  }
  for (const file of files) {
    const fd = fs.openSync(file, fs.constants.O_RDWR | fs.constants.O_NOFOLLOW);
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  }
}

/** Flushes a directory so that renames and creations inside it survive a power cut. */
export function fsyncDir(path: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(path, fs.constants.O_RDONLY | fs.constants.O_DIRECTORY);
    fs.fsyncSync(fd);
  } catch (err) {
    // Some file systems refuse fsync on directories; the rename is still atomic there.
    if ((err as NodeJS.ErrnoException).code !== "EINVAL" && (err as NodeJS.ErrnoException).code !== "EISDIR") throw err;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

export function renameSync(from: string, to: string): void {
  countWrite(to);
  fs.renameSync(from, to);
}

/** Creates a folder (failing if it exists), owner-only permissions. */
export function mkdirPrivateSync(path: string): void {
  countWrite(path);
  fs.mkdirSync(path, { mode: 0o700 });
}
