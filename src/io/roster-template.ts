import * as fs from "node:fs";
import { fatalFromSystemError } from "../diagnostics/fatal.js";
import { ROSTER_CATALOGUE, ROSTER_COLUMNS, type ColumnSpec } from "../domain/import-columns.js";

/**
 * The templates villages and townships fill in: a roster (every column of docs/import.md) or one
 * kind of `reserve record` sheet (docs/cultivation.md), with Chinese headers. As CSV it is UTF-8
 * with a BOM and CRLF, so Excel and WPS open it with the right characters; as an Excel workbook
 * the ID, phone and code columns are formatted as text (no scientific notation, no lost digits),
 * the columns with fixed terms offer them in a drop-down, and a second sheet explains every
 * column. Made from a library, the place columns (乡镇, 村, 村代码, 举办单位) and the screening
 * departments offer that library's values too, and a sheet lists its villages with their codes.
 * Import and record read the first sheet only.
 */

/** What a template holds: its columns, and what the library it was made from offers for them. */
export interface TemplateSpec {
  readonly columns: readonly ColumnSpec[];
  /** Groups of columns of which at least one is to be filled (e.g. 村 or 村代码). */
  readonly oneOf: readonly (readonly string[])[];
  /** Headers after the columns, for the people filling the sheet (签名); skipped on reading. */
  readonly trailing?: readonly string[];
  /** Drop-down values by column key, from the library (towns, villages, codes, departments). */
  readonly lists?: Readonly<Record<string, readonly string[]>>;
  /** The library's villages, for the reference sheet (town name, village name, code). */
  readonly villages?: readonly (readonly [string, string, string])[];
}

export const ROSTER_TEMPLATE: TemplateSpec = { columns: ROSTER_COLUMNS, oneOf: ROSTER_CATALOGUE.oneOf };

export const TEMPLATE_HEADERS: readonly string[] = ROSTER_COLUMNS.map((c) => c.zh);

function headers(spec: TemplateSpec): string[] {
  return [...spec.columns.map((c) => c.zh), ...(spec.trailing ?? [])];
}

export function templateCsv(spec: TemplateSpec = ROSTER_TEMPLATE): string {
  return `\ufeff${headers(spec).join(",")}\r\n`;
}

export interface TemplateWording {
  readonly sheetName: string;
  readonly notesSheet: string;
  readonly notesHeader: readonly string[];
  readonly required: string;
  readonly optional: string;
  readonly oneOf: string;
  readonly villagesSheet: string;
  readonly villagesHeader: readonly string[];
  readonly notListedTitle: string;
  readonly notListed: string;
}

const DATE_FORMS = "2021-03-01、2021/3/1、2021年3月1日";
const TEXT_KINDS = new Set(["id", "phone", "code"]);
/** Rows offered with drop-downs and text format. */
const FORMATTED_ROWS = 1000;
const OPTIONS_SHEET = "选项";

function columnLetter(n: number): string {
  let s = "";
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
}

function valuesOf(spec: ColumnSpec, lists: TemplateSpec["lists"]): string {
  const listed = lists?.[spec.key];
  if (listed && listed.length <= 20) return listed.join("、");
  if (spec.vocabulary) return spec.vocabulary.values.join("、");
  if (spec.kind === "date") return DATE_FORMS;
  return "";
}

interface Validations {
  add(range: string, v: object): void;
}

export async function templateXlsx(w: TemplateWording, spec: TemplateSpec = ROSTER_TEMPLATE): Promise<Buffer> {
  const { default: ExcelJS } = await import("exceljs");
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet(w.sheetName, { views: [{ state: "frozen", ySplit: 1 }] });
  const notes = wb.addWorksheet(w.notesSheet);
  const reference = spec.villages && spec.villages.length > 0 ? wb.addWorksheet(w.villagesSheet) : undefined;
  // Lists live on a hidden sheet: a list written into the validation itself may not pass 255 characters.
  const options = wb.addWorksheet(OPTIONS_SHEET, { state: "hidden" });
  sheet.addRow(headers(spec)).font = { bold: true };
  const validations = (sheet as unknown as { dataValidations: Validations }).dataValidations;
  let optionColumn = 0;
  spec.columns.forEach((c, i) => {
    const letter = columnLetter(i + 1);
    const column = sheet.getColumn(i + 1);
    column.width = Math.max(10, c.zh.length * 2 + 4, c.kind === "id" ? 22 : 0, c.kind === "code" ? 16 : 0);
    if (TEXT_KINDS.has(c.kind)) column.numFmt = "@";
    const fromLibrary = spec.lists?.[c.key];
    const values = fromLibrary ?? (c.kind === "term" ? c.vocabulary?.values : undefined);
    if (!values || values.length === 0) return;
    optionColumn++;
    const col = columnLetter(optionColumn);
    values.forEach((v, k) => {
      const cell = options.getCell(`${col}${k + 1}`);
      cell.numFmt = "@";
      cell.value = v;
    });
    validations.add(`${letter}2:${letter}${FORMATTED_ROWS + 1}`, {
      type: "list",
      allowBlank: true,
      formulae: [`'${OPTIONS_SHEET}'!$${col}$1:$${col}$${values.length}`],
      ...(fromLibrary
        ? // A place not in the library is a mistake the import will report; say so while typing.
          { showErrorMessage: true, errorStyle: "warning", errorTitle: w.notListedTitle, error: w.notListed }
        : // Aliases (e.g. 男性, han) are accepted too, so typing one is not refused.
          { showErrorMessage: false }),
    });
  });
  (spec.trailing ?? []).forEach(
    (h, k) => (sheet.getColumn(spec.columns.length + k + 1).width = Math.max(12, h.length * 4)),
  );
  notes.addRow([...w.notesHeader]).font = { bold: true };
  const inGroup = new Set<string>(spec.oneOf.flat());
  for (const c of spec.columns) {
    notes.addRow([
      c.zh,
      c.key,
      c.required ? w.required : inGroup.has(c.key) ? w.oneOf : w.optional,
      c.description.zh,
      valuesOf(c, spec.lists),
    ]);
  }
  notes.columns.forEach((c, k) => (c.width = [14, 16, 20, 60, 60][k] ?? 12));
  if (reference) {
    reference.addRow([...w.villagesHeader]).font = { bold: true };
    reference.views = [{ state: "frozen", ySplit: 1 }];
    for (const row of spec.villages!) reference.addRow([...row]);
    reference.getColumn(3).numFmt = "@";
    reference.columns.forEach((c, k) => (c.width = [14, 16, 16][k] ?? 12));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Writes a new file; an existing one is never overwritten. */
export function writeNewFile(
  path: string,
  shown: string,
  data: string | Uint8Array,
): "written" | "exists" | "no-folder" {
  try {
    fs.writeFileSync(path, data, { flag: "wx" });
    return "written";
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "EEXIST" || code === "EISDIR") return "exists";
    if (code === "ENOENT" || code === "ENOTDIR") return "no-folder";
    throw fatalFromSystemError(err, shown) ?? err;
  }
}
