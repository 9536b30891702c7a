import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadLibrary } from "../../src/io/load-library.js";
import { villageText } from "../../src/io/serialize.js";
import {
  cycleBooks,
  fill,
  filledSheet,
  fixture,
  rowOf,
  runEvaluate,
  sheetCsv,
  TODAY,
  tuples,
  V1,
  V2,
  V4,
  type Fixture,
  type Sheet,
  librarySnapshot,
} from "./helpers.js";

/**
 * `reserve evaluate` reading the sheet `reserve report` writes: what it records, that the same sheet
 * again changes nothing, and every located error of the sheet reader as (line, column, code). The
 * district sheet lists 沙坡村 -01…-04 on lines 2–5, 黄河村 -01…-03 on 6–8, 红泉村 -01…-04 on 9–12.
 */

function reserve(f: Fixture, id: string) {
  const lib = loadLibrary(f.root, { today: TODAY }).library!;
  return lib.books.flatMap((b) => b.reserves).find((r) => r.id === id)!;
}

const col = (sheet: Sheet, header: string) => sheet.header.indexOf(header);

async function evaluate(f: Fixture, sheet: Sheet, options = {}) {
  return runEvaluate(f, { "测评表.csv": sheetCsv(sheet) }, options);
}

describe("reserve evaluate", () => {
  it("records every due person's evaluation and leaves a newcomer's blank row alone", async () => {
    const f = fixture();
    const r = await evaluate(f, filledSheet(f.root));
    expect(tuples(r)).toEqual([]);
    expect(r.status).toBe("evaluated");
    expect(r.totals).toMatchObject({ rows: 11, new: 10, updated: 0, unchanged: 0, notDue: 1, adjustedOut: 0 });
    const e = reserve(f, `${V1}-01`).evaluations!["2021"]!;
    // criteria (100 + 85 + 100 + 85) / 4 = 92.5; votes (18×100 + 10×80 + 2×60) / 30 = 90.67; 8 of 12 sessions.
    expect(e).toEqual({
      date: "2021-12-20",
      ratings: { study: "good", work: "fair", skill: "good", results: "fair" },
      votes: { excellent: 18, competent: 10, basic: 2, incompetent: 0 },
      raters: 30,
      training_rate: 0.67,
      score: 89.4,
      grade: "competent",
      decision: "keep",
    });
    expect(reserve(f, `${V1}-04`).evaluations).toBeUndefined();
  });

  it("adjusts out those rated 差 or graded 不称职, dated, with the reasons, and lists the villages to replenish", async () => {
    const f = fixture();
    const sheet = filledSheet(f.root);
    fill(sheet, rowOf(sheet, `${V1}-01`), { ratings: ["差", "好", "好", "较好"], votes: [20, 10, 0, 0], raters: 30 });
    fill(sheet, rowOf(sheet, `${V1}-02`), { ratings: ["一般", "差", "差", "一般"], votes: [0, 2, 8, 20], raters: 30 });
    const r = await evaluate(f, sheet);
    expect(tuples(r)).toEqual([]);
    expect(r.adjusted.map((p) => [p.id, p.grade, p.reasons, p.adjusted])).toEqual([
      [`${V1}-01`, "competent", ["学习不力"], "now"],
      [`${V1}-02`, "incompetent", ["工作不实", "业务不精", "不称职"], "now"],
    ]);
    const p = reserve(f, `${V1}-02`);
    expect(p.status).toBe("调整出库");
    expect(p.status_changes!.at(-1)).toEqual({
      status: "调整出库",
      date: "2021-12-20",
      reason: "2021年度测评：工作不实、业务不精、不称职",
    });
    // 沙坡村 keeps -03 and the newcomer -04: 2 in the pool, the minimum, 1 short of the target.
    expect(r.replenishment.map((x) => [x.village, x.inPool, x.adjustedOut, x.toMin, x.toTarget])).toEqual([
      [V1, 2, 2, 0, 1],
    ]);
  });

  it("changes nothing when the same sheet is evaluated again", async () => {
    const f = fixture();
    const sheet = filledSheet(f.root);
    fill(sheet, rowOf(sheet, `${V2}-03`), { ratings: ["差", "差", "差", "差"], votes: [0, 0, 0, 30], raters: 30 });
    await evaluate(f, sheet);
    const before = librarySnapshot(f.root);
    const again = await evaluate(f, sheet, { date: "2021-12-31" });
    expect(tuples(again)).toEqual([]);
    expect(again.status).toBe("unchanged");
    expect(again.totals).toMatchObject({ new: 0, updated: 0, unchanged: 10, adjustedOut: 0 });
    expect(again.adjusted.map((p) => [p.id, p.adjusted])).toEqual([[`${V2}-03`, "before"]]);
    expect(librarySnapshot(f.root)).toEqual(before);
  });

  it("makes an adjustment the recorded evaluation decided and nobody made", async () => {
    const f = fixture();
    const sheet = filledSheet(f.root);
    fill(sheet, rowOf(sheet, `${V2}-03`), { ratings: ["差", "好", "好", "好"], votes: [20, 10, 0, 0], raters: 30 });
    await evaluate(f, sheet);
    // The status put back to 在库 by hand: the evaluation says adjust out, the record does not.
    const book = loadLibrary(f.root, { today: TODAY }).library!.books.find((b) => b.village === V2)!;
    const reserves = book.reserves.map((r) =>
      r.id === `${V2}-03` ? { ...r, status: "在库" as const, status_changes: r.status_changes!.slice(0, -1) } : r,
    );
    writeFileSync(join(f.root, "villages", `${V2}.yaml`), villageText({ village: V2, reserves }));
    const r = await evaluate(f, sheet, { date: "2021-12-28" });
    expect(tuples(r)).toEqual([]);
    expect(r.status).toBe("evaluated");
    expect(r.totals).toMatchObject({ new: 0, updated: 0, unchanged: 10, adjustedOut: 1 });
    const p = reserve(f, `${V2}-03`);
    expect(p.status).toBe("调整出库");
    expect(p.status_changes!.at(-1)).toEqual({
      status: "调整出库",
      date: "2021-12-28",
      reason: "2021年度测评：学习不力",
    });
    expect(p.evaluations!["2021"]!.date).toBe("2021-12-20");
  });

  it("corrects an evaluation when a kept person's row changes", async () => {
    const f = fixture();
    const sheet = filledSheet(f.root);
    await evaluate(f, sheet);
    fill(sheet, rowOf(sheet, `${V4}-02`), {
      ratings: ["好", "好", "好", "好"],
      votes: [30, 0, 0, 0],
      raters: 30,
      note: "复核更正",
    });
    const r = await evaluate(f, sheet);
    expect(r.totals).toMatchObject({ new: 0, updated: 1, unchanged: 9 });
    expect(reserve(f, `${V4}-02`).evaluations!["2021"]).toMatchObject({ grade: "excellent", note: "复核更正" });
  });

  it("reads back a town's sheet and only asks for that town's people", async () => {
    const f = fixture();
    const r = await evaluate(f, filledSheet(f.root, "640502101"));
    expect(tuples(r)).toEqual([]);
    expect(r.totals.new).toBe(4);
    expect(reserve(f, `${V1}-01`).evaluations).toBeUndefined();
  });
});

