import type { Lang } from "../messages/lang.js";
import { dashboardHtml } from "./dashboard/html.js";
import { evaluationTable, evaluationWorkbook, sheetPeople } from "./evaluation-sheet.js";
import { villageBookHtml } from "./ledger-html.js";
import { townWorkbook, villageWorkbook } from "./ledger-workbooks.js";
import { townMarkdown, townTable, villageMarkdown } from "./ledgers.js";
import type { ReportModel } from "./model.js";
import { peopleOfVillage } from "./model-index.js";
import { personDoc } from "./person.js";
import { summaryJson, summaryMarkdown, summaryTable } from "./summary.js";
import type { Table } from "./table.js";
import type { WorkbookSpec } from "./workbook.js";

/**
 * Which files a report consists of, and what goes into each: the plan `reserve report` writes
 * (src/io/report-write.ts encodes tables as CSV and workbooks as XLSX). Paths use forward slashes,
 * relative to the report folder, and are built from codes and names of the register.
 */

export const REPORT_FORMATS = ["md", "csv", "json", "html", "xlsx"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export type ReportFile =
  | { readonly path: string; readonly kind: "text"; readonly text: string }
  | { readonly path: string; readonly kind: "csv"; readonly table: Table }
  | { readonly path: string; readonly kind: "xlsx"; readonly workbook: WorkbookSpec };

/** What each file of the report is, for the summary the command prints. */
export type ReportPart = "summary" | "dashboard" | "town" | "village" | "evaluation";

export interface PlannedFile {
  readonly part: ReportPart;
  readonly file: ReportFile;
}

/**
 * A name as part of a file name: characters that file systems (Windows included) refuse or treat
 * specially are replaced, leading dots and trailing dots and spaces dropped, at most 40 characters.
 */
export function fileNamePart(name: string): string {
  const cleaned = name
    // eslint-disable-next-line no-control-regex
    .replace(/[<>:"/\\|?*\x00-\x1f\x7f]/g, "_")
    .replace(/^[.\s]+|[.\s]+$/g, "");
  // At most 40 characters (code points, so that a character outside the BMP is never cut in two).
  return cleaned.length <= 40 ? cleaned : [...cleaned].slice(0, 40).join("");
}

function stem(code: string, name: string): string {
  const n = fileNamePart(name);
  return n ? `${code}-${n}` : code;
}

/**
 * The report's files, made one at a time as they are asked for: a province's report is tens of
 * thousands of files, which are written as they are made instead of all being held in memory.
 */
export function* reportPlan(
  model: ReportModel,
  formats: ReadonlySet<ReportFormat>,
  lang: Lang,
): Generator<PlannedFile, void, undefined> {
  const text = (part: ReportPart, path: string, t: string): PlannedFile => ({
    part,
    file: { path, kind: "text", text: t },
  });
  const csv = (part: ReportPart, path: string, table: Table): PlannedFile => ({
    part,
    file: { path, kind: "csv", table },
  });
  const has = (f: ReportFormat) => formats.has(f);

  if (has("md")) yield text("summary", "summary.md", summaryMarkdown(model, lang));
  if (has("csv")) yield csv("summary", "summary.csv", summaryTable(model, lang));
  if (has("json")) yield text("summary", "summary.json", summaryJson(model));
  if (has("html")) yield text("dashboard", "dashboard.html", dashboardHtml(model, lang));

  const xlsx = (part: ReportPart, path: string, workbook: WorkbookSpec): PlannedFile => ({
    part,
    file: { path, kind: "xlsx", workbook },
  });

  for (const t of model.towns) {
    const s = stem(t.code, t.name);
    if (has("md")) yield text("town", `towns/${s}.md`, townMarkdown(model, t, lang));
    if (has("csv")) yield csv("town", `towns/${s}.csv`, townTable(model, t, lang));
    if (has("xlsx")) yield xlsx("town", `towns/${s}.xlsx`, townWorkbook(model, t, lang));
  }
  // Village by village: the village's book, in HTML to print and in Markdown for diffs, holds the
  // files of its people (一人一档), made once for both. One file a village, not one a person: most of
  // a report's time is the file system creating its files (and removing the previous report's).
  for (const v of model.villages) {
    const dir = `villages/${stem(v.town, v.townName)}`;
    const s = stem(v.code, v.name);
    const people = has("md") || has("html") ? peopleOfVillage(model, v.code) : [];
    const docs = people.map((p) => ({ id: p.reserve.id, doc: personDoc(model, p, lang) }));
    if (has("md")) yield text("village", `${dir}/${s}.md`, villageMarkdown(model, v, docs, lang));
    if (has("html")) yield text("village", `${dir}/${s}.html`, villageBookHtml(model, v, docs, lang));
    if (has("xlsx")) yield xlsx("village", `${dir}/${s}.xlsx`, villageWorkbook(model, v, lang));
  }
  if (has("csv") || has("xlsx")) {
    const units = [
      ...(model.scope ? [] : [{ code: model.district.code, name: model.district.name, town: undefined }]),
      ...model.towns.map((t) => ({ code: t.code, name: t.name, town: t.code })),
    ];
    for (const u of units) {
      const people = sheetPeople(model, u.town);
      const base = `evaluation/${model.year}-${stem(u.code, u.name)}`;
      if (has("csv")) yield csv("evaluation", `${base}.csv`, evaluationTable(model, people, lang));
      if (has("xlsx")) yield xlsx("evaluation", `${base}.xlsx`, evaluationWorkbook(model, u, people, lang));
    }
  }
}
