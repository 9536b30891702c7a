import * as path from "node:path";
import type { IsoDate } from "../domain/dates.js";
import { ROSTER_CATALOGUE, type RosterKey } from "../domain/import-columns.js";
import { indexRegister, type Library, type LoadedBook, type RegisterIndex } from "../domain/library.js";
import { inPool, pendingReview } from "../domain/pool.js";
import { compareDiagnostics, diagnostic, hasErrors, type Diagnostic } from "../diagnostics/diagnostic.js";
import { displayPath, villageFile } from "../io/layout.js";
import { changeLibrary, historyStamp, historyWrite, openLibrary, type Notice } from "../io/library-session.js";
import type { LoadedLibrary } from "../io/load-library.js";
import { isInsideFolder } from "../io/safe-path.js";
import { villageText } from "../io/serialize.js";
import { openTable, type OpenOptions } from "../io/tabular/open-table.js";
import type { Table, TableInfo } from "../io/tabular/table.js";
import type { Reserve } from "../domain/model.js";
import type { FileWrite } from "../io/transaction.js";
import { quotaRule } from "../rules/quota.js";
import { Sink } from "./cycle-tables.js";
import type { HistoryEntry } from "../schema/history.js";
import { resolvePlace, type PlaceResult } from "../schema/roster-place.js";
import { RosterRowChecker } from "../schema/roster-row.js";
import { vocabulariesOf } from "../domain/vocabulary-set.js";
import { isBlankRow, isTitleRow, resolveHeader, type ResolvedHeader } from "../schema/table-header.js";
import { RosterMerger, type AcceptedRow } from "./import-merge.js";
import { FirstSeen } from "./import-seen.js";
import { auditPeriod } from "./period.js";
import { sessionFor } from "../io/read-session.js";

export interface ImportOptions {
  readonly root: string;
  readonly cwd: string;
  readonly files: readonly string[];
  readonly today: IsoDate;
  readonly dryRun?: boolean;
  readonly sheet?: string;
  /** Why, recorded in the history. */
  readonly reason?: string;
  readonly waitMs?: number;
  readonly onNotice?: (n: Notice) => void;
  readonly limits?: OpenOptions["limits"];
  /** Told how far reading has got (for a progress bar). */
  readonly onProgress?: ProgressTick;
}

export interface FileReport extends Partial<Omit<TableInfo, "file">> {
  readonly file: string;
  /** Data rows read (header, title and blank rows not counted). */
  readonly rows: number;
}

export interface VillageReport {
  readonly code: string;
  readonly name: string;
  readonly town: string;
  readonly townName: string;
  readonly added: number;
  readonly updated: number;
  readonly unchanged: number;
  /** Counted towards the quota on the audit date, after the import. */
  readonly inPool: number;
  /** Selected but not yet through the county review. */
  readonly pending: number;
}

/**
 * imported: written; unchanged: valid, but the library already held all of it (nothing written);
 * dry-run: valid, nothing written on purpose; rejected: problems found, nothing written;
 * library-invalid: the library itself has errors, nothing was read or written.
 */
export type ImportStatus = "imported" | "unchanged" | "dry-run" | "rejected" | "library-invalid";

export interface ImportResult {
  readonly status: ImportStatus;
  readonly date: IsoDate;
  readonly files: readonly FileReport[];
  readonly villages: readonly VillageReport[];
  /** Quota findings for the villages of the run, after the import (rules/quota.ts). */
  readonly quota: readonly Diagnostic[];
  /** Problems, sorted; at most MAX_DIAGNOSTICS of them. */
  readonly diagnostics: readonly Diagnostic[];
  /** Problems found beyond MAX_DIAGNOSTICS (counted, not kept). */
  readonly omitted: number;
  readonly errors: number;
  readonly warnings: number;
  readonly notices: number;
  readonly totals: {
    readonly rows: number;
    readonly added: number;
    readonly updated: number;
    readonly unchanged: number;
    /** Cells stored as a different standard term than written (each file has a notice saying which). */
    readonly rewritten: number;
  };
  /** The history entry written, inside the library. */
  readonly historyFile?: string;
}

interface ReadOutcome {
  readonly rows: number[];
  /** Cells stored as a different standard term than written (大专 → 大学专科), in every file. */
  readonly rewritten: number;
}

/** Title rows tolerated above the header. */
const MAX_TITLE_ROWS = 10;

/**
 * Reads every row of every file, checks it and finds its village. Rows are handled one at a time
 * as the reader yields them; each valid row goes to `accept` (the merge), nothing else is kept.
 */
