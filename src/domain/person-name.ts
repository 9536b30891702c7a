/**
 * What a person's name (姓名, 帮带人) may hold: Chinese characters of every plane, the middle dot
 * U+00B7 between the parts of a minority name (variants are made this dot by normalizeName), and
 * Latin letters and spaces for a transliterated name. Anything else in a name cell is a slip — a
 * formula (=1+1, @SUM(A1)), markup (<script>), a stray quote from a badly closed CSV field, a
 * digit or a control character — and storing it would put it in every ledger and report.
 */
export type NameProblem =
  | { readonly reason: "formula"; readonly char: string }
  | { readonly reason: "markup" | "quote" | "control" | "character"; readonly char: string; readonly position: number }
  | { readonly reason: "dot" };

const HAN = /\p{Script=Han}/u;
const LATIN = /\p{Script=Latin}/u;
const DOT = "\u00b7";

/** The first problem of a normalised name; undefined when it is a name. */
export function nameProblem(name: string): NameProblem | undefined {
  // The start a spreadsheet takes for a formula, full-width too (domain/name-check.ts, for every name).
  const first = name[0];
  if (first !== undefined && "=+-@＝＋－＠".includes(first)) return { reason: "formula", char: first };
  let position = 0;
  for (const ch of name) {
    position++;
    if (ch === " " || ch === DOT) continue;
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80 && /[A-Za-z]/.test(ch)) continue;
    if (cp >= 0x2e80 && HAN.test(ch)) continue;
    if (cp >= 0xc0 && cp < 0x250 && LATIN.test(ch)) continue;
    const reason =
      ch === "<" || ch === ">"
        ? "markup"
        : ch === '"' || ch === "'" || ch === "“" || ch === "”"
          ? "quote"
          : cp < 0x20 || (cp >= 0x7f && cp < 0xa0)
            ? "control"
            : "character";
    return {
      reason,
      char: reason === "control" ? `U+${cp.toString(16).toUpperCase().padStart(4, "0")}` : ch,
      position,
    };
  }
  if (name.startsWith(DOT) || name.endsWith(DOT) || name.includes(DOT + DOT)) return { reason: "dot" };
  return undefined;
}
