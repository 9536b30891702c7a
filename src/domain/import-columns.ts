import { EDUCATION, ETHNICITY, GENDER, INTAKE, MENTOR_MODE, POLITICAL_STATUS, SOURCE, TARGET_POST } from "./terms.js";
import { toHalfWidth, type Vocabulary } from "./vocabulary.js";

/**
 * How a column's cells are read (docs/import.md "Columns"):
 * - text: trimmed, inner full-width and no-break spaces made plain spaces;
 * - name: as text, plus name separators (•, ・, ., …) made the middle dot U+00B7 and spaces between
 *   Chinese characters removed (names padded for alignment with U+3000);
 * - id / phone / code: text guards stripped, full-width digits and letters made ASCII;
 * - date: one of the accepted date forms, turned into YYYY-MM-DD;
 * - term: a standard term or one of its synonyms (domain/terms.ts; the district may add to them);
 * - list: several values in one cell, separated by 、，,；; / or a line break;
 * - names: a list of people's names (帮带人), each read as a name;
 * - term-list: several terms in one cell (a training's topics);
 * - posts: the posts of the mentors named in the row (domain/mentor-posts.ts).
 */
export type ColumnKind =
  "text" | "name" | "id" | "phone" | "code" | "date" | "term" | "term-list" | "list" | "names" | "posts";

export interface ColumnSpec<K extends string = string> {
  /** Stable key: the English header, used in JSON output and the YAML roster format. */
  readonly key: K;
  /** The Chinese header the template uses. */
  readonly zh: string;
  /** Other headers accepted for the column (Chinese and English). */
  readonly aliases: readonly string[];
  readonly kind: ColumnKind;
  readonly vocabulary?: Vocabulary;
  /** Longest value accepted, in characters (for lists: per item). */
  readonly max?: number;
  /** The column must be in the header and every row must fill it. */
  readonly required?: boolean;
  readonly description: { readonly zh: string; readonly en: string };
}

/** A table's columns: the specs, groups of which at least one must be present, and ignored headers. */
export interface ColumnCatalogue<K extends string = string> {
  readonly columns: readonly ColumnSpec<K>[];
  /** At least one column of each group must be in the header (e.g. 村代码 or 村). */
  readonly oneOf: readonly (readonly K[])[];
  /** Headers recognised and skipped (e.g. 序号, the row numbers spreadsheets carry). */
  readonly ignored: readonly string[];
}

/**
 * Header text as matched against the catalogue: full-width made ASCII, lower case, spaces,
 * underscores and hyphens removed, and the markers templates add removed — a leading or trailing
 * asterisk and a trailing remark in brackets: "身份证号（18位）", "*姓名", "Village_Code".
 */
export function headerKey(text: string): string {
  let s = toHalfWidth(text).trim().toLowerCase();
  s = s.replace(/^\*+|\*+$/g, "").trim();
  s = s.replace(/\s*[(（][^()（）]*[)）]$/, "");
  return s.replace(/[\s_\-*]+/g, "");
}

const col = <K extends string>(spec: ColumnSpec<K>): ColumnSpec<K> => spec;

/**
 * The roster columns (DESIGN §2 "Import columns", then the optional ones for the rest of a record),
 * in the order the template lists them.
 */
