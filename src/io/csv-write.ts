import { toSheetCell } from "../domain/spreadsheet-cell.js";
import type { Table } from "../reports/table.js";

/**
 * A table as CSV text for Excel and WPS: UTF-8 with a BOM (so Excel does not guess a legacy code
 * page), RFC 4180 quoting and CRLF line ends, cells that could run as formulas neutralised and
 * digit-only codes and ids kept as text (domain/spreadsheet-cell.ts).
 */

const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

function field(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function csvText(t: Table): string {
  const lines = [t.header.map((h) => field(toSheetCell(h))).join(",")];
  for (const row of t.rows) {
    lines.push(
      row
        .map((cell, i) => (typeof cell === "number" ? String(cell) : field(toSheetCell(cell, t.textColumns.has(i)))))
        .join(","),
    );
  }
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}
