import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml, parseDocument, visit, isMap, isSeq, isScalar } from "yaml";
import { audit, finishAudit, planAudit, runHere } from "../../src/commands/audit.js";
import { indexRegister } from "../../src/domain/library.js";
import type { Reserve, VillageBook } from "../../src/domain/model.js";
import { scaleSpec, SHAPOTOU, streamDistrict, type GeneratorSpec, type PlantedGap } from "../../src/generator/index.js";
import { readCanonical } from "../../src/io/canonical-yaml.js";
import { locateWithYaml } from "../../src/io/load-library.js";
import { CACHE_DIR } from "../../src/io/library-cache.js";
import {
  DISTRICT_FILE,
  sessionFile,
  STATE_DIR,
  trainingFile,
  TRAININGS_DIR,
  villageFile,
  VILLAGES_DIR,
} from "../../src/io/layout.js";
import { districtText, sessionText, trainingText, villageText } from "../../src/io/serialize.js";
import { runCli } from "../helpers/cli.js";
import { tempDir } from "../helpers/library.js";
import { comparable, referenceAudit, referenceText, type ReferenceAudit } from "../helpers/reference-audit.js";

/**
 * Issue 7's acceptance at a scale that takes every fast path: a reduced province (2,200 villages
 * in 22 towns) with the generator's planted gaps and faults put in by hand where the fast paths
 * could go wrong — records
 * shared between towns (checked through record keys, not records), files the canonical reader must
 * refuse or read exactly, files that do not parse, books the register does not know. The slow
 * reference (tests/helpers/reference-audit.ts) must be matched finding for finding, position for
 * position, by the cached audit cold and warm, and by the CLI with workers and without.
 */

const TODAY = "2021-12-31";
/** Noon in China on TODAY, for the CLI's clock. */
const NOW = "2021-12-31T04:00:00Z";
/** Files are dated well before they are read, so the cache holds no racily clean entries. */
const OLD = new Date("2021-06-01T00:00:00Z");

const BASE = scaleSpec({ villages: 2_200, reserves: 7_000, code: "649901", name: "省级规模样本区（缩减）" });
/** Every gap the generator can plant, a few of each, so every rule has findings across towns. */
const SPEC: GeneratorSpec = {
  ...BASE,
  gaps: {
    villages: BASE.gaps.villages,
    persons: Object.fromEntries(Object.keys(SHAPOTOU.gaps.persons).map((k) => [k, 2])),
    towns: Object.fromEntries(Object.keys(SHAPOTOU.gaps.towns ?? {}).map((k) => [k, 2])),
  },
};

interface Made {
  readonly root: string;
  readonly cwd: string;
  readonly planted: PlantedGap[];
  /** Faults put in by hand: the code expected, the file (as findings name it) and where, when fixed. */
  readonly faults: { code: string; file: string; line?: number; column?: number }[];
  /** Files edited by hand (absolute), and whether the canonical reader is to take them. */
  readonly edited: { abs: string; canonical: boolean }[];
}

function write(abs: string, text: string): void {
  mkdirSync(join(abs, ".."), { recursive: true });
  writeFileSync(abs, text);
}

