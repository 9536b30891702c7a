import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { audit } from "../../src/commands/audit.js";
import type { District, Reserve } from "../../src/domain/model.js";
import { DEFAULT_POLICY } from "../../src/domain/policy-defaults.js";
import { csv, fixture, runRecord, tuples as recordTuples, V1 as C1 } from "../cycle/helpers.js";
import { districtText } from "../../src/io/serialize.js";
import { makeLibrary, person, snapshot, tempDir } from "../helpers/library.js";
import { FIXTURES, importDistrict, runImport, tuples, V1, V2 } from "./helpers.js";

/**
 * Rosters written the way township offices write them (tests/import/fixtures/township/): a title
 * row and a 序号 column, the bands and short forms of village forms (初中及以下, 大专, 党员, 团员),
 * mentors named by their real post, 一肩挑 in one cell with a comma or a line break (Alt+Enter).
 */

const TOWNSHIP = join(FIXTURES, "township");
const ROSTER = "滨河镇后备干部名册.csv";
const PROBLEMS = "红泉村名册（有误）.csv";

function book(dir: string, village: string): Reserve[] {
  return (parse(readFileSync(join(dir, `villages/${village}.yaml`), "utf8")) as { reserves: Reserve[] }).reserves;
}

const byName = (dir: string, village: string) => new Map(book(dir, village).map((r) => [r.name, r]));
const libraryFiles = (dir: string) =>
  snapshot(dir, { skip: (rel) => rel.startsWith("history/") || rel.startsWith(".reserve/") });

