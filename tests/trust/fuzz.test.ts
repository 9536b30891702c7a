import { spawnSync } from "node:child_process";
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { crc32 } from "node:zlib";
import ExcelJS from "exceljs";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { zip } from "../../src/io/zip.js";
import { builtFile, noteCliRun } from "../helpers/cli.js";
import { person, tempDir } from "../helpers/library.js";
import { rosterFor, smallImport, V1, V2, type Workspace } from "./fixtures.js";
import { assertNoBug, content, inProcess, leftovers, NOW, rounds } from "./helpers.js";

/**
 * The importer against broken and hostile files (docs/reliability.md): random bytes, random
 * mutations of valid CSV, YAML and XLSX rosters and of library files, and truncations of valid
 * files. Whatever the input: no internal error and no stack trace, exit 0 (the mutation left a
 * valid roster), 1 or 3 — never anything else —, within the time bound, and a rejected run leaves
 * the library exactly as it was. Keys such as __proto__ and constructor in any input never reach
 * Object.prototype.
 */

/** The longest one small run may take: generous for a loaded CI machine, far below a hang. */
const TIME_BOUND_MS = 10_000;

let template: Workspace;
let before: Record<string, string>;
const bases: Record<string, Buffer> = {};

beforeAll(async () => {
  template = smallImport();
  before = content(template.root);
  const people = [
    person(V1, 31, { name: "阿依古丽·买买提", note: '备注，带"引号"\n和换行' }),
    person(V1, 32, { name: "𠮷祥" }),
    person(V2, 33),
  ];
  const csv = rosterFor(people).replace("帮带人职务", "帮带人职务,备注");
  bases.csv = Buffer.from(
    csv
      .split("\r\n")
      .map((l, i) => (i === 0 || l === "" ? l : `${l},"第${i}行，""备注""\n第二行"`))
      .join("\r\n"),
  );
  bases.yaml = Buffer.from(
    `村代码: "${V1}"\n# 名册\nreserves:\n` +
      people
        .filter((p) => p.id.startsWith(V1))
        .map(
          (p) =>
            `  - 姓名: "${p.name}"\n    性别: ${p.gender}\n    民族: ${p.ethnicity}\n    身份证号: "${p.id_number}"\n` +
            `    联系电话: '${p.phone}'\n    学历: ${p.education}\n    政治面貌: ${p.political_status}\n    来源: ${p.source}\n` +
            `    入库时间: 2021-01-05\n    备注: |\n      多行\n      备注\n`,
        )
        .join(""),
  );
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("名册");
  ws.addRow(["村代码", "姓名", "性别", "民族", "身份证号", "学历", "政治面貌", "来源", "备注"]);
  for (const p of people) {
    ws.addRow([
      p.id.slice(0, 12),
      p.name,
      p.gender,
      p.ethnicity,
      p.id_number,
      p.education,
      p.political_status,
      p.source,
      "备注",
    ]);
  }
  bases.xlsx = Buffer.from(await wb.xlsx.writeBuffer());
});

function workspace(): Workspace {
  const dir = tempDir("reserve-fuzz-");
  cpSync(template.dir, dir, { recursive: true });
  return { dir, root: join(dir, "data"), roster: join(dir, "roster.csv") };
}

/** Imports `files` (name → bytes) into a fresh copy of the small library and checks the invariants. */
async function importChecked(files: Record<string, Uint8Array>, extra: readonly string[] = []): Promise<number> {
  const w = workspace();
  for (const [name, bytes] of Object.entries(files)) writeFileSync(join(w.dir, name), bytes);
  const r = await inProcess(["import", ...Object.keys(files), ...extra], w.dir);
  assertNoBug(r);
  expect([0, 1, 3], r.stderr).toContain(r.code);
  expect(r.ms).toBeLessThan(TIME_BOUND_MS);
  if (r.code !== 0) expect(content(w.root)).toEqual(before);
  expect(leftovers(w.root)).toEqual([]);
  return r.code;
}

// ---------------------------------------------------------------------------------------------
// Mutations.

