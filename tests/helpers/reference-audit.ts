import { officialCounty } from "../../src/io/division-table.js";
import { findingJson, formatGrouped } from "../../src/cli/format-findings.js";
import { PLAIN_STYLE } from "../../src/cli/style.js";
import { namesOf, type AuditResult } from "../../src/commands/audit.js";
import { compareForReport, selectRules } from "../../src/commands/audit-order.js";
import { auditPeriod } from "../../src/commands/period.js";
import { villageScope } from "../../src/commands/scope.js";
import type { IsoDate } from "../../src/domain/dates.js";
import { indexRegister } from "../../src/domain/library.js";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.js";
import { loadLibrary, locateAll } from "../../src/io/load-library.js";
import type { Lang } from "../../src/messages/lang.js";
import { ui } from "../../src/messages/ui.js";
import type { RuleContext } from "../../src/rules/rule.js";

/**
 * The audit by the slow path only, for checking the fast ones against: every file read and
 * validated by load-library.ts (the YAML library and the schemas, no cache), the whole library in
 * one piece (no units, nothing kept, no record keys, no workers), every rule run once, findings
 * placed by reading their files again — the steps of commands/audit.ts for a library audited
 * whole and nothing of what makes the audit fast, so a difference between the two is a defect of
 * the fast path.
 *
 * No test framework here: scripts/bench/ imports this too, to check a library at full scale.
 */

export interface ReferenceOptions {
  readonly root: string;
  /** Where file names in findings are relative to, as the CLI's working directory. */
  readonly cwd: string;
  /** The day ID numbers are checked against (RESERVE_NOW's day, for the CLI). */
  readonly today: IsoDate;
  readonly date?: IsoDate;
  readonly year?: number;
  /** What the user asked about, as `reserve audit --village --town --rule --strict` (all when not given). */
  readonly villages?: readonly string[];
  readonly towns?: readonly string[];
  readonly rules?: readonly string[];
  readonly strict?: boolean;
}

/** The counts `--format json` prints as `summary`. */
export interface ReferenceSummary {
  readonly errors: number;
  readonly warnings: number;
  readonly villagesBelowMin: number;
}

export interface ReferenceAudit {
  /** The day and year judged on (the JSON output's `date` and `year`). */
  readonly date: IsoDate;
  readonly year: number;
  /** Located and sorted as `reserve audit` prints them. */
  readonly findings: readonly Diagnostic[];
  readonly summary: ReferenceSummary;
  /** Names of towns and villages, for the headings of the text output. */
  readonly names: AuditResult["names"];
}

export function referenceAudit(options: ReferenceOptions): ReferenceAudit {
  const loaded = loadLibrary(options.root, { today: options.today, cwd: options.cwd });
  // The loader's findings come first, in its order, as in the audit: ties in the sort keep it.
  let findings: Diagnostic[] = [...loaded.diagnostics];
  let date = options.date ?? options.today;
  let year = options.year ?? Number(date.slice(0, 4));
  const library = loaded.library;
  const register = library && indexRegister(library.district);
  if (library && register) {
    ({ date, year } = auditPeriod(library.district.year, options));
    // The villages asked about: the loader's findings of the others left out, the rules told.
    const { codes } = villageScope(library.district, options.villages ?? [], options.towns ?? []);
    if (codes) findings = findings.filter((d) => d.village === undefined || codes.has(d.village));
    const ctx: RuleContext = {
      library,
      register,
      policy: library.district.policy,
      date,
      year,
      books: new Map(library.books.map((b) => [b.village, b])),
      inScope: (v) => codes === undefined || codes.has(v.code),
      official: () => officialCounty(library.district.code),
    };
    const ruleFindings: Diagnostic[] = [];
    for (const rule of selectRules(options.rules)) ruleFindings.push(...rule.check(ctx));
    findings.push(...locateAll(ruleFindings, options.cwd));
  }
  if (options.strict) findings = findings.map((d) => (d.severity === "warning" ? { ...d, severity: "error" } : d));
  findings.sort(compareForReport);
  return { date, year, findings, summary: summaryOf(findings), names: namesOf(register) };
}

export function summaryOf(findings: readonly Diagnostic[]): ReferenceSummary {
  const below = new Set<string | undefined>();
  let errors = 0;
  for (const d of findings) {
    if (d.severity === "error") errors++;
    if (d.code === "quota-below-min") below.add(d.village);
  }
  return { errors, warnings: findings.length - errors, villagesBelowMin: below.size };
}

/** A finding as `reserve audit --format json` lists it. */
export type ComparableFinding = ReturnType<typeof findingJson>;

/**
 * Findings as plain objects, exactly as the JSON output lists them (code, severity, town,
 * village, person, file, line, column, field, and the message with its arguments filled in, and
 * the hint), so that findings of a run in this process and the JSON a CLI run printed compare
 * with a deep equality.
 */
export function comparable(findings: readonly Diagnostic[], lang: Lang = "zh"): ComparableFinding[] {
  return findings.map((d) => findingJson(d, lang));
}

/** What `reserve audit` prints (without colour) for these findings: nothing when there are none. */
export function referenceText(ref: ReferenceAudit, lang: Lang = "zh"): string {
  if (ref.findings.length === 0) return "";
  const t = ui(lang);
  const { errors, warnings, villagesBelowMin } = ref.summary;
  return [
    t.audit.header(ref.date, ref.year),
    formatGrouped(ref.findings, lang, PLAIN_STYLE, ref.names),
    "",
    t.audit.summary(errors, warnings, villagesBelowMin),
    "",
  ].join("\n");
}
