import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse as parseCsv } from "csv-parse/sync";
import ExcelJS from "exceljs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { importRosters } from "../../src/commands/import.js";
import type { Reserve } from "../../src/domain/model.js";
import {
  cleanCell,
  normalizeCodeInput,
  normalizeIdInput,
  normalizeName,
  normalizePhoneInput,
  stripTextGuard,
} from "../../src/domain/normalize-input.js";
import { normalizeReserve } from "../../src/domain/normalize.js";
import { maskIdNumber, maskPhone } from "../../src/domain/personal-data.js";
import { checkCharacter, checkResidentId } from "../../src/domain/resident-id.js";
import { fromSheetCell } from "../../src/domain/spreadsheet-cell.js";
import { showPersonal } from "../../src/diagnostics/display.js";
import { rosterCsv, rosterRows } from "../../src/generator/index.js";
import { csvText } from "../../src/io/csv-write.js";
import { loadLibrary } from "../../src/io/load-library.js";
import { xlsxBytes } from "../../src/io/xlsx-write.js";
import type { Table } from "../../src/reports/table.js";
import type { WorkbookSpec } from "../../src/reports/workbook.js";
import { makeLibrary, person, tempDir } from "../helpers/library.js";
import { V1 } from "./fixtures.js";
import { rounds, TODAY } from "./helpers.js";

/**
 * Properties of the pieces the guarantees rest on, checked with fast-check over many generated
 * inputs (RESERVE_TORTURE_ROUNDS multiplies the runs): the ID check character against an
 * independent formulation, normalisation, the library's YAML round trip, the roster round trip,
 * spreadsheet safety of CSV and XLSX output, and masking.
 */

const runs = (ci: number) => ({ numRuns: rounds(ci) * (rounds(1) > 1 ? 10 : 1) });

// ---------------------------------------------------------------------------------------------
// Characters that break naive writers and readers.

/** Han characters from the basic block and from extension B (outside the BMP: two UTF-16 units). */
const han = fc.oneof(
  fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((c) => String.fromCodePoint(c)),
  fc.integer({ min: 0x20000, max: 0x2a6d6 }).map((c) => String.fromCodePoint(c)),
  fc.constantFrom("𠮷", "𡃁", "䶮", "㐀", "龘", "堃", "喆", "昇", "镕"),
);
const tricky = fc.constantFrom(
  '"',
  "'",
  ",",
  "，",
  ";",
  ":",
  ": ",
  " #",
  "#",
  "-",
  "- ",
  "&a",
  "*a",
  "!",
  "|",
  ">",
  "%",
  "@",
  "`",
  "{",
  "}",
  "[",
  "]",
  "=",
  "+",
  "\\",
  "·",
  "•",
  "·",
  "null",
  "yes",
  "~",
  "0x1F",
  "1e3",
  "2021-03-01",
  "__proto__",
);
const nameChar = fc.oneof(han, han, han, fc.constantFrom("A", "b", "阿", "买"));
/**
 * A name as stored: Han characters (rare ones too) and Latin letters, parts joined by middle dots
 * as minority names are (a dot only between two parts: domain/person-name.ts).
 */
const storedName = fc
  .array(fc.array(nameChar, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 3 })
  .map((parts) => parts.map((p) => p.join("")).join("·"))
  .filter((s) => [...s].length <= 50);
/** Free text as a note may hold it: line breaks, quotes, commas, YAML and CSV syntax, any Unicode. */
const freeText = fc
  .array(fc.oneof(han, tricky, fc.constantFrom("\n", "\r\n", "\t", " "), fc.string({ maxLength: 4, unit: "binary" })), {
    minLength: 1,
    maxLength: 40,
  })
  .map((a) => a.join(""))
  .filter((s) => s.length > 0 && [...s].length <= 500);

// ---------------------------------------------------------------------------------------------

