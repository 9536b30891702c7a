import { describe, expect, it } from "vitest";
import { person } from "../helpers/library.js";
import { book, cleanBooks, run, runArgs, V1, V2, V4, withPolicy } from "./helpers.js";

describe("quota", () => {
  it("counts only people past the county review and still in the pool; pending people are named", () => {
    const books = {
      ...cleanBooks(),
      [V1]: [
        person(V1, 1),
        person(V1, 2, { selection: { survey: "2021-10-10" }, entry_date: undefined }),
        person(V1, 3, {
          status: "调整出库",
          status_changes: [
            { status: "在库", date: "2021-01-05", reason: "县级审核通过" },
            { status: "调整出库", date: "2021-12-25", reason: "年度测评不称职" },
          ],
        }),
      ],
      [V2]: [person(V2, 1), person(V2, 2)],
    };
    expect(run(["quota"], { books })).toEqual([
      ["quota-below-min", book(V1, "reserves"), V1, null],
      ["quota-below-target", book(V2, "reserves"), V2, null],
    ]);
    expect(runArgs(["quota"], { books })[0]).toMatchObject({
      count: 1,
      min: 2,
      pending: 1,
      pendingNames: "测试二〇一〇二",
    });
  });

  it("reports a village without a book in district.yaml, and one above the maximum", () => {
    const books = cleanBooks();
    delete books[V4];
    const district = withPolicy({ quota: { min: 2, target: 2, max: 2 } });
    expect(run(["quota"], { district, books })).toEqual([
      ["quota-above-max", book(V1, "reserves"), V1, null],
      ["quota-above-max", book(V2, "reserves"), V2, null],
      ["quota-below-min", "district.yaml#towns.1.villages.1", V4, null],
    ]);
  });

  it("is judged on the audit date: a review after it does not count yet", () => {
    expect(run(["quota"], { books: cleanBooks() }, { date: "2020-12-09" }).map((f) => f[0])).toEqual([
      "quota-below-min",
      "quota-below-min",
      "quota-below-min",
    ]);
  });
});
