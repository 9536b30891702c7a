import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { diagnostic, type Diagnostic } from "../../diagnostics/diagnostic.js";
import { ReserveError } from "../../diagnostics/fatal.js";
import { displayPath } from "../layout.js";
import { csvRows, detectDelimiter, type ByteSource } from "./csv-stream.js";
import { REPLACEMENT, isStray, placesOf } from "../text-decode.js";
import { isGb18030, scanFile, sniff, undecodable } from "./sniff.js";
import type { OpenResult, Table, TableInfo, TableRow, TextEncoding } from "./table.js";
import { inspectWorkbook, openXlsx, XLSX_LIMITS, zipDirectory, zipKind } from "./xlsx.js";
import { openYaml } from "./yaml-table.js";

/**
 * Opens any table file an official may hand in: CSV or tab-separated text (UTF-8 with or without
 * BOM, GBK/GB18030, UTF-16 as Excel's "Unicode text" writes it), .xlsx workbooks and YAML rosters.
 * The content decides, not the file name: a workbook renamed to .csv is read as a workbook, and a
 * tab-separated file as such (TableInfo says what was found). Only .yaml/.yml names are taken at
 * their word, because YAML has no signature.
 *
 * Before anything is read: the file must be a regular file (a FIFO, a device such as /dev/zero or a
 * folder is refused without blocking on it) within the size limit of its kind.
 */

export const TABLE_LIMITS = {
  /** Delimited text is streamed; the limit only stops absurd input (a country is ~300 MB). */
  maxTextBytes: 2 * 1024 ** 3,
  /** Workbooks and UTF-16 text are unpacked or converted in memory. */
  maxXlsxBytes: 64 << 20,
  maxUtf16Bytes: 128 << 20,
  maxYamlBytes: 32 << 20,
  /**
   * Rows (records, header and blank ones included) read from one file; the rest is not read. A
   * country's roll-up is about 1.5 million rows.
   */
  maxRows: 2_000_000,
  /** Cells of a workbook's sheets, counted before it is unpacked (xlsx.ts). */
  maxCells: XLSX_LIMITS.maxCells,
} as const;

export interface OpenOptions {
  readonly cwd: string;
  /** The sheet of a workbook to read (default: the first). */
  readonly sheet?: string;
  /** Limits, for tests. */
  readonly limits?: Partial<Record<keyof typeof TABLE_LIMITS, number>>;
}

const HEAD_BYTES = 64 << 10;

function fail(d: Diagnostic): OpenResult {
  return { ok: false, diagnostics: [d] };
}

function isYamlName(file: string): boolean {
  return /\.ya?ml$/i.test(file);
}

export async function openTable(input: string, options: OpenOptions): Promise<OpenResult> {
  const limits = { ...TABLE_LIMITS, ...options.limits };
  const result = await openAny(input, options, limits);
  return result.ok ? { ok: true, table: limitRows(result.table, limits.maxRows) } : result;
}

/** Stops reading a table after `max` rows, with a problem at the first row not read. */
function limitRows(table: Table, max: number): Table {
  return {
    ...table,
    *rows(problems: Diagnostic[]): Generator<TableRow, void, undefined> {
      let n = 0;
      const rows = table.rows(problems);
      try {
        for (const row of rows) {
          if (++n > max) {
            problems.push(
              diagnostic(
                "table-too-large",
                { what: "rows", max },
                { location: { file: table.info.file, line: row.line, column: 1 } },
              ),
            );
            return;
          }
          yield row;
        }
      } finally {
        rows.return();
        table.close?.();
      }
    },
  };
}