describe("a roster as a township office writes it", () => {
  it("is accepted, with the standard terms stored and every rewrite noted once per column, text and term", async () => {
    const dir = makeLibrary({ district: importDistrict() });
    const result = await runImport(dir, [ROSTER], { cwd: TOWNSHIP });
    expect(result.status).toBe("imported");
    expect(result.errors + result.warnings).toBe(0);
    expect(tuples(result)).toEqual([
      [3, "政治面貌", "term-rewritten"],
      [4, "民族", "term-rewritten"],
      [4, "文化程度", "term-rewritten"],
      [4, "政治面貌", "term-rewritten"],
      [4, "人员来源", "term-rewritten"],
      [6, "文化程度", "term-rewritten"],
      [6, "帮带人职务", "term-rewritten"],
      [7, "政治面貌", "term-rewritten"],
      [8, "文化程度", "term-rewritten"],
      [8, "帮带人职务", "term-rewritten"],
      [10, "帮带人职务", "term-rewritten"],
    ]);
    const party = result.diagnostics.find((d) => d.args.value === "党员")!;
    expect(party.args).toMatchObject({ term: "中共党员", count: 2, lines: "3、8" });
    expect(result.totals.rewritten).toBe(14);

    const sha = byName(dir, V1);
    expect([sha.get("马建军")!.education, sha.get("马建军")!.political_status]).toEqual(["初中及以下", "中共党员"]);
    expect(sha.get("李娟")).toMatchObject({ ethnicity: "汉族", education: "大学专科", source: "返乡大中专毕业生" });
    const both = { role: "村“两委”成员", posts: ["村党支部书记", "村委会主任"], mode: "一带一", from: "2021-03-01" };
    expect(sha.get("马建军")!.mentors).toEqual([{ name: "张振华", ...both }]);
    expect(sha.get("李娟")!.mentors).toEqual([{ name: "王海", ...both }]);
    expect(sha.get("王强")!.mentors).toEqual([
      { ...both, name: "张振华", mode: "多带一" },
      { name: "李明", role: "包村干部", mode: "多带一", from: "2021-03-01" },
    ]);
    const river = byName(dir, V2);
    expect(river.get("刘涛")!.mentors![0]).toMatchObject({ role: "乡镇领导干部", posts: ["乡镇党委副书记"] });
    expect(river.get("周磊")!.mentors![0]).toMatchObject({ role: "村“两委”成员", posts: ["村务监督委员会主任"] });
    expect(river.get("杨帆")!.mentors![0]).toEqual({
      name: "赵刚",
      role: "包村干部",
      mode: "一带一",
      from: "2021-03-01",
    });
    expect(river.get("何丽")!.mentors![0]).toMatchObject({ posts: ["村党组织书记", "村委会主任"] });
  });

  it("gives the same bytes whatever the day of the import, and imported again changes nothing", async () => {
    const early = makeLibrary({ district: importDistrict() });
    const late = makeLibrary({ district: importDistrict() });
    await runImport(early, [ROSTER], { cwd: TOWNSHIP, today: "2021-12-31" });
    await runImport(late, [ROSTER], { cwd: TOWNSHIP, today: "2026-12-03" });
    expect(libraryFiles(late)).toEqual(libraryFiles(early));
    const again = await runImport(late, [ROSTER], { cwd: TOWNSHIP, today: "2027-01-04" });
    expect(again.status).toBe("unchanged");
    expect(libraryFiles(late)).toEqual(libraryFiles(early));
  });

  it("imported in 2026, audits for 2021 with every mentor in place, and 初中及以下 below the floor", async () => {
    const dir = makeLibrary({ district: importDistrict() });
    await runImport(dir, [ROSTER], { cwd: TOWNSHIP, today: "2026-12-03" });
    const found = audit({ root: dir, cwd: dir, today: "2026-12-03", year: 2021 }).findings;
    const codes = (code: string) => found.filter((d) => d.code === code).map((d) => d.args.name);
    expect(codes("mentor-missing")).toEqual([]);
    expect(codes("mentor-role-not-allowed")).toEqual([]);
    expect(codes("education-below-floor")).toEqual(["马建军"]);
  });

  it("reads the same from GBK, as WPS saves it", async () => {
    const iconv = await import("iconv-lite");
    const work = tempDir("reserve-gbk-");
    const text = readFileSync(join(TOWNSHIP, ROSTER), "utf8").replace(/^\uFEFF/, "");
    writeFileSync(join(work, "名册.csv"), iconv.encode(text, "gbk"));
    const a = makeLibrary({ district: importDistrict() });
    const b = makeLibrary({ district: importDistrict() });
    await runImport(a, [ROSTER], { cwd: TOWNSHIP });
    const gbk = await runImport(b, ["名册.csv"], { cwd: work });
    expect(gbk.status).toBe("imported");
    expect(libraryFiles(b)).toEqual(libraryFiles(a));
  });

  it("reads a workbook whose title is typed across a merged range, as township templates have it", async () => {
    const ExcelJS = (await import("exceljs")).default;
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Sheet1");
    ws.mergeCells("A1:L1");
    ws.getCell("A1").value = "滨河镇村级后备干部名册";
    ws.addRow([
      "序号",
      "乡镇",
      "村",
      "姓名",
      "性别",
      "民族",
      "身份证号码",
      "学历",
      "政治面貌",
      "来源",
      "入库时间",
      "帮带人职务",
    ]);
    ws.addRow([
      1,
      "滨河镇",
      "沙坡村",
      "马兰",
      "男",
      "回",
      "640502198001010119",
      "高中（中专）",
      "共产党员",
      "退伍军人",
      new Date(Date.UTC(2021, 2, 1)),
      "",
    ]);
    const work = tempDir("reserve-merged-");
    writeFileSync(join(work, "名册.xlsx"), Buffer.from(await wb.xlsx.writeBuffer()));
    const dir = makeLibrary({ district: importDistrict() });
    const result = await runImport(dir, ["名册.xlsx"], { cwd: work });
    expect(result.status).toBe("imported");
    expect(book(dir, V1)[0]).toMatchObject({
      ethnicity: "回族",
      education: "高中",
      political_status: "中共党员",
      source: "复转军人",
    });
  });
});

