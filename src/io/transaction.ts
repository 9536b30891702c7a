import { createHash, randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { fatalFromSystemError, ReserveError } from "../diagnostics/fatal.js";
import { crashPoint, flushFiles, fsyncDir, mkdirPrivateSync, renameSync, writeNewFileSync } from "./fs-ops.js";
import { GENERATION_FILE, JOURNAL_FILE, TX_DIR } from "./layout.js";
import { ensureParentDirs, safeTarget } from "./safe-path.js";

/**
 * All-or-nothing changes to several library files (docs/reliability.md, "Write protocol"):
 *
 *  1. every new file is written in full to .reserve/tx/, flushed to disk;
 *  2. a journal listing target, temporary file and SHA-256 of each is written and flushed, then
 *     renamed into place — this rename is the commit point;
 *  3. each temporary file is renamed over its target (rename is atomic), directories flushed;
 *  4. the journal is removed, then the folder.
 *
 * A process killed before step 2 leaves no journal: the next run deletes the temporary files and
 * the library is as before. Killed after it, the next run finishes the renames from the journal and
 * the library is as after. The caller holds the lock throughout.
 */

export interface FileWrite {
  /** Path inside the library, with forward slashes. */
  readonly target: string;
  readonly content: string;
}

interface JournalEntry {
  readonly target: string;
  readonly temp: string;
  readonly sha256: string;
}

interface Journal {
  readonly version: 1;
  readonly entries: readonly JournalEntry[];
  readonly check: string;
}

const sha256 = (data: string | Buffer) => createHash("sha256").update(data).digest("hex");

function journalCheck(entries: readonly JournalEntry[]): string {
  return sha256(JSON.stringify(entries));
}

export type Recovery = "none" | "rolled-forward" | "rolled-back";

function wrap<T>(root: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof ReserveError) throw err;
    throw fatalFromSystemError(err, root) ?? err;
  }
}

/**
 * After the commit point the change stands: a failure while applying the journal (a disk error, a
 * permission changed meanwhile) leaves it for the next command to finish, and the user is told so
 * rather than that nothing changed.
 */
function incomplete(root: string, err: unknown): unknown {
  if (err instanceof ReserveError && (err.code === "journal-corrupt" || err.code === "unsafe-path")) return err;
  const code = err instanceof ReserveError ? err.code : ((err as NodeJS.ErrnoException | undefined)?.code ?? "error");
  return new ReserveError("commit-incomplete", { path: root, reason: code });
}

/**
 * Commits the writes atomically. Files whose content is unchanged should not be passed. `writes` may
 * be a generator: each file is staged as it is made, so a change of thousands of files never holds
 * all their texts at once. Returns the targets committed, in order.
 */
export function commit(root: string, writes: Iterable<FileWrite>): string[] {
  const targets: string[] = [];
  const it = writes[Symbol.iterator]();
  let first = it.next();
  if (first.done) return targets;
  wrap(root, () => {
    const txDir = path.join(root, TX_DIR);
    // A leftover (the caller has recovered, so nothing of it is committed); a link is removed, not followed.
    if (present(txDir)) fs.rmSync(txDir, { recursive: true, force: true });
    mkdirPrivateSync(txDir);
    const generation = `${Date.now().toString(36)}-${randomBytes(6).toString("hex")}\n`;
    function* all(): Generator<FileWrite> {
      for (; !first.done; first = it.next()) yield first.value;
      yield { target: GENERATION_FILE, content: generation };
    }
    const entries: JournalEntry[] = [];
    const madeDirs: string[] = [];
    const unflushed: string[] = [];
    const folders = new Set<string>();
    const writable = new Set<string>();
    try {
      let i = 0;
      for (const w of all()) {
        // Whatever can fail is done before the commit point: the target is checked (inside the
        // library, no link, a regular file if it exists), its folder made and found writable.
        const target = safeTarget(root, w.target, folders);
        const dir = path.dirname(target);
        if (!writable.has(dir)) {
          madeDirs.push(...ensureParentDirs(root, w.target));
          fs.accessSync(dir, fs.constants.W_OK);
          writable.add(dir);
        }
        const temp = `${++i}.new`;
        const tempPath = path.join(txDir, temp);
        // The first files are flushed one by one, as a small change always was; past them, the rest
        // are flushed together below (one fsync a file costs a province's import most of its time).
        const flush = i <= FLUSH_EACH;
        writeNewFileSync(tempPath, w.content, flush);
        if (!flush) unflushed.push(tempPath);
        entries.push({ target: w.target, temp, sha256: sha256(w.content) });
        if (w.target !== GENERATION_FILE) targets.push(w.target);
        crashPoint(`tx:after-temp:${i}`);
      }
      flushFiles(txDir, unflushed);
      crashPoint("tx:after-temps");
      fsyncDir(txDir);
      const journal: Journal = { version: 1, entries, check: journalCheck(entries) };
      const journalTmp = path.join(root, `${JOURNAL_FILE}.tmp`);
      writeNewFileSync(journalTmp, JSON.stringify(journal));
      crashPoint("tx:journal-written");
      renameSync(journalTmp, path.join(root, JOURNAL_FILE));
      fsyncDir(txDir);
    } catch (err) {
      // Nothing is committed yet: drop the temporary files and leave the library as it was.
      fs.rmSync(txDir, { recursive: true, force: true });
      for (const dir of madeDirs.reverse()) {
        try {
          fs.rmdirSync(dir);
        } catch {
          // Not empty after all, or gone: leave it.
        }
      }
      throw err;
    }
    crashPoint("tx:after-journal");
    try {
      applyJournal(root, entries);
    } catch (err) {
      throw incomplete(root, err);
    }
  });
  return targets;
}

