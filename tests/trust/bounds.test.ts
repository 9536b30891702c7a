import { spawnSync } from "node:child_process";
import { closeSync, openSync, writeFileSync, writeSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { importRosters } from "../../src/commands/import.js";
import { zip } from "../../src/io/zip.js";
import { builtFile } from "../helpers/cli.js";
import { person } from "../helpers/library.js";
import { rosterFor, smallImport, V1 } from "./fixtures.js";
import { content, NOW, TODAY } from "./helpers.js";

/**
 * Resource bounds (docs/reliability.md "Limits"): every documented limit is checked before the work
 * it bounds — file sizes before reading, YAML depth and aliases before parsing, a workbook's cells
 * before it is unpacked, rows as they are read, before anything is merged or written — and hostile
 * files are refused quickly in bounded memory. The CLI runs with its heap capped, so a file that
 * made it balloon would abort the process instead of passing.
 */

/** The heap the CLI gets in these tests: a small office PC's worth. */
const HEAP_MB = 512;

function hostileRun(files: Record<string, string | Buffer | number>, cwd?: string) {
  const w = smallImport();
  const dir = cwd ?? w.dir;
  for (const [name, data] of Object.entries(files)) {
    const file = join(dir, name);
    if (typeof data === "number") {
      // A sparse file of that size: nothing is written, reading it would take the time.
      const fd = openSync(file, "w");
      writeSync(fd, name.endsWith(".xlsx") ? "PK\u0003\u0004" : "姓名\n", 0);
      closeSync(fd);
      spawnSync("truncate", ["-s", String(data), file]);
    } else writeFileSync(file, data);
  }
  const before = content(w.root);
  const started = Date.now();
  const r = spawnSync(
    process.execPath,
    [`--max-old-space-size=${HEAP_MB}`, builtFile("cli.js"), "import", ...Object.keys(files), "--data", w.root],
    {
      cwd: dir,
      encoding: "utf8",
      env: { PATH: process.env.PATH ?? "", NO_COLOR: "1", RESERVE_NOW: NOW, RESERVE_LANG: "en" },
      timeout: 60_000,
    },
  );
  const ms = Date.now() - started;
  expect(r.signal, r.stderr).toBe(null);
  expect(r.status, r.stderr).toBe(1);
  expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
  expect(content(w.root)).toEqual(before);
  return { stderr: r.stderr, ms };
}

const codes = (stderr: string) =>
  [...stderr.matchAll(/^(\S+):\d+:\d+(?: \[[^\]]*\])? error ([a-z0-9-]+)/gm)].map((m) => [m[1], m[2]]);

// ---------------------------------------------------------------------------------------------

/** The "billion laughs": nine aliases of nine aliases of … — 9^9 strings from a few hundred bytes. */
function laughs(levels = 9): string {
  const lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < levels; i++)
    lines.push(
      `a${i}: &a${i} [${Array(9)
        .fill(`*a${i - 1}`)
        .join(",")}]`,
    );
  return `${lines.join("\n")}\nreserves: []\n`;
}

const deepBlock = (n: number) => Array.from({ length: n }, (_, i) => `${" ".repeat(i)}a:`).join("\n") + " x\n";
const deepFlow = (n: number) => `reserves: ${"[".repeat(n)}${"]".repeat(n)}\n`;
const deepSeq = (n: number) => `${"- ".repeat(n)}x\n`;

