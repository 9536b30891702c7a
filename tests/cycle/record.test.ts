import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadLibrary } from "../../src/io/load-library.js";
import { csv, fixture, runRecord, TODAY, tuples, V1, V2, V4, type Fixture, librarySnapshot } from "./helpers.js";

/**
 * `reserve record`: each kind of cultivation record written into the library, recorded again
 * without change, and every located error of each reader compared as (line, column, code).
 */

function reserve(f: Fixture, id: string) {
  const lib = loadLibrary(f.root, { today: TODAY }).library!;
  return lib.books.flatMap((b) => b.reserves).find((r) => r.id === id)!;
}

function sessions(f: Fixture) {
  return loadLibrary(f.root, { today: TODAY }).library!.trainings.flatMap((t) => t.sessions);
}

/** Every history entry of the library (the folders are named by the year of the clock). */
function history(f: Fixture): string[] {
  const dir = join(f.root, "history");
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((n) => n.endsWith(".yaml"))
    .map((n) => readFileSync(join(dir, n), "utf8"));
}

const SIGN_IN = csv([
  "序号,培训日期,培训主题,培训层级,举办单位,培训内容,学时,内部编号,身份证号,姓名,签名",
  `1,2021/11/20,冬训：乡村振兴政策解读,镇级,滨河镇,政策法规、农村工作方法,3,${V1}-01,,测试二〇一〇一,`,
  `2,,,,,,,${V1}-02,,,`,
  `3,,,,,,,${V2}-01,,测试二〇二〇一,`,
  `4,2021-03-15,第 3 期培训,,,,,${V2}-02,,,`,
]);

