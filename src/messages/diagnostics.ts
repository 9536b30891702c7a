import type { DiagnosticCode } from "../diagnostics/codes.js";
import type { Entry } from "./diagnostics/common.js";
import { CORE_MESSAGES } from "./diagnostics/core.js";
import { CYCLE_MESSAGES } from "./diagnostics/cycle.js";
import { IMPORT_MESSAGES } from "./diagnostics/import.js";
import { REPORT_MESSAGES } from "./diagnostics/report.js";
import { ROLLUP_MESSAGES } from "./diagnostics/rollup.js";
import { RULE_MESSAGES } from "./diagnostics/rules.js";

export type { Entry, Wording } from "./diagnostics/common.js";

/**
 * The wording of every diagnostic, Chinese and English side by side, one file per area. Messages
 * say what is wrong in the user's terms; hints say what to do.
 */
export const DIAGNOSTIC_MESSAGES: Readonly<Record<DiagnosticCode, Entry>> = {
  ...CORE_MESSAGES,
  ...IMPORT_MESSAGES,
  ...RULE_MESSAGES,
  ...REPORT_MESSAGES,
  ...CYCLE_MESSAGES,
  ...ROLLUP_MESSAGES,
};