function makeProvince(): Made {
  const cwd = tempDir("reserve-paths-");
  const root = join(cwd, "lib");
  const stream = streamDistrict(SPEC, 7);
  const register = indexRegister(stream.district);
  mkdirSync(join(root, VILLAGES_DIR), { recursive: true });
  write(join(root, ".gitignore"), `${STATE_DIR}/\n`);
  for (const t of stream.trainings) write(join(root, trainingFile(t.year)), trainingText(t));
  const books = new Map<string, VillageBook>();
  const planted: PlantedGap[] = [];
  for (const g of stream.villages()) {
    planted.push(...g.planted);
    if (g.book) books.set(g.book.village, g.book);
  }
  const faults: Made["faults"] = [];
  const edited: Made["edited"] = [];
  const shown = (code: string) => `lib/${villageFile(code)}`;
  const townsWithBooks = [...new Set([...books.keys()].map((c) => c.slice(0, 9)))].sort();
  const touched = new Set(planted.map((p) => p.village));
  /** The first book of the n-th town with at least `min` records, none of them planted with a gap. */
  const pick = (n: number, min = 3): VillageBook => {
    const town = townsWithBooks[n]!;
    const book = [...books.values()].find(
      (b) => b.village.startsWith(town) && b.reserves.length >= min && !touched.has(b.village),
    );
    if (!book) throw new Error(`no book to pick in ${town}`);
    touched.add(book.village);
    return book;
  };
  const inPool = (r: Reserve) => r.status === "在库" || r.status === "列为考察对象";

  // The same ID number in two towns: found through record keys, the other town's copy a ghost.
  // An unreadable record ahead of it puts the record at another place in its file than in its book.
  {
    const a = pick(1);
    const b = pick(2);
    const ra = a.reserves.find(inPool)!;
    const i = b.reserves.findIndex((r) => inPool(r) && r.gender === ra.gender);
    const broken = { ...b.reserves[0]!, id: `${b.village}-99`, gender: "不详" } as unknown as Reserve;
    const reserves = [broken, ...b.reserves.map((r, k) => (k === i ? { ...r, id_number: ra.id_number } : r))];
    books.set(b.village, { ...b, reserves });
    faults.push({ code: "person-in-two-villages", file: shown(a.village) });
    faults.push({ code: "person-in-two-villages", file: shown(b.village) });
    faults.push({ code: "bad-term", file: shown(b.village) });
  }
  // The same internal id in two books of different towns.
  {
    const a = pick(3);
    const b = pick(5);
    const reserves = b.reserves.map((r, k) => (k === 1 ? { ...r, id: a.reserves[0]!.id } : r));
    books.set(b.village, { ...b, reserves });
    faults.push({ code: "person-id-duplicate", file: shown(b.village) });
  }

  write(join(root, DISTRICT_FILE), districtText(stream.district));
  for (const book of books.values()) write(join(root, villageFile(book.village)), villageText(book, register));

  // A book the register does not know (a town that does not exist).
  {
    const b = pick(4);
    const code = "649901999201";
    const reserves = b.reserves.map((r) => ({ ...r, id: `${code}-${r.id.slice(-2)}` }));
    // Its people are also still in their own village: the same ID numbers held twice.
    write(join(root, villageFile(code)), villageText({ village: code, reserves }, register));
    faults.push({ code: "village-unknown", file: shown(code), line: 2, column: 10 });
  }

  // Hand-edited layouts. Each keeps a fault of its own inside.
  {
    // Flow collections, single quotes, comments: read by the YAML library on every path.
    const b = pick(6);
    const doc = parseDocument(villageText(b, register));
    doc.commentBefore = " 村里手工改过";
    visit(doc, {
      Pair(_, pair) {
        if (isScalar(pair.key) && pair.key.value === "selection" && isMap(pair.value)) pair.value.flow = true;
        if (isScalar(pair.key) && pair.key.value === "trainings" && isSeq(pair.value)) pair.value.flow = false;
        if (isScalar(pair.key) && pair.key.value === "phone" && isScalar(pair.value)) {
          pair.value.type = "QUOTE_SINGLE";
          pair.value.comment = " 已核对";
        }
        if (isScalar(pair.key) && pair.key.value === "id_number" && isScalar(pair.value)) {
          pair.value.type = "QUOTE_SINGLE";
        }
      },
    });
    // A mistyped check character in the second record.
    const id = b.reserves[1]!.id_number;
    const wrong = id.slice(0, 17) + (id.endsWith("1") ? "2" : "1");
    doc.setIn(["reserves", 1, "id_number"], doc.createNode(wrong));
    (doc.getIn(["reserves", 1, "id_number"], true) as { type?: string }).type = "QUOTE_SINGLE";
    // No mentor for the third.
    doc.deleteIn(["reserves", 2, "mentors"]);
    const text = doc.toString({ lineWidth: 0 });
    write(join(root, villageFile(b.village)), text);
    edited.push({ abs: join(root, villageFile(b.village)), canonical: false });
    const line = text.split("\n").findIndex((l) => l.includes(wrong)) + 1;
    faults.push({ code: "id-check", file: shown(b.village), line });
    faults.push({ code: "mentor-missing", file: shown(b.village) });
  }
  {
    // The writer's layout with comment and blank lines inside: canonical, but not the writer's text.
    const b = pick(7);
    const lines = villageText(b, register).split("\n");
    const at = lines.findIndex((l, k) => k > 3 && l.startsWith("  - id:"));
    lines.splice(at, 0, "", "  # 第二人：学历待核");
    const edu = lines.findIndex((l, k) => k > at && l.startsWith("    education:"));
    lines[edu] = "    education: 初中";
    write(join(root, villageFile(b.village)), lines.join("\n"));
    edited.push({ abs: join(root, villageFile(b.village)), canonical: true });
    faults.push({ code: "education-below-floor", file: shown(b.village) });
  }
  {
    // CRLF line ends and a BOM, as an editor on Windows leaves them, and a key misspelt.
    const b = pick(8);
    const lines = villageText(b, register).split("\n");
    const at = lines.findIndex((l) => l.startsWith("    ethnicity:"));
    lines[at] = lines[at]!.replace("ethnicity", "ethnic");
    write(join(root, villageFile(b.village)), `\ufeff${lines.join("\r\n")}`);
    edited.push({ abs: join(root, villageFile(b.village)), canonical: false });
    faults.push({ code: "unknown-key", file: shown(b.village), line: at + 1, column: 5 });
  }
  {
    // A key misspelt in the writer's layout: the canonical reader reads it, the schema refuses it.
    const b = pick(9);
    const lines = villageText(b, register).split("\n");
    const at = lines.findIndex((l) => l.startsWith("    phone:"));
    lines.splice(at + 1, 0, "    wechat: abc123");
    write(join(root, villageFile(b.village)), lines.join("\n"));
    edited.push({ abs: join(root, villageFile(b.village)), canonical: true });
    faults.push({ code: "unknown-key", file: shown(b.village), line: at + 2, column: 5 });
  }
  {
    // A file that does not parse.
    const b = pick(10);
    const lines = villageText(b, register).split("\n");
    const at = lines.findIndex((l) => l.startsWith("    name:"));
    lines[at] = lines[at]!.replace("name: ", 'name: "');
    write(join(root, villageFile(b.village)), lines.join("\n"));
    edited.push({ abs: join(root, villageFile(b.village)), canonical: false });
    faults.push({ code: "yaml-syntax", file: shown(b.village) });
  }
  // Sessions in files of their own beside the year's file, as `reserve record training` writes
  // them: one in the writer's layout and attended in a town's book, one edited by hand (read by
  // the YAML library) with a level outside the list, and a copy of the first under another name
  // (its id held twice, and not the name of its file).
  {
    const t = townsWithBooks[12]!;
    const id = `2021-11-20-${t}-ff3b`;
    const session = {
      id,
      date: "2021-11-20",
      title: "冬训：乡村振兴政策解读",
      level: "镇级" as const,
      unit: t,
      topics: ["政策法规" as const],
      hours: 3,
    };
    write(join(root, sessionFile(id)), sessionText(session));
    const b = pick(12);
    const attended = b.reserves.map((r, k) => (k === 0 ? { ...r, trainings: [...(r.trainings ?? []), id] } : r));
    write(join(root, villageFile(b.village)), villageText({ ...b, reserves: attended }, register));
    const edited = `2021-12-03-${t}-0a1b`;
    write(
      join(root, sessionFile(edited)),
      `# 手工补录\nid: '${edited}'\ndate: '2021-12-03'\ntitle: 冬训第二讲   # 待核\nlevel: 省级\nunit: '${t}'\ntopics:\n  - 党建知识\nhours: 2\n`,
    );
    faults.push({ code: "bad-term", file: `lib/${sessionFile(edited)}`, line: 5, column: 8 });
    const copy = `2021-11-20-${t}-ff3c`;
    write(join(root, sessionFile(copy)), sessionText(session));
    faults.push({ code: "training-file-name", file: `lib/${sessionFile(copy)}`, line: 2, column: 5 });
    faults.push({ code: "training-duplicate-session", file: `lib/${sessionFile(copy)}`, line: 2, column: 5 });
    write(join(root, TRAININGS_DIR, "冬训.yaml"), "title: 冬训\n");
    faults.push({ code: "village-file-name", file: `lib/${TRAININGS_DIR}/冬训.yaml`, line: 1, column: 1 });
  }
  // A YAML file in villages/ that is not named for a village.
  write(join(root, VILLAGES_DIR, "说明.yaml"), "note: 各村名册\n");
  faults.push({ code: "village-file-name", file: `lib/${VILLAGES_DIR}/说明.yaml`, line: 1, column: 1 });
  // The register: a merged village said to be replaced by a village that does not exist.
  {
    const text = readFileSync(join(root, DISTRICT_FILE), "utf8");
    const m = /replaced_by: "(\d{12})"/.exec(text);
    if (!m) throw new Error("no merged village in the register");
    write(join(root, DISTRICT_FILE), text.replace(m[0], 'replaced_by: "649901998999"'));
    faults.push({ code: "register-replaced-by", file: `lib/${DISTRICT_FILE}` });
  }
  age(root);
  return { root, cwd, planted, faults, edited };
}

