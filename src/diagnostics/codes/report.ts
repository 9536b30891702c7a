import type { Severity } from "../diagnostic.js";

/** Problems met while writing reports. */
export const REPORT_CODES = {} as const satisfies Record<string, Severity>;