describe("training sign-in sheets", () => {
  it("creates the session, records each attendee, continues merged session cells downwards", async () => {
    const f = fixture();
    const before = reserve(f, `${V1}-01`).trainings!.length;
    const r = await runRecord(f, "training", { "签到表.csv": SIGN_IN });
    expect(tuples(r)).toEqual([]);
    expect(r.status).toBe("recorded");
    expect(r.totals).toMatchObject({ rows: 4, added: 3, unchanged: 1, people: 3 });
    // Named by its day, its unit and its title, not by a number that another branch may take too.
    const id = "2021-11-20-640502100-ff3b";
    expect(r.sessions.map((s) => [s.session.id, s.created])).toEqual([[id, true]]);
    const s = sessions(f).find((x) => x.id === id);
    expect(s).toEqual({
      id,
      date: "2021-11-20",
      title: "冬训：乡村振兴政策解读",
      level: "镇级",
      unit: "640502100",
      topics: ["政策法规", "农村工作方法"],
      hours: 3,
    });
    // In a file of its own; the year's file of the older layout is left as it was.
    expect(readFileSync(join(f.root, "trainings", `${id}.yaml`), "utf8")).toBe(
      [
        "# 培训场次（参训记录见各人档案的 trainings）",
        `id: "${id}"`,
        'date: "2021-11-20"',
        "title: 冬训：乡村振兴政策解读",
        "level: 镇级",
        'unit: "640502100"',
        "topics: [政策法规, 农村工作方法]",
        "hours: 3",
        "",
      ].join("\n"),
    );
    expect(readdirSync(join(f.root, "trainings")).sort()).toEqual([`${id}.yaml`, "2021.yaml"]);
    expect(reserve(f, `${V1}-01`).trainings).toContain(id);
    expect(reserve(f, `${V1}-01`).trainings!.length).toBe(before + 1);
    expect(reserve(f, `${V2}-01`).trainings).toContain(id);
    expect(history(f).join("")).toContain("command: record-training");
  });

  it("updates a session in its own file, and one of the year's file in that file", async () => {
    const f = fixture();
    await runRecord(f, "training", { "签到表.csv": SIGN_IN });
    const id = "2021-11-20-640502100-ff3b";
    const year = readFileSync(join(f.root, "trainings", "2021.yaml"), "utf8");
    const r = await runRecord(f, "training", {
      "更正.csv": csv(["培训日期,培训主题,学时,内部编号", `2021-11-20,冬训：乡村振兴政策解读,3.5,${V4}-01`]),
    });
    expect(tuples(r)).toEqual([]);
    expect(r.sessions.map((s) => [s.session.id, s.created, s.before])).toEqual([[id, false, { hours: 3 }]]);
    expect(readFileSync(join(f.root, "trainings", `${id}.yaml`), "utf8")).toContain("\nhours: 3.5\n");
    expect(readFileSync(join(f.root, "trainings", "2021.yaml"), "utf8")).toBe(year);
    const old = await runRecord(f, "training", { "b.csv": csv(["场次编号,学时,内部编号", `2021-02,5,${V4}-01`]) });
    expect(old.sessions.map((s) => s.session.id)).toEqual(["2021-02"]);
    expect(readdirSync(join(f.root, "trainings")).sort()).toEqual([`${id}.yaml`, "2021.yaml"]);
    expect(sessions(f).find((s) => s.id === "2021-02")!.hours).toBe(5);
  });

  it("gives a session a longer id when another title of its day and unit shares the first digits", async () => {
    const f = fixture();
    // The SHA-256 of these two titles both begin with c299 (c2996f…, c29902…).
    const r = await runRecord(f, "training", {
      "a.csv": csv([
        "培训日期,培训主题,培训层级,学时,内部编号",
        `2021-11-20,第167期冬训,区级,2,${V1}-01`,
        `2021-11-20,第319期冬训,区级,2,${V1}-01`,
      ]),
    });
    expect(tuples(r)).toEqual([]);
    expect(r.sessions.map((s) => [s.session.title, s.session.id])).toEqual([
      ["第167期冬训", "2021-11-20-640502-c299"],
      ["第319期冬训", "2021-11-20-640502-c2990"],
    ]);
    expect(reserve(f, `${V1}-01`).trainings).toEqual(
      expect.arrayContaining(["2021-11-20-640502-c299", "2021-11-20-640502-c2990"]),
    );
  });

  it("changes nothing when the same sheet is recorded again", async () => {
    const f = fixture();
    await runRecord(f, "training", { "签到表.csv": SIGN_IN });
    const before = librarySnapshot(f.root);
    const again = await runRecord(f, "training", { "签到表.csv": SIGN_IN });
    expect(again.status).toBe("unchanged");
    expect(again.totals).toMatchObject({ added: 0, updated: 0, unchanged: 4 });
    expect(librarySnapshot(f.root)).toEqual(before);
  });

  it("finds attendees by ID number, and updates a session named by its id", async () => {
    const f = fixture();
    const idNumber = f.person(V4, 1).id_number;
    const r = await runRecord(f, "training", {
      "a.csv": csv(["场次编号,学时,身份证号", `2021-09,6,${idNumber}`]),
    });
    expect(tuples(r)).toEqual([]);
    expect(r.sessions.map((s) => [s.session.id, s.created, s.before])).toEqual([["2021-09", false, { hours: 4 }]]);
    expect(sessions(f).find((s) => s.id === "2021-09")!.hours).toBe(6);
    expect(reserve(f, `${V4}-01`).trainings).toContain("2021-09");
  });

  it.each([
    ["an unknown internal id", [`2021-11-20,冬训,区级,3,${V1}-99,`], [[2, "内部编号", "person-unknown"]]],
    ["an ID number nobody has", ["2021-11-20,冬训,区级,3,,640502199001010113"], [[2, "身份证号", "person-unknown"]]],
    [
      "an ID number with a wrong check digit",
      ["2021-11-20,冬训,区级,3,,640502199001010112"],
      [[2, "身份证号", "id-check"]],
    ],
    ["ids of two people", [`2021-11-20,冬训,区级,3,${V1}-01,@V2-01`], [[2, "身份证号", "person-ids-disagree"]]],
    ["neither id", ["2021-11-20,冬训,区级,3,,"], [[2, "内部编号", "empty-value"]]],
    [
      "the same person twice",
      [`2021-11-20,冬训,区级,3,${V1}-01,`, `,,,,${V1}-01,`],
      [[3, "内部编号", "record-duplicate"]],
    ],
    [
      "a session whose rows disagree",
      [`2021-11-20,冬训,区级,3,${V1}-01,`, `2021-11-20,冬训,镇级,3,${V1}-02,`],
      [[3, "培训层级", "session-inconsistent"]],
    ],
    [
      "a session without its level and hours",
      [`2021-11-20,冬训,,,${V1}-01,`],
      [
        [2, "培训层级", "empty-value"],
        [2, "学时", "empty-value"],
      ],
    ],
    ["a first row without a session", [`,,,,${V1}-01,`], [[2, "培训日期", "empty-value"]]],
    ["hours that are not a number", [`2021-11-20,冬训,区级,半天,${V1}-01,`], [[2, "学时", "hours-invalid"]]],
    ["a level outside the list", [`2021-11-20,冬训,省级,3,${V1}-01,`], [[2, "培训层级", "bad-term"]]],
    ["a date in the future", [`2022-01-20,冬训,区级,3,${V1}-01,`], [[2, "培训日期", "date-future"]]],
    ["a date that does not exist", [`2021-02-30,冬训,区级,3,${V1}-01,`], [[2, "培训日期", "date-invalid"]]],
    ["a cell beyond the header", [`2021-11-20,冬训,区级,3,${V1}-01,,多余`], [[2, "#7", "extra-cell"]]],
  ])("reports %s", async (_what, lines, expected) => {
    const f = fixture();
    const fill = (s: string) => s.replace("@V2-01", f.person(V2, 1).id_number);
    const text = csv(["培训日期,培训主题,培训层级,学时,内部编号,身份证号", ...lines.map(fill)]);
    const before = librarySnapshot(f.root);
    const r = await runRecord(f, "training", { "签到表.csv": text });
    expect(tuples(r)).toEqual(expected);
    expect(r.status).toBe("rejected");
    expect(librarySnapshot(f.root)).toEqual(before);
  });

  it("names the person by line when the name does not match", async () => {
    const f = fixture();
    const r = await runRecord(f, "training", {
      "a.csv": csv(["培训日期,培训主题,培训层级,学时,内部编号,姓名", `2021-11-20,冬训,区级,3,${V1}-01,张三`]),
    });
    expect(tuples(r)).toEqual([[2, "姓名", "person-name-mismatch"]]);
  });

  it("reports an unknown unit, an unknown session id and a session id whose date is changed", async () => {
    const f = fixture();
    const r = await runRecord(f, "training", {
      "a.csv": csv([
        "场次编号,培训日期,培训主题,培训层级,举办单位,学时,内部编号",
        `,2021-11-20,冬训,镇级,不存在镇,3,${V1}-01`,
        `2021-03,2021-03-16,,,,,${V1}-02`,
        `2021-99,,,,,,${V1}-03`,
      ]),
    });
    expect(tuples(r)).toEqual([
      [2, "举办单位", "unit-unknown"],
      [3, "培训日期", "session-inconsistent"],
      [4, "场次编号", "session-unknown"],
    ]);
  });

  it("reports a column a new session needs, once per file", async () => {
    const f = fixture();
    const r = await runRecord(f, "training", {
      "a.csv": csv(["培训日期,培训主题,内部编号", `2021-11-20,冬训,${V1}-01`, `2021-11-21,冬训二,${V1}-01`]),
    });
    expect(r.diagnostics.map((d) => [d.location?.line, d.code, d.args.zh])).toEqual([
      [1, "column-missing", "培训层级"],
      [1, "column-missing", "学时"],
    ]);
  });

  it("reports missing and unknown columns", async () => {
    const f = fixture();
    const r = await runRecord(f, "training", { "a.csv": csv(["培训主题,年龄", "冬训,30"]) });
    // 内部编号 or 身份证号, 培训日期 or 场次编号.
    expect(tuples(r)).toEqual([
      [1, "#1", "column-missing"],
      [1, "#1", "column-missing"],
      [1, "年龄", "column-unknown"],
    ]);
  });

  it("reads XLSX sign-in sheets with merged session cells", async () => {
    const { Workbook } = await import("exceljs");
    const wb = new Workbook();
    const ws = wb.addWorksheet("签到表");
    ws.addRow(["2021年12月培训签到表"]);
    ws.addRow(["培训日期", "培训主题", "培训层级", "学时", "内部编号", "姓名"]);
    ws.addRow([new Date(Date.UTC(2021, 11, 10)), "党史学习教育", "区级", 2.5, `${V4}-01`, "张三"]);
    ws.addRow([null, null, null, null, `${V4}-02`, null]);
    ws.mergeCells("A3:A4");
    ws.mergeCells("B3:B4");
    const f = fixture();
    const r = await runRecord(f, "training", { "签到表.xlsx": Buffer.from(await wb.xlsx.writeBuffer()) });
    expect(tuples(r)).toEqual([[3, "姓名", "person-name-mismatch"]]);
    ws.getCell("F3").value = f.person(V4, 1).name;
    const ok = await runRecord(f, "training", { "签到表.xlsx": Buffer.from(await wb.xlsx.writeBuffer()) });
    expect(tuples(ok)).toEqual([]);
    expect(ok.sessions[0]!.session).toMatchObject({ date: "2021-12-10", title: "党史学习教育", hours: 2.5 });
    expect(reserve(f, `${V4}-02`).trainings).toContain(ok.sessions[0]!.session.id);
  });
});

