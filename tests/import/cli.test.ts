import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { ROSTER_COLUMNS } from "../../src/domain/import-columns.js";
import { runCli } from "../helpers/cli.js";
import { snapshot, tempDir } from "../helpers/library.js";
import { ERRORS, importLibrary, M1, V1 } from "./helpers.js";

const ENV = { RESERVE_NOW: "2021-12-31T02:00:00Z", RESERVE_LOCK_WAIT: "0" };

/** A library and a working folder holding the named fixtures. */
function setUp(...fixtures: string[]) {
  const dir = importLibrary();
  const work = tempDir("reserve-cli-");
  for (const f of fixtures) copyFileSync(join(ERRORS, f), join(work, f));
  return { dir, work };
}

function run(args: readonly string[], cwd: string, env: Record<string, string> = {}) {
  return runCli(args, { cwd, env: { ...ENV, ...env } });
}

describe("reserve import on the command line", () => {
  it("prints a rejected row exactly like this, and exits 1 without touching the library", () => {
    const { dir, work } = setUp("id-check.csv");
    const before = snapshot(dir);
    const r = run(["import", "id-check.csv", "--data", dir], work);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(
      [
        "id-check.csv:2:6 [身份证号] 错误 id-check 身份证号 640502********0111 的校验码不符：应为 3，实为 1",
        "  提示：通常是某一位数字抄错；请与身份证原件逐位核对后改正",
        "reserve: 错误 导入被拒绝：共 1 个错误、0 个警告，库未被修改。改正后请重新导入全部文件。",
        "",
      ].join("\n"),
    );
    expect(snapshot(dir)).toEqual(before);
  });

  it("says the same in English", () => {
    const { dir, work } = setUp("village-merged.csv");
    const r = run(["import", "village-merged.csv", "--data", dir, "--lang", "en"], work);
    expect(r.code).toBe(1);
    expect(r.stderr.split("\n").slice(0, 2)).toEqual([
      "village-merged.csv:2:2 [村] error village-merged 滨河镇新墩村 (640502100203) was merged into 滨河镇黄河村 (640502100202) on 2020-06-01",
      "  hint: enter these people under 滨河镇黄河村 (village code 640502100202)",
    ]);
  });

  it("prints the summary on success and exits 0; the same data again writes nothing", () => {
    const { dir, work } = setUp("duplicate-in-run-a.csv");
    const r = run(["import", "duplicate-in-run-a.csv", "--data", dir], work);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        "读取 1 个文件：",
        "  duplicate-in-run-a.csv  CSV，UTF-8，1 行",
        "按村汇总：",
        `  滨河镇沙坡村（${V1}）  新增 1、更新 0、未变 0；在库 1 人`,
        "仍低于储备人数要求的村（导入后的情况，供参考，不影响本次导入）：",
        "  滨河镇沙坡村 在库后备干部 1 人，少于最低要求 2 人",
        "已导入：新增 1 人，更新 0 人，未变 0 人。变更记录：history/2021/20211231T020000Z-import-" +
          r.stdout.split("import-")[1]!.slice(0, 13),
        "",
      ].join("\n"),
    );
    // An accepted import says how the library stands; 错误 is kept for what made a run fail.
    expect(r.stdout).not.toContain("错误");
    const again = run(["import", "duplicate-in-run-a.csv", "--data", dir], work);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/库中已有这 1 行的全部内容，无需修改，未写入任何内容。\n$/);
  });

  it("--dry-run --format json gives the outcome for machines and writes nothing", () => {
    const { dir, work } = setUp("duplicate-in-run-a.csv", "id-check.csv");
    const before = snapshot(dir);
    const ok = run(["import", "duplicate-in-run-a.csv", "--data", dir, "--dry-run", "--format", "json"], work);
    expect(ok.code).toBe(0);
    const json = JSON.parse(ok.stdout) as Record<string, unknown>;
    expect(json).toMatchObject({
      status: "dry-run",
      summary: { rows: 1, added: 1, updated: 0, unchanged: 0, errors: 0, warnings: 0 },
      files: [{ file: "duplicate-in-run-a.csv", format: "csv", encoding: "utf-8", rows: 1 }],
      villages: [{ code: V1, added: 1, inPool: 1, pending: 0 }],
      quota: [{ code: "quota-below-min", village: V1 }],
      history: null,
      diagnostics: [],
    });
    const bad = run(["import", "id-check.csv", "--data", dir, "--format", "json"], work);
    expect(bad.code).toBe(1);
    const diags = (JSON.parse(bad.stdout) as { diagnostics: Record<string, unknown>[] }).diagnostics;
    expect(diags.map((d) => [d.file, d.line, d.column, d.field, d.code])).toEqual([
      ["id-check.csv", 2, 6, "身份证号", "id-check"],
    ]);
    expect(bad.stdout).not.toContain(M1.slice(6, 14));
    expect(snapshot(dir)).toEqual(before);
  });

  it("exit 2 for usage errors, 3 when the library is locked; never a stack trace", () => {
    const { dir, work } = setUp("duplicate-in-run-a.csv");
    const none = run(["import", "--data", dir], work);
    expect([none.code, none.stderr]).toEqual([2, expect.stringMatching(/^reserve: 缺少参数 files/)]);
    expect(run(["import", "x.csv", "--format", "xml", "--data", dir], work).code).toBe(2);
    expect(run(["import", "x.csv", "--data", join(work, "nowhere")], work).code).toBe(2);
    mkdirSync(join(dir, ".reserve"), { recursive: true });
    const holder = {
      pid: process.pid,
      host: hostname(),
      user: "other",
      command: "import",
      started: "2021-12-31T01:00:00Z",
      token: "t",
    };
    writeFileSync(join(dir, ".reserve/lock"), JSON.stringify(holder));
    const locked = run(["import", "duplicate-in-run-a.csv", "--data", dir], work);
    expect(locked.code).toBe(3);
    expect(locked.stderr).toMatch(/库正被另一个进程使用/);
    for (const r of [none, locked, run(["import", "/dev/zero", "/", "--data", dir], work)]) {
      expect(r.stderr).not.toMatch(/\n\s+at |Error:/);
    }
  });

  it("imports a workbook's named sheet", async () => {
    const { dir, work } = setUp();
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("说明").addRow(["先填第二张表"]);
    const ws = wb.addWorksheet("名册");
    ws.addRow(["村代码", "姓名", "性别", "民族", "身份证号", "学历", "政治面貌", "来源"]);
    ws.addRow([V1, "张三", "男", "汉", M1, "高中", "群众", "其他"]);
    await wb.xlsx.writeFile(join(work, "book.xlsx"));
    expect(run(["import", "book.xlsx", "--data", dir], work).code).toBe(1);
    const r = run(["import", "book.xlsx", "--sheet", "名册", "--data", dir, "--lang", "en"], work);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('book.xlsx  Excel workbook, sheet "名册", 1 row');
  });
});

