import type { IsoDate } from "../domain/dates.js";
import type { Reserve } from "../domain/model.js";
import { statusCountsInPool } from "../domain/terms.js";
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import { allRecords, at, type Path } from "./records.js";
import type { Rule, RuleContext } from "./rule.js";

/** The selection steps and the entry into the pool, in the order they must happen. */
const STEPS = ["survey", "township", "county", "entry_date"] as const;
type Step = (typeof STEPS)[number];

const dateOf = (r: Reserve, step: Step): IsoDate | undefined =>
  step === "entry_date" ? r.entry_date : r.selection[step];

const pathOf = (step: Step): Path => (step === "entry_date" ? ["entry_date"] : ["selection", step]);

/**
 * Steps a record must have dated, given the steps it has. Internal selection (内选) goes through all
 * three steps, 村级摸底 → 乡镇推荐 → 县级审核 (DESIGN §1 "Select"), so every step before a dated one
 * must be dated too. External recruitment (外引) need not pass the village survey and township
 * recommendation, but like everyone it enters the pool only through the county review. Whoever
 * passed the county review has an entry date.
 */
function required(r: Reserve): Step[] {
  const dated = STEPS.map((s) => dateOf(r, s) !== undefined);
  const last = dated.lastIndexOf(true);
  const needed: Step[] = [];
  STEPS.forEach((step, i) => {
    if (dated[i]) return;
    const internalStep = r.intake === "内选" && i < last;
    const countyStep = step === "county" && last > i;
    const entryStep = step === "entry_date" && dated[STEPS.indexOf("county")] === true;
    if (internalStep || countyStep || entryStep) needed.push(step);
  });
  return needed;
}

/**
 * Selection steps in order with dates: 村级摸底 ≤ 乡镇推荐 ≤ 县级审核 ≤ 入库时间 (DESIGN §1 "Select";
 * issue 4). Checked for everyone holding a place in the pool or on the way into it (status 在库 or
 * 列为考察对象); records of people who left are history. A missing step (see `required`) is reported
 * where it should be written; a step dated before the one it follows is reported on the later step.
 * Steps not yet dated are skipped when comparing (a gap is reported as missing, not out of order).
 */
export const selectionStepsRule: Rule = {
  name: "selection-steps",
  codes: ["selection-step-missing", "selection-out-of-order"],
  check(ctx: RuleContext): Diagnostic[] {
    const out: Diagnostic[] = [];
    for (const rec of allRecords(ctx)) {
      const r = rec.reserve;
      if (!statusCountsInPool(r.status)) continue;
      for (const step of required(r)) {
        out.push(diagnostic("selection-step-missing", { name: r.name, step, intake: r.intake }, at(rec, pathOf(step))));
      }
      let previous: { step: Step; date: IsoDate } | undefined;
      for (const step of STEPS) {
        const date = dateOf(r, step);
        if (date === undefined) continue;
        if (previous && date < previous.date) {
          out.push(
            diagnostic(
              "selection-out-of-order",
              { name: r.name, step, date, previous: previous.step, previousDate: previous.date },
              at(rec, pathOf(step)),
            ),
          );
        }
        if (!previous || date >= previous.date) previous = { step, date };
      }
    }
    return out;
  },
};
