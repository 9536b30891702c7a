import { createHash } from "node:crypto";
import type { District, Reserve, VillageBook } from "../domain/model.js";
import type { HistoryChange, HistoryEntry } from "../schema/history.js";
import { registerCsv } from "./register.js";
import { rosterCsv, rosterRows } from "./roster.js";

/** Who keeps the district library: the history names the office, not a login. */
const BY = "区委组织部";

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

/**
 * The history a library generated this way would have: created from the register at the end of
 * the selection year, the merged villages recorded, the county-reviewed people imported in January,
 * replenishment candidates imported late in the year, and the year's departures. Timestamps are
 * fixed (UTC), so the files are the same on every run.
 */
export function buildHistory(
  district: District,
  books: readonly VillageBook[],
  options: { readonly detailed: boolean; readonly people: number; readonly pending: number; readonly left: number },
): HistoryEntry[] {
  const y = district.year;
  const listed = district.villages.filter((v) => v.status === "正常");
  const merged = district.villages.filter((v) => v.status === "已合并");
  const abolished = district.villages.filter((v) => v.status === "已撤销");
  const register = options.detailed ? registerCsv(district) : undefined;
  const entries: HistoryEntry[] = [
    {
      at: `${y - 1}-12-01T01:30:00Z`,
      by: BY,
      command: "init",
      ...(register !== undefined && { files: [{ name: `${district.code}-register.csv`, sha256: sha256(register) }] }),
      summary: { towns: district.towns.length, villages: listed.length },
      changes: [{ action: "init", reason: `${district.name}（${district.code}）` }],
    },
  ];
  if (merged.length + abolished.length > 0) {
    const names = new Map(district.villages.map((v) => [v.code, v.name]));
    entries.push({
      at: `${y - 1}-12-02T02:00:00Z`,
      by: BY,
      command: "register",
      reason: "补录上一年度撤并的行政村，保留原代码以便追溯",
      summary: { merged: merged.length, ...(abolished.length > 0 && { abolished: abolished.length }) },
      changes: district.villages
        .filter((v) => v.status !== "正常")
        .map((v) => ({
          action: "register",
          village: v.code,
          ...(v.replaced_by !== undefined && { to: v.replaced_by }),
          reason:
            v.status === "已合并"
              ? `${v.changed ?? ""} 并入${names.get(v.replaced_by ?? "") ?? ""}`.trim()
              : `${v.changed ?? ""} 整村搬迁，撤销建制`.trim(),
        })),
    });
  }
  const selected = options.people - options.pending;
  entries.push(
    importEntry(
      district,
      books,
      `${y}-01-12T02:00:00Z`,
      `${y - 1}年村级后备干部选拔结果（县级审核通过）入库`,
      selected,
      options.detailed,
      (r) => r.selection.county !== undefined,
      `${district.code}-${y - 1}-后备干部名册.csv`,
    ),
  );
  if (options.pending > 0) {
    entries.push(
      importEntry(
        district,
        books,
        `${y}-12-10T02:00:00Z`,
        "低于储备目标的村补充后备人选（待县级审核）",
        options.pending,
        options.detailed,
        (r) => r.selection.county === undefined,
        `${district.code}-${y}-补充人选名册.csv`,
      ),
    );
  }
  if (options.left > 0) {
    const changes: HistoryChange[] = [];
    if (options.detailed) {
      for (const book of books) {
        for (const r of book.reserves) {
          const last = r.status_changes?.[r.status_changes.length - 1];
          if (last && last.status !== "在库") {
            changes.push({
              action: "status",
              village: book.village,
              person: r.id,
              from: "在库",
              to: last.status,
              ...(last.reason !== undefined && { reason: `${last.date ?? ""} ${last.reason}`.trim() }),
            });
          }
        }
      }
    }
    entries.push({
      at: `${y}-12-20T03:00:00Z`,
      by: BY,
      command: "status",
      reason: "年度动态调整：调整出库及换届当选人员出库",
      summary: { changed: options.left },
      ...(changes.length > 0 && { changes }),
    });
  }
  return entries;
}

function importEntry(
  district: District,
  books: readonly VillageBook[],
  at: string,
  reason: string,
  count: number,
  detailed: boolean,
  which: (r: Reserve) => boolean,
  file: string,
): HistoryEntry {
  const base = { at, by: BY, command: "import", reason };
  if (!detailed) return { ...base, summary: { added: count } };
  const villages = new Map(district.villages.map((v) => [v.code, v]));
  const towns = new Map(district.towns.map((t) => [t.code, t.name]));
  const rows: string[][] = [];
  const changes: HistoryChange[] = [];
  const touched = new Set<string>();
  for (const book of books) {
    const v = villages.get(book.village);
    // The roster as it was sent: before mentors were assigned and before anyone left.
    const asSent = book.reserves.filter(which).map((r) => ({ ...r, status: "在库" as const, mentors: undefined }));
    if (asSent.length === 0) continue;
    touched.add(book.village);
    rows.push(...rosterRows(towns.get(v?.town ?? "") ?? "", v?.name ?? "", book.village, asSent));
    for (const r of asSent) changes.push({ action: "add", village: book.village, person: r.id });
  }
  return {
    ...base,
    files: [{ name: file, sha256: sha256(rosterCsv(rows)), rows: rows.length }],
    summary: { added: changes.length, villages: touched.size },
    changes,
  };
}
