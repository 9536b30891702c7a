import type { Severity } from "../diagnostic.js";

/** The annual evaluation sheet read back by `reserve evaluate`. */
export const CYCLE_CODES = {} as const satisfies Record<string, Severity>;
