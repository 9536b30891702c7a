import type { Severity } from "../diagnostic.js";

/**
 * Rejected files and rows of `reserve import` (rosters; cultivation records later). Problems a
 * roster shares with library files (ID numbers, terms, empty values…) use the core codes.
 */
export const IMPORT_CODES = {
  // The file as a whole
  "input-in-library": "error",
  "file-format": "error",
  "encoding-unknown": "error",
  "sheet-not-found": "error",
  "csv-quote": "error",
  "csv-unclosed-quote": "error",
  "row-too-long": "error",
  "table-too-large": "error",
  "no-rows": "error",

  // The header
  "column-unknown": "error",
  "column-missing": "error",
  "column-duplicate": "error",
  "extra-cell": "error",

  // Cells
  "value-too-long": "error",
  "invisible-character": "error",
  "id-as-number": "error",
  "date-invalid": "error",
  "date-excel-serial": "error",
  "date-future": "error",
  "date-before-birth": "error",
  "date-order": "error",
  "mentor-mismatch": "error",
  "mentor-start-missing": "error",
  "term-rewritten": "notice",

  // Places
  "village-not-found": "error",
  "village-ambiguous": "error",
  "village-merged": "error",
  "village-abolished": "error",
  "village-mismatch": "error",
  "town-mismatch": "error",

  // People
  "duplicate-in-file": "error",
  "duplicate-in-run": "error",
  "person-in-other-village": "error",
  "person-left-pool": "warning",
} as const satisfies Record<string, Severity>;