describe("the sheet reader's located errors", () => {
  const cases: [string, (s: Sheet) => void, [number, string, string][]][] = [
    [
      "an unknown internal id",
      (s) => (rowOf(s, `${V2}-01`)[col(s, "内部编号")] = `${V2}-99`),
      [
        [6, "内部编号", "sheet-id-unknown"],
        [1, "内部编号", "sheet-row-missing"],
      ],
    ],
    ["an edited name", (s) => (rowOf(s, `${V2}-01`)[col(s, "姓名")] = "张三"), [[6, "姓名", "sheet-identity-edited"]]],
    [
      "an edited village code",
      (s) => (rowOf(s, `${V2}-01`)[col(s, "村代码")] = "\t640502100201"),
      [[6, "村代码", "sheet-identity-edited"]],
    ],
    ["a duplicated row", (s) => s.rows.push([...rowOf(s, `${V2}-01`)]), [[13, "内部编号", "sheet-row-duplicate"]]],
    [
      "a missing row",
      (s) => s.rows.splice(s.rows.indexOf(rowOf(s, `${V2}-02`)), 1),
      [[1, "内部编号", "sheet-row-missing"]],
    ],
    [
      "a blank row of a due person",
      (s) => fill(s, rowOf(s, `${V2}-02`), { ratings: [], votes: [], raters: "" }),
      [[7, "学习", "sheet-row-blank"]],
    ],
    [
      "a rating outside the list",
      (s) => (rowOf(s, `${V2}-02`)[col(s, "工作")] = "优"),
      [[7, "工作", "rating-invalid"]],
    ],
    [
      "a count that is not a whole number",
      (s) => (rowOf(s, `${V2}-02`)[col(s, "称职票")] = "3.5"),
      [[7, "称职票", "count-invalid"]],
    ],
    [
      "raters that are zero",
      (s) => (rowOf(s, `${V2}-02`)[col(s, "参评人数")] = "0"),
      [[7, "参评人数", "count-invalid"]],
    ],
    [
      "more votes than raters",
      (s) => (rowOf(s, `${V2}-02`)[col(s, "参评人数")] = "20"),
      [[7, "参评人数", "votes-exceed-raters"]],
    ],
    ["an unrated criterion", (s) => (rowOf(s, `${V2}-02`)[col(s, "业务")] = ""), [[7, "业务", "component-missing"]]],
    [
      "no votes",
      (s) => fill(s, rowOf(s, `${V2}-02`), { ratings: ["好", "好", "好", "好"], votes: [], raters: 30 }),
      [[7, "优秀票", "component-missing"]],
    ],
    [
      "votes that are all 0",
      (s) => fill(s, rowOf(s, `${V2}-02`), { ratings: ["好", "好", "好", "好"], votes: [0, 0, 0, 0], raters: 30 }),
      [[7, "优秀票", "component-missing"]],
    ],
    ["no raters", (s) => (rowOf(s, `${V2}-02`)[col(s, "参评人数")] = ""), [[7, "参评人数", "component-missing"]]],
    ["a cell beyond the header", (s) => rowOf(s, `${V2}-02`).push("多余"), [[7, "#20", "extra-cell"]]],
    [
      "no internal id column",
      (s) => {
        const i = col(s, "内部编号");
        s.header.splice(i, 1);
        for (const r of s.rows) r.splice(i, 1);
      },
      [[1, "#1", "column-missing"]],
    ],
    [
      "an unknown column",
      (s) => {
        s.header.push("签字");
      },
      [[1, "签字", "column-unknown"]],
    ],
  ];

  it.each(cases)("reports %s", async (_what, change, expected) => {
    const f = fixture();
    const sheet = filledSheet(f.root);
    change(sheet);
    const before = librarySnapshot(f.root);
    const r = await evaluate(f, sheet);
    expect(tuples(r)).toEqual([...expected].sort((a, b) => a[0] - b[0]));
    expect(r.status).toBe("rejected");
    expect(librarySnapshot(f.root)).toEqual(before);
  });

  it("reports the training component missing when no session of the year is recorded", async () => {
    const f = fixture();
    const sheet = filledSheet(f.root);
    const { rmSync } = await import("node:fs");
    rmSync(`${f.root}/trainings/2021.yaml`);
    const books = cycleBooks();
    const { makeLibrary, smallDistrict } = await import("../helpers/library.js");
    const stripped = Object.fromEntries(
      Object.entries(books).map(([v, rs]) => [v, rs.map(({ trainings: _, ...r }) => r)]),
    );
    makeLibrary({ district: smallDistrict(), books: stripped, trainings: [] }, f.root);
    const r = await evaluate(f, sheet);
    expect(tuples(r).filter((t) => t[0] === 2)).toEqual([[2, "本年参训（次）", "component-missing"]]);
    expect(r.diagnostics.every((d) => d.code === "component-missing" && d.args.component === "training")).toBe(true);
  });

  it("refuses to change an evaluation that adjusted someone out", async () => {
    const f = fixture();
    const sheet = filledSheet(f.root);
    fill(sheet, rowOf(sheet, `${V2}-03`), { ratings: ["差", "好", "好", "好"], votes: [20, 10, 0, 0], raters: 30 });
    await evaluate(f, sheet);
    fill(sheet, rowOf(sheet, `${V2}-03`), { ratings: ["好", "好", "好", "好"], votes: [20, 10, 0, 0], raters: 30 });
    const before = librarySnapshot(f.root);
    const r = await evaluate(f, sheet);
    expect(tuples(r)).toEqual([[8, "内部编号", "evaluation-settled"]]);
    expect(librarySnapshot(f.root)).toEqual(before);
  });

  it("warns about, and skips, a row of someone who has left the pool", async () => {
    const books = cycleBooks();
    const sheetBooks = cycleBooks();
    const f = fixture(sheetBooks);
    const sheet = filledSheet(f.root);
    books[V4]![3] = {
      ...books[V4]![3]!,
      status: "已使用",
      status_changes: [
        ...books[V4]![3]!.status_changes!,
        { status: "已使用", date: "2021-11-26", reason: "当选村委会委员" },
      ],
    };
    const { makeLibrary, smallDistrict, trainingYear } = await import("../helpers/library.js");
    makeLibrary({ district: smallDistrict(), books, trainings: [trainingYear(2021)] }, f.root);
    const r = await evaluate(f, sheet);
    expect(tuples(r)).toEqual([[12, "内部编号", "sheet-person-left"]]);
    expect(r.status).toBe("evaluated");
    expect(r.totals.new).toBe(9);
    expect(reserve(f, `${V4}-04`).evaluations).toBeUndefined();
  });
});
