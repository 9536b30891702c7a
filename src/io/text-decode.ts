/**
 * Text files from Excel and WPS on Chinese Windows come as UTF-8 (with or without BOM) or as
 * GBK/GB18030. UTF-8 is tried strictly first; anything that is not valid UTF-8 is read as GB18030
 * (a superset of GBK), using the decoder built into Node (full ICU), so no extra package is needed.
 */
export type Encoding = "utf-8" | "utf-8-bom" | "gb18030";

const utf8 = new TextDecoder("utf-8", { fatal: true });
const gb18030 = new TextDecoder("gb18030", { fatal: true });

export function decodeText(bytes: Uint8Array): { text: string; encoding: Encoding } | undefined {
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  try {
    return { text: utf8.decode(bom ? bytes.subarray(3) : bytes), encoding: bom ? "utf-8-bom" : "utf-8" };
  } catch {
    // not UTF-8
  }
  try {
    return { text: gb18030.decode(bytes), encoding: "gb18030" };
  } catch {
    return undefined;
  }
}

/**
 * Bytes that no encoding explains, and NUL bytes, are located like any other problem: the line
 * (and column) where they are, so that the official finds them in a 2,000-row roster. A file is
 * decoded without `fatal` for that: each undecodable sequence becomes U+FFFD, whose places are
 * then found in the text. (A U+FFFD already in the file is the residue of an earlier conversion
 * that lost the same bytes, and is named as such.)
 */
export const REPLACEMENT = "\ufffd";

/** A place in a text: 1-based line (counted at \n) and column (UTF-16 units, as the YAML reader counts). */
export interface TextPlace {
  readonly line: number;
  readonly column: number;
}

/** The first place of `char` on each line that holds it, in order. */
export function placesOf(text: string, char: string): TextPlace[] {
  const out: TextPlace[] = [];
  let line = 1;
  let lineStart = 0;
  let pos = 0;
  for (;;) {
    const at = text.indexOf(char, pos);
    if (at === -1) break;
    for (let nl = text.indexOf("\n", pos); nl !== -1 && nl < at; nl = text.indexOf("\n", nl + 1)) {
      line++;
      lineStart = nl + 1;
    }
    out.push({ line, column: at - lineStart + 1 });
    const end = text.indexOf("\n", at);
    if (end === -1) break;
    line++;
    lineStart = end + 1;
    pos = end + 1;
  }
  return out;
}

/**
 * Whether the undecodable bytes of a file are stray — a few cells pasted from a file in another
 * encoding, which are named one by one while the rest of the file is read and checked — or the
 * file as a whole is in an encoding the tool does not read, in which case the first place is named
 * and the rest is not read. Stray: on at most one line in ten (and always when on one line only).
 */
export function isStray(badLines: number, lines: number): boolean {
  return badLines <= Math.max(1, Math.floor(lines / 10));
}
