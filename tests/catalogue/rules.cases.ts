import type { Mentorship, Reserve } from "../../src/domain/model.js";
import { DEFAULT_POLICY } from "../../src/domain/policy-defaults.js";
import { idNumber } from "../helpers/library.js";
import { libraryCase, member, V1, V2, V3, V4, withRecords, type CatalogueCase } from "./case.js";

/** Reproducers of the audit rules' codes (src/diagnostics/codes/rules.ts). */

const adjusted = (r: Reserve, more: Partial<Reserve>): Reserve => ({ ...r, ...more });
const first = (records: Reserve[], more: Partial<Reserve>) => [adjusted(records[0]!, more), ...records.slice(1)];
const mentor = (name: string, more: Partial<Mentorship> = {}): Mentorship => ({
  name,
  role: "包村干部",
  mode: "一带一",
  from: "2021-01-05",
  ...more,
});
const man = (village: string, n: number, more: Partial<Reserve> = {}) =>
  member(village, n, { gender: "男", id_number: idNumber("640502", "19900101", 2 * n + 1), ...more });

export const cases: readonly CatalogueCase[] = [
  // Pool and quota
  libraryCase({
    code: "quota-below-min",
    meaning:
      "An active village keeps fewer reserves in the pool (past the county review, status 在库 or 列为考察对象) than policy.quota.min. People still awaiting the county review are named but not counted.",
    reproducer: "沙坡村 keeps one reserve in the pool; a second one awaits the county review",
    change: (b) => ({
      ...b,
      books: withRecords(b, V1, (r) => [
        r[0]!,
        adjusted(r[1]!, { selection: { survey: "2021-10-10" }, entry_date: undefined }),
      ]),
    }),
  }),
  libraryCase({
    code: "quota-below-target",
    meaning: "An active village keeps at least the minimum but fewer than policy.quota.target reserves in the pool.",
    reproducer: "黄河村 keeps two reserves",
    change: (b) => ({ ...b, books: withRecords(b, V2, (r) => r.slice(0, 2)) }),
  }),
  libraryCase({
    code: "quota-above-max",
    meaning: "An active village keeps more reserves in the pool than the optional policy.quota.max.",
    reproducer: "policy.quota.max is 3 and 沙坡村 keeps four",
    change: (b) => ({
      district: { ...b.district, policy: { ...DEFAULT_POLICY, quota: { min: 2, target: 3, max: 3 } } },
      books: withRecords(b, V1, (r) => [...r, member(V1, 4)]),
    }),
  }),
  libraryCase({
    code: "village-not-official",
    meaning:
      "A village with a quota has a code the official division table (统计用区划代码, 2023) lacks for the county: a code mistyped, or a village set up after that edition. The message names the official unit of the same name, or the one with the nearest code.",
    reproducer: "滨河镇 registers 640502100299 (not in the table)",
    change: (b) => ({
      ...b,
      district: {
        ...b.district,
        villages: [
          ...b.district.villages,
          { code: "640502100299", name: "新桥村", town: "640502100", kind: "村", status: "正常" },
        ],
      },
    }),
  }),
  libraryCase({
    code: "village-merged-holds-reserves",
    meaning:
      "A village marked 已合并 in district.yaml still holds people in (or entering) the pool. The message says which village it was merged into, following replaced_by.",
    reproducer: "新墩村 was merged into 黄河村 but its book still holds a reserve",
    change: (b) => ({ ...b, books: { ...b.books, [V3]: [member(V3, 1)] } }),
  }),
  libraryCase({
    code: "village-abolished-holds-reserves",
    meaning: "A village marked 已撤销 in district.yaml still holds people in (or entering) the pool.",
    reproducer: "西台村 was abolished but its book still holds a reserve",
    change: (b) => ({
      district: {
        ...b.district,
        villages: [
          ...b.district.villages,
          {
            code: "640502101202",
            name: "西台村",
            town: "640502101",
            kind: "村",
            status: "已撤销",
            changed: "2020-08-01",
          },
        ],
      },
      books: { ...b.books, "640502101202": [member("640502101202", 1)] },
    }),
  }),
  libraryCase({
    code: "person-in-two-villages",
    meaning: "The same ID number is held in the pool by two villages. Reported on every copy, naming the other place.",
    reproducer: "a reserve of 红泉村 has the ID number of 沙坡村's first reserve",
    change: (b) => ({
      ...b,
      books: withRecords(b, V4, (r) => [...r, man(V4, 4, { id_number: b.books[V1]![0]!.id_number })]),
    }),
  }),
  libraryCase({
    code: "person-entered-twice",
    meaning: "The same ID number appears twice in one village's book among people in (or entering) the pool.",
    reproducer: "沙坡村's book lists its first reserve twice, under two internal ids",
    change: (b) => ({
      ...b,
      books: withRecords(b, V1, (r) => [...r, man(V1, 4, { id_number: r[0]!.id_number })]),
    }),
  }),
  libraryCase({
    code: "possible-duplicate",
    meaning:
      "Two records in one town have the same name and birth month but different ID numbers: often one person entered twice with a mistyped number.",
    reproducer: "王建国, born March 1990, is kept by 沙坡村 and 黄河村 with different ID numbers",
    change: (b) => {
      const wang = (v: string, seq: number) =>
        member(v, 4, { name: "王建国", gender: "男", id_number: idNumber("640502", "19900315", seq) });
      return {
        ...b,
        books: {
          ...b.books,
          [V1]: [...b.books[V1]!, wang(V1, 11)],
          [V2]: [...b.books[V2]!, wang(V2, 13)],
        },
      };
    },
  }),

  // Selection
  libraryCase({
    code: "name-invalid",
    meaning:
      "A name (姓名, 帮带人) holds what no name holds: a formula (= + - @ first), markup (< >), a quote, a digit, punctuation or a control character. `reserve import` refuses it at the cell; the audit finds one a hand edit let in.",
    reproducer: "a name typed as the formula =1+1",
    change: (b) => ({ ...b, books: withRecords(b, V1, (r) => first(r, { name: "=1+1" })) }),
  }),
  libraryCase({
    code: "selection-step-missing",
    meaning:
      "A selection step is not dated although a later one is: internal selection (内选) goes through 村级摸底, 乡镇推荐 and 县级审核; everyone in the pool has a county review date and an entry date.",
    reproducer: "an internally selected reserve without a village survey date",
    change: (b) => ({
      ...b,
      books: withRecords(b, V1, (r) => first(r, { selection: { township: "2020-11-10", county: "2020-12-10" } })),
    }),
  }),
  libraryCase({
    code: "selection-out-of-order",
    meaning: "A selection step is dated before the step it follows (村级摸底 ≤ 乡镇推荐 ≤ 县级审核 ≤ 入库时间).",
    reproducer: "the township recommendation is dated before the village survey",
    change: (b) => ({
      ...b,
      books: withRecords(b, V1, (r) =>
        first(r, { selection: { survey: "2020-10-10", township: "2020-09-10", county: "2020-12-10" } }),
      ),
    }),
  }),
  libraryCase({
    code: "intake-source-mismatch",
    meaning:
      "The intake (内选/外引) disagrees with the source: sources listed in policy.external_sources are external recruitment, all others internal selection.",
    reproducer: "a veteran (复转军人) recorded as internal selection",
    change: (b) => ({ ...b, books: withRecords(b, V1, (r) => first(r, { source: "复转军人", intake: "内选" })) }),
  }),
  libraryCase({
    code: "age-below-min",
    meaning: "On the audit date the person is younger than policy.age.min (age from the ID number).",
    reproducer: "a reserve born in 2004",
    change: (b) => ({
      ...b,
      books: withRecords(b, V1, (r) => first(r, { id_number: idNumber("640502", "20040101", 11) })),
    }),
  }),
  libraryCase({
    code: "age-above-max",
    meaning:
      "On the audit date the person is older than policy.age.max, or than the limit policy.age.max_by_education sets for their education.",
    reproducer: "a reserve born in June 1975, 46 at the end of 2021",
    change: (b) => ({
      ...b,
      books: withRecords(b, V1, (r) => first(r, { id_number: idNumber("640502", "19750601", 11) })),
    }),
  }),
  libraryCase({
    code: "education-below-floor",
    meaning: "The person's education is below policy.education_floor (a warning).",
    reproducer: "a reserve with 初中 when the floor is 高中",
    change: (b) => ({ ...b, books: withRecords(b, V1, (r) => first(r, { education: "初中" })) }),
  }),
  libraryCase({
    code: "screening-missing",
    meaning:
      "Some of the departments in policy.screening.departments have no eligibility-screening (资格联审) attestation for a reserve in the pool.",
    reproducer: "two departments have not attested",
    change: (b) => ({
      ...b,
      books: withRecords(b, V1, (r) =>
        first(r, { screening: r[0]!.screening!.filter((a) => a.department !== "法院" && a.department !== "检察院") }),
      ),
    }),
  }),
  libraryCase({
    code: "screening-failed",
    meaning:
      "A department's latest attestation is 不通过: the person is caught by an item of the negative list (policy.screening.negative_list).",
    reproducer: "the court reports a listed item",
    change: (b) => ({
      ...b,
      books: withRecords(b, V1, (r) =>
        first(r, {
          screening: r[0]!.screening!.map((a) =>
            a.department === "法院" ? { ...a, result: "不通过" as const, item: "被列为失信被执行人的" } : a,
          ),
        }),
      ),
    }),
  }),
  libraryCase({
    code: "screening-stale",
    meaning:
      "Attestations are older than policy.screening.window_days before the election date (policy.election.date); judged once that window has opened.",
    reproducer: "the election is on 2021-11-26 and a reserve was screened on 2021-03-01",
    change: (b) => ({
      district: {
        ...b.district,
        policy: { ...DEFAULT_POLICY, election: { year: 2021, date: "2021-11-26", next_year: 2026 } },
      },
      books: withRecords(b, V1, (r) =>
        first(r, { screening: r[0]!.screening!.map((a) => ({ ...a, date: "2021-03-01" })) }),
      ),
    }),
  }),

  // Cultivation
  libraryCase({
    code: "mentor-missing",
    meaning: "A reserve in the pool has no mentorship current on the audit date.",
    reproducer: "the only mentorship ended on 2021-06-30",
    change: (b) => ({
      ...b,
      books: withRecords(b, V1, (r) => first(r, { mentors: [mentor("李明", { to: "2021-06-30" })] })),
    }),
  }),
  libraryCase({
    code: "mentor-overloaded",
    meaning:
      "A mentor (by name, within a town) is linked to more reserves than policy.mentoring.max_reserves_per_mentor; reported on the links beyond the limit, the most recent first.",
    reproducer: "李明 mentors two reserves of 沙坡村 under 一带一",
    change: (b) => ({
      ...b,
      books: withRecords(b, V1, (r) => [
        adjusted(r[0]!, { mentors: [mentor("李明")] }),
        adjusted(r[1]!, { mentors: [mentor("李明", { from: "2021-03-01" })] }),
        r[2]!,
      ]),
    }),
  }),
  libraryCase({
    code: "mentor-post-unknown",
    meaning:
      "A current mentor's post is in no table (built in, or added by policy.vocabulary.mentor_post), so it counts as 其他; a warning, since the post may only be missing from the tables. Also given by `reserve import` at the 帮带人职务 cell.",
    reproducer: "the mentor is the village's accountant (村会计)",
    change: (b) => ({
      ...b,
      books: withRecords(b, V1, (r) => first(r, { mentors: [mentor("张会计", { role: "其他", posts: ["村会计"] })] })),
    }),
  }),
  libraryCase({
    code: "mentor-role-not-allowed",
    meaning: "A current mentor's role is not one of policy.mentoring.roles.",
    reproducer: "the policy allows only township leaders and liaison cadres; the mentor is a committee member",
    change: (b) => ({
      district: {
        ...b.district,
        policy: { ...DEFAULT_POLICY, mentoring: { max_reserves_per_mentor: 1, roles: ["乡镇领导干部", "包村干部"] } },
      },
      books: withRecords(b, V1, (r) => first(r, { mentors: [mentor("张华", { role: "村“两委”成员" })] })),
    }),
  }),
  libraryCase({
    code: "training-below-min",
    meaning:
      "Once the year is over, a reserve in the pool attended fewer sessions of the year than policy.training.min_sessions (in proportion for people who entered during the year).",
    reproducer: "a reserve attended five sessions",
    change: (b) => ({
      ...b,
      books: withRecords(b, V1, (r) => first(r, { trainings: r[0]!.trainings!.slice(0, 5) })),
    }),
  }),
  libraryCase({
    code: "training-session-undefined",
    meaning: "A record refers to a training session id that no file of trainings/ defines.",
    reproducer: "a reserve attended session 2021-13",
    change: (b) => ({
      ...b,
      books: withRecords(b, V1, (r) => first(r, { trainings: [...r[0]!.trainings!, "2021-13"] })),
    }),
  }),
  libraryCase({
    code: "practice-post-missing",
    meaning: "A reserve in the pool held no practice post (定岗锻炼) during the audit year up to the audit date.",
    reproducer: "a reserve whose only post ended in 2020",
    change: (b) => ({
      ...b,
      books: withRecords(b, V1, (r) =>
        first(r, { posts: [{ post: "党小组长", from: "2020-03-01", to: "2020-12-31" }] }),
      ),
    }),
  }),
  libraryCase({
    code: "party-stage-missing",
    meaning: "A reserve who is a league member or one of the masses has no party-development step (a warning).",
    reproducer: "a reserve of the masses (群众) without a party-development record",
    change: (b) => ({ ...b, books: withRecords(b, V1, (r) => first(r, { political_status: "群众" })) }),
  }),
  libraryCase({
    code: "party-stage-overdue",
    meaning:
      "A reserve not yet a full member has stayed at the latest party-development stage longer than policy.party_stage_months allows (a warning).",
    reproducer: "an activist (入党积极分子) since 2019-06-01",
    change: (b) => ({
      ...b,
      books: withRecords(b, V1, (r) =>
        first(r, {
          political_status: "群众",
          party: [
            { stage: "入党申请人", date: "2019-01-10" },
            { stage: "入党积极分子", date: "2019-06-01" },
          ],
        }),
      ),
    }),
  }),

  // Management
  libraryCase({
    code: "evaluation-missing",
    meaning:
      "A reserve in the pool since before the audit year has no evaluation for the year once it is due (policy.evaluation.due, MM-DD).",
    reproducer: "a reserve without its 2021 evaluation",
    change: (b) => ({ ...b, books: withRecords(b, V1, (r) => first(r, { evaluations: undefined })) }),
  }),
  libraryCase({
    code: "evaluation-adjust-pending",
    meaning:
      "The latest evaluation graded a person for adjustment (decision adjust_out, or grade incompetent) but the status still counts in the pool.",
    reproducer: "graded 不称职 and to be adjusted out, still 在库",
    change: (b) => ({
      ...b,
      books: withRecords(b, V1, (r) =>
        first(r, {
          evaluations: {
            "2021": {
              date: "2021-12-20",
              ratings: { study: "poor", work: "poor", skill: "average", results: "poor" },
              grade: "incompetent",
              decision: "adjust_out",
              reasons: ["学习不力", "工作不实", "成效不彰"],
            },
          },
        }),
      ),
    }),
  }),
  libraryCase({
    code: "status-change-missing",
    meaning: "A status other than 在库 has no recorded change (status_changes is empty).",
    reproducer: "a reserve listed as 列为考察对象 without any status change",
    change: (b) => ({
      ...b,
      books: withRecords(b, V1, (r) => first(r, { status: "列为考察对象", status_changes: undefined })),
    }),
  }),
  libraryCase({
    code: "status-change-no-date",
    meaning: "A status change has no date.",
    reproducer: "the entry into the pool recorded without a date",
    change: (b) => ({
      ...b,
      books: withRecords(b, V1, (r) => first(r, { status_changes: [{ status: "在库", reason: "县级审核通过" }] })),
    }),
  }),
  libraryCase({
    code: "status-change-no-reason",
    meaning: "A status change gives no reason.",
    reproducer: "the entry into the pool recorded without a reason",
    change: (b) => ({
      ...b,
      books: withRecords(b, V1, (r) => first(r, { status_changes: [{ status: "在库", date: "2021-01-05" }] })),
    }),
  }),
  libraryCase({
    code: "village-structure-below",
    meaning:
      "In one village, the share of women, people under 35, party members or people with 大专+ among the reserves in the pool is below policy.structure (a warning).",
    reproducer: "沙坡村 keeps three men",
    change: (b) => ({ ...b, books: { ...b.books, [V1]: [man(V1, 1), man(V1, 2), man(V1, 3)] } }),
  }),
  libraryCase({
    code: "town-structure-below",
    meaning:
      "The same shares over all the active villages of a town (a warning). The town figure shows the district where the pool is thin across villages.",
    reproducer: "沙坡村 keeps three men, so 滨河镇 keeps one woman among six reserves",
    change: (b) => ({ ...b, books: { ...b.books, [V1]: [man(V1, 1), man(V1, 2), man(V1, 3)] } }),
  }),
];