/** Dates every file of the library back (not the cache), so none is racily clean when read. */
function age(root: string): void {
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const abs = join(dir, name);
      if (name === STATE_DIR) continue;
      if (statSync(abs).isDirectory()) walk(abs);
      else utimesSync(abs, OLD, OLD);
    }
  };
  walk(root);
}

/** The cache's shard files and the state each is in (a rewrite renames a new file into place). */
function shards(root: string): Map<string, string> {
  const dir = join(root, CACHE_DIR);
  const out = new Map<string, string>();
  for (const name of readdirSync(dir).filter((n) => n.endsWith(".bin"))) {
    const st = statSync(join(dir, name), { bigint: true });
    out.set(name, `${st.ino}:${st.mtimeNs}`);
  }
  return out;
}

interface AuditJson {
  readonly date: string;
  readonly year: number;
  readonly summary: unknown;
  readonly findings: unknown[];
}

function cli(cwd: string, env: Record<string, string>, format: "json" | "text" = "json") {
  const r = runCli(["audit", "--data", "lib", "--format", format], { cwd, env: { RESERVE_NOW: NOW, ...env } });
  expect(r.stderr).toBe("");
  expect(r.code).toBe(1);
  return r.stdout;
}

function asJson(ref: ReferenceAudit): AuditJson {
  return { date: ref.date, year: ref.year, summary: ref.summary, findings: comparable(ref.findings) };
}

