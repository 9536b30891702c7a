import type { District, Village } from "../domain/model.js";
import { findTown, findVillage } from "../domain/places.js";
import { ReserveError } from "../diagnostics/fatal.js";

/** The villages named by --village and --town, as a predicate; everything when neither is given. */
export function villageScope(
  district: District,
  villages: readonly string[],
  towns: readonly string[],
): { inScope: (v: Village) => boolean; codes: ReadonlySet<string> | undefined } {
  if (villages.length === 0 && towns.length === 0) return { inScope: () => true, codes: undefined };
  const codes = new Set<string>();
  for (const input of villages) {
    const found = findVillage(district, input);
    if (!found.ok) {
      throw found.reason === "ambiguous"
        ? new ReserveError("ambiguous-name", { name: input, matches: found.matches.join("、") })
        : new ReserveError("unknown-village", { name: input });
    }
    codes.add(found.value.code);
  }
  for (const input of towns) {
    const found = findTown(district, input);
    if (!found.ok) {
      throw found.reason === "ambiguous"
        ? new ReserveError("ambiguous-name", { name: input, matches: found.matches.join("、") })
        : new ReserveError("unknown-town", { name: input });
    }
    for (const v of district.villages) if (v.town === found.value.code) codes.add(v.code);
  }
  return { inScope: (v) => codes.has(v.code), codes };
}
