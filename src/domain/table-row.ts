/**
 * A row of a table read from a file, whatever its format: the cells and the place the row starts.
 * The reading layer (io/tabular/) produces them; importers decide what the columns mean.
 */

/**
 * A nested value where a cell was expected (YAML), or a value written with a tag: the reader has
 * reported the tag where it is, so the value's checks have nothing more to say about the cell.
 */
export interface NestedCell {
  readonly nested: "list" | "map" | "tag";
}

/**
 * What a cell can hold. CSV gives only strings; XLSX also numbers, booleans and dates (as UTC
 * midnight of the civil date); YAML strings, numbers, booleans, null and nested values.
 */
export type Cell = string | number | boolean | Date | null | undefined | NestedCell;

export interface CellPosition {
  readonly line: number;
  readonly column: number;
}

export interface TableRow {
  /** Physical line where the row starts (CSV: the header is line 1), the sheet's row number (XLSX), the item's line (YAML). */
  readonly line: number;
  /** Column where the row starts, when it is not the first (a YAML item). */
  readonly column?: number;
  /** The cells. The array may be reused for the next row: copy what you keep. */
  readonly cells: readonly Cell[];
  /** Where each cell is written, when not at (line, its index + 1): YAML values. */
  readonly positions?: readonly (CellPosition | undefined)[];
  /** The row's path in a YAML document, e.g. ["reserves", 3]. */
  readonly path?: readonly (string | number)[];
}

export type TableFormat = "csv" | "xlsx" | "yaml";
