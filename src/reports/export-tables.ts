import type { District, Reserve, TrainingSession } from "../domain/model.js";
import { maskIdNumber, maskPhone } from "../domain/personal-data.js";
import { CRITERIA, GRADE_CODES } from "../domain/terms.js";
import { shownId, shownPhone } from "./format.js";
import type { PersonFacts, ReportModel } from "./model.js";

/**
 * `reserve export`: the library as a few flat tables for analysts (DuckDB, pandas, R, Power Query).
 * One row per person, per village, per training session, and one per entry of each list a person's
 * file holds (attendance, mentors, posts, meetings, party steps, screening, evaluations, status
 * changes). Column names are English snake_case and never change meaning (columns are only ever
 * added); each carries a Chinese and an English label for the labels file. Every table that is
 * about a person carries the district, town and village codes and the internal id, so tables join
 * on `person_id` and stack across districts.
 *
 * ID numbers and phones are masked unless revealed, and so is anything in free text that looks
 * like one (a note that says "联系电话 13912345678").
 */

/** Column types, as written into Parquet (DATE, INT32, DOUBLE, BOOLEAN, UTF8) and listed in the labels. */
export type FlatType = "string" | "int" | "double" | "date" | "bool";
export type FlatValue = string | number | boolean | null;

export interface FlatColumn {
  readonly name: string;
  readonly type: FlatType;
  readonly zh: string;
  readonly en: string;
}

export interface FlatTable {
  readonly name: string;
  readonly zh: string;
  readonly en: string;
  readonly columns: readonly FlatColumn[];
  readonly rows: readonly (readonly FlatValue[])[];
}

const c = (name: string, type: FlatType, zh: string, en: string): FlatColumn => ({ name, type, zh, en });

const PERSON_KEY: readonly FlatColumn[] = [
  c("district_code", "string", "区县代码", "district code"),
  c("town_code", "string", "乡镇代码", "town code"),
  c("village_code", "string", "村代码", "village code"),
  c("person_id", "string", "内部编号", "internal id"),
];
const SEQ = c("seq", "int", "序号（在档案中的次序）", "position in the person's file (from 1)");

const ID_LIKE = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g;
const MOBILE_LIKE = /(?<!\d)1[3-9]\d{9}(?!\d)/g;

/** Free text as exported: ID numbers and mobile numbers written into it masked too, unless revealed. */
export function maskedText(text: string | undefined, reveal: boolean): string | null {
  if (text === undefined) return null;
  if (reveal) return text;
  return text.replace(ID_LIKE, (m) => maskIdNumber(m.toUpperCase())).replace(MOBILE_LIKE, (m) => maskPhone(m));
}

const orNull = <T>(v: T | undefined): T | null => (v === undefined ? null : v);

function villagesTable(district: District): FlatTable {
  const towns = new Map(district.towns.map((t) => [t.code, t]));
  const q = district.policy.quota;
  const rows = [...district.villages]
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
    .map((v) => {
      const town = towns.get(v.town);
      const hasQuota = v.kind === "村" && v.status === "正常";
      return [
        district.code,
        district.name,
        v.town,
        town?.name ?? null,
        town?.status ?? null,
        v.code,
        v.name,
        v.kind,
        v.status,
        orNull(v.replaced_by),
        orNull(v.changed),
        hasQuota,
        hasQuota ? q.min : null,
        hasQuota ? q.target : null,
        hasQuota ? orNull(q.max) : null,
      ];
    });
  return {
    name: "villages",
    zh: "村（区划登记册）",
    en: "villages (the register)",
    columns: [
      c("district_code", "string", "区县代码", "district code"),
      c("district", "string", "区县", "district"),
      c("town_code", "string", "乡镇代码", "town code"),
      c("town", "string", "乡镇", "town"),
      c("town_status", "string", "乡镇区划状态", "town status"),
      c("village_code", "string", "村代码", "village code"),
      c("village", "string", "村", "village"),
      c("kind", "string", "类型（村/社区）", "kind (村 village / 社区 community)"),
      c("status", "string", "区划状态", "status (正常 / 已合并 / 已撤销)"),
      c("replaced_by", "string", "并入的村代码", "merged into (village code)"),
      c("changed", "date", "区划变更日期", "date of the change"),
      c("has_quota", "bool", "有储备任务", "keeps a quota (村 in force)"),
      c("quota_min", "int", "最低储备人数", "quota: minimum"),
      c("quota_target", "int", "目标储备人数", "quota: target"),
      c("quota_max", "int", "最多储备人数", "quota: maximum"),
    ],
    rows,
  };
}

