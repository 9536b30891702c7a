import * as fc from "fast-check";
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import { audit } from "../../src/commands/audit.js";
import { indexRegister, type RegisterIndex } from "../../src/domain/library.js";
import type { District, Reserve, VillageBook } from "../../src/domain/model.js";
import { BUILTIN, vocabulariesOf } from "../../src/domain/vocabulary-set.js";
import { CACHE_DIR } from "../../src/io/library-cache.js";
import { readBookFast } from "../../src/io/library-files.js";
import { readBookFile, readDistrictFile } from "../../src/io/load-library.js";
import { villageText } from "../../src/io/serialize.js";
import { tempDir } from "../helpers/library.js";
import { comparable, referenceAudit, referenceText, type ReferenceOptions } from "../helpers/reference-audit.js";
import { inProcess, rounds, TODAY } from "../trust/helpers.js";

/**
 * The incremental audit (commands/audit-units.ts, the units kept in io/load-cached.ts) against
 * the slow reference (tests/helpers/reference-audit.ts: every file through the YAML library and
 * the schemas, the whole library at once, no cache), after random sequences of what officials
 * do between two audits: a phone changed, a person removed or their education corrected, an ID
 * number or an internal id that is someone else's, a mentor given to a second reserve, a file
 * saved by another editor, broken or saved under another village's name, a file deleted, a roster imported, a person moved, the
 * policy changed (a district's own 学历 term), another audit date asked for. After every step the
 * findings must be the reference's, finding by finding, and the printed text the reference's,
 * for the whole library and for a random --village, --town, --rule or --strict; and every file
 * the writer's layout reader takes must read as readBookFile reads it.
 */

const DATA = join(import.meta.dirname, "..", "..", "data");

interface Lib {
  readonly cwd: string;
  readonly root: string;
}

function fresh(): Lib {
  const cwd = tempDir("reserve-incremental-");
  const root = join(cwd, "lib");
  cpSync(DATA, root, { recursive: true, filter: (src) => !src.includes(".reserve") });
  return { cwd, root };
}

function district(lib: Lib): District {
  return readDistrictFile(readFileSync(join(lib.root, "district.yaml"), "utf8"), "district.yaml").district!;
}

function villageFiles(lib: Lib): string[] {
  return readdirSync(join(lib.root, "villages"))
    .filter((n) => /^\d{12}\.yaml$/.test(n))
    .sort();
}

/** A village file's book, read as the slow path reads it (undefined when it is not one). */
function bookOf(lib: Lib, name: string): VillageBook | undefined {
  const text = readFileSync(join(lib.root, "villages", name), "utf8");
  const read = readBookFile(text, name, name, TODAY, vocabulariesOf(district(lib).policy));
  return read.book && read.book.complete
    ? { village: read.book.village, reserves: [...read.book.reserves] }
    : undefined;
}

/** What an official does to the library between two audits. */
type Step =
  | { kind: "phone"; file: number; person: number; phone: string }
  | { kind: "remove"; file: number; person: number }
  | { kind: "education"; file: number; person: number; education: string }
  | { kind: "same-id-number" | "same-id" | "same-mentor"; file: number; person: number; other: number }
  | { kind: "hand-edit" | "break" | "delete"; file: number }
  | { kind: "misnamed"; file: number; to: number }
  | { kind: "import"; file: number; n: number }
  | { kind: "move"; file: number; person: number; to: number }
  | { kind: "policy"; on: boolean }
  | { kind: "period"; date: string };