describe("a roster with mistakes", () => {
  it("gets every problem in one run, one finding per cell, names checked, duplicates found beside other errors", async () => {
    const dir = makeLibrary({ district: importDistrict() });
    const before = snapshot(dir);
    const result = await runImport(dir, [PROBLEMS], { cwd: TOWNSHIP });
    expect(result.status).toBe("rejected");
    expect(tuples(result)).toEqual([
      [3, "姓名", "name-invalid"],
      [4, "姓名", "name-invalid"],
      [5, "姓名", "name-invalid"],
      [6, "姓名", "name-invalid"],
      [7, "学历", "bad-term"],
      [7, "帮带人", "name-invalid"],
      [8, "身份证号", "duplicate-in-file"],
      [8, "学历", "bad-term"],
      [9, "帮带人职务", "invisible-character"],
    ]);
    const args = result.diagnostics.map((d) => [
      d.args.reason ?? d.args.nearest ?? d.args.first ?? d.args.char,
      d.args.value,
    ]);
    expect(args).toEqual([
      ["formula", "=1+1"],
      ["formula", "@SUM(A1)"],
      ["markup", "<script>alert(1)</script>"],
      ["quote", '李"四'],
      ["初中及以下", "初中及一下"],
      ["formula", "=张三"],
      [7, undefined],
      ["大学本科", "大学在读"],
      ["U+200B", "村党支部U+200B书记"],
    ]);
    expect(snapshot(dir)).toEqual(before);
  });

  it("shows a village code and a name that disagree at the cell the register says is wrong", async () => {
    const result = await runImport(makeLibrary({ district: importDistrict() }), ["村代码与村名不一致.csv"], {
      cwd: TOWNSHIP,
    });
    expect(tuples(result)).toEqual([
      [2, "村代码", "village-mismatch"],
      [3, "村", "village-mismatch"],
    ]);
    expect(result.diagnostics.map((d) => [d.args.likely, d.args.namedCode, d.args.written])).toEqual([
      ["code", V2, "黄河村"],
      ["name", "", "沙坡湾村"],
    ]);
  });

  it("reports an empty mentor beside a faulty post, and a post without a mentor once", async () => {
    const work = tempDir("reserve-yaml-");
    const person = (name: string, id: string, mentor: string | null, role: string) =>
      [
        `  - 乡镇: 滨河镇`,
        `    村: 沙坡村`,
        `    姓名: ${name}`,
        `    性别: 男`,
        `    民族: 汉族`,
        `    身份证号: "${id}"`,
        `    学历: 高中`,
        `    政治面貌: 群众`,
        `    来源: 村民小组长`,
        `    入库时间: "2021-03-01"`,
        `    帮带人: ${mentor === null ? "null" : mentor}`,
        `    帮带人职务: "${role}"`,
      ].join("\n");
    writeFileSync(
      join(work, "名册.yaml"),
      `reserves:\n${person("刘涛", "640502198001010119", null, "村党支部\\u200b书记")}\n${person("周磊", "640502198506060613", null, "包村干部")}\n`,
    );
    const result = await runImport(makeLibrary({ district: importDistrict() }), ["名册.yaml"], { cwd: work });
    expect(result.diagnostics.map((d) => [d.location?.field, d.code])).toEqual([
      ["帮带人", "empty-value"],
      ["帮带人职务", "invisible-character"],
      ["帮带人", "empty-value"],
    ]);
  });

  it("refuses a new pairing whose start nothing on the row or in the library says", async () => {
    const work = tempDir("reserve-start-");
    writeFileSync(
      join(work, "名册.csv"),
      "乡镇,村,姓名,性别,民族,身份证号,学历,政治面貌,来源,帮带人,帮带人职务\r\n" +
        "滨河镇,沙坡村,刘涛,男,汉族,640502198001010119,高中,群众,村民小组长,张振华,包村干部\r\n",
    );
    const result = await runImport(makeLibrary({ district: importDistrict() }), ["名册.csv"], { cwd: work });
    expect(tuples(result)).toEqual([[2, "帮带人", "mentor-start-missing"]]);
  });

  it("keeps a post no table knows as written, with the category 其他, warned at import and in the audit", async () => {
    const work = tempDir("reserve-post-");
    writeFileSync(
      join(work, "名册.csv"),
      "乡镇,村,姓名,性别,民族,身份证号,学历,政治面貌,来源,入库时间,帮带人,帮带人职务\r\n" +
        "滨河镇,沙坡村,刘涛,男,汉族,640502198001010119,高中,群众,村民小组长,2021-03-01,张会计,村会计\r\n",
    );
    const dir = makeLibrary({ district: importDistrict() });
    const result = await runImport(dir, ["名册.csv"], { cwd: work });
    expect([result.status, tuples(result)]).toEqual(["imported", [[2, "帮带人职务", "mentor-post-unknown"]]]);
    expect(book(dir, V1)[0]!.mentors).toEqual([
      { name: "张会计", role: "其他", posts: ["村会计"], mode: "一带一", from: "2021-03-01" },
    ]);
    const found = audit({ root: dir, cwd: dir, today: "2021-12-31" }).findings.filter((d) =>
      d.code.startsWith("mentor-"),
    );
    const file = readFileSync(join(dir, `villages/${V1}.yaml`), "utf8").split("\n");
    expect(found.map((d) => [d.code, d.severity, d.location?.line, d.args.post])).toEqual([
      ["mentor-post-unknown", "warning", file.indexOf("        posts: [村会计]") + 1, "村会计"],
    ]);
  });
});