describe("mentor pairings", () => {
  it("ends a pairing by setting its end date, keeping it, and starts the next", async () => {
    const f = fixture();
    const old = f.person(V1, 1).mentors![0]!;
    const r = await runRecord(f, "mentor", {
      "帮带.csv": csv([
        "内部编号,姓名,帮带人,帮带人职务,帮带方式,开始时间,结束时间",
        `${V1}-01,测试二〇一〇一,${old.name},,,,2021-06-30`,
        `${V1}-01,测试二〇一〇一,王书记,乡镇领导干部,一带一,2021-07-01,`,
      ]),
    });
    expect(tuples(r)).toEqual([]);
    expect(r.totals).toMatchObject({ added: 1, updated: 1, unchanged: 0, people: 1 });
    expect(reserve(f, `${V1}-01`).mentors).toEqual([
      { ...old, to: "2021-06-30" },
      { name: "王书记", role: "乡镇领导干部", mode: "一带一", from: "2021-07-01" },
    ]);
    const again = await runRecord(f, "mentor", {
      "帮带.csv": csv([
        "内部编号,帮带人,帮带人职务,开始时间,结束时间",
        `${V1}-01,${old.name},,${old.from},2021-06-30`,
        `${V1}-01,王书记,乡镇领导干部,2021-07-01,`,
      ]),
    });
    expect(again.status).toBe("unchanged");
  });

  it.each([
    [
      "a second one-to-one mentor at the same time",
      `${V1}-01,李四,包村干部,,2021-07-01,`,
      [[2, "帮带人", "period-overlap"]],
    ],
    [
      "an end before the start",
      `${V1}-01,李四,包村干部,多带一,2021-07-01,2021-06-01`,
      [[2, "结束时间", "period-order"]],
    ],
    ["ending a pairing that is not recorded", `${V1}-01,李四,,,,2021-06-01`, [[2, "帮带人", "nothing-to-end"]]],
    ["a new pairing without its role", `${V1}-01,李四,,多带一,2021-07-01,`, [[2, "帮带人职务", "empty-value"]]],
    ["a new pairing without its start", `${V1}-01,李四,包村干部,多带一,,`, [[2, "开始时间", "empty-value"]]],
    ["no mentor", `${V1}-01,,包村干部,多带一,2021-07-01,`, [[2, "帮带人", "empty-value"]]],
    ["a mentor named with a formula", `${V1}-01,=李四,包村干部,多带一,2021-07-01,`, [[2, "帮带人", "name-invalid"]]],
  ])("reports %s", async (_what, line, expected) => {
    const f = fixture();
    const before = librarySnapshot(f.root);
    const r = await runRecord(f, "mentor", {
      "帮带.csv": csv(["内部编号,帮带人,帮带人职务,帮带方式,开始时间,结束时间", line]),
    });
    expect(tuples(r)).toEqual(expected);
    expect(librarySnapshot(f.root)).toEqual(before);
  });

  it("allows several mentors at once when they are 多带一", async () => {
    const f = fixture();
    const old = f.person(V1, 2).mentors![0]!;
    const r = await runRecord(f, "mentor", {
      "帮带.csv": csv([
        "内部编号,帮带人,帮带人职务,帮带方式,开始时间",
        `${V1}-02,${old.name},,多带一,${old.from}`,
        `${V1}-02,村支书甲,村“两委”成员,多带一,2021-03-01`,
      ]),
    });
    expect(tuples(r)).toEqual([]);
    expect(reserve(f, `${V1}-02`).mentors!.map((m) => [m.name, m.mode])).toEqual([
      [old.name, "多带一"],
      ["村支书甲", "多带一"],
    ]);
  });
});

