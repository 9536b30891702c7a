import { describe, expect, it } from "vitest";
import type { Evaluation, Reserve } from "../../src/domain/model.js";
import { DEFAULT_POLICY } from "../../src/domain/policy-defaults.js";
import { idNumber, person } from "../helpers/library.js";
import { book, cleanBooks, rec, run, runArgs, T1, T2, V1, V2, V4, withPolicy } from "./helpers.js";

function withV1(...people: Reserve[]) {
  return { ...cleanBooks(), [V1]: people };
}

const evaluation = (more: Partial<Evaluation> = {}): Evaluation => ({
  date: "2021-12-20",
  ratings: { study: "good", work: "good", skill: "good", results: "good" },
  grade: "competent",
  decision: "keep",
  ...more,
});

describe("evaluation", () => {
  it("wants the year's evaluation, once due, from everyone in the pool since before the year", () => {
    const books = withV1(
      person(V1, 1, { evaluations: undefined }),
      person(V1, 2, { evaluations: { "2020": evaluation({ date: "2020-12-20" }) } }),
      // Entered during the year: evaluated from next year on.
      person(V1, 3, {
        selection: { survey: "2021-03-01", township: "2021-03-20", county: "2021-04-10" },
        entry_date: "2021-04-10",
        evaluations: undefined,
      }),
      // Evaluated after the audit date: not yet.
      person(V1, 4, { evaluations: { "2021": evaluation({ date: "2022-01-05" }) } }),
    );
    expect(run(["evaluation"], { books })).toEqual([
      ["evaluation-missing", rec(V1, 0, "evaluations"), V1, `${V1}-01`],
      ["evaluation-missing", rec(V1, 1, "evaluations"), V1, `${V1}-02`],
      ["evaluation-missing", rec(V1, 3, "evaluations"), V1, `${V1}-04`],
    ]);
    expect(run(["evaluation"], { books }, { date: "2021-12-30" })).toEqual([]);
    const district = withPolicy({ evaluation: { ...DEFAULT_POLICY.evaluation, due: "11-30" } });
    expect(run(["evaluation"], { district, books }, { date: "2021-12-01", villages: [V1] })).toHaveLength(3);
  });

  it("reports people graded for adjustment who are still in the pool, at the decision or the grade", () => {
    const adjustedOut: Partial<Reserve> = {
      status: "调整出库",
      status_changes: [
        { status: "在库", date: "2021-01-05", reason: "县级审核通过" },
        { status: "调整出库", date: "2021-12-25", reason: "年度测评不称职" },
      ],
    };
    const books = withV1(
      person(V1, 1, { evaluations: { "2021": evaluation({ grade: "incompetent", decision: "adjust_out" }) } }),
      person(V1, 2, { evaluations: { "2021": evaluation({ grade: "incompetent", decision: undefined }) } }),
      person(V1, 3, {
        evaluations: { "2021": evaluation({ grade: "basic", decision: "adjust_out", reasons: ["学习不力"] }) },
      }),
      person(V1, 4, {
        ...adjustedOut,
        evaluations: { "2021": evaluation({ grade: "incompetent", decision: "adjust_out" }) },
      }),
      // An old adjustment grade followed by a better year is history.
      person(V1, 5, {
        evaluations: { "2020": evaluation({ date: "2020-12-20", grade: "incompetent" }), "2021": evaluation() },
      }),
    );
    expect(run(["evaluation"], { books })).toEqual([
      ["evaluation-adjust-pending", rec(V1, 0, "evaluations", "2021", "decision"), V1, `${V1}-01`],
      ["evaluation-adjust-pending", rec(V1, 1, "evaluations", "2021", "grade"), V1, `${V1}-02`],
      ["evaluation-adjust-pending", rec(V1, 2, "evaluations", "2021", "decision"), V1, `${V1}-03`],
    ]);
    expect(runArgs(["evaluation"], { books }).map((f) => [f.grade, f.reasons])).toEqual([
      ["不称职", ""],
      ["不称职", ""],
      ["基本称职", "学习不力"],
    ]);
  });
});

