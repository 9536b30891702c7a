import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { RULE_CODES } from "../../src/diagnostics/codes/rules.js";
import { gapKey } from "../../src/generator/index.js";
import { loadLibrary } from "../../src/io/load-library.js";
import { RULES } from "../../src/rules/index.js";
import { runCli } from "../helpers/cli.js";
import { tempDir } from "../helpers/library.js";
import { REGISTER_CSV, ROOT, sampleInMemory, sampleLibrary } from "./helpers.js";

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

interface AuditJson {
  date: string;
  summary: { errors: number; warnings: number; villagesBelowMin: number };
  findings: { code: string; town: string | null; village: string | null; person: string | null }[];
}

describe("reserve audit on the bundled sample", () => {
  it("lists the sample's planted gaps: one finding of every kind the default policy allows, more of the quota", () => {
    const planted = sampleInMemory().planted.map((g) => [g.kind, g.village, g.person]);
    expect(planted.sort()).toEqual(
      [
        ["age-above-max", "640502107200", "640502107200-01"],
        ["age-below-min", "640502109210", "640502109210-02"],
        ["education-below-floor", "640502105214", "640502105214-01"],
        ["education-below-floor", "640502107211", "640502107211-02"],
        ["education-below-floor", "640502108213", "640502108213-02"],
        ["evaluation-adjust-pending", "640502101202", "640502101202-02"],
        ["evaluation-missing", "640502105211", "640502105211-03"],
        ["intake-source-mismatch", "640502101200", "640502101200-03"],
        ["mentor-missing", "640502102207", "640502102207-01"],
        ["mentor-overloaded", "640502105220", "640502105220-03"],
        ["mentor-post-unknown", "640502101205", "640502101205-03"],
        ["name-invalid", "640502104204", "640502104204-01"],
        ["party-stage-missing", "640502107217", "640502107217-02"],
        ["party-stage-overdue", "640502108206", "640502108206-02"],
        ["person-entered-twice", "640502107201", "640502107201-03"],
        ["person-entered-twice", "640502107201", "640502107201-04"],
        ["person-in-two-villages", "640502109202", "640502109202-04"],
        ["person-in-two-villages", "640502109204", "640502109204-03"],
        ["possible-duplicate", "640502109204", "640502109204-02"],
        ["possible-duplicate", "640502109209", "640502109209-03"],
        ["practice-post-missing", "640502105216", "640502105216-04"],
        ["quota-below-min", "640502102210", undefined],
        ["quota-below-min", "640502103202", undefined],
        ["quota-below-min", "640502104213", undefined],
        ["quota-below-min", "640502105207", undefined],
        ["quota-below-target", "640502101206", undefined],
        ["quota-below-target", "640502101207", undefined],
        ["quota-below-target", "640502102216", undefined],
        ["quota-below-target", "640502103207", undefined],
        ["quota-below-target", "640502104201", undefined],
        ["quota-below-target", "640502106220", undefined],
        ["quota-below-target", "640502106221", undefined],
        ["screening-failed", "640502103211", "640502103211-04"],
        ["screening-missing", "640502107210", "640502107210-02"],
        ["screening-stale", "640502102211", "640502102211-02"],
        ["selection-out-of-order", "640502100204", "640502100204-02"],
        ["selection-step-missing", "640502200205", "640502200205-03"],
        ["status-change-missing", "640502107205", "640502107205-01"],
        ["status-change-no-date", "640502106200", "640502106200-01"],
        ["status-change-no-reason", "640502104215", "640502104215-05"],
        ["training-below-min", "640502109203", "640502109203-03"],
        ["training-session-undefined", "640502102214", "640502102214-03"],
        ["village-abolished-holds-reserves", "640502100213", undefined],
        ["village-merged-holds-reserves", "640502105224", undefined],
        ["village-structure-below", "640502106217", undefined],
      ].sort(),
    );
    // Every code of every rule is planted, but for the three the default policy cannot give (no
    // quota maximum, only allowed mentor roles, towns above every share), and village-not-official:
    // the sample's register is the official one.
    const codes = RULES.flatMap((rule) => rule.codes).filter(
      (c) =>
        !["quota-above-max", "mentor-role-not-allowed", "town-structure-below", "village-not-official"].includes(c),
    );
    expect(new Set(planted.map(([kind]) => kind))).toEqual(new Set(codes));
    // Spread over the district: every town has some.
    expect(new Set(sampleInMemory().planted.map((g) => g.town)).size).toBe(11);
  });

  it("reports exactly the planted gaps that today's rules look for, and exits 1 for the errors among them", () => {
    const r = runCli(["audit", "--data", "data", "--format", "json"], { cwd: ROOT });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(1);
    const result = JSON.parse(r.stdout) as AuditJson;
    expect(result.date).toBe("2021-12-31");
    const codes = new Set<string>(RULES.flatMap((rule) => rule.codes));
    // Gaps for rules not written yet stay planted and are compared as soon as a rule reports them.
    const planted = sampleInMemory().planted.filter((g) => codes.has(g.kind));
    const expected = planted.map(gapKey).sort();
    const found = result.findings.map(gapKey).sort();
    expect(found).toEqual(expected);
    expect(found.length).toBeGreaterThanOrEqual(43);
    const errors = planted.filter((g) => RULE_CODES[g.kind as keyof typeof RULE_CODES] === "error").length;
    expect(result.summary).toEqual({ errors, warnings: expected.length - errors, villagesBelowMin: 4 });
    expect(result.summary).toEqual({ errors: 28, warnings: 17, villagesBelowMin: 4 });
  });

  it("counts only reviewed people: the planted villages hold what the plan says", () => {
    const lib = sampleLibrary();
    const books = new Map(lib.books.map((b) => [b.village, b.reserves]));
    const inPool = (code: string) =>
      (books.get(code) ?? []).filter(
        (r) => (r.status === "在库" || r.status === "列为考察对象") && r.selection.county !== undefined,
      ).length;
    const pending = (code: string) => (books.get(code) ?? []).filter((r) => r.selection.county === undefined).length;
    for (const g of sampleInMemory().planted) {
      if (g.kind === "quota-below-min") expect(inPool(g.village)).toBeLessThan(2);
      if (g.kind === "quota-below-target") expect(inPool(g.village)).toBe(2);
    }
    // One village below the minimum has nobody at all and so no file; one has only a pending person.
    expect(books.has("640502105207")).toBe(false);
    expect([inPool("640502102210"), pending("640502102210")]).toEqual([0, 1]);
    // A village given a second record of someone holds one more; every other village 3 or 4.
    const copies = sampleInMemory()
      .planted.filter((g) => g.kind === "person-in-two-villages" || g.kind === "person-entered-twice")
      .filter((g) => Number(g.person!.slice(-2)) === books.get(g.village)!.length)
      .map((g) => g.village);
    expect(copies.sort()).toEqual(["640502107201", "640502109202"]);
    const quota = new Set(
      sampleInMemory()
        .planted.filter((g) => g.kind.startsWith("quota-"))
        .map((g) => g.village),
    );
    for (const v of lib.district.villages) {
      if (v.kind !== "村" || v.status !== "正常" || quota.has(v.code)) continue;
      const extra = copies.includes(v.code) ? 1 : 0;
      expect(inPool(v.code), v.code).toBeGreaterThanOrEqual(3 + extra);
      expect(inPool(v.code), v.code).toBeLessThanOrEqual(4 + extra);
    }
    // The merged and the abolished village that still keep a book hold one person in the pool each.
    for (const g of sampleInMemory().planted.filter(
      (p) => p.kind.startsWith("village-") && p.kind.endsWith("-holds-reserves"),
    )) {
      expect(inPool(g.village), g.village).toBe(1);
    }
  });
});

