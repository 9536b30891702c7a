import { execFileSync } from "node:child_process";
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { snapshot, tempDir } from "../helpers/library.js";
import { F2, importLibrary, M1, runImport, tuples } from "./helpers.js";

/**
 * File-level problems whose fixtures are binary, huge or special (FIFO, device), so they are made
 * here rather than kept in fixtures/errors. Same comparison: [line, column, code].
 */

const HEADER = ["乡镇", "村", "姓名", "性别", "民族", "身份证号", "联系电话", "学历", "政治面貌", "来源", "入库时间"];
const ROW = [
  "滨河镇",
  "沙坡村",
  "张三",
  "男",
  "汉族",
  M1,
  "13951010001",
  "高中",
  "中共党员",
  "村民小组长",
  "2021-01-05",
];

/** A zip holding empty entries with these names (only the directory matters to the sniffer). */
function zip(names: readonly string[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const name of names) {
    const n = Buffer.from(name, "utf8");
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(n.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(n.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, n);
    centrals.push(central, n);
    offset += 30 + n.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(names.length, 8);
  end.writeUInt16LE(names.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

async function workbook(sheets: Record<string, unknown[][]>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(name);
    for (const r of rows) ws.addRow(r);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function check(files: Record<string, string | Buffer>, options: Parameters<typeof runImport>[2] = {}) {
  const work = tempDir("reserve-files-");
  for (const [name, content] of Object.entries(files)) writeFileSync(join(work, name), content);
  const dir = importLibrary();
  const before = snapshot(dir);
  const result = await runImport(dir, Object.keys(files), { cwd: work, ...options });
  expect(result.status).toBe("rejected");
  expect(snapshot(dir)).toEqual(before);
  return result;
}

describe("files that are not what they claim, or cannot be read", () => {
  it.each([
    [
      "old.xls",
      Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]),
      "xls",
    ],
    ["roster.csv", Buffer.from("%PDF-1.4\n%âãÏÓ\n"), "pdf"],
    ["export.xls", Buffer.from("<html><body><table><tr><td>姓名</td></tr></table></body></html>"), "html"],
    ["letter.csv", zip(["[Content_Types].xml", "word/document.xml"]), "docx"],
    ["sheet.csv", zip(["mimetype", "content.xml"]), "ods"],
    ["archive.xlsx", zip(["a.txt"]), "zip"],
    ["broken.xlsx", Buffer.from("PK\x03\x04 not really a zip"), "xlsx-damaged"],
    ["fake.xlsx", zip(["xl/workbook.xml"]), "xlsx-damaged"],
    ["image.csv", Buffer.from([0x89, 0x50, 0x00, 0x47, 0x0d, 0x00, 0x00, 0x1a, 0x00, 0x41, 0x42, 0x00]), "binary"],
    ["wide.csv", Buffer.from([0xff, 0xfe, 0x00, 0x00, 0x41, 0x00, 0x00, 0x00]), "utf32"],
  ])("%s is refused as %s", async (name, content, kind) => {
    const result = await check({ [name]: content });
    expect(tuples(result)).toEqual([[1, "#1", "file-format"]]);
    expect(result.diagnostics[0]!.args.kind).toBe(kind);
  });

  it("refuses text that is neither UTF-8 nor GB18030, from the first cell that is neither", async () => {
    const bad = Buffer.concat([Buffer.from(`${ROW.slice(0, 2).join(",")},`), Buffer.from([0xff, 0x81, 0x0a])]);
    const bytes = Buffer.concat([Buffer.from(`${HEADER.join(",")}\n`), bad, bad, bad]);
    expect(tuples(await check({ "mojibake.csv": bytes }))).toEqual([[2, "姓名", "encoding-unknown"]]);
  });

  it("names the sheets when --sheet names none of them", async () => {
    const result = await check(
      { "book.xlsx": await workbook({ 名册: [HEADER, ROW], 说明: [["x"]] }) },
      { sheet: "Sheet9" },
    );
    expect(tuples(result)).toEqual([[1, "#1", "sheet-not-found"]]);
    expect(result.diagnostics[0]!.args.sheets).toBe("名册、说明");
  });

  it("stops at a row longer than the cap (an unmatched quote) instead of reading on", async () => {
    const text = `${HEADER.join(",")}\n${ROW.join(",")}\n滨河镇,"${"沙".repeat(100_000)}\n`;
    expect(tuples(await check({ "runaway.csv": text }))).toEqual([[3, "乡镇", "row-too-long"]]);
  });

  it("refuses an ID stored as a number in a workbook, and a date that lost its format", async () => {
    const row = [...ROW];
    row[5] = 640502199001010000 as unknown as string;
    const other = [...ROW];
    other[5] = F2;
    other[3] = "女";
    other[10] = 44201 as unknown as string;
    const result = await check({ "numbers.xlsx": await workbook({ 名册: [HEADER, row, other] }) });
    expect(tuples(result)).toEqual([
      [2, "身份证号", "id-as-number"],
      [3, "入库时间", "date-excel-serial"],
    ]);
    expect(result.diagnostics[1]!.args.date).toBe("2021-01-05");
  });

  it("refuses what is not a regular file without blocking on it: missing, folder, FIFO, device", async () => {
    const work = tempDir("reserve-files-");
    mkdirSync(join(work, "folder.csv"));
    execFileSync("mkfifo", [join(work, "pipe.csv")]);
    const dir = importLibrary();
    const result = await runImport(dir, ["missing.csv", "folder.csv", "pipe.csv", "/dev/zero"], { cwd: work });
    expect(result.diagnostics.map((d) => [d.location?.file, d.code, d.args.reason])).toEqual([
      ["/dev/zero", "file-unreadable", "not-file"],
      ["folder.csv", "file-unreadable", "EISDIR"],
      ["missing.csv", "file-unreadable", "ENOENT"],
      ["pipe.csv", "file-unreadable", "not-file"],
    ]);
  });

  it("refuses a file inside the library, also when reached through a link", async () => {
    const work = tempDir("reserve-files-");
    const dir = importLibrary();
    writeFileSync(join(dir, "roster.csv"), `${HEADER.join(",")}\n${ROW.join(",")}\n`);
    symlinkSync(dir, join(work, "lib"));
    const result = await runImport(dir, [join(dir, "roster.csv"), "lib/villages/640502100201.yaml"], { cwd: work });
    expect(result.diagnostics.map((d) => d.code)).toEqual(["input-in-library", "input-in-library"]);
  });

  it("stops at the row limit, and refuses a workbook with more cells than its limit before unpacking it", async () => {
    const rows = [M1, F2, M1, F2, M1].map((id) => ROW.map((c) => (c === M1 ? id : c)).join(",")).join("\n");
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("名册");
    ws.addRow(HEADER);
    ws.mergeCells("A2:K9");
    const result = await check(
      { "rows.csv": `${HEADER.join(",")}\n${rows}\n`, "cells.xlsx": Buffer.from(await wb.xlsx.writeBuffer()) },
      { limits: { maxRows: 3, maxCells: 50 } },
    );
    const tooLarge = result.diagnostics.filter((d) => d.code === "table-too-large");
    expect(tooLarge.map((d) => [d.location?.file, d.location?.line, d.code, d.args.what])).toEqual([
      ["cells.xlsx", 1, "table-too-large", "cells"],
      ["rows.csv", 4, "table-too-large", "rows"],
    ]);
  });

  it("refuses a file over the size limit before reading it", async () => {
    const result = await check(
      { "big.csv": `${HEADER.join(",")}\n${ROW.join(",")}\n` },
      { limits: { maxTextBytes: 100 } },
    );
    expect(tuples(result)).toEqual([[1, "#1", "file-too-large"]]);
  });

  it("guards YAML before parsing: too many aliases, and deep nesting in every file of the run", async () => {
    const aliases = `- &a 张三\n${Array.from({ length: 101 }, () => "- *a").join("\n")}\n`;
    const deep = (n: number) => Array.from({ length: n }, (_, i) => `${"  ".repeat(i)}a:`).join("\n") + " x\n";
    const result = await check({
      "aliases.yaml": aliases,
      "deep1.yaml": deep(200),
      "deep2.yaml": deep(5000),
      "deep3.yaml": `- ${"[".repeat(200_000)}\n`,
    });
    expect(result.diagnostics.map((d) => [d.location?.file, d.code])).toEqual([
      ["aliases.yaml", "yaml-alias"],
      ["deep1.yaml", "yaml-too-deep"],
      ["deep2.yaml", "yaml-too-deep"],
      ["deep3.yaml", "yaml-too-deep"],
    ]);
  });
});