function readRosters(
  library: Library,
  register: RegisterIndex,
  tables: readonly Table[],
  today: IsoDate,
  sink: Sink,
  accept: (row: AcceptedRow) => void,
  progress?: ProgressTick,
): ReadOutcome {
  const rows: number[] = [];
  let rewritten = 0;
  const vocabularies = vocabulariesOf(library.district.policy);
  const places = new Map<string, PlaceResult>();
  // The place of the row before: a roster lists a village's people together, so most rows name it again.
  let last:
    { town: string | undefined; village: string | undefined; code: string | undefined; place: PlaceResult } | undefined;
  // Where each ID number was first seen: file index × 2^32 + line.
  // Sized for the rows the files' bytes suggest (a roster row is ~170 bytes), so that it rarely
  // grows; at most for a country's roll-up at first (64 MB), however large the files claim to be.
  const bytes = tables.reduce((n, t) => n + t.info.bytes, 0);
  const seen = new FirstSeen(Math.min((bytes / 170) * (4 / 3), 1 << 22));
  const rowProblems: Diagnostic[] = [];
  tables.forEach((table, fileIndex) => {
    const file = table.info.file;
    const readProblems: Diagnostic[] = [];
    let header: ResolvedHeader<RosterKey> | undefined;
    let checker: RosterRowChecker | undefined;
    let titles = 0;
    let count = 0;
    const tick =
      progress &&
      ((n: number, end = false) => progress(fileIndex, n, { file, files: tables.length, end, ...table.position?.() }));
    for (const row of table.rows(readProblems)) {
      if (!header || !checker) {
        if (isBlankRow(row.cells)) continue;
        if (!table.info.keyed && titles < MAX_TITLE_ROWS && isTitleRow(row.cells, ROSTER_CATALOGUE)) {
          titles++;
          continue;
        }
        const resolved = resolveHeader(row, ROSTER_CATALOGUE, file);
        sink.pushAll(resolved.diagnostics);
        header = resolved.header;
        checker = new RosterRowChecker({ file, fileIndex, format: table.info.format, today, header, vocabularies });
        continue;
      }
      if (isBlankRow(row.cells)) continue;
      count++;
      if (tick && (count & 1023) === 0) tick(count);
      rowProblems.length = 0;
      const rec = checker.check(row, rowProblems);
      sink.pushAll(rowProblems);
      // Every check runs on every row: the place and the duplicate check too when a cell is wrong.
      let place: PlaceResult | undefined;
      if (checker.placeReadable) {
        const { town, village, villageCode } = checker;
        if (last && last.code === villageCode && last.village === village && last.town === town) place = last.place;
        else {
          // A row with a 村代码 is found by the code, a look-up as cheap as the memo's; the memo keeps
          // only what took longer: a place found by its name, and every place that was not found.
          const key = `${villageCode ?? ""}\u0000${village ?? ""}\u0000${town ?? ""}`;
          const byCode = villageCode !== undefined;
          place = byCode && places.size === 0 ? undefined : places.get(key);
          if (!place) {
            place = resolvePlace(library.district, register, { code: villageCode, name: village, town });
            if (!byCode || !place.ok) places.set(key, place);
          }
          last = { town, village, code: villageCode, place };
        }
        if (!place.ok) {
          for (const at of place.at) {
            const ref = checker.placeCell(at);
            sink.push(
              diagnostic(place.code, place.args, {
                location: { file, line: ref.line, column: ref.column, field: ref.field },
              }),
            );
          }
        }
      }
      const id = checker.idNumber;
      let duplicate = false;
      if (id !== undefined) {
        const first = seen.firstOrAdd(id, fileIndex * 2 ** 32 + row.line);
        if (first !== undefined) {
          duplicate = true;
          const firstFile = Math.floor(first / 2 ** 32);
          const firstLine = first % 2 ** 32;
          const same = firstFile === fileIndex;
          const idRef = checker.cell("id_number");
          sink.push(
            diagnostic(
              same ? "duplicate-in-file" : "duplicate-in-run",
              { first: same ? firstLine : `${tables[firstFile]!.info.file}:${firstLine}` },
              {
                location: { file, line: idRef.line, column: idRef.column, field: idRef.field },
                ...(place?.ok && { village: place.village.code, town: place.village.town }),
              },
            ),
          );
        }
      }
      if (!rec || !place?.ok || duplicate) continue;
      accept({ record: rec, village: place.village.code });
    }
    // Reading problems are found before the header means anything; name their column now.
    for (const d of readProblems) {
      const column = d.location?.column;
      // A keyed table's (YAML) columns are characters, not cells: its reader names the key itself.
      const written =
        header && column !== undefined && !table.info.keyed ? header.columns[column - 1]?.written : undefined;
      sink.push(written ? { ...d, location: { ...d.location!, field: written } } : d);
    }
    if (checker) {
      sink.pushAll(checker.rewriteNotices());
      rewritten += checker.rewritten;
    }
    if (!header) sink.push(diagnostic("no-rows", { header: "no" }, { location: { file, line: 1, column: 1 } }));
    else if (count === 0 && !hasErrors(readProblems)) {
      sink.push(diagnostic("no-rows", { header: "yes" }, { location: { file, line: header.line, column: 1 } }));
    }
    rows.push(count);
    tick?.(count, true);
  });
  return { rows, rewritten };
}

