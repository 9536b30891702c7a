import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { parse as parseYaml } from "yaml";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { fill, fixture, parseSheet, rowOf, sheetCsv, V1, V2, V4, type Filled, librarySnapshot } from "./helpers.js";

/**
 * A whole year on the fixture library, through the real program as a district runs it: the report
 * writes the evaluation sheets; 滨河镇 fills its CSV and 文昌镇 its Excel workbook, as they would in
 * Excel or WPS; `reserve evaluate` reads both back, grades, adjusts out and lists the villages to
 * replenish; the audit then finds what the adjustments left (a village below the minimum) and
 * nothing pending; the next report shows the adjusted-out people with their reasons and the
 * replenishment list; the history holds every change.
 */

const ENV = { RESERVE_NOW: "2021-12-31T12:00:00+08:00" };

const GOOD: Filled = { ratings: ["好", "较好", "好", "较好"], votes: [18, 10, 2, 0], raters: 30 };
const STUDY_POOR: Filled = { ratings: ["差", "好", "好", "好"], votes: [20, 10, 0, 0], raters: 30 };
const INCOMPETENT: Filled = { ratings: ["一般", "一般", "差", "一般"], votes: [0, 2, 8, 20], raters: 30 };
const RESULTS_POOR: Filled = { ratings: ["好", "好", "好", "差"], votes: [15, 15, 0, 0], raters: 30 };

const VOTES = ["优秀票", "称职票", "基本称职票", "不称职票"];
const RATINGS = ["学习", "工作", "业务", "成效"];

/** Fills the 文昌镇 workbook as a township would in Excel: choices from the drop-down, numbers typed. */
async function fillWorkbook(file: string, answers: Record<string, Filled>): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.worksheets[0]!;
  const header: string[] = [];
  ws.getRow(1).eachCell((cell, n) => (header[n] = cell.text));
  const at = (h: string) => header.indexOf(h);
  for (let r = 2; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const id = row.getCell(at("内部编号")).text;
    const a = answers[id] ?? GOOD;
    RATINGS.forEach((h, i) => (row.getCell(at(h)).value = a.ratings[i]!));
    VOTES.forEach((h, i) => (row.getCell(at(h)).value = Number(a.votes[i])));
    row.getCell(at("参评人数")).value = Number(a.raters);
  }
  await wb.xlsx.writeFile(file);
}

function historyEntries(root: string): Record<string, unknown>[] {
  const dir = join(root, "history");
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((n) => n.endsWith(".yaml"))
    .sort()
    .map((n) => parseYaml(readFileSync(join(dir, n), "utf8")) as Record<string, unknown>);
}

