/**
 * How a value is written into a cell that a person will open in Excel, WPS or LibreOffice, and how
 * such a cell is read back. `reserve report` writes with `toSheetCell`; `reserve evaluate` (and any
 * other reader of our own sheets) reads with `fromSheetCell`, so that what goes out comes back
 * unchanged.
 *
 * Two dangers are handled:
 * - **Formula injection** (OWASP "CSV injection"): a cell beginning with = + - @ TAB or CR may be
 *   run as a formula by a spreadsheet. Such a value is written with an apostrophe in front, which
 *   spreadsheets keep as text.
 * - **Numbers that are really text**: a spreadsheet opening a CSV reads a cell of digits as a
 *   number. For town and village codes (6, 9 and 12 digits, never a leading 0) that number is the
 *   code exactly, so they are written bare: anything added to them (the TAB this module once wrote)
 *   stays in the cell in LibreOffice and breaks a lookup against the official code table. Only a
 *   value the number would change — more than 15 digits (an 18-digit ID number under --reveal,
 *   which a double loses the last digits of) or a leading 0 (a landline with its area code) — is
 *   written as `="…"`, which Excel, WPS and LibreOffice all evaluate to exactly that text. Digits
 *   inside quotes cannot do anything else, and no text from the library is ever written as a
 *   formula. (In an XLSX the cell is typed as a string instead; nothing is added.)
 */

const FORMULA_START = /^[=+\-@\t\r]/;
const DIGITS = /^\d+$/;
/** The largest count of digits a spreadsheet number (an IEEE double) keeps exactly. */
const NUMBER_DIGITS = 15;

/** The value with an apostrophe in front when a spreadsheet could take it for a formula. */
export function neutralizeFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** All digits, and read as a number it would not be the same text (too long, or a leading 0). */
function changedAsNumber(value: string): boolean {
  return DIGITS.test(value) && (value.length > NUMBER_DIGITS || (value.length > 1 && value[0] === "0"));
}

/**
 * A value as written into a CSV cell. `asText` marks values that must stay text (codes, ID numbers,
 * phones): when a spreadsheet would change such a value by reading it as a number, it is written
 * as `="…"`.
 */
export function toSheetCell(value: string, asText = false): string {
  if (asText && changedAsNumber(value)) return `="${value}"`;
  return neutralizeFormula(value);
}

/**
 * The value a cell written by `toSheetCell` stood for (any other cell is returned trimmed). A TAB
 * before digits, as reports written before codes went bare carry, is undone too.
 */
export function fromSheetCell(cell: string): string {
  if (cell.length > 1 && cell.charCodeAt(0) === 9 && DIGITS.test(cell.slice(1))) return cell.slice(1);
  if (cell.length > 3 && cell.startsWith('="') && cell.endsWith('"') && DIGITS.test(cell.slice(2, -1))) {
    return cell.slice(2, -1);
  }
  if (cell.length > 1 && cell[0] === "'" && FORMULA_START.test(cell.slice(1))) return cell.slice(1);
  return cell.trim();
}
