import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Library } from "../../src/domain/library.js";
import type { Reserve } from "../../src/domain/model.js";
import { loadLibrary } from "../../src/io/load-library.js";
import { buildReport } from "../../src/reports/build.js";
import { summaryJson } from "../../src/reports/summary.js";
import { fixtureLibrary } from "./fixture.js";
import { runReport } from "./helpers.js";

/**
 * The summary's figures against a count written independently, straight from the records, in the
 * plainest way (no code shared with src/reports/): on the fixture library and on the bundled
 * sample library.
 */

const DATE = "2021-12-31";
const YEAR = 2021;

interface Unit {
  villages: number;
  quota: Record<string, number>;
  inPool: number;
  pending: number;
  adjustedOut: number;
  used: number;
  women: number;
  men: number;
  age: Record<string, number>;
  partyMembers: number;
  college: number;
  external: number;
  expected: number;
  attended: number;
  mentored: number;
  posted: number;
  evaluated: number;
  grades: Record<string, number>;
  eligible: number;
  reached: Record<string, number>;
}

const blank = (): Unit => ({
  villages: 0,
  quota: { "below-min": 0, "below-target": 0, "at-target": 0, "above-target": 0 },
  inPool: 0,
  pending: 0,
  adjustedOut: 0,
  used: 0,
  women: 0,
  men: 0,
  age: { le35: 0, "36-40": 0, "41-45": 0, gt45: 0 },
  partyMembers: 0,
  college: 0,
  external: 0,
  expected: 0,
  attended: 0,
  mentored: 0,
  posted: 0,
  evaluated: 0,
  grades: { excellent: 0, competent: 0, basic: 0, incompetent: 0 },
  eligible: 0,
  reached: { 入党申请人: 0, 入党积极分子: 0, 发展对象: 0, 预备党员: 0, 党员: 0 },
});

function age(idNumber: string, on: string): number {
  const y = Number(idNumber.slice(6, 10));
  const md = idNumber.slice(10, 14);
  const onMd = on.slice(5, 7) + on.slice(8, 10);
  return Number(on.slice(0, 4)) - y - (onMd < md ? 1 : 0);
}

function independentCount(library: Library): { total: Unit; towns: Map<string, Unit>; villages: Map<string, Unit> } {
  const policy = library.district.policy;
  const total = blank();
  const towns = new Map<string, Unit>();
  const villages = new Map<string, Unit>();
  const sessions = (library.trainings.find((t) => t.year === YEAR)?.sessions ?? []).filter(
    (s) => s.date >= "2021-01-01" && s.date <= DATE,
  );
  const stages = ["入党申请人", "入党积极分子", "发展对象", "预备党员", "党员"];
  const electionDay = policy.election.date ?? DATE;
  for (const v of library.district.villages) {
    const book = library.books.find((b) => b.village === v.code);
    const reserves: Reserve[] = book ? [...book.reserves] : [];
    const hasQuota = v.kind === "村" && v.status === "正常";
    if (!hasQuota && reserves.length === 0) continue;
    const u = blank();
    for (const r of reserves) {
      const counted =
        (r.status === "在库" || r.status === "列为考察对象") && !!r.selection.county && r.selection.county <= DATE;
      if ((r.status === "在库" || r.status === "列为考察对象") && !counted) u.pending++;
      for (const c of r.status_changes ?? []) {
        if (c.date && c.date.startsWith("2021") && c.date <= DATE && c.status === "调整出库") u.adjustedOut++;
        if (c.date && c.date.startsWith("2021") && c.date <= DATE && c.status === "已使用") u.used++;
      }
      const ev = r.evaluations?.["2021"];
      if (ev) {
        u.evaluated++;
        if (ev.grade) u.grades[ev.grade]!++;
      }
      if (!counted) continue;
      u.inPool++;
      if (r.gender === "女") u.women++;
      else u.men++;
      const a = age(r.id_number, DATE);
      u.age[a <= 35 ? "le35" : a <= 40 ? "36-40" : a <= 45 ? "41-45" : "gt45"]!++;
      if (r.political_status === "中共党员" || r.political_status === "中共预备党员") u.partyMembers++;
      if (["研究生", "大学本科", "大学专科"].includes(r.education)) u.college++;
      if (r.intake === "外引") u.external++;
      for (const s of sessions) {
        if (s.level === "区级" || s.unit === undefined || s.unit === v.town || s.unit === v.code) {
          u.expected++;
          if ((r.trainings ?? []).includes(s.id)) u.attended++;
        }
      }
      if ((r.mentors ?? []).some((m) => m.from <= DATE && (!m.to || m.to >= DATE))) u.mentored++;
      if ((r.posts ?? []).some((p) => p.from <= DATE && (!p.to || p.to >= DATE))) u.posted++;
      let stage = -1;
      for (const p of r.party ?? []) if (p.date <= DATE) stage = Math.max(stage, stages.indexOf(p.stage));
      if (r.political_status === "中共预备党员") stage = Math.max(stage, 3);
      const inFunnel = r.political_status !== "中共党员" || (r.party ?? []).some((p) => p.date <= DATE);
      if (r.political_status === "中共党员" && inFunnel) stage = 4;
      if (inFunnel) for (let i = 0; i <= stage; i++) u.reached[stages[i]!]!++;
      const ageThen = age(r.id_number, electionDay);
      const limit = policy.age.max_by_education?.[r.education] ?? policy.age.max;
      const latest = new Map<string, { date: string; result: string }>();
      for (const s of r.screening ?? []) {
        if (s.date > DATE) continue;
        const prev = latest.get(s.department);
        if (!prev || s.date >= prev.date) latest.set(s.department, s);
      }
      const failed = policy.screening.departments.some((d) => latest.get(d)?.result === "不通过");
      if (ageThen >= policy.age.min && ageThen <= limit && !failed) u.eligible++;
    }
    if (hasQuota) {
      u.villages = 1;
      const n = u.inPool;
      const q = policy.quota;
      u.quota[n < q.min ? "below-min" : n < q.target ? "below-target" : n === q.target ? "at-target" : "above-target"] =
        1;
    }
    villages.set(v.code, u);
    const t = towns.get(v.town) ?? blank();
    towns.set(v.town, t);
    for (const target of [t, total]) {
      for (const k of Object.keys(u) as (keyof Unit)[]) {
        const val = u[k];
        if (typeof val === "number") (target[k] as number) += val;
        else for (const [kk, n] of Object.entries(val)) (target[k] as Record<string, number>)[kk]! += n;
      }
    }
  }
  return { total, towns, villages };
}

