import { writeFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { RECORD_CATALOGUES, RECORD_KINDS } from "../../src/domain/cultivation-columns.js";
import { DEFAULT_POLICY } from "../../src/domain/policy-defaults.js";
import { loadLibrary } from "../../src/io/load-library.js";
import { baseSpec, V1 } from "../catalogue/case.js";
import { runCli } from "../helpers/cli.js";
import { idNumber, makeLibrary, tempDir } from "../helpers/library.js";

/**
 * `reserve template [KIND]`: the roster and every kind of `reserve record` sheet; made from a
 * library (--data, --town), its town and village columns offer that library's places as drop-down
 * lists kept on a hidden sheet, and a sheet lists the villages with their codes. A template filled
 * in from its drop-downs is read back without a problem.
 */

const NOW = "2021-12-20T04:00:00Z";

function setUp(): string {
  const cwd = tempDir("reserve-template-");
  makeLibrary(baseSpec(), join(cwd, "data"));
  return cwd;
}

function run(cwd: string, args: readonly string[]) {
  return runCli(args, { cwd, env: { RESERVE_NOW: NOW } });
}

async function workbook(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

/** The header of a sheet, and the values its drop-down offers in each column (by header). */
function dropDowns(wb: ExcelJS.Workbook): { header: string[]; lists: Record<string, string[]> } {
  const ws = wb.worksheets[0]!;
  const header = (ws.getRow(1).values as string[]).slice(1);
  const model = (ws as unknown as { dataValidations: { model: Record<string, { formulae: string[] }> } })
    .dataValidations.model;
  const lists: Record<string, string[]> = {};
  header.forEach((h, i) => {
    const letter = String.fromCharCode(65 + i);
    const v = model[`${letter}2`];
    if (!v) return;
    const m = /^'(.+)'!\$([A-Z]+)\$1:\$[A-Z]+\$(\d+)$/.exec(v.formulae[0]!)!;
    const sheet = wb.getWorksheet(m[1])!;
    lists[h] = Array.from({ length: Number(m[3]) }, (_, k) => sheet.getCell(`${m[2]}${k + 1}`).text);
  });
  return { header, lists };
}

describe("reserve template KIND", () => {
  it.each(RECORD_KINDS)("writes the %s sheet as CSV, and record reads its header", (kind) => {
    const cwd = setUp();
    const r = run(cwd, ["template", kind]);
    const expected = [...RECORD_CATALOGUES[kind].columns.map((c) => c.zh), ...(kind === "training" ? ["签名"] : [])];
    expect([r.code, r.stderr, r.stdout]).toEqual([0, "", `\ufeff${expected.join(",")}\n`]);
    // Read back, the header is the kind's: the only finding is that no row is filled in yet.
    writeFileSync(join(cwd, "空表.csv"), r.stdout.replace(/\n$/, "\r\n"));
    const read = run(cwd, ["record", kind, "空表.csv", "--format", "json"]);
    const found = (JSON.parse(read.stdout) as { diagnostics: { code: string; line: number }[] }).diagnostics;
    expect(found.map((d) => [d.line, d.code])).toEqual([[1, "no-rows"]]);
  });

  it("accepts the Chinese names record accepts, and refuses others naming the kinds", () => {
    const cwd = setUp();
    expect(run(cwd, ["template", "培训签到"]).stdout).toBe(run(cwd, ["template", "training"]).stdout);
    expect(run(cwd, ["template", "名册"]).stdout).toBe(run(cwd, ["template"]).stdout);
    const bad = run(cwd, ["template", "考勤"]);
    expect([bad.code, bad.stderr]).toEqual([
      2,
      "reserve: 错误 模板种类“考勤”无效，可选：roster（名册，默认）、training（培训签到）、mentor（帮带）、post（定岗锻炼）、party（入党培养）、screening（资格联审）\n" +
        "  提示：KIND 的写法见 reserve template --help\n",
    ]);
  });
});

describe("reserve template --data", () => {
  it("offers a town's places in the roster's drop-downs, and the filled roster imports", async () => {
    const cwd = setUp();
    const r = run(cwd, ["template", "--data", "data", "--town", "滨河镇", "--out", "滨河镇名册.xlsx"]);
    expect([r.code, r.stderr, r.stdout]).toEqual([
      0,
      "",
      "已写出名册模板 滨河镇名册.xlsx：表头为全部可用列，必填列见 docs/import.md；下拉选项中的乡镇和村取自库中的 2 个村。\n",
    ]);
    const wb = await workbook(join(cwd, "滨河镇名册.xlsx"));
    expect(wb.worksheets.map((w) => [w.name, w.state])).toEqual([
      ["名册", "visible"],
      ["填写说明", "visible"],
      ["村名单", "visible"],
      ["选项", "hidden"],
    ]);
    const { header, lists } = dropDowns(wb);
    // 新墩村 was merged into 黄河村: it takes no reserves, so it is not offered.
    expect([lists["乡镇"], lists["村"], lists["村代码"]]).toEqual([
      ["滨河镇"],
      ["沙坡村", "黄河村"],
      ["640502100201", "640502100202"],
    ]);
    expect(lists["性别"]).toEqual(["男", "女"]);
    const reference = wb.getWorksheet("村名单")!;
    expect(
      reference
        .getSheetValues()
        .slice(1)
        .map((row) => (row as string[]).slice(1)),
    ).toEqual([
      ["乡镇", "村", "村代码"],
      ["滨河镇", "沙坡村", "640502100201"],
      ["滨河镇", "黄河村", "640502100202"],
    ]);

    // A township fills a row from the drop-downs, as in Excel, and sends it back.
    const ws = wb.worksheets[0]!;
    const cell = (h: string) => ws.getCell(2, header.indexOf(h) + 1);
    const id = idNumber("640502", "19950612", 32);
    const values: Record<string, string> = {
      乡镇: lists["乡镇"]![0]!,
      村: lists["村"]![0]!,
      村代码: lists["村代码"]![0]!,
      姓名: "马晓燕",
      性别: "女",
      民族: "回族",
      身份证号: id,
      学历: "大学专科",
      政治面貌: "中共党员",
      来源: "返乡大中专毕业生",
    };
    for (const [h, v] of Object.entries(values)) cell(h).value = v;
    await wb.xlsx.writeFile(join(cwd, "滨河镇名册-已填.xlsx"));
    const imported = run(cwd, ["import", "滨河镇名册-已填.xlsx"]);
    expect([imported.code, imported.stderr]).toEqual([0, ""]);
    const lib = loadLibrary(join(cwd, "data"), { today: "2021-12-20", cwd }).library!;
    const book = lib.books.find((b) => b.village === V1)!;
    expect(book.reserves.find((p) => p.id_number === id)?.name).toBe("马晓燕");
  });

  it("offers towns and villages as the sign-in sheet's unit, and the policy's departments for screening", async () => {
    const cwd = setUp();
    expect(run(cwd, ["template", "training", "--data", "data", "--out", "签到表.xlsx"]).code).toBe(0);
    const training = await workbook(join(cwd, "签到表.xlsx"));
    const sheet = dropDowns(training);
    expect(sheet.header.at(-1)).toBe("签名");
    expect(sheet.lists["举办单位"]).toEqual(["滨河镇", "文昌镇", "沙坡村", "黄河村", "红泉村"]);
    expect(sheet.lists["培训层级"]).toEqual(["区级", "镇级", "村级"]);

    const ws = training.worksheets[0]!;
    const at = (h: string) => sheet.header.indexOf(h) + 1;
    const row = ws.getRow(2);
    row.getCell(at("培训日期")).value = new Date(Date.UTC(2021, 10, 20));
    row.getCell(at("培训主题")).value = "冬训：乡村振兴政策解读";
    row.getCell(at("培训层级")).value = "村级";
    row.getCell(at("举办单位")).value = sheet.lists["举办单位"]![2]!;
    row.getCell(at("学时")).value = 2;
    row.getCell(at("内部编号")).value = `${V1}-01`;
    await training.xlsx.writeFile(join(cwd, "签到表-已填.xlsx"));
    const recorded = run(cwd, ["record", "training", "签到表-已填.xlsx", "--format", "json"]);
    expect(recorded.code).toBe(0);
    const out = JSON.parse(recorded.stdout) as { sessions: { id: string; unit: string }[] };
    expect(out.sessions.map((s) => [s.id, s.unit])).toEqual([[`2021-11-20-${V1}-ff3b`, V1]]);

    expect(run(cwd, ["template", "screening", "--data", "data", "--out", "联审.xlsx"]).code).toBe(0);
    expect(dropDowns(await workbook(join(cwd, "联审.xlsx"))).lists["联审部门"]).toEqual(
      DEFAULT_POLICY.screening.departments,
    );
  });

  it("refuses a CSV made from a library, an unknown town, and names the option", () => {
    const cwd = setUp();
    const csv = run(cwd, ["template", "--data", "data", "--out", "名册.csv"]);
    expect([csv.code, csv.stderr]).toEqual([
      2,
      "reserve: 错误 取自库的下拉选项（--data、--town）只能写进 Excel 工作簿：用 --out 文件名.xlsx\n" +
        "  提示：--data 的写法见 reserve template --help\n",
    ]);
    const town = run(cwd, ["template", "--town", "滨江镇", "--out", "名册.xlsx"]);
    expect([town.code, town.stderr.split("\n")[0]]).toEqual([2, "reserve: 错误 找不到乡镇“滨江镇”"]);
    const exists = run(cwd, ["template", "--out", "data/district.yaml"]);
    expect([exists.code, exists.stderr]).toEqual([
      2,
      "reserve: 错误 data/district.yaml 已存在，不会覆盖；请换一个文件名\n  提示：用 --out 给一个新的文件名（已有的文件从不覆盖）\n",
    ]);
  });
});
