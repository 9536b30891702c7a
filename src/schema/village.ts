import * as z from "zod";
import type { Evaluation, Reserve } from "../domain/model.js";
import {
  CRITERIA,
  DECISIONS,
  ETHNICITY,
  GENDER,
  GRADE_CODES,
  INTAKE,
  MENTOR_MODE,
  MENTOR_ROLE,
  PARTY_STAGE,
  RATING_CODES,
  SCREENING_RESULT,
  STATUS,
} from "../domain/terms.js";
import { BUILTIN, type Vocabularies } from "../domain/vocabulary-set.js";
import { count, isoDate, share, tag, term, text, villageCode } from "./common.js";

export const PERSON_ID = /^\d{12}-\d{2,}$/;

export const personId = z
  .string()
  .regex(PERSON_ID, tag("person-id-format"))
  .meta({ description: "内部编号：入库村代码-序号（不是身份证号）internal id" });

const mentorshipSchema = z.strictObject({
  name: text("帮带人姓名 mentor's name", 40),
  role: term(MENTOR_ROLE, "帮带人类别 category of the mentor's posts"),
  posts: z
    .array(text("帮带人职务 post", 40))
    .optional()
    .meta({ description: "帮带人职务，如 村党支部书记；一肩挑时写两个 the mentor's posts as the roster named them" }),
  mode: term(MENTOR_MODE, "帮带方式 mode"),
  from: isoDate("开始日期 from"),
  to: isoDate("结束日期 to").optional(),
});

const postSchema = (v: Vocabularies) =>
  z.strictObject({
    post: term(v.get("practice_post"), "定岗锻炼岗位 practice post"),
    from: isoDate("开始日期 from"),
    to: isoDate("结束日期 to").optional(),
  });

const meetingSchema = z.strictObject({
  date: isoDate("列席日期 date"),
  title: text("会议 meeting", 100),
});

const partyStepSchema = z.strictObject({
  stage: term(PARTY_STAGE, "发展阶段 stage"),
  date: isoDate("确定日期 date"),
});

const statusChangeSchema = z.strictObject({
  status: term(STATUS, "状态 status"),
  date: isoDate("日期 date").optional(),
  reason: text("原因 reason", 200).optional(),
});

const screeningSchema = z.strictObject({
  department: text("联审部门 department", 40),
  date: isoDate("审查日期 date"),
  result: term(SCREENING_RESULT, "结果 result"),
  item: text("涉及的负面清单条目 negative-list item", 200).optional(),
});

const ratingsSchema = z.strictObject(
  Object.fromEntries(CRITERIA.map((c) => [c, z.enum(RATING_CODES).optional()])) as Record<
    (typeof CRITERIA)[number],
    z.ZodOptional<z.ZodEnum<{ [K in (typeof RATING_CODES)[number]]: K }>>
  >,
);

const votesSchema = z.strictObject(
  Object.fromEntries(GRADE_CODES.map((g) => [g, count("票数 votes")])) as Record<
    (typeof GRADE_CODES)[number],
    z.ZodNumber
  >,
);

const evaluationSchema = z.strictObject({
  date: isoDate("测评日期 date").optional(),
  ratings: ratingsSchema.meta({ description: "四项指标评价（代码）study/work/skill/results: good/fair/average/poor" }),
  votes: votesSchema.optional().meta({ description: "民主测评票数 democratic assessment votes" }),
  raters: count("参评人数 number of raters").optional(),
  training_rate: share("参训率 training attendance rate").optional(),
  score: z.number().min(0).max(100).optional(),
  grade: z.enum(GRADE_CODES).optional(),
  decision: z.enum(DECISIONS).optional(),
  reasons: z.array(text("调整理由 reason", 40)).optional(),
  note: text("测评表备注 note", 500).optional(),
}) satisfies z.ZodType<Evaluation>;