/** Temporary files flushed one at a time before the rest of a large change is flushed at once. */
const FLUSH_EACH = 64;

function applyJournal(root: string, entries: readonly JournalEntry[]): void {
  const txDir = path.join(root, TX_DIR);
  const dirs = new Set<string>();
  const folders = new Set<string>();
  entries.forEach((e, i) => {
    const tempPath = path.join(txDir, e.temp);
    const targetPath = safeTarget(root, e.target, folders);
    if (fs.existsSync(tempPath)) {
      if (!dirs.has(path.dirname(targetPath))) {
        for (const created of ensureParentDirs(root, e.target)) dirs.add(path.dirname(created));
      }
      renameSync(tempPath, targetPath);
      dirs.add(path.dirname(targetPath));
    } else if (!fs.existsSync(targetPath) || sha256(fs.readFileSync(targetPath)) !== e.sha256) {
      // Neither the temporary file nor the finished target: the journal cannot be completed.
      throw new ReserveError("journal-corrupt", { path: e.target });
    }
    crashPoint(`tx:after-rename:${i + 1}`);
  });
  for (const dir of [...dirs].sort()) fsyncDir(dir);
  crashPoint("tx:before-journal-clear");
  fs.rmSync(path.join(root, JOURNAL_FILE));
  fsyncDir(txDir);
  crashPoint("tx:after-journal-clear");
  fs.rmSync(txDir, { recursive: true, force: true });
}

/** True when something is at `p`, even a dangling symbolic link. */
function present(p: string): boolean {
  try {
    fs.lstatSync(p);
    return true;
  } catch {
    return false;
  }
}

/** The transaction folder and its journal are the tool's own: a link or a file in their place is refused. */
function checkOwn(root: string, rel: string, dir: boolean): void {
  const st = fs.lstatSync(path.join(root, rel));
  if (st.isSymbolicLink()) throw new ReserveError("unsafe-path", { path: rel, reason: "symlink" });
  if (dir ? !st.isDirectory() : !st.isFile()) {
    throw new ReserveError("unsafe-path", { path: rel, reason: dir ? "not-dir" : "not-file" });
  }
}

/** True when an earlier run left a transaction behind (finished or not). */
export function hasPendingTransaction(root: string): boolean {
  return present(path.join(root, TX_DIR));
}

/**
 * Brings the library to a consistent state after a crash: completes a committed transaction, or
 * discards an uncommitted one. The caller holds the lock.
 */
export function recover(root: string): Recovery {
  return wrap(root, () => {
    const txDir = path.join(root, TX_DIR);
    if (!present(txDir)) return "none";
    checkOwn(root, TX_DIR, true);
    const journalPath = path.join(root, JOURNAL_FILE);
    let journal: Journal | undefined;
    if (present(journalPath)) {
      checkOwn(root, JOURNAL_FILE, false);
      try {
        const parsed = JSON.parse(fs.readFileSync(journalPath, "utf8")) as Journal;
        if (parsed.version === 1 && Array.isArray(parsed.entries) && parsed.check === journalCheck(parsed.entries)) {
          journal = parsed;
        }
      } catch {
        journal = undefined;
      }
      // A journal is renamed into place only when complete and flushed; a damaged one means the disk
      // lost data, so stop and ask rather than guess which state is right.
      if (journal === undefined) throw new ReserveError("journal-corrupt", { path: JOURNAL_FILE });
    }
    if (journal) {
      try {
        applyJournal(root, journal.entries);
      } catch (err) {
        throw incomplete(root, err);
      }
      return "rolled-forward";
    }
    // Empty: the last step (removing the folder) was all that was left; the change is complete.
    const rolledBack = fs.readdirSync(txDir).length > 0;
    fs.rmSync(txDir, { recursive: true, force: true });
    return rolledBack ? "rolled-back" : "none";
  });
}

/** A stamp that changes with every commit, so a reader can tell it read across a commit. */
export function generation(root: string): string {
  try {
    return fs.readFileSync(path.join(root, GENERATION_FILE), "utf8");
  } catch {
    return "";
  }
}
