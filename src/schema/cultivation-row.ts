import type { IsoDate } from "../domain/dates.js";
import { ymd } from "../domain/dates.js";
import type { RecordColumnSpec, RecordKey } from "../domain/cultivation-columns.js";
import {
  cleanCell,
  excelSerialDate,
  normalizeCodeInput,
  normalizeIdInput,
  normalizeName,
  parseDateInput,
  splitList,
} from "../domain/normalize-input.js";
import type { Cell, CellPosition, TableFormat, TableRow } from "../domain/table-row.js";
import { toHalfWidth } from "../domain/vocabulary.js";
import type { DiagnosticCode } from "../diagnostics/codes.js";
import { diagnostic, type Diagnostic, type DiagnosticArgs } from "../diagnostics/diagnostic.js";
import { isInvisible, showPersonal, showValue } from "../diagnostics/display.js";
import { postsOf, readMentorPosts } from "../domain/mentor-posts.js";
import { nameProblem } from "../domain/person-name.js";
import type { MentorRole, VocabularyName } from "../domain/terms.js";
import { BUILTIN, type Vocabularies } from "../domain/vocabulary-set.js";
import type { Vocabulary } from "../domain/vocabulary.js";
import type { ResolvedHeader } from "./table-header.js";
import { TermRewrites } from "./term-rewrites.js";

/**
 * One row of a cultivation record file (`reserve record`), read column by column as the column's
 * spec says (domain/cultivation-columns.ts), with the same cell rules as a roster: cells cleaned,
 * terms resolved from their aliases, dates in every form people type them, and every problem
 * located at its cell (line, column as written in the header). What the values mean — who the
 * person is, which session or pairing — is decided by the command.
 */

/** A mentor's posts as the 帮带人职务 cell gives them, and the category they count as. */
export interface MentorPostsValue {
  readonly role: MentorRole;
  readonly posts?: readonly string[];
}

export type RecordValue = string | number | readonly string[] | MentorPostsValue;

/** Where a cell is: the place every message about it points to. */
export interface CellRef {
  readonly line: number;
  readonly column: number;
  readonly field: string;
}

export interface ReadRow {
  readonly line: number;
  /** Valid values of the non-empty cells. */
  readonly values: Partial<Record<RecordKey, RecordValue>>;
  /** Columns whose cell holds something, valid or not. */
  readonly filled: ReadonlySet<RecordKey>;
  /** True when a cell of the row has an error. */
  readonly bad: boolean;
  /** Where column `key` of this row is (the row's first cell when the file has no such column). */
  ref(key: RecordKey): CellRef;
}

export interface RecordRowContext {
  readonly file: string;
  readonly format: TableFormat;
  readonly today: IsoDate;
  readonly header: ResolvedHeader<RecordKey>;
  readonly columns: readonly RecordColumnSpec<RecordKey>[];
  /** The library's vocabularies; the built-in ones when not given. */
  readonly vocabularies?: Vocabularies;
}

interface Column {
  readonly index: number;
  readonly spec: RecordColumnSpec<RecordKey>;
  readonly field: string;
  readonly vocabulary?: Vocabulary;
}

type Report = (code: DiagnosticCode, args: DiagnosticArgs) => void;

function isEmpty(c: Cell): boolean {
  return c === undefined || c === null || (typeof c === "string" && cleanCell(c) === "");
}

function position(row: TableRow, i: number): CellPosition {
  const at = row.positions?.[i];
  if (at) return at;
  return { line: row.line, column: row.positions ? (row.column ?? 1) : i + 1 };
}

/** Hours as people write them: 4, 2.5, ４, "3 学时". */
function parseHours(raw: Cell): number | undefined {
  if (typeof raw === "number") return Number.isFinite(raw) && raw >= 0 && raw <= 100 ? raw : undefined;
  if (typeof raw !== "string") return undefined;
  const m = /^(\d+(?:\.\d+)?)\s*(?:学时|课时|小时|h|hours?)?$/i.exec(toHalfWidth(cleanCell(raw)));
  if (!m) return undefined;
  const n = Number(m[1]);
  return n <= 100 ? n : undefined;
}

export class RecordRowReader {
  private readonly columns: Column[] = [];
  private readonly byKey = new Map<RecordKey, Column>();
  private readonly vocabularies: Vocabularies;
  private readonly rewrites = new TermRewrites();
  private row: TableRow | undefined;

