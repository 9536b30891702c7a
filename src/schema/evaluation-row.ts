import {
  EVALUATION_SHEET_COLUMNS,
  EVALUATION_SHEET_KEY,
  EVALUATION_SHEET_MAX_COUNT,
  ratingCode,
  ratingOptions,
  sheetHeader,
  type SheetColumn,
} from "../domain/evaluation-sheet.js";
import type { ColumnCatalogue, ColumnSpec } from "../domain/import-columns.js";
import type { EvaluationPolicy } from "../domain/model.js";
import { cleanCell, normalizeCodeInput, normalizeName } from "../domain/normalize-input.js";
import { fromSheetCell } from "../domain/spreadsheet-cell.js";
import type { Cell, CellPosition, TableRow } from "../domain/table-row.js";
import type { Criterion, GradeCode, RatingCode } from "../domain/terms.js";
import { toHalfWidth } from "../domain/vocabulary.js";
import type { DiagnosticCode } from "../diagnostics/codes.js";
import { diagnostic, type Diagnostic, type DiagnosticArgs } from "../diagnostics/diagnostic.js";
import { isInvisible, showValue } from "../diagnostics/display.js";
import type { CellRef } from "./cultivation-row.js";
import type { ResolvedHeader } from "./table-header.js";

/**
 * A row of the filled evaluation sheet, read back by `reserve evaluate`. The columns are those of
 * domain/evaluation-sheet.ts, the module `reserve report` writes the sheet with: headers match in
 * Chinese, in English or by key; identity cells are read with `fromSheetCell` (undoing the guards
 * the CSV was written with); ratings are the policy's labels (or codes); votes and raters whole
 * numbers. Every problem is located at its cell. Reference columns (序号, 性别, 本年参训) are ignored.
 */

export interface SheetPolicy {
  readonly evaluation: EvaluationPolicy;
}

/**
 * The sheet's columns as a header catalogue, so that unknown, duplicated and missing columns are
 * reported like a roster's. The internal id and the name are required, and the scoring columns of
 * every component the policy gives a share to.
 */
export function sheetCatalogue(policy: SheetPolicy): ColumnCatalogue {
  const c = policy.evaluation.components;
  const required = (col: SheetColumn) =>
    col.key === EVALUATION_SHEET_KEY ||
    col.key === "name" ||
    (col.role === "rating" && c.criteria > 0) ||
    ((col.role === "votes" || col.role === "raters") && c.democratic > 0);
  const columns: ColumnSpec[] = EVALUATION_SHEET_COLUMNS.map((col) => ({
    key: col.key,
    zh: sheetHeader(col, policy, "zh"),
    aliases: [sheetHeader(col, policy, "en")],
    kind: "text",
    ...(required(col) && { required: true }),
    description: { zh: "", en: "" },
  }));
  return { columns, oneOf: [], ignored: [] };
}

export interface SheetRow {
  readonly line: number;
  /** The internal id, when the cell holds one. */
  readonly id: string | undefined;
  /** Identity cells as written (after undoing the CSV guards), by column key. */
  readonly identity: ReadonlyMap<string, string>;
  readonly ratings: Partial<Record<Criterion, RatingCode>>;
  /** Vote cells filled, by grade. */
  readonly votes: Partial<Record<GradeCode, number>>;
  readonly raters: number | undefined;
  readonly note: string | undefined;
  /** Scoring columns (ratings, votes, raters) whose cell holds something, valid or not. */
  readonly scored: ReadonlySet<string>;
  readonly bad: boolean;
  /** Where column `key` of this row is (the row's first cell when the sheet has no such column). */
  ref(key: string): CellRef;
}

function position(row: TableRow, i: number): CellPosition {
  const at = row.positions?.[i];
  if (at) return at;
  return { line: row.line, column: row.positions ? (row.column ?? 1) : i + 1 };
}

function isEmpty(c: Cell): boolean {
  return c === undefined || c === null || (typeof c === "string" && cleanCell(fromSheetCell(c)) === "");
}

/** A cell as text: strings with the sheet's guards undone, numbers as written. */
function textOf(c: Cell): string | undefined {
  if (typeof c === "string") return cleanCell(fromSheetCell(c));
  if (typeof c === "number") return String(c);
  if (typeof c === "boolean") return String(c);
  return undefined;
}

const MAX_NOTE = 500;

export class SheetRowReader {
  private readonly columns: { index: number; column: SheetColumn; field: string }[] = [];
  private readonly byKey = new Map<string, number>();
  private readonly allowed: string;

  constructor(private readonly ctx: { file: string; header: ResolvedHeader<string>; policy: SheetPolicy }) {
    for (const column of EVALUATION_SHEET_COLUMNS) {
      const index = ctx.header.index.get(column.key);
      if (index === undefined) continue;
      this.columns.push({ index, column, field: ctx.header.columns[index]!.written });
      this.byKey.set(column.key, index);
    }
    this.allowed = ratingOptions(ctx.policy).join("、");
  }

