import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { IMPORT_CODES } from "../../src/diagnostics/codes/import.js";
import { snapshot } from "../helpers/library.js";
import { importLibrary, runImport, tuples } from "./helpers.js";

/**
 * One fixture per error code (tests/import/fixtures/errors/<code>.csv|yaml), compared as
 * [line, column as written in the header, code] — never as sentences (the wording is tested once,
 * in cli.test.ts). Codes whose fixtures must be binary or huge are in files.test.ts; those of terms,
 * names and mentors' posts in terms.test.ts.
 */
const CASES: [files: string[], expected: [number, string, string][]][] = [
  [["csv-quote.csv"], [[2, "姓名", "csv-quote"]]],
  [["csv-unclosed-quote.csv"], [[3, "姓名", "csv-unclosed-quote"]]],
  [["no-rows.csv"], [[1, "#1", "no-rows"]]],
  [["column-unknown.csv"], [[1, "年龄", "column-unknown"]]],
  [["column-unknown-typo.csv"], [[1, "联系电活", "column-unknown"]]],
  [["column-missing.csv"], [[1, "#1", "column-missing"]]],
  [["column-duplicate.csv"], [[1, "手机", "column-duplicate"]]],
  [["extra-cell.csv"], [[2, "#12", "extra-cell"]]],
  [["empty-value.csv"], [[2, "性别", "empty-value"]]],
  [["value-too-long.csv"], [[2, "姓名", "value-too-long"]]],
  [["invisible-character.csv"], [[2, "姓名", "invisible-character"]]],
  [
    ["date-invalid.csv"],
    [
      [2, "入库时间", "date-invalid"],
      [3, "入库时间", "date-invalid"],
    ],
  ],
  [["date-excel-serial.csv"], [[2, "入库时间", "date-excel-serial"]]],
  [["date-future.csv"], [[2, "入库时间", "date-future"]]],
  [["date-before-birth.csv"], [[2, "入库时间", "date-before-birth"]]],
  [["date-order.csv"], [[2, "入库时间", "date-order"]]],
  [["mentor-mismatch.csv"], [[2, "帮带人职务", "mentor-mismatch"]]],
  [["bad-term.csv"], [[2, "学历", "bad-term"]]],
  [["bad-code.csv"], [[2, "村代码", "bad-code"]]],
  [["phone-invalid.csv"], [[2, "联系电话", "phone-invalid"]]],
  [["id-length.csv"], [[2, "身份证号", "id-length"]]],
  [["id-characters.csv"], [[2, "身份证号", "id-characters"]]],
  [["id-scientific.csv"], [[2, "身份证号", "id-scientific"]]],
  [["id-legacy-15.csv"], [[2, "身份证号", "id-legacy-15"]]],
  [["id-province.csv"], [[2, "身份证号", "id-province"]]],
  [["id-birth-date.csv"], [[2, "身份证号", "id-birth-date"]]],
  [["id-birth-future.csv"], [[2, "身份证号", "id-birth-future"]]],
  [["id-birth-too-early.csv"], [[2, "身份证号", "id-birth-too-early"]]],
  [["id-check.csv"], [[2, "身份证号", "id-check"]]],
  [["id-gender-mismatch.csv"], [[2, "性别", "id-gender-mismatch"]]],
  [["village-unknown.csv"], [[2, "村代码", "village-unknown"]]],
  [["village-not-found.csv"], [[2, "村", "village-not-found"]]],
  [["village-ambiguous.csv"], [[2, "村", "village-ambiguous"]]],
  [["village-merged.csv"], [[2, "村", "village-merged"]]],
  [["village-abolished.csv"], [[2, "村", "village-abolished"]]],
  [["village-mismatch.csv"], [[2, "村代码", "village-mismatch"]]],
  [["town-mismatch.csv"], [[2, "乡镇", "town-mismatch"]]],
  [["town-unknown.csv"], [[2, "乡镇", "town-unknown"]]],
  [
    ["multiline-record.csv"],
    [
      [2, "学历", "bad-term"],
      [4, "性别", "bad-term"],
    ],
  ],
  [
    ["several-problems.csv"],
    [
      [2, "村", "village-merged"],
      [2, "入库时间", "date-excel-serial"],
    ],
  ],
  [["duplicate-in-file.csv"], [[3, "身份证号", "duplicate-in-file"]]],
  [["duplicate-in-run-a.csv", "duplicate-in-run-b.csv"], [[2, "身份证号", "duplicate-in-run"]]],
  [["person-in-other-village.csv"], [[2, "身份证号", "person-in-other-village"]]],
  [["wrong-type.yaml"], [[6, "身份证号", "wrong-type"]]],
  [["column-unknown.yaml"], [[10, "年龄", "column-unknown"]]],
  [["yaml-duplicate-key.yaml"], [[3, "#3", "yaml-duplicate-key"]]],
  [["yaml-multi-document.yaml"], [[2, "#1", "yaml-multi-document"]]],
  [
    ["yaml-tag.yaml"],
    [
      [4, "姓名", "yaml-tag"],
      [12, "村", "yaml-tag"],
    ],
  ],
  [["yaml-syntax.yaml"], [[3, "#1", "yaml-syntax"]]],
];

