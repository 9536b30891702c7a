import type { Lang } from "./lang.js";

/** One line per rule for `reserve audit --list-rules`, keyed by the rule's name. */
export const RULE_DESCRIPTIONS: Readonly<Record<string, Readonly<Record<Lang, string>>>> = {
  quota: {
    zh: "每个行政村在库后备干部不少于最低人数（错误）、达到目标人数（警告）、不超过上限（警告）；待县级审核的人不计入，单独列出",
    en: "every village keeps at least the minimum (error), the target (warning) and at most the maximum (warning) in the pool; people awaiting the county review are listed, not counted",
  },
  "merged-villages": {
    zh: "已合并或已撤销的村不再储备后备干部，并指出应移往哪个村",
    en: "merged or abolished villages hold no reserves; says which village they went to",
  },
  "official-register": {
    zh: "登记册中的村代码应在本区县的统计用区划代码（2023 年版）中，并指出代码最接近或名称相同的官方村级单位（警告）",
    en: "the register's village codes are those of the official division table (2023) for the county; names the official unit with the nearest code or the same name (warning)",
  },
  duplicates: {
    zh: "同一身份证号不能在两处入库（错误）；同一乡镇同名且出生年月相同的两条记录（警告）",
    en: "one ID number is kept in one place only (error); two records in a town with the same name and birth month (warning)",
  },
  names: {
    zh: "姓名和帮带人姓名只含汉字、间隔号 ·、外文字母和空格（不含公式、标点、数字）",
    en: "names and mentors' names hold only Chinese characters, the middle dot ·, Latin letters and spaces (no formulas, punctuation, digits)",
  },
  "selection-steps": {
    zh: "选拔程序齐全且依次进行：村级摸底 ≤ 乡镇推荐 ≤ 县级审核 ≤ 入库时间",
    en: "selection steps complete and in order: village survey ≤ township recommendation ≤ county review ≤ entry date",
  },
  intake: {
    zh: "内选/外引与来源一致（外引的来源见 policy.external_sources）",
    en: "internal/external intake agrees with the source (policy.external_sources)",
  },
  age: {
    zh: "审计日的年龄在规定范围内（policy.age，可按学历规定上限）",
    en: "age on the audit date within the limits (policy.age, with limits by education)",
  },
  education: {
    zh: "学历不低于规定（policy.education_floor，低于为警告）",
    en: "education at or above the floor (policy.education_floor; below is a warning)",
  },
  screening: {
    zh: "资格联审：每个联审部门都有审查意见、均为通过、且在换届选举日前规定天数内",
    en: "eligibility screening: every checking department attested, passed, and within the window before the election",
  },
  mentoring: {
    zh: "在库后备干部都有在帮带的帮带人，职务符合规定；一名帮带人帮带人数不超过规定（警告）",
    en: "everyone in the pool has a current mentor with an allowed role; a mentor has no more reserves than allowed (warning)",
  },
  training: {
    zh: "年度参训次数不少于规定（年度结束后判断）；参加的培训场次都已登记",
    en: "training attendance in the year at or above the minimum (judged once the year is over); sessions attended are recorded",
  },
  "practice-posts": {
    zh: "在库后备干部本年度有定岗锻炼岗位",
    en: "everyone in the pool held a practice post during the year",
  },
  "party-development": {
    zh: "非党员后备干部有入党培养记录，且各阶段未超过规定时间（警告）",
    en: "non-members have a party-development stage, and no stage lasts longer than the policy allows (warnings)",
  },
  evaluation: {
    zh: "年初已在库的后备干部有本年度测评（到期后）；测评应调整出库的已调整",
    en: "everyone in the pool since before the year has its evaluation once due; those graded for adjustment have left the pool",
  },
  "status-changes": {
    zh: "每次状态变动都有日期和原因",
    en: "every status change has a date and a reason",
  },
  structure: {
    zh: "各村、各乡镇在库后备干部中女性、35 岁以下、党员、大专以上的占比不低于规定（警告）",
    en: "shares of women, under-35s, party members and 大专+ in each village's and town's pool against the policy (warnings)",
  },
};
