import { inPool, pendingReview } from "../domain/pool.js";
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import { listArg } from "./records.js";
import type { Rule, RuleContext } from "./rule.js";

/**
 * 每个行政村至少储备 2–3 名村级后备干部 (DESIGN §1 "Select"; policy.quota). Counts the in-pool
 * reserves of every active village (村, status 正常): fewer than `min` is an error, fewer than
 * `target` a warning, more than the optional `max` a warning. Only people past 县级审核 on the audit
 * date and still 在库 or 列为考察对象 count (domain/pool.ts); people awaiting the county review are
 * not counted but are listed by name in the finding, so the township sees who will fill the gap.
 * A village whose file could not be read completely is skipped: its reading errors are reported
 * instead of a shortage that may not exist. Merged, abolished and unknown villages are the
 * `merged-villages` rule's and the loader's business.
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
      const waiting = reserves.filter((r) => pendingReview(r, ctx.date));
      const pending = waiting.length;
      const pendingNames = listArg(waiting.map((r) => r.name));
      const town = ctx.register.towns.get(village.town);
      const where = {
        location: book
          ? { file: book.file, path: ["reserves"] }
          : { file: ctx.library.districtFile, path: ctx.register.paths.get(village.code) ?? [] },
        village: village.code,
        town: village.town,
      };
      const name = `${town?.name ?? ""}${village.name}`;
      if (count < min) out.push(diagnostic("quota-below-min", { name, count, min, pending, pendingNames }, where));
      else if (count < target)
        out.push(diagnostic("quota-below-target", { name, count, target, pending, pendingNames }, where));
      else if (max !== undefined && count > max) out.push(diagnostic("quota-above-max", { name, count, max }, where));
    }
    return out;
  },
};