const index = fc.nat({ max: 1000 });
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constant("phone" as const),
    file: index,
    person: index,
    phone: fc.constantFrom("13995510001", "1399551000", "0951-6012345", ""),
  }),
  fc.record({ kind: fc.constant("remove" as const), file: index, person: index }),
  fc.record({
    kind: fc.constant("education" as const),
    file: index,
    person: index,
    education: fc.constantFrom("初中", "大学本科", "技师学院"),
  }),
  fc.record({
    kind: fc.constantFrom("same-id-number" as const, "same-id" as const, "same-mentor" as const),
    file: index,
    person: index,
    other: index,
  }),
  fc.record({ kind: fc.constantFrom("hand-edit" as const, "break" as const, "delete" as const), file: index }),
  fc.record({ kind: fc.constant("misnamed" as const), file: index, to: index }),
  fc.record({ kind: fc.constant("import" as const), file: index, n: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ kind: fc.constant("move" as const), file: index, person: index, to: index }),
  fc.record({ kind: fc.constant("policy" as const), on: fc.boolean() }),
  // Dates in years the library holds (another is refused before anything is read: year-not-held).
  fc.record({ kind: fc.constant("period" as const), date: fc.constantFrom("2021-06-30", "2021-12-31", "2020-12-31") }),
);

/** What the user asks of `reserve audit` after a step. */
interface Question {
  readonly village?: number;
  readonly town?: number;
  readonly rule?: "quota" | "duplicates" | "mentoring" | "structure";
  readonly strict?: boolean;
}
const question: fc.Arbitrary<Question> = fc.oneof(
  { weight: 3, arbitrary: fc.constant({}) },
  fc.record({ village: index }),
  fc.record({ town: index }),
  fc.record({
    rule: fc.constantFrom("quota" as const, "duplicates" as const, "mentoring" as const, "structure" as const),
  }),
  fc.record({ strict: fc.constant(true) }),
);

interface State {
  date?: string;
}

const pick = <T>(xs: readonly T[], n: number): T | undefined => (xs.length === 0 ? undefined : xs[n % xs.length]);

function write(lib: Lib, name: string, book: VillageBook, register: RegisterIndex): void {
  writeFileSync(join(lib.root, "villages", name), villageText(book, register));
}

function withRecord(lib: Lib, s: { file: number; person: number }, change: (r: Reserve, book: VillageBook) => Reserve) {
  const name = pick(villageFiles(lib), s.file);
  const book = name && bookOf(lib, name);
  const r = book && pick(book.reserves, s.person);
  if (!name || !book || !r) return [];
  const reserves = book.reserves.map((x) => (x === r ? change(r, book) : x));
  write(lib, name, { ...book, reserves }, indexRegister(district(lib)));
  return [name];
}

