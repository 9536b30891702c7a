import { nameProblem } from "../domain/person-name.js";
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import { showValue } from "../diagnostics/display.js";
import { allRecords, at } from "./records.js";
import type { Rule, RuleContext } from "./rule.js";

/**
 * 姓名 and 帮带人 are names (domain/person-name.ts): the importer refuses anything else at its cell,
 * and this rule finds what a hand edit of a library file let in — a formula, markup, a stray quote,
 * a digit. The reports stay safe either way (they neutralise such text), but a ledger that names a
 * person "=1+1" is wrong.
 */
export const namesRule: Rule = {
  name: "names",
  codes: ["name-invalid"],
  check(ctx: RuleContext): Diagnostic[] {
    const out: Diagnostic[] = [];
    for (const rec of allRecords(ctx)) {
      const r = rec.reserve;
      const check = (name: string, path: (string | number)[], field: string) => {
        const problem = nameProblem(name);
        if (!problem) return;
        const { reason, ...rest } = problem;
        out.push(diagnostic("name-invalid", { field, value: showValue(name), reason, ...rest }, at(rec, path)));
      };
      check(r.name, ["name"], "name");
      (r.mentors ?? []).forEach((m, j) => check(m.name, ["mentors", j, "name"], "mentor"));
    }
    return out;
  },
};
