import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { RULES } from "../../src/rules/index.js";
import { person } from "../helpers/library.js";
import { cleanBooks, rec, run, runLocated, V1, V2, withPolicy } from "./helpers.js";

describe("the fixtures", () => {
  it("are clean for every rule, one by one and all together", () => {
    const books = cleanBooks();
    expect(run([], { books })).toEqual([]);
    for (const rule of RULES) expect(run([rule.name], { books }), rule.name).toEqual([]);
  });

  it("stay clean with an election date and in the middle of the year", () => {
    const district = withPolicy({ election: { year: 2021, date: "2021-11-26", next_year: 2026 } });
    expect(run([], { district, books: cleanBooks() })).toEqual([]);
    expect(run([], { district, books: cleanBooks() }, { date: "2021-07-01" })).toEqual([]);
  });
});

describe("locations", () => {
  it("give file, line and column of the field a finding is about", () => {
    const books = { [V1]: [person(V1, 1), person(V1, 2, { education: "初中" }), person(V1, 3)] };
    expect(runLocated({ books }, { rules: ["education"] })).toEqual([
      ["education-below-floor", "villages/640502100201.yaml:94:16", V1, `${V1}-02`],
    ]);
  });

  it("point at the right record when an earlier record of the file could not be read", () => {
    const books = {
      [V1]: [person(V1, 1), person(V1, 2, { mentors: [] }), person(V1, 3)],
      [V2]: [person(V2, 1), person(V2, 2), person(V2, 3)],
    };
    const edit = (dir: string) => {
      const file = join(dir, "villages", `${V1}.yaml`);
      // The first record becomes unreadable (an unknown gender term): the book holds two records.
      writeFileSync(file, readFileSync(file, "utf8").replace("gender: 男", "gender: 男的"));
    };
    const found = run(["mentoring"], { books }, { edit });
    expect(found).toEqual([
      ["bad-term", rec(V1, 0, "gender"), V1, `${V1}-01`],
      ["mentor-missing", rec(V1, 1, "mentors"), V1, `${V1}-02`],
    ]);
    expect(runLocated({ books }, { rules: ["mentoring"], edit }).map((f) => f[1])).toEqual([
      "villages/640502100201.yaml:6:13",
      "villages/640502100201.yaml:103:5", // `mentors: []` of the second record
    ]);
  });
});
