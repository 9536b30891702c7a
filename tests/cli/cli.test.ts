import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { RULE_CODES } from "../../src/diagnostics/codes/rules.js";
import { RULES } from "../../src/rules/index.js";
import { makeLibrary, person } from "../helpers/library.js";

const V1 = "640502100201";
const V2 = "640502100202";
const V3 = "640502101201";

/** A library where 沙坡村 is below the minimum, 黄河村 below the target and 红泉村 full. */
function library() {
  return makeLibrary({
    books: {
      [V1]: [person(V1, 1), person(V1, 2, { selection: { survey: "2020-10-10" }, entry_date: undefined })],
      [V2]: [person(V2, 1), person(V2, 2)],
      [V3]: [person(V3, 1), person(V3, 2), person(V3, 3)],
    },
  });
}

describe("reserve CLI", () => {
  it("lists its commands in --help, in Chinese by default and in English on request", () => {
    const zh = runCli(["--help"], { cwd: "/" });
    expect(zh.code).toBe(0);
    expect(zh.stdout).toMatch(/用法：/);
    expect(zh.stdout).toMatch(/^\s+audit /m);
    expect(zh.stdout).toMatch(/^\s+init /m);
    const en = runCli(["--help", "--lang", "en"], { cwd: "/" });
    expect(en.stdout).toMatch(/Usage:/);
    expect(en.stdout).toMatch(/check the whole library/);
  });

  it("prints findings as file:line:col severity code message, grouped, then a summary; exit 1", () => {
    const dir = library();
    const r = runCli(["audit"], { cwd: dir, env: { RESERVE_DATA: dir } });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      [
        "审计日期 2021-12-31，年度 2021",
        "== 滨河镇（640502100） ==",
        "-- 沙坡村（640502100201）--",
        `villages/${V1}.yaml:3:1 错误 quota-below-min 滨河镇沙坡村 在库后备干部 1 人，少于最低要求 2 人（另有 1 人待县级审核：测试二〇一〇二）`,
        "  提示：至少补充 1 人：从村民小组长、致富能手、返乡大中专毕业生中选拔，或外引回乡能人",
        `villages/${V1}.yaml:3:1 警告 village-structure-below 滨河镇沙坡村 在库后备干部中女性 0 人（共 1 人，占 0%），低于 20%`,
        "  提示：补充时优先选拔女性后备干部",
        "-- 黄河村（640502100202）--",
        `villages/${V2}.yaml:3:1 警告 quota-below-target 滨河镇黄河村 在库后备干部 2 人，未达到目标 3 人`,
        "  提示：建议补充到 3 人",
        "",
        "共 1 个错误、2 个警告；1 个村低于最低储备人数",
        "",
      ].join("\n"),
    );
    expect(r.stderr).toBe("");
  });

  it("gives the same findings as JSON, with internal ids and no ID numbers", () => {
    const dir = library();
    const r = runCli(["audit", "--data", dir, "--format", "json", "--lang", "en"], { cwd: dir });
    const json = JSON.parse(r.stdout) as { date: string; summary: object; findings: Record<string, unknown>[] };
    expect(json.date).toBe("2021-12-31");
    expect(json.summary).toEqual({ errors: 1, warnings: 2, villagesBelowMin: 1 });
    expect(json.findings.map((f) => [f.code, f.severity, f.town, f.village, f.file, f.line, f.column])).toEqual([
      ["quota-below-min", "error", "640502100", V1, `villages/${V1}.yaml`, 3, 1],
      ["village-structure-below", "warning", "640502100", V1, `villages/${V1}.yaml`, 3, 1],
      ["quota-below-target", "warning", "640502100", V2, `villages/${V2}.yaml`, 3, 1],
    ]);
    expect(json.findings[0]!.message).toBe(
      "滨河镇沙坡村 has 1 reserves in the pool, fewer than the minimum of 2 (1 more await the county review: 测试二〇一〇二)",
    );
    expect(r.stdout).not.toMatch(/\d{17}[\dX]/);
  });

  it("narrows to villages and towns named by code or by name; --strict makes warnings errors", () => {
    const dir = library();
    const byName = runCli(["audit", "--data", dir, "--village", "滨河镇/黄河村", "--format", "json"], { cwd: dir });
    expect(byName.code).toBe(0);
    expect((JSON.parse(byName.stdout) as { findings: { village: string }[] }).findings.map((f) => f.village)).toEqual([
      V2,
    ]);
    const strict = runCli(["audit", "--data", dir, "--village", V2, "--strict"], { cwd: dir });
    expect(strict.code).toBe(1);
    const town = runCli(["audit", "--data", dir, "--town", "文昌镇"], { cwd: dir });
    expect([town.code, town.stdout]).toEqual([0, ""]);
  });

  it("is quiet and exits 0 on a clean library", () => {
    const dir = makeLibrary({
      books: {
        [V1]: [person(V1, 1), person(V1, 2), person(V1, 3)],
        [V2]: [person(V2, 1), person(V2, 2), person(V2, 3)],
        [V3]: [person(V3, 1), person(V3, 2), person(V3, 3)],
      },
    });
    const r = runCli(["audit", "--data", dir], { cwd: dir });
    expect([r.code, r.stdout, r.stderr]).toEqual([0, "", ""]);
  });

  it("exits 2 on usage errors, with a translated message and no stack trace", () => {
    const dir = library();
    const cases: [string[], RegExp][] = [
      [["audti"], /未知命令 audti[\s\S]*是否应为 audit/],
      [["audit", "--bogus"], /未知选项 --bogus/],
      [["audit", "--data", dir, "--date", "2021-02-30"], /日期“2021-02-30”无效/],
      [["audit", "--data", dir, "--village", "不存在村"], /找不到村“不存在村”/],
      [["audit", "--data", join(dir, "nope")], /找不到库：--data 给出的文件夹 \S+nope 不存在/],
      [["audit", "--data", dir, "--rule", "nope"], /没有名为 nope 的规则/],
    ];
    for (const [args, message] of cases) {
      const r = runCli(args, { cwd: dir });
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it("reports a hand-edited file with a wrong check character and an unknown key: file, line, column; exit 1", () => {
    const p = person(V1, 1);
    const dir = makeLibrary({ books: { [V1]: [p, person(V1, 2), person(V1, 3)] } });
    const file = join(dir, "villages", `${V1}.yaml`);
    const wrong = p.id_number.slice(0, 17) + (p.id_number[17] === "0" ? "1" : "0");
    writeFileSync(
      file,
      readFileSync(file, "utf8").replace(p.id_number, wrong).replace("    ethnicity:", "    ethnic:"),
    );
    const r = runCli(["audit", "--data", dir, "--village", V1], { cwd: dir });
    expect(r.code).toBe(1);
    // The misspelt key is not reported a second time as a missing field.
    expect(r.stdout).not.toMatch(/missing-field/);
    expect(r.stdout).toMatch(
      new RegExp(`villages/${V1}\\.yaml:7:5 错误 unknown-key 未知字段“ethnic”，是否应为“ethnicity”？`),
    );
    expect(r.stdout).toMatch(
      new RegExp(
        `villages/${V1}\\.yaml:8:16 错误 id-check 身份证号 640502\\*{8}\\d{3}[\\dX] 的校验码不符：应为 ${p.id_number[17]}，实为 ${wrong[17]}`,
      ),
    );
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("lists its rules with one line each, in Chinese or English, or as JSON with their codes", () => {
    const zh = runCli(["audit", "--list-rules"], { cwd: "/" });
    expect(zh.code).toBe(0);
    const lines = zh.stdout.trimEnd().split("\n");
    expect(lines.map((l) => l.split(/\s+/)[0])).toEqual(RULES.map((r) => r.name));
    expect(lines[0]).toMatch(/^quota\s+每个行政村/);
    expect(zh.stdout).toMatch(/^screening\s+资格联审/m);
    const en = runCli(["audit", "--list-rules", "--lang", "en"], { cwd: "/" });
    expect(en.stdout).toMatch(/^mentoring\s+everyone in the pool has a current mentor/m);
    const json = JSON.parse(runCli(["audit", "--list-rules", "--format", "json"], { cwd: "/" }).stdout) as {
      name: string;
      codes: string[];
      description: string;
    }[];
    expect(json.map((r) => r.name)).toEqual(RULES.map((r) => r.name));
    expect(json.flatMap((r) => r.codes).sort()).toEqual(Object.keys(RULE_CODES).sort());
    expect(json.every((r) => r.description !== "")).toBe(true);
  });

  it("runs only the rules named with --rule", () => {
    const dir = library();
    const r = runCli(["audit", "--data", dir, "--rule", "structure", "--format", "json"], { cwd: dir });
    const json = JSON.parse(r.stdout) as { findings: { code: string }[] };
    expect(json.findings.map((f) => f.code)).toEqual(["village-structure-below"]);
    expect(r.code).toBe(0);
  });
});