function reservesTable(model: ReportModel, reveal: boolean): FlatTable {
  const d = model.district.code;
  const rows = model.people.map((f) => {
    const r = f.reserve;
    return [
      d,
      f.town,
      f.village,
      r.id,
      r.name,
      r.gender,
      r.ethnicity,
      shownId(r.id_number, reveal),
      r.phone === undefined ? null : shownPhone(r.phone, reveal),
      r.education,
      r.political_status,
      r.source,
      r.intake,
      orNull(r.selection.survey),
      orNull(r.selection.township),
      orNull(r.selection.county),
      orNull(r.entry_date),
      orNull(r.target_post),
      r.specialties && r.specialties.length > 0 ? maskedText(r.specialties.join("、"), reveal) : null,
      r.status,
      orNull(f.statusDate),
      orNull(f.age),
      f.inPool,
      f.pending,
      maskedText(r.note, reveal),
    ];
  });
  return {
    name: "reserves",
    zh: "后备干部（一人一行）",
    en: "reserves (one row per person)",
    columns: [
      ...PERSON_KEY,
      c("name", "string", "姓名", "name"),
      c("gender", "string", "性别", "gender"),
      c("ethnicity", "string", "民族", "ethnicity"),
      c("id_number", "string", "身份证号（默认隐去部分数字）", "ID number (masked unless --reveal)"),
      c("phone", "string", "联系电话（默认隐去部分数字）", "phone (masked unless --reveal)"),
      c("education", "string", "学历", "education"),
      c("political_status", "string", "政治面貌", "political status"),
      c("source", "string", "来源", "source"),
      c("intake", "string", "方式（内选/外引）", "intake (内选 internal / 外引 external)"),
      c("survey_date", "date", "村级摸底日期", "village survey (村级摸底)"),
      c("township_date", "date", "乡镇推荐日期", "township recommendation (乡镇推荐)"),
      c("county_date", "date", "县级审核日期", "county review (县级审核)"),
      c("entry_date", "date", "入库时间", "entry date"),
      c("target_post", "string", "培养方向", "target post"),
      c("specialties", "string", "特长（以“、”分隔）", "specialties (separated by 、)"),
      c("status", "string", "状态", "status"),
      c("status_date", "date", "最近一次状态变动日期", "date of the last status change"),
      c("age", "int", "年龄（导出日期）", "age on the export date"),
      c("in_pool", "bool", "计入在库（导出日期）", "in the pool on the export date"),
      c("pending", "bool", "待县级审核（导出日期）", "awaiting the county review on the export date"),
      c("note", "string", "备注", "note"),
    ],
    rows,
  };
}

/** The rows of a list a person's file holds, each led by the person's key. */
function personRows<T>(
  model: ReportModel,
  list: (r: Reserve) => readonly T[] | undefined,
  cells: (item: T, index: number, f: PersonFacts) => readonly FlatValue[],
): FlatValue[][] {
  const d = model.district.code;
  const out: FlatValue[][] = [];
  for (const f of model.people) {
    (list(f.reserve) ?? []).forEach((item, i) => out.push([d, f.town, f.village, f.reserve.id, ...cells(item, i, f)]));
  }
  return out;
}

