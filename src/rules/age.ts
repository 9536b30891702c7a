import { ageOn } from "../domain/dates.js";
import { statusCountsInPool } from "../domain/terms.js";
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import { allRecords, at, birthOf } from "./records.js";
import type { Rule, RuleContext } from "./rule.js";

/**
 * Age at the audit date within the policy limits (policy.age): at least `min`, at most `max`, or the
 * limit `max_by_education` sets for the person's education (by default 40 for 大学本科 and 研究生,
 * 45 for the rest). Age is counted in whole years from the birth date inside the ID number, on the
 * audit date, so a reserve who grows past the limit is reported from the day after the birthday that
 * takes them over it. Checked for everyone holding a place in the pool or on the way into it (status
 * 在库 or 列为考察对象); records whose ID number is invalid are left to the loader's finding. The
 * finding points at the ID number, where the birth date is written.
 */
export const ageRule: Rule = {
  name: "age",
  codes: ["age-below-min", "age-above-max"],
  check(ctx: RuleContext): Diagnostic[] {
    const { min, max, max_by_education } = ctx.policy.age;
    const out: Diagnostic[] = [];
    for (const rec of allRecords(ctx)) {
      const r = rec.reserve;
      if (!statusCountsInPool(r.status)) continue;
      const birth = birthOf(r);
      if (birth === undefined) continue;
      const age = ageOn(birth, ctx.date);
      const byEducation = max_by_education?.[r.education];
      const limit = byEducation ?? max;
      const base = { name: r.name, age, date: ctx.date };
      if (age < min) out.push(diagnostic("age-below-min", { ...base, min }, at(rec, ["id_number"])));
      else if (age > limit) {
        const args = { ...base, max: limit, education: byEducation === undefined ? "" : r.education };
        out.push(diagnostic("age-above-max", args, at(rec, ["id_number"])));
      }
    }
    return out;
  },
};
