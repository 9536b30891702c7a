import type { District, Reserve, TrainingYear } from "../../src/domain/model.js";
import { DEFAULT_POLICY } from "../../src/domain/policy-defaults.js";
import { idNumber, makeLibrary, smallDistrict, tempDir } from "../helpers/library.js";

/**
 * The small library every report test uses: two towns, five villages with a quota (one without a
 * file), a merged village still holding a record, a community; people in every state the report
 * distinguishes (in the pool, awaiting the county review, adjusted out with an evaluation, elected),
 * trainings at three levels, mentors, posts, party development, screening, evaluations; and names
 * that try formula and HTML injection.
 */

export const T1 = "640502100";
export const T2 = "640502101";
export const V1 = "640502100201"; // 沙坡村: 2 in the pool (below target), 1 adjusted out, 1 pending
export const V2 = "640502100202"; // 黄河村: 3 in the pool (at target), 1 elected
export const V3 = "640502100203"; // 新墩村: merged into 黄河村, still holds 1 record
export const V4 = "640502101201"; // 红泉村: 4 in the pool (above target)
export const V5 = "640502101202"; // 沙湾村: no file (below minimum)

export const SCREENING_DEPARTMENTS = ["组织部门", "公安机关"];

export function fixtureDistrict(): District {
  const base = smallDistrict();
  return {
    ...base,
    villages: [...base.villages, { code: V5, name: "沙湾村", town: T2, kind: "村", status: "正常" }],
    policy: {
      ...DEFAULT_POLICY,
      screening: { ...DEFAULT_POLICY.screening, departments: SCREENING_DEPARTMENTS },
      election: { year: 2021, date: "2021-11-26", next_year: 2026 },
    },
  };
}

const county = { survey: "2020-10-10", township: "2020-11-10", county: "2020-12-10" };

function cleared(date = "2021-09-01"): Reserve["screening"] {
  return SCREENING_DEPARTMENTS.map((department) => ({ department, date, result: "通过" as const }));
}

function r(village: string, n: number, fields: Partial<Reserve> & Pick<Reserve, "name" | "gender">): Reserve {
  const birth = fields.id_number ?? "";
  return {
    id: `${village}-${String(n).padStart(2, "0")}`,
    ethnicity: "汉族",
    id_number: birth,
    phone: `1390000${String(n).padStart(2, "0")}${village.slice(-2)}`,
    education: "高中",
    political_status: "中共党员",
    source: "村民小组长",
    intake: "内选",
    selection: county,
    entry_date: "2020-12-10",
    status: "在库",
    status_changes: [{ status: "在库", date: "2020-12-10", reason: "县级审核通过" }],
    ...fields,
  };
}

/** An ID number for a birth date and gender (sequence odd for men, even for women). */
const id = (birth: string, gender: "男" | "女", seq: number) =>
  idNumber("640502", birth, gender === "男" ? seq * 2 + 1 : seq * 2);

export const SESSIONS: TrainingYear = {
  year: 2021,
  sessions: [
    { id: "2021-01", date: "2021-03-10", title: "党史学习教育专题培训", level: "区级", topics: ["政治理论"], hours: 8 },
    {
      id: "2021-02",
      date: "2021-05-12",
      title: "滨河镇村务管理培训",
      level: "镇级",
      unit: T1,
      topics: ["业务知识"],
      hours: 4,
    },
    {
      id: "2021-03",
      date: "2021-06-20",
      title: "红泉村硒砂瓜种植技术",
      level: "村级",
      unit: V4,
      topics: ["技能训练"],
      hours: 3,
    },
    {
      id: "2021-04",
      date: "2021-09-15",
      title: "换届政策与选举程序",
      level: "区级",
      topics: ["政策法规"],
      hours: 6,
    },
    { id: "2021-05", date: "2021-11-05", title: "农村工作方法", level: "镇级", topics: ["农村工作方法"], hours: 4 },
  ],
};

export const EARLIER_SESSIONS: TrainingYear = {
  year: 2020,
  sessions: [
    { id: "2020-01", date: "2020-12-20", title: "新入库后备干部培训", level: "区级", topics: ["党建知识"], hours: 4 },
  ],
};

