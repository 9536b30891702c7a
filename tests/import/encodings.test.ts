import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { idNumber, snapshot, tempDir } from "../helpers/library.js";
import { importLibrary, runImport, V1, V2 } from "./helpers.js";

/**
 * The same people, written every way Excel, WPS and a text editor write them, must give the same
 * library, byte for byte. history/ is left out of the comparison: each entry records the SHA-256
 * of the file it came from, which differs by design, and .reserve/ is the tool's own state (lock, commit stamp), not the library.
 */

const HEADER = [
  "乡镇",
  "村",
  "姓名",
  "性别",
  "民族",
  "身份证号",
  "联系电话",
  "学历",
  "政治面貌",
  "来源",
  "县级审核",
  "入库时间",
  "帮带人",
  "帮带人职务",
  "备注",
];

const PEOPLE = [
  [
    "滨河镇",
    "沙坡村",
    "张三",
    "男",
    "汉族",
    idNumber("640502", "19900101", 11),
    "13951010001",
    "高中",
    "中共党员",
    "村民小组长",
    "2020-12-20",
    "2021-01-05",
    "李书记",
    "包村干部",
    '说过"要带头", 致富\n第二行',
  ],
  [
    "滨河镇",
    "沙坡村",
    "阿依古丽·买买提",
    "女",
    "维吾尔族",
    idNumber("640502", "19950505", 42),
    "",
    "大学本科",
    "共青团员",
    "返乡大中专毕业生",
    "2020-12-20",
    "2021-01-05",
    "",
    "",
    "",
  ],
  [
    "滨河镇",
    "黄河村",
    "王五",
    "男",
    "回族",
    idNumber("640502", "19880808", 33),
    "09557012345",
    "初中",
    "群众",
    "复转军人",
    "",
    "",
    "",
    "",
    "",
  ],
];
const OUTSIDE_GBK = [
  "滨河镇",
  "黄河村",
  "张𠮷",
  "女",
  "汉族",
  idNumber("640502", "19930303", 24),
  "13951010004",
  "中专",
  "群众",
  "致富能手",
  "2020-12-20",
  "2021-01-06",
  "",
  "",
  "",
];