describe("reserve init on the example register", () => {
  it("makes a district.yaml with the sample's towns and villages (the merged and abolished ones are not in the published list)", () => {
    const dir = tempDir("reserve-init-");
    dirs.push(dir);
    const lib = join(dir, "lib");
    const r = runCli(["init", lib, "--register", REGISTER_CSV, "--year", "2021"], { cwd: ROOT });
    expect(r.code).toBe(0);
    const made = loadLibrary(lib, { today: "2021-12-31", cwd: dir });
    expect(made.diagnostics).toEqual([]);
    const district = made.library!.district;
    const sample = sampleLibrary().district;
    expect([district.code, district.name, district.year]).toEqual(["640502", "沙坡头区", 2021]);
    expect(district.towns.map((t) => [t.code, t.name])).toEqual(sample.towns.map((t) => [t.code, t.name]));
    const unit = (v: { code: string; name: string; kind: string; town: string }) => [v.code, v.name, v.kind, v.town];
    expect(district.villages.map(unit)).toEqual(sample.villages.filter((v) => v.status === "正常").map(unit));
    // The list has no column for a unit's status: villages merged or abolished are simply not in it.
    const left = sample.villages.filter((v) => !district.villages.some((x) => x.code === v.code));
    expect(left.map((v) => v.status)).toEqual(["已撤销", "已合并", "已合并"]);
    expect(district.villages).toHaveLength(200);
  });

  it("is a 统计用区划代码 list: header, county row, town rows ending in 000, the official units (no class: the table has none)", () => {
    const lines = readFileSync(REGISTER_CSV, "utf8").trimEnd().split("\n");
    expect(lines[0]).toBe("统计用区划代码,城乡分类代码,名称");
    expect(lines[1]).toBe("640502000000,,沙坡头区");
    expect(lines[2]).toBe("640502100000,,滨河镇");
    expect(lines.filter((l) => /^640502(?!000)\d{3}000,,/.test(l))).toHaveLength(13);
    expect(lines.filter((l) => /^\d{12},,\p{Script=Han}{2,3}村$/u.test(l))).toHaveLength(162);
    expect(lines.filter((l) => /^\d{12},,\p{Script=Han}+(社区|居委会|生活区)$/u.test(l))).toHaveLength(38);
    expect(lines).toHaveLength(1 + 1 + 13 + 200);
  });
});
