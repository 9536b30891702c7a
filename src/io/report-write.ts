import { hash, randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as fsp from "node:fs/promises";
import * as path from "node:path";
import type { ReportFile } from "../reports/plan.js";
import { csvText } from "./csv-write.js";
import { crashPoint } from "./fs-ops.js";
import { xlsxBytes } from "./xlsx-write.js";

/**
 * Writing a report folder. The folder is replaced as a whole: the new report is written into a
 * temporary folder beside the target, then swapped in with two renames (old aside, new in) and the
 * old one removed. A report folder is therefore never half-written: a run that fails or is killed
 * while writing leaves the previous report as it was (its leftovers, `.<name>.tmp-…`, are removed by
 * the next run). Killed between the two renames, the previous report is kept as `.<name>.old-…`
 * and the next run puts the new one in place. The files of the previous report that would come out
 * the same are hard links in the new folder (REPORT_STATE below): linking a file costs a fraction
 * of making and writing it, and the old folder's removal then only drops names.
 *
 * A folder is only ever replaced if it is empty or was written by `reserve report` (it holds the
 * marker file), so that a mistyped --out can never delete someone's documents.
 */

/** Marks a folder as written by `reserve report`. */
export const REPORT_MARKER = ".reserve-report";
const MARKER_TEXT = "This folder was written by `reserve report` and is replaced as a whole on the next run.\n";

export function encodeReportFile(f: ReportFile): Buffer {
  switch (f.kind) {
    case "text":
      return Buffer.from(f.text, "utf8");
    case "csv":
      return Buffer.from(csvText(f.table), "utf8");
    case "xlsx":
      return xlsxBytes(f.workbook);
    case "bytes":
      return Buffer.from(f.bytes.buffer, f.bytes.byteOffset, f.bytes.byteLength);
  }
}

export type TargetState = "absent" | "empty" | "report" | "foreign" | "not-dir";

/** What is at the target path now, and whether `reserve report` may replace it. */
export function targetState(target: string): TargetState {
  let st: fs.Stats;
  try {
    st = fs.lstatSync(target);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return "absent";
    throw err;
  }
  if (!st.isDirectory()) return "not-dir";
  const names = fs.readdirSync(target);
  if (names.length === 0) return "empty";
  return names.includes(REPORT_MARKER) ? "report" : "foreign";
}

/**
 * Removes folders, several files at a time: the asynchronous removal works on many entries at once
 * and is several times faster than fs.rmSync on a report's hundreds of files.
 */
async function removeAll(dirs: readonly string[]): Promise<void> {
  await Promise.all(dirs.map((d) => fsp.rm(d, { recursive: true, force: true })));
}

function leftovers(parent: string, base: string): string[] {
  let names: string[];
  try {
    names = fs.readdirSync(parent);
  } catch {
    return [];
  }
  return names
    .filter((n) => n.startsWith(`.${base}.tmp-`) || n.startsWith(`.${base}.old-`))
    .map((n) => path.join(parent, n));
}

/**
 * What the folder's files were made from, beside them: for each file the key of its inputs
 * (reports/plan.ts) and the file's identity (size, inode, modification time) as written. This is
 * the report's one piece of derived state, and the rule is one: a file is kept from the previous
 * report when its key is the same and the file is still the one written (any edit, replacement or
 * deletion changes its identity). Anything else — no state, a damaged one, another program's — means
 * the file is made again; deleting the state makes the next run write every file.
 */
export const REPORT_STATE = ".reserve-report-state";
const STATE_FORMAT = 2;

interface Kept {
  readonly key: string;
  readonly size: string;
  readonly ino: string;
  readonly mtime: string;
}

type Row = [path: string, key: string, size: string, ino: string, mtime: string];

function identity(st: fs.BigIntStats): Omit<Kept, "key"> {
  return { size: String(st.size), ino: String(st.ino), mtime: String(st.mtimeNs) };
}

function sameFile(st: fs.BigIntStats, k: Kept): boolean {
  return st.isFile() && String(st.size) === k.size && String(st.ino) === k.ino && String(st.mtimeNs) === k.mtime;
}

/**
 * The state as written: a first line of JSON (the format, a row a file, the digest of what follows),
 * then what the report worked out besides its files (`parts`, commands/report.ts), as one line of
 * JSON. The second line is trusted only when its digest is the one the first line names.
 */
function stateLines(target: string): { head: unknown; parts: string | undefined } | undefined {
  let text: string;
  try {
    text = fs.readFileSync(path.join(target, REPORT_STATE), "utf8");
  } catch {
    return undefined;
  }
  const end = text.indexOf("\n");
  let head: unknown;
  try {
    head = JSON.parse(end === -1 ? text : text.slice(0, end));
  } catch {
    return undefined;
  }
  const rest = end === -1 ? "" : text.slice(end + 1);
  const parts = rest.endsWith("\n") ? rest.slice(0, -1) : undefined;
  const named = (head as { parts?: unknown } | null)?.parts;
  return {
    head,
    parts: parts !== undefined && typeof named === "string" && partsDigest(parts) === named ? parts : undefined,
  };
}

const partsDigest = (text: string): string => hash("sha256", text, "base64url");

/** The previous report's state as read, before the report is made (readPreviousReport). */
export interface PreviousReport {
  readonly files: ReadonlyMap<string, Kept>;
  /** What the report kept besides its files (`parts` of writeReportFolder), as JSON text. */
  readonly parts: string | undefined;
}

/**
 * The state of the report at `target` (none when it has none, or a damaged one or one of another
 * format), read once: what it kept besides its files is needed before the report is made, and
 * writeReportFolder takes the same reading. A file it names is still checked to be the one written.
 */
export function readPreviousReport(target: string): PreviousReport {
  return readState(target);
}

function readState(target: string): { files: Map<string, Kept>; parts: string | undefined } {
  const out = new Map<string, Kept>();
  const lines = stateLines(target);
  const state = lines?.head as { format?: unknown; files?: unknown } | undefined;
  if (state?.format !== STATE_FORMAT || !Array.isArray(state.files)) return { files: out, parts: undefined };
  for (const row of state.files as unknown[]) {
    if (!Array.isArray(row) || row.length !== 5 || !row.every((x) => typeof x === "string")) {
      return { files: new Map(), parts: undefined };
    }
    const [p, key, size, ino, mtime] = row as Row;
    out.set(p, { key, size, ino, mtime });
  }
  return { files: out, parts: lines!.parts };
}

function stateText(rows: readonly Row[], parts: string | undefined): string {
  const head = JSON.stringify({
    format: STATE_FORMAT,
    files: rows,
    parts: parts === undefined ? null : partsDigest(parts),
  });
  return parts === undefined ? `${head}\n` : `${head}\n${parts}\n`;
}

/**
 * Files being written by the thread pool while the next ones are made: creating a file costs the
 * system about as much as making it costs the program, and the two overlap on a second core.
 * At most `limit` at a time; the first error is kept and thrown by `settle` or `drain`. Each file's
 * identity is taken once it is written, for the state.
 */
class Writes {
  private readonly pending = new Set<Promise<void>>();
  private failure: NodeJS.ErrnoException | undefined;
  constructor(private readonly limit: number) {}

  start(file: string, data: Buffer, mode: number, written: (st: fs.BigIntStats) => void): void {
    if (this.failure) throw this.failure;
    const p: Promise<void> = new Promise<void>((resolve) => {
      const done = (err: NodeJS.ErrnoException | null) => {
        if (err && !this.failure) this.failure = err;
        this.pending.delete(p);
        resolve();
      };
      fs.writeFile(file, data, { flag: "wx", mode }, (err) => {
        if (err) return done(err);
        fs.lstat(file, { bigint: true }, (e, st) => {
          if (!e) written(st);
          done(e);
        });
      });
    });
    this.pending.add(p);
  }

  busy(): boolean {
    return this.pending.size >= this.limit;
  }

  async settle(): Promise<void> {
    await Promise.race(this.pending);
    if (this.failure) throw this.failure;
  }

  async drain(): Promise<void> {
    await Promise.all(this.pending);
    if (this.failure) throw this.failure;
  }
}

/** Enough to keep the thread pool's four threads busy; more only holds more files in memory. */
const WRITES_AT_ONCE = 8;

/** A file of the report to write: where, what it is made from (its key), and how to make it. */
export interface PlannedWrite {
  readonly path: string;
  readonly key: string;
  readonly make: () => ReportFile;
}

/** Files already made, to write as a folder without a state (the export's tables: written whole every time). */
export function madeFiles(files: readonly ReportFile[]): PlannedWrite[] {
  return files.map((f) => ({ path: f.path, key: "", make: () => f }));
}

export interface WrittenReport {
  /** Files in the report, made or kept. */
  readonly files: number;
  readonly bytes: number;
  /** Of those, the files kept from the previous report (the same key, the file unchanged). */
  readonly kept: number;
}

/**
 * When no more than this share of the files changed, the new files are moved into the report
 * folder one by one instead of the folder being replaced: a province's report is tens of thousands
 * of files, and linking and unlinking every one of them would cost seconds. More changes than that
 * (a new report date, another format), and the folder is replaced whole: the time it is half old
 * and half new, were the run killed, stays short.
 */
const IN_PLACE_SHARE = 1 / 4;

/** Whether the folder holds only the files named (and folders): nothing a person put there. */
function holdsOnly(dir: string, names: ReadonlySet<string>): boolean {
  const walk = (d: string, rel: string): boolean => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory() ? !walk(path.join(d, e.name), r) : !e.isFile() || !names.has(r)) return false;
    }
    return true;
  };
  try {
    return walk(dir, "");
  } catch {
    return false;
  }
}

