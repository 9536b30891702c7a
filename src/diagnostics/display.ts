import { maskIdNumber, maskPhone } from "../domain/personal-data.js";

/** Longest value quoted in a message; longer ones end in "…". */
export const MAX_SHOWN = 40;

/**
 * What looks like an ID number or a phone anywhere in a value: a run of 14 or more digits (an ID
 * number, whole or mistyped; division codes have at most 12), a mobile number, a landline.
 */
const PERSONAL_NUMBER = /\d{14,}[Xx]?|(?<!\d)1[3-9]\d{9}(?!\d)|(?<!\d)0\d{2,3}-\d{7,8}(?!\d)/g;

/**
 * A value as it may appear in a message: ID and phone numbers masked wherever they are (an ID
 * typed into the wrong column is still an ID), control, format and other invisible characters
 * written as U+XXXX so the user can see what is really in the cell, and long values cut short.
 */
export function showValue(value: unknown, max = MAX_SHOWN): string {
  let s: string;
  if (typeof value === "string") s = value;
  else if (value === null || value === undefined) s = "";
  else if (typeof value === "object") s = Array.isArray(value) ? "[…]" : "{…}";
  else if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") s = String(value);
  else s = "";
  if (s.length >= 11) s = s.replace(PERSONAL_NUMBER, (m) => (m.length >= 14 ? maskIdNumber(m) : maskPhone(m)));
  let out = "";
  let shown = 0;
  for (const ch of s) {
    if (shown >= max) return `${out}…`;
    out += isInvisible(ch) ? `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}` : ch;
    shown++;
  }
  return out;
}

/** Characters that print as nothing or as something else: C0/C1 controls, zero-widths, BOM, bidi marks. */
export function isInvisible(ch: string): boolean {
  return isInvisibleCode(ch.codePointAt(0)!);
}

/** isInvisible for a code point, for scanning text without cutting it into characters. */
export function isInvisibleCode(cp: number): boolean {
  return (
    cp < 0x20 ||
    (cp >= 0x7f && cp <= 0x9f) ||
    cp === 0xa0 ||
    cp === 0xad ||
    (cp >= 0x200b && cp <= 0x200f) ||
    (cp >= 0x2028 && cp <= 0x202e) ||
    (cp >= 0x2060 && cp <= 0x2064) ||
    cp === 0x3000 ||
    cp === 0xfeff ||
    (cp >= 0xfff9 && cp <= 0xfffb)
  );
}

/** An ID number or phone in a message: masked, because the location already finds the row. */
export function showPersonal(kind: "id_number" | "phone", value: string): string {
  const shown = showValue(value, 24);
  return kind === "id_number" ? maskIdNumber(shown) : maskPhone(shown);
}
