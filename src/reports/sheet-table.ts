import { displayWidth } from "./person.js";
import type { Table } from "./table.js";
import type { ColumnStyle, SheetColumnSpec, SheetSpec } from "./workbook.js";

/**
 * A report table as a worksheet to read, sort and print (not to fill in): codes, ids, ID numbers
 * and phones typed as text, other numbers as numbers, each column as wide as its longest value
 * (within limits; longer text wraps), printed across the page when it would not fit upright.
 */

/** Width limits in the spreadsheet's unit (about one digit; a Chinese character takes two). */
const MIN_WIDTH = 5;
const MAX_WIDTH = 36;
/** What fits across an A4 page upright at the default font before fit-to-width shrinks it much. */
const PORTRAIT_WIDTH = 100;

/** Printable ASCII only: one unit a character. */
const NARROW = /^[\x20-\x7e]*$/;

function columnSpec(t: Table, i: number): SheetColumnSpec {
  let widest = 0;
  for (const row of t.rows) {
    const v = row[i];
    if (v === undefined || v === "") continue;
    const w = typeof v === "number" ? String(v).length : NARROW.test(v) ? v.length : displayWidth(v);
    if (w > widest) widest = w;
  }
  const header = t.header[i]!;
  // The header row has room for two lines: a long header wraps rather than widen a column of short values.
  const full = displayWidth(header);
  const headerWidth = Math.min(full, Math.max(8, Math.ceil(full / 2)));
  const want = Math.max(widest, headerWidth) + 2;
  const style: ColumnStyle = t.textColumns.has(i) ? "text" : want > MAX_WIDTH ? "wrap" : "value";
  return { header, width: Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, want)), style };
}

export interface TableSheetOptions {
  readonly name: string;
  readonly printHeader: string;
  readonly printFooter: string;
  readonly printNote: string;
}

export function tableSheet(t: Table, o: TableSheetOptions): SheetSpec {
  const columns = t.header.map((_, i) => columnSpec(t, i));
  const width = columns.reduce((n, c) => n + c.width, 0);
  return {
    name: o.name,
    columns,
    rows: t.rows,
    validations: [],
    protect: false,
    orientation: width > PORTRAIT_WIDTH ? "landscape" : "portrait",
    printHeader: o.printHeader,
    printFooter: o.printFooter,
    printNote: o.printNote,
  };
}
