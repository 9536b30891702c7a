import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.js";
import { csvRows, detectDelimiter, type ByteSource } from "../../src/io/tabular/csv-stream.js";

function source(bytes: Buffer): ByteSource {
  let pos = 0;
  return {
    read(buf, offset, length) {
      const n = bytes.copy(buf, offset, pos, Math.min(bytes.length, pos + length));
      pos += n;
      return n;
    },
  };
}

function read(text: string, chunkBytes?: number, delimiter = 0x2c) {
  const problems: Diagnostic[] = [];
  const rows: [number, string[]][] = [];
  for (const row of csvRows(
    source(Buffer.from(text, "utf8")),
    { file: "t.csv", delimiter, decode: (b, s, e) => b.toString("utf8", s, e), ...(chunkBytes && { chunkBytes }) },
    problems,
  )) {
    rows.push([row.line, row.cells.map(String)]);
  }
  return { rows, problems: problems.map((p) => [p.location?.line, p.location?.column, p.code]) };
}

describe("the streaming CSV reader", () => {
  it("reads RFC 4180 quoting and reports each record at the line it starts", () => {
    const text = 'a,b\r\n"x, y","say ""hi"""\r\n"two\nlines",z\n\nlast,"q"';
    expect(read(text).rows).toEqual([
      [1, ["a", "b"]],
      [2, ["x, y", 'say "hi"']],
      [3, ["two\nlines", "z"]],
      [5, [""]],
      [6, ["last", "q"]],
    ]);
  });

  it("treats CR, LF and CRLF alike, also inside quoted cells", () => {
    expect(read('a\rb\r\nc\n"d\r\ne\rf"\rg').rows).toEqual([
      [1, ["a"]],
      [2, ["b"]],
      [3, ["c"]],
      [4, ["d\r\ne\rf"]],
      [7, ["g"]],
    ]);
  });

  it("reports text after a closing quote, and a quote never closed", () => {
    expect(read('a,b\n"x"y,z\n').problems).toEqual([[2, 1, "csv-quote"]]);
    expect(read('a,b\n1,2\n3,"open\n4,5\n')).toEqual({
      rows: [
        [1, ["a", "b"]],
        [2, ["1", "2"]],
      ],
      problems: [[3, 2, "csv-unclosed-quote"]],
    });
  });

  it("gives the same rows and lines whatever the chunk size (records and characters split anywhere)", () => {
    const cellText = fc.string({
      unit: fc.constantFrom("a", "中", "𠮷", ",", '"', "\n", "\r", " ", "x"),
      maxLength: 6,
    });
    const eol = fc.constantFrom("\n", "\r\n", "\r");
    fc.assert(
      fc.property(
        fc.array(fc.array(cellText, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 6 }),
        fc.array(eol, { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 1, max: 40 }),
        (table, eols, chunk) => {
          let text = "";
          let line = 1;
          const expected: [number, string[]][] = [];
          table.forEach((cells, i) => {
            const quoted = cells.map((c) => (/[,"\r\n]/.test(c) || c === "" ? `"${c.replace(/"/g, '""')}"` : c));
            expected.push([line, cells]);
            const body = quoted.join(",");
            const end = eols[i % eols.length]!;
            text += body + end;
            line += 1 + (body.match(/\r\n|\r|\n/g)?.length ?? 0);
          });
          expect(read(text, chunk)).toEqual({ rows: expected, problems: [] });
        },
      ),
      { numRuns: 300 },
    );
  });

  it("finds the delimiter on the first lines: comma, tab or semicolon, past a title line", () => {
    expect(detectDelimiter(Buffer.from("名册\n姓名\t性别\t民族\n"))).toBe(0x09);
    expect(detectDelimiter(Buffer.from("姓名;性别;民族\n"))).toBe(0x3b);
    expect(detectDelimiter(Buffer.from('"a\tb",c,d\n'))).toBe(0x2c);
    expect(detectDelimiter(Buffer.from("姓名\n"))).toBe(0x2c);
  });
});
