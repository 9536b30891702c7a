import type { Severity } from "../diagnostic.js";

/**
 * Checks across several district libraries read at once (`reserve audit --data A --data B …` and
 * the city's roll-up report): what no single library can see.
 */
export const ROLLUP_CODES = {
  // The same person or place in two libraries
  "person-in-two-districts": "error",
  "village-in-two-libraries": "error",
  // Libraries that do not add up as they are
  "library-year-differs": "warning",
  "library-policy-differs": "warning",
} as const satisfies Record<string, Severity>;
