import {
  EVALUATION_SHEET_COLUMNS,
  EVALUATION_SHEET_MAX_COUNT,
  EVALUATION_SHEET_NAME,
  ratingOptions,
  sheetHeader,
  type SheetColumn,
} from "../domain/evaluation-sheet.js";
import type { Lang } from "../messages/lang.js";
import { reportLabels } from "./labels.js";
import type { LedgerModel, ReportModel, SheetVillage } from "./model.js";
import { table, type Cell, type Table } from "./table.js";
import type { ColumnStyle, ValidationSpec, WorkbookSpec } from "./workbook.js";

/**
 * The annual evaluation sheet (年度测评表) of a town or of the whole scope: one row per reserve in
 * the pool on the report date, identity filled in, scoring empty. The layout is
 * domain/evaluation-sheet.ts, shared with `reserve evaluate`, which reads the filled sheet back.
 */

export interface SheetUnit {
  readonly code: string;
  readonly name: string;
}

function identityValue(c: SheetColumn, v: SheetVillage, at: number, seq: number): Cell | null {
  switch (c.key) {
    case "seq":
      return seq;
    case "town_code":
      return v.town;
    case "town":
      return v.townName;
    case "village_code":
      return v.village;
    case "village":
      return v.villageName;
    case "id":
      return v.rows[at]!;
    case "name":
      return v.rows[at + 1]!;
    case "gender":
      return v.rows[at + 2]!;
    case "trainings":
      return v.rows[at + 3]!;
    default:
      return null;
  }
}

/**
 * The people on a sheet: in the pool on the report date, in the unit (a town, or all), village by
 * village as the model lists them (ReportModel.sheet: the whole scope's sheet needs no one's records).
 */
export function sheetPeople(model: ReportModel, town?: string): readonly SheetVillage[] {
  return town === undefined ? model.sheet : model.sheet.filter((v) => v.town === town);
}

function sheetRows(people: readonly SheetVillage[]): (Cell | null)[][] {
  const out: (Cell | null)[][] = [];
  for (const v of people) {
    for (let at = 0; at < v.rows.length; at += 4) {
      const seq = out.length + 1;
      out.push(EVALUATION_SHEET_COLUMNS.map((c) => identityValue(c, v, at, seq)));
    }
  }
  return out;
}

/** The sheet as a table (for CSV): empty scoring cells are empty strings. */
export function evaluationTable(model: LedgerModel, people: readonly SheetVillage[], lang: Lang): Table {
  const policy = model.policy;
  const header = EVALUATION_SHEET_COLUMNS.map((c) => sheetHeader(c, policy, lang));
  const text = EVALUATION_SHEET_COLUMNS.filter((c) => c.text).map((c) => sheetHeader(c, policy, lang));
  return table(
    header,
    sheetRows(people).map((row) => row.map((v) => v ?? "")),
    text,
  );
}

function columnStyle(c: SheetColumn): ColumnStyle {
  if (c.role === "identity" || c.role === "reference") return c.text ? "locked-text" : "locked";
  return c.role === "votes" || c.role === "raters" ? "input-number" : "input-text";
}

/** The sheet as a workbook: identity locked, scoring cells unlocked and limited to the allowed values. */
export function evaluationWorkbook(
  model: LedgerModel,
  unit: SheetUnit,
  people: readonly SheetVillage[],
  lang: Lang,
): WorkbookSpec {
  const policy = model.policy;
  const L = reportLabels(lang);
  const cols = EVALUATION_SHEET_COLUMNS;
  const options = ratingOptions(policy);
  const list = options.join(L.sep);
  const validations: ValidationSpec[] = [];
  const span = (role: SheetColumn["role"]) => {
    const idx = cols.flatMap((c, i) => (c.role === role ? [i] : []));
    return { firstColumn: idx[0]!, lastColumn: idx[idx.length - 1]! };
  };
  validations.push({
    ...span("rating"),
    rule: { type: "list", values: options },
    promptTitle: cols
      .filter((c) => c.role === "rating")
      .map((c) => sheetHeader(c, policy, lang))
      .join(L.sep),
    prompt: L.sheet.ratingPrompt(list),
    errorTitle: L.sheet.invalidTitle,
    error: L.sheet.ratingError(list),
  });
  for (const role of ["votes", "raters"] as const) {
    const min = role === "raters" ? 1 : 0;
    validations.push({
      ...span(role),
      rule: { type: "whole", min, max: EVALUATION_SHEET_MAX_COUNT },
      promptTitle: cols
        .filter((c) => c.role === role)
        .map((c) => sheetHeader(c, policy, lang))
        .join(L.sep),
      prompt: L.sheet.countPrompt,
      errorTitle: L.sheet.invalidTitle,
      error: L.sheet.countError(min, EVALUATION_SHEET_MAX_COUNT),
    });
  }
  const title = L.sheet.title(unit.name, model.year);
  return {
    title,
    date: model.date,
    sheets: [
      {
        name: EVALUATION_SHEET_NAME,
        columns: cols.map((c) => ({ header: sheetHeader(c, policy, lang), width: c.width, style: columnStyle(c) })),
        rows: sheetRows(people),
        validations,
        protect: true,
        orientation: "landscape",
        printHeader: `${title}（${L.reportDate}${L.colon}${model.date}）`,
        printFooter: L.sheet.footer,
      },
    ],
  };
}
