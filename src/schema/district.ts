import * as z from "zod";
import type { EvaluationPolicy, Policy } from "../domain/model.js";
import {
  CRITERIA,
  EDUCATION,
  GRADE_CODES,
  MENTOR_ROLE,
  PARTY_STAGE,
  RATING_CODES,
  SOURCE,
  VOCABULARY_KINDS,
  VOCABULARY_NAMES,
  type VocabularyName,
} from "../domain/terms.js";
import { URBAN_RURAL_CODES } from "../domain/unit-kind.js";
import { count, districtCode, isoDate, share, tag, term, text, townCode, villageCode } from "./common.js";

const unitStatus = z
  .enum(["正常", "已合并", "已撤销"])
  .meta({ description: "状态：正常 / 已合并（写明 replaced_by）/ 已撤销" });

export const villageEntrySchema = z.strictObject({
  code: villageCode,
  name: text("村名 village name", 60),
  kind: z
    .enum(["村", "社区"])
    .optional()
    .meta({ description: "村（村民委员会，默认，有储备数量要求）或 社区（居民委员会）" }),
  urban_rural: z.enum(URBAN_RURAL_CODES).optional().meta({
    description:
      "城乡分类代码 urban-rural class: 111 主城区、112 城乡结合区、121 镇中心区、122 镇乡结合区、123 特殊区域、210 乡中心区、220 村庄（不决定村或社区）",
  }),
  status: unitStatus.optional(),
  replaced_by: villageCode.optional().meta({ description: "合并后的村代码 the village it was merged into" }),
  changed: isoDate("区划调整日期 date of the change").optional(),
});

export const townEntrySchema = z.strictObject({
  code: townCode,
  name: text("乡镇名 town name", 60),
  status: unitStatus.optional(),
  replaced_by: townCode.optional(),
  changed: isoDate("区划调整日期 date of the change").optional(),
  villages: z.array(villageEntrySchema).meta({ description: "本乡镇的行政村 villages of the town" }),
});

const byCode = <K extends string, V extends z.ZodType>(keys: readonly K[], value: V) =>
  z.strictObject(Object.fromEntries(keys.map((k) => [k, value])) as Record<K, V>);

const evaluationPolicySchema = z.strictObject({
  due: z
    .string()
    .regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, tag("bad-value"))
    .meta({ description: "测评截止月日 MM-DD of the evaluation year" }),
  rating_labels: byCode(RATING_CODES, text("评价等次名称 rating label", 10)),
  rating_points: byCode(RATING_CODES, z.number().min(0).max(100)),
  criteria_weights: byCode(CRITERIA, share("指标权重 weight of a criterion")),
  poor_reasons: byCode(CRITERIA, text("评为“差”时的调整理由 reason when rated poor", 20)),
  components: z.strictObject({
    criteria: share("四项指标占比 share of the four criteria"),
    democratic: share("民主测评占比 share of the democratic assessment"),
    training: share("参训率占比 share of training attendance"),
  }),
  vote_points: byCode(GRADE_CODES, z.number().min(0).max(100)),
  grade_labels: byCode(GRADE_CODES, text("等次名称 grade label", 10)),
  grade_bands: z.strictObject({
    excellent: z.number().min(0).max(100),
    competent: z.number().min(0).max(100),
    basic: z.number().min(0).max(100),
  }),
}) satisfies z.ZodType<EvaluationPolicy>;

const additionSchema = z.strictObject({
  term: text("用语：已有的规范用语（只加同义词），或新增的用语 a standard term, or a new one", 40),
  synonyms: z.array(text("同义词 synonym", 40)).optional().meta({ description: "导入时认作该用语的写法 synonyms" }),
  counts_as: text("新增学历、政治面貌按哪个内置用语统计 the built-in term a new one counts as", 40).optional(),
  category: term(MENTOR_ROLE, "新增帮带人职务的类别 the category of a new mentor post").optional(),
});

