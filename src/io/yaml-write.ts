/**
 * The canonical YAML the library is written in. A hand-written emitter rather than a general
 * library's stringify, because the format is part of the product: one fixed layout, one quoting
 * rule that stays safe for YAML 1.1 readers too (dates, codes, IDs and phones are always quoted,
 * so no tool turns them into numbers or timestamps), and the same bytes for the same data on every
 * machine. Keys are written in the order the caller gives (the schema's order).
 */

export type YamlValue = string | number | boolean | null | undefined | YamlValue[] | { [key: string]: YamlValue };

/** Words YAML 1.1 or 1.2 reads as something other than text. */
const RESERVED = /^(?:~|null|true|false|yes|no|on|off|y|n)$/i;
const INDICATOR_START = /^[-?:,[\]{}#&*!|>'"%@`\s]/;

/**
 * Whether a string must be quoted. A string that needs no quotes is read back by any YAML 1.2
 * reader as that same string (io/canonical-yaml.ts relies on it to read such scalars itself).
 */
export function needsQuotes(s: string, inFlow: boolean): boolean {
  if (s === "") return true;
  if (RESERVED.test(s)) return true;
  if (INDICATOR_START.test(s)) return true;
  const c = s.charCodeAt(0);
  // Anything starting like a number (digits, sign, dot) is quoted: 0x.., 1_000, 1:20, .5, dates.
  if ((c >= 48 && c <= 57) || c === 43 || c === 46) return true;
  if (/\s$/.test(s)) return true;
  if (s.includes(": ") || s.includes(" #") || s.endsWith(":")) return true;
  if (inFlow && /[,[\]{}]/.test(s)) return true;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x20 && c < 0x7f) continue;
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c === 0x2028 || c === 0x2029 || c === 0xfeff) return true;
    if (c >= 0xd800 && c <= 0xdbff) {
      // A pair of surrogates is one character outside the BMP; a lone surrogate cannot be written.
      const low = s.charCodeAt(i + 1);
      if (!(low >= 0xdc00 && low <= 0xdfff)) return true;
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) return true;
  }
  return false;
}

/** A YAML double-quoted scalar: JSON escapes, plus escapes for what YAML does not allow raw. */
export function quote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === "\\") out += "\\\\";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\t") out += "\\t";
    else if (ch === "\r") out += "\\r";
    else if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || cp === 0x2028 || cp === 0x2029 || cp === 0xfeff) {
      out += `\\u${cp.toString(16).toUpperCase().padStart(4, "0")}`;
    } else if (cp >= 0xd800 && cp <= 0xdfff) {
      // A lone surrogate cannot be written as UTF-8; keep it as an escape rather than lose it.
      out += `\\u${cp.toString(16).toUpperCase()}`;
    } else out += ch;
  }
  return `${out}"`;
}

export function scalar(v: string | number | boolean | null, inFlow: boolean): string {
  if (v === null) return "null";
  if (typeof v === "number") {
    if (!Number.isFinite(v)) throw new Error("non-finite number in library data");
    return Object.is(v, -0) ? "0" : String(v);
  }
  if (typeof v === "boolean") return v ? "true" : "false";
  return needsQuotes(v, inFlow) ? quote(v) : v;
}

export function isScalar(v: YamlValue): v is string | number | boolean | null | undefined {
  return v === null || v === undefined || typeof v !== "object";
}

/** Short lists of scalars stay on one line; longer ones get a line per item. */
const FLOW_WIDTH = 100;

/** Whether a list of scalars after `head` (of that length) is written on one line. */
export function flowFits(head: string | number, items: YamlValue[]): boolean {
  let width = (typeof head === "number" ? head : head.length) + 3;
  for (const x of items) {
    width += scalar((x ?? null) as string | number | boolean | null, true).length + 2;
    if (width > FLOW_WIDTH) return false;
  }
  return true;
}

export function keyText(k: string): string {
  return needsQuotes(k, false) ? quote(k) : k;
}

export function entries(map: { [key: string]: YamlValue }): [string, YamlValue][] {
  return Object.entries(map).filter(([, v]) => v !== undefined);
}

function emitMap(map: { [key: string]: YamlValue }, indent: string, out: string[], firstPrefix?: string): void {
  let first = true;
  for (const [k, v] of entries(map)) {
    const lead = first && firstPrefix !== undefined ? firstPrefix : indent;
    first = false;
    emitEntry(`${lead}${keyText(k)}:`, v, indent, out);
  }
}

function emitEntry(head: string, v: YamlValue, indent: string, out: string[]): void {
  if (isScalar(v)) {
    out.push(`${head} ${scalar(v ?? null, false)}`);
  } else if (Array.isArray(v)) {
    if (v.length === 0) out.push(`${head} []`);
    else if (v.every((x) => isScalar(x)) && flowFits(head, v)) {
      out.push(`${head} [${v.map((x) => scalar(x ?? null, true)).join(", ")}]`);
    } else {
      out.push(head);
      emitSeq(v, `${indent}  `, out);
    }
  } else if (entries(v).length === 0) {
    out.push(`${head} {}`);
  } else {
    out.push(head);
    emitMap(v, `${indent}  `, out);
  }
}

function emitSeq(seq: YamlValue[], indent: string, out: string[]): void {
  for (const item of seq) {
    if (isScalar(item)) out.push(`${indent}- ${scalar(item ?? null, false)}`);
    else if (Array.isArray(item)) {
      if (item.length === 0) out.push(`${indent}- []`);
      else {
        out.push(`${indent}-`);
        emitSeq(item, `${indent}  `, out);
      }
    } else if (entries(item).length === 0) out.push(`${indent}- {}`);
    else emitMap(item, `${indent}  `, out, `${indent}- `);
  }
}

/** The document as canonical YAML text, ending in one newline, with optional leading comment lines. */
export function toYaml(doc: { [key: string]: YamlValue }, comments: readonly string[] = []): string {
  const out: string[] = comments.map((c) => (c ? `# ${c}` : "#"));
  emitMap(doc, "", out);
  return `${out.join("\n")}\n`;
}
