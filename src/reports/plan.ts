import { hash } from "node:crypto";
import type { Lang } from "../messages/lang.js";
import { dashboardHtml } from "./dashboard/html.js";
import { evaluationTable, evaluationWorkbook, sheetPeople } from "./evaluation-sheet.js";
import { villageBookHtml } from "./ledger-html.js";
import { townWorkbook, villageWorkbook } from "./ledger-workbooks.js";
import { townMarkdown, townTable, villageMarkdown } from "./ledgers.js";
import {
  SHARED_PARTS,
  type LedgerModel,
  type PersonFacts,
  type ReportModel,
  type SharedModel,
  type SheetVillage,
  type TownRow,
  type VillageRow,
} from "./model.js";
import { peopleOfTown, peopleOfVillage, villagesOfTown } from "./model-index.js";
import { personDoc, type PersonDoc } from "./person.js";
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
  | { readonly path: string; readonly kind: "xlsx"; readonly workbook: WorkbookSpec }
  | { readonly path: string; readonly kind: "bytes"; readonly bytes: Uint8Array };

/** What each file of the report is, for the summary the command prints. */
export type ReportPart = "summary" | "dashboard" | "town" | "village" | "evaluation";

/**
 * A file of the plan, not yet made: its path, what it is made from as a key, and how to make it.
 * The renderers are pure, so two files with the same key have the same bytes, and a file of the
 * previous report with the key is kept instead of being made again (src/io/report-write.ts).
 */
export interface PlannedFile {
  readonly part: ReportPart;
  readonly path: string;
  readonly key: string;
  readonly make: () => ReportFile;
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
 * Keys of what the files are made from. Every file is made from the model's shared parts
 * (model.ts SHARED_PARTS: the year, the date, the policy, the sessions…) and the rows of one unit:
 * a village's files from its row and its people, a town's from its row, its villages and its
 * people, the summary, the dashboard and the whole scope's sheets from everything. A key is a
 * digest of exactly that data (as JSON), the program's build and the language; each person's facts
 * are digested once and their digests stand for them. `build` names the program that makes the
 * files (a newer one may make other bytes from the same data).
 *
 * A person's facts are made from their record and the shared parts alone (reports/build.ts), and
 * the records of a village from its file's bytes, the policy and the program. So where `sources`
 * gives a village's file digest (LoadedBook.source), that digest stands for all of the village's
 * people: a province's 50,000 records need not be turned into text and hashed on every run.
 */
export class ReportKeys {
  readonly shared: SharedModel;
  private readonly base: string;
  private readonly persons = new Map<PersonFacts, string>();
  private readonly rows = new Map<VillageRow, string>();
  private whole: string | undefined;

  constructor(
    private readonly model: ReportModel,
    lang: Lang,
    build: string,
    private readonly sources: ReadonlyMap<string, string> = new Map(),
  ) {
    this.shared = Object.fromEntries(SHARED_PARTS.map((k) => [k, model[k]])) as unknown as SharedModel;
    const json = JSON.stringify({ ...this.shared, sessionIndex: [...this.shared.sessionIndex.values()] });
    this.base = digest(`${build}\0${lang}\0${json}`);
  }

  private person(f: PersonFacts): string {
    let k = this.persons.get(f);
    if (k === undefined) {
      k = digest(JSON.stringify(f));
      this.persons.set(f, k);
    }
    return k;
  }

  /**
   * The key of files made from `rows` and the people of `villages` (in the model's order): a
   * village's people stand as its file's digest where `sources` has one, else as each person's facts.
   */
  unit(kind: string, rows: unknown, villages: readonly string[]): string {
    let text = `${this.base}\0${kind}\0${JSON.stringify(rows)}`;
    for (const village of villages) {
      const source = this.sources.get(village);
      if (source !== undefined) text += `\0v${village}:${source}`;
      else for (const p of peopleOfVillage(this.model, village)) text += `\0p${this.person(p)}`;
    }
    return digest(text);
  }

  /**
   * A village's row, digested once: the village's, its town's and the whole report's keys all hold
   * it, and a province's 15,000 rows are too many to turn into text three times.
   */
  village(v: VillageRow): string {
    let k = this.rows.get(v);
    if (k === undefined) {
      k = digest(JSON.stringify(v));
      this.rows.set(v, k);
    }
    return k;
  }

  /** The key of a town's files: its row, its villages' rows and its people. */
  town(t: TownRow, villages: readonly VillageRow[]): string {
    return this.unit(
      "town",
      [t, villages.map((v) => this.village(v))],
      villages.map((v) => v.code),
    );
  }

  /**
   * The key of an evaluation sheet: the rows it lists (and the shared parts), not the figures or
   * the other facts of its people — a phone changed or a mentor named leaves every sheet as it was.
   */
  sheet(villages: readonly SheetVillage[]): string {
    const rows = villages.map((v) => [v.town, v.townName, v.village, v.villageName, v.rows]);
    return this.unit("sheet", rows, []);
  }

