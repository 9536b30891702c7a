import { quotaRule } from "./quota.js";
import type { Rule } from "./rule.js";

/** Every rule `reserve audit` runs, in the order their findings are listed. */
export const RULES: readonly Rule[] = [quotaRule];
