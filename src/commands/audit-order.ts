import { compareDiagnostics, type Diagnostic } from "../diagnostics/diagnostic.js";
import { RULES } from "../rules/index.js";
import type { Rule } from "../rules/rule.js";

export function selectRules(names: readonly string[] | undefined): readonly Rule[] {
  if (!names || names.length === 0) return RULES;
  return RULES.filter((r) => names.includes(r.name));
}

/** Orders findings for reading: library-wide first, then town by town, village by village. */
export function compareForReport(a: Diagnostic, b: Diagnostic): number {
  const ta = a.town ?? "";
  const tb = b.town ?? "";
  if (ta !== tb) return ta < tb ? -1 : 1;
  const va = a.village ?? "";
  const vb = b.village ?? "";
  if (va !== vb) return va < vb ? -1 : 1;
  return compareDiagnostics(a, b);
}
