import { writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { libraryFiles } from "../../src/commands/import.js";
import { FirstSeen } from "../../src/commands/import-seen.js";
import { ROSTER_CATALOGUE } from "../../src/domain/import-columns.js";
import {
  normalizeCodeInput,
  normalizeIdInput,
  normalizeName,
  normalizePhoneInput,
  normalizeWrittenCode,
  normalizeWrittenId,
  normalizeWrittenPhone,
  parseDateInput,
  parseWrittenDate,
  splitList,
  splitWrittenList,
} from "../../src/domain/normalize-input.js";
import { nameProblem } from "../../src/domain/person-name.js";
import { DEFAULT_POLICY } from "../../src/domain/policy-defaults.js";
import { checkCharacter } from "../../src/domain/resident-id.js";
import { vocabulariesOf } from "../../src/domain/vocabulary-set.js";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.js";
import { isInvisibleCode } from "../../src/diagnostics/display.js";
import { displayPath } from "../../src/io/layout.js";
import { isPlainHanName, RosterRowChecker } from "../../src/schema/roster-row.js";
import { resolveHeader } from "../../src/schema/table-header.js";
import { makeLibrary, tempDir } from "../helpers/library.js";
import { importDistrict, runImport, TODAY, tuples, V1 } from "./helpers.js";

/**
 * The import's fast paths (docs/performance.md "Country import"): each answers the common,
 * already-clean value with one test, and must give exactly what the general path gives — on the
 * dirty values officials type most of all.
 */

const FULL_WIDTH_DIGITS = [..."０１２３４５６７８９"];
const DIGITS = [..."0123456789"];

/** Strings of `units`, mostly of about the length the column's values have. */
const written = (units: readonly string[], maxLength = 22) =>
  fc.array(fc.constantFrom(...units), { maxLength }).map((a) => a.join(""));

describe("fast paths of the row checks agree with the general paths", () => {
  it("ID numbers: clean ones as they are; full-width digits, spaces, x, guards and Excel's E+17 as before", () => {
    const clean = fc
      .tuple(
        fc.array(fc.constantFrom(...DIGITS), { minLength: 17, maxLength: 17 }),
        fc.constantFrom(...DIGITS, "X", "x"),
      )
      .map(([d, last]) => d.join("") + last);
    const dirty = written([
      ...DIGITS,
      ...FULL_WIDTH_DIGITS,
      "X",
      "x",
      "ｘ",
      "Ｘ",
      " ",
      "\u3000",
      "'",
      "＇",
      "=",
      '"',
      "\t",
      ".",
      "E",
      "+",
      "-",
    ]);
    fc.assert(
      fc.property(fc.oneof(clean, dirty), (s) => {
        expect(normalizeIdInput(s)).toBe(normalizeWrittenId(s));
      }),
      { numRuns: 2000 },
    );
    for (const s of [
      "6.40502E+17",
      "640502199001010113 ",
      "64050219900101011x",
      "６４０５０２１９９００１０１０１１３",
    ]) {
      expect(normalizeIdInput(s)).toBe(normalizeWrittenId(s));
    }
  });

  it("phones: an 11-digit mobile as it is; spaces, dashes, +86, brackets and full-width digits as before", () => {
    const mobile = fc.array(fc.constantFrom(...DIGITS), { minLength: 10, maxLength: 10 }).map((d) => `1${d.join("")}`);
    const dirty = written([...DIGITS, ...FULL_WIDTH_DIGITS, "1", "0", " ", "-", "+", "8", "6", "(", ")", "'", "="], 18);
    fc.assert(
      fc.property(fc.oneof(mobile, dirty), (s) => {
        expect(normalizePhoneInput(s)).toBe(normalizeWrittenPhone(s));
      }),
      { numRuns: 2000 },
    );
  });

  it("division codes: ASCII digits as they are; full-width digits, spaces and guards as before", () => {
    fc.assert(
      fc.property(written([...DIGITS, ...FULL_WIDTH_DIGITS, " ", "'", "=", '"', "\t"], 14), (s) => {
        expect(normalizeCodeInput(s)).toBe(normalizeWrittenCode(s));
      }),
      { numRuns: 1000 },
    );
  });

  it("dates: YYYY-MM-DD read from its codes; every other way officials write a date as before", () => {
    const part = (max: number, pad: number) => fc.integer({ min: 0, max }).map((n) => String(n).padStart(pad, "0"));
    const widen = (s: string, wide: boolean) =>
      wide ? s.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0)) : s;
    const shaped = fc
      .tuple(
        part(9999, 4),
        fc.oneof(part(13, 2), part(13, 1), part(99, 1)),
        fc.oneof(part(32, 2), part(32, 1), part(99, 1)),
        fc.constantFrom("-", "/", ".", "年"),
        fc.constantFrom("", " 0:00", " 12:30:05", "T08:00", "日", "号"),
        fc.boolean(),
        fc.constantFrom("", " ", "\u3000"),
      )
      .map(([y, m, d, sep, tail, wide, pad]) => {
        const body =
          sep === "年" ? `${y}年${m}月${d}${tail === "号" ? "号" : "日"}` : `${y}${sep}${m}${sep}${d}${tail}`;
        return pad + widen(body, wide) + pad;
      });
    const serial = fc.oneof(
      fc.integer({ min: 0, max: 99999 }).map(String),
      fc.double({ min: 1, max: 99999, noNaN: true }).map((n) => n.toFixed(3)),
    );
    const noise = written([...DIGITS, "-", "/", ".", " ", "年", "月", "日", ":", "T"], 14);
    fc.assert(
      fc.property(fc.oneof(shaped, serial, noise), (s) => {
        expect(parseDateInput(s)).toEqual(parseWrittenDate(s));
      }),
      { numRuns: 3000 },
    );
    for (const s of ["2021-02-29", "2020-02-29", "0000-01-01", "2021-13-01", "2021-00-10", "2021-01-00"]) {
      expect(parseDateInput(s)).toEqual(parseWrittenDate(s));
    }
  });

  it("lists: one value without a pattern; several, with every separator and spaces, as before", () => {
    fc.assert(
      fc.property(
        written(["种植", "养殖", "a", " ", "\u3000", "、", "，", ",", "；", ";", "/", "／", "\n"], 8),
        (s) => {
          expect(splitList(s)).toEqual(splitWrittenList(s));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("names: a name of Chinese characters needs neither normalising nor a finding", () => {
    for (let c = 0x4e00; c <= 0x9fef; c++) {
      const name = String.fromCharCode(c) + "三";
      expect(isPlainHanName(name)).toBe(true);
      expect(normalizeName(name)).toBe(name);
      expect(nameProblem(name)).toBeUndefined();
    }
    const units = ["张", "三", "阿", "依", "·", "•", ".", " ", "\u3000", "A", "=", "1", "𠮷", "㐀", "\u200b", '"'];
    fc.assert(
      fc.property(written(units, 6), (s) => {
        if (isPlainHanName(s)) {
          expect(normalizeName(s)).toBe(s);
          expect(nameProblem(s)).toBeUndefined();
        }
        expect(isPlainHanName(s)).toBe(s !== "" && /^[\u4e00-\u9fef]+$/.test(s));
      }),
      { numRuns: 1000 },
    );
  });

  it("the invisible-character check passes the CJK block by its range: nothing in it is invisible", () => {
    for (let c = 0x4e00; c <= 0x9fff; c++) expect(isInvisibleCode(c)).toBe(false);
  });
});

describe("the first-seen table of ID numbers", () => {
  it("answers as a Map would, for valid, dirty and repeated numbers, also while it grows", () => {
    const id = fc.oneof(
      fc.integer({ min: 0, max: 40 }).map((n) => {
        const first17 = `6405021990${String(n).padStart(7, "0")}`;
        return first17 + checkCharacter(first17);
      }),
      // The same 17 digits with another last character is another number.
      fc.integer({ min: 0, max: 40 }).map((n) => `6405021990${String(n).padStart(7, "0")}${n % 2 ? "X" : "0"}`),
      written([...DIGITS, "X", "x", " "], 19),
    );
    fc.assert(
      fc.property(fc.array(id, { maxLength: 300 }), fc.integer({ min: 1, max: 64 }), (ids, capacity) => {
        const table = new FirstSeen(capacity);
        const reference = new Map<string, number>();
        ids.forEach((s, i) => {
          // As the import keeps them: file index × 2^32 + line.
          const value = (i % 3) * 2 ** 32 + i * 40_000_003;
          const expected = reference.get(s);
          if (expected === undefined) reference.set(s, value);
          expect(table.firstOrAdd(s, value)).toBe(expected);
        });
      }),
      { numRuns: 300 },
    );
  });
});

describe("the mentors' posts read once per file", () => {
  const header = resolveHeader(
    { line: 1, cells: ["姓名", "性别", "民族", "身份证号", "学历", "政治面貌", "来源", "帮带人", "帮带人职务"] },
    ROSTER_CATALOGUE,
    "t.csv",
  ).header;
  const ctx = {
    file: "t.csv",
    fileIndex: 0,
    format: "csv" as const,
    today: TODAY,
    header,
    vocabularies: vocabulariesOf(DEFAULT_POLICY),
  };
  const row = (line: number, mentors: string, posts: string) => ({
    line,
    cells: ["张三", "男", "汉族", "640502199001010113", "高中", "群众", "村民小组长", mentors, posts],
  });

  it("gives every row what a checker new to the cell gives: record, findings and rewrites", () => {
    const mentors = fc.constantFrom("", "李四", "李四、王五", "李四,王五,赵六", "=1+1", "李四、=王五");
    const posts = fc.constantFrom(
      "",
      "包村干部",
      "村“两委”成员",
      '村"两委"成员',
      "镇党委副书记",
      "村党支部书记、村委会主任",
      "书记主任",
      "一肩挑",
      "包村干部；驻村第一书记",
      "包村干部、驻村第一书记、乡镇领导干部",
      "村会计",
      "村会计、村会计",
      "；",
      "包".repeat(80),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(mentors, posts), { minLength: 1, maxLength: 30 }), (cells) => {
        const shared = new RosterRowChecker(ctx);
        let rewritten = 0;
        cells.forEach(([m, p], i) => {
          const fresh = new RosterRowChecker(ctx);
          const a: Diagnostic[] = [];
          const b: Diagnostic[] = [];
          expect(shared.check(row(i + 2, m, p), a)).toEqual(fresh.check(row(i + 2, m, p), b));
          expect(a).toEqual(b);
          rewritten += fresh.rewritten;
        });
        expect(shared.rewritten).toBe(rewritten);
      }),
      { numRuns: 200 },
    );
  });
});

describe("places found once per run of rows", () => {
  it("gives a row whose place was seen before the finding it gives alone, wherever it is in the file", async () => {
    const id = (n: number) => {
      // Born 1990-01-01, an odd sequence number (a man, as the rows say).
      const first17 = `64050219900101${String(2 * n + 1).padStart(3, "0")}`;
      return first17 + checkCharacter(first17);
    };
    const places = [
      ["滨河镇", "沙坡村", V1],
      ["滨河镇", "黄河村", V1],
      ["滨河镇", "沙坡村", "640502100299"],
      ["文昌镇", "红泉村", ""],
      ["文昌镇", "黄河村", ""],
      ["", "黄河村", ""],
      ["滨河镇", "旧城村", ""],
      ["文昌镇", "旧城村", ""],
      ["滨河镇", "", V1],
      ["文昌镇", "", V1],
    ] as const;
    const head = "乡镇,村,村代码,姓名,性别,民族,身份证号,学历,政治面貌,来源,入库时间";
    const line = (p: readonly string[], n: number) =>
      `${p[0]},${p[1]},${p[2]},张三,男,汉族,${id(n)},高中,群众,村民小组长,2021-01-05`;
    const root = makeLibrary({ district: importDistrict() });
    const dir = tempDir("reserve-places-");
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: places.length - 1 }), { minLength: 1, maxLength: 12 }),
        async (order) => {
          const alone: [number | undefined, string, string][] = [];
          for (const [k, p] of order.entries()) {
            writeFileSync(join(dir, "one.csv"), `${head}\n${line(places[p]!, k)}\n`);
            const r = await runImport(root, ["one.csv"], { cwd: dir, dryRun: true });
            alone.push(...tuples(r).map(([, field, code]): [number, string, string] => [k + 2, field, code]));
          }
          writeFileSync(join(dir, "all.csv"), [head, ...order.map((p, k) => line(places[p]!, k))].join("\n") + "\n");
          const all = await runImport(root, ["all.csv"], { cwd: dir, dryRun: true });
          const byLine = (a: [number | undefined, string, string], b: [number | undefined, string, string]) =>
            a[0]! - b[0]! || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0) || (a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0);
          expect(tuples(all).sort(byLine)).toEqual(alone.sort(byLine));
        },
      ),
      { numRuns: 25 },
    );
  });
});

describe("a library's files as shown", () => {
  it("are shown as displayPath shows them, from any working directory, the folder worked out once", () => {
    const root = "/data/区县库";
    const targets = ["villages/640502100201.yaml", "district.yaml", "trainings/2021.yaml"];
    for (const cwd of [
      "/data/区县库",
      "/data",
      "/data/区县库/villages",
      "/data/区县库/villages/旧",
      "/home/镇",
      "/data/区县",
    ]) {
      const shown = libraryFiles(root, cwd);
      for (const t of targets) expect([cwd, shown(t)]).toEqual([cwd, displayPath(join(root, t), cwd)]);
    }
  });
});
