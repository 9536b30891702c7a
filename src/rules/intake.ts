import { statusCountsInPool } from "../domain/terms.js";
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import { allRecords, at, listArg } from "./records.js";
import type { Rule, RuleContext } from "./rule.js";

/**
 * Intake agrees with source (DESIGN §1 "Select"; policy.external_sources): external recruitment
 * (外引, "引凤还巢") brings back the sources the policy lists (by default 外出能人 and 复转军人); every
 * other source is internal selection (内选). The two are counted separately in the district's figures
 * (e.g. 440 内选 + 96 外引), so a record that says one and means the other is an error. Checked for
 * everyone holding a place in the pool or on the way into it (status 在库 or 列为考察对象).
 */
export const intakeRule: Rule = {
  name: "intake",
  codes: ["intake-source-mismatch"],
  check(ctx: RuleContext): Diagnostic[] {
    const external = new Set(ctx.policy.external_sources);
    const out: Diagnostic[] = [];
    for (const rec of allRecords(ctx)) {
      const r = rec.reserve;
      if (!statusCountsInPool(r.status)) continue;
      const expected = external.has(r.source) ? "外引" : "内选";
      if (r.intake === expected) continue;
      out.push(
        diagnostic(
          "intake-source-mismatch",
          {
            name: r.name,
            intake: r.intake,
            source: r.source,
            expected,
            external: listArg(ctx.policy.external_sources),
          },
          at(rec, ["intake"]),
        ),
      );
    }
    return out;
  },
};
