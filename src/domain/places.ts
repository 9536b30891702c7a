import type { District, Town, Village } from "./model.js";

export type Lookup<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly reason: "unknown" | "ambiguous"; readonly matches: readonly string[] };

const SEPARATORS = /[/／\s·]+/;

function bareTownName(name: string): string {
  return name.replace(/(镇|乡|街道|街道办事处)$/, "");
}

/** A town by its 9-digit code or its name (with or without 镇/乡). */
export function findTown(d: District, input: string): Lookup<Town> {
  const q = input.trim();
  const byCode = d.towns.find((t) => t.code === q);
  if (byCode) return { ok: true, value: byCode };
  const matches = d.towns.filter((t) => t.name === q || bareTownName(t.name) === bareTownName(q));
  if (matches.length === 1) return { ok: true, value: matches[0]! };
  return {
    ok: false,
    reason: matches.length > 1 ? "ambiguous" : "unknown",
    matches: matches.map((t) => `${t.name}（${t.code}）`),
  };
}

/** A village by its 12-digit code, by "town/village", or by a name unique in the district. */
export function findVillage(d: District, input: string): Lookup<Village> {
  const q = input.trim();
  const byCode = d.villages.find((v) => v.code === q);
  if (byCode) return { ok: true, value: byCode };
  const parts = q.split(SEPARATORS).filter(Boolean);
  let candidates = d.villages;
  let name = q;
  if (parts.length === 2) {
    const town = findTown(d, parts[0]!);
    if (town.ok) {
      candidates = d.villages.filter((v) => v.town === town.value.code);
      name = parts[1]!;
    }
  }
  const bare = (s: string) => s.replace(/(村|村委会|村民委员会)$/, "");
  const matches = candidates.filter((v) => v.name === name || bare(v.name) === bare(name));
  if (matches.length === 1) return { ok: true, value: matches[0]! };
  const towns = new Map(d.towns.map((t) => [t.code, t.name]));
  return {
    ok: false,
    reason: matches.length > 1 ? "ambiguous" : "unknown",
    matches: matches.map((v) => `${towns.get(v.town) ?? ""}${v.name}（${v.code}）`),
  };
}
