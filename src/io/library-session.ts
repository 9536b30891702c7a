import { createHash } from "node:crypto";
import * as os from "node:os";
import type { HistoryEntry } from "../schema/history.js";
import { now } from "./clock.js";
import { HISTORY_DIR } from "./layout.js";
import { loadLibraryCached, refreshCache } from "./load-cached.js";
import { slowPath } from "./slow-path.js";
import type { LoadedLibrary } from "./load-library.js";
import { commit, type FileWrite } from "./transaction.js";

export { beginRead, unchangedSince, withLock, type Notice, type SessionOptions } from "./read-session.js";
import { beginRead, unchangedSince, withLock, type SessionOptions } from "./read-session.js";

/**
 * Runs `read` as a reader of the library: readers take no lock; they finish an interrupted write
 * first (under the lock), and read again if a commit happened while they were reading.
 */
export function readConsistently<T>(root: string, options: SessionOptions, read: () => T): T {
  for (let attempt = 0; attempt < 3; attempt++) {
    const stamp = beginRead(root, options);
    const result = read();
    if (unchangedSince(root, stamp)) return result;
  }
  return withLock(root, options, () => read());
}

/** Loads the library for reading (see readConsistently). */
export function openLibrary(root: string, options: SessionOptions): LoadedLibrary {
  return readConsistently(root, options, () => loadLibraryCached(root, options));
}

export interface Change<T> {
  readonly writes: readonly FileWrite[];
  readonly history?: HistoryEntry;
  readonly result: T;
}

/** The file a history entry is kept in: one per change, named by time and content. */
export function historyWrite(entry: HistoryEntry): FileWrite {
  // The writer orders keys by the schema: it lives with the schemas, in the slow path.
  const content = slowPath().historyText(entry);
  const hash = createHash("sha256").update(content).digest("hex").slice(0, 8);
  const stamp = entry.at.replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
  return { target: `${HISTORY_DIR}/${entry.at.slice(0, 4)}/${stamp}-${entry.command}-${hash}.yaml`, content };
}

export function historyStamp(): { at: string; by: string } {
  const at = now()
    .toISOString()
    .replace(/\.\d+Z$/, "Z");
  let by = process.env.RESERVE_USER ?? "";
  if (!by) {
    try {
      by = os.userInfo().username;
    } catch {
      by = "unknown";
    }
  }
  return { at, by };
}

/**
 * Runs a change under the lock: load, compute the writes, commit them with a history entry in one
 * transaction. `fn` decides; when it returns no writes nothing is committed.
 */
export function changeLibrary<T>(root: string, options: SessionOptions, fn: (loaded: LoadedLibrary) => Change<T>): T {
  return withLock(root, options, (lock) => {
    const loaded = loadLibraryCached(root, options);
    const change = fn(loaded);
    if (change.writes.length > 0) {
      const writes = change.history ? [...change.writes, historyWrite(change.history)] : change.writes;
      lock.verify();
      commit(root, writes);
      refreshCache(root, change.writes, options, loaded.library?.district);
    }
    return change.result;
  });
}
