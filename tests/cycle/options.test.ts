import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { lookupHelp, type HelpTable } from "../../src/cli/fast-help.js";
import { heldYears } from "../../src/commands/period.js";
import { langChoice } from "../../src/messages/lang.js";
import { baseSpec, member, V1 } from "../catalogue/case.js";
import { runCli } from "../helpers/cli.js";
import { makeLibrary, tempDir, trainingYear } from "../helpers/library.js";

/**
 * The options every command shares: --year refused outside the years the library holds (for
 * audit, report, show and evaluate), --lang and RESERVE_LANG refused unless zh or en, and usage
 * hints that name the option and the command's help.
 */

const NOW = "2021-12-31T04:00:00Z";

/** The clean library, with one reserve selected in 2018 (and evaluated for 2019 and later). */
function setUp(): string {
  const cwd = tempDir("reserve-options-");
  const spec = baseSpec();
  const early = member(V1, 4, {
    selection: { survey: "2018-09-01", township: "2018-10-01", county: "2018-11-01" },
    entry_date: "2018-11-01",
    evaluations: { ...member(V1, 4).evaluations, "2019": member(V1, 4).evaluations!["2021"]! },
  });
  makeLibrary({ ...spec, books: { ...spec.books, [V1]: [...spec.books[V1]!, early] } }, join(cwd, "data"));
  return cwd;
}

function run(cwd: string, args: readonly string[], env: Record<string, string> = {}) {
  return runCli(args, { cwd, env: { RESERVE_NOW: NOW, ...env } });
}

const REFUSED_ZH = (year: string) =>
  `reserve: 错误 库中没有 ${year} 年的数据：它的数据在 2018–2021 年之间（工作年度 2021）\n`;

describe("--year", () => {
  it("takes the years from the working year, trainings, selections, entries and evaluations", () => {
    const spec = baseSpec();
    const reserves = [member(V1, 1, { evaluations: { "2023": { ratings: {} } } }), member(V1, 2)];
    expect(heldYears(2021, [trainingYear(2019)], [reserves])).toEqual({ first: 2019, last: 2023, working: 2021 });
    expect(heldYears(2021, [], Object.values(spec.books))).toEqual({ first: 2020, last: 2021, working: 2021 });
  });

  it.each(["1899", "0999", "3000", "2017", "2022"])("refuses %s for audit, report, show and evaluate", (year) => {
    const cwd = setUp();
    const hint =
      Number(year) > 2021
        ? `  提示：--year 写库中已有的年度；开始 ${year} 年度的工作，先把 district.yaml 中的 year 改为 ${year}\n`
        : "  提示：--year 写库中已有的年度（最早的是 2018 年的入库、培训或测评记录）\n";
    for (const args of [
      ["audit", "--year", year],
      ["report", "--year", year, "--out", "reports"],
      ["show", "villages", "--year", year],
      ["evaluate", "--year", year, "测评表.csv"],
    ]) {
      const r = run(cwd, args);
      expect([args[0], r.code, r.stdout, r.stderr]).toEqual([args[0], 2, "", REFUSED_ZH(String(Number(year))) + hint]);
    }
  });

  it("accepts a year the people reach back to, also when the audit goes a town at a time", () => {
    const cwd = setUp();
    const ways: Record<string, string>[] = [{}, { RESERVE_AUDIT_PARTS: "1", RESERVE_WORKERS: "0" }];
    for (const env of ways) {
      const r = run(cwd, ["audit", "--year", "2018", "--format", "json"], env);
      expect(r.stderr).toBe("");
      expect((JSON.parse(r.stdout) as { year: number }).year).toBe(2018);
      const refused = run(cwd, ["audit", "--year", "2017"], env);
      expect(refused.code).toBe(2);
    }
    expect(run(cwd, ["report", "--year", "2019", "--out", "reports-2019", "--format", "md"]).code).toBe(0);
  });

  it("refuses the year of --date the same way, naming --date", () => {
    const cwd = setUp();
    const r = run(cwd, ["audit", "--date", "1899-12-31"]);
    expect([r.code, r.stderr]).toEqual([
      2,
      REFUSED_ZH("1899") + "  提示：--date 写库中已有年度里的日期（最早的是 2018 年的入库、培训或测评记录）\n",
    ]);
    const en = run(cwd, ["report", "--date", "3000-01-01", "--lang", "en"]);
    expect([en.code, en.stderr]).toEqual([
      2,
      "reserve: error the library holds nothing of 3000: its data span 2018–2021 (working year 2021)\n" +
        "  hint: give --date a day of a year the library holds; to start working on 3000, first set year: 3000 in district.yaml\n",
    ]);
  });
});

