import type { ColumnCatalogue, ColumnSpec } from "./import-columns.js";
import { MENTOR_MODE, PARTY_STAGE, PRACTICE_POST, SCREENING_RESULT, TRAINING_LEVEL, TRAINING_TOPIC } from "./terms.js";
import { aliasKey } from "./vocabulary.js";

/**
 * The cultivation records `reserve record` reads (docs/cultivation.md): training sign-in sheets,
 * mentor pairings, practice posts, party-development steps and eligibility screening results. Each
 * kind is a table with its own columns; every kind names the person by internal id or ID number
 * (姓名, when given, is checked against the library).
 */

export const RECORD_KINDS = ["training", "mentor", "post", "party", "screening"] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

/** The names a kind may be given on the command line (English key first, then Chinese). */
export const RECORD_KIND_NAMES: Readonly<Record<RecordKind, readonly string[]>> = {
  training: ["training", "trainings", "sign-in", "培训", "签到", "培训签到", "培训签到表"],
  mentor: ["mentor", "mentors", "mentoring", "帮带", "结对帮带"],
  post: ["post", "posts", "practice", "定岗", "定岗锻炼"],
  party: ["party", "入党", "入党培养", "党员发展"],
  screening: ["screening", "联审", "资格联审"],
};

export function recordKind(input: string): RecordKind | undefined {
  const key = aliasKey(input);
  return RECORD_KINDS.find((k) => RECORD_KIND_NAMES[k].some((n) => aliasKey(n) === key));
}

/**
 * How a record cell is read, beyond the roster kinds: `person-id` is an internal id, `hours` a
 * number of hours, `unit` a town or village (name or code).
 */
export type RecordCellKind =
  "person-id" | "id-number" | "name" | "text" | "date" | "term" | "term-list" | "posts" | "hours" | "unit" | "item";

export interface RecordColumnSpec<K extends string = string> extends ColumnSpec<K> {
  readonly read: RecordCellKind;
  /**
   * A column describing the training session rather than the attendee. A row whose session cells
   * are all empty belongs to the session of the row above (merged cells in a sign-in sheet).
   */
  readonly session?: boolean;
}

const col = <K extends string>(spec: RecordColumnSpec<K>): RecordColumnSpec<K> => spec;

const PERSON = [
  col({
    key: "id",
    zh: "内部编号",
    aliases: ["编号", "人员编号", "internal id", "person id", "person"],
    kind: "code",
    read: "person-id",
    description: { zh: "库中的内部编号（与“身份证号”至少填一项）", en: "internal id (this or id_number)" },
  }),
  col({
    key: "id_number",
    zh: "身份证号",
    aliases: ["身份证号码", "公民身份号码", "身份证", "id number", "id card", "id no", "resident id"],
    kind: "id",
    read: "id-number",
    description: { zh: "18 位公民身份号码（与“内部编号”至少填一项）", en: "resident ID number (this or id)" },
  }),
  col({
    key: "name",
    zh: "姓名",
    aliases: ["name", "参训人", "参训人员", "后备干部", "后备干部姓名"],
    kind: "name",
    read: "name",
    max: 50,
    description: { zh: "填写时与库中姓名核对", en: "checked against the library" },
  }),
] as const;

const FROM = col({
  key: "from",
  zh: "开始时间",
  aliases: ["开始日期", "起始时间", "起始日期", "from", "start"],
  kind: "date",
  read: "date",
  description: { zh: "开始日期；结束一段已有记录时可不填", en: "start date; may be left empty when ending a period" },
});

const TO = col({
  key: "to",
  zh: "结束时间",
  aliases: ["结束日期", "截止时间", "截止日期", "to", "end"],
  kind: "date",
  read: "date",
  description: { zh: "结束日期；结束后记录仍保留", en: "end date; the record is kept with it" },
});