describe("status-changes", () => {
  it("wants a date and a reason on every change, and a recorded change for a status other than 在库", () => {
    const books = withV1(
      person(V1, 1, { status_changes: [{ status: "在库", reason: "县级审核通过" }] }),
      person(V1, 2, { status_changes: [{ status: "在库", date: "2021-01-05" }] }),
      person(V1, 3, { status: "列为考察对象", status_changes: undefined }),
      person(V1, 4, { status_changes: undefined }),
    );
    expect(run(["status-changes"], { books })).toEqual([
      ["status-change-no-date", rec(V1, 0, "status_changes", 0), V1, `${V1}-01`],
      ["status-change-no-reason", rec(V1, 1, "status_changes", 0), V1, `${V1}-02`],
      ["status-change-missing", rec(V1, 2, "status"), V1, `${V1}-03`],
    ]);
  });
});

describe("structure", () => {
  const man = (village: string, n: number, more: Partial<Reserve> = {}) =>
    person(village, n, { gender: "男", id_number: idNumber("640502", "19900101", 2 * n + 1), ...more });

  it("warns per village and per town when a share is below the policy", () => {
    const books = {
      ...cleanBooks(),
      [V1]: [man(V1, 1), man(V1, 2), man(V1, 3)],
      [V2]: [man(V2, 1), man(V2, 2), man(V2, 3), person(V2, 4)],
    };
    expect(run(["structure"], { books })).toEqual([
      ["town-structure-below", "district.yaml#towns.0", null, null],
      ["village-structure-below", book(V1, "reserves"), V1, null],
    ]);
    expect(
      runArgs(["structure"], { books }).map((f) => [f.name, f.measure, f.count, f.total, f.share, f.target]),
    ).toEqual([
      ["滨河镇", "women", 1, 7, 14, 20],
      ["滨河镇沙坡村", "women", 0, 3, 0, 20],
    ]);
  });

  it("checks all four measures against the policy's shares", () => {
    const old = (n: number) => idNumber("640502", "19800101", 2 * n + 1);
    const books = {
      ...cleanBooks(),
      [V4]: [
        man(V4, 1, {
          id_number: old(1),
          political_status: "群众",
          party: [{ stage: "入党申请人", date: "2021-05-01" }],
          education: "高中",
        }),
        man(V4, 2, { id_number: old(2), education: "高中" }),
        man(V4, 3, {
          id_number: old(3),
          political_status: "共青团员",
          party: [{ stage: "入党申请人", date: "2021-05-01" }],
          education: "高中",
        }),
      ],
    };
    const found = runArgs(["structure"], { books }).map((f) => [f.code, f.measure, f.count, f.total]);
    expect(found).toEqual([
      ["town-structure-below", "women", 0, 3],
      ["town-structure-below", "under_35", 0, 3],
      ["town-structure-below", "party_members", 1, 3],
      ["town-structure-below", "college", 0, 3],
      ["village-structure-below", "women", 0, 3],
      ["village-structure-below", "under_35", 0, 3],
      ["village-structure-below", "party_members", 1, 3],
      ["village-structure-below", "college", 0, 3],
    ]);
    expect(run(["structure"], { books }).map((f) => [f[1], f[2]])[0]).toEqual(["district.yaml#towns.1", null]);
    const lenient = withPolicy({ structure: { women: 0, under_35: 0, party_members: 0.3, college: 0 } });
    expect(run(["structure"], { district: lenient, books })).toEqual([]);
  });

  it("leaves town figures out of an audit of single villages", () => {
    const books = { ...cleanBooks(), [V1]: [man(V1, 1), man(V1, 2), man(V1, 3)], [V2]: [man(V2, 1), man(V2, 2)] };
    expect(run(["structure"], { books }, { villages: [V1] }).map((f) => f[0])).toEqual(["village-structure-below"]);
    expect(run(["structure"], { books }, { towns: [T1] }).map((f) => f[0])).toEqual([
      "town-structure-below",
      "village-structure-below",
      "village-structure-below",
    ]);
    expect(run(["structure"], { books }, { towns: [T2] })).toEqual([]);
  });
});
