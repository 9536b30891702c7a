import type { EvaluationPolicy } from "./model.js";
import { CRITERIA, GRADE_CODES, RATING_CODES, type Criterion, type GradeCode, type RatingCode } from "./terms.js";

/**
 * The annual evaluation sheet (年度测评表) in one place: `reserve report` writes it (CSV and XLSX),
 * townships fill it in Excel/WPS or on paper, and `reserve evaluate` reads it back. Both sides use
 * this module, so the columns, their headers and the allowed values cannot drift apart.
 *
 * Layout, in CSV and in the XLSX sheet alike: the header row is row 1, one row per in-pool reserve
 * from row 2, in the order of the columns below. Rows are keyed by the internal id; the other
 * identity columns are there for the people filling the sheet and for checking (an edited identity
 * cell is an error on read-back). Reference columns help the raters and are ignored on read-back.
 * Scoring columns are empty when written:
 * - the four criteria of the district (学习 study, 工作 work, 业务 skill, 成效 results), each rated
 *   with one of policy.evaluation.rating_labels (好/较好/一般/差 by default; the code itself,
 *   e.g. `good`, is accepted on read-back too);
 * - the democratic assessment (民主测评): votes for each grade (优秀/称职/基本称职/不称职 by default,
 *   policy.evaluation.grade_labels) and the number of raters, whole numbers;
 * - a free note.
 * Values in CSV cells are written with domain/spreadsheet-cell.ts `toSheetCell`; read them back
 * with `fromSheetCell`.
 */

export type SheetColumnRole = "identity" | "reference" | "rating" | "votes" | "raters" | "note";

export interface SheetColumn {
  /** Stable key; also accepted as a header on read-back. */
  readonly key: string;
  readonly role: SheetColumnRole;
  /** Column width in characters (XLSX). */
  readonly width: number;
  /** Values that must stay text in a spreadsheet (codes, ids). */
  readonly text?: boolean;
  readonly criterion?: Criterion;
  readonly grade?: GradeCode;
}

const HEADERS_ZH: Record<string, string> = {
  seq: "序号",
  town_code: "乡镇代码",
  town: "乡镇",
  village_code: "村代码",
  village: "村",
  id: "内部编号",
  name: "姓名",
  gender: "性别",
  trainings: "本年参训（次）",
  study: "学习",
  work: "工作",
  skill: "业务",
  results: "成效",
  raters: "参评人数",
  note: "备注",
};

const HEADERS_EN: Record<string, string> = {
  seq: "no.",
  town_code: "town code",
  town: "town",
  village_code: "village code",
  village: "village",
  id: "internal id",
  name: "name",
  gender: "gender",
  trainings: "trainings this year",
  study: "study",
  work: "work",
  skill: "skill",
  results: "results",
  raters: "raters",
  note: "note",
};

export const EVALUATION_SHEET_COLUMNS: readonly SheetColumn[] = [
  { key: "seq", role: "reference", width: 6 },
  { key: "town_code", role: "identity", width: 11, text: true },
  { key: "town", role: "identity", width: 10 },
  { key: "village_code", role: "identity", width: 14, text: true },
  { key: "village", role: "identity", width: 12 },
  { key: "id", role: "identity", width: 17, text: true },
  { key: "name", role: "identity", width: 9 },
  { key: "gender", role: "reference", width: 6 },
  { key: "trainings", role: "reference", width: 9 },
  ...CRITERIA.map((c): SheetColumn => ({ key: c, role: "rating", width: 8, criterion: c })),
  ...GRADE_CODES.map((g): SheetColumn => ({ key: `votes_${g}`, role: "votes", width: 9, grade: g })),
  { key: "raters", role: "raters", width: 9 },
  { key: "note", role: "note", width: 24 },
];

/** The column rows are matched by. */
export const EVALUATION_SHEET_KEY = "id";

/** Name of the worksheet in the XLSX file. */
export const EVALUATION_SHEET_NAME = "测评表";

/** 1-based row of the headers; data starts on the next row. */
export const EVALUATION_SHEET_HEADER_ROW = 1;

/** Upper bound for vote counts and raters in a sheet (a village meeting, not a census). */
export const EVALUATION_SHEET_MAX_COUNT = 9999;

/** The part of the policy the sheet depends on: the labels of ratings and grades. */
export interface SheetPolicy {
  readonly evaluation: Pick<EvaluationPolicy, "rating_labels" | "grade_labels">;
}

/** The header of a column as written, in the language of the report. */
export function sheetHeader(column: SheetColumn, policy: SheetPolicy, lang: "zh" | "en"): string {
  if (column.role === "votes") {
    const label = policy.evaluation.grade_labels[column.grade!];
    return lang === "en" ? `votes: ${label}` : `${label}票`;
  }
  return (lang === "en" ? HEADERS_EN : HEADERS_ZH)[column.key] ?? column.key;
}

/**
 * The column a header written in the sheet stands for: its Chinese or English header or its key,
 * ignoring surrounding spaces and case. Undefined for a header the sheet does not have.
 */
export function sheetColumnFor(header: string, policy: SheetPolicy): SheetColumn | undefined {
  const h = header.trim().toLowerCase();
  return EVALUATION_SHEET_COLUMNS.find(
    (c) =>
      c.key === h ||
      sheetHeader(c, policy, "zh").toLowerCase() === h ||
      sheetHeader(c, policy, "en").toLowerCase() === h,
  );
}

/** The values a rating cell offers, best first (the policy's labels). */
export function ratingOptions(policy: SheetPolicy): string[] {
  return RATING_CODES.map((c) => policy.evaluation.rating_labels[c]);
}

/** The rating code a cell's value stands for: a label from the policy or a code; else undefined. */
export function ratingCode(policy: SheetPolicy, value: string): RatingCode | undefined {
  const v = value.trim();
  const byLabel = RATING_CODES.find((c) => policy.evaluation.rating_labels[c] === v);
  if (byLabel) return byLabel;
  return RATING_CODES.find((c) => c === v.toLowerCase());
}
