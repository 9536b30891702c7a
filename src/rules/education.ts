import { statusCountsInPool } from "../domain/terms.js";
import { vocabulariesOf } from "../domain/vocabulary-set.js";
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import { allRecords, at } from "./records.js";
import type { Rule, RuleContext } from "./rule.js";

/**
 * Education at or above the policy floor (policy.education_floor, by default 高中): below it is a
 * warning, not an error — the district may keep a capable reserve with less schooling, but should see
 * it. Checked for everyone holding a place in the pool or on the way into it (status 在库 or
 * 列为考察对象).
 */
export const educationRule: Rule = {
  name: "education",
  codes: ["education-below-floor"],
  check(ctx: RuleContext): Diagnostic[] {
    const floor = ctx.policy.education_floor;
    const v = vocabulariesOf(ctx.policy);
    const least = v.educationRank(floor);
    const out: Diagnostic[] = [];
    for (const rec of allRecords(ctx)) {
      const r = rec.reserve;
      if (!statusCountsInPool(r.status) || v.educationRank(r.education) >= least) continue;
      out.push(
        diagnostic("education-below-floor", { name: r.name, education: r.education, floor }, at(rec, ["education"])),
      );
    }
    return out;
  },
};
