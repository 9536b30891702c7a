import type { CYCLE_CODES } from "../../diagnostics/codes/cycle.js";
import type { Entry } from "./common.js";

export const CYCLE_MESSAGES: Readonly<Record<keyof typeof CYCLE_CODES, Entry>> = {};
