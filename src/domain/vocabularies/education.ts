import type { TermEntry, VocabularyDefinition } from "./table.js";

/**
 * 学历, highest first: the top-level classes of GB/T 4658-2006《学历代码》, stored in the short forms
 * used on cadre forms, and the band 初中及以下 that village forms and statistics use in place of 初中
 * and 小学. Synonyms cover the short forms (大专, 本科), the degree people write for the level (硕士,
 * 学士) and the standard's own detailed names (大学本科毕业, 职业高中毕业: the suffix 毕业/结业 is
 * dropped, as are the study modes written before a level — 全日制本科, 函授大专, 党校本科).
 */
export interface EducationFacts {
  /** Order of levels for the education floor and the age limits by education: larger is higher. */
  readonly rank: number;
  /** 大专及以上: counted in the structure figures' "college" share. */
  readonly college: boolean;
  /** A band that stands for several levels (初中及以下): listed in the figures only where it is used. */
  readonly band?: boolean;
}

const entries = [
  {
    term: "研究生",
    code: "10",
    synonyms: ["博士", "硕士", "博士研究生", "硕士研究生", "研究生学历", "postgraduate", "graduate", "master", "phd"],
    facts: { rank: 80, college: true },
  },
  {
    term: "大学本科",
    code: "20",
    synonyms: ["本科", "大学", "大本", "学士", "本科学历", "bachelor", "undergraduate", "university"],
    facts: { rank: 70, college: true },
  },
  {
    term: "大学专科",
    code: "30",
    synonyms: ["大专", "专科", "高职", "高职高专", "大专学历", "专科学历", "college", "junior college", "associate"],
    facts: { rank: 60, college: true },
  },
  {
    term: "中专",
    code: "40",
    synonyms: [
      "中等专科",
      "中等专业学校",
      "中等职业教育",
      "中职",
      "职高",
      "职业高中",
      "技校",
      "技工学校",
      "中技",
      "中专学历",
      "vocational",
      "secondary vocational",
    ],
    facts: { rank: 50, college: false },
  },
  {
    term: "高中",
    code: "60",
    // 高中（中专）is the band of statistics forms for the two; read as the lower, 高中.
    synonyms: [
      "普通高中",
      "高级中学",
      "高中学历",
      "高中（中专）",
      "高中(中专)",
      "高中/中专",
      "高中或中专",
      "high school",
      "senior high",
    ],
    facts: { rank: 40, college: false },
  },
  {
    term: "初中",
    code: "70",
    synonyms: ["初级中学", "初中学历", "junior high", "middle school"],
    facts: { rank: 30, college: false },
  },
  {
    // A band, not a level of the standard: it may mean 初中 or 小学, so it is ranked below 初中 and
    // meets a floor only where 小学 would.
    term: "初中及以下",
    // Narrower bands written for it are within it: 初中以下 (below 初中), 小学及以下.
    synonyms: ["初中及以下学历", "初中及其以下", "初中以下", "小学及以下", "junior high or below"],
    facts: { rank: 20, college: false, band: true },
  },
  {
    term: "小学",
    code: "80",
    synonyms: ["小学学历", "primary", "primary school", "elementary"],
    facts: { rank: 20, college: false },
  },
] as const satisfies readonly (TermEntry & { readonly facts: EducationFacts })[];

export type BuiltinEducation = (typeof entries)[number]["term"];

export const EDUCATION_FACTS: ReadonlyMap<string, EducationFacts> = new Map(entries.map((e) => [e.term, e.facts]));

export const EDUCATION_DEFINITION: VocabularyDefinition<BuiltinEducation> = {
  name: "education",
  standard: "GB/T 4658-2006",
  entries,
  prefixes: ["全日制", "在职", "函授", "自考", "成人", "成教", "电大", "网络教育", "远程教育", "党校", "夜大"],
  suffixes: ["毕业", "结业", "学历"],
};
