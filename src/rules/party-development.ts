import { addMonths } from "../domain/dates.js";
import type { PartyStep } from "../domain/model.js";
import { inPool } from "../domain/pool.js";
import type { PoliticalStatus } from "../domain/terms.js";
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import { allRecords, at } from "./records.js";
import type { Rule, RuleContext } from "./rule.js";

/**
 * Who the party-development guidance is for: reserves outside the party who may apply to join it.
 * Members of the democratic parties and 无党派人士 are not guided into the CPC.
 */
const GUIDED: readonly PoliticalStatus[] = ["共青团员", "群众"];

/**
 * 入党培养 (DESIGN §1 "Manage"; policy.party_stage_months). For reserves in the pool on the audit date:
 * - a 共青团员 or 群众 has at least one party-development step (入党申请人 → 入党积极分子 → 发展对象 →
 *   预备党员 → 党员) → else `party-stage-missing` (a warning: applying is the person's choice, the
 *   guidance is the branch's duty);
 * - anyone not yet a full member (中共党员) whose latest step on or before the audit date has lasted
 *   longer than the months the policy allows for that stage → `party-stage-overdue` (a warning), e.g.
 *   an activist for more than 24 months without becoming a development candidate, or a probationary
 *   member not confirmed after 15. Stages without a limit in the policy are never overdue.
 */
export const partyDevelopmentRule: Rule = {
  name: "party-development",
  codes: ["party-stage-missing", "party-stage-overdue"],
  check(ctx: RuleContext): Diagnostic[] {
    const months = ctx.policy.party_stage_months;
    const out: Diagnostic[] = [];
    for (const rec of allRecords(ctx)) {
      const r = rec.reserve;
      if (!inPool(r, ctx.date) || r.political_status === "中共党员") continue;
      const steps = r.party ?? [];
      if (steps.length === 0) {
        if (GUIDED.includes(r.political_status)) {
          out.push(diagnostic("party-stage-missing", { name: r.name, status: r.political_status }, at(rec, ["party"])));
        }
        continue;
      }
      let latest: { step: PartyStep; j: number } | undefined;
      steps.forEach((step, j) => {
        if (step.date <= ctx.date && (!latest || step.date >= latest.step.date)) latest = { step, j };
      });
      if (!latest || latest.step.stage === "党员") continue;
      const limit = months[latest.step.stage];
      if (limit === undefined) continue;
      const due = addMonths(latest.step.date, limit);
      if (due >= ctx.date) continue;
      out.push(
        diagnostic(
          "party-stage-overdue",
          { name: r.name, stage: latest.step.stage, since: latest.step.date, months: limit, due },
          at(rec, ["party", latest.j]),
        ),
      );
    }
    return out;
  },
};