/**
 * Called as rows are read (every 1024 rows and at the end of each file): the index of the file among
 * those read (files that could not be opened are not counted), the data rows read from it so far,
 * and what a progress bar shows besides.
 */
export type ProgressTick = (fileIndex: number, rows: number, detail: ProgressDetail) => void;

export interface ProgressDetail {
  /** The file being read, as the user would type it. */
  readonly file: string;
  /** How many files are read in the run. */
  readonly files: number;
  /** The tick at the end of the file (with all its rows). */
  readonly end: boolean;
  /**
   * Bytes read of the file and its size, where the reader streams it (delimited text); workbooks
   * and YAML are parsed whole before their rows are read, and report rows only.
   */
  readonly bytes?: number;
  readonly total?: number;
}

interface Plan {
  readonly status: "ok" | "library-invalid";
  readonly villages: VillageReport[];
  readonly quota: Diagnostic[];
  readonly rows: number[];
  readonly rewritten: number;
  /** How many village files the import writes, and the files, made one by one as they are staged. */
  readonly writes: number;
  readonly staged?: Iterable<FileWrite>;
  readonly history?: HistoryEntry;
  readonly date: IsoDate;
}

function plan(loaded: LoadedLibrary, tables: readonly Table[], options: ImportOptions, sink: Sink): Plan {
  const library = loaded.library;
  if (!library || hasErrors(loaded.diagnostics)) {
    sink.pushAll(loaded.diagnostics);
    return {
      status: "library-invalid",
      villages: [],
      quota: [],
      rows: [],
      rewritten: 0,
      writes: 0,
      date: options.today,
    };
  }
  const register = indexRegister(library.district);
  // The library as it will be is judged as the audit judges it (its rule and date).
  const { date, year } = auditPeriod(library.district.year, { today: options.today });
  // A dry run writes nothing, so it keeps of new people only what the summary and the quota need.
  const merger = new RosterMerger(
    { library, register, today: options.today, files: tables.map((t) => t.info.file) },
    { date, write: options.dryRun !== true },
  );
  const { rows, rewritten } = readRosters(
    library,
    register,
    tables,
    options.today,
    sink,
    (row) => merger.add(row),
    options.onProgress,
  );
  const merged = merger.finish();
  sink.pushAll(merged.diagnostics);

  // The library as it will be, for the summary and the quota.
  const books = new Map<string, LoadedBook>(library.books.map((b) => [b.village, b]));
  let writes = 0;
  const shown = libraryFiles(options.root, options.cwd);
  for (const o of merged.villages.values()) {
    if (!o.reserves) continue;
    const file = books.get(o.code)?.file ?? shown(villageFile(o.code));
    books.set(o.code, { village: o.code, reserves: o.reserves, file, complete: true });
    writes++;
  }
  const after: Library = { ...library, books: [...books.values()] };
  const touched = new Set(merged.villages.keys());
  const quota = quotaRule.check({
    library: after,
    register,
    policy: library.district.policy,
    date,
    year,
    books,
    inScope: (v) => touched.has(v.code),
  });
  const villages: VillageReport[] = [...merged.villages.values()]
    .sort((a, b) => (a.code < b.code ? -1 : 1))
    .map((o) => {
      const v = register.villages.get(o.code)!;
      const reserves = books.get(o.code)?.reserves ?? [];
      return {
        code: o.code,
        name: v.name,
        town: v.town,
        townName: register.towns.get(v.town)?.name ?? "",
        added: o.added,
        updated: o.updated,
        unchanged: o.unchanged,
        inPool: reserves.filter((r) => inPool(r, date)).length,
        pending: reserves.filter((r) => pendingReview(r, date)).length,
      };
    });
  let history: HistoryEntry | undefined;
  if (merged.changes.length > 0) {
    const sum = (k: "added" | "updated" | "unchanged") => villages.reduce((n, v) => n + v[k], 0);
    history = {
      ...historyStamp(),
      command: "import",
      ...(options.reason !== undefined && { reason: options.reason }),
      files: tables.map((t, i) => ({ name: t.info.name, sha256: t.info.sha256, rows: rows[i] ?? 0 })),
      summary: {
        rows: rows.reduce((a, b) => a + b, 0),
        added: sum("added"),
        updated: sum("updated"),
        unchanged: sum("unchanged"),
        villages: villages.filter((v) => v.added + v.updated > 0).length,
      },
      changes: merged.changes,
    };
  }
  return {
    status: "ok",
    villages,
    quota,
    rows,
    rewritten,
    writes: options.dryRun ? 0 : writes,
    // A dry run writes nothing, so it does not pay for making the files.
    ...(!options.dryRun && { staged: villageWrites(merger.written(), register) }),
    ...(history && { history }),
    date,
  };
}

