import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
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
  findings: { code: string; village: string | null; person: string | null }[];
}

describe("reserve audit on the bundled sample", () => {
  it("lists the sample's planted gaps", () => {
    const planted = sampleInMemory().planted;
    const villages = (kind: string) =>
      planted
        .filter((g) => g.kind === kind)
        .map((g) => g.village)
        .sort();
    expect(villages("quota-below-min")).toEqual(["640502101212", "640502105207", "640502105214", "640502108212"]);
    expect(villages("quota-below-target")).toEqual([
      "640502100206",
      "640502102211",
      "640502104214",
      "640502106202",
      "640502107206",
      "640502200210",
      "640502200212",
    ]);
    expect(
      planted
        .filter((g) => g.kind === "education-below-floor")
        .map((g) => g.person)
        .sort(),
    ).toEqual(["640502102208-03", "640502102214-02", "640502109205-01"]);
  });

  it("reports exactly the planted gaps that today's rules look for, and exits 1 for the villages below the minimum", () => {
    const r = runCli(["audit", "--data", "data", "--format", "json"], { cwd: ROOT });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(1);
    const result = JSON.parse(r.stdout) as AuditJson;
    expect(result.date).toBe("2021-12-31");
    const codes = new Set<string>(RULES.flatMap((rule) => rule.codes));
    // Gaps for rules not written yet stay planted and are compared as soon as a rule reports them.
    const expected = sampleInMemory()
      .planted.filter((g) => codes.has(g.kind))
      .map(gapKey)
      .sort();
    const found = result.findings.map(gapKey).sort();
    expect(found).toEqual(expected);
    expect(found.length).toBeGreaterThanOrEqual(11);
    // The four villages below the minimum are the only errors; every other planted gap is a warning.
    expect(result.summary).toEqual({ errors: 4, warnings: expected.length - 4, villagesBelowMin: 4 });
  });

  it("counts only reviewed people: the planted villages hold what the plan says", () => {
    const lib = sampleLibrary();
    const books = new Map(lib.books.map((b) => [b.village, b.reserves]));
    const inPool = (code: string) =>
      (books.get(code) ?? []).filter((r) => r.status === "在库" && r.selection.county !== undefined).length;
    const pending = (code: string) => (books.get(code) ?? []).filter((r) => r.selection.county === undefined).length;
    for (const g of sampleInMemory().planted) {
      if (g.kind === "quota-below-min") expect(inPool(g.village)).toBeLessThan(2);
      if (g.kind === "quota-below-target") expect(inPool(g.village)).toBe(2);
    }
    // One village below the minimum has nobody at all and so no file; one has only a pending person.
    expect(books.has("640502108212")).toBe(false);
    expect([inPool("640502105214"), pending("640502105214")]).toEqual([0, 1]);
    const planted = new Set(sampleInMemory().planted.map((g) => g.village));
    for (const v of lib.district.villages) {
      if (v.kind !== "村" || v.status !== "正常" || planted.has(v.code)) continue;
      expect(inPool(v.code), v.code).toBeGreaterThanOrEqual(3);
      expect(inPool(v.code), v.code).toBeLessThanOrEqual(4);
    }
  });
});

describe("reserve init on the example register", () => {
  it("makes a district.yaml with the sample's towns and villages (the merged ones are not in the published list)", () => {
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
    expect(sample.villages.filter((v) => !district.villages.some((x) => x.code === v.code))).toHaveLength(2);
    expect(district.villages).toHaveLength(167);
  });

  it("is a 统计用区划代码 list: header, county row, town rows ending in 000, classes 111 and 220", () => {
    const lines = readFileSync(REGISTER_CSV, "utf8").trimEnd().split("\n");
    expect(lines[0]).toBe("统计用区划代码,城乡分类代码,名称");
    expect(lines[1]).toBe("640502000000,,沙坡头区");
    expect(lines[2]).toBe("640502100000,,滨河镇");
    expect(lines.filter((l) => /^6405021\d\d000,,|^640502200000,,/.test(l))).toHaveLength(11);
    expect(lines.filter((l) => /^\d{12},220,\p{Script=Han}{2}村$/u.test(l))).toHaveLength(165);
    expect(lines.filter((l) => /^\d{12},111,\p{Script=Han}{2}社区$/u.test(l))).toHaveLength(2);
    expect(lines).toHaveLength(1 + 1 + 11 + 165 + 2);
  });
});