describe("practice posts", () => {
  it("ends a post and starts another; the ended post stays with its dates", async () => {
    const f = fixture();
    const idNumber = f.person(V2, 3).id_number;
    const r = await runRecord(f, "post", {
      "定岗.csv": csv([
        "身份证号,岗位,开始时间,结束时间",
        `${idNumber},村委会主任助理,,2021-09-30`,
        `${idNumber},党小组长,2021-10-01,`,
      ]),
    });
    expect(tuples(r)).toEqual([]);
    expect(reserve(f, `${V2}-03`).posts).toEqual([
      { post: "村委会主任助理", from: "2021-02-01", to: "2021-09-30" },
      { post: "党小组长", from: "2021-10-01" },
    ]);
  });

  it.each([
    ["the same post twice at once", `${V2}-03,村委会主任助理,2021-05-01,`, [[2, "岗位", "period-overlap"]]],
    ["ending a post not held", `${V2}-03,党小组长,,2021-05-01`, [[2, "岗位", "nothing-to-end"]]],
    ["a post outside the list", `${V2}-03,会计,2021-05-01,`, [[2, "岗位", "bad-term"]]],
  ])("reports %s", async (_what, line, expected) => {
    const f = fixture();
    const r = await runRecord(f, "post", { "定岗.csv": csv(["内部编号,岗位,开始时间,结束时间", line]) });
    expect(tuples(r)).toEqual(expected);
  });
});