/** Applies a step; gives the village files it wrote. */
async function apply(lib: Lib, s: Step, state: State): Promise<string[]> {
  const files = villageFiles(lib);
  const register = indexRegister(district(lib));
  switch (s.kind) {
    case "phone":
      return withRecord(lib, s, (r) => {
        const { phone, ...rest } = r;
        void phone;
        return s.phone === "" ? rest : { ...r, phone: s.phone };
      });
    case "education":
      return withRecord(lib, s, (r) => ({ ...r, education: s.education }));
    case "remove": {
      const name = pick(files, s.file);
      const book = name && bookOf(lib, name);
      if (!name || !book || book.reserves.length === 0) return [];
      write(
        lib,
        name,
        { ...book, reserves: book.reserves.filter((_, i) => i !== s.person % book.reserves.length) },
        register,
      );
      return [name];
    }
    case "same-id-number":
    case "same-id":
    case "same-mentor": {
      const other = pick(files, s.other);
      const source = other && bookOf(lib, other);
      const from = source && pick(source.reserves, s.person + 1);
      if (!from) return [];
      return withRecord(lib, s, (r) =>
        s.kind === "same-id-number"
          ? { ...r, id_number: from.id_number }
          : s.kind === "same-id"
            ? { ...r, id: from.id }
            : { ...r, mentors: from.mentors ?? r.mentors },
      );
    }
    case "hand-edit": {
      const name = pick(files, s.file);
      if (!name) return [];
      const abs = join(lib.root, "villages", name);
      const doc = parseDocument(readFileSync(abs, "utf8"));
      // A file an earlier step broke is not one an editor would open and save as YAML.
      if (doc.errors.length > 0) return [];
      doc.commentBefore = " 村里用别的编辑器改过";
      const first = doc.getIn(["reserves", 0], true) as { flow?: boolean } | undefined;
      if (first) first.flow = true;
      writeFileSync(abs, doc.toString({ lineWidth: 0 }));
      return [name];
    }
    case "break": {
      const name = pick(files, s.file);
      if (!name) return [];
      const abs = join(lib.root, "villages", name);
      writeFileSync(abs, readFileSync(abs, "utf8").replace(/name: /, 'name: "'));
      return [name];
    }
    case "misnamed": {
      // A township's file saved under another village's name: it still says its own village.
      const name = pick(files, s.file);
      const to = pick([...register.villages.keys()], s.to);
      if (!name || !to || `${to}.yaml` === name) return [];
      cpSync(join(lib.root, "villages", name), join(lib.root, "villages", `${to}.yaml`));
      return [`${to}.yaml`];
    }
    case "delete": {
      const name = pick(files, s.file);
      if (name) rmSync(join(lib.root, "villages", name));
      return [];
    }
    case "import": {
      const village = pick(
        [...register.villages.values()].filter((v) => v.kind === "村" && v.status === "正常"),
        s.file,
      )!;
      const town = register.towns.get(village.town)!;
      const rows = Array.from({ length: s.n }, (_, i) => {
        const id = `640502199${String(s.file % 10)}0${String((i % 9) + 1)}0${String(s.n)}1${String(i)}`;
        return [
          town.name,
          village.name,
          village.code,
          `新人${"一二三"[i]}${"甲乙丙丁戊己庚辛壬癸"[s.file % 10]}`,
          "男",
          "汉族",
          checked(id),
          "高中",
          "群众",
          "致富能手",
          "2021-03-01",
        ].join(",");
      });
      writeFileSync(
        join(lib.cwd, "roster.csv"),
        `\ufeff乡镇,村,村代码,姓名,性别,民族,身份证号,学历,政治面貌,来源,入库时间\r\n${rows.join("\r\n")}\r\n`,
      );
      const r = await inProcess(["import", "roster.csv", "--data", "lib"], lib.cwd);
      expect([0, 1], r.stderr).toContain(r.code);
      return [`${village.code}.yaml`];
    }
    case "move": {
      const name = pick(files, s.file);
      const book = name && bookOf(lib, name);
      const r = book && pick(book.reserves, s.person);
      const to = pick(
        [...register.villages.values()].filter((v) => v.kind === "村" && v.status === "正常"),
        s.to,
      );
      if (!r || !to || to.code === book.village) return [];
      const got = await inProcess(["move", r.id, "--to", to.code, "--reason", "工作调动", "--data", "lib"], lib.cwd);
      expect([0, 1, 2], got.stderr).toContain(got.code);
      return [name, `${to.code}.yaml`];
    }
    case "policy": {
      const abs = join(lib.root, "district.yaml");
      const text = readFileSync(abs, "utf8").replace(/\n {2}vocabulary:\n(?: {4}.*\n)+/, "\n");
      const added = "  vocabulary:\n    education:\n      - term: 技师学院\n        counts_as: 大学专科\n";
      writeFileSync(abs, s.on ? text.replace(/^policy:\n/m, `policy:\n${added}`) : text);
      return [];
    }
    case "period":
      state.date = s.date;
      return [];
  }
}

/** A valid ID number from its first 17 digits (GB 11643 check character). */
function checked(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((n, d, i) => n + Number(d) * weights[i]!, 0);
  return first17 + "10X98765432"[sum % 11]!;
}