  /** The key of the files made from every figure of the model. */
  get all(): string {
    const { total, towns, villages, adjusted, replenishment, attendanceByMonth } = this.model;
    const rows = villages.map((v) => this.village(v));
    this.whole ??= this.unit(
      "all",
      { total, towns, rows, adjusted, replenishment, attendanceByMonth },
      villages.map((v) => v.code),
    );
    return this.whole;
  }
}

/** A digest of text, for keys. */
export const digest = (text: string): string => hash("sha256", text, "base64url");

/**
 * The report's files, planned one at a time as they are asked for and each made only when the
 * writer asks for it: a province's report is tens of thousands of files, which are written as they
 * are made instead of all being held in memory, and a file that the previous report already holds
 * with the same key is not made at all.
 */
export function* reportPlan(
  model: ReportModel,
  formats: ReadonlySet<ReportFormat>,
  lang: Lang,
  keys: ReportKeys,
  parts?: ReadonlySet<ReportPart>,
): Generator<PlannedFile, void, undefined> {
  const has = (f: ReportFormat) => formats.has(f);
  const wants = (p: ReportPart) => parts === undefined || parts.has(p);
  const shared = keys.shared;
  const planned = (part: ReportPart, path: string, key: string, make: () => ReportFile): PlannedFile => ({
    part,
    path,
    key,
    make,
  });
  const text = (path: string, t: string): ReportFile => ({ path, kind: "text", text: t });
  const csv = (path: string, table: Table): ReportFile => ({ path, kind: "csv", table });
  const xlsx = (path: string, workbook: WorkbookSpec): ReportFile => ({ path, kind: "xlsx", workbook });

  // The summary, the dashboard and the whole scope's sheets are made from every figure of the model.
  const all = keys.all;
  if (wants("summary") && has("md"))
    yield planned("summary", "summary.md", all, () => text("summary.md", summaryMarkdown(model, lang)));
  if (wants("summary") && has("csv"))
    yield planned("summary", "summary.csv", all, () => csv("summary.csv", summaryTable(model, lang)));
  if (wants("summary") && has("json"))
    yield planned("summary", "summary.json", all, () => text("summary.json", summaryJson(model)));
  if (wants("dashboard") && has("html")) {
    yield planned("dashboard", "dashboard.html", all, () => text("dashboard.html", dashboardHtml(model, lang)));
  }

  // A town's files see the town, its villages and its people only.
  // Its people are worked out only when one of its files is made (a kept file needs none).
  const townUnits = new Map<string, { unit: () => LedgerModel; key: string }>();
  const townUnit = (t: TownRow) => {
    let u = townUnits.get(t.code);
    if (u === undefined) {
      const vs = villagesOfTown(model, t.code);
      let made: LedgerModel | undefined;
      const unit = () => (made ??= { ...shared, towns: [t], villages: vs, people: peopleOfTown(model, t.code) });
      u = { unit, key: keys.town(t, vs) };
      townUnits.set(t.code, u);
    }
    return u;
  };
  for (const t of wants("town") ? model.towns : []) {
    const s = stem(t.code, t.name);
    const { unit, key } = townUnit(t);
    if (has("md"))
      yield planned("town", `towns/${s}.md`, key, () => text(`towns/${s}.md`, townMarkdown(unit(), t, lang)));
    if (has("csv"))
      yield planned("town", `towns/${s}.csv`, key, () => csv(`towns/${s}.csv`, townTable(unit(), t, lang)));
    if (has("xlsx")) {
      yield planned("town", `towns/${s}.xlsx`, key, () => xlsx(`towns/${s}.xlsx`, townWorkbook(unit(), t, lang)));
    }
  }
  // Village by village: the village's book, in HTML to print and in Markdown for diffs, holds the
  // files of its people (一人一档), made once for both. One file a village, not one a person: most of
  // a report's time is the file system creating its files (and removing the previous report's).
  for (const v of wants("village") ? model.villages : []) {
    const dir = `villages/${stem(v.town, v.townName)}`;
    const s = stem(v.code, v.name);
    const key = keys.unit("village", keys.village(v), [v.code]);
    let made: LedgerModel | undefined;
    const unit = () => (made ??= { ...shared, towns: [], villages: [v], people: peopleOfVillage(model, v.code) });
    let docs: { id: string; doc: PersonDoc }[] | undefined;
    const docsOf = () => (docs ??= unit().people.map((p) => ({ id: p.reserve.id, doc: personDoc(unit(), p, lang) })));
    const md = `${dir}/${s}.md`;
    const book = `${dir}/${s}.html`;
    const sheet = `${dir}/${s}.xlsx`;
    if (has("md")) yield planned("village", md, key, () => text(md, villageMarkdown(unit(), v, docsOf(), lang)));
    if (has("html")) yield planned("village", book, key, () => text(book, villageBookHtml(unit(), v, docsOf(), lang)));
    if (has("xlsx")) yield planned("village", sheet, key, () => xlsx(sheet, villageWorkbook(unit(), v, lang)));
  }
  if (wants("evaluation") && (has("csv") || has("xlsx"))) {
    // A sheet lists the unit's reserves in the pool (ReportModel.sheet) and is made from the
    // shared parts besides: no one's records are needed for it, and it is keyed by its rows.
    const units = [
      ...(model.scope ? [] : [{ code: model.district.code, name: model.district.name, town: undefined }]),
      ...model.towns.map((t) => ({ code: t.code, name: t.name, town: t.code })),
    ];
    for (const u of units) {
      const base = `evaluation/${model.year}-${stem(u.code, u.name)}`;
      const people = sheetPeople(model, u.town);
      const key = keys.sheet(people);
      if (has("csv")) {
        yield planned("evaluation", `${base}.csv`, key, () => csv(`${base}.csv`, evaluationTable(model, people, lang)));
      }
      if (has("xlsx")) {
        yield planned("evaluation", `${base}.xlsx`, key, () =>
          xlsx(`${base}.xlsx`, evaluationWorkbook(model, u, people, lang)),
        );
      }
    }
  }
}
