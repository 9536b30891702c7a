import { copyFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { DiagnosticCode } from "../../src/diagnostics/codes.js";
import { zip } from "../../src/io/zip.js";
import { makeLibrary } from "../helpers/library.js";
import { ERRORS, importDistrict, knownPeople } from "../import/helpers.js";
import type { CatalogueCase } from "./case.js";

/**
 * Reproducers of the import codes (src/diagnostics/codes/import.ts). Each imports a roster from
 * tests/import/fixtures/errors (the fixtures the import tests check line and column on) into the
 * import tests' library: the small district plus a second 黄河村 in 文昌镇 and the abolished 旧城村,
 * with 李芳 adjusted out of 沙坡村's pool and 王五 a reserve of 黄河村.
 */

const ROSTER = "名册.csv";

function importCase(c: {
  code: DiagnosticCode;
  meaning: string;
  reproducer: string;
  /** Fixture files copied in, each under the name used on the command line. */
  files?: Record<string, string>;
  /** Files written from content instead. */
  write?: Record<string, string | Buffer>;
  extra?: readonly string[];
}): CatalogueCase {
  const names = [...Object.keys(c.files ?? {}), ...Object.keys(c.write ?? {})];
  return {
    code: c.code,
    meaning: c.meaning,
    reproducer: c.reproducer,
    args: ["import", ...names, ...(c.extra ?? [])],
    setup: (dir) => {
      makeLibrary({ district: importDistrict(), books: knownPeople() }, join(dir, "data"));
      for (const [name, fixture] of Object.entries(c.files ?? {})) copyFileSync(join(ERRORS, fixture), join(dir, name));
      for (const [name, content] of Object.entries(c.write ?? {})) writeFileSync(join(dir, name), content);
    },
  };
}

/** The one-fixture case: `名册.csv` is tests/import/fixtures/errors/<code>.csv. */
const fixture = (code: DiagnosticCode, meaning: string, reproducer: string, file: string = `${code}.csv`) =>
  importCase({ code, meaning, reproducer, files: { [file.endsWith(".csv") ? ROSTER : file]: file } });

const HEADER = "乡镇,村,姓名,性别,民族,身份证号,联系电话,学历,政治面貌,来源,入库时间";

/** A one-sheet workbook with the roster header and one merged range. */
function mergedWorkbook(range: string): Buffer {
  const head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
  const main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
  const rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  const cells = HEADER.split(",")
    .map((h, i) => `<c r="${String.fromCharCode(65 + i)}1" t="inlineStr"><is><t>${h}</t></is></c>`)
    .join("");
  const parts: Record<string, string> = {
    "[Content_Types].xml": `${head}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
    "_rels/.rels": `${head}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    "xl/workbook.xml": `${head}<workbook xmlns="${main}" xmlns:r="${rel}"><sheets><sheet name="名册" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    "xl/_rels/workbook.xml.rels": `${head}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
    "xl/worksheets/sheet1.xml": `${head}<worksheet xmlns="${main}"><sheetData><row r="1">${cells}</row></sheetData><mergeCells count="1"><mergeCell ref="${range}"/></mergeCells></worksheet>`,
  };
  return zip(Object.entries(parts).map(([name, d]) => ({ name, data: Buffer.from(d) })));
}

export const cases: readonly CatalogueCase[] = [
  // The file as a whole
  importCase({
    code: "input-in-library",
    meaning:
      "The file to import is inside the library folder (also when reached through a link): the import could replace the very file it reads, so rosters are read from outside the library only.",
    reproducer: "the roster was saved into the library folder",
    write: { [`data/${ROSTER}`]: `${HEADER}\n` },
  }),
  importCase({
    code: "file-format",
    meaning:
      "The file is not a table the tool can read — an old .xls or WPS .et workbook, an .ods sheet, a Word document, a PDF, a web page saved as .xls, a zip, binary data — whatever its name; the message says what it is.",
    reproducer: "the roster is an Excel 97-2003 workbook (.xls)",
    write: {
      "名册.xls": Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]),
    },
  }),
  importCase({
    code: "encoding-unknown",
    meaning:
      "A text file is in an encoding that is neither UTF-8 nor GB18030 (GBK) on more than one line in ten: it would read as mojibake from the first such cell, which is named; the rows before it are checked, the rest is not read. (Such bytes on fewer lines — a few cells pasted from a file in another encoding — are named cell by cell as invisible-character U+FFFD, and the rest of the file is checked.)",
    reproducer: "the names were typed on a computer set to a Western code page (é is one byte)",
    write: {
      [ROSTER]: Buffer.concat([
        Buffer.from(`${HEADER}\n`),
        ...["Jos", "Andr", "Ren"].map((name, i) =>
          Buffer.concat([
            Buffer.from(`滨河镇,沙坡村,${name}`),
            Buffer.from([0xe9]),
            Buffer.from(`,男,汉族,64050219900101011${i},13951010001,高中,中共党员,村民小组长,2021-01-05\n`),
          ]),
        ),
      ]),
    },
  }),
  importCase({
    code: "sheet-not-found",
    meaning: "--sheet names a sheet the workbook does not have; the sheets it has are listed.",
    reproducer: "the workbook's only sheet is 名册",
    files: { "名册.xlsx": "id-as-number.xlsx" },
    extra: ["--sheet", "名单"],
  }),
  fixture("csv-quote", "A quoted cell has more text after its closing quote.", 'the name is written "张三"丰'),
  fixture(
    "csv-unclosed-quote",
    "A quoted cell is never closed: the rest of the file would run into it. Reported at the line where the record starts.",
    "a quote opens before 李芳 and never closes",
  ),
  importCase({
    code: "row-too-long",
    meaning:
      "A record is longer than 256 KiB — almost always an unmatched quote swallowing the rows after it; the rest of the file is not read.",
    reproducer: "an opening quote followed by 300,000 characters",
    write: { [ROSTER]: `${HEADER}\n滨河镇,"${"沙".repeat(100_000)}\n` },
  }),
  importCase({
    code: "table-too-large",
    meaning:
      "A file has more than 2,000,000 rows, or a workbook more than 1,000,000 cells (a merged range counts every cell in it): reading stops there, or the workbook is not unpacked at all, so a file cannot make the tool run out of memory.",
    reproducer: "a workbook whose sheet merges everything below the header into one range",
    write: { "名册.xlsx": mergedWorkbook("A2:XFD1048576") },
  }),
  fixture(
    "no-rows",
    "The file has a header but no rows (or nothing at all). An empty roster never empties a village: people not on a roster stay.",
    "only the header",
  ),

  // The header
  fixture(
    "column-unknown",
    "A header names no known column; the column probably meant is suggested.",
    "联系电活 for 联系电话",
    "column-unknown-typo.csv",
  ),
  fixture("column-missing", "A required column is not in the header.", "no 民族 column"),
  fixture("column-duplicate", "Two headers name the same column (e.g. 联系电话 and 手机).", "联系电话 and 手机"),
  fixture(
    "extra-cell",
    "A row has a value in a column without a header — often an unquoted comma inside a cell.",
    "a value after the last column",
  ),

  // Cells
  fixture(
    "value-too-long",
    "A value is longer than its column allows (姓名 50 characters, 备注 500…).",
    "a 51-character name",
  ),
  fixture(
    "invisible-character",
    "A cell holds an invisible control or format character (zero-width space, bidirectional mark…) or U+FFFD left by a bad conversion; it is shown as U+XXXX.",
    "a zero-width space inside the name",
  ),
  importCase({
    code: "id-as-number",
    meaning:
      "A workbook stores the ID number as a number: Excel keeps 15 significant digits, so the last ones are already lost.",
    reproducer: "the 身份证号 cell is a number",
    files: { "名册.xlsx": "id-as-number.xlsx" },
  }),
  fixture(
    "date-invalid",
    "A date cannot be read, or is a day that does not exist (2021-02-30).",
    "入库时间 2021-02-30 and 下个月",
  ),
  fixture(
    "date-excel-serial",
    "A date is a bare spreadsheet serial number (a date cell that lost its format); the date it probably was is shown.",
    "入库时间 44201",
  ),
  fixture("date-future", "A date of the selection or entry is after today.", "入库时间 2022-01-05"),
  fixture(
    "date-before-birth",
    "A date is before the birth date in the ID number.",
    "入库时间 1989-05-01 for someone born in 1990",
  ),
  fixture(
    "date-order",
    "The selection steps are out of order: 村级摸底 → 乡镇推荐 → 县级审核 → 入库时间.",
    "入库时间 before 县级审核",
  ),
  fixture(
    "mentor-mismatch",
    "帮带人职务 gives neither one post per mentor, nor one for all, nor one line (or ；-separated part) per mentor.",
    "three mentors and two roles",
  ),
  importCase({
    code: "mentor-start-missing",
    meaning:
      "A new pairing's start cannot be told: no 帮带开始时间, 入库时间 or 县级审核 on the row or in the library, and no 填报日期. The day of the import is never used instead.",
    reproducer: "a mentor on a row without any date",
    write: {
      [ROSTER]: `\ufeff乡镇,村,姓名,性别,民族,身份证号,学历,政治面貌,来源,帮带人,帮带人职务\r\n滨河镇,沙坡村,张三,男,汉族,640502199001010113,高中,群众,村民小组长,王书记,村党支部书记\r\n`,
    },
  }),
  importCase({
    code: "term-rewritten",
    meaning:
      "A notice (说明), not a fault: cells written another way than the standard term (大专, 党员, 镇党委副书记) were stored as the term. One per file, column, text and term, with the count and the first lines.",
    reproducer: "学历 大专 and 政治面貌 党员 in a roster",
    write: {
      [ROSTER]: `\ufeff${HEADER}\r\n滨河镇,沙坡村,张三,男,汉族,640502199001010113,13951010001,大专,党员,村民小组长,2021-01-05\r\n`,
    },
    extra: ["--dry-run"],
  }),

  // Places
  fixture("village-not-found", "No village of that name (in that town).", "村 不存在村"),
  fixture(
    "village-ambiguous",
    "The village name is used in several towns; 乡镇 or 村代码 says which.",
    "黄河村 without 乡镇 (滨河镇 and 文昌镇 both have one)",
  ),
  fixture(
    "village-merged",
    "The village was merged into another; the message says which and when.",
    "新墩村, merged into 黄河村",
  ),
  fixture("village-abolished", "The village was abolished.", "文昌镇旧城村"),
  fixture("village-mismatch", "村代码 and 村 name different villages.", "村代码 of 沙坡村 with 村 黄河村"),
  fixture(
    "town-mismatch",
    "The village named belongs to another town than 乡镇 says.",
    "沙坡村's code with 乡镇 文昌镇",
  ),

  // People
  fixture(
    "duplicate-in-file",
    "The same ID number is on two rows of one file (after normalisation: full-width digits, x…).",
    "张三 twice, once with full-width digits",
  ),
  importCase({
    code: "duplicate-in-run",
    meaning: "The same ID number is in two files of one run; the other file and line are named.",
    reproducer: "张三 on 沙坡村's roster and on 黄河村's",
    files: { "沙坡村.csv": "duplicate-in-run-a.csv", "黄河村.csv": "duplicate-in-run-b.csv" },
  }),
  fixture(
    "person-in-other-village",
    "The person is already a reserve of another village: both places are named, and reserve move is the way to move someone.",
    "王五, a reserve of 黄河村, on 沙坡村's roster",
  ),
  fixture(
    "person-left-pool",
    "A row is for someone who has left the pool (调整出库 or 已使用): the details are updated, the status is not.",
    "李芳, adjusted out, on the roster",
  ),
];
