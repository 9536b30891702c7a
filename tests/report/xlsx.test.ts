import ExcelJS from "exceljs";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  EVALUATION_SHEET_COLUMNS,
  EVALUATION_SHEET_NAME,
  ratingOptions,
  sheetColumnFor,
  sheetHeader,
} from "../../src/domain/evaluation-sheet.js";
import { DEFAULT_POLICY } from "../../src/domain/policy-defaults.js";
import { columnName, xmlText } from "../../src/io/xlsx-write.js";
import { runReport, unzip } from "./helpers.js";

/**
 * The evaluation sheet as Excel sees it, read back with exceljs (the xlsx library the project
 * already uses for input): identity columns locked and the sheet protected, scoring cells unlocked
 * with validation lists, codes stored as text, the layout the shared module defines.
 */

const run = runReport(["--format", "xlsx,csv"]);
const file = (unit: string) => join(run.out, "evaluation", `2021-${unit}.xlsx`);

async function open(path: string): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(path) as unknown as ArrayBuffer);
  const ws = wb.getWorksheet(EVALUATION_SHEET_NAME);
  if (!ws) throw new Error("no evaluation sheet");
  return ws;
}

interface Validation {
  type: string;
  formulae: unknown[];
  allowBlank?: boolean;
  showErrorMessage?: boolean;
  operator?: string;
}

function validations(ws: ExcelJS.Worksheet): Record<string, Validation> {
  return (ws as unknown as { dataValidations: { model: Record<string, Validation> } }).dataValidations.model;
}

describe("the evaluation sheet (XLSX)", () => {
  it("was written", () => {
    expect(run.code).toBe(0);
  });

  it("has the shared layout: headers in row 1, one row per in-pool reserve of the town, keyed by internal id", async () => {
    const ws = await open(file("640502100-滨河镇"));
    const headers = EVALUATION_SHEET_COLUMNS.map((c) => sheetHeader(c, DEFAULT_POLICY, "zh"));
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(headers);
    for (const h of headers) expect(sheetColumnFor(h, DEFAULT_POLICY)).toBeDefined();
    const idCol = EVALUATION_SHEET_COLUMNS.findIndex((c) => c.key === "id") + 1;
    const ids: unknown[] = [];
    ws.eachRow((row, n) => {
      if (n > 1) ids.push(row.getCell(idCol).value);
    });
    // 滨河镇: 沙坡村 2 + 黄河村 3 + 新墩村 1 in the pool (the pending, adjusted-out and elected are not).
    expect(ids).toEqual([
      "640502100201-01",
      "640502100201-02",
      "640502100202-01",
      "640502100202-02",
      "640502100202-03",
      "640502100203-01",
    ]);
  });

  it("locks the identity cells, protects the sheet, and leaves only the scoring cells open", async () => {
    const ws = await open(file("640502-沙坡头区"));
    expect((ws as unknown as { sheetProtection: unknown }).sheetProtection).toMatchObject({ sheet: true });
    expect(ws.rowCount).toBe(11); // header + 10 in the pool
    for (let r = 2; r <= ws.rowCount; r++) {
      EVALUATION_SHEET_COLUMNS.forEach((c, i) => {
        const cell = ws.getCell(r, i + 1);
        const locked = cell.protection?.locked ?? true;
        if (c.role === "identity" || c.role === "reference") expect(locked, cell.address).toBe(true);
        else expect(locked, cell.address).toBe(false);
        if (c.role !== "identity" && c.role !== "reference") expect(cell.value, cell.address).toBeNull();
      });
    }
    // Header cells are locked too.
    expect(ws.getCell("A1").protection?.locked ?? true).toBe(true);
  });

  it("keeps codes and ids as text", async () => {
    const ws = await open(file("640502-沙坡头区"));
    EVALUATION_SHEET_COLUMNS.forEach((c, i) => {
      if (!c.text) return;
      const cell = ws.getCell(2, i + 1);
      expect(typeof cell.value, `${c.key} ${cell.address}`).toBe("string");
      expect(cell.numFmt, c.key).toBe("@");
    });
    expect(ws.getCell(2, 2).value).toBe("640502100");
  });

  it("offers only the allowed values in the scoring cells (data validation)", async () => {
    const ws = await open(file("640502-沙坡头区"));
    const dv = validations(ws);
    const list = `"${ratingOptions(DEFAULT_POLICY).join(",")}"`;
    expect(list).toBe('"好,较好,一般,差"');
    for (let r = 2; r <= ws.rowCount; r++) {
      EVALUATION_SHEET_COLUMNS.forEach((c, i) => {
        const address = `${columnName(i)}${r}`;
        const v = dv[address];
        if (c.role === "rating")
          expect(v, address).toMatchObject({ type: "list", formulae: [list], showErrorMessage: true });
        else if (c.role === "votes") {
          expect(v, address).toMatchObject({ type: "whole", operator: "between", formulae: [0, 9999] });
        } else if (c.role === "raters") {
          expect(v, address).toMatchObject({ type: "whole", operator: "between", formulae: [1, 9999] });
        } else expect(v, address).toBeUndefined();
      });
    }
  });

  it("sets up printing: A4 landscape, one page wide, header row repeated, title and page numbers", async () => {
    const ws = await open(file("640502100-滨河镇"));
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: "landscape", fitToWidth: 1, fitToHeight: 0 });
    expect(ws.pageSetup.printTitlesRow).toBe("1:1");
    expect(ws.headerFooter.oddHeader).toContain("滨河镇 2021 年度村级后备干部测评表");
    expect(ws.headerFooter.oddFooter).toContain("&P");
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
  });

  it("is a ZIP with fixed time stamps and the report date as the document date", () => {
    const entries = unzip(readFileSync(file("640502101-文昌镇")));
    expect([...entries.keys()]).toEqual([
      "[Content_Types].xml",
      "_rels/.rels",
      "docProps/core.xml",
      "xl/workbook.xml",
      "xl/_rels/workbook.xml.rels",
      "xl/styles.xml",
      "xl/sharedStrings.xml",
      "xl/worksheets/sheet1.xml",
    ]);
    for (const e of entries.values()) expect([e.dosDate, e.dosTime]).toEqual([0x21, 0]);
    expect(entries.get("docProps/core.xml")!.data.toString()).toContain("2021-12-31T00:00:00Z");
  });
});

describe("the XLSX writer's escaping", () => {
  it("escapes markup and writes characters XML cannot hold as _xHHHH_", () => {
    expect(xmlText('<a href="x">&</a>')).toBe("&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;");
    expect(xmlText("a\u0001b")).toBe("a_x0001_b");
    expect(xmlText("_x0041_")).toBe("_x005F_x0041_");
  });

  it("names columns like a spreadsheet", () => {
    expect([0, 25, 26, 27, 51, 52, 701, 702].map(columnName)).toEqual(["A", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA"]);
  });
});