function additionsDescription(name: VocabularyName): string {
  const kind = VOCABULARY_KINDS[name];
  if (!kind.open) return `${name}：只能添加同义词 synonyms only`;
  if (kind.needs === "counts_as") return `${name}：可添加同义词，或新增用语并写明 counts_as`;
  if (kind.needs === "category") return `${name}：可添加同义词，或新增职务并写明 category`;
  return `${name}：可添加同义词或新增用语 synonyms or new terms`;
}

const vocabularySchema = z
  .strictObject(
    Object.fromEntries(
      VOCABULARY_NAMES.map((n) => [
        n,
        z
          .array(additionSchema)
          .optional()
          .meta({ description: additionsDescription(n) }),
      ]),
    ) as Record<VocabularyName, z.ZodOptional<z.ZodArray<typeof additionSchema>>>,
  )
  .meta({ description: "本区县增加的用语和同义词（见 docs/import.md）terms and synonyms the district adds" });

export const policySchema = z.strictObject({
  quota: z.strictObject({
    min: count("每村最少后备干部人数 minimum reserves per village"),
    target: count("每村目标人数 target reserves per village"),
    max: count("每村最多人数 maximum reserves per village").optional(),
  }),
  age: z.strictObject({
    min: count("最低年龄 minimum age"),
    max: count("最高年龄 maximum age"),
    max_by_education: z
      .partialRecord(z.enum(EDUCATION.values), count("该学历的最高年龄"))
      .optional()
      .meta({ description: "按学历的年龄上限 upper age limit by education" }),
  }),
  education_floor: term(EDUCATION, "最低学历（低于此为提醒）education floor"),
  // Checked against the library's own sources (built in, and those its vocabulary adds) when read.
  external_sources: z.array(text("外引来源 external source", 40)).meta({
    description: `外引来源 sources counted as 外引: ${SOURCE.values.join("、")} or a source policy.vocabulary adds`,
  }),
  training: z.strictObject({ min_sessions: count("年度最少参训次数 minimum sessions per year") }),
  mentoring: z.strictObject({
    max_reserves_per_mentor: count("每名帮带人最多帮带人数 reserves per mentor"),
    roles: z.array(term(MENTOR_ROLE, "帮带人职务 mentor role")),
  }),
  party_stage_months: z
    .partialRecord(z.enum(PARTY_STAGE.values), count("停留月数上限 months"))
    .meta({ description: "各发展阶段停留月数上限 months allowed at each party-development stage" }),
  structure: z.strictObject({
    women: share("女性占比下限 minimum share of women"),
    under_35: share("35 岁以下占比下限 minimum share under 35"),
    party_members: share("党员占比下限 minimum share of party members"),
    college: share("大专以上占比下限 minimum share with 大专+"),
  }),
  screening: z.strictObject({
    list: text("负面清单版本 version of the negative list", 20),
    window_days: count("联审有效天数 days an attestation stays valid before the election"),
    departments: z.array(text("联审部门 checking department", 40)),
    negative_list: z.array(text("负面清单条目 negative-list item", 200)),
  }),
  evaluation: evaluationPolicySchema,
  election: z.strictObject({
    year: z.number().int().min(2000).max(2100).meta({ description: "换届年度 election year" }),
    date: isoDate("换届选举日期 election date").optional(),
    next_year: z.number().int().min(2000).max(2100).optional(),
  }),
  vocabulary: vocabularySchema.optional(),
}) satisfies z.ZodType<Policy>;

/** district.yaml: the district, its towns and villages, the working year and the policy. */
export const districtFileSchema = z
  .strictObject({
    code: districtCode,
    name: text("区县名称 district name", 40),
    city: text("市 city", 40).optional(),
    province: text("省 province", 40).optional(),
    year: z
      .number()
      .int()
      .min(2000)
      .max(2100)
      .meta({ description: "工作年度：审计和报告默认的年度 the library's working year" }),
    policy: policySchema,
    towns: z.array(townEntrySchema),
  })
  .meta({ title: "reserve 区县登记册 district.yaml" });

export type DistrictFile = z.infer<typeof districtFileSchema>;
