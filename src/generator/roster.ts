import type { Reserve } from "../domain/model.js";
import { statusCountsInPool } from "../domain/terms.js";

/** The import columns of DESIGN §2, in the order villages fill them in. */
export const ROSTER_HEADERS = [
  "乡镇",
  "村",
  "村代码",
  "姓名",
  "性别",
  "民族",
  "身份证号",
  "联系电话",
  "学历",
  "政治面貌",
  "来源",
  "方式",
  "入库时间",
  "帮带人",
  "帮带人职务",
] as const;

function cell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** One CSV line (without the line break). */
export function csvLine(cells: readonly string[]): string {
  return cells.map(cell).join(",");
}

/**
 * The roster rows a village would send for its people still in the pool or waiting for review
 * (those who left are not on a roster). Several mentors (多带一) share one cell, joined by 、.
 */
export function rosterRows(town: string, village: string, code: string, reserves: readonly Reserve[]): string[][] {
  return reserves
    .filter((r) => statusCountsInPool(r.status))
    .map((r) => {
      const mentors = (r.mentors ?? []).filter((m) => m.to === undefined);
      return [
        town,
        village,
        code,
        r.name,
        r.gender,
        r.ethnicity,
        r.id_number,
        r.phone ?? "",
        r.education,
        r.political_status,
        r.source,
        r.intake,
        r.entry_date ?? "",
        mentors.map((m) => m.name).join("、"),
        mentors.map((m) => m.role).join("、"),
      ];
    });
}

/** As Excel's "CSV UTF-8" saves it: BOM and CRLF, so the file is a realistic import. */
export const ROSTER_BOM = "\ufeff";
export const ROSTER_EOL = "\r\n";

export function rosterCsv(rows: readonly (readonly string[])[]): string {
  return ROSTER_BOM + [csvLine(ROSTER_HEADERS), ...rows.map(csvLine)].map((l) => l + ROSTER_EOL).join("");
}