function cell(v: string, delimiter: string): string {
  return v.includes(delimiter) || /["\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

function delimited(rows: readonly (readonly string[])[], eol: string | string[], delimiter = ","): string {
  const lines = [HEADER, ...rows].map((r) => r.map((v) => cell(v, delimiter)).join(delimiter));
  const eols = Array.isArray(eol) ? eol : [eol];
  return lines.map((l, i) => l + eols[i % eols.length]!).join("") + `${delimiter.repeat(HEADER.length - 1)}${eols[0]}`;
}

/** English headers in another order, with a 序号 column and typing habits the import normalises. */
function english(rows: readonly (readonly string[])[]): string {
  const keys = [
    "id_number",
    "name",
    "village",
    "town",
    "gender",
    "ethnicity",
    "phone",
    "education",
    "political_status",
    "source",
    "county_date",
    "entry_date",
    "mentor",
    "mentor_role",
    "note",
  ];
  const from = [5, 2, 1, 0, 3, 4, 6, 7, 8, 9, 10, 11, 12, 13, 14];
  const lines = [["序号", ...keys].join(",")];
  rows.forEach((r, n) => {
    const cells = from.map((i) => r[i]!);
    cells[0] = `'${cells[0]!.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0))}`;
    cells[11] = cells[11] ? cells[11].replace(/^(\d+)-0?(\d+)-0?(\d+)$/, "$1年$2月$3日") : "";
    cells[4] = cells[4] === "男" ? "male" : "female";
    lines.push([String(n + 1), ...cells.map((v) => cell(v, ","))].join(","));
  });
  return `${lines.join("\r\n")}\r\n`;
}

async function xlsx(rows: readonly (readonly string[])[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("名册");
  ws.addRow(["沙坡头区村级后备干部名册"]);
  ws.addRow([...HEADER]);
  for (const r of rows) {
    // Dates as real date cells, the way Excel stores them.
    const dated = r.map((v, i) => (i >= 10 && i <= 11 && v ? new Date(`${v}T00:00:00Z`) : v));
    ws.addRow(dated);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function yaml(rows: readonly (readonly string[])[]): string {
  return rows
    .map((r) =>
      HEADER.map((h, i) => (r[i] ? `${i === 0 ? "- " : "  "}${h}: ${JSON.stringify(r[i])}` : ""))
        .filter(Boolean)
        .join("\n"),
    )
    .join("\n")
    .concat("\n");
}

async function libraryFrom(name: string, content: string | Buffer): Promise<Record<string, string>> {
  const work = tempDir("reserve-enc-");
  writeFileSync(join(work, name), content);
  const dir = importLibrary({});
  const result = await runImport(dir, [name], { cwd: work });
  // Nothing but the notices of terms written another way (male → 男), which do not depend on the encoding.
  expect(result.diagnostics.filter((d) => d.code !== "term-rewritten")).toEqual([]);
  expect(result.status).toBe("imported");
  return snapshot(dir, { skip: (rel) => rel.startsWith("history/") || rel.startsWith(".reserve/") });
}

describe("the same rows in every encoding and format give the same library", () => {
  it("UTF-8, UTF-8 with BOM, GBK, GB18030, UTF-16 text, tab-separated, XLSX and YAML; CRLF, LF, CR and mixed", async () => {
    const text = delimited(PEOPLE, "\r\n");
    const variants: [string, string | Buffer][] = [
      ["utf8.csv", text],
      ["bom.csv", `\ufeff${text}`],
      ["lf.csv", delimited(PEOPLE, "\n")],
      ["cr.csv", delimited(PEOPLE, "\r")],
      ["mixed.csv", delimited(PEOPLE, ["\r\n", "\n", "\r"])],
      ["gbk.csv", iconv.encode(text, "gbk")],
      ["gb18030.csv", iconv.encode(text, "gb18030")],
      [
        "unicode.txt",
        Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(delimited(PEOPLE, "\r\n", "\t"), "utf16le")]),
      ],
      ["tabs.csv", delimited(PEOPLE, "\n", "\t")],
      ["workbook.xlsx", await xlsx(PEOPLE)],
      ["renamed.csv", await xlsx(PEOPLE)],
      ["roster.yaml", yaml(PEOPLE)],
      ["english.csv", english(PEOPLE)],
    ];
    const expected = await libraryFrom(...variants[0]!);
    expect(Object.keys(expected)).toEqual(
      expect.arrayContaining([`villages/${V1}.yaml`, `villages/${V2}.yaml`, "district.yaml"]),
    );
    for (const [name, content] of variants.slice(1)) {
      expect([name, await libraryFrom(name, content)]).toEqual([name, expected]);
    }
  });

  it("a name outside GBK (张𠮷) is kept by GB18030, UTF-8, XLSX and YAML alike", async () => {
    const rows = [...PEOPLE, OUTSIDE_GBK];
    const text = delimited(rows, "\r\n");
    const expected = await libraryFrom("utf8.csv", text);
    for (const [name, content] of [
      ["gb18030.csv", iconv.encode(text, "gb18030")],
      ["bom.csv", `\ufeff${text}`],
      ["workbook.xlsx", await xlsx(rows)],
      ["roster.yaml", yaml(rows)],
    ] as [string, string | Buffer][]) {
      expect([name, await libraryFrom(name, content)]).toEqual([name, expected]);
    }
    const dir = importLibrary({});
    const work = tempDir("reserve-enc-");
    writeFileSync(join(work, "gb.csv"), iconv.encode(text, "gb18030"));
    await runImport(dir, ["gb.csv"], { cwd: work });
    expect(readFileSync(join(dir, `villages/${V2}.yaml`), "utf8")).toContain("name: 张𠮷");
  });

  it("reports what each file really was", async () => {
    const work = tempDir("reserve-enc-");
    const files: [string, string | Buffer][] = [
      ["gbk.csv", iconv.encode(delimited(PEOPLE, "\r\n"), "gbk")],
      ["renamed.csv", await xlsx(PEOPLE)],
      [
        "unicode.txt",
        Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(delimited(PEOPLE, "\r\n", "\t"), "utf16le")]),
      ],
    ];
    for (const [name, content] of files) writeFileSync(join(work, name), content);
    const result = await runImport(importLibrary({}), ["gbk.csv"], { cwd: work, dryRun: true });
    expect(result.files.map((f) => [f.file, f.format, f.encoding, f.delimiter])).toEqual([
      ["gbk.csv", "csv", "gb18030", ","],
    ]);
    const all = await runImport(importLibrary({}), ["renamed.csv"], { cwd: work, dryRun: true });
    expect(all.files.map((f) => [f.format, f.sheet])).toEqual([["xlsx", "名册"]]);
    const utf16 = await runImport(importLibrary({}), ["unicode.txt"], { cwd: work, dryRun: true });
    expect(utf16.files.map((f) => [f.format, f.encoding, f.delimiter])).toEqual([["csv", "utf-16le", "\t"]]);
  });
});
