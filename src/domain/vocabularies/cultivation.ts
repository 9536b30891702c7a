import type { TermEntry, VocabularyDefinition } from "./table.js";

/** 定岗锻炼岗位 (DESIGN §1 "Cultivate"). */
const practicePosts = [
  { term: "党小组长", synonyms: ["党小组组长", "party group leader"] },
  { term: "两委委员", synonyms: ["村两委委员", "committee member post"] },
  { term: "村民小组长", synonyms: ["villager group leader post"] },
  { term: "村党支部书记助理", synonyms: ["书记助理", "村党组织书记助理", "secretary assistant"] },
  { term: "村委会主任助理", synonyms: ["主任助理", "村主任助理", "director assistant"] },
] as const satisfies readonly TermEntry[];
export type BuiltinPracticePost = (typeof practicePosts)[number]["term"];
export const PRACTICE_POST_DEFINITION: VocabularyDefinition<BuiltinPracticePost> = {
  name: "practice_post",
  entries: practicePosts,
};

/** 党员发展阶段 for reserves who are not yet members, in order. */
const stages = [
  { term: "入党申请人", synonyms: ["申请人", "申请入党", "applicant"] },
  { term: "入党积极分子", synonyms: ["积极分子", "activist"] },
  { term: "发展对象", synonyms: ["development candidate", "candidate for membership"] },
  { term: "预备党员", synonyms: ["中共预备党员", "probationary"] },
  { term: "党员", synonyms: ["中共党员", "正式党员", "full member", "member"] },
] as const satisfies readonly TermEntry[];
export type PartyStage = (typeof stages)[number]["term"];
export const PARTY_STAGE_DEFINITION: VocabularyDefinition<PartyStage> = { name: "party_stage", entries: stages };

/** 培训层级. */
const levels = [
  { term: "区级", synonyms: ["县级", "区县级", "district", "county"] },
  { term: "镇级", synonyms: ["乡镇级", "乡级", "town", "township"] },
  { term: "村级", synonyms: ["village"] },
] as const satisfies readonly TermEntry[];
export type TrainingLevel = (typeof levels)[number]["term"];
export const TRAINING_LEVEL_DEFINITION: VocabularyDefinition<TrainingLevel> = {
  name: "training_level",
  entries: levels,
};

/** 培训内容 (DESIGN §1 "Cultivate"). */
const topics = [
  { term: "政治理论", synonyms: ["理论学习", "political theory"] },
  { term: "党建知识", synonyms: ["党建", "party building"] },
  { term: "政策法规", synonyms: ["法律法规", "政策", "policy and law", "laws and policies"] },
  { term: "农村工作方法", synonyms: ["工作方法", "rural work methods"] },
  { term: "业务知识", synonyms: ["业务", "professional knowledge"] },
  { term: "技能训练", synonyms: ["技能培训", "实用技术", "skills", "skill training"] },
] as const satisfies readonly TermEntry[];
export type BuiltinTrainingTopic = (typeof topics)[number]["term"];
export const TRAINING_TOPIC_DEFINITION: VocabularyDefinition<BuiltinTrainingTopic> = {
  name: "training_topic",
  entries: topics,
};

/** 资格联审 result. */
const results = [
  { term: "通过", synonyms: ["合格", "pass", "passed", "clear"] },
  { term: "不通过", synonyms: ["不合格", "未通过", "fail", "failed", "hit"] },
] as const satisfies readonly TermEntry[];
export type ScreeningResult = (typeof results)[number]["term"];
export const SCREENING_RESULT_DEFINITION: VocabularyDefinition<ScreeningResult> = {
  name: "screening_result",
  entries: results,
};