describe("YAML bombs", () => {
  it("a billion-laughs alias bomb is refused at once, saying what is wrong", () => {
    const { stderr, ms } = hostileRun({ "bomb.yaml": laughs() });
    expect(codes(stderr)).toEqual([["bomb.yaml", "yaml-alias"]]);
    expect(stderr).toMatch(/aliases expand to too much data/);
    expect(ms).toBeLessThan(15_000);
  });

  it("an alias to an anchor that is not defined is named as such, not as too many aliases", () => {
    const { stderr } = hostileRun({ "r.yaml": `- 姓名: *nobody\n  村: 沙坡村\n` });
    expect(codes(stderr)).toEqual([["r.yaml", "yaml-alias"]]);
    expect(stderr).toMatch(/r\.yaml:1:\d+ error yaml-alias the alias \*nobody refers to no anchor/);
  });

  it.each([
    ["block", deepBlock(6000)],
    ["flow", deepFlow(6000)],
    ["sequence", deepSeq(6000)],
  ])("6,000 levels of %s nesting are refused before parsing", (_kind, text) => {
    const { stderr, ms } = hostileRun({ "deep.yaml": text });
    expect(codes(stderr)).toEqual([["deep.yaml", "yaml-too-deep"]]);
    expect(ms).toBeLessThan(15_000);
  });

  it("the same bombs in a library file are refused the same way", () => {
    const w = smallImport();
    writeFileSync(join(w.root, "villages", `${V1}.yaml`), `village: "${V1}"\n${laughs()}`);
    writeFileSync(join(w.root, "villages", "640502100202.yaml"), deepFlow(6000));
    const r = spawnSync(process.execPath, [`--max-old-space-size=${HEAP_MB}`, builtFile("cli.js"), "audit"], {
      cwd: w.dir,
      encoding: "utf8",
      env: { PATH: process.env.PATH ?? "", NO_COLOR: "1", RESERVE_NOW: NOW, RESERVE_LANG: "en" },
      timeout: 60_000,
    });
    expect(r.signal).toBe(null);
    expect(r.status).toBe(1);
    expect(r.stdout + r.stderr).toMatch(/640502100201\.yaml:1:1 error yaml-alias/);
    expect(r.stdout + r.stderr).toMatch(/640502100202\.yaml:1:\d+ error yaml-too-deep/);
  });
});

// ---------------------------------------------------------------------------------------------

const HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/** A workbook with one sheet: the given sheet data and anything after it. */
function workbook(sheetData: string, after = ""): Buffer {
  const parts: Record<string, string> = {
    "[Content_Types].xml": `${HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
    "_rels/.rels": `${HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    "xl/workbook.xml": `${HEAD}<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="名册" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    "xl/_rels/workbook.xml.rels": `${HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
    "xl/worksheets/sheet1.xml": `${HEAD}<worksheet xmlns="${MAIN}"><sheetData>${sheetData}</sheetData>${after}</worksheet>`,
  };
  return zip(Object.entries(parts).map(([name, d]) => ({ name, data: Buffer.from(d) })));
}

const HEADER_ROW = `<row r="1">${["村代码", "姓名", "性别", "民族", "身份证号", "学历", "政治面貌", "来源"]
  .map((h, i) => `<c r="${String.fromCharCode(65 + i)}1" t="inlineStr"><is><t>${h}</t></is></c>`)
  .join("")}</row>`;

/** Patches the sizes a zip declares for its entries, as a zip bomb would. */
function lyingSizes(z: Buffer, size: number): Buffer {
  const out = Buffer.from(z);
  for (let i = 0; i + 4 <= out.length; i++) {
    if (out.readUInt32LE(i) === 0x02014b50) out.writeUInt32LE(size, i + 24);
    else if (out.readUInt32LE(i) === 0x04034b50) out.writeUInt32LE(size, i + 22);
  }
  return out;
}

describe("hostile workbooks", () => {
  it("a zip whose directory lies about the unpacked sizes is refused without unpacking it", () => {
    const rows = Array.from({ length: 20_000 }, (_, r) => `<row r="${r + 2}"><c r="A${r + 2}"><v>1</v></c></row>`);
    const { stderr, ms } = hostileRun({ "lie.xlsx": lyingSizes(workbook(HEADER_ROW + rows.join("")), 100) });
    expect(codes(stderr)).toEqual([["lie.xlsx", "file-format"]]);
    expect(ms).toBeLessThan(15_000);
  });

  it("a merged range or a data validation over a whole sheet is not expanded cell by cell", () => {
    const { stderr, ms } = hostileRun({
      "merge.xlsx": workbook(HEADER_ROW, '<mergeCells count="1"><mergeCell ref="A2:XFD1048576"/></mergeCells>'),
      "valid.xlsx": workbook(
        HEADER_ROW,
        '<dataValidations count="1"><dataValidation type="list" sqref="A2:XFD1048576"><formula1>"a,b"</formula1></dataValidation></dataValidations>',
      ),
    });
    expect(codes(stderr).filter(([, c]) => c === "table-too-large")).toEqual([["merge.xlsx", "table-too-large"]]);
    expect(stderr).not.toMatch(/valid\.xlsx:\d+:\d+ error table-too-large/);
    expect(ms).toBeLessThan(20_000);
  });

  it("more cells than the limit are refused before the workbook is unpacked", () => {
    // 40 MB of sheet XML, two million cells, under the byte limits.
    const row = (r: number) =>
      `<row r="${r}">${Array.from({ length: 20 }, (_, c) => `<c r="${String.fromCharCode(65 + c)}${r}"><v>1</v></c>`).join("")}</row>`;
    const rows = Array.from({ length: 100_000 }, (_, r) => row(r + 2));
    const { stderr, ms } = hostileRun({ "cells.xlsx": workbook(HEADER_ROW + rows.join("")) });
    expect(codes(stderr)).toEqual([["cells.xlsx", "table-too-large"]]);
    expect(ms).toBeLessThan(20_000);
  });
});

// ---------------------------------------------------------------------------------------------

describe("size and length limits, checked before reading", () => {
  it("files over the size limit of their kind are refused without being read", () => {
    const { stderr, ms } = hostileRun({
      "huge.csv": 2 * 1024 ** 3 + 1,
      "huge.yaml": 32 * 1024 ** 2 + 1,
      "huge.xlsx": 64 * 1024 ** 2 + 1,
    });
    expect(codes(stderr)).toEqual([
      ["huge.csv", "file-too-large"],
      ["huge.xlsx", "file-too-large"],
      ["huge.yaml", "file-too-large"],
    ]);
    expect(ms).toBeLessThan(10_000);
  });

  it("a library file over its limit is refused without being read", () => {
    const w = smallImport();
    const book = join(w.root, "villages", `${V1}.yaml`);
    spawnSync("truncate", ["-s", String(256 * 1024 ** 2 + 1), book]);
    const started = Date.now();
    const r = spawnSync(process.execPath, [`--max-old-space-size=${HEAP_MB}`, builtFile("cli.js"), "audit"], {
      cwd: w.dir,
      encoding: "utf8",
      env: { PATH: process.env.PATH ?? "", NO_COLOR: "1", RESERVE_NOW: NOW, RESERVE_LANG: "en" },
    });
    expect(r.status).toBe(1);
    expect(r.stdout + r.stderr).toMatch(/640502100201\.yaml:1:1 error file-too-large/);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it("a record longer than 256 KiB (an unmatched quote) stops the file, whatever follows", () => {
    const { stderr } = hostileRun({ "quote.csv": `${rosterFor([person(V1, 60)])}"${"x".repeat(8 << 20)}` });
    expect(codes(stderr)).toEqual([["quote.csv", "row-too-long"]]);
  });

  it("a value longer than its column allows is refused, and its message is cut short", () => {
    const roster = rosterFor([person(V1, 61, { name: "张".repeat(5000) })]);
    const { stderr } = hostileRun({ "long.csv": roster });
    expect(codes(stderr)).toEqual([["long.csv", "value-too-long"]]);
    expect(stderr.length).toBeLessThan(2000);
  });

  it("reading stops at the row limit, before anything is merged or written", async () => {
    const w = smallImport();
    const people = Array.from({ length: 30 }, (_, i) => person(V1, 70 + i));
    writeFileSync(join(w.dir, "many.csv"), rosterFor(people));
    const before = content(w.root);
    const result = await importRosters({
      root: w.root,
      cwd: w.dir,
      files: ["many.csv"],
      today: TODAY,
      waitMs: 0,
      limits: { maxRows: 10 },
    });
    expect(result.status).toBe("rejected");
    expect(result.diagnostics.map((d) => [d.location?.line, d.code])).toEqual([[11, "table-too-large"]]);
    expect(content(w.root)).toEqual(before);
  });
});

describe("several hostile files in one run", () => {
  it("are each refused, and the process never aborts", () => {
    const { stderr, ms } = hostileRun({
      "1-bomb.yaml": laughs(),
      "2-deep.yaml": deepFlow(6000),
      "3-deep.yaml": deepBlock(6000),
      "4-lie.xlsx": lyingSizes(workbook(HEADER_ROW), 1),
      "5-merge.xlsx": workbook(HEADER_ROW, '<mergeCells count="1"><mergeCell ref="A2:XFD1048576"/></mergeCells>'),
      "6-huge.csv": 2 * 1024 ** 3 + 1,
      "7-bytes.csv": Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)),
      "8-quote.csv": `姓名,"${"x".repeat(1 << 20)}`,
    });
    expect([...new Set(codes(stderr).map(([f]) => f))]).toEqual([
      "1-bomb.yaml",
      "2-deep.yaml",
      "3-deep.yaml",
      "4-lie.xlsx",
      "5-merge.xlsx",
      "6-huge.csv",
      "7-bytes.csv",
      "8-quote.csv",
    ]);
    expect(ms).toBeLessThan(30_000);
  });
});
