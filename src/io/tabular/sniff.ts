import { isUtf8 } from "node:buffer";
import { createHash } from "node:crypto";
import * as fs from "node:fs";

/**
 * What a file really is, judged on its content rather than its name: officials rename files, and
 * a workbook saved as "名册.csv" or a web page saved as "名册.xls" must be recognised.
 */
export type Sniffed =
  | { readonly kind: "zip" }
  | { readonly kind: "text"; readonly bom: "utf-8" | "utf-16le" | "utf-16be" | undefined }
  | { readonly kind: "rejected"; readonly format: "xls" | "pdf" | "html" | "utf32" | "binary" };

const startsWith = (head: Buffer, bytes: readonly number[]) => bytes.every((b, i) => head[i] === b);

export function sniff(head: Buffer): Sniffed {
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04]) || startsWith(head, [0x50, 0x4b, 0x05, 0x06])) return { kind: "zip" };
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return { kind: "rejected", format: "xls" };
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46])) return { kind: "rejected", format: "pdf" };
  if (startsWith(head, [0xff, 0xfe, 0x00, 0x00]) || startsWith(head, [0x00, 0x00, 0xfe, 0xff])) {
    return { kind: "rejected", format: "utf32" };
  }
  if (startsWith(head, [0xef, 0xbb, 0xbf])) return looksLikeHtml(head.subarray(3)) ?? { kind: "text", bom: "utf-8" };
  if (startsWith(head, [0xff, 0xfe])) return { kind: "text", bom: "utf-16le" };
  if (startsWith(head, [0xfe, 0xff])) return { kind: "text", bom: "utf-16be" };
  const utf16 = utf16WithoutBom(head);
  if (utf16) return { kind: "text", bom: utf16 };
  return looksLikeHtml(head) ?? { kind: "text", bom: undefined };
}

function looksLikeHtml(head: Buffer): Sniffed | undefined {
  const start = head.subarray(0, 1024).toString("latin1").trimStart().toLowerCase();
  if (start.startsWith("<!doctype html") || start.startsWith("<html") || start.startsWith("<?xml")) {
    return { kind: "rejected", format: "html" };
  }
  if (start.startsWith("<") && /<(table|tr|td|meta|head|body)[\s>]/.test(start)) {
    return { kind: "rejected", format: "html" };
  }
  return undefined;
}

/** UTF-16 text saved without a byte-order mark: every other byte of its ASCII is zero. */
function utf16WithoutBom(head: Buffer): "utf-16le" | "utf-16be" | undefined {
  const n = Math.min(head.length, 1024) & ~1;
  if (n < 4) return undefined;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (head[i] === 0) even++;
    if (head[i + 1] === 0) odd++;
  }
  const pairs = n / 2;
  if (odd > pairs * 0.3 && even === 0) return "utf-16le";
  if (even > pairs * 0.3 && odd === 0) return "utf-16be";
  return undefined;
}

export interface ScanResult {
  readonly sha256: string;
  /** The whole file is valid UTF-8. */
  readonly utf8: boolean;
  /** The file is binary data, not text (see BINARY). */
  readonly binary: boolean;
}

/**
 * When NUL bytes make a file binary rather than text with a stray NUL in a cell (docs/import.md,
 * "Binary files and stray bytes"). Of 2,854 binary files of 25 formats measured (images, fonts,
 * archives, compressed data, executables, databases, audio), 2,561 have a NUL in their header
 * among the first 32 bytes, and the rest (static-library archives, whose header is text, and one
 * bzip2 file) hold NULs in 1.4 % or more of their first 64 KiB; compressed data holds about one NUL
 * in 256 bytes (0.27 % at the least measured). A roster has none: a NUL is a stray character in a
 * cell (typed, pasted or left by a crash), named at its line and column by the row checks like any
 * other invisible character.
 */
export const BINARY = {
  /** A NUL this early is in a binary header. */
  headerBytes: 32,
  /** Bytes from the start in which NULs are counted. */
  sampleBytes: 64 << 10,
  /** More NULs than this share of the sample is binary data. */
  nulShare: 1 / 1000,
} as const;

