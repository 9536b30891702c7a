import * as fc from "fast-check";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { diagnostic } from "../../src/diagnostics/diagnostic.js";
import { canonicalPosition, knownCanonicalPosition, readCanonical } from "../../src/io/canonical-yaml.js";
import { locateIn } from "../../src/io/load-library.js";
import { readYaml } from "../../src/io/yaml-read.js";
import { toYaml, type YamlValue } from "../../src/io/yaml-write.js";

type Path = (string | number)[];

/** Every path into the data, and for each a step that does not exist below it. */
function paths(value: unknown, at: Path = [], out: Path[] = []): Path[] {
  out.push(at);
  if (Array.isArray(value)) {
    value.forEach((v, i) => paths(v, [...at, i], out));
    out.push([...at, value.length], [...at, "x"]);
  } else if (value !== null && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) paths(v, [...at, k], out);
    out.push([...at, "no_such_key"], [...at, 0]);
  }
  return out;
}

/** The canonical reader agrees with the YAML library on the data and on every position. */
function expectSameAsYaml(text: string, every = 1): void {
  const doc = readCanonical(text);
  expect(doc).toBeDefined();
  const parsed = readYaml(text, "f.yaml").parsed!;
  expect(parsed).toBeDefined();
  expect(doc!.data).toStrictEqual(parsed.data);
  for (const [i, path] of paths(parsed.data).entries()) {
    if (i % every !== 0) continue;
    for (const code of ["unknown-key", "bad-value"] as const) {
      const d = locateIn(parsed, diagnostic(code, {}, { location: { file: "f.yaml", path } }));
      const expected = { path, code, line: d.location!.line, column: d.location!.column };
      expect({ path, code, ...canonicalPosition(doc!, path, code) }).toEqual(expected);
      expect({ path, code, ...knownCanonicalPosition(text, path, code) }).toEqual(expected);
    }
  }
}

/** Wherever the canonical reader accepts a text, it reads it as the YAML library does. */
function expectNeverDifferent(text: string, every = 1): void {
  const doc = readCanonical(text);
  if (doc) expectSameAsYaml(text, every);
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : n.endsWith(".yaml") ? [p] : [];
  });
}

const scalarText = fc.oneof(
  fc.string(),
  fc.string({ unit: "grapheme" }),
  fc.constantFrom(
    "李秋长",
    "640502198511188259",
    "2021-01-07",
    "村“两委”委员",
    "a: b",
    "a #b",
    "yes",
    "null",
    "-x",
    "[x]",
  ),
);
const scalar = fc.oneof(
  scalarText,
  fc.integer({ min: 0, max: 100000 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Object.is(n, -0)),
  fc.boolean(),
  fc.constant(null),
);
// Keys with flow indicators ([ ] { } ,) are left to the YAML library; the library has none. A key
// "constructor" is left out because it confuses the deep-equality check, not the readers.
const key = fc.oneof(
  fc.constantFrom("id", "name", "2021", "mentors", "a_b", "true", "大学本科"),
  fc.string({ minLength: 1 }).filter((k) => !/[,[\]{}]/.test(k) && k !== "__proto__" && k !== "constructor"),
);
const { value } = fc.letrec<{ value: YamlValue }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    scalar,
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(key, tie("value"), { maxKeys: 4 }),
  ),
}));