/** The audit, through the cache and the CLI, against the reference, for one question. */
async function compare(lib: Lib, state: State, q: Question): Promise<void> {
  const d = district(lib);
  const village = q.village === undefined ? undefined : pick(d.villages, q.village)!.code;
  const town = q.town === undefined ? undefined : pick(d.towns, q.town)!.code;
  const options: ReferenceOptions = {
    root: lib.root,
    cwd: lib.cwd,
    today: TODAY,
    ...(state.date && { date: state.date }),
    ...(village && { villages: [village] }),
    ...(town && { towns: [town] }),
    ...(q.rule && { rules: [q.rule] }),
    ...(q.strict && { strict: true }),
  };
  const ref = referenceAudit(options);
  const got = audit(options);
  expect(comparable(got.findings)).toEqual(comparable(ref.findings));
  expect([got.errors, got.warnings, got.villagesBelowMin]).toEqual([
    ref.summary.errors,
    ref.summary.warnings,
    ref.summary.villagesBelowMin,
  ]);
  const args = [
    "audit",
    "--data",
    "lib",
    ...(state.date ? ["--date", state.date] : []),
    ...(village ? ["--village", village] : []),
    ...(town ? ["--town", town] : []),
    ...(q.rule ? ["--rule", q.rule] : []),
    ...(q.strict ? ["--strict"] : []),
  ];
  const printed = await inProcess(args, lib.cwd);
  expect(printed.stderr).toBe("");
  expect(printed.stdout).toBe(referenceText(ref));
}

/** Every file the writer's layout reader takes reads as readBookFile reads it. */
function sameReadings(lib: Lib, names: readonly string[]): void {
  const v = vocabulariesOf(district(lib).policy);
  for (const name of names) {
    const abs = join(lib.root, "villages", name);
    if (!existsSync(abs)) continue;
    const text = readFileSync(abs, "utf8");
    const fast = readBookFast(text, name, name, TODAY, v);
    if (fast)
      expect(JSON.parse(JSON.stringify(fast))).toEqual(
        JSON.parse(JSON.stringify(readBookFile(text, name, name, TODAY, v))),
      );
  }
}

describe("the incremental audit after random edits", () => {
  it("gives the reference's findings and text after every step", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(step, question, fc.boolean()), { minLength: 2, maxLength: 6 }),
        async (steps) => {
          const lib = fresh();
          const state: State = {};
          try {
            await compare(lib, state, {});
            for (const [s, q, old] of steps) {
              const touched = await apply(lib, s, state);
              // Dated back or not: a file written a moment ago is racily clean, and read again.
              if (old) {
                const past = new Date("2021-06-01T00:00:00Z");
                for (const n of touched) {
                  const abs = join(lib.root, "villages", n);
                  if (existsSync(abs)) utimesSync(abs, past, past);
                }
              }
              sameReadings(lib, touched);
              await compare(lib, state, q);
            }
          } finally {
            rmSync(lib.cwd, { recursive: true, force: true });
          }
        },
      ),
      { numRuns: rounds(25) },
    );
  }, 600_000);

  it("reads the writer's layout without the schemas exactly as readBookFile, on every file of the sample", () => {
    const lib = fresh();
    for (const name of villageFiles(lib)) {
      const text = readFileSync(join(lib.root, "villages", name), "utf8");
      const fast = readBookFast(text, name, `lib/villages/${name}`, TODAY, BUILTIN);
      expect(fast, name).toBeDefined();
      expect(JSON.stringify(fast)).toBe(
        JSON.stringify(readBookFile(text, name, `lib/villages/${name}`, TODAY, BUILTIN)),
      );
    }
    rmSync(lib.cwd, { recursive: true, force: true });
  });

  it("a deleted or damaged towns.bin is rebuilt, never trusted", async () => {
    const lib = fresh();
    await compare(lib, {}, {});
    const file = join(lib.root, CACHE_DIR, "towns.bin");
    const bytes = readFileSync(file);
    for (const at of [0, 9, 30, Math.floor(bytes.length / 2), bytes.length - 1]) {
      const damaged = Buffer.from(bytes);
      damaged[at] = damaged[at]! ^ 0x5a;
      writeFileSync(file, damaged);
      await compare(lib, {}, {});
    }
    rmSync(file);
    await compare(lib, {}, {});
    expect(existsSync(file)).toBe(true);
    rmSync(lib.cwd, { recursive: true, force: true });
  });
});
