import { requireLibrary } from "./library-root.js";
import type { LoadOptions } from "./load-library.js";
import { acquireLock, clearStaleLock, type Lock, type LockHolder } from "./lock.js";
import { generation, hasPendingTransaction, recover, type Recovery } from "./transaction.js";

/**
 * How a command starts reading the library and learns whether it changed meanwhile — apart from
 * the loader (library-session.ts), so that a command that reads no file through the loader (an
 * audit whose findings are all kept) does not load it.
 */

export type Notice =
  | { readonly kind: "stale-lock-removed"; readonly holder: LockHolder }
  | { readonly kind: "recovered"; readonly how: Exclude<Recovery, "none"> };

export interface SessionOptions extends LoadOptions {
  readonly command: string;
  /** How long to wait for another writer (milliseconds). */
  readonly waitMs?: number;
  readonly onNotice?: (notice: Notice) => void;
}

const DEFAULT_WAIT_MS = 10_000;

/** What a command's options say about its session: the day, the folder, how long to wait, whom to tell. */
export interface SessionAsk extends LoadOptions {
  readonly waitMs?: number;
  readonly onNotice?: (notice: Notice) => void;
}

/** The session of `command` as its options ask for it. */
export function sessionFor(command: string, options: SessionAsk): SessionOptions {
  return {
    today: options.today,
    ...(options.cwd !== undefined && { cwd: options.cwd }),
    command,
    ...(options.waitMs !== undefined && { waitMs: options.waitMs }),
    ...(options.onNotice && { onNotice: options.onNotice }),
  };
}

/** Runs `fn` holding the library's lock; nothing is written (state folder, lock) unless `root` is a library. */
export function withLock<T>(root: string, options: SessionOptions, fn: (lock: Lock) => T): T {
  requireLibrary(root, options.cwd);
  const lock = acquireLock(root, {
    command: options.command,
    waitMs: options.waitMs ?? DEFAULT_WAIT_MS,
    onNotice: (kind, holder) => options.onNotice?.({ kind, holder }),
  });
  try {
    const how = recover(root);
    if (how !== "none") options.onNotice?.({ kind: "recovered", how });
    return fn(lock);
  } finally {
    lock.release();
  }
}

/**
 * Starts reading the library: a lock left by a dead process is removed, an interrupted write is
 * finished (under the lock). Returns the generation stamp to compare with unchangedSince().
 * A folder that is not a library is refused first (requireLibrary).
 */
export function beginRead(root: string, options: SessionOptions): string {
  requireLibrary(root, options.cwd);
  const dead = clearStaleLock(root);
  if (dead) options.onNotice?.({ kind: "stale-lock-removed", holder: dead });
  if (hasPendingTransaction(root)) withLock(root, options, () => undefined);
  return generation(root);
}

/** True when no commit happened or is happening since beginRead() returned `stamp`. */
export function unchangedSince(root: string, stamp: string): boolean {
  return !hasPendingTransaction(root) && generation(root) === stamp;
}
