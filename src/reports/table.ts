/**
 * A rectangular table as renderers produce it: the CSV writer and the XLSX writer (src/io/) encode
 * the same table, so a CSV and a spreadsheet of one report never differ in content.
 */
export type Cell = string | number;

export interface Table {
  readonly header: readonly string[];
  readonly rows: readonly (readonly Cell[])[];
  /** Columns whose values must stay text in a spreadsheet (codes, ids, ID numbers, phones). */
  readonly textColumns: ReadonlySet<number>;
}

export function table(
  header: readonly string[],
  rows: readonly (readonly Cell[])[],
  textHeaders: readonly string[] = [],
): Table {
  const textColumns = new Set<number>();
  header.forEach((h, i) => {
    if (textHeaders.includes(h)) textColumns.add(i);
  });
  return { header, rows, textColumns };
}