describe("canonical YAML reader", () => {
  it("reads every file of the bundled library as the YAML library does", () => {
    const all = files(join(import.meta.dirname, "../../data"));
    expect(all.length).toBeGreaterThan(150);
    // Every file is read the same; positions are compared on a sample (each node of each file is slow).
    all.forEach((f, i) => {
      const text = readFileSync(f, "utf8");
      if (i % 12 === 0 || !f.includes("villages")) expectSameAsYaml(text);
      else expect(readCanonical(text)?.data).toStrictEqual(readYaml(text, f).parsed!.data);
    });
  });

  it("reads whatever the writer writes as the YAML library does", () => {
    fc.assert(
      fc.property(fc.dictionary(key, value, { minKeys: 1, maxKeys: 5 }), (doc) => {
        expectSameAsYaml(toYaml(doc, ["comment"]));
      }),
      { numRuns: 400 },
    );
  });

  it("gives up on layouts the writer never writes, and never reads anything differently", () => {
    const giveUp = [
      "a: 'single'\n",
      "a: x # comment\n",
      'a: "x" # comment\n',
      "a: x\r\nb: y\r\n",
      "a:\n\t- x\n",
      "a: &anchor x\nb: *anchor\n",
      "a: !tag x\n",
      "a: {b: c}\n",
      "a: |\n  block\n",
      "a: >\n  folded\n",
      "a: x\na: y\n",
      "a:\n- x\n",
      "a: first\n  continued\n",
      "a: ~\n",
      "a: yes\n",
      "a: 0x1A\n",
      "a: .inf\n",
      "a:\n",
      "a:   x\n",
      "a: x  \n",
      "---\na: x\n",
      "? a\n: x\n",
      "a: [x,y]\n",
      "a: [x, [y]]\n",
      'a: "\\x41"\n',
      "- x\n- - y\n",
      "",
      "# only a comment\n",
      "a: b: c\n",
      "a\n",
      "a: x\n  b: y\n",
      "True: x\n",
      "__proto__: x\n",
    ];
    for (const text of giveUp) {
      expect(readCanonical(text), JSON.stringify(text)).toBeUndefined();
      expectNeverDifferent(text);
    }
    const accepted = [
      'a: x\n# between\n\nb: [1, 2.5, null, true, "s"]\n',
      "a:\n  - b: 1\n    c:\n      - []\n      - {}\n  -\n    - x\n",
      '"2021":\n  k: "\\u00A0\\"\\\\"\n',
      "a: 𝌆 emoji\n",
      'a: "𝌆"\n',
      "a: -1.5e-7\n",
      "a: x:y\n",
      "a: 12345678901234567890\n",
    ];
    for (const text of accepted) expectSameAsYaml(text);
  });

  it("reads a key it knows only where the key ends, not where a longer key starts with it", () => {
    // The keys a reader has met are matched where they are written; these make it know them.
    expectSameAsYaml("name: 李秋长\nid: x\nmentors:\n  - name: 拜志\n    role: 包村干部\n");
    for (const text of [
      "name:x: 李秋长\nid: x\n",
      "name: 李秋长\nid:1: x\n",
      "name:\n  first: x\nid: z\n",
      "name: [x, z]\nid: z\n",
      "mentors:\n  - name: 拜志\n    role:x: 包村干部\n",
      "mentors:\n  - name: 拜志\n    roles: 包村干部\n",
      "mentors:\n  - name: 拜志\n    role x: 包村干部\n",
      "mentors:\n  - name: 拜志\n    rolex 包村干部: 好\n",
      "name x: 李秋长\nid: x\n",
      "mentors:\n  - names: 拜志\n    role: 包村干部\n",
    ]) {
      expectSameAsYaml(text);
    }
    for (const text of [
      "name:: 李秋长\n",
      "name: 李秋长\nname: 李秋长\n",
      "mentors:\n  - name: 拜志\n    role: 包村干部\n    name: 拜志\n",
    ]) {
      expect(readCanonical(text), JSON.stringify(text)).toBeUndefined();
      expectNeverDifferent(text);
    }
  });

  it("never reads a mutated file differently from the YAML library", () => {
    const base = readFileSync(join(import.meta.dirname, "../../data/villages", "640502100201.yaml"), "utf8");
    fc.assert(
      fc.property(
        fc.nat({ max: base.length - 1 }),
        fc.nat({ max: 3 }),
        fc.constantFrom(
          " ",
          "  ",
          "-",
          "- ",
          ":",
          ": ",
          "#",
          " #",
          '"',
          "'",
          "\n",
          "\t",
          "[",
          "]",
          "{",
          "&",
          "*",
          "!",
          "x",
        ),
        (at, cut, insert) => {
          expectNeverDifferent(base.slice(0, at) + insert + base.slice(at + cut), 13);
        },
      ),
      { numRuns: 200 },
    );
  });
});
