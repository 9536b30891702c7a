import { describe, expect, it } from "vitest";
import type { ScreeningAttestation } from "../../src/domain/model.js";
import { DEFAULT_POLICY } from "../../src/domain/policy-defaults.js";
import { person } from "../helpers/library.js";
import { cleanBooks, rec, run, runArgs, V1, withPolicy } from "./helpers.js";

const DEPARTMENTS = DEFAULT_POLICY.screening.departments;
const ELECTION = withPolicy({ election: { year: 2021, date: "2021-11-26", next_year: 2026 } });

/** Where a department's attestation is written: files keep attestations sorted by date, then department. */
const written = (department: string) => [...DEPARTMENTS].sort().indexOf(department);

/** One attestation per department (in policy order), dated `date`; `change` adjusts some. */
function attestations(date: string, change: (a: ScreeningAttestation, i: number) => ScreeningAttestation = (a) => a) {
  return DEPARTMENTS.map((department, i) => change({ department, date, result: "通过" }, i));
}

describe("screening", () => {
  it("reports the departments that have not attested, once per person", () => {
    const books = {
      ...cleanBooks(),
      [V1]: [
        person(V1, 1, { screening: undefined }),
        person(V1, 2, { screening: attestations("2021-06-01").slice(2) }),
        person(V1, 3),
      ],
    };
    expect(run(["screening"], { books })).toEqual([
      ["screening-missing", rec(V1, 0, "screening"), V1, `${V1}-01`],
      ["screening-missing", rec(V1, 1, "screening"), V1, `${V1}-02`],
    ]);
    expect(runArgs(["screening"], { books })[1]).toMatchObject({ count: 2, missing: "纪检监察机关、组织部门" });
  });

  it("reports a failed attestation at the attestation, and knows the policy's negative list", () => {
    const item = DEFAULT_POLICY.screening.negative_list[9]!;
    const books = {
      ...cleanBooks(),
      [V1]: [
        person(V1, 1, {
          screening: attestations("2021-06-01", (a, i) => (i === 11 ? { ...a, result: "不通过", item } : a)),
        }),
        person(V1, 2, {
          screening: attestations("2021-06-01", (a, i) => (i === 0 ? { ...a, result: "不通过", item: "欠债" } : a)),
        }),
        // An earlier failure cleared by a later pass from the same department is no finding.
        person(V1, 3, {
          screening: [
            { department: DEPARTMENTS[0]!, date: "2021-03-01", result: "不通过", item },
            ...attestations("2021-06-01"),
          ],
        }),
      ],
    };
    expect(run(["screening"], { books })).toEqual([
      ["screening-failed", rec(V1, 0, "screening", written(DEPARTMENTS[11]!)), V1, `${V1}-01`],
      ["screening-failed", rec(V1, 1, "screening", written(DEPARTMENTS[0]!)), V1, `${V1}-02`],
    ]);
    expect(runArgs(["screening"], { books }).map((f) => [f.department, f.listed])).toEqual([
      ["卫生健康部门", 1],
      ["纪检监察机关", 0],
    ]);
  });

  it("reports attestations older than the window before the election, once the window is open", () => {
    const books = {
      ...cleanBooks(),
      [V1]: [
        person(V1, 1, { screening: attestations("2021-06-01", (a, i) => (i < 3 ? { ...a, date: "2021-05-29" } : a)) }),
        person(V1, 2, { screening: attestations("2021-05-30") }),
        person(V1, 3),
      ],
    };
    expect(run(["screening"], { district: ELECTION, books })).toEqual([
      ["screening-stale", rec(V1, 0, "screening", 0), V1, `${V1}-01`],
    ]);
    expect(runArgs(["screening"], { district: ELECTION, books })[0]).toMatchObject({
      count: 3,
      since: "2021-05-30",
      oldest: "2021-05-29",
      election: "2021-11-26",
      days: 180,
    });
    // Without an election date nothing is stale.
    expect(run(["screening"], { books })).toEqual([]);
  });

  it("judges nothing stale before the window opens: an attestation cannot be renewed earlier", () => {
    const early = { ...cleanBooks(), [V1]: [person(V1, 1, { screening: attestations("2021-01-10") })] };
    expect(run(["screening"], { district: ELECTION, books: early }, { date: "2021-05-29", villages: [V1] })).toEqual(
      [],
    );
    expect(run(["screening"], { district: ELECTION, books: early }, { date: "2021-05-30", villages: [V1] })).toEqual([
      ["screening-stale", rec(V1, 0, "screening", 0), V1, `${V1}-01`],
    ]);
  });

  it("counts only attestations made by the audit date, and only people in the pool", () => {
    const books = {
      ...cleanBooks(),
      [V1]: [
        person(V1, 1),
        person(V1, 2, { screening: undefined, selection: { survey: "2021-10-10" }, entry_date: undefined }),
        person(V1, 3),
      ],
    };
    expect(run(["screening"], { books })).toEqual([]);
    expect(run(["screening"], { books }, { date: "2021-05-31" }).map((f) => f[0])).toEqual(
      Array(8).fill("screening-missing"),
    );
  });
});
