import { diagnostic, type Diagnostic } from "../../diagnostics/diagnostic.js";
import type { TableRow } from "./table.js";

/**
 * A streaming CSV reader that works on bytes. Delimiters, quotes and line breaks are ASCII, and
 * neither UTF-8 nor GB18030 ever uses an ASCII byte inside a multi-byte character, so records can
 * be split before decoding; each cell is then decoded on its own, which gives every cell a string
 * of its own (a slice of one big decoded text would keep the whole text alive as long as any of
 * its cells is kept).
 *
 * RFC 4180 quoting (delimiters, quotes and line breaks inside quoted cells, "" for a quote), CRLF,
 * LF, CR and any mixture. Memory is one chunk plus the longest record, which is capped: a record
 * longer than the cap almost always means an unmatched quote, and the file is not read further.
 */

export interface ByteSource {
  /** Reads up to `length` bytes into `buf` at `offset`; 0 at the end. */
  read(buf: Buffer, offset: number, length: number): number;
}

export interface CsvStreamOptions {
  readonly file: string;
  /** The delimiter byte: , (0x2c), tab (0x09) or ; (0x3b). */
  readonly delimiter: number;
  readonly decode: (buf: Buffer, start: number, end: number) => string;
  /** Bytes to skip at the start (a byte-order mark). */
  readonly skip?: number;
  readonly chunkBytes?: number;
  readonly maxRecordBytes?: number;
}

export const CSV_LIMITS = {
  chunkBytes: 1 << 20,
  /** A roster row is at most a few kilobytes; 256 KiB leaves room for long notes. */
  maxRecordBytes: 256 << 10,
} as const;

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;
const NEED_MORE = -1;
const STOP = -2;
const HAS_QUOTE = -3;

