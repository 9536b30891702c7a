import type { Severity } from "../diagnostic.js";

/**
 * The year's cycle: cultivation records read by `reserve record` and the annual evaluation sheet
 * read back by `reserve evaluate`. Problems they share with rosters (cells, dates, terms, the
 * header) use the import and core codes.
 */
export const CYCLE_CODES = {
  // People in a record file
  "person-unknown": "error",
  "person-ids-disagree": "error",
  "person-name-mismatch": "error",
  "record-duplicate": "error",

  // Training sign-in sheets
  "session-unknown": "error",
  "session-inconsistent": "error",
  "session-year-not-held": "error",
  "unit-unknown": "error",
  "hours-invalid": "error",

  // Mentors, practice posts, party development, screening
  "period-order": "error",
  "period-overlap": "error",
  "nothing-to-end": "error",
  "party-stage-order": "error",
  "screening-item-missing": "error",
  "screening-item-unknown": "error",
  "screening-item-unexpected": "error",

  // The evaluation sheet
  "sheet-id-unknown": "error",
  "sheet-identity-edited": "error",
  "sheet-row-duplicate": "error",
  "sheet-row-missing": "error",
  "sheet-row-blank": "error",
  "rating-invalid": "error",
  "count-invalid": "error",
  "votes-exceed-raters": "error",
  "component-missing": "error",
  "evaluation-settled": "error",
  "sheet-person-left": "warning",
} as const satisfies Record<string, Severity>;
