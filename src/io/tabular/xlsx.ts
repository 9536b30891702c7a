import { inflateRawSync } from "node:zlib";
import type { Workbook, Worksheet } from "exceljs";
import { diagnostic, type Diagnostic } from "../../diagnostics/diagnostic.js";
import { zip } from "../zip.js";
import type { Cell, OpenResult, TableInfo, TableRow } from "./table.js";

/** Limits checked before exceljs unpacks the workbook (docs/reliability.md "Limits"). */
export const XLSX_LIMITS = {
  /** The unpacked parts together; a town's roster is well under a megabyte. */
  maxUnpackedBytes: 256 << 20,
  /**
   * Cells of all sheets together, a merged range counted cell by cell: exceljs keeps every cell as
   * an object of some hundreds of bytes, so this bounds its memory (50,000 rows of 20 columns).
   */
  maxCells: 1_000_000,
} as const;

export interface ZipEntryInfo {
  readonly name: string;
  /** 0 stored, 8 deflated. */
  readonly method: number;
  readonly compressedSize: number;
  /** The unpacked size the directory declares. */
  readonly size: number;
  readonly localOffset: number;
}

export interface ZipDirectory {
  readonly names: readonly string[];
  /** Sum of the sizes the directory declares for the unpacked entries. */
  readonly unpacked: number;
  readonly entries: readonly ZipEntryInfo[];
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
  const entries: ZipEntryInfo[] = [];
  let unpacked = 0;
  for (let n = 0; n < count; n++) {
    if (p + 46 > bytes.length || bytes.readUInt32LE(p) !== 0x02014b50) return undefined;
    const size = bytes.readUInt32LE(p + 24);
    // 0xFFFFFFFF defers to a ZIP64 record: far beyond any roster, so count it as the limit.
    unpacked += size === 0xffffffff ? XLSX_LIMITS.maxUnpackedBytes + 1 : size;
    const nameLength = bytes.readUInt16LE(p + 28);
    const extra = bytes.readUInt16LE(p + 30);
    const comment = bytes.readUInt16LE(p + 32);
    const name = bytes.toString("utf8", p + 46, p + 46 + nameLength);
    names.push(name);
    entries.push({
      name,
      method: bytes.readUInt16LE(p + 10),
      compressedSize: bytes.readUInt32LE(p + 20),
      size,
      localOffset: bytes.readUInt32LE(p + 42),
    });
    p += 46 + nameLength + extra + comment;
  }
  return { names, unpacked, entries };
}

/**
 * An entry unpacked, no larger than its declared size: a zip whose directory understates a size (a
 * zip bomb passing itself off as small) is caught after at most that many bytes. Undefined when the
 * entry cannot be read or is not the size declared.
 */
function unpackEntry(bytes: Buffer, e: ZipEntryInfo): Buffer | undefined {
  const p = e.localOffset;
  if (p + 30 > bytes.length || bytes.readUInt32LE(p) !== 0x04034b50) return undefined;
  const start = p + 30 + bytes.readUInt16LE(p + 26) + bytes.readUInt16LE(p + 28);
  if (start + e.compressedSize > bytes.length) return undefined;
  const packed = bytes.subarray(start, start + e.compressedSize);
  let data: Buffer;
  try {
    if (e.method === 0) data = packed;
    else if (e.method === 8) data = inflateRawSync(packed, { maxOutputLength: Math.max(1, e.size) });
    else return undefined;
  } catch {
    return undefined;
  }
  return data.length === e.size ? data : undefined;
}

const WORKSHEET = /^xl\/worksheets\/[^/]+\.xml$/;

function isNameByte(b: number): boolean {
  return b !== 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x3e && b !== 0x2f;
}

