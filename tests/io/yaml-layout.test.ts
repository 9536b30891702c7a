import * as fc from "fast-check";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { diagnostic } from "../../src/diagnostics/diagnostic.js";
import { locateIn, readBookFile } from "../../src/io/load-library.js";
import { bookPosition, bookStarts } from "../../src/io/yaml-layout.js";
import { readYaml } from "../../src/io/yaml-read.js";
import { toYaml, type YamlValue } from "../../src/io/yaml-write.js";

/** Every path into the data, and below each a step that does not exist. */
function paths(value: unknown, at: (string | number)[] = [], out: (string | number)[][] = []) {
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

/** Positions computed from the data equal the YAML library's in the written text, for every path. */
function expectSamePositions(book: { village: string; reserves: YamlValue[] }, comments: string[], every = 1) {
  const text = toYaml(book, comments);
  const parsed = readYaml(text, "f.yaml").parsed!;
  const layout = {
    header: comments.length,
    starts: book.reserves.length ? bookStarts(book.reserves, comments.length + 3) : [],
  };
  for (const [i, path] of paths(parsed.data).entries()) {
    if (i % every !== 0) continue;
    for (const code of ["unknown-key", "bad-value"] as const) {
      const d = locateIn(parsed, diagnostic(code, {}, { location: { file: "f.yaml", path } }));
      expect({ path, code, ...bookPosition(layout, book, path, code) }).toEqual({
        path,
        code,
        line: d.location!.line,
        column: d.location!.column,
      });
    }
  }
}

const text = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.constantFrom("李秋长", "640502198511188259", "2021-01-07", "村“两委”委员", "a: b", "yes", "-x", "[x]", "一带一"),
);
const scalar = fc.oneof(
  text,
  fc.integer({ min: 0, max: 1000 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Object.is(n, -0)),
  fc.boolean(),
  fc.constant(null),
);
const key = fc.oneof(
  fc.constantFrom("id", "name", "mentors", "trainings", "2021", "screening", "大学本科"),
  fc.string({ minLength: 1, maxLength: 12 }).filter((k) => k !== "__proto__" && k !== "constructor"),
);
const { value } = fc.letrec<{ value: YamlValue }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    scalar,
    fc.array(scalar, { maxLength: 12 }),
    fc.array(tie("value"), { maxLength: 3 }),
    fc.dictionary(key, tie("value"), { maxKeys: 4 }),
  ),
}));
const record = fc.dictionary(key, value, { minKeys: 1, maxKeys: 6 });

describe("positions from the writer's layout", () => {
  it("are the YAML library's positions in what the writer writes", () => {
    fc.assert(
      fc.property(fc.array(record, { maxLength: 4 }), fc.nat({ max: 2 }), (reserves, comments) => {
        expectSamePositions(
          { village: "640502100201", reserves },
          Array.from({ length: comments }, () => "c"),
        );
      }),
      { numRuns: 300 },
    );
  });

  it("are found for the books of the bundled library, and are right", () => {
    const dir = join(import.meta.dirname, "../../data/villages");
    const names = readdirSync(dir).sort();
    let laidOut = 0;
    names.forEach((name, n) => {
      const file = readFileSync(join(dir, name), "utf8");
      const read = readBookFile(file, name, name, "2021-12-31");
      if (!read.book?.layout) return;
      laidOut++;
      const book = { village: read.book.village, reserves: read.book.reserves as unknown as YamlValue[] };
      expect(toYaml(book)).toBe(file.split("\n").slice(read.book.layout.header).join("\n"));
      if (n % 10 === 0)
        expectSamePositions(
          book,
          Array.from({ length: read.book.layout.header }, () => "x"),
          3,
        );
    });
    expect(laidOut).toBe(names.length);
  });
});