describe("reserve template", () => {
  it("prints the CSV template with every Chinese header and a BOM", () => {
    const r = run(["template"], "/");
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`\ufeff${ROSTER_COLUMNS.map((c) => c.zh).join(",")}\n`);
  });

  it("matches the copy kept in the repository", () => {
    const kept = readFileSync(join(import.meta.dirname, "../../docs/roster-template.csv"), "utf8");
    expect(kept).toBe(`\ufeff${ROSTER_COLUMNS.map((c) => c.zh).join(",")}\r\n`);
  });

  it("writes an xlsx template that imports once a row is filled in, and never overwrites a file", async () => {
    const work = tempDir("reserve-cli-");
    expect(run(["template", "--out", "名册.xlsx"], work).code).toBe(0);
    expect(run(["template", "--out", "名册.xlsx"], work).code).toBe(2);
    expect(run(["template", "--format", "xlsx"], work).code).toBe(2);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(work, "名册.xlsx"));
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).values).toEqual([undefined, ...ROSTER_COLUMNS.map((c) => c.zh)]);
    const cells: Record<string, string> = {
      乡镇: "滨河镇",
      村: "沙坡村",
      姓名: "张三",
      性别: "男",
      民族: "汉族",
      身份证号: M1,
      学历: "高中",
      政治面貌: "群众",
      来源: "其他",
    };
    ROSTER_COLUMNS.forEach((c, i) => {
      if (cells[c.zh]) ws.getCell(2, i + 1).value = cells[c.zh];
    });
    await wb.xlsx.writeFile(join(work, "filled.xlsx"));
    const dir = importLibrary({});
    const r = run(["import", "filled.xlsx", "--data", dir], work);
    expect([r.code, r.stderr]).toEqual([0, ""]);
    expect(existsSync(join(dir, `villages/${V1}.yaml`))).toBe(true);
  });
});

describe("reserve move", () => {
  it("moves by internal id with a reason; refuses unknown people as a usage error", () => {
    const { dir } = setUp();
    const r = run(["move", "640502100202-01", "--to", "沙坡村", "--reason", "迁居", "--data", dir], dir);
    expect([r.code, r.stderr]).toEqual([0, ""]);
    expect(r.stdout).toMatch(/^已把 .+（640502100202-01）从滨河镇黄河村调到滨河镇沙坡村。变更记录：history\/2021\//);
    const unknown = run(["move", "640502100202-09", "--to", "沙坡村", "--reason", "x", "--data", dir], dir);
    expect([unknown.code, unknown.stderr.split("\n")[0]]).toEqual([
      2,
      "reserve: 错误 库中没有内部编号或身份证号为“640502100202-09”的人",
    ]);
    expect(run(["move", "640502100201-01", "--to", "沙坡村", "--data", dir], dir).code).toBe(2);
  });
});