describe("the ID check character (GB 11643, ISO 7064 MOD 11-2)", () => {
  /** ISO 7064 MOD 11-2 by its recursive definition: P ← (P + d) × 2 mod 11, check = (12 − P) mod 11. */
  function mod11_2(digits: string): string {
    let p = 0;
    for (const d of digits) p = ((p + Number(d)) * 2) % 11;
    const c = (12 - p) % 11;
    return c === 10 ? "X" : String(c);
  }
  const body = fc.string({ unit: fc.constantFrom(..."0123456789"), minLength: 17, maxLength: 17 });

  it("agrees with the recursive formulation for any 17 digits", () => {
    fc.assert(
      fc.property(body, (b) => checkCharacter(b) === mod11_2(b)),
      runs(2000),
    );
  });

  it("catches every single wrong character and every swap of two neighbouring digits", () => {
    const valid = fc
      .tuple(
        fc.constantFrom("110105", "640502", "440524", "650102"),
        fc.date({ min: new Date("1940-01-01"), max: new Date("2003-12-31"), noInvalidDate: true }),
        fc.integer({ min: 0, max: 999 }),
      )
      .map(([region, d, seq]) => {
        const b = `${region}${d.toISOString().slice(0, 10).replace(/-/g, "")}${String(seq).padStart(3, "0")}`;
        return b + mod11_2(b);
      });
    fc.assert(
      fc.property(valid, fc.integer({ min: 0, max: 17 }), fc.integer({ min: 1, max: 9 }), (id, at, delta) => {
        expect(checkResidentId(id, TODAY).ok).toBe(true);
        const digit = at === 17 && id[17] === "X" ? 10 : Number(id[at]);
        const changed = (digit + delta) % 11;
        const ch = changed === 10 ? (at === 17 ? "X" : "") : String(changed);
        if (ch !== "") expect(checkResidentId(id.slice(0, at) + ch + id.slice(at + 1), TODAY).ok).toBe(false);
        if (at < 16 && id[at] !== id[at + 1]) {
          const swapped = id.slice(0, at) + id[at + 1] + id[at] + id.slice(at + 2);
          expect(checkResidentId(swapped, TODAY).ok).toBe(false);
        }
      }),
      runs(1000),
    );
  });
});

