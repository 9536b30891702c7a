import { headerKey, type ColumnCatalogue, type ColumnSpec } from "../domain/import-columns.js";
import { cleanCell } from "../domain/normalize-input.js";
import type { Cell, CellPosition, TableRow } from "../domain/table-row.js";
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import { showValue } from "../diagnostics/display.js";

/**
 * Finds the header of a table and maps its columns to a catalogue (rosters now; cultivation
 * records later use their own catalogue). Headers may be in Chinese or English, in any order;
 * unknown, missing and duplicated columns are errors that name the column.
 */

export interface HeaderColumn<K extends string> {
  /** The column's spec; undefined for an empty, unknown or ignored header cell. */
  readonly spec: ColumnSpec<K> | undefined;
  /** The header as written (trimmed), for messages. */
  readonly written: string;
  /** True for headers recognised and skipped (序号). */
  readonly ignored: boolean;
}

export interface ResolvedHeader<K extends string> {
  readonly line: number;
  /** One per header cell, in order. */
  readonly columns: readonly HeaderColumn<K>[];
  /** The cell index of each column present. */
  readonly index: ReadonlyMap<K, number>;
}

const lookups = new WeakMap<ColumnCatalogue, Map<string, ColumnSpec>>();

function lookupOf<K extends string>(catalogue: ColumnCatalogue<K>): Map<string, ColumnSpec<K>> {
  let map = lookups.get(catalogue);
  if (!map) {
    map = new Map();
    for (const spec of catalogue.columns) {
      for (const name of [spec.key, spec.zh, ...spec.aliases]) map.set(headerKey(name), spec);
    }
    lookups.set(catalogue, map);
  }
  return map as Map<string, ColumnSpec<K>>;
}

export function headerText(cell: Cell): string {
  if (typeof cell === "string") return cleanCell(cell);
  if (typeof cell === "number" || typeof cell === "boolean") return String(cell);
  return "";
}

/** True when a row has nothing in it (spreadsheets leave such rows, mostly at the end). */
export function isBlankRow(cells: readonly Cell[]): boolean {
  for (const c of cells) {
    if (c === undefined || c === null) continue;
    if (typeof c === "string" && c.trim() === "") continue;
    return false;
  }
  return true;
}

/**
 * How many different texts the row's cells hold. A title typed across a merged range (A1:P1) is
 * read into every cell of the range, and is still one title.
 */
function filledTexts(cells: readonly Cell[]): number {
  let first: string | undefined;
  for (const c of cells) {
    const t = headerText(c);
    if (t === "") continue;
    if (first === undefined) first = t;
    else if (t !== first) return 2;
  }
  return first === undefined ? 0 : 1;
}

/**
 * Whether a row is the header rather than a title above it. Spreadsheets often start with a title
 * row ("沙坡村后备干部名册") or a blank row; a row with at most one filled cell that is not itself
 * a column name is taken as such a title and skipped.
 */
export function isTitleRow<K extends string>(cells: readonly Cell[], catalogue: ColumnCatalogue<K>): boolean {
  if (filledTexts(cells) > 1) return false;
  const lookup = lookupOf(catalogue);
  return !cells.some((c) => lookup.has(headerKey(headerText(c))));
}

function positionOf(row: TableRow, i: number): CellPosition {
  return row.positions?.[i] ?? { line: row.line, column: i + 1 };
}

/** The closest known column name within one edit (two for longer names), for "did you mean". */
function suggestion<K extends string>(written: string, catalogue: ColumnCatalogue<K>): string | undefined {
  const key = headerKey(written);
  const limit = key.length <= 4 ? 1 : 2;
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const spec of catalogue.columns) {
    for (const name of [spec.zh, spec.key, ...spec.aliases]) {
      const d = editDistance(key, headerKey(name));
      if (d < bestDistance) {
        best = spec.zh;
        bestDistance = d;
      }
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}

/** Maps the header row to the catalogue; every unknown, duplicated and missing column is reported. */
export function resolveHeader<K extends string>(
  row: TableRow,
  catalogue: ColumnCatalogue<K>,
  file: string,
): { header: ResolvedHeader<K>; diagnostics: Diagnostic[] } {
  const lookup = lookupOf(catalogue);
  const ignored = new Set(catalogue.ignored.map(headerKey));
  const diagnostics: Diagnostic[] = [];
  const columns: HeaderColumn<K>[] = [];
  const index = new Map<K, number>();
  row.cells.forEach((cell, i) => {
    const written = headerText(cell);
    const key = headerKey(written);
    const at = { location: { file, ...positionOf(row, i), field: showValue(written) } };
    if (written === "") {
      columns.push({ spec: undefined, written, ignored: false });
      return;
    }
    if (ignored.has(key)) {
      columns.push({ spec: undefined, written, ignored: true });
      return;
    }
    const spec = lookup.get(key);
    if (!spec) {
      diagnostics.push(
        diagnostic(
          "column-unknown",
          { header: showValue(written), suggestion: suggestion(written, catalogue) ?? "" },
          at,
        ),
      );
      // Its cells are not checked again as cells without a header.
      columns.push({ spec: undefined, written, ignored: true });
      return;
    }
    const first = index.get(spec.key);
    if (first !== undefined) {
      diagnostics.push(
        diagnostic(
          "column-duplicate",
          { header: showValue(written), first: showValue(columns[first]!.written), firstColumn: first + 1 },
          at,
        ),
      );
      columns.push({ spec: undefined, written, ignored: true });
      return;
    }
    index.set(spec.key, i);
    columns.push({ spec, written, ignored: false });
  });
  const at = { location: { file, ...positionOf(row, 0) } };
  for (const spec of catalogue.columns) {
    if (spec.required && !index.has(spec.key)) {
      diagnostics.push(diagnostic("column-missing", { zh: spec.zh, en: spec.key }, at));
    }
  }
  for (const group of catalogue.oneOf) {
    if (!group.some((k) => index.has(k))) {
      const specs = group.map((k) => catalogue.columns.find((c) => c.key === k)!);
      diagnostics.push(
        diagnostic(
          "column-missing",
          { zh: specs.map((s) => s.zh).join(" 或 "), en: specs.map((s) => s.key).join(" or ") },
          at,
        ),
      );
    }
  }
  return { header: { line: row.line, columns, index }, diagnostics };
}