  has(key: string): boolean {
    return this.byKey.has(key);
  }

  /** The header as written, or the Chinese header when the sheet lacks the column. */
  fieldOf(key: string): string {
    const i = this.byKey.get(key);
    if (i !== undefined) return this.ctx.header.columns[i]!.written;
    const col = EVALUATION_SHEET_COLUMNS.find((c) => c.key === key);
    return col ? sheetHeader(col, this.ctx.policy, "zh") : key;
  }

  read(row: TableRow, out: Diagnostic[]): SheetRow {
    const { file, header } = this.ctx;
    let bad = false;
    const report = (code: DiagnosticCode, args: DiagnosticArgs, i: number) => {
      const d = diagnostic(code, args, {
        location: { file, ...position(row, i), field: showValue(header.columns[i]?.written ?? "") },
      });
      if (d.severity === "error") bad = true;
      out.push(d);
    };
    row.cells.forEach((c, i) => {
      const col = header.columns[i];
      if ((col && (col.spec || col.ignored)) || isEmpty(c)) return;
      out.push(
        diagnostic(
          "extra-cell",
          { column: i + 1, value: showValue(textOf(c) ?? "") },
          { location: { file, line: row.line, column: i + 1 } },
        ),
      );
      bad = true;
    });
    const identity = new Map<string, string>();
    const ratings: Partial<Record<Criterion, RatingCode>> = {};
    const votes: Partial<Record<GradeCode, number>> = {};
    let raters: number | undefined;
    let note: string | undefined;
    const scored = new Set<string>();
    for (const { index: i, column, field } of this.columns) {
      const raw = row.cells[i];
      const scoring = column.role === "rating" || column.role === "votes" || column.role === "raters";
      if (isEmpty(raw)) {
        if (column.key === EVALUATION_SHEET_KEY) report("empty-value", { field }, i);
        continue;
      }
      if (column.role === "reference") continue;
      if (scoring) scored.add(column.key);
      const text = raw instanceof Date ? undefined : textOf(raw);
      if (text === undefined) {
        report("wrong-type", { field, expected: "string", found: raw instanceof Date ? "date" : "map", value: "" }, i);
        continue;
      }
      const invisible = [...text].findIndex((ch) => isInvisible(ch) || ch === "\ufffd");
      if (invisible >= 0 && !(column.role === "note" && /^[\r\n]$/.test([...text][invisible]!))) {
        const ch = [...text][invisible]!;
        const char = `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;
        report("invisible-character", { field, char, position: invisible + 1, value: showValue(text) }, i);
        continue;
      }
      switch (column.role) {
        case "identity":
          identity.set(
            column.key,
            column.key === "name" ? normalizeName(text) : column.text ? normalizeCodeInput(text) : text,
          );
          break;
        case "rating": {
          const code = ratingCode(this.ctx.policy, toHalfWidth(text));
          if (code === undefined) report("rating-invalid", { field, value: showValue(text), allowed: this.allowed }, i);
          else ratings[column.criterion!] = code;
          break;
        }
        case "votes":
        case "raters": {
          const min = column.role === "raters" ? 1 : 0;
          const t = toHalfWidth(text);
          const n = /^\d+$/.test(t) ? Number(t) : typeof raw === "number" && Number.isInteger(raw) ? raw : NaN;
          if (!Number.isInteger(n) || n < min || n > EVALUATION_SHEET_MAX_COUNT) {
            report("count-invalid", { field, value: showValue(text), min, max: EVALUATION_SHEET_MAX_COUNT }, i);
          } else if (column.role === "raters") raters = n;
          else votes[column.grade!] = n;
          break;
        }
        case "note":
          if ([...text].length > MAX_NOTE) {
            report("value-too-long", { field, max: MAX_NOTE, length: [...text].length, value: showValue(text) }, i);
          } else note = text.replace(/\r\n?/g, "\n");
          break;
      }
    }
    const byKey = this.byKey;
    // The table may reuse the row for the next one: keep only where its cells are.
    const line = row.line;
    const cellAt = (i: number) =>
      position({ line, cells: [], positions: row.positions?.slice(), column: row.column }, i);
    return {
      line,
      id: identity.get(EVALUATION_SHEET_KEY),
      identity,
      ratings,
      votes,
      raters,
      note,
      scored,
      bad,
      ref: (key) => {
        const i = byKey.get(key);
        const at = i === undefined ? 0 : i;
        return { ...cellAt(at), field: i === undefined ? "" : showValue(header.columns[i]?.written ?? "") };
      },
    };
  }
}
