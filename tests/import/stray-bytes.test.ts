import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { rosterCsv, rosterRows } from "../../src/generator/index.js";
import { loadLibrary } from "../../src/io/load-library.js";
import { makeLibrary, person, snapshot, tempDir } from "../helpers/library.js";
import { importLibrary, runImport, tuples } from "./helpers.js";

/**
 * A NUL byte or bytes no encoding explains, in one cell of a long roster, are named at their line
 * and column like any other cell — not as a binary or undecodable file at 1:1 — while the rest of
 * the file is read and checked. Real binary files (old workbooks, archives, images) are still
 * refused as such, and a file in another encoding as a whole is named where it starts to be garbage.
 */

const V1 = "640502100201";
const ROWS = 2000;

/** A township's roll-up as Excel's "CSV UTF-8" writes it (BOM, CRLF): 2,000 reserves of 沙坡村. */
function roster(): Buffer {
  const people = Array.from({ length: ROWS }, (_, i) => person(V1, 100 + i));
  return Buffer.from(rosterCsv(rosterRows("滨河镇", "沙坡村", V1, people)), "utf8");
}

/** The roster with `bytes` put in place of the first occurrence of `text` on physical line `line`. */
function withBytes(file: Buffer, line: number, text: string, bytes: Buffer): Buffer {
  let start = 0;
  for (let l = 1; l < line; l++) start = file.indexOf(0x0a, start) + 1;
  const at = file.indexOf(Buffer.from(text, "utf8"), start);
  expect(at).toBeGreaterThan(start - 1);
  expect(at).toBeLessThan(file.indexOf(0x0a, start));
  return Buffer.concat([file.subarray(0, at), bytes, file.subarray(at + Buffer.byteLength(text))]);
}

/** The cell `column` (0-based) of physical line `line`, as written. */
function cellOf(file: Buffer, line: number, column: number): string {
  return file.toString("utf8").split("\r\n")[line - 1]!.split(",")[column]!;
}

async function importBytes(files: Record<string, Buffer | string>) {
  const work = tempDir("reserve-stray-");
  for (const [name, content] of Object.entries(files)) writeFileSync(join(work, name), content);
  const dir = importLibrary();
  const before = snapshot(dir);
  const result = await runImport(dir, Object.keys(files), { cwd: work, dryRun: false });
  expect(snapshot(dir)).toEqual(before);
  return result;
}

describe("a NUL byte in one cell of a 2,000-row roster", () => {
  it("is named at its line and column; every other row is read and checked", async () => {
    const clean = roster();
    const name = cellOf(clean, 1235, 3);
    let file = withBytes(
      clean,
      1235,
      name,
      Buffer.concat([Buffer.from(name.slice(0, 1)), Buffer.from([0]), Buffer.from(name.slice(1))]),
    );
    // A wrong term further down shows the rows after the NUL are still checked.
    file = withBytes(file, 1801, cellOf(clean, 1801, 8), Buffer.from("本科肄业"));
    const result = await importBytes({ "名册.csv": file });
    expect(result.status).toBe("rejected");
    expect(result.files[0]).toMatchObject({ format: "csv", encoding: "utf-8-bom", rows: ROWS });
    expect(tuples(result)).toEqual([
      [1235, "姓名", "invisible-character"],
      [1801, "学历", "bad-term"],
    ]);
    expect(result.diagnostics[0]!.args).toMatchObject({ char: "U+0000", position: 2 });
  });

  it("left by a crash as a run of NULs at the end, is named at the last line", async () => {
    const file = Buffer.concat([roster(), Buffer.alloc(4096)]);
    const result = await importBytes({ "名册.csv": file });
    // The NULs are a row of one cell: named first, then the cells it lacks; every finding is on that line.
    expect(tuples(result)[0]).toEqual([ROWS + 2, "乡镇", "invisible-character"]);
    expect(new Set(tuples(result).map((t) => t[0]))).toEqual(new Set([ROWS + 2]));
  });
});

