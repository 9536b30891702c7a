import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { snapshot } from "../helpers/library.js";
import { listFiles } from "../report/helpers.js";
import { COUNTIES, initDistrict, NOW, SHARED_ID, zhongwei } from "./helpers.js";

/**
 * The city's roll-up of its districts' libraries (issue 15's acceptance): three libraries of 中卫市
 * with one person in two of them. The audit names that person's two places, masked, and fails; the
 * report's 中卫市 summary adds up to the three districts' own reports.
 */

const env = { RESERVE_NOW: NOW };
const ALL = ["--data", "A", "--data", "B", "--data", "C"];

let dir: string;

beforeAll(() => {
  dir = zhongwei();
});

/** Every number in an object, by its path: what "adds up" is checked on. */
function numbers(v: unknown, prefix = "", out = new Map<string, number>()): Map<string, number> {
  if (typeof v === "number") out.set(prefix, v);
  else if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) numbers(x, `${prefix}.${k}`, out);
  return out;
}

describe("reserve audit --data A --data B --data C", () => {
  it("names the person in two districts' pools at both places, masked, and exits 1", () => {
    const r = runCli(["audit", ...ALL, "--format", "json"], { cwd: dir, env });
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout) as {
      findings: { code: string; file: string; line: number; column: number; message: string; person: string }[];
      libraries: { library: string; district: string }[];
    };
    expect(doc.libraries.map((l) => [l.library, l.district])).toEqual([
      ["A", "640502"],
      ["B", "640521"],
      ["C", "640522"],
    ]);
    const across = doc.findings.map((f) => [f.code, f.file, f.person]);
    expect(across).toEqual([
      ["person-in-two-districts", "A/villages/640502100202.yaml", "640502100202-02"],
      ["person-in-two-districts", "B/villages/640521100201.yaml", "640521100201-01"],
    ]);
    const [a, b] = doc.findings;
    const idLine = (file: string, person: string) => {
      const lines = readFileSync(join(dir, file), "utf8").split("\n");
      const start = lines.findIndex((l) => l.includes(`id: "${person}"`));
      const at = lines.findIndex((l, i) => i > start && l.includes("id_number:"));
      return [at + 1, lines[at]!.indexOf('"') + 1];
    };
    expect([a!.line, a!.column]).toEqual(idLine(a!.file, a!.person));
    expect([b!.line, b!.column]).toEqual(idLine(b!.file, b!.person));
    const masked = `${SHARED_ID.slice(0, 6)}********${SHARED_ID.slice(14)}`;
    expect(a!.message).toBe(
      `沙坡头区滨河镇西林村的 马海军（身份证号 ${masked}）也在 中宁县宁安镇殷庄村（640521100201-01）的后备干部库中：同一人只能由一个村储备`,
    );
    expect(b!.message).toContain("也在 沙坡头区滨河镇西林村（640502100202-02）的后备干部库中");
    expect(r.stdout).not.toContain(SHARED_ID);
  });

  it("prints each library's findings under its heading, then the checks across districts", () => {
    const r = runCli(["audit", ...ALL, "--rule", "duplicates"], { cwd: dir, env });
    expect(r.code).toBe(2);
    const text = runCli(["audit", ...ALL], { cwd: dir, env });
    expect(text.code).toBe(1);
    const headings = text.stdout.split("\n").filter((l) => l.startsWith("=== "));
    expect(headings).toEqual([
      "=== 沙坡头区（640502）：A ===",
      "=== 中宁县（640521）：B ===",
      "=== 海原县（640522）：C ===",
      "=== 跨区县检查 ===",
    ]);
    expect(text.stdout).not.toContain(SHARED_ID);
    expect(text.stdout.trimEnd().split("\n").at(-1)).toMatch(
      /^共 \d+ 个错误、\d+ 个警告；0 个村低于最低储备人数（3 个库）$/,
    );
  });

  it("changes nothing in the libraries it reads", () => {
    const before = ["A", "B", "C"].map((l) => snapshot(join(dir, l), { skip: (rel) => rel.startsWith(".reserve") }));
    runCli(["audit", ...ALL], { cwd: dir, env });
    runCli(["report", "--year", "2021", ...ALL, "--out", "readonly"], { cwd: dir, env });
    const after = ["A", "B", "C"].map((l) => snapshot(join(dir, l), { skip: (rel) => rel.startsWith(".reserve") }));
    expect(after).toEqual(before);
  });
});

