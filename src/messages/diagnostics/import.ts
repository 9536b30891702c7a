import type { IMPORT_CODES } from "../../diagnostics/codes/import.js";
import type { Entry } from "./common.js";

export const IMPORT_MESSAGES: Readonly<Record<keyof typeof IMPORT_CODES, Entry>> = {};