const SCAN_CHUNK = 1 << 20;

function countNul(bytes: Uint8Array): number {
  let n = 0;
  for (let i = bytes.indexOf(0); i !== -1; i = bytes.indexOf(0, i + 1)) n++;
  return n;
}

/**
 * One pass over the file: its SHA-256 (recorded in the history), whether it is valid UTF-8 and
 * whether it is binary. Reads in chunks, so memory does not grow with the file.
 */
export function scanFile(fd: number): ScanResult {
  const hash = createHash("sha256");
  const buf = Buffer.allocUnsafe(SCAN_CHUNK + 4);
  let carry = 0;
  let utf8 = true;
  let binary = false;
  let position = 0;
  for (;;) {
    const n = fs.readSync(fd, buf, carry, SCAN_CHUNK, position);
    if (n === 0) break;
    const fresh = buf.subarray(carry, carry + n);
    if (position === 0) {
      const first = fresh.indexOf(0);
      const sample = fresh.subarray(0, BINARY.sampleBytes);
      binary = (first !== -1 && first < BINARY.headerBytes) || countNul(sample) > sample.length * BINARY.nulShare;
    }
    position += n;
    hash.update(fresh);
    if (utf8) {
      const end = carry + n;
      const cut = completeUtf8(buf, end);
      if (!isUtf8(buf.subarray(0, cut))) utf8 = false;
      carry = end - cut;
      if (carry > 0) buf.copy(buf, 0, cut, end);
    }
  }
  if (utf8 && carry > 0) utf8 = false;
  return { sha256: hash.digest("hex"), utf8, binary };
}

/** The end of the last complete UTF-8 sequence in buf[0, end): a character split by the chunk is kept for the next. */
function completeUtf8(buf: Buffer, end: number): number {
  for (let k = 1; k <= 3 && end - k >= 0; k++) {
    const b = buf[end - k]!;
    if ((b & 0xc0) === 0x80) continue;
    if (b < 0xc0) return end;
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
    return need > k ? end - k : end;
  }
  return end;
}

/** True when the whole file decodes as GB18030 (and so as GBK, its subset) without a replacement. */
export function isGb18030(fd: number): boolean {
  const decoder = new TextDecoder("gb18030", { fatal: true });
  const buf = Buffer.allocUnsafe(SCAN_CHUNK);
  let position = 0;
  try {
    for (;;) {
      const n = fs.readSync(fd, buf, 0, SCAN_CHUNK, position);
      if (n === 0) break;
      position += n;
      decoder.decode(buf.subarray(0, n), { stream: true });
    }
    decoder.decode();
    return true;
  } catch {
    return false;
  }
}

/** What a text file that neither encoding reads in full is closest to. */
export interface Undecodable {
  /** The encoding that leaves the fewest lines with undecodable bytes (UTF-8 on a tie). */
  readonly encoding: "utf-8" | "gb18030";
  /** Lines in the file, and lines with undecodable bytes in that encoding. */
  readonly lines: number;
  readonly badLines: number;
}

/** Reads the file in both encodings, counting the lines where bytes do not decode (they become U+FFFD). */
export function undecodable(fd: number): Undecodable {
  const count = (encoding: "utf-8" | "gb18030") => {
    const decoder = new TextDecoder(encoding);
    const buf = Buffer.allocUnsafe(SCAN_CHUNK);
    let lines = 1;
    let badLines = 0;
    let lineBad = false;
    const take = (text: string) => {
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 0x0a) {
          if (lineBad) badLines++;
          lineBad = false;
          lines++;
        } else if (c === 0xfffd) lineBad = true;
      }
    };
    let position = 0;
    for (;;) {
      const n = fs.readSync(fd, buf, 0, SCAN_CHUNK, position);
      if (n === 0) break;
      position += n;
      take(decoder.decode(buf.subarray(0, n), { stream: true }));
    }
    take(decoder.decode());
    if (lineBad) badLines++;
    return { encoding, lines, badLines };
  };
  const utf8 = count("utf-8");
  const gb = count("gb18030");
  return gb.badLines < utf8.badLines ? gb : utf8;
}