function sessionsTable(model: ReportModel, sessions: readonly TrainingSession[]): FlatTable {
  return {
    name: "training_sessions",
    zh: "培训场次",
    en: "training sessions",
    columns: [
      c("district_code", "string", "区县代码", "district code"),
      c("year", "int", "年度", "year"),
      c("session_id", "string", "场次编号", "session id"),
      c("date", "date", "日期", "date"),
      c("title", "string", "内容", "title"),
      c("level", "string", "层级（区级/镇级/村级）", "level (区级 / 镇级 / 村级)"),
      c("unit", "string", "举办单位代码（乡镇或村）", "organising town or village (code)"),
      c("topics", "string", "类别（以“、”分隔）", "topics (separated by 、)"),
      c("hours", "double", "学时", "hours"),
    ],
    rows: sessions.map((s) => [
      model.district.code,
      Number(s.date.slice(0, 4)),
      s.id,
      s.date,
      s.title,
      s.level,
      orNull(s.unit),
      s.topics.join("、"),
      s.hours,
    ]),
  };
}

function attendanceTable(model: ReportModel): FlatTable {
  return {
    name: "training_attendance",
    zh: "培训签到（一人一场一行）",
    en: "training attendance (one row per person and session)",
    columns: [
      ...PERSON_KEY,
      c("session_id", "string", "场次编号", "session id"),
      c("session_date", "date", "场次日期（未登记的场次为空）", "session date (empty for a session not defined)"),
      c("year", "int", "场次年度", "session year"),
    ],
    rows: personRows(
      model,
      (r) => r.trainings,
      (id) => {
        const s = model.sessionIndex.get(id);
        return [id, s ? s.date : null, s ? Number(s.date.slice(0, 4)) : null];
      },
    ),
  };
}

function evaluationsTable(model: ReportModel, reveal: boolean): FlatTable {
  const d = model.district.code;
  const labels = model.policy.evaluation.grade_labels as Readonly<Record<string, string>>;
  const rows: FlatValue[][] = [];
  for (const f of model.people) {
    const evaluations = f.reserve.evaluations ?? {};
    for (const year of Object.keys(evaluations).sort()) {
      const e = evaluations[year]!;
      rows.push([
        d,
        f.town,
        f.village,
        f.reserve.id,
        Number(year),
        orNull(e.date),
        ...CRITERIA.map((k) => orNull(e.ratings[k])),
        ...GRADE_CODES.map((g) => (e.votes ? (e.votes[g] ?? 0) : null)),
        orNull(e.raters),
        orNull(e.training_rate),
        orNull(e.score),
        orNull(e.grade),
        e.grade === undefined ? null : (labels[e.grade] ?? e.grade),
        orNull(e.decision),
        e.reasons && e.reasons.length > 0 ? maskedText(e.reasons.join("、"), reveal) : null,
        maskedText(e.note, reveal),
      ]);
    }
  }
  return {
    name: "evaluations",
    zh: "年度测评（一人一年一行）",
    en: "evaluations (one row per person and year)",
    columns: [
      ...PERSON_KEY,
      c("year", "int", "测评年度", "year evaluated"),
      c("date", "date", "测评日期", "date"),
      c("rating_study", "string", "学习（good/fair/average/poor）", "study rating (good / fair / average / poor)"),
      c("rating_work", "string", "工作", "work rating"),
      c("rating_skill", "string", "业务", "skill rating"),
      c("rating_results", "string", "成效", "results rating"),
      c("votes_excellent", "int", "优秀票", "votes: excellent"),
      c("votes_competent", "int", "称职票", "votes: competent"),
      c("votes_basic", "int", "基本称职票", "votes: basically competent"),
      c("votes_incompetent", "int", "不称职票", "votes: incompetent"),
      c("raters", "int", "参评人数", "raters"),
      c("training_rate", "double", "参训率（0–1）", "training attendance rate (0–1)"),
      c("score", "double", "得分", "score"),
      c("grade", "string", "等次代码（excellent/competent/basic/incompetent）", "grade code"),
      c("grade_label", "string", "等次", "grade (the policy's label)"),
      c("decision", "string", "处理（keep/adjust_out）", "decision (keep / adjust_out)"),
      c("reasons", "string", "理由（以“、”分隔）", "reasons (separated by 、)"),
      c("note", "string", "备注", "note"),
    ],
    rows,
  };
}

