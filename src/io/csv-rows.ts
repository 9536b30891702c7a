import { parse } from "csv-parse/sync";

export interface CsvRow {
  /** Physical line where the record starts (the first line of the file is 1). */
  readonly line: number;
  readonly cells: readonly string[];
}

/**
 * Splits CSV text into records with the line each starts on (a quoted cell may span lines).
 * Accepts CRLF, LF, CR and mixtures. Throws csv-parse's CsvError on malformed quoting.
 */
export function csvRows(text: string): CsvRow[] {
  const records = parse(text, {
    info: true,
    relax_column_count: true,
    skip_empty_lines: false,
    record_delimiter: ["\r\n", "\n", "\r"],
  }) as unknown as { info: { lines: number }; record: string[] }[];
  const rows: CsvRow[] = [];
  let start = 1;
  for (const r of records) {
    rows.push({ line: start, cells: r.record });
    start = r.info.lines + 1;
  }
  return rows;
}
