import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { inflateRawSync } from "node:zlib";
import { runCli, type CliResult } from "../helpers/cli.js";
import { REPORT_STATE } from "../../src/io/report-write.js";
import { snapshot, tempDir } from "../helpers/library.js";
import { fixtureLibrary } from "./fixture.js";

/** A fixed clock for every report run: the report date is 2021-12-31 (the year's end). */
export const NOW = "2022-03-01T08:00:00Z";

export interface ReportRun extends CliResult {
  readonly lib: string;
  readonly cwd: string;
  /** The report folder. */
  readonly out: string;
}

/** Writes the fixture library and runs `reserve report` on it into a fresh working folder. */
export function runReport(
  args: readonly string[] = [],
  options: { lib?: string; env?: Record<string, string> } = {},
): ReportRun {
  const cwd = tempDir("reserve-report-cwd-");
  const lib = options.lib ?? fixtureLibrary();
  const r = runCli(["report", "--year", "2021", "--data", lib, ...args], {
    cwd,
    env: { RESERVE_NOW: NOW, ...options.env },
  });
  return { ...r, lib, cwd, out: join(cwd, "reports", "2021") };
}

/** Every file below `dir`, relative paths with forward slashes, sorted. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const abs = join(d, name);
      if (statSync(abs).isDirectory()) walk(abs);
      else out.push(relative(dir, abs).split("\\").join("/"));
    }
  };
  walk(dir);
  return out.sort();
}

/** The entries of a ZIP file (as written by src/io/zip.ts or any deflate/stored ZIP). */
export function unzip(buf: Buffer): Map<string, { data: Buffer; dosTime: number; dosDate: number }> {
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error("not a zip file");
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const out = new Map<string, { data: Buffer; dosTime: number; dosDate: number }>();
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error("bad central directory");
    const method = buf.readUInt16LE(p + 10);
    const dosTime = buf.readUInt16LE(p + 12);
    const dosDate = buf.readUInt16LE(p + 14);
    const size = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.subarray(p + 46, p + 46 + nameLen).toString("utf8");
    const lName = buf.readUInt16LE(local + 26);
    const lExtra = buf.readUInt16LE(local + 28);
    const start = local + 30 + lName + lExtra;
    const raw = buf.subarray(start, start + size);
    out.set(name, { data: method === 8 ? inflateRawSync(raw) : Buffer.from(raw), dosTime, dosDate });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

/**
 * A report folder's files by their contents (sha256), without the state beside them (which names
 * the files' inodes and times: the same report written twice has the same files, not the same state).
 */
export function reportSnapshot(dir: string): Record<string, string> {
  return snapshot(dir, { skip: (rel) => rel === REPORT_STATE });
}

/** The text of every file of a report, XLSX files unpacked into their XML parts (`<file>!<part>`). */
export function reportTexts(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const rel of listFiles(dir)) {
    if (rel === REPORT_STATE) continue;
    const bytes = readFileSync(join(dir, rel));
    if (rel.endsWith(".xlsx")) {
      for (const [part, e] of unzip(bytes)) out.set(`${rel}!${part}`, e.data.toString("utf8"));
    } else out.set(rel, bytes.toString("utf8"));
  }
  return out;
}
