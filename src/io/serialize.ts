import type { RegisterIndex } from "../domain/library.js";
import type { District, TrainingSession, TrainingYear, VillageBook } from "../domain/model.js";
import { normalizeReserve, sortReserves, sortSessions } from "../domain/normalize.js";
import { canonicalize } from "../schema/canonical.js";
import { districtFileSchema } from "../schema/district.js";
import { historyEntrySchema, type HistoryEntry } from "../schema/history.js";
import { districtToFile } from "../schema/register-checks.js";
import { sessionFileSchema, trainingFileSchema } from "../schema/trainings.js";
import { villageFileDocSchema } from "../schema/village.js";
import { toYaml, type YamlValue } from "./yaml-write.js";

/**
 * Library objects as the exact text of their files. Deterministic: the same data gives the same
 * bytes, and a canonical file read and written again is unchanged.
 */

export function districtText(d: District): string {
  const doc = canonicalize(districtToFile(d), districtFileSchema) as { [k: string]: YamlValue };
  return toYaml(doc, [`${d.name}（${d.code}）区县登记册与政策 — reserve 后备干部库`]);
}

export function villageText(book: VillageBook, register?: RegisterIndex): string {
  const village = register?.villages.get(book.village);
  const town = village ? register?.towns.get(village.town) : undefined;
  const title = village ? `${town?.name ?? ""}${village.name}（${book.village}）` : book.village;
  const doc = canonicalize(
    { village: book.village, reserves: sortReserves(book.reserves).map(normalizeReserve) },
    villageFileDocSchema,
  ) as { [k: string]: YamlValue };
  return toYaml(doc, [`一村一册：${title}`]);
}

export function trainingText(t: TrainingYear): string {
  const doc = canonicalize({ year: t.year, sessions: sortSessions(t.sessions) }, trainingFileSchema) as {
    [k: string]: YamlValue;
  };
  return toYaml(doc, [`${t.year} 年度培训场次（参训记录见各人档案的 trainings）`]);
}

/** trainings/<id>.yaml: one session. */
export function sessionText(s: TrainingSession): string {
  const doc = canonicalize(s, sessionFileSchema) as { [k: string]: YamlValue };
  return toYaml(doc, ["培训场次（参训记录见各人档案的 trainings）"]);
}

export function historyText(entry: HistoryEntry): string {
  return toYaml(canonicalize(entry, historyEntrySchema) as { [k: string]: YamlValue }, ["变更记录（只增不改）"]);
}
