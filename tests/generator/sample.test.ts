import { readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { indexRegister } from "../../src/domain/library.js";
import { checkResidentId, idFacts } from "../../src/domain/resident-id.js";
import { SAMPLE_SEED } from "../../src/generator/index.js";
import { HISTORY_DIR } from "../../src/io/layout.js";
import { historyText, districtText, trainingText, villageText } from "../../src/io/serialize.js";
import { readYaml } from "../../src/io/yaml-read.js";
import type { HistoryEntry } from "../../src/schema/history.js";
import { writeSample } from "../../scripts/generate-sample.js";
import { snapshot, tempDir } from "../helpers/library.js";
import { DATA, loadedSample, REGISTER_CSV, sampleInMemory, sampleLibrary, SAMPLE_DATE, text } from "./helpers.js";

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe("the committed sample is what the generator makes", () => {
  it("regenerating into a new folder gives the same bytes, every file, and the same register CSV", () => {
    const dir = tempDir("reserve-sample-");
    dirs.push(dir);
    const out = join(dir, "data");
    const register = join(dir, "640502-register.csv");
    const summary = writeSample({ out, scale: "district", seed: SAMPLE_SEED, register });
    const skip = { skip: (rel: string) => rel.startsWith(".reserve") };
    const fresh = snapshot(out, skip);
    const committed = snapshot(DATA, skip);
    expect(Object.keys(fresh)).toEqual(Object.keys(committed));
    expect(fresh).toEqual(committed);
    // 163 village books (two of villages that no longer exist), district.yaml, trainings/2021.yaml,
    // .gitignore and five history entries.
    expect(Object.keys(fresh)).toHaveLength(171);
    expect(summary.files).toBe(171);
    expect(readFileSync(register)).toEqual(readFileSync(REGISTER_CSV));
    expect(text(join(DATA, ".gitignore"))).toContain(".reserve/\n");
  });

  it("loads without a single diagnostic", () => {
    expect(loadedSample().diagnostics).toEqual([]);
    const lib = sampleLibrary();
    expect(lib.books.every((b) => b.complete)).toBe(true);
  });

  it("reads back as the generator made it, and writing what was read changes no byte", () => {
    const lib = sampleLibrary();
    const generated = sampleInMemory();
    expect(lib.district).toEqual(generated.district);
    expect(lib.books.map(({ village, reserves }) => ({ village, reserves }))).toEqual(generated.books);
    expect(lib.trainings.map(({ year, sessions }) => ({ year, sessions }))).toEqual(generated.trainings);

    const register = indexRegister(lib.district);
    expect(districtText(lib.district)).toBe(text(join(DATA, "district.yaml")));
    for (const book of lib.books) {
      expect(villageText(book, register)).toBe(text(join(DATA, "villages", `${book.village}.yaml`)));
    }
    for (const t of lib.trainings) expect(trainingText(t)).toBe(text(join(DATA, "trainings", `${t.year}.yaml`)));
  });

  it("keeps a history that reads back to the same bytes, with fixed times", () => {
    const files = readdirSync(join(DATA, HISTORY_DIR), { recursive: true, encoding: "utf8" })
      .filter((f) => f.endsWith(".yaml"))
      .map((f) => f.split("\\").join("/"))
      .sort();
    expect(files).toEqual([
      expect.stringMatching(/^2020\/20201201T013000Z-init-[0-9a-f]{8}\.yaml$/),
      expect.stringMatching(/^2020\/20201202T020000Z-register-[0-9a-f]{8}\.yaml$/),
      expect.stringMatching(/^2021\/20210112T020000Z-import-[0-9a-f]{8}\.yaml$/),
      expect.stringMatching(/^2021\/20211210T020000Z-import-[0-9a-f]{8}\.yaml$/),
      expect.stringMatching(/^2021\/20211220T030000Z-status-[0-9a-f]{8}\.yaml$/),
    ]);
    const entries = files.map((f) => {
      const raw = text(join(DATA, HISTORY_DIR, f));
      const entry = readYaml(raw, f).parsed!.data as HistoryEntry;
      expect(historyText(entry)).toBe(raw);
      return entry;
    });
    const [init, merged, january, december, status] = entries;
    expect(init!.summary).toEqual({ towns: 13, villages: 200 });
    expect(merged!.summary).toEqual({ merged: 2, abolished: 1 });
    expect(merged!.changes).toHaveLength(3);
    // Everybody who passed the county review came in in January (the two planted second records of
    // a person with them); the 8 pending came in December.
    expect(january!.summary).toEqual({ added: 530, villages: 162 });
    expect(december!.summary).toEqual({ added: 8, villages: 8 });
    expect(status!.changes?.map((c) => c.to).sort()).toEqual([
      "已使用",
      "已使用",
      "已使用",
      "已使用",
      "调整出库",
      "调整出库",
      "调整出库",
      "调整出库",
    ]);
  });
});

describe("the sample's figures", () => {
  const lib = () => sampleLibrary();
  const people = () => lib().books.flatMap((b) => b.reserves);
  const plantedPeople = (kind: string) =>
    new Set(
      sampleInMemory()
        .planted.filter((g) => g.kind === kind)
        .map((g) => g.person),
    );

  it("is 沙坡头区 in 2021 with the official register (13 towns, 200 units: 162 villages, 38 communities), and 2 merged and 1 abolished village as history", () => {
    const d = lib().district;
    expect([d.code, d.name, d.city, d.province, d.year]).toEqual([
      "640502",
      "沙坡头区",
      "中卫市",
      "宁夏回族自治区",
      2021,
    ]);
    expect(d.towns.map((t) => `${t.code} ${t.name}`)).toEqual([
      "640502100 滨河镇",
      "640502101 文昌镇",
      "640502102 东园镇",
      "640502103 柔远镇",
      "640502104 镇罗镇",
      "640502105 宣和镇",
      "640502106 永康镇",
      "640502107 常乐镇",
      "640502108 迎水桥镇",
      "640502109 兴仁镇",
      "640502200 香山乡",
      "640502400 中卫山羊选育场",
      "640502401 中卫工业园区",
    ]);
    const active = d.villages.filter((v) => v.kind === "村" && v.status === "正常");
    expect(active).toHaveLength(162);
    expect(active.every((v) => /^6405021\d{2}2\d{2}$|^6405022002\d{2}$/.test(v.code))).toBe(true);
    expect(active.every((v) => /^\p{Script=Han}{2,3}村$/u.test(v.name))).toBe(true);
    expect(d.villages.filter((v) => v.status === "正常")).toHaveLength(200);
    expect(new Set(d.villages.map((v) => v.name)).size).toBe(d.villages.length);
    const merged = d.villages.filter((v) => v.status === "已合并");
    expect(merged).toHaveLength(2);
    for (const v of merged) {
      const into = d.villages.find((x) => x.code === v.replaced_by)!;
      expect(into.town).toBe(v.town);
      expect(into.status).toBe("正常");
      expect(v.changed?.slice(0, 4)).toBe("2020");
    }
    const abolished = d.villages.filter((v) => v.status === "已撤销");
    expect(abolished.map((v) => [v.code, v.kind, v.replaced_by, v.changed?.slice(0, 4)])).toEqual([
      ["640502100213", "村", undefined, "2020"],
    ]);
    // Only the planted ones of the villages that are gone still keep a book.
    const planted = sampleInMemory()
      .planted.filter(
        (g) => g.kind === "village-merged-holds-reserves" || g.kind === "village-abolished-holds-reserves",
      )
      .map((g) => g.village);
    expect(
      lib()
        .books.filter((b) => d.villages.find((v) => v.code === b.village)!.status !== "正常")
        .map((b) => b.village),
    ).toEqual(planted.sort());
    expect(d.villages.filter((v) => v.kind === "社区")).toHaveLength(38);
    expect(d.policy.election.date).toBe("2021-11-26");
  });

  it("holds 536 reserves: 440 内选 and 96 外引, sources agreeing with the intake", () => {
    const all = people();
    // 538 records of 536 people: two people are entered twice (planted duplicates).
    expect(all).toHaveLength(538);
    const persons = [...new Map(all.map((r) => [r.id_number, r])).values()];
    expect(persons).toHaveLength(536);
    expect(persons.filter((r) => r.intake === "内选")).toHaveLength(440);
    expect(persons.filter((r) => r.intake === "外引")).toHaveLength(96);
    const external = lib().district.policy.external_sources;
    const mismatched = plantedPeople("intake-source-mismatch");
    for (const r of all) expect(external.includes(r.source), r.id).toBe(r.intake === "外引" || mismatched.has(r.id));
    const status = (s: string) => all.filter((r) => r.status === s).length;
    expect([status("在库"), status("列为考察对象"), status("调整出库"), status("已使用")]).toEqual([529, 1, 4, 4]);
    expect(all.filter((r) => r.selection.county === undefined)).toHaveLength(8);
  });

  it("gives every person a valid, unique ID number that agrees with gender, and unique names and phones", () => {
    const all = people();
    for (const r of all) {
      const check = checkResidentId(r.id_number, SAMPLE_DATE);
      expect(check.ok, r.id).toBe(true);
      expect(idFacts(r.id_number).gender).toBe(r.gender);
      expect(r.phone).toMatch(/^1[3-9]\d{9}$/);
      expect(r.id).toMatch(new RegExp(`^\\d{12}-\\d{2}$`));
    }
    // Unique but for the planted duplicates: two people entered twice (same ID number, phone and
    // name), and two people of one town given the same name.
    const copies = new Set(
      sampleInMemory()
        .planted.filter((g) => g.kind === "person-in-two-villages" || g.kind === "person-entered-twice")
        .map((g) => g.person!),
    );
    const once = all.filter((r) => !copies.has(r.id));
    const twice = all.filter((r) => copies.has(r.id));
    expect(twice).toHaveLength(4);
    expect(new Set(twice.map((r) => `${r.id_number} ${r.phone} ${r.name}`)).size).toBe(2);
    expect(new Set(all.map((r) => r.id_number)).size).toBe(536);
    expect(new Set(all.map((r) => r.phone)).size).toBe(536);
    expect(new Set(once.map((r) => r.id_number)).size).toBe(once.length);
    expect(new Set(once.map((r) => r.phone)).size).toBe(once.length);
    const lookalikes = plantedPeople("possible-duplicate");
    expect(new Set(all.filter((r) => lookalikes.has(r.id)).map((r) => r.name)).size).toBe(1);
    expect(new Set(all.map((r) => r.name)).size).toBe(536 - 1);
    const local = all.filter((r) => r.id_number.startsWith("640502")).length;
    expect(local / all.length).toBeGreaterThan(0.75);
    expect(all.some((r) => !r.id_number.startsWith("64"))).toBe(true);
    expect(all.filter((r) => r.name.includes("\u00b7")).length).toBeGreaterThan(0);
  });

  it("numbers people from 01 in each village, without gaps", () => {
    for (const b of lib().books) {
      expect(b.reserves.map((r) => r.id)).toEqual(
        b.reserves.map((_, i) => `${b.village}-${String(i + 1).padStart(2, "0")}`),
      );
    }
  });

  // Women are nearer 30% than 25%: every village must reach the policy's 20% on its own, so each
  // village of three or four has at least one woman (see structureFlags in src/generator/district.ts).
  it("has realistic shares: about a third 回族, about 30% women, 大专+ over 30%, party members over half", () => {
    const all = people();
    const share = (f: (r: (typeof all)[number]) => boolean) => all.filter(f).length / all.length;
    expect(share((r) => r.ethnicity === "回族")).toBeGreaterThan(0.3);
    expect(share((r) => r.ethnicity === "回族")).toBeLessThan(0.42);
    expect(share((r) => r.ethnicity === "汉族")).toBeGreaterThan(0.55);
    expect(share((r) => r.gender === "女")).toBeGreaterThan(0.2);
    expect(share((r) => r.gender === "女")).toBeLessThan(0.35);
    expect(share((r) => ["大学专科", "大学本科", "研究生"].includes(r.education))).toBeGreaterThan(0.3);
    expect(share((r) => r.political_status === "中共党员")).toBeGreaterThan(0.4);
    expect(share((r) => r.political_status === "中共党员")).toBeLessThan(0.5);
    expect(all.some((r) => r.political_status === "中共预备党员")).toBe(true);
    expect(all.some((r) => r.political_status === "共青团员")).toBe(true);
    expect(all.filter((r) => r.education === "初中")).toHaveLength(3);
  });

  it("puts 12 monthly sessions in trainings/2021.yaml", () => {
    const [year] = lib().trainings;
    expect(year!.year).toBe(2021);
    expect(year!.sessions.map((s) => s.id)).toEqual(
      Array.from({ length: 12 }, (_, i) => `2021-${String(i + 1).padStart(2, "0")}`),
    );
    expect(new Set(year!.sessions.map((s) => s.level))).toEqual(new Set(["区级", "镇级", "村级"]));
    for (const s of year!.sessions) expect(s.date.slice(0, 7)).toBe(s.id);
  });
});
