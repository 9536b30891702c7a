import { ageRule } from "./age.js";
import { duplicatesRule } from "./duplicates.js";
import { educationRule } from "./education.js";
import { evaluationRule } from "./evaluation.js";
import { intakeRule } from "./intake.js";
import { mentoringRule } from "./mentoring.js";
import { mergedVillagesRule } from "./merged-villages.js";
import { namesRule } from "./names.js";
import { officialRegisterRule } from "./official-register.js";
import { partyDevelopmentRule } from "./party-development.js";
import { practicePostsRule } from "./practice-posts.js";
import { quotaRule } from "./quota.js";
import type { Rule } from "./rule.js";
import { screeningRule } from "./screening.js";
import { selectionStepsRule } from "./selection-steps.js";
import { statusChangesRule } from "./status-changes.js";
import { structureRule } from "./structure.js";
import { trainingRule } from "./training.js";

/**
 * Every rule `reserve audit` runs, in the order of the district's year (DESIGN §1): the pool and its
 * quota, selection (选人), cultivation (育人), management (管人). Findings are sorted for printing
 * afterwards; this order is the order of `--list-rules`.
 */
export const RULES: readonly Rule[] = [
  // Pool and quota
  quotaRule,
  mergedVillagesRule,
  officialRegisterRule,
  duplicatesRule,
  // Selection
  namesRule,
  selectionStepsRule,
  intakeRule,
  ageRule,
  educationRule,
  screeningRule,
  // Cultivation
  mentoringRule,
  trainingRule,
  practicePostsRule,
  partyDevelopmentRule,
  // Management
  evaluationRule,
  statusChangesRule,
  structureRule,
];
