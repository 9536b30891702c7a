import { describe, expect, it } from "vitest";
import type { Mentorship, Reserve } from "../../src/domain/model.js";
import { requiredSessions } from "../../src/rules/training.js";
import { person, trainingYear } from "../helpers/library.js";
import { cleanBooks, rec, run, runArgs, V1, V2, V4, withPolicy } from "./helpers.js";

function withV1(...people: Reserve[]) {
  return { ...cleanBooks(), [V1]: people };
}

const mentor = (name: string, more: Partial<Mentorship> = {}): Mentorship => ({
  name,
  role: "包村干部",
  mode: "一带一",
  from: "2021-01-05",
  ...more,
});

describe("mentoring", () => {
  it("wants a mentor current on the audit date for everyone in the pool", () => {
    const books = withV1(
      person(V1, 1, { mentors: undefined }),
      person(V1, 2, { mentors: [mentor("李明", { to: "2021-06-30" })] }),
      person(V1, 3, { mentors: [mentor("李明", { from: "2022-01-01" })] }),
      person(V1, 4, { mentors: [], selection: { survey: "2021-11-01" }, entry_date: undefined }),
    );
    expect(run(["mentoring"], { books })).toEqual([
      ["mentor-missing", rec(V1, 0, "mentors"), V1, `${V1}-01`],
      ["mentor-missing", rec(V1, 1, "mentors"), V1, `${V1}-02`],
      ["mentor-missing", rec(V1, 2, "mentors"), V1, `${V1}-03`],
    ]);
    expect(runArgs(["mentoring"], { books }).map((f) => f.ended)).toEqual(["", "2021-06-30", ""]);
  });

  it("checks the current mentors' roles against the policy", () => {
    const district = withPolicy({ mentoring: { max_reserves_per_mentor: 1, roles: ["包村干部", "驻村第一书记"] } });
    const books = withV1(
      person(V1, 1, { mentors: [mentor("张华", { role: "村“两委”成员" })] }),
      person(V1, 2, { mentors: [mentor("赵丽", { role: "村“两委”成员", to: "2021-03-01" }), mentor("钱进")] }),
      person(V1, 3),
    );
    expect(run(["mentoring"], { district, books })).toEqual([
      ["mentor-role-not-allowed", rec(V1, 0, "mentors", 0, "role"), V1, `${V1}-01`],
    ]);
  });

  it("warns on the links beyond what a mentor may take, within a town", () => {
    const books = {
      ...cleanBooks(),
      [V1]: [
        person(V1, 1, { mentors: [mentor("李明", { from: "2021-02-01" })] }),
        person(V1, 2, { mentors: [mentor("李明", { from: "2021-01-05" })] }),
        person(V1, 3),
      ],
      [V2]: [person(V2, 1, { mentors: [mentor("李明", { from: "2021-03-01" })] }), person(V2, 2), person(V2, 3)],
      // The same name in another town is another person.
      [V4]: [person(V4, 1, { mentors: [mentor("李明")] }), person(V4, 2), person(V4, 3)],
    };
    expect(run(["mentoring"], { books })).toEqual([
      ["mentor-overloaded", rec(V1, 0, "mentors", 0), V1, `${V1}-01`],
      ["mentor-overloaded", rec(V2, 0, "mentors", 0), V2, `${V2}-01`],
    ]);
    expect(runArgs(["mentoring"], { books })[0]).toMatchObject({
      mentor: "李明",
      count: 3,
      max: 1,
      names: "测试二〇一〇二、测试二〇一〇一、测试二〇二〇一",
    });
    const district = withPolicy({ mentoring: { max_reserves_per_mentor: 3, roles: ["包村干部"] } });
    expect(run(["mentoring"], { district, books })).toEqual([]);
  });
});