export function* csvRows(
  source: ByteSource,
  options: CsvStreamOptions,
  problems: Diagnostic[],
): Generator<TableRow, void, undefined> {
  const { delimiter, decode, file } = options;
  const maxRecord = options.maxRecordBytes ?? CSV_LIMITS.maxRecordBytes;
  let buf = Buffer.allocUnsafe(options.chunkBytes ?? CSV_LIMITS.chunkBytes);
  let len = 0;
  let eof = false;
  let line = 1;
  const cells: string[] = [];
  const row = { line: 1, cells };
  const pending: Diagnostic[] = [];
  let breaks = 0;

  /** Keeps bytes from `from` on, moved to the front, and reads more after them. */
  const fill = (from: number) => {
    const keep = len - from;
    if (keep === buf.length) {
      const bigger = Buffer.allocUnsafe(buf.length * 2);
      buf.copy(bigger, 0, from, len);
      buf = bigger;
    } else if (from > 0 && keep > 0) buf.copy(buf, 0, from, len);
    len = keep;
    const n = source.read(buf, len, buf.length - len);
    if (n === 0) eof = true;
    else len += n;
  };

  const countBreaks = (start: number, end: number) => {
    for (let k = start; k < end; k++) {
      const b = buf[k]!;
      if (b === LF) breaks++;
      else if (b === CR && buf[k + 1] !== LF) breaks++;
    }
  };

  const separator = String.fromCharCode(delimiter);

  /**
   * A record without quotes (the usual case): decoded once and split at the delimiter, which
   * gives the same cells as decoding each cell (the delimiter is ASCII, never inside a character).
   * Returns where the next record starts, NEED_MORE, or -3 when the record has a quote.
   */
  const plain = (start: number): number => {
    let end = start;
    while (end < len) {
      const b = buf[end]!;
      if (b === CR || b === LF) break;
      if (b === QUOTE) return HAS_QUOTE;
      end++;
    }
    if (end >= len && !eof) return NEED_MORE;
    const parts = end > start ? decode(buf, start, end).split(separator) : [""];
    for (let k = 0; k < parts.length; k++) cells.push(parts[k]!);
    if (end >= len) return end;
    if (buf[end] === CR) {
      if (end + 1 >= len && !eof) return NEED_MORE;
      return buf[end + 1] === LF ? end + 2 : end + 1;
    }
    return end + 1;
  };

  /** Parses the record at `start`; returns where the next one starts, NEED_MORE or STOP. */
  const parse = (start: number): number => {
    cells.length = 0;
    pending.length = 0;
    breaks = 0;
    const quick = plain(start);
    if (quick !== HAS_QUOTE) return quick;
    cells.length = 0;
    let i = start;
    for (;;) {
      let end: number;
      let value: string;
      if (i < len && buf[i] === QUOTE) {
        let j = i + 1;
        let escaped = false;
        for (;;) {
          const q = buf.indexOf(QUOTE, j);
          if (q === -1 || q >= len) {
            if (!eof) return NEED_MORE;
            problems.push(
              diagnostic("csv-unclosed-quote", {}, { location: { file, line: row.line, column: cells.length + 1 } }),
            );
            return STOP;
          }
          if (q + 1 >= len && !eof) return NEED_MORE;
          if (buf[q + 1] === QUOTE) {
            escaped = true;
            j = q + 2;
            continue;
          }
          value = decode(buf, i + 1, q);
          if (escaped) value = value.replaceAll('""', '"');
          countBreaks(i + 1, q);
          end = q + 1;
          break;
        }
        if (end < len && buf[end] !== delimiter && buf[end] !== CR && buf[end] !== LF) {
          pending.push(diagnostic("csv-quote", {}, { location: { file, line: row.line, column: cells.length + 1 } }));
          const rest = end;
          while (end < len && buf[end] !== delimiter && buf[end] !== CR && buf[end] !== LF) end++;
          if (end >= len && !eof) return NEED_MORE;
          value += decode(buf, rest, end);
        }
      } else {
        end = i;
        while (end < len) {
          const b = buf[end]!;
          if (b === delimiter || b === CR || b === LF) break;
          end++;
        }
        if (end >= len && !eof) return NEED_MORE;
        value = end > i ? decode(buf, i, end) : "";
      }
      cells.push(value);
      if (end >= len) return end;
      const b = buf[end]!;
      if (b === delimiter) {
        i = end + 1;
        continue;
      }
      if (b === CR) {
        if (end + 1 >= len && !eof) return NEED_MORE;
        return buf[end + 1] === LF ? end + 2 : end + 1;
      }
      return end + 1;
    }
  };

  fill(0);
  let pos = Math.min(options.skip ?? 0, len);
  for (;;) {
    if (pos >= len) {
      if (eof) return;
      fill(pos);
      pos = 0;
      continue;
    }
    row.line = line;
    const next = parse(pos);
    if (next === STOP) return;
    if (next === NEED_MORE) {
      if (len - pos > maxRecord) {
        problems.push(diagnostic("row-too-long", { max: maxRecord }, { location: { file, line, column: 1 } }));
        return;
      }
      fill(pos);
      pos = 0;
      continue;
    }
    if (pending.length > 0) problems.push(...pending);
    line += 1 + breaks;
    pos = next;
    yield row;
  }
}

/**
 * The delimiter of a delimited text, judged on its first lines: the one of comma, tab and
 * semicolon that separates the most cells on some line (a title line may have none). Ties go to
 * the comma.
 */
export function detectDelimiter(head: Buffer, start = 0): 0x2c | 0x09 | 0x3b {
  const best = { 0x2c: 0, 0x09: 0, 0x3b: 0 };
  const counts = { 0x2c: 0, 0x09: 0, 0x3b: 0 };
  let inQuote = false;
  let lines = 0;
  for (let i = start; i < head.length && lines < 10; i++) {
    const b = head[i]!;
    if (b === QUOTE) inQuote = !inQuote;
    else if (!inQuote && (b === 0x2c || b === 0x09 || b === 0x3b)) counts[b]++;
    else if (!inQuote && (b === LF || b === CR)) {
      for (const k of [0x2c, 0x09, 0x3b] as const) best[k] = Math.max(best[k], counts[k]);
      counts[0x2c] = counts[0x09] = counts[0x3b] = 0;
      lines++;
    }
  }
  for (const k of [0x2c, 0x09, 0x3b] as const) best[k] = Math.max(best[k], counts[k]);
  if (best[0x09] > best[0x2c] && best[0x09] >= best[0x3b]) return 0x09;
  if (best[0x3b] > best[0x2c]) return 0x3b;
  return 0x2c;
}
