import type { Severity } from "../diagnostic.js";

/** Findings of the business rules run by `reserve audit` (one rule may have several codes). */
export const RULE_CODES = {
  "quota-below-min": "error",
  "quota-below-target": "warning",
  "quota-above-max": "warning",
} as const satisfies Record<string, Severity>;
