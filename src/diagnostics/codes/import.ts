import type { Severity } from "../diagnostic.js";

/** Rejected rows and files of `reserve import` (rosters and cultivation records). */
export const IMPORT_CODES = {} as const satisfies Record<string, Severity>;