export const ROSTER_COLUMNS = [
  col({
    key: "town",
    zh: "乡镇",
    aliases: ["所在乡镇", "乡镇名称", "镇", "乡", "township", "town"],
    kind: "text",
    max: 60,
    description: { zh: "乡镇名称或 9 位乡镇代码；只写村名时用来区分同名的村", en: "town name or 9-digit code" },
  }),
  col({
    key: "village",
    zh: "村",
    aliases: ["村名", "村名称", "行政村", "所在村", "村委会", "village", "village name"],
    kind: "text",
    max: 60,
    description: { zh: "村名（与“村代码”至少填一项）", en: "village name (this or village_code)" },
  }),
  col({
    key: "village_code",
    zh: "村代码",
    aliases: ["村级代码", "村区划代码", "区划代码", "统计用区划代码", "village code"],
    kind: "code",
    description: { zh: "12 位统计用区划代码（与“村”至少填一项）", en: "12-digit village code (this or village)" },
  }),
  col({
    key: "name",
    zh: "姓名",
    aliases: ["name"],
    kind: "name",
    max: 50,
    required: true,
    description: { zh: "少数民族姓名中的间隔号写作 ·", en: "full name; minority names use the middle dot ·" },
  }),
  col({
    key: "gender",
    zh: "性别",
    aliases: ["gender", "sex"],
    kind: "term",
    vocabulary: GENDER,
    required: true,
    description: { zh: "须与身份证号第 17 位一致", en: "must agree with the ID number" },
  }),
  col({
    key: "ethnicity",
    zh: "民族",
    aliases: ["ethnicity", "ethnic group", "nation", "nationality"],
    kind: "term",
    vocabulary: ETHNICITY,
    required: true,
    description: { zh: "如 汉族、回族（可不写“族”字）", en: "e.g. 汉族 or han" },
  }),
  col({
    key: "id_number",
    zh: "身份证号",
    aliases: ["身份证号码", "公民身份号码", "身份证", "id number", "id card", "id no", "resident id"],
    kind: "id",
    required: true,
    description: { zh: "18 位公民身份号码；按它识别同一个人", en: "18-character resident ID; identifies the person" },
  }),
  col({
    key: "phone",
    zh: "联系电话",
    aliases: ["电话", "手机", "手机号", "手机号码", "联系方式", "电话号码", "phone", "mobile", "tel", "telephone"],
    kind: "phone",
    description: { zh: "11 位手机号，或“区号-号码”", en: "11-digit mobile or area-number landline" },
  }),
  col({
    key: "education",
    zh: "学历",
    aliases: ["文化程度", "最高学历", "education"],
    kind: "term",
    vocabulary: EDUCATION,
    required: true,
    description: { zh: "研究生、大学本科、大学专科、中专、高中、初中、小学", en: "highest education" },
  }),
  col({
    key: "political_status",
    zh: "政治面貌",
    aliases: ["political status"],
    kind: "term",
    vocabulary: POLITICAL_STATUS,
    required: true,
    description: { zh: "如 中共党员、共青团员、群众", en: "e.g. 中共党员, 群众" },
  }),
  col({
    key: "source",
    zh: "来源",
    aliases: ["人员来源", "source"],
    kind: "term",
    vocabulary: SOURCE,
    required: true,
    description: {
      zh: "村民小组长、致富能手、外出务工人员、返乡大中专毕业生、外出能人、复转军人、其他",
      en: "where the person was found",
    },
  }),
  col({
    key: "intake",
    zh: "方式",
    aliases: ["选拔方式", "产生方式", "intake"],
    kind: "term",
    vocabulary: INTAKE,
    description: {
      zh: "内选 或 外引；不填时按来源推定（库政策中的外引来源为外引，其余为内选）",
      en: "内选 or 外引; when empty, taken from the source and the policy's external sources",
    },
  }),
  col({
    key: "entry_date",
    zh: "入库时间",
    aliases: ["入库日期", "entry date"],
    kind: "date",
    description: {
      zh: "进入后备干部库的日期；没有“县级审核”列时，填了入库时间即视为已通过县级审核",
      en: "date of entry into the pool; without a county-review column it also dates the review",
    },
  }),
  col({
    key: "mentor",
    zh: "帮带人",
    aliases: ["帮带人姓名", "帮带领导", "帮带责任人", "mentor", "mentors"],
    kind: "names",
    max: 40,
    description: { zh: "帮带人姓名；多带一时用“、”分隔", en: "mentor's name; several separated by 、" },
  }),
  col({
    key: "mentor_role",
    zh: "帮带人职务",
    aliases: ["帮带人现任职务", "帮带人岗位", "mentor role", "mentor roles", "mentor post", "mentor posts"],
    kind: "posts",
    max: 40,
    description: {
      zh: "帮带人的职务，如 村党支部书记、镇党委副书记、包村干部；与帮带人一一对应，或只写一个（全部相同）；一人兼任几个职务（一肩挑）时写在一起，如“村党支部书记、村委会主任”",
      en: "the mentor's post (e.g. 村党支部书记, 包村干部), one per mentor or one for all; several posts of one mentor (一肩挑) together",
    },
  }),
  col({
    key: "mentor_mode",
    zh: "帮带方式",
    aliases: ["mentor mode"],
    kind: "term",
    vocabulary: MENTOR_MODE,
    description: { zh: "一带一 或 多带一；不填时按帮带人数推定", en: "一带一 or 多带一; by default from the count" },
  }),
  col({
    key: "mentor_from",
    zh: "帮带开始时间",
    aliases: ["帮带开始日期", "结对时间", "mentor from"],
    kind: "date",
    description: {
      zh: "新结对的开始日期；不填时按入库时间（或县级审核日期）记",
      en: "start of a new pairing; by default the entry date (or the county review date)",
    },
  }),
  col({
    key: "roster_date",
    zh: "填报日期",
    aliases: ["填表日期", "填报时间", "报送日期", "roster date", "report date"],
    kind: "date",
    description: {
      zh: "名册的填报日期；帮带开始时间、入库时间都没有时，用它作为帮带开始时间",
      en: "the date the roster was filled in; starts a pairing when neither the mentor start nor the entry date is given",
    },
  }),
  col({
    key: "survey_date",
    zh: "村级摸底",
    aliases: ["村级摸底时间", "村级摸底日期", "survey", "survey date"],
    kind: "date",
    description: { zh: "村级摸底日期", en: "date of the village survey" },
  }),
  col({
    key: "township_date",
    zh: "乡镇推荐",
    aliases: ["乡镇推荐时间", "乡镇推荐日期", "township recommendation", "township date"],
    kind: "date",
    description: { zh: "乡镇推荐日期", en: "date of the township recommendation" },
  }),
  col({
    key: "county_date",
    zh: "县级审核",
    aliases: [
      "县级审核时间",
      "县级审核日期",
      "县级审核通过时间",
      "区级审核",
      "区级审核时间",
      "county review",
      "county date",
    ],
    kind: "date",
    description: {
      zh: "通过县（区）级审核的日期；通过后才计入储备人数",
      en: "date the county review was passed; only then does the person count",
    },
  }),
  col({
    key: "target_post",
    zh: "培养方向",
    aliases: ["target post"],
    kind: "term",
    vocabulary: TARGET_POST,
    description: { zh: "村党组织书记、村委会主任、村“两委”委员、村务监督委员会主任、村会计", en: "target post" },
  }),
  col({
    key: "specialties",
    zh: "特长",
    aliases: ["专长", "特长专长", "specialties", "specialty"],
    kind: "list",
    max: 40,
    description: { zh: "多项用“、”分隔", en: "several separated by 、" },
  }),
  col({
    key: "note",
    zh: "备注",
    aliases: ["note", "notes", "remark", "remarks"],
    kind: "text",
    max: 500,
    description: { zh: "备注", en: "free text" },
  }),
] as const satisfies readonly ColumnSpec[];

export type RosterKey = (typeof ROSTER_COLUMNS)[number]["key"];

export const ROSTER_CATALOGUE: ColumnCatalogue<RosterKey> = {
  columns: ROSTER_COLUMNS,
  oneOf: [["village_code", "village"]],
  ignored: ["序号", "no", "no.", "#", "index"],
};
