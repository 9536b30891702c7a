import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { District } from "../domain/model.js";
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
  /** The files to write: a list, or for a change of many files a generator (staged as made, see commit). */
  readonly writes: readonly FileWrite[] | Iterable<FileWrite>;
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
    const { writes, history } = change;
    const district = loaded.library?.district;
    const list = Array.isArray(writes) ? (writes as readonly FileWrite[]) : undefined;
    if (list) {
      if (list.length > 0) {
        lock.verify();
        commit(root, history ? [...list, historyWrite(history)] : list);
        refreshCache(root, list, options, district);
      }
    } else {
      lock.verify();
      const targets = commit(root, history ? withHistory(writes, history) : writes);
      refreshWritten(root, targets, options, district);
    }
    return change.result;
  });
}

function* withHistory(writes: Iterable<FileWrite>, history: HistoryEntry): Generator<FileWrite> {
  let any = false;
  for (const w of writes) {
    any = true;
    yield w;
  }
  // Nothing to write is no change, and no history.
  if (any) yield historyWrite(history);
}

/** Files read back at a time to refresh the cache after a streamed commit. */
const REFRESH_BATCH = 256;

/**
 * The cache refreshed after a streamed commit, from the files as written, read back a batch at a
 * time (their texts were let go as they were staged). In order of their names, so that the books of
 * one town are refreshed together.
 */
function refreshWritten(root: string, targets: readonly string[], options: SessionOptions, district?: District): void {
  const sorted = [...targets].sort();
  for (let i = 0; i < sorted.length; i += REFRESH_BATCH) {
    let batch: FileWrite[];
    try {
      batch = sorted
        .slice(i, i + REFRESH_BATCH)
        .map((target) => ({ target, content: fs.readFileSync(path.join(root, ...target.split("/")), "utf8") }));
    } catch {
      // Gone or replaced since: the next reader reads it.
      continue;
    }
    refreshCache(root, batch, options, district);
  }
}