describe("normalisation", () => {
  const anyText = fc.oneof(
    fc.string({ unit: "binary", maxLength: 30 }),
    fc
      .array(fc.oneof(han, tricky, fc.constantFrom(" ", "\u3000", "\u00a0", "\ufeff", "x", "X", "１", "－", "＋86")), {
        maxLength: 20,
      })
      .map((a) => a.join("")),
  );

  it.each([
    ["cleanCell", cleanCell],
    ["normalizeName", (s: string) => normalizeName(cleanCell(s))],
    ["normalizeIdInput", normalizeIdInput],
    ["normalizePhoneInput", normalizePhoneInput],
    ["normalizeCodeInput", normalizeCodeInput],
  ])("%s is idempotent: normalising twice changes nothing more", (_name, f) => {
    fc.assert(
      fc.property(anyText, (s) => f(f(s)) === f(s)),
      runs(2000),
    );
  });

  it("stripTextGuard removes one guard: a value without one is unchanged", () => {
    fc.assert(
      fc.property(anyText, (s) => {
        const t = stripTextGuard(s);
        return /^['＇‘’\t]|^=\s*"/.test(s) || t === s;
      }),
      runs(2000),
    );
  });

  it("normalizeReserve is idempotent", () => {
    fc.assert(
      fc.property(fc.shuffledSubarray(["2021-01", "2021-03", "2021-02", "2021-01"]), (sessions) => {
        const r = normalizeReserve({ ...person(V1, 1), trainings: sessions });
        expect(normalizeReserve(r)).toEqual(r);
      }),
      runs(100),
    );
  });
});

describe("the library's YAML: parse → write → parse", () => {
  const record = fc.record({
    name: storedName,
    note: freeText,
    specialties: fc.array(
      freeText.filter((s) => [...s].length <= 40),
      { minLength: 1, maxLength: 3 },
    ),
    mentor: storedName.filter((s) => [...s].length <= 40),
    reason: freeText.filter((s) => [...s].length <= 200),
  });

  it("gives back every record exactly as written, whatever its text holds", () => {
    fc.assert(
      fc.property(fc.array(record, { minLength: 1, maxLength: 3 }), (recs) => {
        const reserves: Reserve[] = recs.map((x, i) => {
          const base = person(V1, i + 1);
          return {
            ...base,
            name: x.name,
            note: x.note,
            specialties: x.specialties,
            mentors: [{ ...base.mentors![0]!, name: x.mentor }],
            status_changes: [{ status: "在库", date: "2021-01-05", reason: x.reason }],
          };
        });
        const root = makeLibrary({ books: { [V1]: reserves } });
        const loaded = loadLibrary(root, { today: TODAY, cwd: root });
        // Every generated value is within the schema's limits, so nothing may be refused.
        expect(loaded.diagnostics).toEqual([]);
        expect(loaded.library!.books[0]!.reserves).toEqual(reserves.map(normalizeReserve));
      }),
      runs(150),
    );
  });
});

describe("a roster: parse → write → parse", () => {
  /** A note as a cell may hold it: no invisible characters, line breaks allowed. */
  const cellNote = fc
    .array(fc.oneof(han, tricky, fc.constantFrom("\n", " ", "张", "A")), { minLength: 1, maxLength: 30 })
    .map((a) => a.join("").trim())
    .filter((s) => s !== "" && [...s].length <= 500 && !/^[=+\-@]/.test(s));

  const write = {
    csv: (dir: string, people: Reserve[], notes: string[]) => {
      const rows = people.map((p, i) => [...rosterRows("滨河镇", "沙坡村", V1, [p])[0]!, notes[i]!]);
      const text = rosterCsv(rows).replace("帮带人职务", "帮带人职务,备注");
      writeFileSync(join(dir, "r.csv"), text);
      return "r.csv";
    },
    yaml: (dir: string, people: Reserve[], notes: string[]) => {
      const q = (s: string) => JSON.stringify(s);
      const body = people
        .map(
          (p, i) =>
            `  - 姓名: ${q(p.name)}\n    性别: ${p.gender}\n    民族: ${p.ethnicity}\n    身份证号: ${q(p.id_number)}\n    学历: ${p.education}\n    政治面貌: ${p.political_status}\n    来源: ${p.source}\n    备注: ${q(notes[i]!)}\n`,
        )
        .join("");
      writeFileSync(join(dir, "r.yaml"), `村代码: "${V1}"\nreserves:\n${body}`);
      return "r.yaml";
    },
    xlsx: async (dir: string, people: Reserve[], notes: string[]) => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet("名册");
      ws.addRow(["村代码", "姓名", "性别", "民族", "身份证号", "学历", "政治面貌", "来源", "备注"]);
      people.forEach((p, i) =>
        ws.addRow([
          V1,
          p.name,
          p.gender,
          p.ethnicity,
          p.id_number,
          p.education,
          p.political_status,
          p.source,
          notes[i],
        ]),
      );
      writeFileSync(join(dir, "r.xlsx"), Buffer.from(await wb.xlsx.writeBuffer()));
      return "r.xlsx";
    },
  };

  it.each(Object.keys(write) as (keyof typeof write)[])(
    "%s: names with middle dots and rare characters, notes with quotes, commas and line breaks come back as written",
    async (format) => {
      await fc.assert(
        fc.asyncProperty(fc.array(fc.tuple(storedName, cellNote), { minLength: 1, maxLength: 4 }), async (rows) => {
          const dir = tempDir("reserve-roundtrip-");
          const root = makeLibrary({}, join(dir, "data"));
          const people = rows.map(([name], i) => person(V1, 30 + i, { name }));
          const notes = rows.map(([, note]) => note);
          const file = await write[format](dir, people, notes);
          const result = await importRosters({ root, cwd: dir, files: [file], today: TODAY, waitMs: 0 });
          expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
          expect(result.status).toBe("imported");
          const stored = loadLibrary(root, { today: TODAY, cwd: dir }).library!.books[0]!.reserves;
          const byId = new Map(stored.map((r) => [r.id_number, r]));
          people.forEach((p, i) => {
            expect(byId.get(p.id_number)?.name).toBe(p.name);
            expect(byId.get(p.id_number)?.note).toBe(notes[i]!.replace(/\r\n?/g, "\n"));
          });
        }),
        runs(format === "xlsx" ? 15 : 30),
      );
    },
    120_000,
  );
});