describe("--lang and RESERVE_LANG", () => {
  it("accept zh and en, also written as locales are", () => {
    expect(langChoice("en", {})).toEqual({ lang: "en" });
    expect(langChoice("EN-us", {})).toEqual({ lang: "en" });
    expect(langChoice(undefined, { RESERVE_LANG: "en_US.UTF-8" })).toEqual({ lang: "en" });
    expect(langChoice(undefined, { RESERVE_LANG: "zh_CN.UTF-8" })).toEqual({ lang: "zh" });
    expect(langChoice(undefined, { RESERVE_LANG: "" })).toEqual({ lang: "zh" });
    expect(langChoice("zh", { RESERVE_LANG: "fr" })).toEqual({ lang: "zh" });
  });

  it("refuse any other language with a usage error naming zh and en", () => {
    const cwd = setUp();
    const flag = run(cwd, ["audit", "--lang", "fr"]);
    expect([flag.code, flag.stdout, flag.stderr]).toEqual([
      2,
      "",
      "reserve: 错误 --lang 的值“fr”无效：可选 zh（中文）或 en（English）\n  提示：写 --lang zh 或 --lang en，或不写（默认中文）\n",
    ]);
    const env = run(cwd, ["audit"], { RESERVE_LANG: "francais" });
    expect([env.code, env.stderr]).toEqual([
      2,
      "reserve: 错误 RESERVE_LANG 的值“francais”无效：可选 zh（中文）或 en（English）\n" +
        "  提示：把环境变量 RESERVE_LANG 设为 zh 或 en，或删去它（默认中文）\n",
    ]);
    // A bad --lang is said in the language RESERVE_LANG asks for.
    const en = run(cwd, ["--lang=de", "audit"], { RESERVE_LANG: "en" });
    expect([en.code, en.stderr.split("\n")[0]]).toEqual([
      2,
      'reserve: error invalid --lang "de": the program speaks zh (Chinese) and en (English)',
    ]);
  });

  it("leave help with a bad language to the program, which refuses it", () => {
    const table: HelpTable = { entries: { zh: { "--help": { stdout: "帮助", stderr: "", code: 0 } }, en: {} } };
    expect(lookupHelp(table, ["--help"], {})?.stdout).toBe("帮助");
    expect(lookupHelp(table, ["--lang", "fr", "--help"], {})).toBeUndefined();
    expect(lookupHelp(table, ["--help"], { RESERVE_LANG: "fr" })).toBeUndefined();
    expect(run(tempDir(), ["--lang", "fr", "--help"]).code).toBe(2);
  });
});

describe("usage hints", () => {
  it("name the option and the command's help instead of the whole program's", () => {
    const cwd = setUp();
    const cases: [readonly string[], string][] = [
      [["audit", "--year", "21"], "  提示：--year 的写法见 reserve audit --help"],
      [["report", "--format", "pdf"], "  提示：--format 的写法见 reserve report --help"],
      [["report", "--wait", "x"], "  提示：--wait 的写法见 reserve report --help"],
      [["record", "签到", "a.csv", "--format", "xml"], "  提示：--format 的写法见 reserve record --help"],
      [["record", "考勤", "a.csv"], "  提示：KIND 的写法见 reserve record --help"],
      [["audit", "--village"], "  提示：在 --village 后写上它的值；写法见 reserve audit --help"],
      [["audit", "--yaer", "2021"], "  提示：是否应为 --year？"],
      [["report", "--colour"], "  提示：reserve report --help 列出它的全部选项"],
    ];
    for (const [args, hint] of cases) {
      const r = run(cwd, args);
      expect([args.join(" "), r.code, r.stderr.split("\n")[1]]).toEqual([args.join(" "), 2, hint]);
    }
    // The environment's wait names the variable.
    const env = run(cwd, ["audit"], { RESERVE_LOCK_WAIT: "soon" });
    expect([env.code, env.stderr.split("\n")[1]]).toEqual([
      2,
      "  提示：RESERVE_LOCK_WAIT 的写法见 reserve audit --help",
    ]);
  });
});
