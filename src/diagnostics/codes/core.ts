import type { Severity } from "../diagnostic.js";

/** Reading files, the shape of records, identity, and the library's structure. */
export const CORE_CODES = {
  // Reading files
  "file-unreadable": "error",
  "file-too-large": "error",
  "file-encoding": "error",
  "yaml-syntax": "error",
  "yaml-duplicate-key": "error",
  "yaml-multi-document": "error",
  "yaml-tag": "error",
  "yaml-alias": "error",
  "yaml-too-deep": "error",

  // Shape of a record
  "unknown-key": "error",
  "missing-field": "error",
  "wrong-type": "error",
  "bad-term": "error",
  "bad-date": "error",
  "bad-code": "error",
  "bad-value": "error",
  "empty-value": "error",

  // Identity
  "id-length": "error",
  "id-characters": "error",
  "id-scientific": "error",
  "id-legacy-15": "error",
  "id-province": "error",
  "id-birth-date": "error",
  "id-birth-future": "error",
  "id-birth-too-early": "error",
  "id-check": "error",
  "id-gender-mismatch": "error",
  "phone-invalid": "error",

  // Library structure
  "person-id-format": "error",
  "person-id-duplicate": "error",
  "village-file-name": "error",
  "village-unknown": "error",
  "town-unknown": "error",
  "register-duplicate-code": "error",
  "register-code-prefix": "error",
  "register-replaced-by": "error",
  "register-county-missing": "error",
  "register-kind-doubt": "warning",
  "name-unsafe": "error",
  "status-mismatch": "error",
  "training-year-mismatch": "error",
  "training-duplicate-session": "error",
  "training-file-name": "error",
  // The district's vocabulary (policy.vocabulary)
  "vocabulary-closed": "error",
  "vocabulary-counts-as": "error",
  "vocabulary-category": "error",
  "vocabulary-conflict": "error",
} as const satisfies Record<string, Severity>;
