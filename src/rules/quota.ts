import { inPool, pendingReview } from "../domain/pool.js";
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { Rule, RuleContext } from "./rule.js";

/**
 * 每个行政村至少储备 2–3 名村级后备干部 (DESIGN §1 "Select"; policy.quota). Counts the in-pool
 * reserves of every active village (村, status 正常): fewer than `min` is an error, fewer than
 * `target` a warning, more than the optional `max` a warning. People awaiting the county review are
 * not counted but are mentioned. A village whose file could not be read completely is skipped: its
 * reading errors are reported instead of a shortage that may not exist.
 */
export const quotaRule: Rule = {
  name: "quota",
  codes: ["quota-below-min", "quota-below-target", "quota-above-max"],
  check(ctx: RuleContext): Diagnostic[] {
    const { min, target, max } = ctx.policy.quota;
    const out: Diagnostic[] = [];
    for (const village of ctx.library.district.villages) {
      if (village.kind !== "村" || village.status !== "正常" || !ctx.inScope(village)) continue;
      const book = ctx.books.get(village.code);
      if (book && !book.complete) continue;
      const reserves = book?.reserves ?? [];
      const count = reserves.filter((r) => inPool(r, ctx.date)).length;
      const pending = reserves.filter((r) => pendingReview(r, ctx.date)).length;
      const town = ctx.register.towns.get(village.town);
      const where = {
        location: book
          ? { file: book.file, path: ["reserves"] }
          : { file: ctx.library.districtFile, path: ctx.register.paths.get(village.code) ?? [] },
        village: village.code,
        town: village.town,
      };
      const name = `${town?.name ?? ""}${village.name}`;
      if (count < min) out.push(diagnostic("quota-below-min", { name, count, min, pending }, where));
      else if (count < target) out.push(diagnostic("quota-below-target", { name, count, target, pending }, where));
      else if (max !== undefined && count > max) out.push(diagnostic("quota-above-max", { name, count, max }, where));
    }
    return out;
  },
};
