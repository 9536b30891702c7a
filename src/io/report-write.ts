import { randomBytes } from "node:crypto";
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
 * and the next run puts the new one in place.
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
 * Files being written by the thread pool while the next ones are made: creating a file costs the
 * system about as much as making it costs the program, and the two overlap on a second core.
 * At most `limit` at a time; the first error is kept and thrown by `settle` or `drain`.
 */
class Writes {
  private readonly pending = new Set<Promise<void>>();
  private failure: NodeJS.ErrnoException | undefined;
  constructor(private readonly limit: number) {}

  start(file: string, data: Buffer, mode: number): void {
    if (this.failure) throw this.failure;
    const p: Promise<void> = new Promise<void>((resolve) => {
      fs.writeFile(file, data, { flag: "wx", mode }, (err) => {
        if (err && !this.failure) this.failure = err;
        this.pending.delete(p);
        resolve();
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

export interface WrittenReport {
  readonly files: number;
  readonly bytes: number;
}

/**
 * Writes the files into a new folder, each as soon as it is made (`files` may be a generator),
 * and swaps the folder in at `target`. The caller has checked
 * `targetState` (only "absent", "empty" and "report" may be replaced). Files and folders are
 * readable by the owner only, whatever the umask: even with ID numbers and phones masked, a
 * report names people with their ethnicity, education and political status — personal
 * information that other accounts on a shared computer must not read. Sharing a report is a
 * deliberate copy.
 */
export async function writeReportFolder(target: string, files: Iterable<ReportFile>): Promise<WrittenReport> {
  const parent = path.dirname(target);
  const base = path.basename(target);
  fs.mkdirSync(parent, { recursive: true });
  await removeAll(leftovers(parent, base));
  const tag = `${process.pid}-${randomBytes(4).toString("hex")}`;
  const tmp = path.join(parent, `.${base}.tmp-${tag}`);
  const fileMode = 0o600;
  const dirMode = 0o700;
  let bytes = 0;
  let count = 0;
  let aside: string[];
  const writes = new Writes(WRITES_AT_ONCE);
  try {
    fs.mkdirSync(tmp, { mode: dirMode });
    const made = new Set<string>();
    for (const f of files) {
      const abs = path.join(tmp, ...f.path.split("/"));
      const dir = path.dirname(abs);
      if (!made.has(dir)) {
        fs.mkdirSync(dir, { recursive: true, mode: dirMode });
        made.add(dir);
      }
      const data = encodeReportFile(f);
      writes.start(abs, data, fileMode);
      bytes += data.length;
      count++;
      if (writes.busy()) await writes.settle();
    }
    await writes.drain();
    fs.writeFileSync(path.join(tmp, REPORT_MARKER), MARKER_TEXT, { flag: "wx", mode: fileMode });
    crashPoint("report:written");
    aside = swapIn(tmp, target, path.join(parent, `.${base}.old-${tag}`));
  } catch (err) {
    await writes.drain().catch(() => undefined);
    await removeAll([tmp]);
    throw err;
  }
  await removeAll(aside);
  return { files: count, bytes };
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
