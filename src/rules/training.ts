import type { IsoDate } from "../domain/dates.js";
import type { TrainingSession } from "../domain/model.js";
import { inPool } from "../domain/pool.js";
import { isDatedSessionId } from "../domain/training-session.js";
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import { allRecords, at, yearBounds } from "./records.js";
import type { Rule, RuleContext } from "./rule.js";

/**
 * The sessions a reserve had to attend: the policy minimum (policy.training.min_sessions) for anyone
 * in the pool all year; for someone who entered the pool (县级审核) during the year, the minimum in
 * proportion to the sessions held from that day on, rounded up. With no sessions recorded for the
 * year the full minimum applies: nothing shows that anyone attended.
 */
export function requiredSessions(min: number, sessions: readonly TrainingSession[], entered: IsoDate): number {
  if (sessions.length === 0) return min;
  const available = sessions.filter((s) => s.date >= entered).length;
  return Math.ceil((min * available) / sessions.length);
}

/**
 * 培训 (DESIGN §1 "Cultivate"; policy.training). Sessions are defined in trainings/ (one file per
 * session, or a year's file of an older library) and attendance is kept in each person's file as
 * session ids.
 * - Every session id a record refers to is defined in some training year → else
 *   `training-session-undefined` (any record, whatever its status: a reference is wrong either way).
 * - Attendance in the audit year is at or above the required number (see `requiredSessions`) →
 *   else `training-below-min`, for people in the pool on the audit date. The minimum is for the whole
 *   year, so it is judged once the year is over (audit date on or after 31 December of the audit
 *   year); during the year the count is still open and nothing is reported.
 */
export const trainingRule: Rule = {
  name: "training",
  codes: ["training-below-min", "training-session-undefined"],
  check(ctx: RuleContext): Diagnostic[] {
    const defined = new Set<string>();
    const years = new Set<number>();
    for (const t of ctx.library.trainings) {
      years.add(t.year);
      for (const s of t.sessions) defined.add(s.id);
    }
    const sessions = ctx.library.trainings.filter((t) => t.year === ctx.year).flatMap((t) => t.sessions);
    const ofYear = new Set(sessions.map((s) => s.id));
    const judged = ctx.date >= yearBounds(ctx.year).end;
    const min = ctx.policy.training.min_sessions;
    const out: Diagnostic[] = [];
    for (const rec of allRecords(ctx)) {
      const r = rec.reserve;
      const attended = r.trainings ?? [];
      attended.forEach((id, j) => {
        if (defined.has(id)) return;
        const year = /^\d{4}/.exec(id)?.[0] ?? "";
        const dated = isDatedSessionId(id) ? 1 : 0;
        out.push(
          diagnostic(
            "training-session-undefined",
            { name: r.name, id, year, dated, yearFile: !dated && year !== "" && years.has(Number(year)) ? 1 : 0 },
            at(rec, ["trainings", j]),
          ),
        );
      });
      if (!judged || !inPool(r, ctx.date)) continue;
      const required = requiredSessions(min, sessions, r.selection.county!);
      const count = new Set(attended.filter((id) => ofYear.has(id))).size;
      if (count >= required) continue;
      out.push(
        diagnostic(
          "training-below-min",
          {
            name: r.name,
            year: ctx.year,
            count,
            required,
            min,
            held: sessions.length,
            entered: required < min ? r.selection.county! : "",
          },
          at(rec, ["trainings"]),
        ),
      );
    }
    return out;
  },
};
