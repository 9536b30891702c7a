import type { REPORT_CODES } from "../../diagnostics/codes/report.js";
import type { Entry } from "./common.js";

export const REPORT_MESSAGES: Readonly<Record<keyof typeof REPORT_CODES, Entry>> = {};
