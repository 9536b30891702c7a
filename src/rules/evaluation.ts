import type { Evaluation } from "../domain/model.js";
import { inPool } from "../domain/pool.js";
import { statusCountsInPool } from "../domain/terms.js";
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import { allRecords, at, listArg, yearBounds } from "./records.js";
import type { Rule, RuleContext } from "./rule.js";

/**
 * 年度测评 (DESIGN §1 "Evaluate"; policy.evaluation). An evaluation dated after the audit date has
 * not happened yet on that day and is not counted.
 * - Everyone in the pool on the audit date who was already in it before the audit year began (县级审核
 *   before 1 January) has that year's evaluation once it is due: from `policy.evaluation.due` (MM-DD
 *   of the audit year) on → else `evaluation-missing`. People who entered during the year are
 *   evaluated from the next year on.
 * - Anyone whose latest evaluation up to the audit year graded them for adjustment — decision
 *   `adjust_out`, or grade `incompetent` (不称职) — must have left the pool (调整出库, with the
 *   reason): a record still 在库 or 列为考察对象 is `evaluation-adjust-pending`, located at the
 *   decision (or the grade).
 */
export const evaluationRule: Rule = {
  name: "evaluation",
  codes: ["evaluation-missing", "evaluation-adjust-pending"],
  check(ctx: RuleContext): Diagnostic[] {
    const { start } = yearBounds(ctx.year);
    const year = String(ctx.year);
    const due = `${year.padStart(4, "0")}-${ctx.policy.evaluation.due}`;
    const held = (e: Evaluation | undefined) => e !== undefined && (e.date === undefined || e.date <= ctx.date);
    const out: Diagnostic[] = [];
    for (const rec of allRecords(ctx)) {
      const r = rec.reserve;
      if (!statusCountsInPool(r.status)) continue;
      const evaluations = r.evaluations ?? {};
      if (ctx.date >= due && inPool(r, ctx.date) && r.selection.county! < start && !held(evaluations[year])) {
        out.push(diagnostic("evaluation-missing", { name: r.name, year, due }, at(rec, ["evaluations"])));
      }
      const latestYear = Object.keys(evaluations)
        .filter((y) => Number(y) <= ctx.year && held(evaluations[y]))
        .sort()
        .pop();
      if (latestYear === undefined) continue;
      const e = evaluations[latestYear]!;
      const adjust = e.decision === "adjust_out";
      if (!adjust && e.grade !== "incompetent") continue;
      out.push(
        diagnostic(
          "evaluation-adjust-pending",
          {
            name: r.name,
            year: latestYear,
            grade: e.grade === undefined ? "" : ctx.policy.evaluation.grade_labels[e.grade],
            decision: e.decision ?? "",
            reasons: listArg(e.reasons ?? []),
            status: r.status,
          },
          at(rec, ["evaluations", latestYear, adjust ? "decision" : "grade"]),
        ),
      );
    }
    return out;
  },
};
