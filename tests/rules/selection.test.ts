import { describe, expect, it } from "vitest";
import { idNumber, person } from "../helpers/library.js";
import { cleanBooks, rec, run, runArgs, V1, withPolicy } from "./helpers.js";

/** The clean library with 沙坡村's first three people replaced. */
function withV1(...people: ReturnType<typeof person>[]) {
  return { ...cleanBooks(), [V1]: people };
}

describe("selection-steps", () => {
  it("reports missing steps of an internal selection where they belong", () => {
    const books = withV1(
      person(V1, 1, { selection: { county: "2020-12-10" } }),
      person(V1, 2, { entry_date: undefined }),
      person(V1, 3, { selection: { survey: "2020-10-10", township: "2020-11-10" }, entry_date: "2021-01-05" }),
      person(V1, 4, { selection: { township: "2021-11-01" }, entry_date: undefined }),
    );
    expect(run(["selection-steps"], { books })).toEqual([
      ["selection-step-missing", rec(V1, 0, "selection", "survey"), V1, `${V1}-01`],
      ["selection-step-missing", rec(V1, 0, "selection", "township"), V1, `${V1}-01`],
      ["selection-step-missing", rec(V1, 1, "entry_date"), V1, `${V1}-02`],
      ["selection-step-missing", rec(V1, 2, "selection", "county"), V1, `${V1}-03`],
      ["selection-step-missing", rec(V1, 3, "selection", "survey"), V1, `${V1}-04`],
    ]);
  });

  it("lets external recruits skip the village survey and township recommendation", () => {
    const books = withV1(
      person(V1, 1, { source: "复转军人", intake: "外引", selection: { county: "2020-12-10" } }),
      person(V1, 2),
      person(V1, 3),
    );
    expect(run(["selection-steps"], { books })).toEqual([]);
  });

  it("reports a step dated before the one it follows, on the later step", () => {
    const books = withV1(
      person(V1, 1, { selection: { survey: "2020-10-10", township: "2020-09-10", county: "2020-12-10" } }),
      person(V1, 2, { entry_date: "2020-12-01" }),
      person(V1, 3, { selection: { survey: "2020-10-10", county: "2020-11-10" }, intake: "内选" }),
    );
    expect(run(["selection-steps"], { books })).toEqual([
      ["selection-out-of-order", rec(V1, 0, "selection", "township"), V1, `${V1}-01`],
      ["selection-out-of-order", rec(V1, 1, "entry_date"), V1, `${V1}-02`],
      ["selection-step-missing", rec(V1, 2, "selection", "township"), V1, `${V1}-03`],
    ]);
    expect(runArgs(["selection-steps"], { books })[1]).toMatchObject({
      step: "entry_date",
      date: "2020-12-01",
      previous: "county",
      previousDate: "2020-12-10",
    });
  });
});

describe("intake", () => {
  it("checks intake against the sources the policy calls external", () => {
    const books = withV1(
      person(V1, 1, { source: "复转军人", intake: "内选" }),
      person(V1, 2, { source: "致富能手", intake: "外引" }),
      person(V1, 3, { source: "外出能人", intake: "外引" }),
    );
    expect(run(["intake"], { books })).toEqual([
      ["intake-source-mismatch", rec(V1, 0, "intake"), V1, `${V1}-01`],
      ["intake-source-mismatch", rec(V1, 1, "intake"), V1, `${V1}-02`],
    ]);
    const district = withPolicy({ external_sources: ["外出能人", "复转军人", "致富能手"] });
    expect(run(["intake"], { district, books }).map((f) => f[3])).toEqual([`${V1}-01`]);
  });
});

describe("age", () => {
  const born = (birth: string, n: number) => idNumber("640502", birth, 2 * n + 11);

  it("checks the age on the audit date against the limits, the younger one for higher education", () => {
    const books = withV1(
      person(V1, 1, { id_number: born("19750601", 1) }),
      person(V1, 3, { id_number: born("19800601", 3), education: "大学本科" }),
      person(V1, 5, { id_number: born("20040101", 5) }),
      person(V1, 7, { id_number: born("19810101", 7), education: "大学专科" }),
    );
    expect(run(["age"], { books })).toEqual([
      ["age-above-max", rec(V1, 0, "id_number"), V1, `${V1}-01`],
      ["age-above-max", rec(V1, 1, "id_number"), V1, `${V1}-03`],
      ["age-below-min", rec(V1, 2, "id_number"), V1, `${V1}-05`],
    ]);
    expect(runArgs(["age"], { books }).map((f) => [f.age, f.max ?? f.min, f.education ?? ""])).toEqual([
      [46, 45, ""],
      [41, 40, "大学本科"],
      [17, 18, ""],
    ]);
  });

  it("counts whole years: over a limit of 45 from the 46th birthday on", () => {
    const books = withV1(person(V1, 1, { id_number: born("19760601", 1) }), person(V1, 2), person(V1, 3));
    expect(run(["age"], { books }, { date: "2022-05-31", year: 2021 })).toEqual([]);
    expect(run(["age"], { books }, { date: "2022-06-01", year: 2021 }).map((f) => f[0])).toEqual(["age-above-max"]);
  });
});

describe("education", () => {
  it("warns below the policy floor", () => {
    const books = withV1(person(V1, 1, { education: "初中" }), person(V1, 2, { education: "高中" }), person(V1, 3));
    expect(run(["education"], { books })).toEqual([["education-below-floor", rec(V1, 0, "education"), V1, `${V1}-01`]]);
    const district = withPolicy({ education_floor: "大学专科" });
    expect(run(["education"], { district, books }).map((f) => f[3])).toEqual([`${V1}-01`, `${V1}-02`]);
  });
});
