import type { IsoDate } from "../domain/dates.js";
import type { Mentorship } from "../domain/model.js";
import { inPool } from "../domain/pool.js";
import { OTHER_MENTOR_ROLE } from "../domain/terms.js";
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import { allRecords, at, listArg, type PersonRecord } from "./records.js";
import type { Rule, RuleContext } from "./rule.js";

const current = (m: Mentorship, date: IsoDate) => m.from <= date && (m.to === undefined || m.to >= date);

/**
 * 帮带 (DESIGN §1 "Cultivate"; policy.mentoring). For every reserve in the pool on the audit date:
 * - at least one mentorship current on that day (from ≤ date ≤ to) → else `mentor-missing`;
 * - every current mentor's category is one the policy allows (`roles`) → else `mentor-role-not-allowed`;
 *   a mentor whose posts no table knows (category 其他) gets the warning `mentor-post-unknown` instead,
 *   since the post may be fine and only missing from the tables (policy.vocabulary.mentor_post).
 * A mentor is linked to at most `max_reserves_per_mentor` reserves at a time (一带一 means one):
 * mentors are told apart by name within a town (they are township cadres or village committee
 * members, who work in one town). When a mentor has more current links than allowed, the links
 * beyond the limit — the most recent, by start date, then internal id — get a `mentor-overloaded`
 * warning, so the fix is to find those reserves another mentor. Loads are counted over the whole
 * library; findings are given for the villages in scope.
 */
export const mentoringRule: Rule = {
  name: "mentoring",
  codes: ["mentor-missing", "mentor-overloaded", "mentor-role-not-allowed", "mentor-post-unknown"],
  check(ctx: RuleContext): Diagnostic[] {
    const { roles, max_reserves_per_mentor: max } = ctx.policy.mentoring;
    const out: Diagnostic[] = [];
    const links = new Map<string, { rec: PersonRecord; j: number; from: IsoDate }[]>();
    for (const rec of allRecords(ctx, { scoped: false })) {
      const r = rec.reserve;
      if (!inPool(r, ctx.date)) continue;
      const inScope = ctx.inScope({ code: rec.book.village });
      const mentors = r.mentors ?? [];
      let any = false;
      mentors.forEach((m, j) => {
        if (!current(m, ctx.date)) return;
        any = true;
        const key = `${rec.village?.town ?? rec.book.village}\u0000${m.name}`;
        const list = links.get(key) ?? [];
        // A reserve's links are added together: one entry per reserve, even if it names the mentor twice.
        if (list[list.length - 1]?.rec !== rec) list.push({ rec, j, from: m.from });
        links.set(key, list);
        if (inScope && m.role === OTHER_MENTOR_ROLE && !roles.includes(m.role)) {
          out.push(
            diagnostic(
              "mentor-post-unknown",
              { name: r.name, mentor: m.name, post: listArg(m.posts ?? [m.role]) },
              at(rec, ["mentors", j, m.posts ? "posts" : "role"]),
            ),
          );
        } else if (inScope && !roles.includes(m.role)) {
          out.push(
            diagnostic(
              "mentor-role-not-allowed",
              { name: r.name, mentor: m.name, role: m.role, allowed: listArg(roles) },
              at(rec, ["mentors", j, "role"]),
            ),
          );
        }
      });
      if (!any && inScope) {
        const ended = mentors.reduce<IsoDate>((last, m) => (m.to !== undefined && m.to > last ? m.to : last), "");
        out.push(
          diagnostic(
            "mentor-missing",
            { name: r.name, date: ctx.date, ended, allowed: listArg(roles) },
            at(rec, ["mentors"]),
          ),
        );
      }
    }
    for (const [key, list] of links) {
      if (list.length <= max) continue;
      const mentor = key.split("\u0000")[1]!;
      const ordered = [...list].sort(
        (a, b) =>
          (a.from < b.from ? -1 : a.from > b.from ? 1 : 0) ||
          (a.rec.reserve.id < b.rec.reserve.id ? -1 : a.rec.reserve.id > b.rec.reserve.id ? 1 : 0),
      );
      const names = listArg(ordered.map((l) => l.rec.reserve.name));
      for (const link of ordered.slice(max)) {
        if (!ctx.inScope({ code: link.rec.book.village })) continue;
        out.push(
          diagnostic(
            "mentor-overloaded",
            { name: link.rec.reserve.name, mentor, count: list.length, max, names },
            at(link.rec, ["mentors", link.j]),
          ),
        );
      }
    }
    return out;
  },
};