/** The file is still the one the state describes. */
function unchanged(file: string, k: Kept): boolean {
  try {
    return sameFile(fs.lstatSync(file, { bigint: true }), k);
  } catch {
    return false;
  }
}

/**
 * Writes the report at `target`. Files whose key and file are as the previous run left them
 * (REPORT_STATE) are kept; the others are made and written into a new folder beside the target,
 * as soon as each is made (`files` may be a generator; a kept file is never made). Then either:
 *
 * - few files changed: they are moved into the report folder one by one (each rename replaces a
 *   file whole), files the report no longer has are removed, and the state is replaced last. A run
 *   killed while moving leaves some files new and some old; the state still describes the old
 *   ones, so the next run makes every file that is not as it should be;
 * - else (or the folder holds anything else): the kept files are linked into the new folder, which
 *   is swapped in as a whole and the old one removed.
 *
 * Killed before either, the previous report is left as it was. The caller has checked
 * `targetState` (only "absent", "empty" and "report" may be replaced). Files and folders are
 * readable by the owner only, whatever the umask: even with ID numbers and phones masked, a report
 * names people with their ethnicity, education and political status — personal information that
 * other accounts on a shared computer must not read. Sharing a report is a deliberate copy.
 */
export async function writeReportFolder(
  target: string,
  files: Iterable<PlannedWrite>,
  options: {
    readonly state?: boolean;
    /**
     * What the report worked out besides its files, to keep in the state for the next run (JSON
     * text on one line): the state's rule holds for it too — a run that keeps it keeps it whole,
     * and a damaged or missing state gives none.
     */
    readonly parts?: string;
    /** The state as read before the report was made (readPreviousReport); read here otherwise. */
    readonly previous?: PreviousReport;
  } = {},
): Promise<WrittenReport> {
  const parent = path.dirname(target);
  const base = path.basename(target);
  fs.mkdirSync(parent, { recursive: true });
  await removeAll(leftovers(parent, base));
  const withState = options.state !== false;
  const before: PreviousReport = withState
    ? (options.previous ?? readState(target))
    : { files: new Map<string, Kept>(), parts: undefined };
  const previous = before.files;
  const parts = withState ? options.parts : undefined;
  const local = (dir: string, rel: string) => path.join(dir, ...rel.split("/"));
  const tag = `${process.pid}-${randomBytes(4).toString("hex")}`;
  const tmp = path.join(parent, `.${base}.tmp-${tag}`);
  const fileMode = 0o600;
  const dirMode = 0o700;
  const writes = new Writes(WRITES_AT_ONCE);
  const made = new Set<string>();
  const mkdirFor = (abs: string) => {
    const dir = path.dirname(abs);
    if (!made.has(dir)) {
      fs.mkdirSync(dir, { recursive: true, mode: dirMode });
      made.add(dir);
    }
  };
  // The state of the new report, a row a file in the plan's order, filled in as files are written.
  const rows: Row[] = [];
  const kept: { readonly f: PlannedWrite; readonly row: Row }[] = [];
  const fresh: string[] = [];
  let bytes = 0;
  const write = async (f: PlannedWrite, row: Row) => {
    const abs = local(tmp, f.path);
    mkdirFor(abs);
    const data = encodeReportFile(f.make());
    writes.start(abs, data, fileMode, (st) => {
      const id = identity(st);
      row[2] = id.size;
      row[3] = id.ino;
      row[4] = id.mtime;
    });
    bytes += data.length;
    if (writes.busy()) await writes.settle();
  };
  let aside: string[];
  let keptCount = 0;
  try {
    fs.mkdirSync(tmp, { mode: dirMode });
    for (const f of files) {
      const k = previous.get(f.path);
      if (k !== undefined && k.key === f.key && unchanged(local(target, f.path), k)) {
        const row: Row = [f.path, k.key, k.size, k.ino, k.mtime];
        rows.push(row);
        kept.push({ f, row });
        bytes += Number(k.size);
        continue;
      }
      const row: Row = [f.path, f.key, "", "", ""];
      rows.push(row);
      fresh.push(f.path);
      await write(f, row);
    }
    await writes.drain();
    const planned = new Set(rows.map((r) => r[0]));
    const removed = [...previous.keys()].filter((p) => !planned.has(p));
    const changes = fresh.length + removed.length;
    const ours = new Set([...planned, ...removed, REPORT_MARKER, REPORT_STATE]);
    if (previous.size > 0 && changes <= rows.length * IN_PLACE_SHARE && holdsOnly(target, ours)) {
      keptCount = kept.length;
      if (changes > 0 || parts !== before.parts) {
        fs.writeFileSync(path.join(tmp, REPORT_STATE), stateText(rows, parts), { flag: "wx", mode: fileMode });
        crashPoint("report:written");
        for (const p of fresh) {
          const abs = local(target, p);
          mkdirFor(abs);
          fs.renameSync(local(tmp, p), abs);
          crashPoint("report:moving");
        }
        for (const p of removed) fs.rmSync(local(target, p), { force: true });
        for (const dir of new Set(removed.map((p) => path.dirname(local(target, p))))) removeIfEmpty(dir, target);
        fs.renameSync(path.join(tmp, REPORT_STATE), path.join(target, REPORT_STATE));
      }
      aside = [tmp];
    } else {
      // The kept files are linked into the new folder; where that fails, they are made again.
      let linking = true;
      for (const { f, row } of kept) {
        const abs = local(tmp, f.path);
        mkdirFor(abs);
        if (linking) {
          try {
            fs.linkSync(local(target, f.path), abs);
            // The file linked must be the one the state names, not one a concurrent run put there since.
            if (unchanged(abs, { key: row[1], size: row[2], ino: row[3], mtime: row[4] })) {
              keptCount++;
              continue;
            }
            fs.rmSync(abs, { force: true });
          } catch (err) {
            // A file system without hard links (FAT): the files are written instead.
            if ((err as NodeJS.ErrnoException).code !== "ENOENT") linking = false;
          }
        }
        bytes -= Number(row[2]);
        row[1] = f.key;
        await write(f, row);
      }
      await writes.drain();
      if (withState) {
        fs.writeFileSync(path.join(tmp, REPORT_STATE), stateText(rows, parts), { flag: "wx", mode: fileMode });
      }
      fs.writeFileSync(path.join(tmp, REPORT_MARKER), MARKER_TEXT, { flag: "wx", mode: fileMode });
      crashPoint("report:written");
      aside = swapIn(tmp, target, path.join(parent, `.${base}.old-${tag}`));
    }
  } catch (err) {
    await writes.drain().catch(() => undefined);
    await removeAll([tmp]);
    throw err;
  }
  await removeAll(aside);
  return { files: rows.length, bytes, kept: keptCount };
}

/** Removes a folder of the report left empty, and its parents up to (not including) the report folder. */
function removeIfEmpty(dir: string, root: string): void {
  for (let d = dir; d !== root && d.startsWith(root + path.sep); d = path.dirname(d)) {
    try {
      fs.rmdirSync(d);
    } catch {
      return;
    }
  }
}

/**
 * Moves the current report aside and the new one in; returns the folders moved aside (to remove).
 * If another run puts its report in place between the two renames, that one is moved aside too.
 */
function swapIn(tmp: string, target: string, old: string): string[] {
  const aside: string[] = [];
  for (let attempt = 0; ; attempt++) {
    const place = `${old}-${attempt}`;
    try {
      fs.renameSync(target, place);
      aside.push(place);
      crashPoint("report:old-aside");
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
    }
    try {
      fs.renameSync(tmp, target);
      return aside;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if ((code === "ENOTEMPTY" || code === "EEXIST") && attempt < 5) continue;
      // Give the previous report back rather than leave no report at all.
      const previous = aside.pop();
      if (previous !== undefined && !fs.existsSync(target)) fs.renameSync(previous, target);
      for (const a of aside) fs.rmSync(a, { recursive: true, force: true });
      throw err;
    }
  }
}
