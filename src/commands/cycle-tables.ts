import * as path from "node:path";
import type { ColumnCatalogue } from "../domain/import-columns.js";
import type { TableRow } from "../domain/table-row.js";
import { diagnostic, hasErrors, type Diagnostic } from "../diagnostics/diagnostic.js";
import { displayPath } from "../io/layout.js";
import { openTable, type OpenOptions } from "../io/tabular/open-table.js";
import type { Table, TableInfo } from "../io/tabular/table.js";
import { isBlankRow, isTitleRow, resolveHeader, type ResolvedHeader } from "../schema/table-header.js";

/**
 * What `reserve record` and `reserve evaluate` share with the roster importer: opening every file
 * (CSV in any encoding Excel or WPS writes, XLSX, YAML), finding the header below title rows,
 * collecting every problem of the run, and describing what was read.
 */

/** Problems kept for printing; beyond this they are counted. */
export const MAX_DIAGNOSTICS = 1000;

export class Sink {
  readonly list: Diagnostic[] = [];
  omitted = 0;
  errors = 0;
  warnings = 0;
  /** Notices (提示): what was done, never a fault (terms rewritten to their standard form). */
  notices = 0;
  push(d: Diagnostic): void {
    if (d.severity === "error") this.errors++;
    else if (d.severity === "warning") this.warnings++;
    else this.notices++;
    if (this.list.length < MAX_DIAGNOSTICS) this.list.push(d);
    else this.omitted++;
  }
  pushAll(ds: readonly Diagnostic[]): void {
    for (const d of ds) this.push(d);
  }
}

export interface FileReport extends Partial<Omit<TableInfo, "file">> {
  readonly file: string;
  /** Data rows read (header, title and blank rows not counted). */
  readonly rows: number;
}

export interface OpenedFiles {
  /** Each file given, opened or (when it could not be) its name. */
  readonly opened: readonly (Table | string)[];
  readonly tables: readonly Table[];
}

export async function openTables(
  files: readonly string[],
  options: { cwd: string; sheet?: string; limits?: OpenOptions["limits"] },
  sink: Sink,
): Promise<OpenedFiles> {
  const opened: (Table | string)[] = [];
  const tables: Table[] = [];
  for (const input of files) {
    const result = await openTable(input, {
      cwd: options.cwd,
      ...(options.sheet !== undefined && { sheet: options.sheet }),
      ...(options.limits && { limits: options.limits }),
    });
    if (result.ok) {
      opened.push(result.table);
      tables.push(result.table);
    } else {
      sink.pushAll(result.diagnostics);
      opened.push(displayPath(path.resolve(options.cwd, input), options.cwd));
    }
  }
  return { opened, tables };
}

export function fileReports(opened: readonly (Table | string)[], rows: readonly number[]): FileReport[] {
  let t = 0;
  return opened.map((o) => {
    if (typeof o === "string") return { file: o, rows: 0 };
    const { file, ...info } = o.info;
    return { file, ...info, rows: rows[t++] ?? 0 };
  });
}

/** Title rows tolerated above the header. */
const MAX_TITLE_ROWS = 10;

/**
 * Reads one table: skips blank rows and title rows above the header, resolves the header against
 * `catalogue` (unknown, duplicated and missing columns are reported), then hands every data row to
 * `onRow`. Returns the number of data rows. An empty file, or one with only a header, is `no-rows`.
 */
export function readTable<K extends string>(
  table: Table,
  catalogue: ColumnCatalogue<K>,
  sink: Sink,
  onHeader: (header: ResolvedHeader<K>) => void,
  onRow: (row: TableRow) => void,
): number {
  const file = table.info.file;
  const readProblems: Diagnostic[] = [];
  let header: ResolvedHeader<K> | undefined;
  let titles = 0;
  let count = 0;
  for (const row of table.rows(readProblems)) {
    if (!header) {
      if (isBlankRow(row.cells)) continue;
      if (!table.info.keyed && titles < MAX_TITLE_ROWS && isTitleRow(row.cells, catalogue)) {
        titles++;
        continue;
      }
      const resolved = resolveHeader(row, catalogue, file);
      sink.pushAll(resolved.diagnostics);
      header = resolved.header;
      onHeader(header);
      continue;
    }
    if (isBlankRow(row.cells)) continue;
    count++;
    onRow(row);
  }
  // Reading problems are found before the header means anything; name their column now.
  for (const d of readProblems) {
    const column = d.location?.column;
    // A keyed table's (YAML) columns are characters, not cells: its reader names the key itself.
    const written =
      header && column !== undefined && !table.info.keyed ? header.columns[column - 1]?.written : undefined;
    sink.push(written ? { ...d, location: { ...d.location!, field: written } } : d);
  }
  if (!header) sink.push(diagnostic("no-rows", { header: "no" }, { location: { file, line: 1, column: 1 } }));
  else if (count === 0 && !hasErrors(readProblems)) {
    sink.push(diagnostic("no-rows", { header: "yes" }, { location: { file, line: header.line, column: 1 } }));
  }
  return count;
}
