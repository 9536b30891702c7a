import { inPool } from "../domain/pool.js";
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import { allRecords, at, yearBounds } from "./records.js";
import type { Rule, RuleContext } from "./rule.js";

/**
 * 定岗锻炼 (DESIGN §1 "Cultivate"): every reserve in the pool on the audit date holds a practice post
 * (党小组长, 两委委员, 村民小组长, 书记助理, 主任助理), or held one at some time during the audit year
 * up to the audit date — from 1 January (or the audit date, when it falls before the audit year) to the
 * audit date (or 31 December, when it falls after). A post counts when its period (from, to; an open
 * end means still held) overlaps that span. Otherwise `practice-post-missing`.
 */
export const practicePostsRule: Rule = {
  name: "practice-posts",
  codes: ["practice-post-missing"],
  check(ctx: RuleContext): Diagnostic[] {
    const bounds = yearBounds(ctx.year);
    const from = ctx.date < bounds.start ? ctx.date : bounds.start;
    const to = ctx.date > bounds.end ? bounds.end : ctx.date;
    const out: Diagnostic[] = [];
    for (const rec of allRecords(ctx)) {
      const r = rec.reserve;
      if (!inPool(r, ctx.date)) continue;
      const held = (r.posts ?? []).some((p) => p.from <= to && (p.to === undefined || p.to >= from));
      if (held) continue;
      out.push(diagnostic("practice-post-missing", { name: r.name, from, to }, at(rec, ["posts"])));
    }
    return out;
  },
};
