import type { TableFormat, TableRow } from "../../domain/table-row.js";
import type { Diagnostic } from "../../diagnostics/diagnostic.js";

export type { Cell, CellPosition, NestedCell, TableFormat, TableRow } from "../../domain/table-row.js";

/**
 * A table read from a file, whatever its format: rows of cells with the place each row starts.
 * This is the layer every importer shares (rosters now, cultivation records later); what the
 * columns mean is decided above it (schema/table-header.ts and the importer's row checks).
 */

export type TextEncoding = "utf-8" | "utf-8-bom" | "utf-16le" | "utf-16be" | "gb18030";

export interface TableInfo {
  /** The file as the user would type it. */
  readonly file: string;
  /** The file name alone, as recorded in the history. */
  readonly name: string;
  readonly sha256: string;
  readonly bytes: number;
  /** What the content turned out to be, whatever the file is called. */
  readonly format: TableFormat;
  readonly encoding?: TextEncoding;
  readonly delimiter?: "," | "\t" | ";";
  readonly sheet?: string;
  /**
   * True when the first row is a list of keys and every row says where its cells are (YAML):
   * no title rows to skip, and columns are located per cell.
   */
  readonly keyed: boolean;
}

export interface Table {
  readonly info: TableInfo;
  /**
   * The rows in file order, read on demand: memory stays flat however long the file. Problems
   * met while reading (quoting) are appended to `problems`; reading stops early when the rest
   * of the file cannot be trusted.
   */
  rows(problems: Diagnostic[]): Generator<TableRow, void, undefined>;
  /** Releases the file when the rows were not read to the end (reading to the end releases it too). */
  close?(): void;
  /**
   * How far `rows` has got through the file, for a progress bar's percentage and time left. Only
   * where the file is streamed (delimited text); workbooks and YAML are parsed whole first, so
   * their bytes say nothing about how many rows are left.
   */
  position?(): ReadPosition;
}

/** Bytes read so far (a chunk at a time, so up to a chunk ahead of the rows yielded) of `total`. */
export interface ReadPosition {
  readonly bytes: number;
  readonly total: number;
}

export type OpenResult =
  { readonly ok: true; readonly table: Table } | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };
