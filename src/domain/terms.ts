import {
  PARTY_STAGE_DEFINITION,
  PRACTICE_POST_DEFINITION,
  SCREENING_RESULT_DEFINITION,
  TRAINING_LEVEL_DEFINITION,
  TRAINING_TOPIC_DEFINITION,
  type PartyStage,
  type ScreeningResult,
  type TrainingLevel,
} from "./vocabularies/cultivation.js";
import { EDUCATION_DEFINITION, type BuiltinEducation } from "./vocabularies/education.js";
import { ETHNICITY_DEFINITION, type Ethnicity } from "./vocabularies/ethnicity.js";
import {
  MENTOR_MODE_DEFINITION,
  MENTOR_POST_DEFINITION,
  MENTOR_ROLE_DEFINITION,
  type MentorMode,
  type MentorRole,
} from "./vocabularies/mentoring.js";
import { POLITICAL_STATUS_DEFINITION, type BuiltinPoliticalStatus } from "./vocabularies/political-status.js";
import {
  GENDER_DEFINITION,
  INTAKE_DEFINITION,
  SELECTION_STEP_DEFINITION,
  SOURCE_DEFINITION,
  STATUS_DEFINITION,
  TARGET_POST_DEFINITION,
  type BuiltinSource,
  type Gender,
  type Intake,
  type SelectionStep,
  type Status,
} from "./vocabularies/selection.js";
import { vocabulary, type Vocabulary } from "./vocabulary.js";

/**
 * The standard terms the library stores, one table per enumerated field (domain/vocabularies/),
 * each term with its code in the national standard where there is one (GB/T 2261.1, GB 3304,
 * GB/T 4658, GB/T 4762) and the words people write for it. A district's policy may add synonyms to
 * any table and terms to the open ones (vocabulary-set.ts); docs/import.md lists them all.
 */

export { EDUCATION_FACTS, type EducationFacts } from "./vocabularies/education.js";
export { POLITICAL_FACTS } from "./vocabularies/political-status.js";
export { BOTH_POSTS, BOTH_POSTS_MARK, MENTOR_POST_CATEGORY, OTHER_MENTOR_ROLE } from "./vocabularies/mentoring.js";
export type {
  BuiltinEducation,
  BuiltinPoliticalStatus,
  BuiltinSource,
  Ethnicity,
  Gender,
  Intake,
  MentorMode,
  MentorRole,
  PartyStage,
  ScreeningResult,
  SelectionStep,
  Status,
  TrainingLevel,
};

export const GENDER = vocabulary(GENDER_DEFINITION);
export const ETHNICITY = vocabulary(ETHNICITY_DEFINITION);
/** 学历, highest first; the rank used by education floors is in EDUCATION_FACTS. */
export const EDUCATION = vocabulary(EDUCATION_DEFINITION);
export const POLITICAL_STATUS = vocabulary(POLITICAL_STATUS_DEFINITION);
export const SOURCE = vocabulary(SOURCE_DEFINITION);
export const INTAKE = vocabulary(INTAKE_DEFINITION);
export const STATUS = vocabulary(STATUS_DEFINITION);
export const TARGET_POST = vocabulary(TARGET_POST_DEFINITION);
/** 帮带人类别: the categories the policy allows mentors from, and 其他. */
export const MENTOR_ROLE = vocabulary(MENTOR_ROLE_DEFINITION);
/** 帮带人职务: the posts rosters name, each with its category (MENTOR_POST_CATEGORY). */
export const MENTOR_POST = vocabulary(MENTOR_POST_DEFINITION);
export const MENTOR_MODE = vocabulary(MENTOR_MODE_DEFINITION);
export const PRACTICE_POST = vocabulary(PRACTICE_POST_DEFINITION);
export const PARTY_STAGE = vocabulary(PARTY_STAGE_DEFINITION);
export const SELECTION_STEP = vocabulary(SELECTION_STEP_DEFINITION);
export const TRAINING_LEVEL = vocabulary(TRAINING_LEVEL_DEFINITION);
export const TRAINING_TOPIC = vocabulary(TRAINING_TOPIC_DEFINITION);
export const SCREENING_RESULT = vocabulary(SCREENING_RESULT_DEFINITION);

/** Every table by the name the policy and the diagnostics use for it, in the order the docs list them. */
export const BUILTIN_VOCABULARIES = {
  gender: GENDER,
  ethnicity: ETHNICITY,
  education: EDUCATION,
  political_status: POLITICAL_STATUS,
  source: SOURCE,
  intake: INTAKE,
  target_post: TARGET_POST,
  status: STATUS,
  mentor_post: MENTOR_POST,
  mentor_role: MENTOR_ROLE,
  mentor_mode: MENTOR_MODE,
  practice_post: PRACTICE_POST,
  party_stage: PARTY_STAGE,
  selection_step: SELECTION_STEP,
  training_level: TRAINING_LEVEL,
  training_topic: TRAINING_TOPIC,
  screening_result: SCREENING_RESULT,
} as const satisfies Record<string, Vocabulary>;

export type VocabularyName = keyof typeof BUILTIN_VOCABULARIES;
export const VOCABULARY_NAMES = Object.keys(BUILTIN_VOCABULARIES) as VocabularyName[];

/**
 * What a district may add to each table. A closed table's terms have meaning in the code (性别,
 * 状态, 帮带方式…): only synonyms may be added. An open table takes new terms too; a new 学历 or
 * 政治面貌 says which built-in term it counts as, a new 帮带人职务 its category.
 */
export const VOCABULARY_KINDS: Readonly<
  Record<VocabularyName, { readonly open: boolean; readonly needs?: "counts_as" | "category" }>
> = {
  gender: { open: false },
  ethnicity: { open: false },
  education: { open: true, needs: "counts_as" },
  political_status: { open: true, needs: "counts_as" },
  source: { open: true },
  intake: { open: false },
  target_post: { open: true },
  status: { open: false },
  mentor_post: { open: true, needs: "category" },
  mentor_role: { open: false },
  mentor_mode: { open: false },
  practice_post: { open: true },
  party_stage: { open: false },
  selection_step: { open: false },
  training_level: { open: false },
  training_topic: { open: true },
  screening_result: { open: false },
};

/**
 * Fields whose table a district may extend hold a built-in term or one the policy added: their
 * types are text. The built-in terms have their own types (BuiltinEducation…).
 */
export type Education = string;
export type PoliticalStatus = string;
export type Source = string;
export type TargetPost = string;
export type PracticePost = string;
export type TrainingTopic = string;

export function statusCountsInPool(s: Status): boolean {
  return s === "在库" || s === "列为考察对象";
}

/**
 * Evaluation scales are stored as stable codes; their labels live in the policy so that relabelling
 * a scale never changes stored results.
 */
export const RATING_CODES = ["good", "fair", "average", "poor"] as const;
export type RatingCode = (typeof RATING_CODES)[number];

export const GRADE_CODES = ["excellent", "competent", "basic", "incompetent"] as const;
export type GradeCode = (typeof GRADE_CODES)[number];

/** The four criteria of the annual evaluation and the reason each gives when rated poor. */
export const CRITERIA = ["study", "work", "skill", "results"] as const;
export type Criterion = (typeof CRITERIA)[number];

export const DECISIONS = ["keep", "adjust_out"] as const;
export type Decision = (typeof DECISIONS)[number];