  constructor(private readonly ctx: RecordRowContext) {
    this.vocabularies = ctx.vocabularies ?? BUILTIN;
    for (const spec of ctx.columns) {
      const index = ctx.header.index.get(spec.key);
      if (index === undefined) continue;
      const vocabulary = spec.vocabulary && this.vocabularies.get(spec.vocabulary.name as VocabularyName);
      const c = { index, spec, field: ctx.header.columns[index]!.written, ...(vocabulary && { vocabulary }) };
      this.columns.push(c);
      this.byKey.set(spec.key, c);
    }
  }

  /** One notice per column, written value and term rewritten in the file (after its last row). */
  rewriteNotices(): Diagnostic[] {
    return this.rewrites.notices(this.ctx.file);
  }

  private noteRewrite(col: Column, value: string, term: string): void {
    const row = this.row!;
    this.rewrites.note(col.index, col.field, value, term, row.line, position(row, col.index));
  }

  /** The header as written for a column of the file, or the column's Chinese name when it is absent. */
  fieldOf(key: RecordKey): string {
    return this.byKey.get(key)?.field ?? this.ctx.columns.find((c) => c.key === key)?.zh ?? key;
  }

  has(key: RecordKey): boolean {
    return this.byKey.has(key);
  }

  /** Reads one row; every problem of its cells is pushed to `out`. */
  read(row: TableRow, out: Diagnostic[]): ReadRow {
    const values: Partial<Record<RecordKey, RecordValue>> = {};
    const filled = new Set<RecordKey>();
    let bad = false;
    const ctx = this.ctx;
    this.row = row;
    // The table may reuse the row for the next one: keep only where its cells are.
    const kept: TableRow = { line: row.line, cells: [], positions: row.positions?.slice(), column: row.column };
    const refAt = (i: number): CellRef => ({
      ...position(kept, i),
      field: showValue(ctx.header.columns[i]?.written ?? ""),
    });
    const report = (code: DiagnosticCode, args: DiagnosticArgs, i: number) => {
      const field = ctx.header.columns[i]?.written ?? "";
      const d = diagnostic(code, args, {
        location: {
          file: ctx.file,
          ...position(row, i),
          field: showValue(field),
          ...(row.path && { path: [...row.path, field] }),
        },
      });
      if (d.severity === "error") bad = true;
      out.push(d);
    };

    // Cells past the header, or under an empty header cell, must be empty.
    const headerColumns = ctx.header.columns;
    row.cells.forEach((c, i) => {
      const col = headerColumns[i];
      if ((col && (col.spec || col.ignored)) || isEmpty(c)) return;
      const v = c instanceof Date ? c.toISOString() : typeof c === "object" && c !== null ? "" : String(c);
      out.push(
        diagnostic(
          "extra-cell",
          { column: i + 1, value: showValue(v) },
          { location: { file: ctx.file, line: row.line, column: i + 1 } },
        ),
      );
      bad = true;
    });

    for (const col of this.columns) {
      const { spec, index: i, field } = col;
      const raw = row.cells[i];
      if (isEmpty(raw)) {
        if (spec.required) report("empty-value", { field }, i);
        continue;
      }
      filled.add(spec.key);
      const value = this.cell(raw, col, (code, args) => report(code, { field, ...args }, i));
      if (value !== undefined) values[spec.key] = value;
    }

    const fieldOf = (key: RecordKey) => this.byKey.get(key);
    return {
      line: row.line,
      values,
      filled,
      bad,
      ref: (key) => {
        const c = fieldOf(key);
        return c ? refAt(c.index) : { ...position(kept, 0), field: "" };
      },
    };
  }

