import type { Policy } from "./model.js";

/**
 * The policy `reserve init` writes into a new library's district.yaml. They follow the practice
 * described in DESIGN §1 (Shapotou, 2021); once written they are the district's to change, and the
 * tool reads them from the library, never from here.
 */
export const DEFAULT_POLICY: Policy = {
  // 每个行政村至少储备 2–3 名后备干部.
  quota: { min: 2, target: 3 },
  // 一般 18–45 周岁; 大学本科以上学历的返乡人员按 40 周岁掌握 (the district may change both).
  age: { min: 18, max: 45, max_by_education: { 研究生: 40, 大学本科: 40 } },
  education_floor: "高中",
  // 外引 ("引凤还巢") brings back 外出能人 and 复转军人.
  external_sources: ["外出能人", "复转军人"],
  // 12 sessions in the year; attending fewer than 8 is a finding.
  training: { min_sessions: 8 },
  // 一带一: one mentor guides one reserve.
  mentoring: {
    max_reserves_per_mentor: 1,
    roles: ["乡镇领导干部", "包村干部", "驻村第一书记", "村“两委”成员"],
  },
  // 入党申请人 → 积极分子 → 发展对象 → 预备党员 → 党员, with the usual waiting times plus slack.
  party_stage_months: { 入党申请人: 12, 入党积极分子: 24, 发展对象: 12, 预备党员: 15 },
  structure: { women: 0.2, under_35: 0.3, party_members: 0.5, college: 0.3 },
  screening: {
    list: "2021",
    window_days: 180,
    departments: [
      "纪检监察机关",
      "组织部门",
      "政法委",
      "统战部门",
      "法院",
      "检察院",
      "公安机关",
      "司法行政部门",
      "信访部门",
      "民政部门",
      "自然资源部门",
      "卫生健康部门",
    ],
    negative_list: [
      "因故意犯罪受过刑事处罚的",
      "被判处刑罚或者刑满释放（缓刑期满）未满五年的",
      "涉黑涉恶受过处理的",
      "受到党纪政务处分尚未超过影响期的",
      "正在被立案审查调查或者涉嫌犯罪被司法机关立案侦查、审查起诉、审判的",
      "参与邪教组织、利用宗教干预村务的",
      "煽动群众闹事、扰乱公共秩序的",
      "有严重违法用地、违章建设行为拒不整改的",
      "拖欠集体资金、侵占集体资产拒不退还的",
      "被列为失信被执行人的",
    ],
  },
  evaluation: {
    due: "12-31",
    rating_labels: { good: "好", fair: "较好", average: "一般", poor: "差" },
    rating_points: { good: 100, fair: 85, average: 70, poor: 40 },
    criteria_weights: { study: 0.25, work: 0.25, skill: 0.25, results: 0.25 },
    poor_reasons: { study: "学习不力", work: "工作不实", skill: "业务不精", results: "成效不彰" },
    components: { criteria: 0.6, democratic: 0.3, training: 0.1 },
    vote_points: { excellent: 100, competent: 80, basic: 60, incompetent: 0 },
    grade_labels: { excellent: "优秀", competent: "称职", basic: "基本称职", incompetent: "不称职" },
    grade_bands: { excellent: 90, competent: 75, basic: 60 },
  },
  election: { year: 2021, next_year: 2026 },
};