/**
 * The village files of an import, each made as the transaction stages it and then let go, so that
 * neither the texts nor the records of a province's 15,000 files are ever all held at once.
 */
function* villageWrites(
  books: Iterable<{ readonly village: string; readonly reserves: readonly Reserve[] }>,
  register: RegisterIndex,
): Generator<FileWrite> {
  for (const book of books) yield { target: villageFile(book.village), content: villageText(book, register) };
}

/** How a file of the library is shown, from its place in the library (displayPath, worked out once). */
export function libraryFiles(root: string, cwd: string): (target: string) => string {
  const base = displayPath(root, cwd);
  if (base === ".") return (target) => target;
  if (base.startsWith("..") || path.isAbsolute(base)) {
    // A file is shown as its folder is, with its name after it (a country has 490,000 of them in
    // one folder: the folder is worked out once); a folder shown as "." is the working directory.
    const folders = new Map<string, string>();
    return (target) => {
      const slash = target.lastIndexOf("/");
      const folder = slash === -1 ? "" : target.slice(0, slash);
      let shown = folders.get(folder);
      if (shown === undefined) folders.set(folder, (shown = displayPath(path.join(root, folder), cwd)));
      const name = target.slice(slash + 1);
      return shown === "." ? name : `${shown}/${name}`;
    };
  }
  return (target) => `${base}/${target}`;
}

function fileReports(opened: readonly (Table | string)[], rows: readonly number[]): FileReport[] {
  let t = 0;
  return opened.map((o) => {
    if (typeof o === "string") return { file: o, rows: 0 };
    const { file, ...info } = o.info;
    return { file, ...info, rows: rows[t++] ?? 0 };
  });
}

/**
 * `reserve import`: reads every file, checks every row, and merges the rosters into the library
 * in one transaction — all or nothing. Nothing is written when any problem is an error, when
 * --dry-run is given, or when the library already holds everything the files say.
 */
export async function importRosters(options: ImportOptions): Promise<ImportResult> {
  const sink = new Sink();
  const opened: (Table | string)[] = [];
  const tables: Table[] = [];
  try {
    for (const input of options.files) {
      const abs = path.resolve(options.cwd, input);
      if (isInsideFolder(abs, options.root)) {
        // Reading a file the import may be about to replace, or importing the library into itself.
        const file = displayPath(abs, options.cwd);
        sink.push(diagnostic("input-in-library", {}, { location: { file, line: 1, column: 1 } }));
        opened.push(file);
        continue;
      }
      const result = await openTable(input, {
        cwd: options.cwd,
        ...(options.sheet !== undefined && { sheet: options.sheet }),
        ...(options.limits && { limits: options.limits }),
      });
      if (result.ok) {
        opened.push(result.table);
        tables.push(result.table);
      } else {
        sink.pushAll(result.diagnostics);
        opened.push(displayPath(path.resolve(options.cwd, input), options.cwd));
      }
    }
    const session = sessionFor("import", options);
    const finish = (p: Plan, written: boolean): ImportResult => {
      const rejected = sink.errors > 0;
      const status: ImportStatus =
        p.status === "library-invalid"
          ? "library-invalid"
          : rejected
            ? "rejected"
            : options.dryRun
              ? "dry-run"
              : written
                ? "imported"
                : "unchanged";
      const sum = (k: "added" | "updated" | "unchanged") => p.villages.reduce((n, v) => n + v[k], 0);
      return {
        status,
        date: p.date,
        files: fileReports(opened, p.rows),
        villages: p.villages,
        quota: p.quota,
        diagnostics: [...sink.list].sort(compareDiagnostics),
        omitted: sink.omitted,
        errors: sink.errors,
        warnings: sink.warnings,
        notices: sink.notices,
        totals: {
          rows: p.rows.reduce((a, b) => a + b, 0),
          added: sum("added"),
          updated: sum("updated"),
          unchanged: sum("unchanged"),
          rewritten: p.rewritten,
        },
        ...(written && p.history && { historyFile: historyWrite(p.history).target }),
      };
    };
    if (options.dryRun || sink.errors > 0) {
      return finish(plan(openLibrary(options.root, session), tables, options, sink), false);
    }
    return changeLibrary(options.root, session, (loaded) => {
      const p = plan(loaded, tables, options, sink);
      const write = p.status === "ok" && sink.errors === 0 && p.writes > 0 && p.staged !== undefined;
      return {
        writes: write ? p.staged : [],
        ...(write && p.history && { history: p.history }),
        result: finish(p, write),
      };
    });
  } finally {
    for (const t of tables) t.close?.();
  }
}
