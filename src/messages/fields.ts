import type { Lang } from "./lang.js";

/** Names of record fields as users know them, for messages and column headers. */
export const FIELD_LABELS: Readonly<Record<string, { zh: string; en: string }>> = {
  id: { zh: "内部编号", en: "internal id" },
  name: { zh: "姓名", en: "name" },
  gender: { zh: "性别", en: "gender" },
  ethnicity: { zh: "民族", en: "ethnicity" },
  id_number: { zh: "身份证号", en: "ID number" },
  phone: { zh: "联系电话", en: "phone" },
  education: { zh: "学历", en: "education" },
  political_status: { zh: "政治面貌", en: "political status" },
  source: { zh: "来源", en: "source" },
  intake: { zh: "方式", en: "intake" },
  selection: { zh: "选拔程序", en: "selection" },
  survey: { zh: "村级摸底", en: "village survey" },
  township: { zh: "乡镇", en: "township" },
  county: { zh: "县级审核", en: "county review" },
  entry_date: { zh: "入库时间", en: "entry date" },
  target_post: { zh: "培养方向", en: "target post" },
  specialties: { zh: "特长", en: "specialties" },
  mentors: { zh: "帮带人", en: "mentors" },
  mentor: { zh: "帮带人", en: "mentor" },
  mentor_role: { zh: "帮带人职务", en: "mentor role" },
  role: { zh: "职务", en: "role" },
  mode: { zh: "帮带方式", en: "mode" },
  from: { zh: "开始日期", en: "from" },
  to: { zh: "结束日期", en: "to" },
  posts: { zh: "定岗锻炼", en: "practice posts" },
  post: { zh: "岗位", en: "post" },
  meetings: { zh: "列席会议", en: "meetings" },
  party: { zh: "入党培养", en: "party development" },
  stage: { zh: "发展阶段", en: "stage" },
  screening: { zh: "资格联审", en: "eligibility screening" },
  department: { zh: "联审部门", en: "department" },
  result: { zh: "结果", en: "result" },
  trainings: { zh: "参加培训", en: "trainings" },
  status: { zh: "状态", en: "status" },
  status_changes: { zh: "状态变动", en: "status changes" },
  moves: { zh: "调动记录", en: "moves" },
  from_village: { zh: "调出村", en: "village moved from" },
  to_village: { zh: "调入村", en: "village moved to" },
  reason: { zh: "原因", en: "reason" },
  evaluations: { zh: "年度测评", en: "evaluations" },
  note: { zh: "备注", en: "note" },
  date: { zh: "日期", en: "date" },
  title: { zh: "标题", en: "title" },
  code: { zh: "代码", en: "code" },
  village: { zh: "村", en: "village" },
  village_code: { zh: "村代码", en: "village code" },
  town: { zh: "乡镇", en: "town" },
  year: { zh: "年度", en: "year" },
  level: { zh: "层级", en: "level" },
  topics: { zh: "培训内容", en: "topics" },
  hours: { zh: "学时", en: "hours" },
  replaced_by: { zh: "并入", en: "replaced by" },
  sessions: { zh: "培训场次", en: "sessions" },
  unit: { zh: "举办单位", en: "organising unit" },
  score: { zh: "得分", en: "score" },
  grade: { zh: "等次", en: "grade" },
  ratings: { zh: "评价", en: "ratings" },
  votes: { zh: "民主测评票数", en: "votes" },
  raters: { zh: "参评人数", en: "raters" },
  policy: { zh: "政策", en: "policy" },
  item: { zh: "负面清单条目", en: "negative-list item" },
  urban_rural: { zh: "城乡分类代码", en: "urban-rural class" },
};

/**
 * `mentors[0].role` → "职务（mentors[0].role）"; a plain key → its label. The label is that of the
 * last named key, so `evaluations.2021.score` and `sessions[1].unit` read naturally.
 */
export function fieldLabel(field: string | number | undefined, lang: Lang): string {
  const f = String(field ?? "");
  // A finding about a whole entry of a list (a record written as plain text, say) has no field.
  if (f === "") return lang === "zh" ? "该项" : "this entry";
  const keys = f.match(/[A-Za-z_]+/g) ?? [];
  const last = [...keys].reverse().find((k) => FIELD_LABELS[k]) ?? f;
  const label = FIELD_LABELS[last]?.[lang];
  if (!label) return f;
  if (f === last) return label;
  return lang === "zh" ? `${label}（${f}）` : `${label} (${f})`;
}
