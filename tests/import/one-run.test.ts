import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { importRosters } from "../../src/commands/import.js";
import { loadLibrary } from "../../src/io/load-library.js";
import { readYaml } from "../../src/io/yaml-read.js";
import { makeLibrary, person } from "../helpers/library.js";
import { importLibrary, TODAY, tuples } from "./helpers.js";

/**
 * Every problem of a file in one run: a YAML tag refuses the file but hides neither the tags
 * after it nor the checks of the rows, so the official does not fix what was shown, import again,
 * and only then learn of the rest.
 */

/** A roster typed by hand from an old system's export, which wrote type tags. */
const TAGGED = `# 滨河镇沙坡村后备干部名册
- 乡镇: 滨河镇
  村: 沙坡村
  姓名: !!binary 5byg5LiJ
  性别: 男
  民族: 汉族
  身份证号: "640502199001010113"
  学历: 高中肄业
  政治面貌: 中共党员
  来源: 村民小组长
  入库时间: !!timestamp 2021-01-05
- {乡镇: 滨河镇, 村: 沙坡村, 姓名: !name 李四, 性别: !sex 男, 民族: 汉族, 身份证号: "640502198807070130", 学历: 大学本科, 政治面貌: 中共党员, 来源: 村民小组长}
- 乡镇: 滨河镇
  村: 沙坡村
  !key 姓名: 王五
  性别: 女
  民族: 回族
  身份证号: "640502199203030120"
  学历: !e!x 高中
  政治面貌: 群众
  来源: !!set 致富能手
`;

async function importText(name: string, text: string) {
  const dir = mkdtempSync(join(tmpdir(), "reserve-one-run-"));
  writeFileSync(join(dir, name), text);
  return importRosters({ root: importLibrary(), cwd: dir, files: [name], today: TODAY, waitMs: 0, dryRun: true });
}

describe("a YAML roster with tags", () => {
  it("reports every tag, where it is written and in its column, and every row's other problems", async () => {
    const result = await importText("名册.yaml", TAGGED);
    expect(result.status).toBe("rejected");
    expect(tuples(result)).toEqual([
      [4, "姓名", "yaml-tag"],
      [8, "学历", "bad-term"],
      [11, "入库时间", "yaml-tag"],
      [12, "姓名", "yaml-tag"],
      [12, "性别", "yaml-tag"],
      [12, "身份证号", "id-check"],
      [15, "姓名", "yaml-tag"],
      [19, "学历", "yaml-tag"],
      [21, "来源", "yaml-tag"],
    ]);
    expect(result.diagnostics.filter((d) => d.code === "yaml-tag").map((d) => d.args.tag)).toEqual([
      "!!binary",
      "!!timestamp",
      "!name",
      "!sex",
      "!key",
      "!e!x",
      "!!set",
    ]);
  });

  it("reads a tagged value as it is written: no bytes from !!binary, no date object from !!timestamp", () => {
    const { parsed, diagnostics } = readYaml(
      "a: !!binary 5byg5LiJ\nb: !!timestamp 2021-01-05\nc: !!str 007\n",
      "x.yaml",
    );
    expect(diagnostics.map((d) => [d.location?.line, d.location?.column, d.code, d.args.tag])).toEqual([
      [1, 4, "yaml-tag", "!!binary"],
      [2, 4, "yaml-tag", "!!timestamp"],
    ]);
    // The core schema's own tags (!!str here) are plain values and allowed.
    expect(parsed?.data).toEqual({ a: "5byg5LiJ", b: "2021-01-05", c: "007" });
  });

  it("still stops at what makes the data unknown (a duplicate key), reporting the tags beside it", () => {
    const { parsed, diagnostics } = readYaml("a: !x 1\na: 2\nb: !y 3\n", "x.yaml");
    expect(parsed).toBeUndefined();
    expect(diagnostics.map((d) => [d.location?.line, d.code]).sort()).toEqual([
      [1, "yaml-tag"],
      [2, "yaml-duplicate-key"],
      [3, "yaml-tag"],
    ]);
  });
});

describe("a library file with a tag", () => {
  it("reports the tag and the record's other problems in one audit", () => {
    const V1 = "640502100201";
    const dir = makeLibrary({ books: { [V1]: [person(V1, 1), person(V1, 2)] } });
    const file = join(dir, "villages", `${V1}.yaml`);
    const text = readFileSync(file, "utf8");
    const edited = text
      .replace("    gender: 男", "    gender: !sex 男")
      .replace(/education: \S+/, "education: 高中毕业");
    expect(edited).not.toBe(text);
    writeFileSync(file, edited);
    const loaded = loadLibrary(dir, { today: "2021-12-31", cwd: dir });
    expect(loaded.diagnostics.map((d) => [d.location?.file, d.code])).toEqual([
      [`villages/${V1}.yaml`, "yaml-tag"],
      [`villages/${V1}.yaml`, "bad-term"],
    ]);
  });
});
