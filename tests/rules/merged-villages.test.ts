import { describe, expect, it } from "vitest";
import { person, smallDistrict } from "../helpers/library.js";
import { book, cleanBooks, run, runArgs, V3 } from "./helpers.js";

describe("merged-villages", () => {
  it("reports a merged village that still holds people, saying where it went", () => {
    const books = { ...cleanBooks(), [V3]: [person(V3, 1), person(V3, 2, { selection: { survey: "2021-03-01" } })] };
    expect(run(["merged-villages"], { books })).toEqual([
      ["village-merged-holds-reserves", book(V3, "village"), V3, null],
    ]);
    expect(runArgs(["merged-villages"], { books })[0]).toMatchObject({
      name: "滨河镇新墩村",
      count: 2,
      changed: "2020-06-01",
      successor: "640502100202",
      successorName: "滨河镇黄河村",
    });
  });

  it("follows successive merges, and reports abolished villages", () => {
    const base = smallDistrict();
    const district = {
      ...base,
      villages: base.villages.map((v) =>
        v.code === "640502100202"
          ? { ...v, status: "已合并" as const, replaced_by: "640502100201" }
          : v.code === "640502101201"
            ? { ...v, status: "已撤销" as const }
            : v,
      ),
    };
    const books = { ...cleanBooks(), [V3]: [person(V3, 1)] };
    const found = runArgs(["merged-villages"], { district, books });
    expect(found.map((f) => [f.code, f.name, f.successor])).toEqual([
      ["village-merged-holds-reserves", "滨河镇黄河村", "640502100201"],
      ["village-merged-holds-reserves", "滨河镇新墩村", "640502100201"],
      ["village-abolished-holds-reserves", "文昌镇红泉村", ""],
    ]);
  });

  it("leaves the records of people who already left the pool", () => {
    const left = person(V3, 1, {
      status: "已使用",
      status_changes: [{ status: "已使用", date: "2020-05-01", reason: "当选村委会主任" }],
    });
    expect(run(["merged-villages"], { books: { ...cleanBooks(), [V3]: [left] } })).toEqual([]);
  });
});