describe("a district's own terms", () => {
  function district(vocabulary: NonNullable<District["policy"]["vocabulary"]>): District {
    const base = importDistrict();
    return { ...base, policy: { ...DEFAULT_POLICY, vocabulary } };
  }

  it("are taken on import, stored, and counted as the term they name", async () => {
    const dir = makeLibrary({
      district: district({
        education: [{ term: "技师学院", counts_as: "大学专科", synonyms: ["技师"] }],
        mentor_post: [{ term: "村团支部书记", category: "村“两委”成员", synonyms: ["团支书"] }],
      }),
    });
    const work = tempDir("reserve-own-");
    writeFileSync(
      join(work, "名册.csv"),
      "乡镇,村,姓名,性别,民族,身份证号,学历,政治面貌,来源,入库时间,帮带人,帮带人职务\r\n" +
        "滨河镇,沙坡村,刘涛,男,汉族,640502198001010119,技师,群众,村民小组长,2021-03-01,张团,团支书\r\n",
    );
    const result = await runImport(dir, ["名册.csv"], { cwd: work });
    expect([result.status, tuples(result)]).toEqual([
      "imported",
      [
        [2, "学历", "term-rewritten"],
        [2, "帮带人职务", "term-rewritten"],
      ],
    ]);
    const r = book(dir, V1)[0]!;
    expect([r.education, r.mentors![0]!.role, r.mentors![0]!.posts]).toEqual([
      "技师学院",
      "村“两委”成员",
      ["村团支部书记"],
    ]);
    const found = audit({ root: dir, cwd: dir, today: "2021-12-31" }).findings;
    expect(
      found.filter((d) => d.code === "bad-term" || d.code.startsWith("education") || d.code.startsWith("mentor-")),
    ).toEqual([]);
  });

  it("decide what the library's files may hold: the cache reads them again when the terms change", () => {
    const base = importDistrict();
    const dir = makeLibrary({ district: base, books: { [V1]: [person(V1, 1, { education: "技师学院" })] } });
    const badTerms = () =>
      audit({ root: dir, cwd: dir, today: "2021-12-31" })
        .findings.filter((d) => d.code === "bad-term")
        .map((d) => d.args.value);
    expect(badTerms()).toEqual(["技师学院"]);
    const own = {
      ...base,
      policy: { ...DEFAULT_POLICY, vocabulary: { education: [{ term: "技师学院", counts_as: "大学专科" }] } },
    };
    writeFileSync(join(dir, "district.yaml"), districtText(own));
    expect(badTerms()).toEqual([]);
    writeFileSync(join(dir, "district.yaml"), districtText(base));
    expect(badTerms()).toEqual(["技师学院"]);
  });

  it("are checked where district.yaml writes them", () => {
    const dir = makeLibrary({
      district: district({
        gender: [{ term: "未说明" }],
        education: [{ term: "技师学院" }, { term: "大学专科", synonyms: ["本科"] }],
        mentor_post: [{ term: "村团支部书记" }],
      }),
    });
    const text = readFileSync(join(dir, "district.yaml"), "utf8").split("\n");
    const line = (s: string) => text.findIndex((l) => l.includes(s)) + 1;
    const found = audit({ root: dir, cwd: dir, today: "2021-12-31" }).findings.filter((d) =>
      d.code.startsWith("vocabulary-"),
    );
    expect(found.map((d) => [d.code, d.location?.line])).toEqual([
      ["vocabulary-closed", line("未说明")],
      ["vocabulary-counts-as", line("技师学院")],
      ["vocabulary-conflict", line("synonyms: [本科]")],
      ["vocabulary-category", line("村团支部书记")],
    ]);
  });
});

describe("a record sheet's mentors", () => {
  it("take posts as a roster does, with the category they count as", async () => {
    const f = fixture();
    const r = await runRecord(f, "mentor", {
      "帮带.csv": csv([
        "内部编号,帮带人,帮带人职务,帮带方式,开始时间,结束时间",
        `${C1}-01,${f.person(C1, 1).mentors![0]!.name},,,,2021-06-30`,
        `${C1}-01,李书记,"村党支部书记,村委会主任",一带一,2021-07-01,`,
      ]),
    });
    expect(recordTuples(r)).toEqual([]);
    expect(r.diagnostics.map((d) => d.code)).toEqual([]);
    const stored = book(f.root, C1)[0]!.mentors!.find((m) => m.name === "李书记");
    expect(stored).toEqual({
      name: "李书记",
      role: "村“两委”成员",
      posts: ["村党支部书记", "村委会主任"],
      mode: "一带一",
      from: "2021-07-01",
    });
  });
});
