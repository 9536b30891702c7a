import type { IsoDate } from "../domain/dates.js";
import type { RegisterIndex } from "../domain/library.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { readConsistently, type Notice } from "../io/library-session.js";
import { openFrame, type LibraryFrame } from "../io/load-cached.js";
import { auditPart, resolveSettings, type AuditSettings } from "./audit-parts.js";

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

export { compareForReport, selectRules } from "./audit-order.js";
export { sessionOf } from "./audit-session.js";
import { sessionOf } from "./audit-session.js";

/**
 * Checks the library: every file re-validated (or read from the cache when unchanged), then every
 * rule. Pure apart from reading the library; printing and exit codes are the CLI's.
 */
export function audit(options: AuditOptions): AuditResult {
  const { frame, findings, settings } = readConsistently(options.root, sessionOf(options), () => {
    const frame = openFrame(options.root, { today: options.today, cwd: options.cwd });
    const settings = resolveSettings(frame, options);
    const input = { names: frame.names, order: [], whole: true, withFrame: true, ghosts: [], extra: [] };
    return { frame, settings, findings: auditPart(frame, input, settings) };
  });
  return summarise(frame, settings, findings);
}

/** The result from the findings, sorted. */
export function summarise(frame: LibraryFrame, settings: AuditSettings, findings: Diagnostic[]): AuditResult {
  const register = frame.register;
  let errors = 0;
  let warnings = 0;
  const below = new Set<string | undefined>();
  for (const d of findings) {
    if (d.severity === "error") errors++;
    else warnings++;
    if (d.code === "quota-below-min") below.add(d.village);
  }
  return {
    date: settings.date,
    year: settings.year,
    findings,
    errors,
    warnings,
    villagesBelowMin: below.size,
    names: namesOf(register),
  };
}

export function namesOf(register: RegisterIndex | undefined): AuditResult["names"] {
  return {
    town: (code) => register?.towns.get(code)?.name,
    village: (code) => register?.villages.get(code)?.name,
  };
}