describe("party development", () => {
  it("records the steps and advances the political status", async () => {
    const books = (await import("./helpers.js")).cycleBooks();
    books[V4]![0] = { ...books[V4]![0]!, political_status: "共青团员" };
    const f = fixture(books);
    const r = await runRecord(f, "party", {
      "入党.csv": csv([
        "内部编号,发展阶段,日期",
        `${V4}-01,入党申请人,2020-03-01`,
        `${V4}-01,积极分子,2020-09-01`,
        `${V4}-01,发展对象,2021-03-01`,
        `${V4}-01,预备党员,2021-07-01`,
      ]),
    });
    expect(tuples(r)).toEqual([]);
    expect(r.political).toBe(1);
    const p = reserve(f, `${V4}-01`);
    expect(p.political_status).toBe("中共预备党员");
    expect(p.party!.map((s) => s.stage)).toEqual(["入党申请人", "入党积极分子", "发展对象", "预备党员"]);
  });

  it("reports stages out of order, once, at the later row", async () => {
    const f = fixture();
    const r = await runRecord(f, "party", {
      "入党.csv": csv(["内部编号,发展阶段,日期", `${V4}-01,入党积极分子,2021-02-01`, `${V4}-01,入党申请人,2021-03-01`]),
    });
    expect(tuples(r)).toEqual([[3, "日期", "party-stage-order"]]);
  });

  it("reports the same stage twice and a stage outside the list", async () => {
    const f = fixture();
    const r = await runRecord(f, "party", {
      "入党.csv": csv([
        "内部编号,发展阶段,日期",
        `${V4}-01,入党申请人,2021-02-01`,
        `${V4}-01,申请人,2021-02-01`,
        `${V4}-02,预备期,2021-02-01`,
      ]),
    });
    expect(tuples(r)).toEqual([
      [3, "发展阶段", "record-duplicate"],
      [4, "发展阶段", "bad-term"],
    ]);
  });
});

