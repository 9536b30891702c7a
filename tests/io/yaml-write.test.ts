import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { toYaml } from "../../src/io/yaml-write.js";

const tricky = [
  "640502199001011017",
  "13900000001",
  "2021-01-05",
  "12:30",
  "1:20",
  "0x1A",
  "0o17",
  "1_000",
  ".5",
  "+1",
  "-1",
  "yes",
  "No",
  "on",
  "OFF",
  "y",
  "null",
  "~",
  "",
  " leading",
  "trailing ",
  "a: b",
  "a #b",
  "ends:",
  "- dash",
  "*star",
  "&amp",
  "!tag",
  "@at",
  "`tick",
  'quote "inside"',
  "back\\slash",
  "multi\nline",
  "tab\there",
  "阿卜杜·热合曼",
  "张𠮷",
  "村“两委”委员",
  "zero\u200bwidth",
  "bom\ufeff",
  "del\u007f",
  "line\u2028sep",
];

describe("canonical YAML writer", () => {
  it("round-trips every string through a YAML 1.2 parser as the same string", () => {
    const doc = { values: tricky, map: Object.fromEntries(tricky.map((s, i) => [`k${i}`, s])) };
    const text = toYaml(doc);
    expect(parse(text)).toEqual(doc);
  });

  it("round-trips through a YAML 1.1 parser too (dates, codes and yes/no stay text)", () => {
    const doc = { values: tricky.filter((s) => !s.includes("\u2028")) };
    expect(parse(toYaml(doc), { version: "1.1" })).toEqual(doc);
  });

  it("quotes codes, dates, IDs and phones, and leaves Chinese text plain", () => {
    const text = toYaml({ code: "640502", date: "2021-03-01", name: "马小明", gender: "男" });
    expect(text).toBe('code: "640502"\ndate: "2021-03-01"\nname: 马小明\ngender: 男\n');
  });

  it("writes lists of maps in block style with keys aligned under the dash", () => {
    const text = toYaml({
      towns: [{ code: "640502100", villages: [{ code: "640502100201", name: "沙坡村" }] }],
      empty: [],
      none: {},
    });
    expect(text).toBe(
      [
        "towns:",
        '  - code: "640502100"',
        "    villages:",
        '      - code: "640502100201"',
        "        name: 沙坡村",
        "empty: []",
        "none: {}",
        "",
      ].join("\n"),
    );
  });

  it("keeps short scalar lists on one line and puts long ones one per line", () => {
    expect(toYaml({ t: ["2021-01", "2021-02"] })).toBe('t: ["2021-01", "2021-02"]\n');
    const long = Array.from({ length: 20 }, (_, i) => `培训内容第${i}项`);
    const text = toYaml({ t: long });
    expect(text.split("\n")).toHaveLength(22);
    expect(parse(text)).toEqual({ t: long });
  });

  it("drops undefined keys and writes numbers as numbers", () => {
    expect(toYaml({ a: undefined, b: 3, c: 0.85, d: null })).toBe("b: 3\nc: 0.85\nd: null\n");
  });
});
