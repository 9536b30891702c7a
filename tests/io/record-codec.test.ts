import { describe, expect, it } from "vitest";
import { CorruptData, Decoder, Encoder } from "../../src/io/record-codec.js";

/** Encodes the values into one stream and reads each back from where it was written. */
function roundTrip(values: readonly unknown[], from?: Encoder): { back: unknown[]; encoder: Encoder } {
  const encoder = new Encoder(from && { words: from.finish().slice(), tables: from });
  const at: [number, number][] = [];
  for (const v of values) {
    const start = encoder.position;
    encoder.write(v);
    at.push([start, encoder.position]);
  }
  const decoder = new Decoder(encoder.finish(), { strings: encoder.strings, shapes: encoder.shapes });
  return { back: at.map(([s, e]) => decoder.read(s, e)), encoder };
}

// Records as a township office's book holds them: optional fields present or not, in the order
// the writer puts them, with a year as a key.
const records = [
  {
    id: "649901001201-01",
    name: "李秋长",
    gender: "男",
    phone: "15322032723",
    selection: { survey: "2020-09-14", township: "2020-11-09", county: "2020-12-28" },
    mentors: [{ name: "拜志", role: "包村干部", mode: "一带一", from: "2021-01-25" }],
    evaluations: { "2021": { date: "2021-12-12", ratings: { study: "good" } } },
  },
  {
    id: "649901001201-02",
    name: "马小梅",
    gender: "女",
    selection: { survey: "2020-09-14", township: "2020-11-09" },
    mentors: [],
    notes: undefined,
  },
  { id: "649901001201-03", name: "王 强", phone: undefined, gender: "男" },
  { gender: "男", id: "649901001201-04", name: "赵军" },
];

describe("record codec", () => {
  it("gives back the records as JSON would, members left undefined left out", () => {
    const { back } = roundTrip(records);
    expect(back).toEqual(JSON.parse(JSON.stringify(records)));
    expect(Object.keys(back[2] as object)).toEqual(["id", "name", "gender"]);
    // The same keys in another order are another shape: the order is kept.
    expect(Object.keys(back[3] as object)).toEqual(["gender", "id", "name"]);
    expect(Object.keys((back[0] as { evaluations: object }).evaluations)).toEqual(["2021"]);
  });

  it("keeps one shape per key list, lists that share a beginning apart", () => {
    const values = [{ a: 1 }, { a: 1, b: 2 }, { a: 1, b: 2, c: 3 }, { a: 4 }, { a: 5, b: 6 }, { b: 1, a: 2 }, {}];
    const { back, encoder } = roundTrip(values);
    expect(back).toEqual(values);
    expect(encoder.shapes).toEqual([["a"], ["a", "b"], ["a", "b", "c"], ["b", "a"], []]);
  });

  it("builds objects of a shape the same after it is compiled (more than 32 of it)", () => {
    const many = Array.from({ length: 80 }, (_, i) => ({ n: i, s: `第${i}个`, list: [i, null, true, false] }));
    const { back } = roundTrip([many]);
    expect(back[0]).toEqual(many);
  });

  it("keeps numbers exactly: integers, negatives, fractions, large ones and -0", () => {
    const values = [0, 1, 2 ** 29 - 1, 2 ** 29, -1, 0.5, 1e21, Number.MAX_SAFE_INTEGER, -0];
    const { back } = roundTrip(values);
    expect(back).toEqual(values);
    expect(Object.is(back[8], -0)).toBe(true);
  });

  it("goes on from an earlier stream: its values stay where they were, its shapes and strings are reused", () => {
    const first = new Encoder();
    first.write(records[0]);
    const end = first.position;
    const { back, encoder } = roundTrip([records[1], records[0]], first);
    expect(back).toEqual(JSON.parse(JSON.stringify([records[1], records[0]])));
    const decoder = new Decoder(encoder.finish(), { strings: encoder.strings, shapes: encoder.shapes });
    expect(decoder.read(0, end)).toEqual(JSON.parse(JSON.stringify(records[0])));
    expect(encoder.shapes.slice(0, first.shapes.length)).toEqual(first.shapes);
    expect(encoder.strings.slice(0, first.strings.length)).toEqual(first.strings);
    // records[0] again: nothing new in the tables.
    const again = new Encoder({ words: encoder.finish().slice(), tables: encoder });
    again.write(records[0]);
    expect([again.shapes.length, again.strings.length]).toEqual([encoder.shapes.length, encoder.strings.length]);
  });

  it("refuses a value read past its range", () => {
    const { encoder } = roundTrip([records[0]]);
    const decoder = new Decoder(encoder.finish(), { strings: encoder.strings, shapes: encoder.shapes });
    expect(() => decoder.read(0, 3)).toThrow(CorruptData);
  });
});