describe("reserve report --year 2021 --data A --data B --data C", () => {
  it("writes a 中卫市 summary whose totals equal the sum of the three districts' own reports", () => {
    const r = runCli(["report", "--year", "2021", ...ALL, "--out", "OUT"], { cwd: dir, env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.split("\n")[0]).toBe("中卫市汇总：报表日期 2021-12-31，年度 2021，3 个区县的库");
    const city = JSON.parse(readFileSync(join(dir, "OUT", "summary.json"), "utf8")) as {
      city: { code: string; name: string };
      total: unknown;
      districts: { code: string; inPool: number }[];
      findings: { code: string }[];
    };
    expect(city.city).toEqual({ code: "640500", name: "中卫市" });
    const own = ["A", "B", "C"].map((lib) => {
      const single = runCli(["report", "--year", "2021", "--data", lib, "--format", "json", "--out", `own-${lib}`], {
        cwd: dir,
        env,
      });
      expect(single.code, single.stderr).toBe(0);
      return JSON.parse(readFileSync(join(dir, `own-${lib}`, "summary.json"), "utf8")) as { total: unknown };
    });
    const sum = new Map<string, number>();
    for (const o of own) for (const [k, v] of numbers(o.total)) sum.set(k, (sum.get(k) ?? 0) + v);
    const shares = (k: string) => k.startsWith(".shares");
    const total = [...numbers(city.total)].filter(([k]) => !shares(k));
    expect(total).toEqual([...sum].filter(([k]) => !shares(k)));
    expect(total.length).toBeGreaterThan(80);
    expect(city.districts.map((d) => [d.code, d.inPool])).toEqual([
      ["640502", 5],
      ["640521", 7],
      ["640522", 9],
    ]);
    // Each district's own report, as `reserve report` writes it, under districts/.
    expect(readFileSync(join(dir, "OUT", "districts", "640521-中宁县", "summary.json"), "utf8")).toBe(
      readFileSync(join(dir, "own-B", "summary.json"), "utf8"),
    );
    expect(city.findings.map((f) => f.code)).toEqual(["person-in-two-districts", "person-in-two-districts"]);
    const md = readFileSync(join(dir, "OUT", "summary.md"), "utf8");
    expect(md.split("\n")[0]).toBe("# 中卫市村级后备干部库汇总（2021 年度）");
    expect(md).toContain("| 区县 | 区县代码 | 行政村 | 低于最低 | 低于目标 |");
    expect(md).toContain("| 沙坡头区 | 640502 | 2 | 0 | 1 |");
    expect(md).toContain("## 六、跨区县检查");
    const csv = readFileSync(join(dir, "OUT", "summary.csv"), "utf8").split("\r\n");
    expect(csv.slice(1, 3).map((l) => l.split(",").slice(0, 4))).toEqual([
      ["市", "640500", "", "合计"],
      ["区", "640502", "", "沙坡头区"],
    ]);
    for (const f of ["summary.md", "summary.csv", "summary.json", "dashboard.html"]) {
      expect(readFileSync(join(dir, "OUT", f), "utf8")).not.toContain(SHARED_ID);
    }
  });

  it("writes each district's summary and dashboard, and its ledgers only with --ledgers", () => {
    const figures = runCli(["report", "--year", "2021", ...ALL, "--out", "FIGURES"], { cwd: dir, env });
    expect(figures.code, figures.stderr).toBe(0);
    expect(figures.stdout).toMatch(/\n {2}districts\/ +3 个区县的汇总和看板（各区县台账用 --ledgers 写出）\n/);
    const district = (out: string) => listFiles(join(dir, out, "districts", "640521-中宁县"));
    expect(district("FIGURES")).toEqual(["dashboard.html", "summary.csv", "summary.json", "summary.md"]);
    const whole = runCli(["report", "--year", "2021", ...ALL, "--ledgers", "--out", "WHOLE"], { cwd: dir, env });
    expect(whole.code, whole.stderr).toBe(0);
    // With --ledgers, byte for byte the district's own report.
    const own = runCli(["report", "--year", "2021", "--data", "B", "--out", "own-B-whole"], { cwd: dir, env });
    expect(own.code, own.stderr).toBe(0);
    expect(district("WHOLE")).toEqual(listFiles(join(dir, "own-B-whole")).filter((f) => !f.startsWith(".reserve")));
    expect(district("WHOLE").some((f) => f.startsWith("villages/"))).toBe(true);
    for (const f of district("WHOLE")) {
      expect(
        readFileSync(join(dir, "WHOLE", "districts", "640521-中宁县", f)).equals(
          readFileSync(join(dir, "own-B-whole", f)),
        ),
        f,
      ).toBe(true);
    }
    // One library's report always has its ledgers.
    const one = runCli(["report", "--year", "2021", "--data", "B", "--ledgers"], { cwd: dir, env });
    expect(one.code).toBe(2);
    expect(one.stderr).toContain("--ledgers 只用于汇总几个库");
  });
});

describe("libraries that do not add up as they are", () => {
  it("a village in two libraries' registers is an error at both", () => {
    const d = zhongwei();
    // A second library of 沙坡头区 kept for 滨河镇 alone, made from the same register.
    initDistrict(d, "A2", COUNTIES[0]!, () => 1, false);
    const r = runCli(["audit", "--data", "A", "--data", "A2", "--format", "json"], { cwd: d, env });
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout) as { findings: { code: string; file: string; village: string }[] };
    expect(doc.findings.map((f) => [f.code, f.file, f.village])).toEqual([
      ["village-in-two-libraries", "A/district.yaml", "640502100201"],
      ["village-in-two-libraries", "A2/district.yaml", "640502100201"],
      ["village-in-two-libraries", "A/district.yaml", "640502100202"],
      ["village-in-two-libraries", "A2/district.yaml", "640502100202"],
    ]);
  });

  it("a library of another working year or policy is reported, in the audit and in the summary", () => {
    const d = zhongwei();
    const file = join(d, "C", "district.yaml");
    writeFileSync(
      file,
      readFileSync(file, "utf8")
        .replace("year: 2021", "year: 2022")
        .replace(/(quota:\n\s+min: )2/, "$13"),
    );
    const r = runCli(["audit", ...ALL, "--year", "2021", "--format", "json"], { cwd: d, env });
    const doc = JSON.parse(r.stdout) as { findings: { code: string; file: string; line: number; severity: string }[] };
    const lines = readFileSync(file, "utf8").split("\n");
    expect(
      doc.findings.filter((f) => f.code.startsWith("library-")).map((f) => [f.code, f.severity, f.file, f.line]),
    ).toEqual([
      ["library-year-differs", "warning", "C/district.yaml", lines.indexOf("year: 2022") + 1],
      ["library-policy-differs", "warning", "C/district.yaml", lines.indexOf("  quota:") + 1],
    ]);
    const report = runCli(["report", "--year", "2021", ...ALL, "--format", "md", "--out", "OUT"], { cwd: d, env });
    expect(report.code, report.stderr).toBe(0);
    const md = readFileSync(join(d, "OUT", "summary.md"), "utf8");
    expect(md).toContain("> 说明：海原县的库工作年度为 2022，与汇总的年度 2021 不同");
    expect(md).toContain("> 说明：海原县的政策与沙坡头区不同（policy.quota）");
  });

  it("the same library twice, and options that narrow one library, are usage errors", () => {
    cpSync(join(dir, "A"), join(dir, "A-copy"), { recursive: true });
    const twice = runCli(["audit", "--data", "A", "--data", "./A"], { cwd: dir, env });
    expect([twice.code, twice.stderr.split("\n")[0]]).toEqual([
      2,
      "reserve: 错误 A 和 A 是同一个库，每个库只能用 --data 给一次",
    ]);
    const narrowed = runCli(["report", ...ALL, "--village", "高台村"], { cwd: dir, env });
    expect([narrowed.code, narrowed.stderr.split("\n")[0]]).toEqual([
      2,
      "reserve: 错误 --village 只能用于一个库；汇总几个库时不能使用",
    ]);
  });
});