describe("spreadsheet output never holds a cell a spreadsheet evaluates", () => {
  const value = fc.oneof(
    fc.string({ unit: "binary", maxLength: 12 }),
    fc
      .array(fc.oneof(tricky, han, fc.constantFrom("\t", "\r", "\n", " ", "1", "640502")), { maxLength: 8 })
      .map((a) => a.join("")),
    fc.constantFrom(
      "=1+1",
      "+1",
      "-1",
      "@SUM(A1)",
      "\t=cmd",
      "\r=cmd",
      '=HYPERLINK("http://x","点我")',
      "640502199001010113",
    ),
  );
  const cells = fc.array(fc.array(value, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 5 });

  /**
   * What Excel, WPS and LibreOffice treat as the start of a formula (OWASP "CSV injection"), other
   * than the `="digits"` the writer keeps long digit strings as text with (it evaluates to them).
   */
  const dangerous = (cell: string) => /^[=+\-@\t\r]/.test(cell) && !/^="\d+"$/.test(cell);

  it("CSV: every cell is safe, and reads back as the value written", () => {
    fc.assert(
      fc.property(fc.array(value, { minLength: 3, maxLength: 3 }), cells, (header, rows) => {
        const t: Table = { header, rows, textColumns: new Set([1]) };
        const text = csvText(t);
        expect(text.startsWith("\ufeff")).toBe(true);
        const parsed: string[][] = parseCsv(text.slice(1), { relax_column_count: false });
        expect(parsed).toHaveLength(rows.length + 1);
        for (const row of parsed) for (const c of row) expect(dangerous(c), JSON.stringify(c)).toBe(false);
        // Values that are not padded and start with no apostrophe come back exactly.
        rows.forEach((row, r) =>
          row.forEach((v, i) => {
            if (v === v.trim() && !v.startsWith("'")) expect(fromSheetCell(parsed[r + 1]![i]!)).toBe(v);
          }),
        );
      }),
      runs(500),
    );
  });

  it("XLSX: no formula anywhere, text cells typed as text, and every value reads back", async () => {
    await fc.assert(
      fc.asyncProperty(cells, fc.string({ maxLength: 10 }), async (rows, title) => {
        const book: WorkbookSpec = {
          title,
          date: "2021-12-31",
          sheets: [
            {
              name: "表",
              columns: ["a", "b", "c"].map((header) => ({ header, width: 10, style: "locked-text" as const })),
              rows,
              validations: [],
              protect: false,
              orientation: "portrait",
              printHeader: title,
              printFooter: "&P",
            },
          ],
        };
        const bytes = xlsxBytes(book);
        expect(bytes.includes(Buffer.from("<f>"))).toBe(false);
        expect(bytes.includes(Buffer.from("<f "))).toBe(false);
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.load(bytes as unknown as ArrayBuffer);
        const ws = wb.worksheets[0]!;
        rows.forEach((row, r) =>
          row.forEach((v, i) => {
            const cell = ws.getCell(r + 2, i + 1);
            expect(cell.formula).toBeUndefined();
            if (v !== "") expect(cell.value).toBe(v);
          }),
        );
      }),
      runs(60),
    );
  });
});

describe("masking", () => {
  const id = fc
    .tuple(
      fc.string({ unit: fc.constantFrom(..."0123456789"), minLength: 6, maxLength: 6 }),
      fc.date({ min: new Date("1900-01-01"), max: new Date("2020-12-31"), noInvalidDate: true }),
      fc.string({ unit: fc.constantFrom(..."0123456789"), minLength: 3, maxLength: 3 }),
    )
    .map(([region, d, seq]) => {
      const b = `${region}${d.toISOString().slice(0, 10).replace(/-/g, "")}${seq}`;
      return { id: b + checkCharacter(b), birth: b.slice(6, 14) };
    });

  it("never shows the birth date of an ID number, in reports or in messages", () => {
    fc.assert(
      fc.property(id, ({ id: n, birth }) => {
        for (const shown of [maskIdNumber(n), showPersonal("id_number", n), showPersonal("id_number", ` ${n}x`)]) {
          expect(shown).not.toContain(birth);
          expect(shown).not.toContain(birth.slice(2));
        }
        expect(maskIdNumber(n)).toBe(`${n.slice(0, 6)}********${n.slice(14)}`);
      }),
      runs(1000),
    );
  });

  it("never shows a malformed ID number or a phone number whole", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(..."0123456789Xx-+ "), minLength: 5, maxLength: 25 }), (s) => {
        expect(maskIdNumber(s)).not.toBe(s);
        expect(maskIdNumber(s).slice(-4)).toBe(s.slice(-4));
        expect(maskPhone(s)).not.toBe(s);
      }),
      runs(1000),
    );
  });
});