const moveSchema = z.strictObject({
  date: isoDate("调动日期 date"),
  from_village: villageCode.meta({ description: "调出村代码 village moved from（12 位数字）" }),
  to_village: villageCode.meta({ description: "调入村代码 village moved to（12 位数字）" }),
  reason: text("调动原因 reason", 200),
});

/** One person's file (一人一档). Keys are written in this order. */
function makeReserveSchema(v: Vocabularies) {
  return z.strictObject({
    id: personId,
    name: text("姓名 name", 50),
    gender: term(GENDER, "性别 gender"),
    ethnicity: term(ETHNICITY, "民族 ethnicity"),
    id_number: z.string().meta({ description: "公民身份号码（18 位，GB 11643）resident ID number" }),
    phone: z.string().optional().meta({ description: "联系电话 phone" }),
    education: term(v.get("education"), "学历 education"),
    political_status: term(v.get("political_status"), "政治面貌 political status"),
    source: term(v.get("source"), "来源 source"),
    intake: term(INTAKE, "方式：内选 / 外引 intake"),
    selection: z
      .strictObject({
        survey: isoDate("村级摸底日期").optional(),
        township: isoDate("乡镇推荐日期").optional(),
        county: isoDate("县级审核日期（通过后计入后备干部库）").optional(),
      })
      .meta({ description: "选拔程序 selection steps: survey 村级摸底, township 乡镇推荐, county 县级审核" }),
    entry_date: isoDate("入库时间 entry date").optional(),
    target_post: term(v.get("target_post"), "培养方向 target post").optional(),
    specialties: z.array(text("特长 specialty", 40)).optional(),
    mentors: z.array(mentorshipSchema).optional().meta({ description: "帮带人 mentors (一带一 / 多带一)" }),
    posts: z.array(postSchema(v)).optional().meta({ description: "定岗锻炼 practice posts" }),
    meetings: z.array(meetingSchema).optional().meta({ description: "列席会议 meetings attended" }),
    party: z.array(partyStepSchema).optional().meta({ description: "入党培养阶段 party-development steps" }),
    screening: z.array(screeningSchema).optional().meta({ description: "资格联审 eligibility screening" }),
    trainings: z
      .array(z.string().min(1))
      .optional()
      .meta({ description: "参加的培训场次编号 training sessions attended (ids of sessions in trainings/)" }),
    status: term(STATUS, "状态 status"),
    status_changes: z.array(statusChangeSchema).optional().meta({ description: "状态变动记录 status changes" }),
    moves: z
      .array(moveSchema)
      .optional()
      .meta({ description: "调动记录（reserve move；内部编号不随调动改变）moves between villages" }),
    evaluations: z
      .record(z.string().regex(/^\d{4}$/, tag("bad-value")), evaluationSchema)
      .optional()
      .meta({ description: "年度测评，按年度 evaluations by year" }),
    note: text("备注 note", 500).optional(),
  }) satisfies z.ZodType<Reserve>;
}

/** One person's file as the built-in vocabularies define it (the JSON Schema, the writer's key order). */
export const reserveSchema = makeReserveSchema(BUILTIN);

const schemas = new Map<string, typeof reserveSchema>([["", reserveSchema]]);

/** One person's file for a library whose policy adds terms (made once per set of additions). */
export function reserveSchemaFor(v: Vocabularies): typeof reserveSchema {
  let s = schemas.get(v.fingerprint);
  if (!s) schemas.set(v.fingerprint, (s = makeReserveSchema(v)));
  return s;
}

/** villages/<code>.yaml: 一村一册. */
export const villageFileSchema = z
  .strictObject({
    village: villageCode,
    reserves: z.array(z.unknown()).meta({ description: "本村后备干部 the village's reserves" }),
  })
  .meta({ title: "reserve 一村一册 villages/<code>.yaml" });

/** The same schema with reserves typed, used for the JSON Schema editors read. */
export const villageFileDocSchema = villageFileSchema.extend({ reserves: z.array(reserveSchema) });