/** Headers a record file may carry for the people filling it, skipped on reading. */
const IGNORED = [
  "序号",
  "no",
  "no.",
  "#",
  "index",
  "乡镇",
  "村",
  "村代码",
  "性别",
  "联系电话",
  "签名",
  "本人签名",
  "签到",
  "备注",
  "town",
  "village",
  "village code",
  "gender",
  "phone",
  "signature",
  "note",
];

export const TRAINING_COLUMNS = [
  col({
    key: "session_id",
    zh: "场次编号",
    aliases: ["场次", "培训编号", "session", "session id"],
    kind: "code",
    read: "text",
    max: 30,
    session: true,
    description: {
      zh: "已有场次的编号（如 2021-03）；新场次不填",
      en: "an existing session's id; empty for a new one",
    },
  }),
  col({
    key: "date",
    zh: "培训日期",
    aliases: ["日期", "培训时间", "date"],
    kind: "date",
    read: "date",
    session: true,
    description: { zh: "培训日期", en: "date of the session" },
  }),
  col({
    key: "title",
    zh: "培训主题",
    aliases: ["主题", "培训名称", "培训班名称", "标题", "title"],
    kind: "text",
    read: "text",
    max: 100,
    session: true,
    description: { zh: "培训主题；同一天同一主题即同一场次", en: "title; the same date and title is the same session" },
  }),
  col({
    key: "level",
    zh: "培训层级",
    aliases: ["层级", "级别", "level"],
    kind: "term",
    vocabulary: TRAINING_LEVEL,
    read: "term",
    session: true,
    description: { zh: "区级、镇级 或 村级", en: "区级, 镇级 or 村级" },
  }),
  col({
    key: "unit",
    zh: "举办单位",
    aliases: ["主办单位", "组织单位", "unit"],
    kind: "text",
    read: "unit",
    max: 60,
    session: true,
    description: { zh: "镇级写乡镇、村级写村（名称或代码）；区级不填", en: "the town or village holding it" },
  }),
  col({
    key: "topics",
    zh: "培训内容",
    aliases: ["内容", "topics", "topic"],
    kind: "term-list",
    vocabulary: TRAINING_TOPIC,
    read: "term-list",
    session: true,
    description: {
      zh: "政治理论、党建知识、政策法规、农村工作方法、业务知识、技能训练；多项用“、”分隔",
      en: "one or more topics separated by 、",
    },
  }),
  col({
    key: "hours",
    zh: "学时",
    aliases: ["课时", "培训学时", "hours"],
    kind: "text",
    read: "hours",
    session: true,
    description: { zh: "学时数，如 4 或 2.5", en: "hours, e.g. 4 or 2.5" },
  }),
  ...PERSON,
] as const satisfies readonly RecordColumnSpec[];

export const MENTOR_COLUMNS = [
  ...PERSON,
  col({
    key: "mentor",
    zh: "帮带人",
    aliases: ["帮带人姓名", "帮带领导", "mentor"],
    kind: "name",
    read: "name",
    max: 40,
    required: true,
    description: { zh: "帮带人姓名，一行一位", en: "the mentor's name, one per row" },
  }),
  col({
    key: "mentor_role",
    zh: "帮带人职务",
    aliases: ["职务", "帮带人现任职务", "mentor role", "role", "mentor post", "post"],
    kind: "posts",
    read: "posts",
    max: 40,
    description: {
      zh: "帮带人的职务，如 村党支部书记、包村干部；一人兼任几个职务时写在一起；新结对必填",
      en: "the mentor's post(s); required for a new pairing",
    },
  }),
  col({
    key: "mentor_mode",
    zh: "帮带方式",
    aliases: ["方式", "mentor mode", "mode"],
    kind: "term",
    vocabulary: MENTOR_MODE,
    read: "term",
    description: { zh: "一带一（默认）或 多带一", en: "一带一 (default) or 多带一" },
  }),
  { ...FROM, aliases: [...FROM.aliases, "帮带开始时间", "帮带开始日期", "结对时间"] },
  { ...TO, aliases: [...TO.aliases, "帮带结束时间", "帮带结束日期"] },
] as const satisfies readonly RecordColumnSpec[];

