import { indexRegister } from "../domain/library.js";
import type { IsoDate } from "../domain/dates.js";
import { compareDiagnostics, type Diagnostic } from "../diagnostics/diagnostic.js";
import { locateCached } from "../io/load-cached.js";
import { openLibrary, type Notice } from "../io/library-session.js";
import { RULES } from "../rules/index.js";
import type { Rule, RuleContext } from "../rules/rule.js";
import { auditPeriod } from "./period.js";
import { villageScope } from "./scope.js";

export interface AuditOptions {
  readonly root: string;
  readonly cwd: string;
  readonly today: IsoDate;
  readonly date?: IsoDate;
  readonly year?: number;
  readonly villages?: readonly string[];
  readonly towns?: readonly string[];
  readonly rules?: readonly string[];
  readonly strict?: boolean;
  readonly waitMs?: number;
  readonly onNotice?: (n: Notice) => void;
}

export interface AuditResult {
  readonly date: IsoDate;
  readonly year: number;
  /** Sorted: library-wide findings first, then by town, village, file, line. */
  readonly findings: readonly Diagnostic[];
  readonly errors: number;
  readonly warnings: number;
  readonly villagesBelowMin: number;
  /** Names of towns and villages for headings (empty when the register could not be read). */
  readonly names: { town(code: string): string | undefined; village(code: string): string | undefined };
}

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

/**
 * Checks the library: every file re-validated, then every rule. Pure apart from reading the
 * library; printing and exit codes are the CLI's.
 */
export function audit(options: AuditOptions): AuditResult {
  const loaded = openLibrary(options.root, {
    today: options.today,
    cwd: options.cwd,
    command: "audit",
    ...(options.waitMs !== undefined && { waitMs: options.waitMs }),
    ...(options.onNotice && { onNotice: options.onNotice }),
  });
  const library = loaded.library;
  let findings: Diagnostic[] = [...loaded.diagnostics];
  let date = options.date ?? options.today;
  let year = options.year ?? Number(date.slice(0, 4));
  const register = library ? indexRegister(library.district) : undefined;
  if (library && register) {
    ({ date, year } = auditPeriod(library.district.year, options));
    const scope = villageScope(library.district, options.villages ?? [], options.towns ?? []);
    if (scope.codes) findings = findings.filter((d) => d.village === undefined || scope.codes!.has(d.village));
    const ctx: RuleContext = {
      library,
      register,
      policy: library.district.policy,
      date,
      year,
      books: new Map(library.books.map((b) => [b.village, b])),
      inScope: (v) => scope.codes === undefined || scope.codes.has(v.code),
    };
    const ruleFindings = selectRules(options.rules).flatMap((rule) => rule.check(ctx));
    findings.push(...locateCached(ruleFindings, options.cwd));
  }
  if (options.strict)
    findings = findings.map((d) => (d.severity === "warning" ? { ...d, severity: "error" as const } : d));
  findings.sort(compareForReport);
  return {
    date,
    year,
    findings,
    errors: findings.filter((d) => d.severity === "error").length,
    warnings: findings.filter((d) => d.severity === "warning").length,
    villagesBelowMin: new Set(findings.filter((d) => d.code === "quota-below-min").map((d) => d.village)).size,
    names: {
      town: (code) => register?.towns.get(code)?.name,
      village: (code) => register?.villages.get(code)?.name,
    },
  };
}