describe("bytes that are neither UTF-8 nor GBK in one cell", () => {
  it("of a UTF-8 roster (a cell pasted from a GBK file) are named at their line and column", async () => {
    const clean = roster();
    const education = cellOf(clean, 1502, 8);
    const file = withBytes(clean, 1502, education, iconv.encode(education, "gbk"));
    const result = await importBytes({ "名册.csv": file });
    expect(result.files[0]).toMatchObject({ encoding: "utf-8-bom", rows: ROWS });
    expect(tuples(result)).toEqual([[1502, "学历", "invisible-character"]]);
    expect(result.diagnostics[0]!.args).toMatchObject({ char: "U+FFFD", position: 1 });
  });

  it("of a GBK roster (saved by WPS) are named at their line and column, the file read as GBK", async () => {
    const gbk = iconv.encode(roster().toString("utf8").slice(1), "gbk");
    const file = withBytesRaw(gbk, 731, iconv.encode("中共党员", "gbk"), Buffer.from([0xff, 0xfe, 0xff]));
    const result = await importBytes({ "名册.csv": file });
    expect(result.files[0]).toMatchObject({ encoding: "gb18030", rows: ROWS });
    expect(tuples(result)).toEqual([[731, "政治面貌", "invisible-character"]]);
  });

  it("on most lines (a file in another encoding) are named where the garbage starts; nothing after is read", async () => {
    // Names typed on a computer set to a Western code page: é is one byte, neither UTF-8 nor GBK.
    const lines = roster().toString("utf8").split("\r\n");
    const typed = lines.map((l, i) => (i >= 5 && l ? l.replace(/,测试/, ",José") : l)).join("\r\n");
    const utf8 = Buffer.from(typed, "utf8");
    const latin = Buffer.from(utf8.toString("hex").replaceAll("c3a9", "e9"), "hex");
    const result = await importBytes({ "名册.csv": latin });
    expect(tuples(result)).toEqual([[6, "姓名", "encoding-unknown"]]);
    expect(result.diagnostics[0]!.args).toMatchObject({ place: "file", more: ROWS - 5 });
  });

  it("of a YAML roster are named at their line and column, in their key", async () => {
    const yaml = Buffer.concat([
      Buffer.from(
        '- 乡镇: 滨河镇\n  村: 沙坡村\n  姓名: 张三\n  性别: 男\n  民族: 汉族\n  身份证号: "640502199001010113"\n  学历: ',
      ),
      iconv.encode("高中", "gbk"),
      Buffer.from("\n  政治面貌: 中共党员\n  来源: 村民小组长\n"),
    ]);
    const result = await importBytes({ "名册.yaml": yaml });
    expect(tuples(result)).toEqual([[7, "学历", "invisible-character"]]);
  });
});

/** `file` with the first `from` at or after physical line `line` replaced by `to`. */
function withBytesRaw(file: Buffer, line: number, from: Buffer, to: Buffer): Buffer {
  let start = 0;
  for (let l = 1; l < line; l++) start = file.indexOf(0x0a, start) + 1;
  const at = file.indexOf(from, start);
  expect(at).toBeLessThan(file.indexOf(0x0a, start));
  return Buffer.concat([file.subarray(0, at), to, file.subarray(at + from.length)]);
}

describe("binary files", () => {
  it.each([
    ["an image renamed .csv (PNG header)", Buffer.from("89504e470d0a1a0a0000000d49484452000001f4", "hex")],
    ["a gzip archive", Buffer.from("1f8b0808a3b1c25f0003", "hex")],
    ["a NUL in the first 32 bytes", Buffer.from("乡镇,\0村,姓名\r\n", "utf8")],
    // Past a text header, binary data (here one NUL in 100 bytes) is still binary.
    [
      "binary data after a text header",
      Buffer.concat([
        Buffer.from("乡镇,村,姓名,性别,民族,身份证号,联系电话\r\n"),
        Buffer.from(Array.from({ length: 8000 }, (_, i) => (i % 100 === 0 ? 0 : 0x41 + (i % 26)))),
      ]),
    ],
  ])("%s is refused as binary, as before", async (_what, bytes) => {
    const result = await importBytes({ "名册.csv": bytes });
    expect(tuples(result)).toEqual([[1, "#1", "file-format"]]);
    expect(result.diagnostics[0]!.args.kind).toBe("binary");
  });
});

describe("library files", () => {
  function book(edit: (text: Buffer) => Buffer) {
    const dir = makeLibrary({ books: { [V1]: [person(V1, 1), person(V1, 2), person(V1, 3)] } });
    const file = join(dir, "villages", `${V1}.yaml`);
    writeFileSync(file, edit(readFileSync(file)));
    return loadLibrary(dir, { today: "2021-12-31", cwd: dir }).diagnostics.filter((d) => d.code === "file-encoding");
  }
  const at = (text: Buffer, needle: string, n = 1) => {
    let i = -1;
    for (let k = 0; k < n; k++) i = text.indexOf(needle, i + 1);
    return i + Buffer.byteLength(needle);
  };
  const place = (ds: ReturnType<typeof book>) =>
    ds.map((d) => [d.location?.file, d.location?.line, d.location?.column, d.args.reason, d.args.more]);

  it("name a NUL at its line and column, and how many more lines hold one", () => {
    const ds = book((t) => {
      const a = at(t, "\n    name: ", 1);
      const b = at(t, "\n    name: ", 2);
      return Buffer.concat([t.subarray(0, a), Buffer.from([0]), t.subarray(a, b), Buffer.from([0]), t.subarray(b)]);
    });
    expect(place(ds)).toEqual([[`villages/${V1}.yaml`, 5, 11, "nul", 1]]);
  });

  it("name bytes that are not UTF-8 at their line and column (a name edited in a GBK editor)", () => {
    let line = 0;
    const ds = book((t) => {
      const a = at(t, "\n    name: ", 2);
      line = t.subarray(0, a).toString("utf8").split("\n").length;
      return Buffer.concat([t.subarray(0, a), iconv.encode("王五", "gbk"), t.subarray(t.indexOf("\n", a))]);
    });
    expect(line).toBeGreaterThan(5);
    expect(place(ds)).toEqual([[`villages/${V1}.yaml`, line, 11, "utf-8", 0]]);
  });
});
