import ExcelJS from "exceljs";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fixtureBooks } from "./fixture.js";
import { runReport } from "./helpers.js";

/**
 * The ledgers' workbooks (一镇一库 per town, 一村一册 per village) as Excel sees them, read back
 * with exceljs: codes, ids, ID numbers and phones stored as text (numbers as numbers), ID numbers
 * and phones masked unless revealed, the header row frozen, each column as wide as its content,
 * and printing set up — A4, one page wide, the header row repeated, across the page when wide,
 * the title, page numbers and the personal-data notice on every page.
 */

const masked = runReport(["--format", "xlsx"]);
const revealed = runReport(["--format", "xlsx", "--reveal"]);
const people = Object.values(fixtureBooks()).flat();

const TOWN = ["towns", "640502100-滨河镇.xlsx"];
const VILLAGE = ["villages", "640502100-滨河镇", "640502100201-沙坡村.xlsx"];

async function book(out: string, path: string[]): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(join(out, ...path)) as unknown as ArrayBuffer);
  return wb;
}

function column(ws: ExcelJS.Worksheet, header: string): ExcelJS.Cell[] {
  const headers = (ws.getRow(1).values as unknown[]).slice(1);
  const i = headers.indexOf(header);
  if (i < 0) throw new Error(`no column ${header} in ${ws.name}`);
  const cells: ExcelJS.Cell[] = [];
  for (let r = 2; r <= ws.rowCount; r++) cells.push(ws.getCell(r, i + 1));
  return cells;
}

function expectText(cells: ExcelJS.Cell[], pattern: RegExp, what: string): void {
  expect(cells.length, what).toBeGreaterThan(0);
  for (const c of cells) {
    if (c.value === null) continue;
    expect(typeof c.value, `${what} ${c.address}`).toBe("string");
    expect(c.numFmt, `${what} ${c.address}`).toBe("@");
    expect(c.value, `${what} ${c.address}`).toMatch(pattern);
  }
}

describe("the town's workbook (一镇一库)", () => {
  it("was written for every town", () => {
    expect(masked.code).toBe(0);
    expect(revealed.code).toBe(0);
  });

  it("has every reserve of the town with codes, ids, ID numbers and phones as text", async () => {
    const ws = (await book(masked.out, TOWN)).getWorksheet("一镇一库")!;
    expect(ws).toBeDefined();
    // 滨河镇: 沙坡村 4, 黄河村 4, 新墩村 1.
    expect(ws.rowCount).toBe(1 + 9);
    expectText(column(ws, "乡镇代码"), /^640502100$/, "town code");
    expectText(column(ws, "村代码"), /^640502100\d{3}$/, "village code");
    expectText(column(ws, "内部编号"), /^640502100\d{3}-\d{2}$/, "internal id");
    expectText(column(ws, "身份证号"), /^\d{6}\*{8}\d{3}[\dX]$/, "ID number");
    expectText(column(ws, "联系电话"), /^\d{0,3}\*{4,}\d{4}$/, "phone");
    for (const c of column(ws, "年龄")) expect(typeof c.value, c.address).toBe("number");
  });

  it("shows full ID numbers and phones, still as text, only with --reveal", async () => {
    const ws = (await book(revealed.out, TOWN)).getWorksheet("一镇一库")!;
    const ids = column(ws, "身份证号");
    expectText(ids, /^\d{17}[\dX]$/, "ID number");
    for (const c of ids) expect(people.map((p) => p.id_number)).toContain(c.value);
    // A landline keeps its leading 0: the cell is text, not the number 9517654321.
    expect(column(ws, "联系电话").map((c) => c.value)).toContain("09517654321");
    expect(ws.headerFooter.oddFooter).toContain("--reveal");
  });

  it("freezes the header, sizes the columns, and prints across A4, one page wide, header repeated", async () => {
    const ws = (await book(masked.out, TOWN)).getWorksheet("一镇一库")!;
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: "landscape", fitToWidth: 1, fitToHeight: 0 });
    expect(ws.pageSetup.printTitlesRow).toBe("1:1");
    expect(ws.headerFooter.oddHeader).toContain("滨河镇村级后备干部库（一镇一库，2021 年度）");
    expect(ws.headerFooter.oddHeader).toContain("2021-12-31");
    expect(ws.headerFooter.oddFooter).toContain("&P");
    expect(ws.headerFooter.oddFooter).toContain("身份证号和联系电话已按个人信息保护要求隐去部分数字");
    const width = (header: string) => ws.getColumn((ws.getRow(1).values as unknown[]).indexOf(header)).width!;
    // As wide as the longest value: 15 characters of internal id, 18 of ID number, two per Chinese character.
    expect(width("内部编号")).toBeGreaterThanOrEqual(15);
    expect(width("身份证号")).toBeGreaterThanOrEqual(18);
    expect(width("性别")).toBeLessThan(10);
  });
});

describe("the village's workbook (一村一册)", () => {
  it("holds the register, the training sign-in sheet and the sessions, each printable", async () => {
    const wb = await book(masked.out, VILLAGE);
    expect(wb.worksheets.map((ws) => ws.name)).toEqual(["名册", "培训签到", "培训场次"]);
    for (const ws of wb.worksheets) {
      expect(ws.views[0], ws.name).toMatchObject({ state: "frozen", ySplit: 1 });
      expect(ws.pageSetup, ws.name).toMatchObject({ paperSize: 9, fitToWidth: 1, fitToHeight: 0 });
      expect(ws.pageSetup.printTitlesRow, ws.name).toBe("1:1");
      expect(ws.headerFooter.oddHeader, ws.name).toContain("滨河镇沙坡村村级后备干部培养台账");
    }
    const [register, signIn, sessions] = wb.worksheets as [ExcelJS.Worksheet, ExcelJS.Worksheet, ExcelJS.Worksheet];
    expect(register.pageSetup.orientation).toBe("landscape");
    expect(sessions.pageSetup.orientation).toBe("portrait");
    expect(register.rowCount).toBe(1 + 4);
    expectText(column(register, "内部编号"), /^640502100201-0\d$/, "internal id");
    expectText(column(register, "身份证号"), /^\d{6}\*{8}\d{3}[\dX]$/, "ID number");
    expect(column(register, "姓名").map((c) => c.value)).toContain('=HYPERLINK("http://x","点我")');
    expect(column(register, "本年参训").map((c) => c.value)).toEqual([4, 2, 1, 0]);
    // The sign-in sheet: one row a person, a ✓ for each session attended.
    expect((signIn.getRow(1).values as unknown[]).slice(1)).toEqual(["姓名", "01", "02", "04", "05", "合计"]);
    expect((signIn.getRow(2).values as unknown[]).slice(1)).toEqual(["王建国", "✓", "✓", "✓", "✓", "4/4"]);
    expectText(column(sessions, "内部编号"), /^2021-0\d$/, "session id");
  });

  it("writes no formula anywhere, whatever the names hold", async () => {
    for (const path of [TOWN, VILLAGE]) {
      const wb = await book(masked.out, path);
      wb.eachSheet((ws) =>
        ws.eachRow((row) =>
          row.eachCell((c) => {
            expect(c.formula, c.address).toBeUndefined();
            expect(c.type, c.address).not.toBe(ExcelJS.ValueType.Formula);
          }),
        ),
      );
    }
  });
});
