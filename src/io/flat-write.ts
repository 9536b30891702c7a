import { parquetWriteBuffer } from "hyparquet-writer";
import type { SchemaElement } from "hyparquet-writer";
import type { FlatTable, FlatType, FlatValue } from "../reports/export-tables.js";
import { table, type Cell } from "../reports/table.js";
import { csvText } from "./csv-write.js";

/**
 * The flat tables of `reserve export` encoded for analysts' tools: Parquet (hyparquet-writer, pure
 * JavaScript, no native code) and CSV. See docs/export.md for why each is laid out as it is.
 */

const DAY_MS = 86_400_000;

/** An ISO date as Parquet's DATE: days since 1970-01-01, independent of the time zone. */
export function parquetDate(iso: string): number {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  return Math.round(Date.UTC(y, m - 1, d) / DAY_MS);
}

function schemaElement(name: string, type: FlatType): SchemaElement {
  const optional = { repetition_type: "OPTIONAL" as const };
  switch (type) {
    case "string":
      return { name, type: "BYTE_ARRAY", converted_type: "UTF8", ...optional };
    case "int":
      return { name, type: "INT32", ...optional };
    case "double":
      return { name, type: "DOUBLE", ...optional };
    case "date":
      return { name, type: "INT32", converted_type: "DATE", ...optional };
    case "bool":
      return { name, type: "BOOLEAN", ...optional };
  }
}

function parquetValue(v: FlatValue, type: FlatType): FlatValue {
  if (v === null) return null;
  return type === "date" ? parquetDate(v as string) : v;
}

/**
 * One table as a Parquet file: typed columns (dates as DATE, counts as INT32, codes and ID numbers
 * as strings), every column nullable, the Chinese and English labels in the file's key-value
 * metadata. No time stamp is written, so the same table gives the same bytes.
 */
export function parquetBytes(t: FlatTable): Uint8Array {
  const columnData = t.columns.map((col, i) => ({
    name: col.name,
    data: t.rows.map((r) => parquetValue(r[i] ?? null, col.type)),
  }));
  const schema: SchemaElement[] = [
    { name: "root", num_children: t.columns.length },
    ...t.columns.map((col) => schemaElement(col.name, col.type)),
  ];
  const labels = Object.fromEntries(t.columns.map((col) => [col.name, { zh: col.zh, en: col.en }]));
  const buffer = parquetWriteBuffer({
    columnData,
    schema,
    kvMetadata: [
      { key: "reserve.table", value: t.name },
      { key: "reserve.labels", value: JSON.stringify(labels) },
    ],
    createdBy: "reserve",
  });
  return new Uint8Array(buffer);
}

function csvCell(v: FlatValue): Cell {
  if (v === null) return "";
  if (typeof v === "boolean") return v ? "true" : "false";
  return v;
}

/**
 * One table as CSV: a single header row of the English column names, so that DuckDB, pandas and
 * Power Query read the types (a second header row of labels would make every column text); UTF-8
 * with a BOM and CRLF, as the reports' CSVs, so Excel and WPS read the Chinese. Codes are written
 * as they are (no TAB in front, as the reports put for a spreadsheet): an analyst's tool must see
 * the code itself. Cells a spreadsheet would run as a formula are still neutralised.
 */
export function flatCsvText(t: FlatTable): string {
  return csvText(
    table(
      t.columns.map((col) => col.name),
      t.rows.map((r) => r.map(csvCell)),
    ),
  );
}

/** The labels file: one row per column of every table, with its type and its labels. */
export function labelsCsvText(tables: readonly FlatTable[]): string {
  const rows: Cell[][] = [];
  for (const t of tables) {
    rows.push([t.name, "", "", t.zh, t.en]);
    for (const col of t.columns) rows.push([t.name, col.name, col.type, col.zh, col.en]);
  }
  return csvText(table(["table", "column", "type", "label_zh", "label_en"], rows));
}
