import * as fs from "node:fs";
import { fatalFromSystemError } from "../diagnostics/fatal.js";
import { ROSTER_CATALOGUE, ROSTER_COLUMNS, type ColumnSpec } from "../domain/import-columns.js";

/**
 * The roster template villages fill in: every column of docs/import.md with its Chinese header.
 * As CSV it is UTF-8 with a BOM and CRLF, so Excel and WPS open it with the right characters; as
 * an Excel workbook the ID, phone and code columns are formatted as text (no scientific notation,
 * no lost digits), the columns with fixed terms offer them in a drop-down, and a second sheet
 * explains every column. Import reads the first sheet only.
 */

export const TEMPLATE_HEADERS: readonly string[] = ROSTER_COLUMNS.map((c) => c.zh);

export function templateCsv(): string {
  return `\ufeff${TEMPLATE_HEADERS.join(",")}\r\n`;
}

export interface TemplateWording {
  readonly sheetName: string;
  readonly notesSheet: string;
  readonly notesHeader: readonly string[];
  readonly required: string;
  readonly optional: string;
  readonly oneOf: string;
}

const DATE_FORMS = "2021-03-01、2021/3/1、2021年3月1日";
const TEXT_KINDS = new Set(["id", "phone", "code"]);
/** Rows offered with drop-downs and text format. */
const FORMATTED_ROWS = 1000;

function columnLetter(n: number): string {
  let s = "";
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
}

function valuesOf(spec: ColumnSpec): string {
  if (spec.vocabulary) return spec.vocabulary.values.join("、");
  if (spec.kind === "date") return DATE_FORMS;
  return "";
}

export async function templateXlsx(w: TemplateWording): Promise<Buffer> {
  const { default: ExcelJS } = await import("exceljs");
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet(w.sheetName, { views: [{ state: "frozen", ySplit: 1 }] });
  const notes = wb.addWorksheet(w.notesSheet);
  const options = wb.addWorksheet("选项", { state: "hidden" });
  sheet.addRow([...TEMPLATE_HEADERS]).font = { bold: true };
  const validations = (sheet as unknown as { dataValidations: { add(range: string, v: object): void } })
    .dataValidations;
  let optionColumn = 0;
  ROSTER_COLUMNS.forEach((spec: ColumnSpec, i) => {
    const letter = columnLetter(i + 1);
    const column = sheet.getColumn(i + 1);
    column.width = Math.max(10, spec.zh.length * 2 + 4, spec.kind === "id" ? 22 : 0);
    if (TEXT_KINDS.has(spec.kind)) column.numFmt = "@";
    if (spec.kind === "term" && spec.vocabulary) {
      optionColumn++;
      const col = columnLetter(optionColumn);
      spec.vocabulary.values.forEach((v, k) => (options.getCell(`${col}${k + 1}`).value = v));
      validations.add(`${letter}2:${letter}${FORMATTED_ROWS + 1}`, {
        type: "list",
        allowBlank: true,
        formulae: [`'选项'!$${col}$1:$${col}$${spec.vocabulary.values.length}`],
        // Aliases (e.g. 男性, han) are accepted too, so typing one is not refused.
        showErrorMessage: false,
      });
    }
  });
  notes.addRow([...w.notesHeader]).font = { bold: true };
  const inGroup = new Set<string>(ROSTER_CATALOGUE.oneOf.flat());
  for (const spec of ROSTER_COLUMNS as readonly ColumnSpec[]) {
    notes.addRow([
      spec.zh,
      spec.key,
      spec.required ? w.required : inGroup.has(spec.key) ? w.oneOf : w.optional,
      spec.description.zh,
      valuesOf(spec),
    ]);
  }
  notes.columns.forEach((c, k) => (c.width = [14, 16, 20, 60, 60][k] ?? 12));
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
