import { indexRegister, type Library } from "../domain/library.js";
import type { Policy } from "../domain/model.js";
import { maskIdNumber } from "../domain/personal-data.js";
import { statusCountsInPool } from "../domain/terms.js";
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";

/**
 * The checks across several district libraries read at once, which no single library can make:
 * - the same ID number held in the pools of two libraries (`person-in-two-districts`), reported on
 *   every copy and naming the other places — as `person-in-two-villages` does within one library,
 *   among the records that hold a place in the pool (在库 or 列为考察对象);
 * - a village in the registers of two libraries (`village-in-two-libraries`): its quota and its
 *   people would be counted twice;
 * - a library whose working year is not the roll-up's (`library-year-differs`), or whose policy
 *   differs from the first library's (`library-policy-differs`): the figures are still each
 *   district's own, but they are not silently added up as if alike.
 * Pure: the libraries are already loaded; positions are YAML paths, placed by the caller.
 */

export interface RollupLibrary {
  /** The library as the user named it (`--data`), for messages and headings. */
  readonly root: string;
  readonly library: Library;
}

/** How each library is named in messages: its district, with its folder when two share a name. */
export function libraryNames(libs: readonly RollupLibrary[]): string[] {
  const names = libs.map((l) => l.library.district.name);
  return names.map((n, i) => (names.filter((m) => m === n).length > 1 ? `${n}（${libs[i]!.root}）` : n));
}

/** A value as JSON with object keys sorted, so that two policies compare by content. */
function stable(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stable).join(",")}]`;
  if (v !== null && typeof v === "object") {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stable(o[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(v);
}

/** The top-level policy keys whose settings differ. */
export function policyDifferences(a: Policy, b: Policy): string[] {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  return keys.filter(
    (k) =>
      stable((a as unknown as Record<string, unknown>)[k]) !== stable((b as unknown as Record<string, unknown>)[k]),
  );
}

interface Held {
  readonly lib: number;
  readonly file: string;
  readonly index: number;
  readonly village: string;
  readonly town: string | undefined;
  readonly id: string;
  readonly name: string;
  readonly place: string;
}

export function rollupChecks(libs: readonly RollupLibrary[], year: number): Diagnostic[] {
  const out: Diagnostic[] = [];
  const names = libraryNames(libs);

  const byId = new Map<string, Held[]>();
  libs.forEach(({ library }, lib) => {
    const register = indexRegister(library.district);
    for (const book of library.books) {
      const village = register.villages.get(book.village);
      const town = village ? register.towns.get(village.town) : undefined;
      const place = `${names[lib]}${town?.name ?? ""}${village?.name ?? book.village}`;
      book.reserves.forEach((r, i) => {
        if (!statusCountsInPool(r.status)) return;
        const key = r.id_number.toUpperCase();
        const held: Held = {
          lib,
          file: book.file,
          index: book.indexes?.[i] ?? i,
          village: book.village,
          town: village?.town,
          id: r.id,
          name: r.name,
          place,
        };
        const list = byId.get(key);
        if (list) list.push(held);
        else byId.set(key, [held]);
      });
    }
  });
  for (const [key, group] of byId) {
    if (group.length < 2 || group.every((h) => h.lib === group[0]!.lib)) continue;
    for (const h of group) {
      const others = group.filter((o) => o.lib !== h.lib).map((o) => `${o.place}（${o.id}）`);
      out.push(
        diagnostic(
          "person-in-two-districts",
          { name: h.name, place: h.place, id: maskIdNumber(key), others: others.join("、") },
          {
            location: { file: h.file, path: ["reserves", h.index, "id_number"] },
            village: h.village,
            ...(h.town !== undefined && { town: h.town }),
            person: h.id,
          },
        ),
      );
    }
  }

  const claims = new Map<string, number[]>();
  libs.forEach(({ library }, lib) => {
    for (const v of library.district.villages) {
      const list = claims.get(v.code);
      if (list) list.push(lib);
      else claims.set(v.code, [lib]);
    }
  });
  for (const [code, owners] of claims) {
    if (owners.length < 2) continue;
    for (const lib of owners) {
      const { library } = libs[lib]!;
      const register = indexRegister(library.district);
      const village = register.villages.get(code)!;
      out.push(
        diagnostic(
          "village-in-two-libraries",
          {
            name: village.name,
            code,
            others: owners
              .filter((o) => o !== lib)
              .map((o) => names[o]!)
              .join("、"),
          },
          {
            location: { file: library.districtFile, path: [...(register.paths.get(code) ?? []), "code"] },
            village: code,
            town: village.town,
          },
        ),
      );
    }
  }

  const first = libs[0]?.library.district;
  libs.forEach(({ library }, lib) => {
    const d = library.district;
    if (d.year !== year) {
      out.push(
        diagnostic(
          "library-year-differs",
          { district: names[lib]!, year: d.year, expected: year },
          { location: { file: library.districtFile, path: ["year"] } },
        ),
      );
    }
    if (first && lib > 0) {
      const keys = policyDifferences(first.policy, d.policy);
      if (keys.length > 0) {
        out.push(
          diagnostic(
            "library-policy-differs",
            { district: names[lib]!, first: names[0]!, keys: keys.map((k) => `policy.${k}`).join("、") },
            { location: { file: library.districtFile, path: ["policy", keys[0]!] } },
          ),
        );
      }
    }
  });
  return out;
}