const TOKENS = [
  '"',
  '""',
  ",",
  "\r\n",
  "\n",
  "\r",
  "\t",
  "\0",
  "\ufeff",
  "\ufffd",
  "\u200b",
  "=",
  "'",
  ";",
  "身份证号",
  "姓名",
  "村",
  "__proto__",
  "constructor",
  "prototype",
  "&a ",
  "*a",
  "*a\n",
  "<<: *a\n",
  "!!js/function ",
  "!!binary ",
  "!tag ",
  "---\n",
  "...\n",
  "%YAML 1.1\n",
  "? ",
  "- ",
  ": ",
  "{",
  "}",
  "[",
  "]",
  "|",
  ">-\n",
  "#",
  "  ",
  "640502199001010113",
  "1e308",
  "0x1F",
  "44256",
  "2021/3/1",
  "null",
];

type Mutation =
  | { kind: "flip"; at: number; byte: number }
  | { kind: "insert"; at: number; bytes: Uint8Array }
  | { kind: "token"; at: number; token: string; times: number }
  | { kind: "delete"; at: number; length: number }
  | { kind: "duplicate"; at: number; length: number }
  | { kind: "truncate"; at: number };

const position = fc.double({ min: 0, max: 1, noNaN: true });
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant("flip" as const), at: position, byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant("insert" as const), at: position, bytes: fc.uint8Array({ maxLength: 16 }) }),
  fc.record({
    kind: fc.constant("token" as const),
    at: position,
    token: fc.constantFrom(...TOKENS),
    times: fc.oneof(fc.constant(1), fc.integer({ min: 1, max: 300 })),
  }),
  fc.record({ kind: fc.constant("delete" as const), at: position, length: fc.integer({ min: 1, max: 64 }) }),
  fc.record({ kind: fc.constant("duplicate" as const), at: position, length: fc.integer({ min: 1, max: 400 }) }),
  fc.record({ kind: fc.constant("truncate" as const), at: position }),
);

function mutate(base: Buffer, ms: readonly Mutation[]): Buffer {
  let b = base;
  for (const m of ms) {
    const at = Math.floor(m.at * b.length);
    switch (m.kind) {
      case "flip":
        b = Buffer.from(b);
        if (b.length > 0) b[Math.min(at, b.length - 1)] = m.byte;
        break;
      case "insert":
        b = Buffer.concat([b.subarray(0, at), m.bytes, b.subarray(at)]);
        break;
      case "token":
        b = Buffer.concat([b.subarray(0, at), Buffer.from(m.token.repeat(m.times)), b.subarray(at)]);
        break;
      case "delete":
        b = Buffer.concat([b.subarray(0, at), b.subarray(at + m.length)]);
        break;
      case "duplicate":
        b = Buffer.concat([b.subarray(0, at + m.length), b.subarray(at)]);
        break;
      case "truncate":
        b = b.subarray(0, at);
        break;
    }
  }
  return b;
}

const mutations = fc.array(mutation, { minLength: 1, maxLength: 4 });

// ---------------------------------------------------------------------------------------------

describe("the importer never crashes and never changes the library when it rejects a file", () => {
  it("the untouched bases import cleanly", async () => {
    for (const [ext, bytes] of Object.entries(bases)) expect(await importChecked({ [`名册.${ext}`]: bytes })).toBe(0);
  });

  it("random bytes, under any name", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 2048 }),
        fc.constantFrom("csv", "yaml", "xlsx", "txt"),
        async (bytes, ext) => {
          await importChecked({ [`名册.${ext}`]: bytes });
        },
      ),
      { numRuns: rounds(60) },
    );
  });

  it.each(["csv", "yaml", "xlsx"])(
    "random mutations of a valid %s roster",
    async (ext) => {
      await fc.assert(
        fc.asyncProperty(mutations, async (ms) => {
          await importChecked({ [`名册.${ext}`]: mutate(bases[ext]!, ms) });
        }),
        { numRuns: rounds(ext === "xlsx" ? 40 : 100) },
      );
    },
    120_000,
  );

  it.each(["csv", "yaml", "xlsx"])(
    "every truncation of a valid %s roster",
    async (ext) => {
      const base = bases[ext]!;
      const step = Math.max(1, Math.floor(base.length / rounds(40)));
      for (let at = 0; at < base.length; at += step) await importChecked({ [`名册.${ext}`]: base.subarray(0, at) });
    },
    120_000,
  );

  it("mutated parts inside a well-formed workbook", async () => {
    const parts = workbookParts();
    const names = Object.keys(parts);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...names), mutations, async (name, ms) => {
        const entries = names.map((n) => ({
          name: n,
          data: n === name ? mutate(Buffer.from(parts[n]!), ms) : Buffer.from(parts[n]!),
        }));
        await importChecked({ "名册.xlsx": zip(entries) });
      }),
      { numRuns: rounds(60) },
    );
  });

  it("several broken files in one run: each is reported, none stops the others", async () => {
    const files: Record<string, Uint8Array> = {};
    fc.sample(mutations, { numRuns: 6, seed: 8 }).forEach((ms, i) => {
      const ext = ["csv", "yaml", "xlsx"][i % 3]!;
      files[`名册${i}.${ext}`] = mutate(bases[ext]!, ms);
    });
    await importChecked(files);
  });
});