describe("eligibility screening", () => {
  it("records an attestation, the item by its number in the negative list", async () => {
    const f = fixture();
    const r = await runRecord(f, "screening", {
      "联审.csv": csv(["内部编号,联审部门,结果,负面清单条目,日期", `${V2}-02,公安机关,不通过,10,2021-11-01`]),
    });
    expect(tuples(r)).toEqual([]);
    expect(reserve(f, `${V2}-02`).screening).toContainEqual({
      department: "公安机关",
      date: "2021-11-01",
      result: "不通过",
      item: "被列为失信被执行人的",
    });
  });

  it.each([
    ["a fail without the item", `${V2}-02,法院,不通过,,2021-11-01`, [[2, "负面清单条目", "screening-item-missing"]]],
    [
      "an item not on the list",
      `${V2}-02,法院,不通过,酒驾,2021-11-01`,
      [[2, "负面清单条目", "screening-item-unknown"]],
    ],
    ["an item with a pass", `${V2}-02,法院,通过,3,2021-11-01`, [[2, "负面清单条目", "screening-item-unexpected"]]],
    ["a department not in the policy", `${V2}-02,公安局,通过,,2021-11-01`, [[2, "联审部门", "bad-term"]]],
    ["a result outside the list", `${V2}-02,法院,待定,,2021-11-01`, [[2, "结果", "bad-term"]]],
    ["no date", `${V2}-02,法院,通过,,`, [[2, "日期", "empty-value"]]],
  ])("reports %s", async (_what, line, expected) => {
    const f = fixture();
    const r = await runRecord(f, "screening", {
      "联审.csv": csv(["内部编号,联审部门,结果,负面清单条目,日期", line]),
    });
    expect(tuples(r)).toEqual(expected);
  });
});

describe("all or nothing", () => {
  it("writes nothing from any file when one row of another file is wrong", async () => {
    const f = fixture();
    const before = librarySnapshot(f.root);
    const r = await runRecord(f, "training", {
      "a.csv": SIGN_IN,
      "b.csv": csv(["培训日期,培训主题,培训层级,学时,内部编号", `2021-11-21,冬训二,区级,3,${V1}-77`]),
    });
    expect(tuples(r)).toEqual([[2, "内部编号", "person-unknown"]]);
    expect(r.diagnostics[0]!.location!.file).toBe("b.csv");
    expect(r.status).toBe("rejected");
    expect(librarySnapshot(f.root)).toEqual(before);
  });

  it("writes nothing in a dry run", async () => {
    const f = fixture();
    const before = librarySnapshot(f.root);
    const r = await runRecord(f, "training", { "a.csv": SIGN_IN }, { dryRun: true });
    expect(r.status).toBe("dry-run");
    expect(r.totals.added).toBe(3);
    expect(librarySnapshot(f.root)).toEqual(before);
  });
});