async function openAny(
  input: string,
  options: OpenOptions,
  limits: Record<keyof typeof TABLE_LIMITS, number>,
): Promise<OpenResult> {
  const abs = path.resolve(options.cwd, input);
  const file = displayPath(abs, options.cwd);
  const at = { location: { file, line: 1, column: 1 } };
  let fd: number;
  try {
    // Non-blocking, so that opening a FIFO returns at once; fstat then refuses it.
    fd = fs.openSync(abs, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? "error";
    if (code === "EACCES" || code === "EPERM") throw new ReserveError("permission-denied", { path: file });
    return fail(diagnostic("file-unreadable", { reason: code }, at));
  }
  let keepOpen = false;
  try {
    const st = fs.fstatSync(fd);
    if (st.isDirectory()) return fail(diagnostic("file-unreadable", { reason: "EISDIR" }, at));
    if (!st.isFile()) return fail(diagnostic("file-unreadable", { reason: "not-file" }, at));
    const head = Buffer.alloc(Math.min(HEAD_BYTES, st.size));
    const headLength = st.size === 0 ? 0 : fs.readSync(fd, head, 0, head.length, 0);
    const sniffed = sniff(head.subarray(0, headLength));
    const base = { file, name: path.basename(abs), bytes: st.size };
    const tooLarge = (max: number) => fail(diagnostic("file-too-large", { size: st.size, max }, at));

    if (sniffed.kind === "rejected") return fail(diagnostic("file-format", { kind: sniffed.format }, at));
    if (sniffed.kind === "zip") {
      if (st.size > limits.maxXlsxBytes) return tooLarge(limits.maxXlsxBytes);
      const bytes = readAll(fd, st.size);
      const dir = zipDirectory(bytes);
      if (!dir) return fail(diagnostic("file-format", { kind: "xlsx-damaged" }, at));
      const kind = zipKind(dir);
      if (kind !== "xlsx") return fail(diagnostic("file-format", { kind }, at));
      if (dir.unpacked > XLSX_LIMITS.maxUnpackedBytes) {
        return fail(diagnostic("file-too-large", { size: dir.unpacked, max: XLSX_LIMITS.maxUnpackedBytes }, at));
      }
      const inspected = inspectWorkbook(bytes, dir, limits.maxCells);
      if (!inspected.ok) {
        return inspected.problem === "damaged"
          ? fail(diagnostic("file-format", { kind: "xlsx-damaged" }, at))
          : fail(diagnostic("table-too-large", { what: "cells", count: inspected.cells, max: inspected.max }, at));
      }
      return await openXlsx(inspected.bytes, { ...base, sha256: sha256(bytes) }, options.sheet);
    }

    if (sniffed.bom === "utf-16le" || sniffed.bom === "utf-16be") {
      if (st.size > limits.maxUtf16Bytes) return tooLarge(limits.maxUtf16Bytes);
      const bytes = readAll(fd, st.size);
      let text: string;
      try {
        text = new TextDecoder(sniffed.bom, { fatal: true }).decode(bytes);
      } catch {
        return fail(diagnostic("encoding-unknown", {}, at));
      }
      // The decoder drops the byte-order mark; the text is read again as UTF-8 bytes.
      const utf8 = Buffer.from(text, "utf8");
      const info = { ...base, sha256: sha256(bytes), encoding: sniffed.bom };
      if (isYamlName(file)) return openYaml(text, info);
      return { ok: true, table: delimitedTable(info, () => bufferSource(utf8), utf8.length, utf8, 0, utf8Decode) };
    }

    const yaml = isYamlName(file);
    if (st.size > (yaml ? limits.maxYamlBytes : limits.maxTextBytes)) {
      return tooLarge(yaml ? limits.maxYamlBytes : limits.maxTextBytes);
    }
    const scan = scanFile(fd);
    if (scan.binary) return fail(diagnostic("file-format", { kind: "binary" }, at));
    let encoding: TextEncoding;
    // Neither encoding reads every byte: read in the closer one, and name where the bytes are.
    let damaged: Damaged | undefined;
    if (scan.utf8) encoding = sniffed.bom === "utf-8" ? "utf-8-bom" : "utf-8";
    else if (isGb18030(fd)) encoding = "gb18030";
    else {
      const u = undecodable(fd);
      encoding = u.encoding === "gb18030" ? "gb18030" : sniffed.bom === "utf-8" ? "utf-8-bom" : "utf-8";
      damaged = {
        encoding: u.encoding === "gb18030" ? "GBK/GB18030" : "UTF-8",
        stray: isStray(u.badLines, u.lines),
        more: u.badLines - 1,
      };
    }
    const info = { ...base, sha256: scan.sha256, encoding };
    const skip = encoding === "utf-8-bom" ? 3 : 0;
    if (yaml) {
      const bytes = readAll(fd, st.size);
      const text =
        encoding === "gb18030" ? new TextDecoder("gb18030").decode(bytes) : bytes.toString("utf8", skip, bytes.length);
      if (damaged) return openDamagedYaml(text, info, damaged);
      return openYaml(text, info);
    }
    keepOpen = true;
    const owned = fd;
    return {
      ok: true,
      table: delimitedTable(
        info,
        () => fdSource(owned),
        st.size,
        head.subarray(0, headLength),
        skip,
        encoding === "gb18030" ? gbDecode : utf8Decode,
        () => fs.closeSync(owned),
        damaged,
      ),
    };
  } finally {
    if (!keepOpen) fs.closeSync(fd);
  }
}

function readAll(fd: number, size: number): Buffer {
  const buf = Buffer.allocUnsafe(size);
  let off = 0;
  while (off < size) {
    const n = fs.readSync(fd, buf, off, size - off, off);
    if (n === 0) break;
    off += n;
  }
  return buf.subarray(0, off);
}

function sha256(bytes: Buffer): string {
  return createHash("sha256").update(bytes).digest("hex");
}

function fdSource(fd: number): ByteSource {
  let position = 0;
  return {
    read(buf, offset, length) {
      const n = fs.readSync(fd, buf, offset, length, position);
      position += n;
      return n;
    },
  };
}

function bufferSource(bytes: Buffer): ByteSource {
  let position = 0;
  return {
    read(buf, offset, length) {
      const n = bytes.copy(buf, offset, position, Math.min(bytes.length, position + length));
      position += n;
      return n;
    },
  };
}

const utf8Decode = (buf: Buffer, start: number, end: number) => buf.toString("utf8", start, end);

const gb18030 = new TextDecoder("gb18030");
function gbDecode(buf: Buffer, start: number, end: number): string {
  for (let i = start; i < end; i++) {
    if (buf[i]! >= 0x80) return gb18030.decode(buf.subarray(start, end));
  }
  return buf.toString("latin1", start, end);
}

function delimitedTable(
  base: Omit<TableInfo, "format" | "keyed" | "delimiter">,
  source: () => ByteSource,
  total: number,
  head: Buffer,
  skip: number,
  decode: (buf: Buffer, start: number, end: number) => string,
  close?: () => void,
  damaged?: Damaged,
): Table {
  const d = detectDelimiter(head, skip);
  const delimiter = d === 0x09 ? "\t" : d === 0x3b ? ";" : ",";
  const info: TableInfo = { ...base, format: "csv", delimiter, keyed: false };
  let closed = false;
  let read = 0;
  const done = () => {
    if (!closed) close?.();
    closed = true;
  };
  return {
    info,
    *rows(problems: Diagnostic[]): Generator<TableRow, void, undefined> {
      read = 0;
      const from = source();
      // Counted a chunk at a time, so that knowing the position costs nothing per row.
      const counted: ByteSource = {
        read(buf, offset, length) {
          const n = from.read(buf, offset, length);
          read += n;
          return n;
        },
      };
      try {
        const rows = csvRows(counted, { file: info.file, delimiter: d, decode, skip }, problems);
        yield* damaged && !damaged.stray ? undecodableInRows(rows, info.file, damaged, problems) : rows;
      } finally {
        done();
      }
    },
    close: done,
    position: () => ({ bytes: read, total }),
  };
}

/** A text file some of whose bytes neither encoding reads (see text-decode.ts isStray). */
interface Damaged {
  /** The encoding the rest of the file is read in, as shown. */
  readonly encoding: string;
  readonly stray: boolean;
  /** Lines with such bytes after the first. */
  readonly more: number;
}

/** The problem of a file in an encoding the tool does not read: at its first undecodable bytes. */
function notRead(file: string, damaged: Damaged, at: { line: number; column: number }): Diagnostic {
  return diagnostic(
    "encoding-unknown",
    { place: "file", encoding: damaged.encoding, more: damaged.more },
    { location: { file, ...at } },
  );
}

/**
 * Reads a damaged file's rows. Stray undecodable bytes are left in their cells as U+FFFD, which
 * the row checks name at the cell's line and column (invisible-character) while every other cell
 * is checked as usual. A file in another encoding as a whole is named at its first such cell and
 * not read further: what follows would be garbage.
 */
function* undecodableInRows(
  rows: Generator<TableRow, void, undefined>,
  file: string,
  damaged: Damaged,
  problems: Diagnostic[],
): Generator<TableRow, void, undefined> {
  for (const row of rows) {
    if (!damaged.stray) {
      const k = row.cells.findIndex((c) => typeof c === "string" && c.includes(REPLACEMENT));
      if (k !== -1) {
        problems.push(notRead(file, damaged, { line: row.line, column: k + 1 }));
        return;
      }
    }
    yield row;
  }
}

/** A YAML roster's text, decoded as closely as it can be: stray bytes are U+FFFD in its values, as in a table. */
function openDamagedYaml(text: string, info: Omit<TableInfo, "format" | "keyed">, damaged: Damaged): OpenResult {
  if (damaged.stray) return openYaml(text, info);
  const first = placesOf(text, REPLACEMENT)[0] ?? { line: 1, column: 1 };
  return { ok: false, diagnostics: [notRead(info.file, damaged, first)] };
}
