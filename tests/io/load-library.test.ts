import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadLibrary } from "../../src/io/load-library.js";
import { renderDiagnostic } from "../../src/messages/render.js";
import { makeLibrary, person } from "../helpers/library.js";

const V1 = "640502100201";

function load(dir: string) {
  return loadLibrary(dir, { today: "2021-12-31", cwd: dir });
}

function flat(dir: string) {
  return load(dir).diagnostics.map((d) => [d.location?.file, d.location?.line, d.location?.column, d.code]);
}

/** Replaces the first occurrence of `from` in a library file, as a hand edit would. */
function edit(dir: string, rel: string, from: string, to: string) {
  const path = join(dir, rel);
  const text = readFileSync(path, "utf8");
  expect(text).toContain(from);
  writeFileSync(path, text.replace(from, to));
}

describe("loading the library", () => {
  it("loads a clean library without diagnostics", () => {
    const dir = makeLibrary({ books: { [V1]: [person(V1, 1), person(V1, 2)] } });
    const loaded = load(dir);
    expect(loaded.diagnostics).toEqual([]);
    expect(loaded.library?.books.map((b) => [b.village, b.reserves.length, b.complete])).toEqual([[V1, 2, true]]);
    expect(loaded.library?.district.villages).toHaveLength(5);
  });

  it("locates a wrong ID check character at the value, with the expected character", () => {
    const p = person(V1, 1);
    const dir = makeLibrary({ books: { [V1]: [p] } });
    const wrongCheck = p.id_number.slice(0, 17) + (p.id_number[17] === "1" ? "2" : "1");
    edit(dir, `villages/${V1}.yaml`, p.id_number, wrongCheck);
    const text = readFileSync(join(dir, `villages/${V1}.yaml`), "utf8").split("\n");
    const line = text.findIndex((l) => l.includes(wrongCheck)) + 1;
    const column = text[line - 1]!.indexOf('"') + 1;
    const diags = load(dir).diagnostics;
    expect(diags.map((d) => [d.location?.file, d.location?.line, d.location?.column, d.code])).toEqual([
      [`villages/${V1}.yaml`, line, column, "id-check"],
    ]);
    expect(diags[0]!.args.expected).toBe(p.id_number[17]);
    // The message never shows the birth date.
    expect(String(diags[0]!.args.value)).toMatch(/^640502\*{8}\d{3}[\dX]$/);
  });

  it("locates an unknown key at the key and suggests the right one", () => {
    const dir = makeLibrary({ books: { [V1]: [person(V1, 1)] } });
    edit(dir, `villages/${V1}.yaml`, "    phone:", "    phon:");
    const lines = readFileSync(join(dir, `villages/${V1}.yaml`), "utf8").split("\n");
    const line = lines.findIndex((l) => l.startsWith("    phon:")) + 1;
    const diags = load(dir).diagnostics;
    expect(diags.map((d) => [d.location?.line, d.location?.column, d.code, d.args.key, d.args.suggestion])).toEqual([
      [line, 5, "unknown-key", "phon", "phone"],
    ]);
  });

  it("reports an unquoted 18-digit ID as a number that has lost digits", () => {
    const p = person(V1, 1);
    const dir = makeLibrary({ books: { [V1]: [p] } });
    edit(dir, `villages/${V1}.yaml`, `"${p.id_number}"`, p.id_number.slice(0, 17) + "1");
    const [d] = load(dir).diagnostics;
    expect([d!.code, d!.args.expected, d!.args.found]).toEqual(["wrong-type", "string", "number"]);
  });

  it("names a whole entry written as plain text as the entry, in both languages", () => {
    const dir = makeLibrary({ books: { [V1]: [person(V1, 1)] } });
    edit(dir, `villages/${V1}.yaml`, "reserves:\n", 'reserves:\n  - "乱写的一行"\n');
    const [d] = load(dir).diagnostics;
    expect([d!.code, d!.location?.line, d!.location?.column]).toEqual(["wrong-type", 4, 5]);
    expect(renderDiagnostic(d!, "zh").message).toBe("该项 应为键值表，实为文本“乱写的一行”");
    expect(renderDiagnostic(d!, "en").message).toBe('this entry should be a map, found a string "乱写的一行"');
  });

  it("reports YAML syntax, duplicate keys and tags with their positions", () => {
    const dir = makeLibrary({ books: { [V1]: [person(V1, 1)] } });
    edit(dir, `villages/${V1}.yaml`, "    gender:", "    name: 重复\n    gender:");
    expect(flat(dir).map((r) => r[3])).toEqual(["yaml-duplicate-key"]);
    const dir2 = makeLibrary({ books: { [V1]: [person(V1, 1)] } });
    edit(dir2, `villages/${V1}.yaml`, "    gender: 男", "    gender: !sex 男");
    expect(flat(dir2).map((r) => r[3])).toEqual(["yaml-tag"]);
    const dir3 = makeLibrary({ books: { [V1]: [person(V1, 1)] } });
    edit(dir3, `villages/${V1}.yaml`, "    gender: 男", '    gender: "男');
    expect(flat(dir3)[0]?.[3]).toBe("yaml-syntax");
  });

  it("refuses a deeply nested file before parsing it, and goes on with the next file", () => {
    const dir = makeLibrary({ books: { [V1]: [person(V1, 1)], "640502100202": [person("640502100202", 1)] } });
    writeFileSync(
      join(dir, `villages/${V1}.yaml`),
      `village: "${V1}"\nreserves: ${"[".repeat(6000)}${"]".repeat(6000)}\n`,
    );
    const loaded = load(dir);
    expect(loaded.diagnostics.map((d) => [d.location?.file, d.code])).toEqual([
      [`villages/${V1}.yaml`, "yaml-too-deep"],
    ]);
    expect(loaded.library?.books.map((b) => b.village)).toEqual(["640502100202"]);
  });

  it("checks that a file's name matches its village, and that the village is registered", () => {
    const dir = makeLibrary({ books: { "640502100299": [person("640502100299", 1)] } });
    expect(flat(dir)).toEqual([[`villages/640502100299.yaml`, 2, 10, "village-unknown"]]);
    edit(dir, "villages/640502100299.yaml", 'village: "640502100299"', `village: "${V1}"`);
    expect(flat(dir).map((r) => r[3])).toEqual(["village-file-name"]);
  });

  it("finds the same internal id in two villages", () => {
    const dir = makeLibrary({
      books: { [V1]: [person(V1, 1)], "640502100202": [person(V1, 1, { id_number: person(V1, 7).id_number })] },
    });
    expect(flat(dir).map((r) => [r[0], r[3]])).toEqual([["villages/640502100202.yaml", "person-id-duplicate"]]);
  });

  it("checks the gender against the ID number and the status against its last change", () => {
    const p = person(V1, 1);
    const dir = makeLibrary({
      books: { [V1]: [{ ...p, gender: p.gender === "男" ? "女" : "男", status: "调整出库" }] },
    });
    expect(flat(dir).map((r) => r[3])).toEqual(["id-gender-mismatch", "status-mismatch"]);
  });
});
