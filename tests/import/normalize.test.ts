import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ymd } from "../../src/domain/dates.js";
import { headerKey, ROSTER_CATALOGUE } from "../../src/domain/import-columns.js";
import {
  cleanCell,
  excelSerialDate,
  normalizeCodeInput,
  normalizeIdInput,
  normalizeName,
  normalizePhoneInput,
  parseDateInput,
  splitList,
  stripTextGuard,
} from "../../src/domain/normalize-input.js";

/** Every normalisation docs/import.md lists, with the inputs officials really type. */
describe("normalising what people type", () => {
  it("trims spaces including U+3000, U+00A0 and a BOM; odd spaces inside become plain ones", () => {
    expect(cleanCell(" \u3000张三\u00a0\t")).toBe("张三");
    expect(cleanCell("\ufeff姓名")).toBe("姓名");
    expect(cleanCell("滨河\u3000镇")).toBe("滨河 镇");
    expect(cleanCell("plain")).toBe("plain");
  });

  it("strips the text guards Excel users type, only where asked", () => {
    for (const guarded of [
      "'640502199001010113",
      "\t640502199001010113",
      '="640502199001010113"',
      "’640502199001010113",
    ]) {
      expect(stripTextGuard(guarded)).toBe("640502199001010113");
    }
    expect(stripTextGuard("O'Neil")).toBe("O'Neil");
  });

  it("ID numbers: full-width digits and letters to ASCII, lower-case x to X, spaces removed", () => {
    expect(normalizeIdInput("６４０５０２１９９００１０１０１１ｘ")).toBe("64050219900101011X");
    expect(normalizeIdInput("640502 19900101 011x")).toBe("64050219900101011X");
    expect(normalizeIdInput('="64050219900101011x"')).toBe("64050219900101011X");
  });

  it("phones: mobiles lose spaces, dashes and +86; landlines become area-number", () => {
    expect(normalizePhoneInput("139 5101 0001")).toBe("13951010001");
    expect(normalizePhoneInput("139-5101-0001")).toBe("13951010001");
    expect(normalizePhoneInput("+86 139 5101 0001")).toBe("13951010001");
    expect(normalizePhoneInput("１３９５１０１０００１")).toBe("13951010001");
    expect(normalizePhoneInput("'13951010001")).toBe("13951010001");
    expect(normalizePhoneInput("(0955)7012345")).toBe("0955-7012345");
    expect(normalizePhoneInput("0955 7012345")).toBe("0955-7012345");
    expect(normalizePhoneInput("0955-7012345")).toBe("0955-7012345");
  });

  it("codes: guards stripped, full-width digits made ASCII", () => {
    expect(normalizeCodeInput("６４０５０２１００２０１")).toBe("640502100201");
    expect(normalizeCodeInput("'640502100201")).toBe("640502100201");
  });

  it.each([
    ["2021-03-01", "2021-03-01"],
    ["2021-3-1", "2021-03-01"],
    ["2021/3/1", "2021-03-01"],
    ["2021.3.1", "2021-03-01"],
    ["2021年3月1日", "2021-03-01"],
    ["2021 年 3 月 1 日", "2021-03-01"],
    ["2021年3月1号", "2021-03-01"],
    ["20210301", "2021-03-01"],
    ["2021/3/1 0:00", "2021-03-01"],
    ["2021-03-01T08:30:00", "2021-03-01"],
    ["２０２１／３／１", "2021-03-01"],
  ])("reads the date %s as %s", (input, iso) => {
    expect(parseDateInput(input)).toEqual({ ok: true, date: iso });
  });

  it("tells impossible dates, unreadable ones and spreadsheet serial numbers apart", () => {
    expect(parseDateInput("2021-02-29")).toEqual({ ok: false, reason: "impossible" });
    expect(parseDateInput("2021年3月")).toEqual({ ok: false, reason: "format" });
    expect(parseDateInput("2021/3-1")).toEqual({ ok: false, reason: "format" });
    expect(parseDateInput("21/3/1")).toEqual({ ok: false, reason: "format" });
    expect(parseDateInput("44256")).toEqual({ ok: false, reason: "excel-serial", date: "2021-03-01" });
    expect(excelSerialDate(61)).toBe("1900-03-01");
    expect(excelSerialDate(60)).toBeUndefined();
  });

  it("reads every valid date in every accepted form, without a Date object or a time zone", () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date("1900-01-01T00:00:00Z"), max: new Date("2099-12-31T00:00:00Z"), noInvalidDate: true }),
        (d) => {
          const [y, m, day] = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
          const iso = ymd(y, m, day);
          for (const form of [iso, `${y}/${m}/${day}`, `${y}年${m}月${day}日`, `${y}.${m}.${day}`]) {
            expect(parseDateInput(form)).toEqual({ ok: true, date: iso });
          }
        },
      ),
    );
  });

  it("names: separators become the middle dot; padding between Chinese characters goes", () => {
    expect(normalizeName("阿依古丽•买买提")).toBe("阿依古丽·买买提");
    expect(normalizeName("阿依古丽・买买提")).toBe("阿依古丽·买买提");
    expect(normalizeName("阿依古丽 . 买买提")).toBe("阿依古丽·买买提");
    expect(normalizeName("阿依古丽．买买提·艾力")).toBe("阿依古丽·买买提·艾力");
    expect(normalizeName("张 三")).toBe("张三");
    expect(normalizeName("Mary   Smith")).toBe("Mary Smith");
    expect(normalizeName("张𠮷")).toBe("张𠮷");
  });

  it("splits lists on 、，,；; and /", () => {
    expect(splitList("甲、乙，丙,丁；戊;己/庚／辛")).toEqual(["甲", "乙", "丙", "丁", "戊", "己", "庚", "辛"]);
    expect(splitList(" 甲 、 、")).toEqual(["甲"]);
  });
});

describe("column names", () => {
  it("match in Chinese or English, ignoring case, width, spacing, asterisks and remarks in brackets", () => {
    expect(headerKey("身份证号（18位）")).toBe(headerKey("身份证号"));
    expect(headerKey("*姓名")).toBe(headerKey("姓名"));
    expect(headerKey("Village_Code")).toBe(headerKey("village code"));
    expect(headerKey("ＩＤ Number")).toBe(headerKey("id_number"));
  });

  it("every name and alias names exactly one column", () => {
    const seen = new Map<string, string>();
    for (const c of ROSTER_CATALOGUE.columns) {
      for (const name of [c.key, c.zh, ...c.aliases]) {
        const key = headerKey(name);
        const other = seen.get(key);
        expect(other === undefined || other === c.key, `${name}: ${other} and ${c.key}`).toBe(true);
        seen.set(key, c.key);
      }
    }
    for (const ignored of ROSTER_CATALOGUE.ignored) expect(seen.has(headerKey(ignored))).toBe(false);
  });
});
