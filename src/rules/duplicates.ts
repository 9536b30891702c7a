import { statusCountsInPool } from "../domain/terms.js";
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import { allRecords, at, birthOf, listArg, placeName, type PersonRecord } from "./records.js";
import type { Rule, RuleContext } from "./rule.js";

function groupBy(records: readonly PersonRecord[], key: (r: PersonRecord) => string | undefined) {
  const groups = new Map<string, PersonRecord[]>();
  for (const rec of records) {
    const k = key(rec);
    if (k === undefined) continue;
    const list = groups.get(k);
    if (list) list.push(rec);
    else groups.set(k, [rec]);
  }
  return [...groups.values()].filter((g) => g.length > 1);
}

/**
 * One person is one file (一人一档), kept by one village. Among the records that hold a place in the
 * pool (status 在库 or 列为考察对象, whether or not the county review is passed):
 * - the same ID number (公民身份号码) twice is an error, reported on every copy and naming where the
 *   others are — `person-in-two-villages` when another copy is in another village,
 *   `person-entered-twice` when all copies are in the same book;
 * - two records with the same name and birth month (from the ID number) in one town, but different
 *   ID numbers, are a warning (`possible-duplicate`): often one person entered twice with a mistyped
 *   number. The birth month is never shown in the message.
 * Records of people who left the pool are history (a person adjusted out in one village may be
 * selected again in another). The whole library is compared; findings are given for the villages in
 * scope.
 */
export const duplicatesRule: Rule = {
  name: "duplicates",
  codes: ["person-in-two-villages", "person-entered-twice", "possible-duplicate"],
  check(ctx: RuleContext): Diagnostic[] {
    const out: Diagnostic[] = [];
    const held = allRecords(ctx, { scoped: false }).filter((rec) => statusCountsInPool(rec.reserve.status));
    const describe = (rec: PersonRecord) => `${placeName(ctx, rec.book.village)}（${rec.reserve.id}）`;
    const scoped = (rec: PersonRecord) => ctx.inScope({ code: rec.book.village });

    for (const group of groupBy(held, (rec) => rec.reserve.id_number.toUpperCase())) {
      for (const rec of group.filter(scoped)) {
        const others = group.filter((o) => o !== rec);
        const elsewhere = others.some((o) => o.book.village !== rec.book.village);
        out.push(
          diagnostic(
            elsewhere ? "person-in-two-villages" : "person-entered-twice",
            {
              name: rec.reserve.name,
              place: placeName(ctx, rec.book.village),
              others: listArg(others.map((o) => (elsewhere ? describe(o) : o.reserve.id))),
            },
            at(rec, ["id_number"]),
          ),
        );
      }
    }

    const lookalikeKey = (rec: PersonRecord) => {
      const birth = birthOf(rec.reserve);
      if (birth === undefined || rec.village === undefined) return undefined;
      return `${rec.village.town}\u0000${rec.reserve.name}\u0000${birth.slice(0, 7)}`;
    };
    for (const group of groupBy(held, lookalikeKey)) {
      for (const rec of group.filter(scoped)) {
        const id = rec.reserve.id_number.toUpperCase();
        const others = group.filter((o) => o.reserve.id_number.toUpperCase() !== id);
        if (others.length === 0) continue;
        out.push(
          diagnostic(
            "possible-duplicate",
            { name: rec.reserve.name, place: placeName(ctx, rec.book.village), others: listArg(others.map(describe)) },
            at(rec, ["name"]),
          ),
        );
      }
    }
    return out;
  },
};
