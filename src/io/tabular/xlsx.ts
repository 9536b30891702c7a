import type { Workbook, Worksheet } from "exceljs";
import { diagnostic, type Diagnostic } from "../../diagnostics/diagnostic.js";
import type { Cell, OpenResult, TableInfo, TableRow } from "./table.js";

/** Limits checked from the zip directory before the workbook is unpacked. */
export const XLSX_LIMITS = {
  /** The unpacked parts together; a town's roster is well under a megabyte. */
  maxUnpackedBytes: 256 << 20,
} as const;

export interface ZipDirectory {
  readonly names: readonly string[];
  /** Sum of the sizes the directory declares for the unpacked entries. */
  readonly unpacked: number;
}

/**
 * Reads a zip file's central directory (names and declared sizes) without unpacking anything:
 * enough to tell an Excel workbook from a Word document or an OpenDocument sheet, and to refuse a
 * "zip bomb" before it is expanded. Undefined when the directory cannot be found.
 */
export function zipDirectory(bytes: Buffer): ZipDirectory | undefined {
  const min = Math.max(0, bytes.length - 65_557);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= min; i--) {
    if (bytes.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return undefined;
  const count = bytes.readUInt16LE(eocd + 10);
  let p = bytes.readUInt32LE(eocd + 16);
  const names: string[] = [];
  let unpacked = 0;
  for (let n = 0; n < count; n++) {
    if (p + 46 > bytes.length || bytes.readUInt32LE(p) !== 0x02014b50) return undefined;
    const size = bytes.readUInt32LE(p + 24);
    // 0xFFFFFFFF defers to a ZIP64 record: far beyond any roster, so count it as the limit.
    unpacked += size === 0xffffffff ? XLSX_LIMITS.maxUnpackedBytes + 1 : size;
    const nameLength = bytes.readUInt16LE(p + 28);
    const extra = bytes.readUInt16LE(p + 30);
    const comment = bytes.readUInt16LE(p + 32);
    names.push(bytes.toString("utf8", p + 46, p + 46 + nameLength));
    p += 46 + nameLength + extra + comment;
  }
  return { names, unpacked };
}

/** What kind of zip-based document this is. */
export function zipKind(dir: ZipDirectory): "xlsx" | "ods" | "docx" | "zip" {
  if (dir.names.includes("xl/workbook.xml")) return "xlsx";
  if (dir.names.includes("content.xml") && dir.names.includes("mimetype")) return "ods";
  if (dir.names.includes("word/document.xml")) return "docx";
  return "zip";
}

/** A cell as the table layer carries it: rich text joined, formulas by their result, links by their text. */
function cellOf(value: unknown): Cell {
  if (value === null || value === undefined) return undefined;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  if (value instanceof Date) return value;
  if (typeof value === "object") {
    const v = value as Record<string, unknown>;
    if (Array.isArray(v.richText)) return (v.richText as { text?: string }[]).map((r) => r.text ?? "").join("");
    if ("result" in v) return cellOf(v.result);
    if ("formula" in v || "sharedFormula" in v) return undefined;
    if (typeof v.text === "string") return v.text;
    if (typeof v.error === "string") return v.error;
  }
  return undefined;
}

/**
 * Opens an .xlsx workbook with exceljs, loaded only now so that other commands never pay for it.
 * The first sheet in tab order is read unless `sheet` names another. The workbook is unpacked in
 * memory (its size is capped by the caller and the zip directory); rows are then handed out one at
 * a time like any other table.
 */
export async function openXlsx(
  bytes: Buffer,
  base: Omit<TableInfo, "format" | "keyed">,
  sheet: string | undefined,
): Promise<OpenResult> {
  const at = { location: { file: base.file, line: 1, column: 1 } };
  const { default: ExcelJS } = await import("exceljs");
  const workbook: Workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    return { ok: false, diagnostics: [diagnostic("file-format", { kind: "xlsx-damaged" }, at)] };
  }
  const sheets = workbook.worksheets;
  let ws: Worksheet | undefined;
  if (sheet !== undefined)
    ws = sheets.find((s) => s.name === sheet) ?? sheets.find((s) => s.name.trim() === sheet.trim());
  else ws = sheets[0];
  if (!ws) {
    return {
      ok: false,
      diagnostics: [
        diagnostic("sheet-not-found", { sheet: sheet ?? "", sheets: sheets.map((s) => s.name).join("、") }, at),
      ],
    };
  }
  const worksheet = ws;
  const info: TableInfo = { ...base, format: "xlsx", sheet: worksheet.name, keyed: false };
  return {
    ok: true,
    table: {
      info,
      *rows(_problems: Diagnostic[]): Generator<TableRow, void, undefined> {
        const cells: Cell[] = [];
        const row = { line: 0, cells };
        const last = worksheet.rowCount;
        for (let r = 1; r <= last; r++) {
          const xrow = worksheet.findRow(r);
          if (!xrow) continue;
          cells.length = 0;
          const values = xrow.values as unknown[];
          for (let c = 1; c < values.length; c++) cells.push(cellOf(values[c]));
          row.line = r;
          yield row;
        }
      },
    },
  };
}
