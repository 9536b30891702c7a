import { parse } from "csv-parse/sync";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { EVALUATION_SHEET_COLUMNS, sheetHeader } from "../../src/domain/evaluation-sheet.js";
import { DEFAULT_POLICY } from "../../src/domain/policy-defaults.js";
import { fromSheetCell, toSheetCell } from "../../src/domain/spreadsheet-cell.js";
import { csvText } from "../../src/io/csv-write.js";
import { table } from "../../src/reports/table.js";
import { runCli } from "../helpers/cli.js";
import { fixtureBooks } from "./fixture.js";
import { listFiles, NOW, reportSnapshot, reportTexts, runReport } from "./helpers.js";

/** Personal data, spreadsheet safety, determinism and the all-or-nothing replacement of a report. */

const people = Object.values(fixtureBooks()).flat();
const ids = people.map((r) => r.id_number);
const phones = people.flatMap((r) => (r.phone ? [r.phone] : []));

function allText(dir: string): string {
  return [...reportTexts(dir).values()].join("\n");
}

describe("personal information", () => {
  it("never shows a full ID number or phone number unless --reveal is given", () => {
    const run = runReport();
    expect(run.code).toBe(0);
    const text = allText(run.out);
    for (const id of ids) expect(text).not.toContain(id);
    for (const phone of phones) expect(text).not.toContain(phone);
    // …but shows them masked the agreed way.
    expect(text).toContain(`${ids[0]!.slice(0, 6)}********${ids[0]!.slice(14)}`);
    expect(text).toContain(`${phones[0]!.slice(0, 3)}****${phones[0]!.slice(7)}`);
    expect(run.stdout).not.toMatch(/完整/);
    // Nothing was recorded in the library's history for a masked report.
    expect(existsSync(join(run.lib, "history"))).toBe(false);
  });

  it("shows full values with --reveal, says so, and records a reveal entry in the history", () => {
    const run = runReport(["--reveal"]);
    expect(run.code).toBe(0);
    const text = allText(run.out);
    for (const id of ids) expect(text).toContain(id);
    expect(run.stdout).toContain("完整的身份证号和联系电话");
    expect(readFileSync(join(run.out, "summary.md"), "utf8")).toContain("--reveal");
    expect(readFileSync(join(run.out, "dashboard.html"), "utf8")).toContain('class="notice reveal"');
    const book = readFileSync(join(run.out, "villages", "640502100-滨河镇", "640502100201-沙坡村.html"), "utf8");
    // The village's page and each person's file say so.
    expect(book.split('class="notice reveal"')).toHaveLength(1 + 1 + 4);
    const workbook = reportTexts(run.out).get("towns/640502100-滨河镇.xlsx!xl/worksheets/sheet1.xml")!;
    expect(workbook).toContain("--reveal");
    const history = join(run.lib, "history", "2022");
    const entries = readdirSync(history).map((n) => readFileSync(join(history, n), "utf8"));
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatch(/command: report/);
    expect(entries[0]).toMatch(/action: reveal/);
    expect(entries[0]).toMatch(/by: tester/);
  });

  it("masks `reserve show` the same way, and records --reveal there too", () => {
    const run = runReport(["--format", "json"]);
    const target = people.find((r) => r.name === "王建国")!;
    const masked = runCli(["show", target.id, "--data", run.lib], { cwd: run.cwd, env: { RESERVE_NOW: NOW } });
    expect(masked.stdout).toContain(`${target.id_number.slice(0, 6)}********${target.id_number.slice(14)}`);
    expect(masked.stdout).not.toContain(target.id_number);
    const json = runCli(["show", target.id, "--data", run.lib, "--format", "json"], { cwd: run.cwd });
    expect(json.stdout).not.toContain(target.id_number);
    expect(json.stdout).not.toContain(target.phone!);
    const revealed = runCli(["show", target.id, "--data", run.lib, "--reveal"], {
      cwd: run.cwd,
      env: { RESERVE_NOW: NOW },
    });
    expect(revealed.code).toBe(0);
    expect(revealed.stdout).toContain(target.id_number);
    expect(revealed.stderr).toContain("变更记录");
    const history = join(run.lib, "history", "2022");
    const entry = readdirSync(history).map((n) => readFileSync(join(history, n), "utf8"))[0]!;
    expect(entry).toMatch(/command: show/);
    expect(entry).toContain(`person: "${target.id}"`);
  });
});

