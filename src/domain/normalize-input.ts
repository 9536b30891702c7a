import { dayNumber, fromDayNumber, isValidYmd, ymd, type IsoDate } from "./dates.js";
import { toHalfWidth } from "./vocabulary.js";

/**
 * What a cell typed in Excel or WPS is turned into before it is checked (docs/import.md
 * "Normalisation"). Every function is pure and returns its input unchanged when there is nothing
 * to do, so clean data costs little.
 */

/** Spaces that look like a space: no-break, the ideographic space U+3000 and the typographic ones. */
const ODD_SPACES = /[\u00a0\u2000-\u200a\u202f\u205f\u3000]/g;

/**
 * Trims whitespace at both ends, including U+3000, U+00A0 and U+FEFF, and turns the odd spaces
 * inside into plain spaces.
 */
export function cleanCell(s: string): string {
  const t = s.trim();
  return hasOddSpace(t) ? t.replace(ODD_SPACES, " ") : t;
}

function hasOddSpace(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0xa0 || c === 0x3000 || (c >= 0x2000 && c <= 0x200a) || c === 0x202f || c === 0x205f) return true;
  }
  return false;
}

/**
 * The guards people type to keep a long number as text in Excel: a leading apostrophe (also the
 * full-width and curly ones) or tab, and the formula form ="…". Applied to ID, phone and code
 * columns only, where neither can be part of a real value. Guards are removed until none is left
 * (`'="…"`, or an apostrophe typed twice), so that normalising a value again changes nothing.
 */
export function stripTextGuard(s: string): string {
  let t = s;
  const first = t.charCodeAt(0);
  // The common case, no guard: nothing to strip (a guard starts with = ' ’ ‘ ＇ or a tab).
  if (first !== 0x3d && first !== 0x27 && first !== 0xff07 && first !== 0x2018 && first !== 0x2019 && first !== 0x09) {
    return t;
  }
  for (;;) {
    const before = t;
    const formula = /^=\s*"(.*)"$/s.exec(t);
    if (formula) t = formula[1]!.trim();
    const c = t.charCodeAt(0);
    if (c === 0x27 || c === 0xff07 || c === 0x2018 || c === 0x2019 || c === 0x09) t = t.slice(1).trim();
    if (t === before) return t;
  }
}

/** ASCII digits from `from` to `to`: the shape already-clean IDs, phones, codes and dates have. */
function digitsAt(s: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    const c = s.charCodeAt(k);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** An ID number as checked and stored: guards stripped, ASCII, no spaces, upper-case X. */
export function normalizeIdInput(s: string): string {
  // Already as stored (17 digits and a digit or X): one test, nothing to rewrite.
  if (s.length === 18 && digitsAt(s, 0, 17)) {
    const last = s.charCodeAt(17);
    if ((last >= 48 && last <= 57) || last === 88) return s;
  }
  return normalizeWrittenId(s);
}

/**
 * normalizeIdInput for an ID number written any way (the fast paths of this file each have such a
 * general path, which tests/import/fast-paths.test.ts holds them to).
 */
export function normalizeWrittenId(s: string): string {
  let t = stripTextGuard(toHalfWidth(s).trim());
  if (/\s/.test(t)) t = t.replace(/\s+/g, "");
  if (t.includes("x")) t = t.replace(/x/g, "X");
  return t;
}

/**
 * A phone number: guards stripped, ASCII; a mobile loses spaces, dashes and a +86 prefix
 * (139 5101 0001 → 13951010001); a landline is written area-number ((0955) 7012345 → 0955-7012345).
 * Repeated until nothing changes (a dash before a guard hides the guard from the first pass), so
 * that normalising a value again changes nothing; a clean number takes one pass.
 */
export function normalizePhoneInput(s: string): string {
  // A mobile number as stored (11 digits from 1): what nearly every cell holds.
  if (s.length === 11 && s.charCodeAt(0) === 49 && digitsAt(s, 1, 11)) return s;
  return normalizeWrittenPhone(s);
}

/** normalizePhoneInput for a phone written any way. */
export function normalizeWrittenPhone(s: string): string {
  let t = s;
  for (;;) {
    const next = phoneOnce(t);
    if (next === t) return t;
    t = next;
  }
}

function phoneOnce(s: string): string {
  const t = stripTextGuard(toHalfWidth(s).trim())
    .replace(/^\(\s*(0\d{2,3})\s*\)\s*/, "$1-")
    .trim();
  const compact = t.replace(/[\s-]+/g, "");
  const mobile = /^(?:\+?86)?(1\d{10})$/.exec(compact);
  if (mobile) return mobile[1]!;
  const land = /^(0\d{2,3})[\s-]+(\d{7,8})$/.exec(t);
  if (land) return `${land[1]}-${land[2]}`;
  return compact;
}

/** A division code: guards stripped, ASCII digits, no spaces. */
export function normalizeCodeInput(s: string): string {
  if (s.length > 0 && digitsAt(s, 0, s.length)) return s;
  return normalizeWrittenCode(s);
}

/** normalizeCodeInput for a code written any way. */
export function normalizeWrittenCode(s: string): string {
  const t = stripTextGuard(toHalfWidth(s).trim());
  return /\s/.test(t) ? t.replace(/\s+/g, "") : t;
}

const NAME_DOT = /[·•・･‧∙⋅.．]/;
const NAME_DOTS = /\s*[·•・･‧∙⋅.．]\s*/g;
const HAN_GAP = /(\p{Script=Han})\s+(?=\p{Script=Han})/gu;

/**
 * A person's name: the separators people type in minority names (•, ・, ･, ‧, ∙, ⋅, . and ．) made
 * the middle dot U+00B7 without spaces around it; spaces between Chinese characters removed
 * (张三 padded with U+3000 for alignment is 张三); other runs of spaces made one.
 */
export function normalizeName(s: string): string {
  let t = s;
  if (NAME_DOT.test(t)) t = t.replace(NAME_DOTS, "·");
  if (/\s/.test(t)) t = t.replace(HAN_GAP, "$1").replace(/\s+/g, " ");
  return t;
}

/** Several values in one cell, separated by 、，,；; or /. */
export function splitList(s: string): string[] {
  // One value, as most such cells hold: no pattern, no copies.
  if (!hasListSeparator(s)) {
    const t = s.trim();
    return t === "" ? [] : [t];
  }
  return splitWrittenList(s);
}

/** splitList for a cell of any number of values. */
export function splitWrittenList(s: string): string[] {
  return s
    .split(/[、，,；;/／]/)
    .map((x) => x.trim())
    .filter((x) => x !== "");
}

function hasListSeparator(s: string): boolean {
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k);
    // 、 ， , ； ; / ／
    if (c === 0x3001 || c === 0xff0c || c === 0x2c || c === 0xff1b || c === 0x3b || c === 0x2f || c === 0xff0f) {
      return true;
    }
  }
  return false;
}

