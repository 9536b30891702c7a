import { CORE_CODES } from "./codes/core.js";
import { CYCLE_CODES } from "./codes/cycle.js";
import { IMPORT_CODES } from "./codes/import.js";
import { REPORT_CODES } from "./codes/report.js";
import { ROLLUP_CODES } from "./codes/rollup.js";
import { RULE_CODES } from "./codes/rules.js";

/**
 * Every diagnostic code and its default severity, gathered from one file per area. Codes are
 * stable: tests, the JSON output and the error catalogue (docs/errors.md) refer to them. Wording
 * lives in messages/diagnostics/, one entry per code.
 */
export const CODE_SEVERITY = {
  ...CORE_CODES,
  ...IMPORT_CODES,
  ...RULE_CODES,
  ...REPORT_CODES,
  ...CYCLE_CODES,
  ...ROLLUP_CODES,
} as const;

export type DiagnosticCode = keyof typeof CODE_SEVERITY;

export const DIAGNOSTIC_CODES = Object.keys(CODE_SEVERITY) as DiagnosticCode[];
