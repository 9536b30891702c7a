import type { IsoDate } from "../domain/dates.js";
import type { OfficialCounty } from "../domain/divisions.js";
import type { Library, LoadedBook, RegisterIndex } from "../domain/library.js";
import type { Policy, Village } from "../domain/model.js";
import type { DiagnosticCode } from "../diagnostics/codes.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";

export interface RuleContext {
  readonly library: Library;
  readonly register: RegisterIndex;
  readonly policy: Policy;
  /** The audit date: ages, due dates and "current" are judged on this day. */
  readonly date: IsoDate;
  /** The year under audit (trainings, evaluations). */
  readonly year: number;
  /** The village books by village code. */
  readonly books: ReadonlyMap<string, LoadedBook>;
  /**
   * True for villages the user asked about (all when no --village/--town was given). Takes a code
   * so that books of villages missing from the register can be asked about too.
   */
  readonly inScope: (village: Pick<Village, "code">) => boolean;
  /**
   * The county in the official division table (统计用区划代码), read on first call; undefined when
   * the table has no such county. Absent where no table is at hand.
   */
  readonly official?: () => OfficialCounty | undefined;
}

/**
 * A business rule: a pure function from the loaded library to findings. Adding a rule is adding a
 * file and an entry in rules/index.ts; its description lives in messages/rule-descriptions.ts.
 */
export interface Rule {
  readonly name: string;
  readonly codes: readonly DiagnosticCode[];
  readonly check: (ctx: RuleContext) => Diagnostic[];
}