export const POST_COLUMNS = [
  ...PERSON,
  col({
    key: "post",
    zh: "岗位",
    aliases: ["锻炼岗位", "定岗岗位", "定岗锻炼岗位", "post", "practice post"],
    kind: "term",
    vocabulary: PRACTICE_POST,
    read: "term",
    required: true,
    description: { zh: "党小组长、两委委员、村民小组长、村党支部书记助理、村委会主任助理", en: "the post" },
  }),
  FROM,
  TO,
] as const satisfies readonly RecordColumnSpec[];

export const PARTY_COLUMNS = [
  ...PERSON,
  col({
    key: "stage",
    zh: "发展阶段",
    aliases: ["阶段", "培养阶段", "stage"],
    kind: "term",
    vocabulary: PARTY_STAGE,
    read: "term",
    required: true,
    description: { zh: "入党申请人、入党积极分子、发展对象、预备党员、党员", en: "the stage reached" },
  }),
  col({
    key: "date",
    zh: "日期",
    aliases: ["确定日期", "时间", "date"],
    kind: "date",
    read: "date",
    required: true,
    description: { zh: "递交申请或确定为该阶段的日期", en: "the day the stage was reached" },
  }),
] as const satisfies readonly RecordColumnSpec[];

export const SCREENING_COLUMNS = [
  ...PERSON,
  col({
    key: "department",
    zh: "联审部门",
    aliases: ["审查部门", "部门", "department"],
    kind: "text",
    read: "text",
    max: 40,
    required: true,
    description: {
      zh: "区里规定的联审部门之一（policy.screening.departments）",
      en: "one of the policy's departments",
    },
  }),
  col({
    key: "result",
    zh: "结果",
    aliases: ["联审结果", "审查结果", "result"],
    kind: "term",
    vocabulary: SCREENING_RESULT,
    read: "term",
    required: true,
    description: { zh: "通过 或 不通过", en: "通过 (pass) or 不通过 (fail)" },
  }),
  col({
    key: "item",
    zh: "负面清单条目",
    aliases: ["负面清单", "涉及条目", "条目", "item"],
    kind: "text",
    read: "item",
    max: 200,
    description: { zh: "不通过时必填：条目序号或原文", en: "for a fail: the item's number or wording" },
  }),
  col({
    key: "date",
    zh: "日期",
    aliases: ["审查日期", "联审日期", "date"],
    kind: "date",
    read: "date",
    required: true,
    description: { zh: "审查日期", en: "date of the check" },
  }),
] as const satisfies readonly RecordColumnSpec[];

/** Every column key of every kind (the person columns are shared). */
export type RecordKey = (
  | typeof TRAINING_COLUMNS
  | typeof MENTOR_COLUMNS
  | typeof POST_COLUMNS
  | typeof PARTY_COLUMNS
  | typeof SCREENING_COLUMNS
)[number]["key"];

export interface RecordCatalogue extends ColumnCatalogue<RecordKey> {
  readonly columns: readonly RecordColumnSpec<RecordKey>[];
}

const catalogue = (columns: readonly RecordColumnSpec<RecordKey>[], oneOf: RecordKey[][]): RecordCatalogue => ({
  columns,
  oneOf,
  ignored: IGNORED,
});

/** Each kind's columns; at least one of 内部编号 and 身份证号, and for a sign-in sheet its session. */
export const RECORD_CATALOGUES: Readonly<Record<RecordKind, RecordCatalogue>> = {
  training: catalogue(TRAINING_COLUMNS, [
    ["id", "id_number"],
    ["session_id", "date"],
  ]),
  mentor: catalogue(MENTOR_COLUMNS, [["id", "id_number"]]),
  post: catalogue(POST_COLUMNS, [["id", "id_number"]]),
  party: catalogue(PARTY_COLUMNS, [["id", "id_number"]]),
  screening: catalogue(SCREENING_COLUMNS, [["id", "id_number"]]),
};
