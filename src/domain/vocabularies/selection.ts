import type { TermEntry, VocabularyDefinition } from "./table.js";

/** 性别: GB/T 2261.1-2003. */
const genders = [
  { term: "男", code: "1", synonyms: ["男性", "male", "m"] },
  { term: "女", code: "2", synonyms: ["女性", "female", "f"] },
] as const satisfies readonly TermEntry[];
export type Gender = (typeof genders)[number]["term"];
export const GENDER_DEFINITION: VocabularyDefinition<Gender> = {
  name: "gender",
  standard: "GB/T 2261.1-2003",
  entries: genders,
};

/** 来源: where a reserve was found (DESIGN §1 "Select"). */
const sources = [
  { term: "村民小组长", synonyms: ["小组长", "村民组长", "组长", "group leader", "villager group leader"] },
  {
    term: "致富能手",
    synonyms: [
      "致富带头人",
      "产业带头人",
      "种养大户",
      "专业大户",
      "经济能人",
      "entrepreneur",
      "rich farmer",
      "local entrepreneur",
    ],
  },
  { term: "外出务工人员", synonyms: ["务工人员", "外出务工", "进城务工人员", "migrant worker", "migrant"] },
  {
    term: "返乡大中专毕业生",
    synonyms: [
      "返乡大学生",
      "大中专毕业生",
      "返乡毕业生",
      "高校毕业生",
      "大学毕业生",
      "returning graduate",
      "graduate returnee",
    ],
  },
  { term: "外出能人", synonyms: ["外出经商能人", "在外能人", "返乡能人", "returning talent", "talent returnee"] },
  {
    term: "复转军人",
    synonyms: ["退役军人", "复员转业军人", "复员军人", "转业军人", "退伍军人", "veteran", "retired soldier"],
  },
  { term: "其他", synonyms: ["其它", "other"] },
] as const satisfies readonly TermEntry[];
export type BuiltinSource = (typeof sources)[number]["term"];
export const SOURCE_DEFINITION: VocabularyDefinition<BuiltinSource> = { name: "source", entries: sources };

/** 方式: 内选 (internal selection) or 外引 (external recruitment, "引凤还巢"). */
const intakes = [
  { term: "内选", synonyms: ["内部选拔", "村内选拔", "internal", "internal selection"] },
  { term: "外引", synonyms: ["外部引进", "引进", "回引", "引凤还巢", "external", "external recruitment"] },
] as const satisfies readonly TermEntry[];
export type Intake = (typeof intakes)[number]["term"];
export const INTAKE_DEFINITION: VocabularyDefinition<Intake> = { name: "intake", entries: intakes };

/**
 * 状态. 在库 and 列为考察对象 are in the pool once 县级审核 is passed; 已使用 (elected or appointed)
 * and 调整出库 (adjusted out) have left it and no longer count towards the quota.
 */
const statuses = [
  { term: "在库", synonyms: ["in pool", "active", "in_pool"] },
  { term: "列为考察对象", synonyms: ["考察对象", "candidate", "under examination"] },
  { term: "已使用", synonyms: ["当选", "已当选", "used", "elected", "appointed"] },
  { term: "调整出库", synonyms: ["出库", "调出", "adjusted out", "removed", "adjusted_out"] },
] as const satisfies readonly TermEntry[];
export type Status = (typeof statuses)[number]["term"];
export const STATUS_DEFINITION: VocabularyDefinition<Status> = { name: "status", entries: statuses };

/** 培养方向: the post a reserve is being prepared for. */
const targetPosts = [
  {
    term: "村党组织书记",
    synonyms: ["村党支部书记", "村支书", "支部书记", "书记", "party secretary", "branch secretary"],
  },
  { term: "村委会主任", synonyms: ["村主任", "村民委员会主任", "主任", "village director", "committee director"] },
  { term: "村“两委”委员", synonyms: ["两委委员", "村两委委员", "两委成员", "committee member"] },
  { term: "村务监督委员会主任", synonyms: ["监委会主任", "村监委会主任", "supervision director"] },
  { term: "村会计", synonyms: ["会计", "报账员", "accountant"] },
] as const satisfies readonly TermEntry[];
export type BuiltinTargetPost = (typeof targetPosts)[number]["term"];
export const TARGET_POST_DEFINITION: VocabularyDefinition<BuiltinTargetPost> = {
  name: "target_post",
  entries: targetPosts,
};

/** 选拔程序: the three steps every internal selection goes through, in order. */
const steps = [
  { term: "村级摸底", synonyms: ["survey", "village survey"] },
  { term: "乡镇推荐", synonyms: ["township", "township recommendation"] },
  { term: "县级审核", synonyms: ["区级审核", "county", "county review", "district review"] },
] as const satisfies readonly TermEntry[];
export type SelectionStep = (typeof steps)[number]["term"];
export const SELECTION_STEP_DEFINITION: VocabularyDefinition<SelectionStep> = {
  name: "selection_step",
  entries: steps,
};
