import type { OfficialCounty, OfficialUnit } from "../domain/divisions.js";
import { everydayName } from "../domain/unit-kind.js";
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import { placeName } from "./records.js";
import type { Rule, RuleContext } from "./rule.js";

/**
 * The register's villages against the official division table of the county (统计用区划代码, the
 * edition divisions/ holds): a village in use (村, status 正常: one with a quota) whose code the table does not have is a
 * warning — a code mistyped, or a village set up after that edition. The finding names the official
 * unit of the same name (the code mistyped), else the one with the nearest code in the same town (or
 * the county). Merged and abolished villages are history and are not checked. The table is read
 * only when some village of the part is in scope, and once per process.
 */
export const officialRegisterRule: Rule = {
  name: "official-register",
  codes: ["village-not-official"],
  check(ctx: RuleContext): Diagnostic[] {
    const villages = ctx.library.district.villages.filter(
      (v) => v.kind === "村" && v.status === "正常" && ctx.inScope(v),
    );
    if (villages.length === 0 || !ctx.official) return [];
    const official = ctx.official();
    if (!official) return [];
    const codes = officialCodes(official);
    const out: Diagnostic[] = [];
    for (const village of villages) {
      if (codes.has(village.code)) continue;
      const same = official.villages.find((u) => bare(u.name) === bare(village.name));
      const nearest = same ? undefined : nearestUnit(official, village.code);
      out.push(
        diagnostic(
          "village-not-official",
          {
            name: placeName(ctx, village.code),
            code: village.code,
            edition: official.edition,
            sameName: same ? label(official, same) : "",
            nearest: nearest ? label(official, nearest) : "",
          },
          {
            location: {
              file: ctx.library.districtFile,
              path: [...(ctx.register.paths.get(village.code) ?? []), "code"],
            },
            village: village.code,
            town: village.town,
          },
        ),
      );
    }
    return out;
  },
};

const bare = (name: string) => everydayName(name).replace(/(村|社区|居委会|居民委员会)$/, "");

const codeSets = new WeakMap<OfficialCounty, Set<string>>();

function officialCodes(official: OfficialCounty): Set<string> {
  let set = codeSets.get(official);
  if (!set) codeSets.set(official, (set = new Set(official.villages.map((u) => u.code))));
  return set;
}

/** The official unit whose code is nearest, in the village's town when the table has that town. */
function nearestUnit(official: OfficialCounty, code: string): OfficialUnit | undefined {
  const inTown = official.villages.filter((u) => u.code.startsWith(code.slice(0, 9)));
  const pool = inTown.length > 0 ? inTown : official.villages;
  let best: OfficialUnit | undefined;
  for (const u of pool) {
    if (!best || Math.abs(Number(u.code) - Number(code)) < Math.abs(Number(best.code) - Number(code))) best = u;
  }
  return best;
}

function label(official: OfficialCounty, u: OfficialUnit): string {
  const town = official.towns.find((t) => t.code === u.code.slice(0, 9))?.name ?? "";
  return `${u.code} ${town}${everydayName(u.name)}`;
}
