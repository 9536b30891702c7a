import { maskIdNumber, maskPhone } from "../domain/personal-data.js";

/** Formatting shared by the renderers. Pure and locale-independent, so output is the same everywhere. */

/** A share as a percentage with one decimal ("25.0%"), or "—" when there is nothing to divide by. */
export function pct(n: number, d: number): string {
  if (d === 0) return "—";
  const tenths = Math.round((n * 1000) / d);
  return `${Math.trunc(tenths / 10)}.${tenths % 10}%`;
}

/** A share as a number of percent with one decimal (25.0), for JSON and charts; null without a denominator. */
export function pctValue(n: number, d: number): number | null {
  return d === 0 ? null : Math.round((n * 1000) / d) / 10;
}

/** A policy share (0.3) as a percentage ("30%"). */
export function policyPct(share: number): string {
  return `${Math.round(share * 1000) / 10}%`;
}

/** Text inside Markdown: characters that would format, link or break a table cell are escaped. */
const MD_SPECIAL = /[\\`*_[\]<>|&#~\r\n]/;

export function md(text: string | number | undefined): string {
  if (text === undefined) return "";
  if (typeof text === "number") return String(text);
  const s = text;
  if (!MD_SPECIAL.test(s)) return s;
  // Masked numbers (640502********1017, 139****0001) stay as written: one run of asterisks between
  // digits cannot open and close emphasis, and escaping would garble the number for anyone reading
  // the file as text.
  if (/^[\dX*-]+$/.test(s)) return s;
  return s.replace(/\r\n|\r|\n/g, " ").replace(/[\\`*_[\]<>|&#~]/g, "\\$&");
}

/** A Markdown table; cells are escaped here. `align` per column: "l" or "r". */
export function mdTable(
  header: readonly string[],
  rows: readonly (readonly (string | number)[])[],
  align?: readonly ("l" | "r")[],
): string {
  let out = "|";
  for (const h of header) out += ` ${md(h)} |`;
  out += "\n|";
  for (let i = 0; i < header.length; i++) out += align?.[i] === "r" ? "---:|" : "---|";
  for (const row of rows) {
    out += "\n|";
    for (const c of row) out += ` ${md(c)} |`;
  }
  return out;
}

/** Text inside HTML (element content and attribute values). */
const HTML_SPECIAL = /[&<>"']/;

export function html(text: string | number | undefined): string {
  if (text === undefined) return "";
  if (typeof text === "number") return String(text);
  // Most text (names, dates, codes) has nothing to escape: no new string for it.
  if (!HTML_SPECIAL.test(text)) return text;
  return text.replace(/[&<>"']/g, (c) =>
    c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : c === '"' ? "&quot;" : "&#39;",
  );
}

/** ID number and phone as a report shows them: masked unless the user asked for full values. */
export function shownId(id: string, reveal: boolean): string {
  return reveal ? id : maskIdNumber(id);
}

export function shownPhone(phone: string | undefined, reveal: boolean): string {
  if (phone === undefined) return "";
  return reveal ? phone : maskPhone(phone);
}

/** A number with the thin grouping Chinese reports use for thousands (12,345). */
export function num(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}
