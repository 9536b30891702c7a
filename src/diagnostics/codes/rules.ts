import type { Severity } from "../diagnostic.js";

/**
 * Findings of the business rules run by `reserve audit` (one rule may have several codes). The
 * severity is the default; `--strict` turns warnings into errors.
 */
export const RULE_CODES = {
  // Pool and quota
  "quota-below-min": "error",
  "quota-below-target": "warning",
  "quota-above-max": "warning",
  "village-merged-holds-reserves": "error",
  "village-abolished-holds-reserves": "error",
  "village-not-official": "warning",
  "person-in-two-villages": "error",
  "person-entered-twice": "error",
  "possible-duplicate": "warning",

  // Selection (选人)
  "name-invalid": "error",
  "selection-step-missing": "error",
  "selection-out-of-order": "error",
  "intake-source-mismatch": "error",
  "age-below-min": "error",
  "age-above-max": "error",
  "education-below-floor": "warning",
  "screening-missing": "error",
  "screening-failed": "error",
  "screening-stale": "error",

  // Cultivation (育人)
  "mentor-missing": "error",
  "mentor-overloaded": "warning",
  "mentor-role-not-allowed": "error",
  "mentor-post-unknown": "warning",
  "training-below-min": "error",
  "training-session-undefined": "error",
  "practice-post-missing": "error",
  "party-stage-missing": "warning",
  "party-stage-overdue": "warning",

  // Management (管人)
  "evaluation-missing": "error",
  "evaluation-adjust-pending": "error",
  "status-change-missing": "error",
  "status-change-no-date": "error",
  "status-change-no-reason": "error",
  "village-structure-below": "warning",
  "town-structure-below": "warning",
} as const satisfies Record<string, Severity>;
