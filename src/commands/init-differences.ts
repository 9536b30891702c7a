import type { OfficialCounty } from "../domain/divisions.js";
import type { District } from "../domain/model.js";
import { everydayName } from "../domain/unit-kind.js";

/** A unit of one register that the other lacks. */
export interface RegisterUnit {
  readonly code: string;
  readonly name: string;
  readonly level: "town" | "village";
}

/** How a district's own register differs from the official table (units by code). */
export interface RegisterDifferences {
  readonly edition: string;
  /** In the district's register, not in the table (new since the table, or a code mistyped). */
  readonly added: readonly RegisterUnit[];
  /** In the table, not in the district's register (merged or abolished since, or left out). */
  readonly missing: readonly RegisterUnit[];
  /** The same code under another name. */
  readonly renamed: readonly (RegisterUnit & { readonly official: string })[];
}

// 西关村, 西关村委会 and 西关村民委员会 are one name; so are 多福巷社区 and 多福巷社区居委会.
const bare = (name: string) => everydayName(name).replace(/(村|社区|居委会|居民委员会)$/, "");

export function compareWithOfficial(district: District, official: OfficialCounty): RegisterDifferences {
  const mine = new Map<string, RegisterUnit>();
  for (const t of district.towns) mine.set(t.code, { code: t.code, name: t.name, level: "town" });
  for (const v of district.villages) mine.set(v.code, { code: v.code, name: v.name, level: "village" });
  const theirs = new Map<string, RegisterUnit>();
  for (const t of official.towns) theirs.set(t.code, { code: t.code, name: t.name, level: "town" });
  for (const v of official.villages) theirs.set(v.code, { code: v.code, name: everydayName(v.name), level: "village" });
  const added: RegisterUnit[] = [];
  const renamed: (RegisterUnit & { official: string })[] = [];
  for (const [code, unit] of mine) {
    const other = theirs.get(code);
    if (!other) added.push(unit);
    else if (bare(other.name) !== bare(unit.name)) renamed.push({ ...unit, official: other.name });
  }
  const missing = [...theirs.values()].filter((u) => !mine.has(u.code));
  const byCode = (a: RegisterUnit, b: RegisterUnit) => (a.code < b.code ? -1 : 1);
  return {
    edition: official.edition,
    added: added.sort(byCode),
    missing: missing.sort(byCode),
    renamed: renamed.sort(byCode),
  };
}
