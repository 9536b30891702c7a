import { CsvError, parse } from "csv-parse/sync";

export interface CsvRow {
  /** Physical line where the record starts (the first line of the file is 1). */
  readonly line: number;
  readonly cells: readonly string[];
}

/**
 * Splits CSV text into records with the line each starts on (a quoted cell may span lines).
 * Accepts CRLF, LF, CR and mixtures. A quote inside an unquoted cell (李"四) is kept as part of
 * the cell, for the checks of the value to name; a quoted cell never closed is a `csv-quote`
 * finding at the line it starts on.
 */
export function csvRows(text: string): CsvRow[] | { readonly badQuoteAt: number } {
  let records: { info: { lines: number }; record: string[] }[];
  try {
    records = parse(text, {
      info: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      record_delimiter: ["\r\n", "\n", "\r"],
    }) as unknown as { info: { lines: number }; record: string[] }[];
  } catch (err) {
    if (err instanceof CsvError) return { badQuoteAt: quoteStart(text) };
    throw err;
  }
  const rows: CsvRow[] = [];
  let start = 1;
  for (const r of records) {
    rows.push({ line: start, cells: r.record });
    start = r.info.lines + 1;
  }
  return rows;
}

/** The line of the quote that opens a cell and is never closed. */
function quoteStart(text: string): number {
  let line = 1;
  let open = 0;
  let inQuote = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      if (!inQuote && (i === 0 || /[,\r\n]/.test(text[i - 1]!))) {
        inQuote = true;
        open = line;
      } else if (inQuote && text[i + 1] === '"') i++;
      else if (inQuote) inQuote = false;
    } else if (c === "\n" || (c === "\r" && text[i + 1] !== "\n")) line++;
  }
  return inQuote ? open : 1;
}