/**
 * The flat tables of the library, from the report model of the year (which holds every person of
 * every village book, with the facts computed for the report date) and the register.
 */
export function exportTables(
  district: District,
  model: ReportModel,
  trainings: readonly TrainingSession[],
  reveal: boolean,
): FlatTable[] {
  const text = (s: string | undefined) => maskedText(s, reveal);
  return [
    villagesTable(district),
    reservesTable(model, reveal),
    sessionsTable(model, trainings),
    attendanceTable(model),
    {
      name: "mentoring",
      zh: "帮带（一人一名帮带人一行）",
      en: "mentoring (one row per person and mentor)",
      columns: [
        ...PERSON_KEY,
        SEQ,
        c("mentor_name", "string", "帮带人", "mentor"),
        c("mentor_role", "string", "帮带人类别", "category of the mentor's posts"),
        c("mentor_posts", "string", "帮带人职务（以“、”分隔）", "mentor's posts (separated by 、)"),
        c("mode", "string", "帮带方式（一带一/多带一）", "mode (一带一 / 多带一)"),
        c("from_date", "date", "开始", "from"),
        c("to_date", "date", "结束", "to"),
      ],
      rows: personRows(
        model,
        (r) => r.mentors,
        (m, i) => [
          i + 1,
          text(m.name),
          m.role,
          m.posts ? text(m.posts.join("、")) : null,
          m.mode,
          m.from,
          orNull(m.to),
        ],
      ),
    },
    {
      name: "posts",
      zh: "定岗锻炼",
      en: "practice posts",
      columns: [
        ...PERSON_KEY,
        SEQ,
        c("post", "string", "岗位", "post"),
        c("from_date", "date", "开始", "from"),
        c("to_date", "date", "结束", "to"),
      ],
      rows: personRows(
        model,
        (r) => r.posts,
        (p, i) => [i + 1, p.post, p.from, orNull(p.to)],
      ),
    },
    {
      name: "meetings",
      zh: "列席会议",
      en: "village meetings attended",
      columns: [...PERSON_KEY, SEQ, c("date", "date", "日期", "date"), c("title", "string", "会议", "meeting")],
      rows: personRows(
        model,
        (r) => r.meetings,
        (m, i) => [i + 1, m.date, text(m.title)],
      ),
    },
    {
      name: "party_steps",
      zh: "入党培养",
      en: "party development steps",
      columns: [...PERSON_KEY, SEQ, c("stage", "string", "阶段", "stage"), c("date", "date", "日期", "date")],
      rows: personRows(
        model,
        (r) => r.party,
        (p, i) => [i + 1, p.stage, p.date],
      ),
    },
    {
      name: "screening",
      zh: "资格联审",
      en: "eligibility screening",
      columns: [
        ...PERSON_KEY,
        SEQ,
        c("department", "string", "联审部门", "department"),
        c("date", "date", "日期", "date"),
        c("result", "string", "结果（通过/不通过）", "result (通过 passed / 不通过 failed)"),
        c("item", "string", "负面清单条目", "negative-list item"),
      ],
      rows: personRows(
        model,
        (r) => r.screening,
        (s, i) => [i + 1, s.department, s.date, s.result, text(s.item)],
      ),
    },
    evaluationsTable(model, reveal),
    {
      name: "status_changes",
      zh: "状态变动",
      en: "status changes",
      columns: [
        ...PERSON_KEY,
        SEQ,
        c("status", "string", "状态", "status"),
        c("date", "date", "日期", "date"),
        c("reason", "string", "原因", "reason"),
      ],
      rows: personRows(
        model,
        (r) => r.status_changes,
        (s, i) => [i + 1, s.status, orNull(s.date), text(s.reason)],
      ),
    },
  ];
}
