import { ageOn } from "../domain/dates.js";
import type { LoadedBook } from "../domain/library.js";
import type { Policy, Reserve } from "../domain/model.js";
import { inPool } from "../domain/pool.js";
import { vocabulariesOf, type Vocabularies } from "../domain/vocabulary-set.js";
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import { atBook, birthOf, placeName, type Where } from "./records.js";
import type { Rule, RuleContext } from "./rule.js";

export type Measure = keyof Policy["structure"];
const MEASURES: readonly Measure[] = ["women", "under_35", "party_members", "college"];

/**
 * Whether a reserve counts towards a measure on the audit date; undefined when it cannot be told
 * (age from an invalid ID number), and the person is then left out of that measure's share.
 */
function counts(measure: Measure, r: Reserve, date: string, v: Vocabularies): boolean | undefined {
  switch (measure) {
    case "women":
      return r.gender === "女";
    case "under_35": {
      const birth = birthOf(r);
      return birth === undefined ? undefined : ageOn(birth, date) < 35;
    }
    case "party_members":
      return v.partyMember(r.political_status);
    case "college":
      return v.college(r.education);
  }
}

/** The measures below the policy's minimum shares, for a group of in-pool reserves. */
function shortfalls(reserves: readonly Reserve[], ctx: RuleContext) {
  const out: { measure: Measure; count: number; total: number; share: number; target: number }[] = [];
  const v = vocabulariesOf(ctx.policy);
  for (const measure of MEASURES) {
    const target = ctx.policy.structure[measure];
    let count = 0;
    let total = 0;
    for (const r of reserves) {
      const c = counts(measure, r, ctx.date, v);
      if (c === undefined) continue;
      total++;
      if (c) count++;
    }
    // Shares are compared as counts, with a margin for binary fractions (0.3 × 10 is 3.0000000000000004).
    if (total === 0 || count >= target * total - 1e-9) continue;
    out.push({ measure, count, total, share: Math.floor((count * 100) / total), target: Math.round(target * 100) });
  }
  return out;
}

/**
 * 队伍结构 (issue 4; policy.structure): the shares of women, of people under 35 on the audit date, of
 * party members (中共党员 and 预备党员) and of people with 大专 or more among the reserves in the pool,
 * against the policy's minimum shares, per village and per town — warnings, so the district sees where
 * the pool is thin. A village is judged when it is active (status 正常), in scope, its book was read
 * completely and it has someone in the pool (an empty village is the quota's finding). A town is
 * judged over its active villages when all of them are in scope (a --village audit shows no town
 * figures) and all their books were read completely.
 */
export const structureRule: Rule = {
  name: "structure",
  codes: ["village-structure-below", "town-structure-below"],
  check(ctx: RuleContext): Diagnostic[] {
    const out: Diagnostic[] = [];
    const emit = (
      code: "village-structure-below" | "town-structure-below",
      name: string,
      pool: Reserve[],
      where: Where,
    ) => {
      for (const s of shortfalls(pool, ctx)) out.push(diagnostic(code, { name, ...s }, where));
    };
    const inPoolOf = (book: LoadedBook | undefined) => (book?.reserves ?? []).filter((r) => inPool(r, ctx.date));
    for (const village of ctx.library.district.villages) {
      if (village.status !== "正常" || !ctx.inScope(village)) continue;
      const book = ctx.books.get(village.code);
      if (!book?.complete) continue;
      const pool = inPoolOf(book);
      if (pool.length > 0) emit("village-structure-below", placeName(ctx, village.code), pool, atBook(ctx, book));
    }
    for (const town of ctx.library.district.towns) {
      const villages = (ctx.register.villagesByTown.get(town.code) ?? []).filter((v) => v.status === "正常");
      if (town.status !== "正常" || villages.length === 0 || !villages.every((v) => ctx.inScope(v))) continue;
      const books = villages.map((v) => ctx.books.get(v.code));
      if (books.some((b) => b !== undefined && !b.complete)) continue;
      const pool = books.flatMap(inPoolOf);
      if (pool.length === 0) continue;
      const where = {
        location: { file: ctx.library.districtFile, path: ctx.register.paths.get(town.code) ?? [] },
        town: town.code,
      };
      emit("town-structure-below", town.name, pool, where);
    }
    return out;
  },
};
