/**
 * The guards readYaml applies before any parser runs, apart from the parser so that the canonical
 * reader (canonical-yaml.ts) applies exactly the same ones without loading the YAML library.
 */

/** Limits checked before the parser runs, so hostile input is refused cheaply (docs/reliability.md). */
export const YAML_LIMITS = {
  /** Deeper nesting than any roster or library file needs; parsers recurse per level. */
  maxDepth: 64,
  /** Aliases expanded per document; library files need none, rosters rarely a few. */
  maxAliases: 100,
} as const;

const SPACE = 32;
const DASH = 45;
const QUESTION = 63;
const HASH = 35;
const CR = 13;
const BACKSLASH = 92;
const DQUOTE = 34;
const SQUOTE = 39;

/** A quote after one of ` [{,:` (or at the start) opens a quoted scalar. */
function opensQuote(before: number): boolean {
  return before === SPACE || before === 91 || before === 123 || before === 44 || before === 58;
}

/**
 * Estimates the nesting depth without parsing: block indentation levels plus "- " items and "? "
 * explicit keys on a line plus open flow brackets. It may overestimate odd but valid files; it never underestimates by
 * more than a level, which is all a guard needs.
 */
export function nestingDepth(text: string): { depth: number; line: number } {
  const indents: number[] = [];
  let max = 0;
  let maxLine = 1;
  let flow = 0;
  let lineNo = 0;
  let pos = 0;
  while (pos <= text.length) {
    let end = text.indexOf("\n", pos);
    if (end === -1) end = text.length;
    lineNo++;
    let col = 0;
    while (pos + col < end && text.charCodeAt(pos + col) === 32) col++;
    let dashes = 0;
    let c = pos + col;
    // "- " opens a list item and "? " an explicit key: each is a level, several on one line too.
    const opener = (ch: number) => ch === DASH || ch === QUESTION;
    while (c < end && opener(text.charCodeAt(c)) && (c + 1 === end || text.charCodeAt(c + 1) === SPACE)) {
      dashes++;
      c += 2;
      while (c < end && text.charCodeAt(c) === SPACE) c++;
    }
    const first = text.charCodeAt(c);
    const blank = c >= end || first === HASH || first === CR;
    if (!blank || dashes > 0) {
      if (flow === 0) {
        while (indents.length > 0 && indents[indents.length - 1]! >= col) indents.pop();
        indents.push(col);
      }
      let quote = 0;
      for (let i = c; i < end; i++) {
        const ch = text.charCodeAt(i);
        if (quote) {
          if (ch === quote) quote = 0;
          else if (ch === BACKSLASH && quote === DQUOTE) i++;
        } else if (ch === DQUOTE || ch === SQUOTE) {
          if (i === c || opensQuote(text.charCodeAt(i - 1))) quote = ch;
        } else if (ch === HASH && (i === c || text.charCodeAt(i - 1) === SPACE)) break;
        else if (ch === 91 /* [ */ || ch === 123 /* { */) flow++;
        else if ((ch === 93 /* ] */ || ch === 125) /* } */ && flow > 0) flow--;
        const depth = indents.length + dashes + flow;
        if (depth > max) {
          max = depth;
          maxLine = lineNo;
        }
      }
      const depth = indents.length + dashes + flow;
      if (depth > max) {
        max = depth;
        maxLine = lineNo;
      }
    }
    pos = end + 1;
  }
  return { depth: max, line: maxLine };
}

export function countAliases(text: string): number {
  let n = 0;
  for (let i = text.indexOf("*"); i !== -1; i = text.indexOf("*", i + 1)) {
    const prev = i === 0 ? " " : text[i - 1]!;
    if (" \t\n[{,:-".includes(prev)) n++;
  }
  return n;
}