export type DateInput =
  | { readonly ok: true; readonly date: IsoDate }
  | { readonly ok: false; readonly reason: "format" | "impossible" }
  /** A bare number such as 44256: a spreadsheet date that lost its format. */
  | { readonly ok: false; readonly reason: "excel-serial"; readonly date: IsoDate | undefined };

const DATE_SEPARATED = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?:[ T]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/;
const DATE_CHINESE = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?$/;
const DATE_COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
const EXCEL_SERIAL = /^\d{5}(?:\.\d+)?$/;

/**
 * A date as people write it — 2021-03-01, 2021-3-1, 2021/3/1, 2021.3.1, 2021年3月1日, 20210301,
 * with full-width digits too, and a time of day after it ignored (Excel's CSV writes 2021/3/1 0:00)
 * — as YYYY-MM-DD. Only text is read: no Date object, so the machine's time zone never matters.
 */
export function parseDateInput(s: string): DateInput {
  // YYYY-MM-DD, as stored: read from its character codes, without a pattern or a copy.
  if (
    s.length === 10 &&
    s.charCodeAt(4) === 0x2d &&
    s.charCodeAt(7) === 0x2d &&
    digitsAt(s, 0, 4) &&
    digitsAt(s, 5, 7) &&
    digitsAt(s, 8, 10)
  ) {
    const yy = number(s, 0, 4);
    const mm = number(s, 5, 7);
    const dd = number(s, 8, 10);
    return isValidYmd(yy, mm, dd) ? { ok: true, date: s } : { ok: false, reason: "impossible" };
  }
  return parseWrittenDate(s);
}

function number(s: string, from: number, to: number): number {
  let n = 0;
  for (let k = from; k < to; k++) n = n * 10 + s.charCodeAt(k) - 48;
  return n;
}

/** parseDateInput for every way of writing a date (the fast path above is one of them). */
export function parseWrittenDate(s: string): DateInput {
  const t = toHalfWidth(s).trim();
  let y: string | undefined;
  let m: string | undefined;
  let d: string | undefined;
  let match = DATE_SEPARATED.exec(t);
  if (match) [y, m, d] = [match[1], match[3], match[4]];
  else if ((match = DATE_CHINESE.exec(t) ?? DATE_COMPACT.exec(t))) [y, m, d] = [match[1], match[2], match[3]];
  else if (EXCEL_SERIAL.test(t)) return { ok: false, reason: "excel-serial", date: excelSerialDate(Number(t)) };
  else return { ok: false, reason: "format" };
  const [yy, mm, dd] = [Number(y), Number(m), Number(d)];
  if (!isValidYmd(yy, mm, dd)) return { ok: false, reason: "impossible" };
  return { ok: true, date: ymd(yy, mm, dd) };
}

const EXCEL_EPOCH = dayNumber("1899-12-30");

/**
 * The date an Excel serial number stands for (1900 date system, as Excel and WPS use on Windows).
 * Serial 60 is Excel's fictitious 1900-02-29, so only serials from 61 on are converted.
 */
export function excelSerialDate(serial: number): IsoDate | undefined {
  if (!Number.isFinite(serial) || serial < 61 || serial >= 2958466) return undefined;
  return fromDayNumber(EXCEL_EPOCH + Math.floor(serial));
}