  /** A non-empty cell as its column reads it; undefined (with a problem reported) when it cannot be. */
  private cell(raw: Cell, col: Column, report: Report): RecordValue | undefined {
    const { spec } = col;
    if (spec.read === "hours") {
      const n = parseHours(raw);
      if (n === undefined) report("hours-invalid", { value: showValue(raw) });
      return n;
    }
    let s: string;
    if (typeof raw === "string") s = cleanCell(raw);
    else if (typeof raw === "number") {
      if (this.ctx.format === "yaml" && spec.read !== "item" && spec.read !== "person-id") {
        const shown = spec.read === "id-number" ? showPersonal("id_number", String(raw)) : showValue(raw);
        report("wrong-type", { expected: "string", found: "number", value: shown });
        return undefined;
      }
      if (spec.read === "id-number") {
        report("id-as-number", { value: showPersonal("id_number", String(raw)) });
        return undefined;
      }
      if (spec.read === "date") {
        report("date-excel-serial", { value: showValue(raw), date: excelSerialDate(raw) ?? "" });
        return undefined;
      }
      s = String(raw);
    } else if (raw instanceof Date) {
      s = ymd(raw.getUTCFullYear(), raw.getUTCMonth() + 1, raw.getUTCDate());
    } else if (typeof raw === "object" && raw !== null && raw.nested === "tag") {
      // One finding for one fault: the tag, reported by the reader.
      return undefined;
    } else {
      const found = typeof raw === "boolean" ? "boolean" : (raw as { nested: string }).nested;
      report("wrong-type", { expected: "string", found, value: typeof raw === "boolean" ? String(raw) : "" });
      return undefined;
    }
    if (!this.visible(s, col, report)) return undefined;
    switch (spec.read) {
      case "person-id":
        return normalizeCodeInput(s);
      case "id-number":
        return normalizeIdInput(s);
      case "name": {
        const t = this.short(normalizeName(s), col, report);
        const problem = t === undefined ? undefined : nameProblem(t);
        if (!problem) return t;
        const { reason, ...rest } = problem;
        report("name-invalid", { value: showValue(t!), reason, ...rest });
        return undefined;
      }
      case "posts":
        return this.posts(s, col, report);
      case "text":
      case "unit":
      case "item":
        return this.short(s, col, report);
      case "date": {
        const d = parseDateInput(s);
        if (!d.ok) {
          if (d.reason === "excel-serial") report("date-excel-serial", { value: showValue(s), date: d.date ?? "" });
          else report("date-invalid", { value: showValue(s), reason: d.reason });
          return undefined;
        }
        if (spec.key !== "to" && d.date > this.ctx.today) {
          report("date-future", { value: d.date, today: this.ctx.today });
          return undefined;
        }
        return d.date;
      }
      case "term":
        return this.term(s, col, report);
      case "term-list": {
        const items: string[] = [];
        for (const item of splitList(s)) {
          const t = this.term(item, col, report);
          if (t === undefined) return undefined;
          if (!items.includes(t)) items.push(t);
        }
        return items;
      }
    }
  }

  /** The posts of the one mentor of the row (one pairing per row), and their category. */
  private posts(s: string, col: Column, report: Report): MentorPostsValue | undefined {
    const written = postsOf(s);
    if (written.length === 0 || written.some((w) => this.short(w.text, col, report) === undefined)) return undefined;
    const read = readMentorPosts(written, this.vocabularies);
    for (const r of read.rewrites) this.noteRewrite(col, r.from, r.to);
    for (const post of read.unknown) report("mentor-post-unknown", { post: showValue(post) });
    return { role: read.role, ...(read.posts && { posts: read.posts }) };
  }

  private short(s: string, col: Column, report: Report) {
    const max = col.spec.max;
    if (max !== undefined && [...s].length > max) {
      report("value-too-long", { max, length: [...s].length, value: showValue(s) });
      return undefined;
    }
    return s;
  }

  private term(s: string, col: Column, report: Report) {
    const vocab = col.vocabulary!;
    const t = vocab.has(s) ? s : vocab.resolve(s);
    if (t !== undefined) {
      this.noteRewrite(col, s, t);
      return t;
    }
    report("bad-term", {
      value: showValue(s),
      allowed: vocab.values.join("、"),
      official: "",
      nearest: vocab.nearest(s) ?? "",
    });
    return undefined;
  }

  private visible(s: string, col: Column, report: Report): boolean {
    let k = 0;
    for (const ch of s) {
      k++;
      const cp = ch.codePointAt(0)!;
      if (cp >= 0x20 && cp < 0x7f) continue;
      // A line break (Alt+Enter) separates a mentor's posts, as in a roster.
      if ((cp === 0x0a || cp === 0x0d) && col.spec.read === "posts") continue;
      if (isInvisible(ch) || cp === 0xfffd) {
        const char = `U+${cp.toString(16).toUpperCase().padStart(4, "0")}`;
        const value = col.spec.read === "id-number" ? showPersonal("id_number", s) : showValue(s);
        report("invisible-character", { char, position: k, value });
        return false;
      }
    }
    return true;
  }
}
