import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { evaluateSheets, type EvaluateOptions, type EvaluateResult } from "../../src/commands/evaluate.js";
import { recordCultivation, type RecordOptions, type RecordResult } from "../../src/commands/record.js";
import type { RecordKind } from "../../src/domain/cultivation-columns.js";
import type { Reserve } from "../../src/domain/model.js";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.js";
import { csvText } from "../../src/io/csv-write.js";
import { loadLibrary } from "../../src/io/load-library.js";
import { buildReport } from "../../src/reports/build.js";
import { evaluationTable, sheetPeople } from "../../src/reports/evaluation-sheet.js";
import { makeLibrary, person, smallDistrict, snapshot, tempDir, trainingYear } from "../helpers/library.js";

export const TODAY = "2021-12-31";
export const V1 = "640502100201"; // 滨河镇沙坡村
export const V2 = "640502100202"; // 滨河镇黄河村
export const V4 = "640502101201"; // 文昌镇红泉村
export const T1 = "640502100";
export const T2 = "640502101";

/**
 * The cycle's fixture: the small district with three compliant reserves in 沙坡村 and 黄河村 and four
 * in 红泉村, in the pool since the 2020 selection, with the twelve 2021 sessions. 沙坡村-04 entered the
 * pool in 2021 (not due for evaluation), and the 2021 evaluations are not recorded yet.
 */
export function cycleBooks(): Record<string, Reserve[]> {
  const fresh = (r: Reserve): Reserve => ({ ...r, evaluations: undefined });
  return {
    [V1]: [
      ...[1, 2, 3].map((n) => fresh(person(V1, n))),
      fresh(
        person(V1, 4, {
          selection: { survey: "2021-02-01", township: "2021-03-01", county: "2021-04-01" },
          entry_date: "2021-04-01",
          status_changes: [{ status: "在库", date: "2021-04-01", reason: "县级审核通过" }],
        }),
      ),
    ],
    [V2]: [1, 2, 3].map((n) => fresh(person(V2, n))),
    [V4]: [1, 2, 3, 4].map((n) => fresh(person(V4, n))),
  };
}

export interface Fixture {
  readonly root: string;
  /** Working folder: record files and sheets are written here. */
  readonly cwd: string;
  readonly books: Record<string, Reserve[]>;
  readonly person: (village: string, n: number) => Reserve;
}

export function fixture(books: Record<string, Reserve[]> = cycleBooks()): Fixture {
  const cwd = tempDir("reserve-cycle-");
  const root = join(cwd, "data");
  makeLibrary({ district: smallDistrict(), books, trainings: [trainingYear(2021)] }, root);
  return { root, cwd, books, person: (v, n) => books[v]![n - 1]! };
}

export function write(dir: string, files: Record<string, string | Buffer>): string[] {
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return Object.keys(files);
}

export function runRecord(
  f: Fixture,
  kind: RecordKind,
  files: Record<string, string | Buffer>,
  options: Partial<RecordOptions> = {},
): Promise<RecordResult> {
  return recordCultivation({
    root: f.root,
    cwd: f.cwd,
    kind,
    files: write(f.cwd, files),
    today: TODAY,
    waitMs: 0,
    ...options,
  });
}

export function runEvaluate(
  f: Fixture,
  files: Record<string, string | Buffer>,
  options: Partial<EvaluateOptions> = {},
): Promise<EvaluateResult> {
  return evaluateSheets({
    root: f.root,
    cwd: f.cwd,
    files: write(f.cwd, files),
    year: 2021,
    date: "2021-12-20",
    today: TODAY,
    waitMs: 0,
    ...options,
  });
}

/** [line, column as written in the header (or #number), code]: what error tests compare. */
/**
 * [line, column as written, code] of the errors and warnings: what the record tests compare. The
 * notices of terms written another way (term-rewritten) are tested on their own (tests/import/terms.test.ts).
 */
export function tuples(result: { diagnostics: readonly Diagnostic[] }): [number | undefined, string, string][] {
  return result.diagnostics
    .filter((d) => d.severity !== "notice")
    .map((d) => [d.location?.line, d.location?.field ?? `#${d.location?.column ?? ""}`, d.code]);
}

/** A CSV file as Excel saves it: UTF-8 with BOM, CRLF. */
export function csv(lines: readonly string[]): string {
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

// ---------------------------------------------------------------------------------------------
// The evaluation sheet, as `reserve report` writes it (the same renderer), parsed and filled.

export interface Sheet {
  readonly header: string[];
  readonly rows: string[][];
}

/** The CSV evaluation sheet of a town (or the district) for 2021, as `reserve report` writes it. */
export function sheetText(root: string, town?: string): string {
  const loaded = loadLibrary(root, { today: TODAY });
  const model = buildReport(loaded.library!, { year: 2021, date: TODAY });
  return csvText(evaluationTable(model, sheetPeople(model, town), "zh"));
}

export function parseSheet(text: string): Sheet {
  const rows = parse(text, { bom: true, relax_column_count: true });
  return { header: rows[0]!, rows: rows.slice(1) };
}

export interface Filled {
  readonly ratings: readonly string[];
  readonly votes: readonly (string | number)[];
  readonly raters: string | number;
  readonly note?: string;
}

/** A township's usual answer: 好/较好 ratings, most votes 优秀 or 称职. */
export const GOOD: Filled = { ratings: ["好", "较好", "好", "较好"], votes: [18, 10, 2, 0], raters: 30 };

const SCORING = ["学习", "工作", "业务", "成效"];
const VOTES = ["优秀票", "称职票", "基本称职票", "不称职票"];

export function fill(sheet: Sheet, row: string[], f: Filled): void {
  const at = (h: string) => sheet.header.indexOf(h);
  SCORING.forEach((h, i) => (row[at(h)] = f.ratings[i] ?? ""));
  VOTES.forEach((h, i) => (row[at(h)] = String(f.votes[i] ?? "")));
  row[at("参评人数")] = String(f.raters);
  if (f.note !== undefined) row[at("备注")] = f.note;
}

/** The row of a person (by internal id). */
export function rowOf(sheet: Sheet, id: string): string[] {
  const i = sheet.header.indexOf("内部编号");
  const row = sheet.rows.find((r) => r[i] === id);
  if (!row) throw new Error(`no row for ${id}`);
  return row;
}

function quote(v: string): string {
  return /[",\r\n\t]|^\s|\s$/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export function sheetCsv(sheet: Sheet): string {
  return csv([sheet.header, ...sheet.rows].map((r) => r.map(quote).join(",")));
}

/** Every due row filled with GOOD, except those `except` names. */
export function filledSheet(root: string, town?: string, except: readonly string[] = []): Sheet {
  const sheet = parseSheet(sheetText(root, town));
  const id = sheet.header.indexOf("内部编号");
  for (const row of sheet.rows)
    if (!except.includes(row[id]!) && !row[id]!.endsWith(`${V1}-04`)) fill(sheet, row, GOOD);
  return sheet;
}

/** Every library file (relative path → SHA-256), without the tool's own state in .reserve/ (lock, cache). */
export function librarySnapshot(root: string): Record<string, string> {
  return snapshot(root, { skip: (rel) => rel === ".reserve" || rel.startsWith(".reserve/") });
}