export function fixtureBooks(): Record<string, Reserve[]> {
  return {
    [V1]: [
      r(V1, 1, {
        name: "王建国",
        gender: "男",
        id_number: id("19850312", "男", 1),
        education: "大学专科",
        target_post: "村党组织书记",
        specialties: ["枸杞种植"],
        mentors: [
          { name: "李书记", role: "乡镇领导干部", mode: "一带一", from: "2021-01-05", to: "2021-06-30" },
          { name: "张主任", role: "包村干部", mode: "一带一", from: "2021-07-01" },
        ],
        posts: [{ post: "村党支部书记助理", from: "2021-03-01" }],
        meetings: [{ date: "2021-04-08", title: "村民代表会议" }],
        screening: cleared(),
        trainings: ["2020-01", "2021-01", "2021-02", "2021-04", "2021-05"],
        evaluations: {
          "2021": {
            date: "2021-12-15",
            ratings: { study: "good", work: "good", skill: "fair", results: "good" },
            votes: { excellent: 20, competent: 5, basic: 0, incompetent: 0 },
            raters: 25,
            training_rate: 1,
            score: 94.5,
            grade: "excellent",
            decision: "keep",
          },
        },
      }),
      r(V1, 2, {
        name: '=HYPERLINK("http://x","点我")',
        gender: "女",
        id_number: id("19930704", "女", 2),
        phone: "09517654321",
        education: "大学本科",
        political_status: "群众",
        source: "返乡大中专毕业生",
        target_post: "村委会主任",
        mentors: [{ name: "@王", role: "村“两委”成员", mode: "多带一", from: "2021-02-01" }],
        party: [
          { stage: "入党申请人", date: "2021-03-01" },
          { stage: "入党积极分子", date: "2021-09-01" },
        ],
        screening: [
          { department: "组织部门", date: "2021-08-20", result: "通过" },
          { department: "公安机关", date: "2021-03-01", result: "通过" },
        ],
        trainings: ["2021-01", "2021-04"],
        note: "+86 备注以加号开头",
      }),
      r(V1, 3, {
        name: "赵调出",
        gender: "男",
        id_number: id("19800101", "男", 3),
        trainings: ["2021-01"],
        status: "调整出库",
        status_changes: [
          { status: "在库", date: "2020-12-10", reason: "县级审核通过" },
          { status: "调整出库", date: "2021-12-20", reason: "年度测评不称职：学习不力、工作不实" },
        ],
        evaluations: {
          "2021": {
            date: "2021-12-15",
            ratings: { study: "poor", work: "poor", skill: "average", results: "average" },
            votes: { excellent: 0, competent: 3, basic: 5, incompetent: 17 },
            raters: 25,
            training_rate: 0.2,
            score: 48,
            grade: "incompetent",
            decision: "adjust_out",
            reasons: ["学习不力", "工作不实"],
          },
        },
      }),
      r(V1, 4, {
        name: "<script>alert(1)</script>",
        gender: "女",
        id_number: id("19990909", "女", 4),
        selection: { survey: "2021-10-10", township: "2021-11-20" },
        entry_date: undefined,
        status_changes: [{ status: "在库", date: "2021-11-20", reason: "乡镇推荐，待县级审核" }],
      }),
    ],
    [V2]: [
      r(V2, 1, {
        name: "马英",
        gender: "女",
        ethnicity: "回族",
        id_number: id("19880215", "女", 5),
        political_status: "中共预备党员",
        source: "致富能手",
        target_post: "村“两委”委员",
        party: [
          { stage: "入党申请人", date: "2019-05-01" },
          { stage: "入党积极分子", date: "2019-11-01" },
          { stage: "发展对象", date: "2020-11-01" },
          { stage: "预备党员", date: "2021-06-28" },
        ],
        mentors: [{ name: "周书记", role: "驻村第一书记", mode: "一带一", from: "2021-01-10" }],
        posts: [
          { post: "党小组长", from: "2021-02-01", to: "2021-08-31" },
          { post: "两委委员", from: "2021-09-01" },
        ],
        screening: cleared(),
        trainings: ["2021-01", "2021-02", "2021-04", "2021-05"],
        evaluations: {
          "2021": {
            ratings: { study: "fair", work: "good", skill: "fair", results: "fair" },
            votes: { excellent: 8, competent: 15, basic: 2, incompetent: 0 },
            raters: 25,
            score: 86,
            grade: "competent",
            decision: "keep",
          },
        },
      }),
      r(V2, 2, {
        name: "刘强",
        gender: "男",
        id_number: id("19750620", "男", 6),
        source: "复转军人",
        intake: "外引",
        education: "中专",
        mentors: [{ name: "周书记", role: "驻村第一书记", mode: "一带一", from: "2021-01-10" }],
        screening: [
          { department: "组织部门", date: "2021-08-20", result: "通过" },
          { department: "公安机关", date: "2021-08-22", result: "不通过", item: "被列为失信被执行人的" },
        ],
        trainings: ["2021-01", "2021-02"],
        evaluations: {
          "2021": {
            ratings: { study: "average", work: "average", skill: "average", results: "fair" },
            votes: { excellent: 1, competent: 10, basic: 12, incompetent: 2 },
            raters: 25,
            score: 70,
            grade: "basic",
            decision: "keep",
          },
        },
      }),
      r(V2, 3, {
        name: "陈静",
        gender: "女",
        id_number: id("19960101", "女", 7),
        political_status: "共青团员",
        source: "外出务工人员",
        // 一肩挑: the roster named both posts of the mentor.
        mentors: [
          {
            name: "张振华",
            role: "村“两委”成员",
            posts: ["村党支部书记", "村委会主任"],
            mode: "一带一",
            from: "2021-10-08",
          },
        ],
        screening: cleared(),
        trainings: ["2021-01", "2021-02", "2021-04", "2021-05"],
        // Worked in 沙坡村 for half a year and came back (reserve move, both ways).
        moves: [
          { date: "2021-03-01", from_village: V2, to_village: V1, reason: "到沙坡村合作社务工" },
          { date: "2021-09-20", from_village: V1, to_village: V2, reason: "返回黄河村" },
        ],
      }),
      r(V2, 4, {
        name: "孙当选",
        gender: "男",
        id_number: id("19820808", "男", 8),
        status: "已使用",
        status_changes: [
          { status: "在库", date: "2020-12-10", reason: "县级审核通过" },
          { status: "已使用", date: "2021-11-26", reason: "当选村委会主任" },
        ],
      }),
    ],
    [V3]: [r(V3, 1, { name: "吴留守", gender: "男", id_number: id("19900303", "男", 9) })],
    [V4]: [
      r(V4, 1, {
        name: "杨帆",
        gender: "男",
        id_number: id("19750101", "男", 10),
        education: "初中",
        political_status: "群众",
        source: "致富能手",
        screening: cleared(),
        trainings: ["2021-01", "2021-03", "2021-04", "2021-05"],
      }),
      r(V4, 2, {
        name: "何丽",
        gender: "女",
        id_number: id("19910520", "女", 11),
        education: "大学本科",
        source: "返乡大中专毕业生",
        target_post: "村会计",
        posts: [{ post: "村委会主任助理", from: "2021-04-01" }],
        screening: cleared(),
        trainings: ["2021-01", "2021-03"],
      }),
      r(V4, 3, {
        name: "郭勇",
        gender: "男",
        id_number: id("19780909", "男", 12),
        source: "外出能人",
        intake: "外引",
        screening: cleared(),
        trainings: ["2021-03"],
      }),
      r(V4, 4, {
        name: "韩梅",
        gender: "女",
        id_number: id("19840229", "女", 13),
        source: "其他",
        political_status: "中共党员",
        screening: cleared(),
        trainings: ["2021-01", "2021-03", "2021-04", "2021-05"],
      }),
    ],
  };
}

/** Writes the fixture library into a new temporary folder. */
export function fixtureLibrary(dir = tempDir("reserve-report-")): string {
  return makeLibrary(
    { district: fixtureDistrict(), books: fixtureBooks(), trainings: [EARLIER_SESSIONS, SESSIONS] },
    dir,
  );
}
