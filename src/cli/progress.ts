import type { ProgressDetail, ProgressTick } from "../commands/import.js";
import type { Lang } from "../messages/lang.js";
import { ui } from "../messages/ui.js";
import { displayWidth } from "../reports/person.js";

/**
 * The progress line of `reserve import` on a terminal: the file, rows read, rows a second and, where
 * the reader knows the file's size, the percentage and the time left. It is drawn in place on stderr
 * (carriage return, then clear to the end of the line) and erased before anything else is printed,
 * so what stays on the screen is exactly what a pipe receives. The import reads synchronously, so
 * the line is drawn from the reader's ticks; a timer would never fire while rows are being read.
 */

/** What the line needs of a stream (process.stderr on a terminal; a fake one in tests). */
export interface TerminalStream {
  readonly isTTY?: boolean;
  readonly columns?: number;
  write(text: string): unknown;
}

export const PROGRESS_TIMING = {
  /** A run that is over sooner shows nothing, rather than a line that flickers and vanishes. */
  delayMs: 500,
  /** At most ten redraws a second: drawing costs more than reading 1024 rows. */
  intervalMs: 100,
} as const;

export interface ProgressOptions {
  readonly lang: Lang;
  readonly env: NodeJS.ProcessEnv;
  /** Milliseconds from any fixed point (performance.now by default). */
  readonly now?: () => number;
}

export interface ImportProgress {
  readonly tick: ProgressTick;
  /** Erases the line (before a notice, say); a later tick may draw it again. */
  clear(): void;
  /** Erases the line for good: the run is over and its output follows. */
  stop(): void;
}

const SILENT: ImportProgress = { tick: () => undefined, clear: () => undefined, stop: () => undefined };

const CLEAR_LINE = "\r\x1b[K";

/**
 * Only on a terminal that can redraw a line: never in a pipe or a file, not on TERM=dumb, and not
 * under CI, whose logs keep every redraw even when they give the program a terminal.
 */
export function wantsProgress(stream: TerminalStream | undefined, env: NodeJS.ProcessEnv): boolean {
  if (stream?.isTTY !== true || env.TERM === "dumb") return false;
  return env.CI === undefined || env.CI === "" || env.CI === "0" || env.CI === "false";
}

export function importProgress(stream: TerminalStream | undefined, options: ProgressOptions): ImportProgress {
  if (!stream || !wantsProgress(stream, options.env)) return SILENT;
  const now = options.now ?? (() => performance.now());
  const words = ui(options.lang).import;
  const start = now();
  let drawnAt = -Infinity;
  let shown = false;
  let stopped = false;
  let current = -1;
  let readRows = 0;
  // Rates are measured from the first tick of the file, not from the start: opening and checksumming
  // the files, or waiting for the library's lock, is not reading.
  let base = { at: 0, rows: 0, bytes: 0 };

  const clear = () => {
    if (!shown) return;
    stream.write(CLEAR_LINE);
    shown = false;
  };

  return {
    tick(fileIndex, rows, detail) {
      if (stopped) return;
      const at = now();
      if (fileIndex !== current) {
        current = fileIndex;
        base = { at, rows, bytes: detail.bytes ?? 0 };
      }
      if (detail.end) readRows += rows;
      // Merging and writing follow the last file's rows, and may take longer than reading did: the
      // line says so at once rather than stay at a time left that has run out.
      const last = detail.end && fileIndex === detail.files - 1;
      if (at - start < PROGRESS_TIMING.delayMs || (!last && at - drawnAt < PROGRESS_TIMING.intervalMs)) return;
      drawnAt = at;
      shown = true;
      const render = last
        ? (file: string) => words.progressRead({ file, files: detail.files, rows: grouped(readRows) })
        : progressLine(fileIndex, rows, detail, (at - base.at) / 1000, base, words.progress);
      stream.write(`\r${fit(render, printable(detail.file), stream.columns)}\x1b[K`);
    },
    clear,
    stop() {
      clear();
      stopped = true;
    },
  };
}

type Words = ReturnType<typeof ui>["import"]["progress"];

function progressLine(
  fileIndex: number,
  rows: number,
  detail: ProgressDetail,
  seconds: number,
  base: { readonly rows: number; readonly bytes: number },
  words: Words,
): (file: string) => string {
  const { bytes, total } = detail;
  const rate = seconds > 0 && rows > base.rows ? (rows - base.rows) / seconds : undefined;
  const known = bytes !== undefined && total !== undefined && total > 0;
  const byteRate = known && seconds > 0 && bytes > base.bytes ? (bytes - base.bytes) / seconds : undefined;
  const fields = {
    index: fileIndex + 1,
    files: detail.files,
    rows: grouped(rows),
    ...(rate !== undefined && { rate: grouped(rate) }),
    ...(known && { percent: Math.min(100, Math.floor((bytes * 100) / total)) }),
    ...(known && byteRate !== undefined && { eta: duration(Math.max(0, total - bytes) / byteRate) }),
  };
  return (file) => words({ ...fields, file });
}

/**
 * The line cut to the terminal's width, less one column: a line that fills the last column wraps on
 * some terminals, and a wrapped line cannot be redrawn with a carriage return. The file name gives
 * way first (its end is kept, which names the file), then the end of the line.
 */
function fit(render: (file: string) => string, file: string, columns = 80): string {
  const max = Math.max(1, columns - 1);
  const full = render(file);
  if (displayWidth(full) <= max) return full;
  const room = max - displayWidth(render(""));
  return head(room < 8 ? full : render(`...${tail(file, room - 3)}`), max);
}

function head(s: string, width: number): string {
  let out = "";
  for (const ch of s) {
    if (displayWidth(out + ch) > width) break;
    out += ch;
  }
  return out;
}

function tail(s: string, width: number): string {
  const chars = [...s];
  let out = "";
  for (let i = chars.length - 1; i >= 0; i--) {
    if (displayWidth(chars[i]! + out) > width) break;
    out = chars[i]! + out;
  }
  return out;
}

/** A file name may hold control characters; on a terminal they would act, not show. */
function printable(s: string): string {
  let out = "";
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    out += cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) ? "?" : ch;
  }
  return out;
}

function grouped(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

function duration(seconds: number): string {
  const s = Math.ceil(seconds);
  const mm = String(Math.floor((s % 3600) / 60));
  const ss = String(s % 60).padStart(2, "0");
  return s >= 3600 ? `${Math.floor(s / 3600)}:${mm.padStart(2, "0")}:${ss}` : `${mm}:${ss}`;
}
