import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { normalizeCodeInput, normalizeIdInput, normalizePhoneInput } from "../../src/domain/normalize-input.js";
import { maskPhone } from "../../src/domain/personal-data.js";
import { showValue } from "../../src/diagnostics/display.js";
import { xlsxBytes } from "../../src/io/xlsx-write.js";
import type { WorkbookSpec } from "../../src/reports/workbook.js";
import { readYaml } from "../../src/io/yaml-read.js";

/**
 * One example for each problem the torture tests found, kept apart from the generators that found
 * it so that the fix stays covered whatever those generators come to produce.
 */

function workbook(values: string[]): WorkbookSpec {
  return {
    title: "t",
    date: "2021-12-31",
    sheets: [
      {
        name: "表",
        columns: values.map((_, i) => ({ header: `c${i}`, width: 10, style: "locked-text" as const })),
        rows: [values],
        validations: [],
        protect: false,
        orientation: "portrait",
        printHeader: "",
        printFooter: "",
      },
    ],
  };
}

describe("found by tests/trust/properties.test.ts", () => {
  it("XLSX keeps a carriage return in a cell (an XML reader would turn a raw one into a line feed)", async () => {
    const values = ["\r=cmd", "a\r\nb", "_x000D_"];
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsxBytes(workbook(values)) as unknown as ArrayBuffer);
    expect(values.map((_, i) => wb.worksheets[0]!.getCell(2, i + 1).value)).toEqual(values);
  });

  it("a malformed phone number is masked too, not shown whole", () => {
    expect(maskPhone("13951010001")).toBe("139****0001");
    expect(maskPhone("0951-7654321")).toBe("0951-***4321");
    expect(maskPhone("09517654321")).toBe("*******4321");
    expect(maskPhone("0000-")).toBe("*000-");
    expect(maskPhone("12345-")).toBe("**345-");
    expect(maskPhone("0951-12")).toBe("***1-12");
  });

  it("normalising an ID, phone or code a second time changes nothing (guards typed twice, or hidden)", () => {
    for (const s of [" '", "''640502199001010113", '\'="640502"', "＝＂640502＂", "-'", "-'+86 139 5101 0001"]) {
      for (const f of [normalizeIdInput, normalizePhoneInput, normalizeCodeInput]) expect(f(f(s))).toBe(f(s));
    }
    expect(normalizeIdInput("''640502199001010113")).toBe("640502199001010113");
    expect(normalizePhoneInput("-'+86 139 5101 0001")).toBe("13951010001");
  });
});

describe("found by tests/trust/personal-data.test.ts", () => {
  it("a value quoted in a message never shows an ID number or a phone whole, whatever its column", () => {
    expect(showValue("640502199004130217")).toBe("640502********0217");
    expect(showValue("身份证 640502199004130217 电话13910000002")).toBe("身份证 640502********0217 电话139****0002");
    expect(showValue("0951-7654321")).toBe("0951-***4321");
    expect(showValue(`${"备注".repeat(14)}640502199004130217`)).not.toMatch(/19900413/);
    // Division codes, dates and short numbers stay as written.
    expect(showValue("640502100201 2021-03-01 20210301 44256")).toBe("640502100201 2021-03-01 20210301 44256");
  });
});

describe("found by tests/trust/fuzz.test.ts", () => {
  it("a roster of nested explicit keys (? ? ? …) is refused as too deep before it is parsed, and a list as a key where it is", () => {
    const deep = readYaml(`${"? ".repeat(296)}- 姓名: 张三\n`, "r.yaml");
    expect(deep.diagnostics.map((d) => [d.code, d.args.depth])).toEqual([["yaml-too-deep", 298]]);
    const key = readYaml("- ? [a]\n  : 1\n", "r.yaml");
    expect(key.diagnostics.map((d) => [d.code, d.args.reason, d.location?.line, d.location?.column])).toEqual([
      ["yaml-syntax", "NON_STRING_KEY", 1, 5],
    ]);
  });
});
