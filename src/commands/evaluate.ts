import type { IsoDate } from "../domain/dates.js";
import { EVALUATION_SHEET_KEY } from "../domain/evaluation-sheet.js";
import { evaluationRecord, trainingAttendance, type Component } from "../domain/evaluation-score.js";
import { indexRegister, type Library, type LoadedBook } from "../domain/library.js";
import type { Evaluation, Reserve, Village } from "../domain/model.js";
import { normalizeName } from "../domain/normalize-input.js";
import { inPool } from "../domain/pool.js";
import { CRITERIA, GRADE_CODES, type Decision, type GradeCode } from "../domain/terms.js";
import {
  compareDiagnostics,
  diagnostic,
  hasErrors,
  type Diagnostic,
  type DiagnosticArgs,
} from "../diagnostics/diagnostic.js";
import type { DiagnosticCode } from "../diagnostics/codes.js";
import { showValue } from "../diagnostics/display.js";
import { villageFile } from "../io/layout.js";
import { changeLibrary, historyStamp, historyWrite, openLibrary, type Notice } from "../io/library-session.js";
import type { LoadedLibrary } from "../io/load-library.js";
import { villageText } from "../io/serialize.js";
import type { OpenOptions } from "../io/tabular/open-table.js";
import type { Table } from "../io/tabular/table.js";
import type { FileWrite } from "../io/transaction.js";
import { buildReport } from "../reports/build.js";
import type { Replenishment } from "../reports/model.js";
import type { CellRef } from "../schema/cultivation-row.js";
import { sheetCatalogue, SheetRowReader, type SheetRow } from "../schema/evaluation-row.js";
import type { HistoryChange, HistoryEntry } from "../schema/history.js";
import type { ResolvedHeader } from "../schema/table-header.js";
import { fileReports, openTables, readTable, Sink, type FileReport } from "./cycle-tables.js";
import { changedFields } from "./import-merge.js";
import { sessionFor } from "../io/read-session.js";

export interface EvaluateOptions {
  readonly root: string;
  readonly cwd: string;
  readonly files: readonly string[];
  readonly year: number;
  /** The day of the evaluation: recorded with each result and dating each adjustment. */
  readonly date: IsoDate;
  readonly today: IsoDate;
  readonly dryRun?: boolean;
  readonly sheet?: string;
  readonly reason?: string;
  readonly waitMs?: number;
  readonly onNotice?: (n: Notice) => void;
  readonly limits?: OpenOptions["limits"];
}

/** new: evaluated for the first time; updated: a different evaluation replaced; unchanged: as recorded. */
export type EvaluationChange = "new" | "updated" | "unchanged";

export interface EvaluatedPerson {
  readonly id: string;
  readonly name: string;
  readonly town: string;
  readonly townName: string;
  readonly village: string;
  readonly villageName: string;
  readonly score: number;
  readonly grade: GradeCode;
  readonly decision: Decision;
  readonly reasons: readonly string[];
  readonly change: EvaluationChange;
  /** For an adjust-out decision: adjusted out by this run, or already before it. */
  readonly adjusted?: "now" | "before";
}

export type EvaluateStatus = "evaluated" | "unchanged" | "dry-run" | "rejected" | "library-invalid";

export interface EvaluateResult {
  readonly status: EvaluateStatus;
  readonly year: number;
  readonly date: IsoDate;
  readonly files: readonly FileReport[];
  /** Everyone the sheets evaluate, in sheet order. */
  readonly people: readonly EvaluatedPerson[];
  readonly totals: {
    readonly rows: number;
    readonly new: number;
    readonly updated: number;
    readonly unchanged: number;
    /** Rows left blank for people who entered the pool during the year (not yet due). */
    readonly notDue: number;
    /** Adjusted out by this run. */
    readonly adjustedOut: number;
    readonly grades: Readonly<Record<GradeCode, number>>;
  };
  /** Everyone the sheets decide to adjust out, with the reasons. */
  readonly adjusted: readonly EvaluatedPerson[];
  /** The villages of the sheets' towns below the target after the evaluation (补充). */
  readonly replenishment: readonly (Replenishment & { readonly min: number; readonly target: number })[];
  readonly diagnostics: readonly Diagnostic[];
  readonly omitted: number;
  readonly errors: number;
  readonly warnings: number;
  readonly historyFile?: string;
}

