import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { indexRegister } from "../../src/domain/library.js";
import type { District, Reserve, TrainingSession, TrainingYear, Village } from "../../src/domain/model.js";
import { DEFAULT_POLICY } from "../../src/domain/policy-defaults.js";
import { checkCharacter } from "../../src/domain/resident-id.js";
import { DISTRICT_FILE, trainingFile, villageFile } from "../../src/io/layout.js";
import { districtText, trainingText, villageText } from "../../src/io/serialize.js";

export function tempDir(prefix = "reserve-test-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A valid 18-character ID number for the given region, birth date (YYYYMMDD) and sequence. */
export function idNumber(region: string, birth: string, seq: number): string {
  const body = `${region}${birth}${String(seq).padStart(3, "0")}`;
  return body + checkCharacter(body);
}

let counter = 0;

/** Sessions a default person attended: the policy minimum of the default trainings year. */
export const DEFAULT_ATTENDANCE = Array.from(
  { length: DEFAULT_POLICY.training.min_sessions },
  (_, i) => `2021-${String(i + 1).padStart(2, "0")}`,
);

const HAN_DIGITS = "〇一二三四五六七八九";

/** 20101 → 二〇一〇一. */
export const hanDigits = (digits: string): string => digits.replace(/\d/g, (d) => HAN_DIGITS[Number(d)]!);

/**
 * A complete, valid reserve, in the pool since the 2020 selection and compliant with every audit
 * rule for 2021 under the default policy: all three selection steps, a current mentor of its own, a
 * practice post, the policy minimum of trainings (sessions of `trainingYear(2021)`), screening by
 * every department, the 2021 evaluation, under 35 with 大专. Genders alternate (odd n men, even n
 * women), so a village of two or more default people meets the structure shares; names are unique
 * (测试 + village number + n in Chinese numerals, as a name holds no digits), so no two look like
 * one person. Override what the test is about.
 */
export function person(village: string, n: number, overrides: Partial<Reserve> = {}): Reserve {
  counter++;
  const male = n % 2 === 1;
  return {
    id: `${village}-${String(n).padStart(2, "0")}`,
    name: `测试${hanDigits(`${village.slice(9)}${String(n).padStart(2, "0")}`)}`,
    gender: male ? "男" : "女",
    ethnicity: "汉族",
    id_number: idNumber(
      "640502",
      `19${87 + (n % 10)}0${1 + (n % 9)}1${n % 10}`,
      male ? 11 + 2 * (counter % 400) : 12 + 2 * (counter % 400),
    ),
    phone: `139${String(10000000 + counter).slice(-8)}`,
    education: "大学专科",
    political_status: "中共党员",
    source: "村民小组长",
    intake: "内选",
    selection: { survey: "2020-10-10", township: "2020-11-10", county: "2020-12-10" },
    entry_date: "2021-01-05",
    mentors: [
      {
        name: `帮带人${hanDigits(`${village.slice(9)}${String(n).padStart(2, "0")}`)}`,
        role: "包村干部",
        mode: "一带一",
        from: "2021-01-05",
      },
    ],
    posts: [{ post: "村委会主任助理", from: "2021-02-01" }],
    screening: DEFAULT_POLICY.screening.departments.map((department) => ({
      department,
      date: "2021-06-01",
      result: "通过" as const,
    })),
    trainings: DEFAULT_ATTENDANCE,
    status: "在库",
    status_changes: [{ status: "在库", date: "2021-01-05", reason: "县级审核通过" }],
    evaluations: {
      "2021": {
        date: "2021-12-20",
        ratings: { study: "good", work: "good", skill: "good", results: "good" },
        grade: "excellent",
        decision: "keep",
      },
    },
    ...overrides,
  };
}

/** A year of 12 sessions, one on the 15th of each month, ids `<year>-01` … `<year>-12`. */
export function trainingYear(year: number): TrainingYear {
  const sessions: TrainingSession[] = Array.from({ length: 12 }, (_, i) => {
    const mm = String(i + 1).padStart(2, "0");
    return {
      id: `${year}-${mm}`,
      date: `${year}-${mm}-15`,
      title: `第 ${i + 1} 期培训`,
      level: i % 3 === 0 ? "区级" : i % 3 === 1 ? "镇级" : "村级",
      topics: ["政治理论"],
      hours: 4,
    };
  });
  return { year, sessions };
}

/** A small district: two towns, three villages in the first, two in the second, one merged. */
export function smallDistrict(overrides: Partial<District> = {}): District {
  const villages: Village[] = [
    { code: "640502100201", name: "沙坡村", town: "640502100", kind: "村", status: "正常" },
    { code: "640502100202", name: "黄河村", town: "640502100", kind: "村", status: "正常" },
    {
      code: "640502100203",
      name: "新墩村",
      town: "640502100",
      kind: "村",
      status: "已合并",
      replaced_by: "640502100202",
      changed: "2020-06-01",
    },
    { code: "640502101201", name: "红泉村", town: "640502101", kind: "村", status: "正常" },
    { code: "640502101001", name: "文昌社区", town: "640502101", kind: "社区", status: "正常" },
  ];
  return {
    code: "640502",
    name: "沙坡头区",
    year: 2021,
    towns: [
      { code: "640502100", name: "滨河镇", status: "正常" },
      { code: "640502101", name: "文昌镇", status: "正常" },
    ],
    villages,
    policy: DEFAULT_POLICY,
    ...overrides,
  };
}

export interface LibrarySpec {
  readonly district?: District;
  readonly books?: Readonly<Record<string, readonly Reserve[]>>;
  /** Training years; by default the district's working year, as `trainingYear` makes it. */
  readonly trainings?: readonly TrainingYear[];
}

/** Writes a library in canonical form into a new temporary folder and returns its path. */
export function makeLibrary(spec: LibrarySpec = {}, dir = tempDir()): string {
  const district = spec.district ?? smallDistrict();
  const register = indexRegister(district);
  mkdirSync(join(dir, "villages"), { recursive: true });
  writeFileSync(join(dir, DISTRICT_FILE), districtText(district));
  for (const [code, reserves] of Object.entries(spec.books ?? {})) {
    writeFileSync(join(dir, villageFile(code)), villageText({ village: code, reserves }, register));
  }
  for (const t of spec.trainings ?? [trainingYear(district.year)]) {
    mkdirSync(join(dir, "trainings"), { recursive: true });
    writeFileSync(join(dir, trainingFile(t.year)), trainingText(t));
  }
  return dir;
}

/**
 * Every file below `dir` (relative path → SHA-256), for before/after comparisons. The library cache
 * (`.reserve/cache/`) is left out: it is derived data that any command may refresh, not the library.
 */
export function snapshot(dir: string, options: { skip?: (rel: string) => boolean } = {}): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const abs = join(d, name);
      const rel = relative(dir, abs).split("\\").join("/");
      if (rel === ".reserve/cache" || options.skip?.(rel)) continue;
      if (statSync(abs).isDirectory()) walk(abs);
      else out[rel] = createHash("sha256").update(readFileSync(abs)).digest("hex");
    }
  };
  walk(dir);
  return out;
}

/** A district with one town and `n` villages, for tests that need many files. */
export function manyVillages(n: number): District {
  const villages: Village[] = Array.from({ length: n }, (_, i) => ({
    code: `640502100${String(201 + i).padStart(3, "0")}`,
    name: `测试${i + 1}村`,
    town: "640502100",
    kind: "村",
    status: "正常",
  }));
  return { ...smallDistrict(), towns: [{ code: "640502100", name: "滨河镇", status: "正常" }], villages };
}

/** A library of `villages` villages with `each` reserves apiece. */
export function bigLibrary(villages: number, each: number): string {
  const district = manyVillages(villages);
  const books: Record<string, Reserve[]> = {};
  for (const v of district.villages) books[v.code] = Array.from({ length: each }, (_, i) => person(v.code, i + 1));
  return makeLibrary({ district, books });
}