const town = (n: number) => `649901${String(n).padStart(3, "0")}`;

/** Towns brought up to date on two worker threads, however few need it; or all in this thread. */
const WORKERS = { RESERVE_WORKERS: "2" };
const IN_THREAD = { RESERVE_WORKERS: "0" };

describe("the fast audit paths on a reduced province", () => {
  let made: Made;
  /** A copy of the library for the CLI: its cache is the bundle's, not this process's. */
  let cliCwd: string;
  let ref: ReferenceAudit;

  beforeAll(() => {
    made = makeProvince();
    cliCwd = tempDir("reserve-paths-cli-");
    cpSync(made.root, join(cliCwd, "lib"), { recursive: true, preserveTimestamps: true });
    age(join(cliCwd, "lib"));
    ref = referenceAudit({ root: made.root, cwd: made.cwd, today: TODAY });
  }, 180_000);

  afterAll(() => {
    for (const dir of [made?.cwd, cliCwd]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("the reference reports every planted gap and every fault put in by hand", () => {
    expect(ref.findings.length).toBeGreaterThan(100);
    const key = (code: string, village?: string, person?: string) => `${code} ${village ?? ""} ${person ?? ""}`;
    const found = new Set(ref.findings.map((d) => key(d.code, d.village, d.person)));
    const missing = made.planted.filter((g) => !found.has(key(g.kind, g.village, g.person)));
    expect(missing).toEqual([]);
    for (const f of made.faults) {
      const hit = ref.findings.find(
        (d) =>
          d.code === f.code &&
          d.location?.file === f.file &&
          (f.line === undefined || d.location.line === f.line) &&
          (f.column === undefined || d.location.column === f.column),
      );
      expect(hit, JSON.stringify(f)).toBeDefined();
    }
    // The reference itself reads files in the canonical layout without the YAML library: on the
    // files edited by hand, that reader must give up or give what the YAML library gives.
    for (const e of made.edited) {
      const text = readFileSync(e.abs, "utf8").replace(/^\ufeff/, "");
      const doc = readCanonical(text);
      expect(doc !== undefined, e.abs).toBe(e.canonical);
      if (doc) expect(doc.data).toEqual(parseYaml(text));
    }
    // And where it places findings in those files, the YAML library places them too.
    const unplaced = ref.findings.map((d) =>
      d.location?.path ? { ...d, location: { ...d.location, line: undefined, column: undefined } } : d,
    );
    const byYaml = locateWithYaml(unplaced, made.cwd);
    expect(byYaml).toEqual(ref.findings);
    // Findings across towns, library-wide and in the register are all there.
    expect(new Set(ref.findings.map((d) => d.town)).size).toBeGreaterThan(20);
    expect(ref.findings.some((d) => d.town === undefined && d.village !== undefined)).toBe(true);
  });

  it("audit() gives the reference's findings with a cold cache, then warm from it", () => {
    expect(existsSync(join(made.root, CACHE_DIR))).toBe(false);
    const cold = audit({ root: made.root, cwd: made.cwd, today: TODAY });
    expect(cold.findings).toEqual(ref.findings);
    const before = shards(made.root);
    expect(before.size).toBeGreaterThan(20);
    const warm = audit({ root: made.root, cwd: made.cwd, today: TODAY });
    // Nothing was read afresh (a file read afresh has its shard written again): every shard is
    // the one the cold run wrote, and every book came from it.
    expect(shards(made.root)).toEqual(before);
    expect(warm.findings).toEqual(ref.findings);
    expect([warm.errors, warm.warnings, warm.villagesBelowMin]).toEqual([
      ref.summary.errors,
      ref.summary.warnings,
      ref.summary.villagesBelowMin,
    ]);
  });

  it("the library is audited by town, and a town whose files are as they were is not worked out again", () => {
    const options = { root: made.root, cwd: made.cwd, today: TODAY };
    const plan = planAudit(options);
    // Every town (and the books of no registered town, "") was kept by the audits above.
    expect(plan.jobs).toEqual([]);
    expect(plan.done.map((t) => t.town).sort()).toEqual(["", ...Array.from({ length: 22 }, (_, i) => town(i + 1))]);
    expect(plan.done.find((t) => t.town === "")!.group.files.map((f) => f.name)).toEqual(["649901999201.yaml"]);
    expect(finishAudit(plan, runHere(plan)).findings).toEqual(ref.findings);
    // A town's files touched (same bytes, new times): only that town is looked at again.
    const names = readdirSync(join(made.root, VILLAGES_DIR)).filter((n) => n.startsWith(town(3)));
    const later = new Date("2021-07-01T00:00:00Z");
    utimesSync(join(made.root, VILLAGES_DIR, names[0]!), later, later);
    const again = planAudit(options);
    expect(again.jobs.map((j) => j.town)).toEqual([town(3)]);
    expect(again.work).toBe(1);
    expect(finishAudit(again, runHere(again)).findings).toEqual(ref.findings);
    expect(planAudit(options).jobs).toEqual([]);
  });

  it("the CLI, in worker threads and in this thread, prints the reference's findings", () => {
    const expected = asJson(ref);
    expect(existsSync(join(cliCwd, "lib", CACHE_DIR))).toBe(false);
    const workers = JSON.parse(cli(cliCwd, WORKERS)) as AuditJson;
    expect(workers).toEqual(expected);
    // Warm now: the run in this thread finds every town kept as the workers left it.
    const before = shards(join(cliCwd, "lib"));
    const inThread = JSON.parse(cli(cliCwd, IN_THREAD)) as AuditJson;
    expect(inThread).toEqual(expected);
    expect(shards(join(cliCwd, "lib"))).toEqual(before);
  });

  it("the CLI prints the reference's text, cold on worker threads and warm", () => {
    const copy = tempDir("reserve-paths-text-");
    cpSync(made.root, join(copy, "lib"), {
      recursive: true,
      preserveTimestamps: true,
      filter: (p) => !p.includes(STATE_DIR),
    });
    age(join(copy, "lib"));
    expect(cli(copy, WORKERS, "text")).toBe(referenceText(ref));
    expect(cli(copy, IN_THREAD, "text")).toBe(referenceText(ref));
    rmSync(copy, { recursive: true, force: true });
  });

  it("a warm cache picks up a file edited in place and a file removed", () => {
    // Same size, same modification time: only the change time tells the file has changed. The
    // new ID number is another town's, so the keys across towns change too.
    const names = readdirSync(join(made.root, VILLAGES_DIR)).sort();
    // The last books of their towns: the faults put in by hand are in the first ones.
    const edited = names.findLast((n) => n.startsWith(town(11)))!;
    const lender = names.find((n) => n.startsWith(town(12)))!;
    const other = readFileSync(join(made.root, VILLAGES_DIR, lender), "utf8");
    const borrowed = /id_number: "(\d{17}[\dX])"/.exec(other)![1]!;
    const removed = names.findLast((n) => n.startsWith(town(14)))!;
    const edit = (root: string) => {
      const abs = join(root, VILLAGES_DIR, edited);
      const text = readFileSync(abs, "utf8");
      const next = text.replace(/id_number: "\d{17}[\dX]"/, `id_number: "${borrowed}"`);
      expect(next).not.toBe(text);
      expect(Buffer.byteLength(next)).toBe(Buffer.byteLength(text));
      writeFileSync(abs, next);
      utimesSync(abs, OLD, OLD);
      rmSync(join(root, VILLAGES_DIR, removed));
    };
    const changed = (before: Map<string, string>, after: Map<string, string>) =>
      [...after].filter(([k, v]) => before.get(k) !== v).map(([k]) => k);

    // The cache as a run leaves it, then the edit.
    audit({ root: made.root, cwd: made.cwd, today: TODAY });
    const before = shards(made.root);
    edit(made.root);
    const again = referenceAudit({ root: made.root, cwd: made.cwd, today: TODAY });
    expect(again.findings).not.toEqual(ref.findings);
    const codes = (r: ReferenceAudit, file: string) =>
      r.findings.filter((d) => d.location?.file === file).map((d) => d.code);
    expect(codes(again, `lib/${VILLAGES_DIR}/${edited}`)).toContain("person-in-two-villages");
    expect(again.findings.some((d) => d.code === "quota-below-min" && `${d.village}.yaml` === removed)).toBe(true);

    const warm = audit({ root: made.root, cwd: made.cwd, today: TODAY });
    expect(warm.findings).toEqual(again.findings);
    // The two towns' shards are written again, and the findings kept per town; no other shard.
    const rewritten = ["towns.bin", `villages-${town(11)}.bin`, `villages-${town(14)}.bin`];
    expect(changed(before, shards(made.root)).sort()).toEqual(rewritten);

    const cliBefore = shards(join(cliCwd, "lib"));
    edit(join(cliCwd, "lib"));
    expect(JSON.parse(cli(cliCwd, WORKERS))).toEqual(asJson(again));
    expect(changed(cliBefore, shards(join(cliCwd, "lib"))).sort()).toEqual(rewritten);
  });
});
