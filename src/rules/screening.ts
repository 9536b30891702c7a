import { dayNumber, fromDayNumber } from "../domain/dates.js";
import type { ScreeningAttestation } from "../domain/model.js";
import { inPool } from "../domain/pool.js";
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import { allRecords, at, listArg } from "./records.js";
import type { Rule, RuleContext } from "./rule.js";

/**
 * 资格联审: every reserve in the pool is cleared against the negative list by each checking
 * department, as dated attestations in the person's file (policy.screening; the list itself —
 * `negative_list`, version `list` — is data in the library, not code). On the audit date, for every
 * department in `policy.screening.departments`, the latest attestation on or before that day:
 * - none at all → `screening-missing` (one finding per person, listing the departments);
 * - 不通过 → `screening-failed`, naming the negative-list item (and saying when the item is not one
 *   of the current list's wording);
 * - dated more than `window_days` before the election date (policy.election.date) →
 *   `screening-stale` (one finding per person, at the oldest such attestation). This is judged only
 *   when the policy has an election date, and only once the window has opened (an attestation cannot
 *   be renewed before it). Attestations from departments the policy does not list are ignored.
 * Only people in the pool on the audit date are checked: the screening belongs to the county review.
 */
export const screeningRule: Rule = {
  name: "screening",
  codes: ["screening-missing", "screening-failed", "screening-stale"],
  check(ctx: RuleContext): Diagnostic[] {
    const { departments, window_days, negative_list, list } = ctx.policy.screening;
    const election = ctx.policy.election.date;
    const windowStart = election === undefined ? undefined : fromDayNumber(dayNumber(election) - window_days);
    const judgeAge = windowStart !== undefined && ctx.date >= windowStart;
    const out: Diagnostic[] = [];
    for (const rec of allRecords(ctx)) {
      const r = rec.reserve;
      if (!inPool(r, ctx.date)) continue;
      const latest = new Map<string, { a: ScreeningAttestation; j: number }>();
      (r.screening ?? []).forEach((a, j) => {
        if (a.date > ctx.date) return;
        const prev = latest.get(a.department);
        if (!prev || a.date >= prev.a.date) latest.set(a.department, { a, j });
      });
      const missing = departments.filter((d) => !latest.has(d));
      if (missing.length > 0) {
        out.push(
          diagnostic(
            "screening-missing",
            { name: r.name, missing: listArg(missing), count: missing.length, total: departments.length },
            at(rec, ["screening"]),
          ),
        );
      }
      const stale: { department: string; date: string; j: number }[] = [];
      for (const department of departments) {
        const found = latest.get(department);
        if (!found) continue;
        const { a, j } = found;
        if (a.result === "不通过") {
          const item = a.item ?? "";
          out.push(
            diagnostic(
              "screening-failed",
              { name: r.name, department, date: a.date, item, listed: negative_list.includes(item) ? 1 : 0, list },
              at(rec, ["screening", j]),
            ),
          );
        } else if (judgeAge && a.date < windowStart) stale.push({ department, date: a.date, j });
      }
      if (stale.length > 0) {
        const oldest = stale.reduce((o, s) => (s.date < o.date || (s.date === o.date && s.j < o.j) ? s : o));
        out.push(
          diagnostic(
            "screening-stale",
            {
              name: r.name,
              departments: listArg(stale.map((s) => s.department)),
              count: stale.length,
              oldest: oldest.date,
              since: windowStart!,
              election: election!,
              days: window_days,
            },
            at(rec, ["screening", oldest.j]),
          ),
        );
      }
    }
    return out;
  },
};