describe("import errors, one fixture per code", () => {
  it.each(CASES)("%s", async (files, expected) => {
    const dir = importLibrary();
    const before = snapshot(dir);
    const result = await runImport(dir, files, { dryRun: false });
    expect(tuples(result)).toEqual(expected);
    expect(result.status).toBe("rejected");
    expect(snapshot(dir)).toEqual(before);
  });

  it("names the first file and line of a duplicate from another file", async () => {
    const result = await runImport(importLibrary(), ["duplicate-in-run-a.csv", "duplicate-in-run-b.csv"]);
    expect(result.diagnostics.map((d) => [d.location?.file, d.args.first])).toEqual([
      ["duplicate-in-run-b.csv", "duplicate-in-run-a.csv:2"],
    ]);
  });

  it("names both places when the person is kept by another village", async () => {
    const result = await runImport(importLibrary(), ["person-in-other-village.csv"]);
    const d = result.diagnostics[0]!;
    expect([d.args.where, d.args.here, d.args.person]).toEqual([
      "滨河镇黄河村（640502100202）",
      "滨河镇沙坡村（640502100201）",
      "640502100202-01",
    ]);
  });

  it("suggests the column meant by a typo", async () => {
    const result = await runImport(importLibrary(), ["column-unknown-typo.csv"]);
    expect(result.diagnostics[0]!.args.suggestion).toBe("联系电话");
  });

  it("masks personal numbers in every message, even when typed as a YAML number", async () => {
    const result = await runImport(importLibrary(), ["wrong-type.yaml", "id-check.csv"]);
    expect(result.diagnostics.map((d) => d.args.value)).toEqual(["640502********0111", "640502********0000"]);
  });

  it("says where a merged village went", async () => {
    const result = await runImport(importLibrary(), ["village-merged.csv"]);
    expect(result.diagnostics[0]!.args).toMatchObject({ into: "640502100202", intoName: "滨河镇黄河村" });
  });

  it("updates someone who left the pool with a warning, leaving the status alone", async () => {
    const dir = importLibrary();
    const result = await runImport(dir, ["person-left-pool.csv"]);
    expect(tuples(result)).toEqual([[2, "身份证号", "person-left-pool"]]);
    expect(result.status).toBe("imported");
    expect(result.villages.map((v) => [v.code, v.updated])).toEqual([["640502100201", 1]]);
  });

  it("has a fixture or a generated case for every import code", () => {
    const covered = new Set(CASES.flatMap(([, expected]) => expected.map((e) => e[2])));
    // Codes whose cases need a file written in the test, or that do not reject the import (notices).
    const generated = ["files.test.ts", "terms.test.ts"]
      .map((f) => readFileSync(join(import.meta.dirname, f), "utf8"))
      .join("\n");
    const missing = Object.keys(IMPORT_CODES).filter(
      (code) => !covered.has(code) && !generated.includes(`"${code}"`) && code !== "person-left-pool",
    );
    expect(missing).toEqual([]);
    expect(readdirSync(join(import.meta.dirname, "fixtures", "errors")).length).toBeGreaterThan(40);
  });
});