/** Columns and rows of an A1-style range ("A2:C9", or one cell), or 0 when it cannot be read. */
function rangeCells(ref: string): number {
  const m = /^\$?([A-Z]{1,3})\$?(\d{1,7})(?::\$?([A-Z]{1,3})\$?(\d{1,7}))?$/.exec(ref);
  if (!m) return 0;
  const col = (s: string) => [...s].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  const [c1, r1] = [col(m[1]!), Number(m[2])];
  const [c2, r2] = m[3] ? [col(m[3]), Number(m[4])] : [c1, r1];
  return (Math.abs(c2 - c1) + 1) * (Math.abs(r2 - r1) + 1);
}

const MERGE_CELL = Buffer.from("mergeCell");

/** Cells of a sheet's XML (elements named c, with any prefix), merged ranges counted cell by cell. */
function countCells(xml: Buffer): number {
  let n = 0;
  for (let i = xml.indexOf(0x3c); i !== -1; i = xml.indexOf(0x3c, i + 1)) {
    let j = i + 1;
    if (xml[j] === 0x2f || xml[j] === 0x3f || xml[j] === 0x21) continue;
    let local = j;
    while (j < xml.length && isNameByte(xml[j]!)) {
      if (xml[j] === 0x3a) local = j + 1;
      j++;
    }
    if (j - local === 1 && xml[local] === 0x63) n++;
    else if (j - local === MERGE_CELL.length && xml.compare(MERGE_CELL, 0, MERGE_CELL.length, local, j) === 0) {
      const end = xml.indexOf(0x3e, j);
      const ref = /\bref="([^"]*)"/.exec(xml.toString("latin1", j, end === -1 ? xml.length : end));
      n += ref ? Math.max(1, rangeCells(ref[1]!)) : 1;
    }
  }
  return n;
}

/**
 * A sheet without its data validations (also those Excel 2010 keeps in extLst): they do not change
 * a value, and exceljs expands each validated range cell by cell — a validation on a whole sheet
 * would take minutes and gigabytes.
 */
function withoutValidations(xml: Buffer): Buffer {
  let out = xml;
  for (const tag of ["dataValidations", "x14:dataValidations"]) {
    for (;;) {
      const start = out.indexOf(`<${tag}`);
      if (start === -1) break;
      const close = out.indexOf(`</${tag}>`, start);
      const selfClosing = out.indexOf("/>", start);
      const tagEnd = out.indexOf(">", start);
      const end =
        selfClosing !== -1 && selfClosing + 1 === tagEnd ? tagEnd + 1 : close === -1 ? -1 : close + tag.length + 3;
      if (end === -1) break;
      out = Buffer.concat([out.subarray(0, start), out.subarray(end)]);
    }
  }
  return out;
}

export type InspectedWorkbook =
  | { readonly ok: true; readonly bytes: Buffer }
  | { readonly ok: false; readonly problem: "damaged" }
  | { readonly ok: false; readonly problem: "cells"; readonly cells: number; readonly max: number };

/**
 * Checks a workbook before exceljs unpacks it: every part unpacks to exactly the size the
 * directory declares, and the sheets hold at most `maxCells` cells. Data validations are taken out
 * of the sheets (the workbook is packed again only when there were any).
 */
export function inspectWorkbook(
  bytes: Buffer,
  dir: ZipDirectory,
  maxCells: number = XLSX_LIMITS.maxCells,
): InspectedWorkbook {
  let cells = 0;
  let validations = false;
  for (const e of dir.entries) {
    if (e.name.endsWith("/")) continue;
    const data = unpackEntry(bytes, e);
    if (!data) return { ok: false, problem: "damaged" };
    if (!WORKSHEET.test(e.name)) continue;
    cells += countCells(data);
    if (cells > maxCells) return { ok: false, problem: "cells", cells, max: maxCells };
    if (!validations && data.includes("dataValidations")) validations = true;
  }
  if (!validations) return { ok: true, bytes };
  const parts = dir.entries
    .filter((e) => !e.name.endsWith("/"))
    .map((e) => {
      const data = unpackEntry(bytes, e)!;
      return { name: e.name, data: WORKSHEET.test(e.name) ? withoutValidations(data) : data };
    });
  return { ok: true, bytes: zip(parts) };
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