describe("training", () => {
  it("reports references to sessions no training year defines, whatever the status", () => {
    const books = withV1(
      person(V1, 1, {
        trainings: ["2021-01", "2021-02", "2021-03", "2021-04", "2021-05", "2021-06", "2021-07", "2021-13"],
      }),
      person(V1, 2, {
        trainings: ["2019-05"],
        status: "调整出库",
        status_changes: [{ status: "调整出库", date: "2021-03-01", reason: "外出务工" }],
      }),
      person(V1, 3),
    );
    expect(run(["training"], { books })).toEqual([
      ["training-below-min", rec(V1, 0, "trainings"), V1, `${V1}-01`],
      ["training-session-undefined", rec(V1, 0, "trainings", 7), V1, `${V1}-01`],
      ["training-session-undefined", rec(V1, 1, "trainings", 0), V1, `${V1}-02`],
    ]);
    expect(runArgs(["training"], { books }).map((f) => [f.id, f.yearFile])).toEqual([
      [undefined, undefined],
      ["2021-13", 1],
      ["2019-05", 0],
    ]);
  });

  it("judges attendance once the year is over, in proportion for people who entered during it", () => {
    const books = withV1(
      person(V1, 1, { trainings: ["2021-01", "2021-02"] }),
      person(V1, 2, {
        selection: { survey: "2021-05-01", township: "2021-05-20", county: "2021-06-16" },
        entry_date: "2021-06-16",
        trainings: ["2021-07", "2021-08", "2021-09", "2021-10"],
        evaluations: undefined,
      }),
      person(V1, 3, {
        selection: { survey: "2021-05-01", township: "2021-05-20", county: "2021-06-16" },
        entry_date: "2021-06-16",
        trainings: ["2021-07", "2021-08", "2021-09"],
        evaluations: undefined,
      }),
    );
    expect(run(["training"], { books }, { date: "2021-12-30" })).toEqual([]);
    expect(run(["training"], { books })).toEqual([
      ["training-below-min", rec(V1, 0, "trainings"), V1, `${V1}-01`],
      ["training-below-min", rec(V1, 2, "trainings"), V1, `${V1}-03`],
    ]);
    expect(runArgs(["training"], { books }).map((f) => [f.count, f.required, f.entered])).toEqual([
      [2, 8, ""],
      [3, 4, "2021-06-16"],
    ]);
    expect(run(["training"], { books }, { year: 2021, date: "2022-03-01" }).map((f) => f[3])).toEqual([
      `${V1}-01`,
      `${V1}-03`,
    ]);
  });

  it("wants the full minimum when no session is recorded for the year", () => {
    const spec = { books: cleanBooks(), trainings: [trainingYear(2020)] };
    const codes = run(["training"], spec).map((f) => f[0]);
    expect(codes.filter((c) => c === "training-below-min")).toHaveLength(9);
    // Every default person refers to eight 2021 sessions, which are now nowhere defined.
    expect(codes.filter((c) => c === "training-session-undefined")).toHaveLength(72);
    expect(runArgs(["training"], spec).find((f) => f.code === "training-below-min")).toMatchObject({
      count: 0,
      required: 8,
      held: 0,
    });
  });

  it("computes the required number in proportion to the sessions held since entry", () => {
    const year = trainingYear(2021).sessions;
    expect(requiredSessions(8, year, "2020-12-10")).toBe(8);
    expect(requiredSessions(8, year, "2021-06-16")).toBe(4);
    expect(requiredSessions(8, year, "2021-12-16")).toBe(0);
    expect(requiredSessions(8, [], "2020-12-10")).toBe(8);
  });
});

describe("practice-posts", () => {
  it("wants a post held during the audit year up to the audit date", () => {
    const books = withV1(
      person(V1, 1, { posts: undefined }),
      person(V1, 2, { posts: [{ post: "党小组长", from: "2020-03-01", to: "2020-12-31" }] }),
      person(V1, 3, { posts: [{ post: "党小组长", from: "2020-03-01", to: "2021-01-01" }] }),
    );
    expect(run(["practice-posts"], { books })).toEqual([
      ["practice-post-missing", rec(V1, 0, "posts"), V1, `${V1}-01`],
      ["practice-post-missing", rec(V1, 1, "posts"), V1, `${V1}-02`],
    ]);
    expect(runArgs(["practice-posts"], { books })[0]).toMatchObject({ from: "2021-01-01", to: "2021-12-31" });
    // The default post starts on 1 February: on 31 January nobody has held one yet this year.
    expect(run(["practice-posts"], { books: cleanBooks() }, { date: "2021-01-31" })).toHaveLength(9);
  });
});

describe("party-development", () => {
  it("wants a development stage for league members and the masses, not for other parties", () => {
    const books = withV1(
      person(V1, 1, { political_status: "群众" }),
      person(V1, 2, { political_status: "共青团员", party: [{ stage: "入党申请人", date: "2021-05-01" }] }),
      person(V1, 3, { political_status: "民盟盟员" }),
    );
    expect(run(["party-development"], { books })).toEqual([
      ["party-stage-missing", rec(V1, 0, "party"), V1, `${V1}-01`],
    ]);
  });

  it("warns when the latest stage has lasted longer than the policy allows", () => {
    const books = withV1(
      person(V1, 1, {
        political_status: "群众",
        party: [
          { stage: "入党申请人", date: "2019-03-01" },
          { stage: "入党积极分子", date: "2019-11-30" },
        ],
      }),
      person(V1, 2, { political_status: "中共预备党员", party: [{ stage: "预备党员", date: "2020-09-01" }] }),
      person(V1, 3, { political_status: "群众", party: [{ stage: "入党积极分子", date: "2020-01-01" }] }),
    );
    expect(run(["party-development"], { books })).toEqual([
      ["party-stage-overdue", rec(V1, 0, "party", 1), V1, `${V1}-01`],
      ["party-stage-overdue", rec(V1, 1, "party", 0), V1, `${V1}-02`],
    ]);
    expect(runArgs(["party-development"], { books }).map((f) => [f.stage, f.months, f.due])).toEqual([
      ["入党积极分子", 24, "2021-11-30"],
      ["预备党员", 15, "2021-12-01"],
    ]);
    const district = withPolicy({ party_stage_months: { 入党积极分子: 36 } });
    expect(run(["party-development"], { district, books })).toEqual([]);
  });
});