describe("library files", () => {
  it("a mutated village file or register is reported, never a crash, and nothing is written", async () => {
    const book = readFileSync(join(template.root, "villages", `${V1}.yaml`));
    const district = readFileSync(join(template.root, "district.yaml"));
    await fc.assert(
      fc.asyncProperty(fc.boolean(), mutations, async (isBook, ms) => {
        const w = workspace();
        const file = isBook ? join(w.root, "villages", `${V1}.yaml`) : join(w.root, "district.yaml");
        writeFileSync(file, mutate(isBook ? book : district, ms));
        let state = content(w.root);
        for (const args of [
          ["audit", "--date", "2021-12-31"],
          ["import", "roster.csv"],
          ["show", "towns"],
        ]) {
          const r = await inProcess(args, w.dir);
          assertNoBug(r);
          expect([0, 1, 2, 3], `${args[0]}: ${r.stderr}`).toContain(r.code);
          expect(r.ms).toBeLessThan(TIME_BOUND_MS);
          // Only a successful import writes.
          if (args[0] === "import" && r.code === 0) state = content(w.root);
          expect(content(w.root)).toEqual(state);
        }
      }),
      { numRuns: rounds(40) },
    );
  });
});

describe("keys named __proto__, constructor or prototype", () => {
  const KEYS = ["__proto__", "constructor", "prototype", "toString", "hasOwnProperty", "valueOf"];
  const row = (p: ReturnType<typeof person>) =>
    `姓名: "${p.name}"\n    性别: ${p.gender}\n    民族: ${p.ethnicity}\n    身份证号: "${p.id_number}"\n    学历: ${p.education}\n    政治面貌: ${p.political_status}\n    来源: ${p.source}`;

  it("never reach Object.prototype, from rosters or library files", async () => {
    const baseline = Object.getOwnPropertyNames(Object.prototype).sort();
    const p = person(V1, 40);
    const inputs: Record<string, string>[] = [];
    for (const k of KEYS) {
      inputs.push({
        "h.csv": `${rosterFor([p])
          .replace("姓名", `${k},姓名`)
          .replace(/\r\n(?=.)/, `\r\n{"polluted":1},`)}`,
      });
      inputs.push({ "h.csv": rosterFor([p]).replace("联系电话", k) });
      inputs.push({ "r.yaml": `- ${row(p)}\n    村代码: "${V1}"\n    ${k}: {polluted: 1}\n` });
      inputs.push({ "r.yaml": `${k}:\n  polluted: 1\n村代码: "${V1}"\nreserves:\n  - ${row(p)}\n` });
      inputs.push({ "r.yaml": `村代码: "${V1}"\nreserves:\n  - ${row(p)}\n    ${k}:\n      ${k}: {polluted: 1}\n` });
      inputs.push({ "r.yaml": `- &x {polluted: 1}\n- ${k}: *x\n  ${row(p).replace(/\n {4}/g, "\n  ")}\n` });
    }
    for (const files of inputs) {
      const w = workspace();
      for (const [name, text] of Object.entries(files)) writeFileSync(join(w.dir, name), text);
      const r = await inProcess(["import", ...Object.keys(files)], w.dir);
      assertNoBug(r);
    }
    // Library files: the register, a village file and a training year.
    for (const k of KEYS) {
      const w = workspace();
      const edit = (rel: string, f: (t: string) => string) =>
        writeFileSync(join(w.root, rel), f(readFileSync(join(w.root, rel), "utf8")));
      edit(
        `villages/${V1}.yaml`,
        (t) => `${k}: {polluted: 1}\n${t.replace(/^ {4}name:/m, `    ${k}: {polluted: 1}\n    name:`)}`,
      );
      edit("district.yaml", (t) => t.replace(/^policy:\n/m, `policy:\n  ${k}:\n    polluted: 1\n`));
      edit("trainings/2021.yaml", (t) => `${k}: [1]\n${t}`);
      for (const args of [["audit"], ["import", "roster.csv"], ["report", "--out", "../r"]]) {
        assertNoBug(await inProcess(args, w.dir));
      }
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(baseline);
    expect(Object.prototype.toString.call([])).toBe("[object Array]");
  }, 120_000);
});

/** The parts of a minimal workbook, as text, for mutating inside a zip that opens. */
function workbookParts(): Record<string, string> {
  const head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
  const main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
  const rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  const p = person(V1, 50);
  const values = [V1, p.name, p.gender, p.ethnicity, p.id_number, p.education, p.political_status, p.source];
  const header = ["村代码", "姓名", "性别", "民族", "身份证号", "学历", "政治面貌", "来源"];
  const strings = [...header, ...values];
  const cells = (row: number, from: number) =>
    header.map((_, i) => `<c r="${String.fromCharCode(65 + i)}${row}" t="s"><v>${from + i}</v></c>`).join("");
  return {
    "[Content_Types].xml": `${head}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`,
    "_rels/.rels": `${head}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    "xl/workbook.xml": `${head}<workbook xmlns="${main}" xmlns:r="${rel}"><sheets><sheet name="名册" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    "xl/_rels/workbook.xml.rels": `${head}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${rel}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
    "xl/sharedStrings.xml": `${head}<sst xmlns="${main}" count="${strings.length}" uniqueCount="${strings.length}">${strings.map((s) => `<si><t>${s}</t></si>`).join("")}</sst>`,
    "xl/worksheets/sheet1.xml": `${head}<worksheet xmlns="${main}"><dimension ref="A1:H2"/><sheetData><row r="1">${cells(1, 0)}</row><row r="2">${cells(2, header.length)}</row></sheetData></worksheet>`,
  };
}

/**
 * A shard (src/io/library-cache.ts: a prefix, a front and a body, each section its JSON and its
 * words) with one part mutated, and its lengths and checksums made to match: only the decoding
 * of what is inside can then reject it.
 */
function forge(bytes: Buffer, where: string, ms: Parameters<typeof mutate>[1]): Buffer {
  const PREFIX = 24;
  const frontBytes = bytes.readUInt32LE(16);
  const bodyBytes = bytes.readUInt32LE(20);
  const align = (n: number) => (n + 3) & ~3;
  const sections = [
    bytes.subarray(PREFIX, PREFIX + frontBytes),
    bytes.subarray(PREFIX + frontBytes, PREFIX + frontBytes + bodyBytes),
  ];
  const rebuilt = sections.map((sec, i) => {
    const jsonBytes = sec.readUInt32LE(0);
    const wordCount = sec.readUInt32LE(4);
    let json = sec.subarray(8, 8 + jsonBytes);
    let words = sec.subarray(8 + align(jsonBytes), 8 + align(jsonBytes) + wordCount * 4);
    const name = i === 0 ? "front" : "body";
    if (where === `${name} json`) json = mutate(json, ms);
    if (where === `${name} words`) {
      const m = mutate(words, ms);
      words = m.subarray(0, m.length - (m.length % 4));
    }
    const out = Buffer.alloc(8 + align(json.length) + words.length + 4);
    out.writeUInt32LE(json.length, 0);
    out.writeUInt32LE(words.length / 4, 4);
    Buffer.from(json).copy(out, 8);
    Buffer.from(words).copy(out, 8 + align(json.length));
    return out;
  });
  const prefix = Buffer.from(bytes.subarray(0, PREFIX));
  prefix.writeUInt32LE(rebuilt[0]!.length, 16);
  prefix.writeUInt32LE(rebuilt[1]!.length, 20);
  const [front, body] = rebuilt as [Buffer, Buffer];
  front.writeUInt32LE(crc32(front.subarray(0, front.length - 4), crc32(prefix)), front.length - 4);
  body.writeUInt32LE(crc32(body.subarray(0, body.length - 4)), body.length - 4);
  return Buffer.concat([prefix, front, body]);
}

describe("the library cache (.reserve/cache/)", () => {
  /** A copy of the small library that a reader has cached, with what audit says about it. */
  async function cached() {
    const w = workspace();
    const first = await inProcess(["audit", "--date", "2021-12-31"], w.dir);
    const dir = join(w.root, ".reserve", "cache");
    const shards = existsSync(dir) ? readdirSync(dir).filter((n) => n.endsWith(".bin")) : [];
    return { w, first, dir, shards };
  }

  it("a damaged shard is never trusted: the library reads exactly as without it", async () => {
    const { shards } = await cached();
    expect(shards.length).toBeGreaterThan(0);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...shards), mutations, async (shard, ms) => {
        const { w, first, dir } = await cached();
        writeFileSync(join(dir, shard), mutate(readFileSync(join(dir, shard)), ms));
        const again = await inProcess(["audit", "--date", "2021-12-31"], w.dir);
        assertNoBug(again);
        expect(again.code).toBe(first.code);
        expect(again.stdout + again.stderr).toBe(first.stdout + first.stderr);
      }),
      { numRuns: rounds(30) },
    );
  });

  it("a shard whose checksums were made to match its damage never crashes a command", async () => {
    const { shards } = await cached();
    expect(shards).toContain("towns.bin");
    // Made to match, an undamaged shard is the shard itself: the damage reaches what decodes it.
    const { dir: first } = await cached();
    for (const shard of shards) {
      const bytes = readFileSync(join(first, shard));
      expect(forge(bytes, "", []).equals(bytes), shard).toBe(true);
    }
    const part = fc.constantFrom("front json", "front words", "body json", "body words");
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...shards), part, mutations, async (shard, where, ms) => {
        const { w, dir } = await cached();
        writeFileSync(join(dir, shard), forge(readFileSync(join(dir, shard)), where, ms));
        for (const args of [
          ["audit", "--date", "2021-12-31"],
          ["show", "towns"],
          ["import", "roster.csv"],
        ]) {
          const r = await inProcess(args, w.dir);
          assertNoBug(r);
          expect([0, 1, 2, 3]).toContain(r.code);
        }
      }),
      { numRuns: rounds(30) },
    );
  });
});

describe("memory", () => {
  it("mutated files of every format, through the CLI with a small heap, never make it run out of memory", () => {
    const w = workspace();
    const names: string[] = [];
    fc.sample(fc.tuple(fc.constantFrom("csv", "yaml", "xlsx"), mutations), { numRuns: rounds(24), seed: 42 }).forEach(
      ([ext, ms], i) => {
        const name = `m${i}.${ext}`;
        writeFileSync(join(w.dir, name), mutate(bases[ext]!, ms));
        names.push(name);
      },
    );
    for (let i = 0; i < names.length; i += 8) {
      const r = spawnSync(
        process.execPath,
        ["--max-old-space-size=256", builtFile("cli.js"), "import", ...names.slice(i, i + 8)],
        { cwd: w.dir, encoding: "utf8", env: { PATH: process.env.PATH ?? "", NO_COLOR: "1", RESERVE_NOW: NOW } },
      );
      expect(r.signal, r.stderr).toBe(null);
      expect([0, 1]).toContain(r.status);
      noteCliRun(["import", ...names.slice(i, i + 8)], r);
      assertNoBug({ code: r.status, stdout: r.stdout, stderr: r.stderr });
    }
  }, 120_000);
});
