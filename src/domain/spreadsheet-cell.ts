/**
 * How a value is written into a cell that a person will open in Excel or WPS, and how such a cell is
 * read back. `reserve report` writes with `toSheetCell`; `reserve evaluate` (and any other reader of
 * our own sheets) reads with `fromSheetCell`, so that what goes out comes back unchanged.
 *
 * Two dangers are handled:
 * - **Formula injection** (OWASP "CSV injection"): a cell beginning with = + - @ TAB or CR may be
 *   run as a formula by a spreadsheet. Such a value is written with an apostrophe in front, which
 *   spreadsheets show as text.
 * - **Numbers that are really text**: Excel turns a cell of digits into a number, so a 12-digit
 *   village code shows as 6.40502E+11 and an 18-digit ID number loses its last three digits. In a
 *   CSV, such a value is written after a TAB, the convention Excel and WPS honour to keep digits as
 *   text. A TAB followed only by digits cannot start a formula. (In an XLSX the cell is typed as a
 *   string instead; nothing is added.)
 */

const FORMULA_START = /^[=+\-@\t\r]/;
const DIGITS = /^\d+$/;

/** The value with an apostrophe in front when a spreadsheet could take it for a formula. */
export function neutralizeFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/**
 * A value as written into a CSV cell. `asText` marks values that must stay text (codes, ID numbers,
 * phones): when such a value is all digits it is written after a TAB.
 */
export function toSheetCell(value: string, asText = false): string {
  if (asText && DIGITS.test(value)) return `\t${value}`;
  return neutralizeFormula(value);
}

/** The value a cell written by `toSheetCell` stood for (any other cell is returned trimmed). */
export function fromSheetCell(cell: string): string {
  if (cell.length > 1 && cell.charCodeAt(0) === 9 && DIGITS.test(cell.slice(1))) return cell.slice(1);
  if (cell.length > 1 && cell[0] === "'" && FORMULA_START.test(cell.slice(1))) return cell.slice(1);
  return cell.trim();
}