interface JsonFigures {
  villages: number;
  quota: Record<string, number>;
  inPool: number;
  pending: number;
  adjustedOut: number;
  used: number;
  gender: Record<string, number>;
  age: Record<string, number>;
  partyMembers: number;
  college: number;
  intake: Record<string, number>;
  training: { expected: number; attended: number };
  mentored: number;
  posted: number;
  party: { reached: Record<string, number> };
  evaluation: { evaluated: number; grades: Record<string, number> };
  election: { eligible: number };
}

function asUnit(f: JsonFigures): Unit {
  return {
    villages: f.villages,
    quota: f.quota,
    inPool: f.inPool,
    pending: f.pending,
    adjustedOut: f.adjustedOut,
    used: f.used,
    women: f.gender["女"] ?? 0,
    men: f.gender["男"] ?? 0,
    age: { le35: f.age.le35!, "36-40": f.age["36-40"]!, "41-45": f.age["41-45"]!, gt45: f.age.gt45! },
    partyMembers: f.partyMembers,
    college: f.college,
    external: f.intake["外引"] ?? 0,
    expected: f.training.expected,
    attended: f.training.attended,
    mentored: f.mentored,
    posted: f.posted,
    evaluated: f.evaluation.evaluated,
    grades: Object.fromEntries(
      ["excellent", "competent", "basic", "incompetent"].map((g) => [g, f.evaluation.grades[g] ?? 0]),
    ),
    eligible: f.election.eligible,
    reached: f.party.reached,
  };
}

interface SummaryDoc {
  total: JsonFigures;
  towns: (JsonFigures & { code: string })[];
  villages: (JsonFigures & { code: string })[];
}

function compare(library: Library, doc: SummaryDoc): void {
  const expected = independentCount(library);
  expect(asUnit(doc.total)).toEqual(expected.total);
  expect(doc.towns.map((t) => t.code)).toEqual([...expected.towns.keys()].sort());
  for (const t of doc.towns) expect(asUnit(t), t.code).toEqual(expected.towns.get(t.code));
  expect(doc.villages.map((v) => v.code)).toEqual([...expected.villages.keys()].sort());
  for (const v of doc.villages) expect(asUnit(v), v.code).toEqual(expected.villages.get(v.code));
}

describe("the summary's figures", () => {
  it("agree with an independent count over the fixture library (summary.json as written)", () => {
    const run = runReport(["--format", "json"]);
    expect(run.code).toBe(0);
    const doc = JSON.parse(readFileSync(join(run.out, "summary.json"), "utf8")) as SummaryDoc;
    const loaded = loadLibrary(run.lib, { today: DATE, cwd: run.lib });
    compare(loaded.library!, doc);
    // Spot checks a person can verify by reading the fixture.
    expect(doc.total.inPool).toBe(10);
    expect(doc.total.quota).toEqual({ "below-min": 1, "below-target": 1, "at-target": 1, "above-target": 1 });
  });

  it("add up: villages to towns, towns to the total", () => {
    const lib = fixtureLibrary();
    const model = buildReport(loadLibrary(lib, { today: DATE, cwd: lib }).library!, { year: YEAR, date: DATE });
    const sumOf = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    for (const t of model.towns) {
      const vs = model.villages.filter((v) => v.town === t.code);
      expect(t.figures.inPool).toBe(sumOf(vs.map((v) => v.figures.inPool)));
      expect(t.figures.villages).toBe(sumOf(vs.map((v) => v.figures.villages)));
      expect(t.figures.training.expected).toBe(sumOf(vs.map((v) => v.figures.training.expected)));
    }
    expect(model.total.inPool).toBe(sumOf(model.towns.map((t) => t.figures.inPool)));
    expect(model.total.inPool).toBe(model.people.filter((p) => p.inPool).length);
    expect(sumOf(model.attendanceByMonth.map((m) => m.expected))).toBe(model.total.training.expected);
    expect(sumOf(model.attendanceByMonth.map((m) => m.attended))).toBe(model.total.training.attended);
  });

  const sample = join(import.meta.dirname, "..", "..", "data");
  it.skipIf(!existsSync(join(sample, "district.yaml")))(
    "agree with an independent count over the bundled sample library",
    () => {
      const loaded = loadLibrary(sample, { today: DATE, cwd: sample });
      const model = buildReport(loaded.library!, { year: YEAR, date: DATE });
      compare(loaded.library!, JSON.parse(summaryJson(model)) as SummaryDoc);
    },
  );
});
