import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import { allRecords, at } from "./records.js";
import type { Rule, RuleContext } from "./rule.js";

/**
 * 动态调整 (DESIGN §1 "Evaluate", §2 "status … with a reason and date for every change"). For every
 * record, whatever its status:
 * - each entry of `status_changes` has a date (`status-change-no-date`) and a reason
 *   (`status-change-no-reason`);
 * - a status other than 在库 — the status a person enters the pool with — has its change recorded:
 *   a record with such a status and no `status_changes` at all is `status-change-missing`. (A status
 *   that disagrees with the last recorded change is the loader's `status-mismatch`.)
 */
export const statusChangesRule: Rule = {
  name: "status-changes",
  codes: ["status-change-missing", "status-change-no-date", "status-change-no-reason"],
  check(ctx: RuleContext): Diagnostic[] {
    const out: Diagnostic[] = [];
    for (const rec of allRecords(ctx)) {
      const r = rec.reserve;
      const changes = r.status_changes ?? [];
      if (changes.length === 0 && r.status !== "在库") {
        out.push(diagnostic("status-change-missing", { name: r.name, status: r.status }, at(rec, ["status"])));
      }
      changes.forEach((c, j) => {
        const args = { name: r.name, status: c.status, n: j + 1 };
        if (c.date === undefined) out.push(diagnostic("status-change-no-date", args, at(rec, ["status_changes", j])));
        if (c.reason === undefined || c.reason.trim() === "") {
          out.push(diagnostic("status-change-no-reason", args, at(rec, ["status_changes", j])));
        }
      });
    }
    return out;
  },
};