describe("spreadsheet safety", () => {
  const run = runReport(["--format", "csv"]);
  const csvs = listFiles(run.out).filter((f) => f.endsWith(".csv"));

  it("writes CSV as UTF-8 with a BOM and CRLF line ends, one header row and rectangular records", () => {
    expect(csvs.length).toBeGreaterThan(5);
    for (const f of csvs) {
      const bytes = readFileSync(join(run.out, f));
      expect([...bytes.subarray(0, 3)], f).toEqual([0xef, 0xbb, 0xbf]);
      const text = bytes.toString("utf8");
      expect(text.endsWith("\r\n"), f).toBe(true);
      expect(/(?<!\r)\n/.test(text), f).toBe(false);
      const rows = parse(text.slice(1));
      expect(rows.length, f).toBeGreaterThan(1);
    }
  });

  it("neutralises every cell that a spreadsheet could run as a formula", () => {
    let neutralised = 0;
    for (const f of csvs) {
      const rows = parse(readFileSync(join(run.out, f), "utf8").slice(1));
      for (const row of rows) {
        for (const cell of row) {
          // Nothing may start so: codes are bare digits, formula-like text has an apostrophe in front.
          expect(/^[=+\-@\t\r]/.test(cell), `${f}: ${JSON.stringify(cell)}`).toBe(false);
        }
        for (const cell of row) if (/^'[=+\-@]/.test(cell)) neutralised++;
      }
    }
    // The fixture's names, mentors and notes that start with = @ + were all neutralised somewhere.
    expect(neutralised).toBeGreaterThan(3);
  });

  it("writes codes as bare digits: no TAB or other character hidden in a code cell", () => {
    const rows: string[][] = parse(readFileSync(join(run.out, "summary.csv"), "utf8").slice(1));
    const header = rows[0]!;
    const codeColumns = ["区县代码", "乡镇代码", "村代码"].map((h) => header.indexOf(h)).filter((i) => i >= 0);
    expect(codeColumns.length).toBeGreaterThan(1);
    const codes = rows
      .slice(1)
      .flatMap((r) => codeColumns.map((i) => r[i]!))
      .filter((c) => c !== "");
    expect(codes.length).toBeGreaterThan(10);
    for (const c of codes) expect(c, JSON.stringify(c)).toMatch(/^\d{6}(\d{3}(\d{3})?)?$/);
    // Anywhere in any CSV of the report: no TAB at all.
    for (const f of csvs) expect(readFileSync(join(run.out, f), "utf8"), f).not.toContain("\t");
  });

  it("reads the evaluation CSV back exactly as written, codes and formula-like names included", () => {
    const rows = parse(readFileSync(join(run.out, "evaluation", "2021-640502-沙坡头区.csv"), "utf8").slice(1));
    const headers = EVALUATION_SHEET_COLUMNS.map((c) => sheetHeader(c, DEFAULT_POLICY, "zh"));
    expect(rows[0]).toEqual(headers);
    const back = rows.slice(1).map((r) => r.map(fromSheetCell));
    const townCode = headers.indexOf("乡镇代码");
    const villageCode = headers.indexOf("村代码");
    const name = headers.indexOf("姓名");
    expect(rows[1]![townCode]).toBe("640502100");
    expect(back[0]![townCode]).toBe("640502100");
    expect(back[0]![villageCode]).toBe("640502100201");
    expect(rows.map((r) => r[name])).toContain('\'=HYPERLINK("http://x","点我")');
    expect(back.map((r) => r[name])).toContain('=HYPERLINK("http://x","点我")');
  });

  it("keeps a full ID number (--reveal) as text a spreadsheet evaluates to exactly its digits", () => {
    const revealed = runReport(["--format", "csv", "--reveal"]);
    const rows: string[][] = parse(readFileSync(join(revealed.out, "towns", "640502100-滨河镇.csv"), "utf8").slice(1));
    const col = rows[0]!.indexOf("身份证号");
    const cells = rows.slice(1).map((r) => r[col]!);
    const digits = ids.filter((id) => /^\d{18}$/.test(id));
    expect(cells.filter((c) => /^="\d{18}"$/.test(c)).length).toBeGreaterThan(0);
    for (const c of cells) {
      // 18 digits would lose the last three as a number; one ending in X is text already.
      expect(c, c).toMatch(/^(="\d{18}"|\d{17}X)$/);
      expect(digits.includes(fromSheetCell(c)) || /X$/.test(c), c).toBe(true);
    }
  });

  it("round-trips any value through toSheetCell and fromSheetCell", () => {
    for (const v of ["=1+1", "+86", "-3", "@x", "\tx", "\rx", "640502100201", "普通", "'quoted", "a,b", "", '="1"']) {
      expect(fromSheetCell(toSheetCell(v)), JSON.stringify(v)).toBe(v);
      expect(fromSheetCell(toSheetCell(v, true)), JSON.stringify(v)).toBe(v);
      const csv = csvText(table(["h"], [[v]]));
      const parsed = parse(csv.slice(1))[1]?.[0] ?? "";
      expect(fromSheetCell(parsed), JSON.stringify(v)).toBe(v);
    }
    expect(toSheetCell("640502100201", true)).toBe("640502100201");
    expect(toSheetCell("640502100201-01", true)).toBe("640502100201-01");
    expect(toSheetCell("640502199001010113", true)).toBe('="640502199001010113"');
    expect(toSheetCell("09551234567", true)).toBe('="09551234567"');
    expect(toSheetCell("0", true)).toBe("0");
    expect(toSheetCell("640502199001010113")).toBe("640502199001010113");
    // A report written before codes went bare is still read back.
    expect(fromSheetCell("\t640502100201")).toBe("640502100201");
  });

  it("escapes everything in the HTML and Markdown", () => {
    const full = runReport(["--format", "html,md"]);
    const htmlText = readFileSync(join(full.out, "dashboard.html"), "utf8");
    expect(htmlText).not.toContain("<script>");
    const village = readFileSync(join(full.out, "villages", "640502100-滨河镇", "640502100201-沙坡村.md"), "utf8");
    expect(village).toContain("\\<script\\>alert(1)\\</script\\>");
    expect(village).not.toMatch(/[^\\]<script>/);
    const book = readFileSync(join(full.out, "villages", "640502100-滨河镇", "640502100201-沙坡村.html"), "utf8");
    expect(book).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    // The page's own script is the only one, and the only script the page's policy allows.
    expect(book.match(/<script>/g)).toHaveLength(1);
    expect(book).toMatch(/script-src 'sha256-[A-Za-z0-9+/]+={0,2}'/);
  });
});

describe("determinism and replacement", () => {
  it("gives the same bytes for the same library and date, whenever and wherever it runs", () => {
    const a = runReport();
    const b = runReport([], { lib: a.lib, env: { RESERVE_NOW: "2023-07-15T23:59:00Z", TZ: "America/New_York" } });
    expect(a.code).toBe(0);
    expect(b.code).toBe(0);
    expect(reportSnapshot(b.out)).toEqual(reportSnapshot(a.out));
  });

  it("replaces an earlier report as a whole and leaves nothing of it behind", () => {
    const first = runReport();
    writeFileSync(join(first.out, "towns", "stale.csv"), "old");
    const again = runCli(["report", "--year", "2021", "--data", first.lib, "--format", "md"], {
      cwd: first.cwd,
      env: { RESERVE_NOW: NOW },
    });
    expect(again.code).toBe(0);
    const files = listFiles(first.out);
    expect(files).not.toContain("towns/stale.csv");
    expect(files.some((f) => f.endsWith(".csv"))).toBe(false);
    expect(readdirSync(join(first.cwd, "reports"))).toEqual(["2021"]);
  });

  it("leaves the previous report untouched when killed while writing, and recovers on the next run", () => {
    const first = runReport();
    const before = reportSnapshot(first.out);
    const killed = runCli(["report", "--year", "2021", "--data", first.lib, "--format", "md"], {
      cwd: first.cwd,
      env: { RESERVE_NOW: NOW, RESERVE_CRASH_AT: "report:written" },
    });
    expect(killed.code).toBeNull();
    expect(reportSnapshot(first.out)).toEqual(before);
    expect(readdirSync(join(first.cwd, "reports")).some((n) => n.startsWith(".2021.tmp-"))).toBe(true);
    // Killed between moving the old report aside and putting the new one in place (a report of
    // other formats, so that the folder is replaced as a whole).
    const between = runCli(["report", "--year", "2021", "--data", first.lib, "--format", "md"], {
      cwd: first.cwd,
      env: { RESERVE_NOW: NOW, RESERVE_CRASH_AT: "report:old-aside" },
    });
    expect(between.code).toBeNull();
    const next = runCli(["report", "--year", "2021", "--data", first.lib], {
      cwd: first.cwd,
      env: { RESERVE_NOW: NOW },
    });
    expect(next.code).toBe(0);
    expect(reportSnapshot(first.out)).toEqual(before);
    expect(readdirSync(join(first.cwd, "reports"))).toEqual(["2021"]);
  });

  it("refuses to replace a folder it did not write, or to write into the library", () => {
    const run = runReport();
    const mine = join(run.cwd, "documents");
    mkdirSync(mine);
    writeFileSync(join(mine, "keep.docx"), "precious");
    const refused = runCli(["report", "--data", run.lib, "--out", mine], { cwd: run.cwd });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("不是 reserve 生成的报表文件夹");
    expect(readFileSync(join(mine, "keep.docx"), "utf8")).toBe("precious");
    const inside = runCli(["report", "--data", run.lib, "--out", join(run.lib, "reports")], { cwd: run.cwd });
    expect(inside.code).toBe(2);
    expect(existsSync(join(run.lib, "reports"))).toBe(false);
    const around = runCli(["report", "--data", run.lib, "--out", join(run.lib, "..")], { cwd: run.cwd });
    expect(around.code).toBe(2);
  });

  it("refuses to report on a library with errors, and writes nothing", () => {
    const run = runReport();
    const before = reportSnapshot(run.out);
    const file = join(run.lib, "villages", "640502100201.yaml");
    writeFileSync(file, readFileSync(file, "utf8").replace("gender: 男", "gender: 不知道"));
    const r = runCli(["report", "--year", "2021", "--data", run.lib], { cwd: run.cwd, env: { RESERVE_NOW: NOW } });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("bad-term");
    expect(r.stderr).toContain("未生成报表");
    expect(reportSnapshot(run.out)).toEqual(before);
  });

  it("narrows to a town or village, into a folder of its own", () => {
    const run = runReport(["--town", "文昌镇", "--format", "md,csv"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("范围：文昌镇");
    const out = join(run.cwd, "reports", "2021-640502101");
    const files = listFiles(out);
    expect(files).toContain("towns/640502101-文昌镇.md");
    expect(files.some((f) => f.includes("滨河镇"))).toBe(false);
    expect(files).toContain("evaluation/2021-640502101-文昌镇.csv");
    expect(files.some((f) => f.includes("沙坡头区"))).toBe(false);
  });
});
