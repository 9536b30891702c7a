import { successorOf } from "../domain/library.js";
import { statusCountsInPool } from "../domain/terms.js";
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import { atBook, placeName } from "./records.js";
import type { Rule, RuleContext } from "./rule.js";

/**
 * Villages get merged and abolished (DESIGN §2 "District register"): a village whose status in
 * district.yaml is 已合并 or 已撤销 keeps no reserves. A book of such a village that still holds
 * people in the pool or awaiting the county review (status 在库 or 列为考察对象) is an error, and the
 * finding says where the village went (following `replaced_by` through successive merges), so the
 * township knows which book to move the people to. Records of people who already left the pool
 * (已使用, 调整出库) are history and may stay. A book for a village missing from the register is
 * reported by the loader (`village-unknown`), not here.
 */
export const mergedVillagesRule: Rule = {
  name: "merged-villages",
  codes: ["village-merged-holds-reserves", "village-abolished-holds-reserves"],
  check(ctx: RuleContext): Diagnostic[] {
    const out: Diagnostic[] = [];
    for (const book of ctx.library.books) {
      const village = ctx.register.villages.get(book.village);
      if (!village || village.status === "正常" || !ctx.inScope(village)) continue;
      const count = book.reserves.filter((r) => statusCountsInPool(r.status)).length;
      if (count === 0) continue;
      const successor = successorOf(ctx.register, village.code) ?? "";
      const args = {
        name: placeName(ctx, village.code),
        count,
        changed: village.changed ?? "",
        successor,
        successorName: successor && ctx.register.villages.has(successor) ? placeName(ctx, successor) : "",
      };
      const code = village.status === "已合并" ? "village-merged-holds-reserves" : "village-abolished-holds-reserves";
      out.push(diagnostic(code, args, atBook(ctx, book, ["village"])));
    }
    return out;
  },
};