interface Known {
  readonly reserve: Reserve;
  readonly village: Village | undefined;
  readonly book: string;
}

interface Row {
  readonly file: string;
  readonly row: SheetRow;
  readonly known: Known;
  readonly reader: SheetRowReader;
}

/** Stable text of plain data, keys sorted, for comparing evaluations. */
function stable(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stable).join(",")}]`;
  if (v !== null && typeof v === "object") {
    const entries = Object.entries(v as Record<string, unknown>)
      .filter(([, x]) => x !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${stable(x)}`).join(",")}}`;
  }
  return JSON.stringify(v);
}

/** The same evaluation, whatever day it was recorded on. */
function sameEvaluation(a: Evaluation, b: Evaluation): boolean {
  return stable({ ...a, date: undefined }) === stable({ ...b, date: undefined });
}

const ADJUSTED_OUT = "调整出库";

interface Plan {
  readonly status: "ok" | "library-invalid";
  readonly rows: number[];
  readonly people: EvaluatedPerson[];
  readonly notDue: number;
  readonly adjustedNow: number;
  readonly replenishment: EvaluateResult["replenishment"];
  readonly writes: FileWrite[];
  readonly history?: HistoryEntry;
}

function plan(loaded: LoadedLibrary, tables: readonly Table[], options: EvaluateOptions, sink: Sink): Plan {
  const library = loaded.library;
  const empty: Plan = {
    status: "library-invalid",
    rows: [],
    people: [],
    notDue: 0,
    adjustedNow: 0,
    replenishment: [],
    writes: [],
  };
  if (!library || hasErrors(loaded.diagnostics)) {
    sink.pushAll(loaded.diagnostics);
    return empty;
  }
  const policy = library.district.policy;
  const register = indexRegister(library.district);
  const { year, date } = options;
  const yearKey = String(year);
  const yearStart = `${yearKey.padStart(4, "0")}-01-01`;
  const sessions = library.trainings.filter((t) => t.year === year).flatMap((t) => t.sessions);
  const byId = new Map<string, Known>();
  for (const book of library.books) {
    for (const r of book.reserves)
      byId.set(r.id, { reserve: r, village: register.villages.get(book.village), book: book.village });
  }
  const townName = (code: string | undefined) => (code ? (register.towns.get(code)?.name ?? code) : "");

  const at = (file: string, ref: CellRef, known?: Known) => ({
    location: { file, line: ref.line, column: ref.column, field: ref.field },
    ...(known && { village: known.book, person: known.reserve.id }),
    ...(known?.village && { town: known.village.town }),
  });
  const report = (code: DiagnosticCode, args: DiagnosticArgs, file: string, ref: CellRef, known?: Known) =>
    sink.push(diagnostic(code, args, at(file, ref, known)));

  // 1. Read every sheet, match rows to people, check the identity columns.
  const catalogue = sheetCatalogue(library.district.policy);
  const rows: Row[] = [];
  const counts: number[] = [];
  const seen = new Map<string, { file: string; line: number }>();
  /** The first file (and its header) that holds rows of each town. */
  const townFiles = new Map<string, { file: string; header: ResolvedHeader<string> }>();
  for (const table of tables) {
    const file = table.info.file;
    let reader: SheetRowReader | undefined;
    let header: ResolvedHeader<string> | undefined;
    const problems: Diagnostic[] = [];
    counts.push(
      readTable(
        table,
        catalogue,
        sink,
        (h) => {
          header = h;
          reader = new SheetRowReader({ file, header: h, policy });
        },
        (tableRow) => {
          if (!reader || !header) return;
          problems.length = 0;
          const row = reader.read(tableRow, problems);
          sink.pushAll(problems);
          if (row.id === undefined) return;
          const known = byId.get(row.id);
          if (!known) {
            report("sheet-id-unknown", { value: showValue(row.id) }, file, row.ref(EVALUATION_SHEET_KEY));
            return;
          }
          const first = seen.get(row.id);
          if (first) {
            report(
              "sheet-row-duplicate",
              { person: row.id, first: first.line, firstFile: first.file === file ? "" : first.file },
              file,
              row.ref(EVALUATION_SHEET_KEY),
              known,
            );
            return;
          }
          seen.set(row.id, { file, line: row.line });
          const town = known.village?.town;
          if (town !== undefined && !townFiles.has(town)) townFiles.set(town, { file, header });
          const expected: Record<string, string> = {
            name: known.reserve.name,
            village_code: known.book,
            village: known.village?.name ?? "",
            town_code: town ?? "",
            town: townName(town),
          };
          let edited = false;
          for (const [key, value] of row.identity) {
            if (key === EVALUATION_SHEET_KEY) continue;
            const want = expected[key] ?? "";
            const same = key === "name" ? normalizeName(want) === value : want === value;
            if (same) continue;
            edited = true;
            report(
              "sheet-identity-edited",
              { field: reader.fieldOf(key), value: showValue(value), expected: showValue(want) },
              file,
              row.ref(key),
              known,
            );
          }
          if (!edited) rows.push({ file, row, known, reader });
        },
      ),
    );
  }

  // 2. Score each row; decide what changes.
  const people: EvaluatedPerson[] = [];
  const changed = new Map<string, Reserve>();
  const historyChanges: HistoryChange[] = [];
  let notDue = 0;
  let adjustedNow = 0;
  for (const { file, row, known, reader } of rows) {
    const r = known.reserve;
    const existing = r.evaluations?.[yearKey];
    const due = r.selection.county !== undefined && r.selection.county < yearStart;
    const pool = inPool(r, date);
    const ref = (key: string) => row.ref(key);
    if (row.scored.size === 0) {
      if (!pool || row.bad) continue;
      if (existing) {
        people.push(personOf(known, existing, "unchanged", townName));
        continue;
      }
      if (due) report("sheet-row-blank", { name: r.name }, file, ref(CRITERIA[0]), known);
      else notDue++;
      continue;
    }
    // Components: every weighted criterion rated; votes cast and the raters given; attendance counted.
    // A cell that is filled but wrong has been reported already; an empty one is a missing part.
    let complete = !row.bad;
    const missing = (component: Component, keys: readonly string[], at: string) => {
      complete = false;
      const columns = keys.map((k) => reader.fieldOf(k)).join("、");
      report("component-missing", { component, columns }, file, ref(at), known);
    };
    const c = policy.evaluation.components;
    if (c.criteria > 0) {
      const empty = CRITERIA.filter((k) => policy.evaluation.criteria_weights[k] > 0 && !row.scored.has(k));
      if (empty.length > 0) missing("criteria", empty, empty[0]!);
    }
    let votes: Record<GradeCode, number> | undefined;
    if (c.democratic > 0) {
      const voteKeys = GRADE_CODES.map((g) => `votes_${g}`);
      const anyVote = voteKeys.some((k) => row.scored.has(k));
      const raters = row.scored.has("raters") ? [] : ["raters"];
      if (!anyVote) missing("democratic", [...voteKeys, ...raters], voteKeys[0]!);
      else if (raters.length > 0) missing("democratic", raters, "raters");
      else if (complete && row.raters !== undefined) {
        votes = Object.fromEntries(GRADE_CODES.map((g) => [g, row.votes[g] ?? 0])) as Record<GradeCode, number>;
        const cast = GRADE_CODES.reduce((s, g) => s + votes![g], 0);
        if (cast > row.raters) {
          complete = false;
          report("votes-exceed-raters", { votes: cast, raters: row.raters }, file, ref("raters"), known);
        } else if (cast === 0) missing("democratic", [], voteKeys[0]!);
      }
    }
    const attendance = trainingAttendance(
      r,
      sessions,
      { town: known.village?.town ?? "", village: known.book },
      year,
      date,
    );
    if (c.training > 0 && attendance.rate === undefined) {
      missing("training", ["trainings"], reader.has("trainings") ? "trainings" : EVALUATION_SHEET_KEY);
    }
    if (!complete) continue;
    const next = evaluationRecord(policy.evaluation, {
      date,
      ratings: row.ratings,
      ...(votes && { votes }),
      ...(row.raters !== undefined && { raters: row.raters }),
      ...(attendance.rate !== undefined && { training_rate: attendance.rate }),
      ...(row.note !== undefined && { note: row.note }),
    });
    if (!next) continue;
    const same = existing !== undefined && sameEvaluation(existing, next);
    if (!pool) {
      if (same) {
        people.push(personOf(known, existing, "unchanged", townName));
        continue;
      }
      const last = r.status_changes?.[r.status_changes.length - 1];
      if (existing?.decision === "adjust_out" && r.status === ADJUSTED_OUT) {
        report(
          "evaluation-settled",
          { name: r.name, date: last?.date ?? "", year: yearKey },
          file,
          ref(EVALUATION_SHEET_KEY),
          known,
        );
      } else {
        report(
          "sheet-person-left",
          { name: r.name, status: r.status, pending: r.status === "在库" || r.status === "列为考察对象" ? 1 : 0 },
          file,
          ref(EVALUATION_SHEET_KEY),
          known,
        );
      }
      continue;
    }
    // The same evaluation again records nothing new; an adjustment it decided and that was never
    // made (the status still says in the pool) is made now.
    if (same && next.decision !== "adjust_out") {
      people.push(personOf(known, existing, "unchanged", townName));
      continue;
    }
    let after: Reserve = same ? r : { ...r, evaluations: { ...r.evaluations, [yearKey]: next } };
    let adjusted: "now" | undefined;
    if (next.decision === "adjust_out") {
      const reason = `${yearKey}年度测评：${(next.reasons ?? []).join("、")}`;
      after = {
        ...after,
        status: ADJUSTED_OUT,
        status_changes: [...(r.status_changes ?? []), { status: ADJUSTED_OUT, date, reason }],
      };
      adjusted = "now";
      adjustedNow++;
    }
    changed.set(r.id, after);
    const change: EvaluationChange = same ? "unchanged" : existing ? "updated" : "new";
    people.push({ ...personOf(known, next, change, townName), ...(adjusted && { adjusted }) });
    if (!same) {
      historyChanges.push({
        action: "evaluate",
        village: known.book,
        person: r.id,
        before: changedFields(r, { ...r, evaluations: after.evaluations }),
      });
    }
    if (adjusted) {
      historyChanges.push({
        action: "status",
        village: known.book,
        person: r.id,
        from: r.status,
        to: ADJUSTED_OUT,
        reason: after.status_changes![after.status_changes!.length - 1]!.reason,
      });
    }
  }

  // 3. Every person due in the sheets' towns has a row.
  const due = (r: Reserve) =>
    inPool(r, date) && r.selection.county! < yearStart && r.evaluations?.[yearKey] === undefined && !seen.has(r.id);
  for (const book of [...library.books].sort((a, b) => (a.village < b.village ? -1 : 1))) {
    const village = register.villages.get(book.village);
    const where = village ? townFiles.get(village.town) : undefined;
    if (!village || !where) continue;
    for (const r of book.reserves) {
      if (!due(r)) continue;
      const i = where.header.index.get(EVALUATION_SHEET_KEY) ?? 0;
      report(
        "sheet-row-missing",
        { name: r.name, person: r.id, village: `${townName(village.town)}${village.name}` },
        where.file,
        { line: where.header.line, column: i + 1, field: showValue(where.header.columns[i]?.written ?? "") },
        { reserve: r, village, book: book.village },
      );
    }
  }

  // 4. The library after the evaluation: the writes, and the villages now short of reserves.
  const books = library.books.map((b): LoadedBook => {
    if (!b.reserves.some((r) => changed.has(r.id))) return b;
    return { ...b, reserves: b.reserves.map((r) => changed.get(r.id) ?? r) };
  });
  const writes: FileWrite[] = [];
  if (!options.dryRun) {
    for (const b of books) {
      if (!b.reserves.some((r) => changed.has(r.id))) continue;
      writes.push({
        target: villageFile(b.village),
        content: villageText({ village: b.village, reserves: b.reserves }, register),
      });
    }
  }
  const after: Library = { ...library, books };
  const towns = new Set(townFiles.keys());
  const model = buildReport(after, { year, date, inScope: (v) => towns.has(v.town) });
  const replenishment = model.replenishment.map((x) => ({ ...x, min: policy.quota.min, target: policy.quota.target }));

  let history: HistoryEntry | undefined;
  if (historyChanges.length > 0) {
    const grades = Object.fromEntries(GRADE_CODES.map((g) => [g, people.filter((p) => p.grade === g).length]));
    history = {
      ...historyStamp(),
      command: "evaluate",
      reason: options.reason ?? `${yearKey}年度测评`,
      files: tables.map((t, i) => ({ name: t.info.name, sha256: t.info.sha256, rows: counts[i] ?? 0 })),
      summary: {
        year,
        rows: counts.reduce((a, b) => a + b, 0),
        new: people.filter((p) => p.change === "new").length,
        updated: people.filter((p) => p.change === "updated").length,
        unchanged: people.filter((p) => p.change === "unchanged").length,
        adjusted_out: adjustedNow,
        ...grades,
      },
      changes: historyChanges,
    };
  }
  return {
    status: "ok",
    rows: counts,
    people,
    notDue,
    adjustedNow,
    replenishment,
    writes,
    ...(history && { history }),
  };
}

function personOf(
  known: Known,
  e: Evaluation,
  change: EvaluationChange,
  townName: (code: string | undefined) => string,
): EvaluatedPerson {
  const town = known.village?.town ?? "";
  return {
    id: known.reserve.id,
    name: known.reserve.name,
    town,
    townName: townName(town),
    village: known.book,
    villageName: known.village?.name ?? known.book,
    score: e.score ?? 0,
    grade: e.grade ?? "incompetent",
    decision: e.decision ?? "keep",
    reasons: e.reasons ?? [],
    change,
    ...(e.decision === "adjust_out" && known.reserve.status === ADJUSTED_OUT && { adjusted: "before" as const }),
  };
}

/**
 * `reserve evaluate --year Y FILE…`: reads the filled evaluation sheets `reserve report` wrote,
 * checks them like an import (rows matched by internal id, identity cells unedited, no row missing
 * or twice, values from the lists, every component present), scores each person with the policy
 * (domain/evaluation-score.ts), records the evaluations and adjusts out those it decides to — all in
 * one transaction with a history entry. The same sheets again change nothing.
 */
export async function evaluateSheets(options: EvaluateOptions): Promise<EvaluateResult> {
  const sink = new Sink();
  const { opened, tables } = await openTables(options.files, options, sink);
  try {
    const session = sessionFor("evaluate", options);
    const finish = (p: Plan, written: boolean): EvaluateResult => {
      const status: EvaluateStatus =
        p.status === "library-invalid"
          ? "library-invalid"
          : sink.errors > 0
            ? "rejected"
            : options.dryRun
              ? "dry-run"
              : written
                ? "evaluated"
                : "unchanged";
      const grades = Object.fromEntries(
        GRADE_CODES.map((g) => [g, p.people.filter((x) => x.grade === g).length]),
      ) as Record<GradeCode, number>;
      return {
        status,
        year: options.year,
        date: options.date,
        files: fileReports(opened, p.rows),
        people: p.people,
        totals: {
          rows: p.rows.reduce((a, b) => a + b, 0),
          new: p.people.filter((x) => x.change === "new").length,
          updated: p.people.filter((x) => x.change === "updated").length,
          unchanged: p.people.filter((x) => x.change === "unchanged").length,
          notDue: p.notDue,
          adjustedOut: p.adjustedNow,
          grades,
        },
        adjusted: p.people.filter((x) => x.decision === "adjust_out"),
        replenishment: p.replenishment,
        diagnostics: [...sink.list].sort(compareDiagnostics),
        omitted: sink.omitted,
        errors: sink.errors,
        warnings: sink.warnings,
        ...(written && p.history && { historyFile: historyWrite(p.history).target }),
      };
    };
    if (options.dryRun || sink.errors > 0) {
      return finish(plan(openLibrary(options.root, session), tables, options, sink), false);
    }
    return changeLibrary(options.root, session, (loaded) => {
      const p = plan(loaded, tables, options, sink);
      const write = p.status === "ok" && sink.errors === 0 && p.writes.length > 0;
      return {
        writes: write ? p.writes : [],
        ...(write && p.history && { history: p.history }),
        result: finish(p, write),
      };
    });
  } finally {
    for (const t of tables) t.close?.();
  }
}