describe("a year of the cycle, end to end", () => {
  it("report → sheets → filled in CSV and XLSX → evaluate → audit → report", async () => {
    const f = fixture();
    const cli = (args: string[]) => runCli(args, { cwd: f.cwd, env: ENV });

    // 1. The report writes the sheets.
    const report = cli(["report", "--year", "2021", "--format", "csv,xlsx", "--out", "reports"]);
    expect(report.code).toBe(0);
    const sheets = join(f.cwd, "reports", "evaluation");
    const binhe = join(sheets, "2021-640502100-滨河镇.csv");
    const wenchang = join(sheets, "2021-640502101-文昌镇.xlsx");

    // 2. 滨河镇 fills its CSV (the newcomer 沙坡村-04 is not due and stays blank); 文昌镇 its workbook.
    const sheet = parseSheet(readFileSync(binhe, "utf8"));
    const answers: Record<string, Filled> = {
      [`${V1}-01`]: STUDY_POOR,
      [`${V1}-02`]: INCOMPETENT,
      [`${V1}-03`]: RESULTS_POOR,
    };
    for (const id of [`${V1}-01`, `${V1}-02`, `${V1}-03`, `${V2}-01`, `${V2}-02`, `${V2}-03`]) {
      fill(sheet, rowOf(sheet, id), answers[id] ?? GOOD);
    }
    writeFileSync(join(f.cwd, "滨河镇测评.csv"), sheetCsv(sheet));
    await fillWorkbook(wenchang, { [`${V4}-02`]: STUDY_POOR });

    // A sheet with a mistake is refused and leaves the library exactly as it was.
    const wrong = parseSheet(sheetCsv(sheet));
    rowOf(wrong, `${V2}-01`)[wrong.header.indexOf("工作")] = "优";
    writeFileSync(join(f.cwd, "有误.csv"), sheetCsv(wrong));
    const untouched = librarySnapshot(f.root);
    const refused = cli(["evaluate", "--year", "2021", "有误.csv", wenchang]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("有误.csv:6:11 [工作] 错误 rating-invalid");
    expect(librarySnapshot(f.root)).toEqual(untouched);

    // 3. Evaluate both sheets in one run.
    const run = cli(["evaluate", "--year", "2021", "滨河镇测评.csv", wenchang]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("2021 年度测评（测评日期 2021-12-31）：10 人");
    expect(run.stdout).toContain("另有 1 人本年才通过县级审核");
    expect(run.stdout).toMatch(/调整出库（4 人）/);
    expect(run.stdout).toMatch(/测试二〇一〇一（640502100201-01）\s+称职 [\d.]+ 分\s+学习不力\n/);
    expect(run.stdout).toMatch(/640502100201-02）\s+不称职 [\d.]+ 分\s+业务不精、不称职\n/);
    expect(run.stdout).toMatch(/640502100201-03）\s+\S+ [\d.]+ 分\s+成效不彰\n/);
    expect(run.stdout).toMatch(/640502101201-02）\s+\S+ [\d.]+ 分\s+学习不力\n/);
    expect(run.stdout).toContain(
      "滨河镇沙坡村（640502100201）在库 1 人，本年调整出库 3 人；距最低 2 人差 1 人，距目标 3 人差 2 人",
    );
    expect(run.stdout).not.toContain("红泉村（640502101201）在库");

    const json = JSON.parse(
      cli(["evaluate", "--year", "2021", "--format", "json", "滨河镇测评.csv", wenchang]).stdout,
    ) as {
      status: string;
      adjusted: { id: string; reasons: string[]; adjusted: string }[];
      replenishment: { village: string; inPool: number; toMin: number; toTarget: number }[];
    };
    // 4. The same sheets again: nothing to change.
    expect(json.status).toBe("unchanged");
    expect(json.adjusted.map((a) => [a.id, a.reasons, a.adjusted])).toEqual([
      [`${V1}-01`, ["学习不力"], "before"],
      [`${V1}-02`, ["业务不精", "不称职"], "before"],
      [`${V1}-03`, ["成效不彰"], "before"],
      [`${V4}-02`, ["学习不力"], "before"],
    ]);
    expect(json.replenishment.map((r) => [r.village, r.inPool, r.toMin, r.toTarget])).toEqual([[V1, 1, 1, 2]]);

    // 5. The audit finds the shortage the adjustments left, and nothing pending from the evaluation.
    const audit = cli(["audit", "--date", "2021-12-31", "--format", "json"]);
    expect(audit.code).toBe(1);
    const findings = (JSON.parse(audit.stdout) as { findings: { code: string; village: string | null }[] }).findings;
    expect(findings.filter((d) => d.code.startsWith("evaluation-"))).toEqual([]);
    expect(findings.filter((d) => d.code === "quota-below-min").map((d) => d.village)).toEqual([V1]);

    // 6. The next report shows the adjusted-out people with their reasons, and the replenishment list.
    const after = cli(["report", "--year", "2021", "--format", "json,md", "--out", "reports"]);
    expect(after.code).toBe(0);
    const summary = JSON.parse(readFileSync(join(f.cwd, "reports", "summary.json"), "utf8")) as {
      adjusted: { id: string; date: string; reasons: string[]; grade: string; score: number }[];
      replenishment: { village: string; inPool: number; adjustedOut: number; toMin: number; toTarget: number }[];
    };
    expect(summary.adjusted.map((a) => [a.id, a.date, a.reasons])).toEqual([
      [`${V1}-01`, "2021-12-31", ["学习不力"]],
      [`${V1}-02`, "2021-12-31", ["业务不精", "不称职"]],
      [`${V1}-03`, "2021-12-31", ["成效不彰"]],
      [`${V4}-02`, "2021-12-31", ["学习不力"]],
    ]);
    expect(summary.replenishment).toContainEqual(
      expect.objectContaining({ village: V1, inPool: 1, adjustedOut: 3, toMin: 1, toTarget: 2 }),
    );
    const md = readFileSync(join(f.cwd, "reports", "summary.md"), "utf8");
    expect(md).toContain(
      "| 滨河镇 | 沙坡村 | 640502100201-02 | 测试二〇一〇二 | 2021-12-31 | 业务不精、不称职 | 不称职 |",
    );
    expect(md).toMatch(/\| 滨河镇 \| 沙坡村 \| 640502100201 \| 1 \| 0 \| 3 \| 1 \| 2 \|/);

    // 7. The history holds every change: one evaluate entry, an evaluation per person, each adjustment.
    const entries = historyEntries(f.root).filter((e) => e.command === "evaluate");
    expect(entries).toHaveLength(1);
    const e = entries[0] as {
      files: { name: string }[];
      summary: Record<string, number>;
      changes: { action: string; person: string; to?: string; reason?: string }[];
    };
    expect(e.files.map((x) => x.name)).toEqual(["滨河镇测评.csv", "2021-640502101-文昌镇.xlsx"]);
    expect(e.summary).toMatchObject({ new: 10, adjusted_out: 4 });
    expect(e.changes.filter((c) => c.action === "evaluate")).toHaveLength(10);
    expect(e.changes.filter((c) => c.action === "status").map((c) => [c.person, c.to, c.reason])).toEqual([
      [`${V1}-01`, "调整出库", "2021年度测评：学习不力"],
      [`${V1}-02`, "调整出库", "2021年度测评：业务不精、不称职"],
      [`${V1}-03`, "调整出库", "2021年度测评：成效不彰"],
      [`${V4}-02`, "调整出库", "2021年度测评：学习不力"],
    ]);
  });
});
