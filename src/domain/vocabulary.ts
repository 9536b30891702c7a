/**
 * A closed list of official terms with the aliases people type instead.
 *
 * The library stores only the official term; input (rosters, sheets) may use an alias, which is
 * resolved here. Matching ignores case, surrounding spaces and full-width Latin letters so that
 * "Male", "ＭＡＬＥ" and " male " all resolve.
 */
export interface Vocabulary<T extends string = string> {
  /** Stable name used in diagnostics, e.g. "gender". */
  readonly name: string;
  /** Official terms in their conventional order (reports list them in this order). */
  readonly values: readonly T[];
  /** Looks a term or alias up; undefined when it is neither. */
  resolve(input: string): T | undefined;
  /** True when the input is exactly an official term. */
  has(input: string): input is T;
  /** The aliases accepted for each term, for help texts and the JSON Schema description. */
  readonly aliases: ReadonlyMap<T, readonly string[]>;
}

export function aliasKey(input: string): string {
  return toHalfWidth(input)
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, " ");
}

/** Full-width ASCII (U+FF01–U+FF5E) and the ideographic space to their ASCII forms. */
export function toHalfWidth(input: string): string {
  // Most text has nothing to convert: it is returned as it is, without being copied.
  let i = 0;
  for (; i < input.length; i++) {
    const c = input.charCodeAt(i);
    if ((c >= 0xff01 && c <= 0xff5e) || c === 0x3000) break;
  }
  if (i === input.length) return input;
  let out = "";
  for (const ch of input) {
    const cp = ch.codePointAt(0)!;
    if (cp >= 0xff01 && cp <= 0xff5e) out += String.fromCodePoint(cp - 0xfee0);
    else if (cp === 0x3000) out += " ";
    else out += ch;
  }
  return out;
}

export function vocabulary<const T extends string>(
  name: string,
  entries: readonly (readonly [T, ...string[]])[],
): Vocabulary<T> {
  const values = entries.map((e) => e[0]);
  const lookup = new Map<string, T>();
  const aliases = new Map<T, readonly string[]>();
  for (const [term, ...alts] of entries) {
    lookup.set(aliasKey(term), term);
    aliases.set(term, alts);
    for (const alt of alts) {
      const key = aliasKey(alt);
      const prev = lookup.get(key);
      if (prev !== undefined && prev !== term) {
        throw new Error(`vocabulary ${name}: alias "${alt}" names both ${prev} and ${term}`);
      }
      lookup.set(key, term);
    }
  }
  const official = new Set<string>(values);
  return {
    name,
    values,
    aliases,
    resolve: (input) => lookup.get(aliasKey(input)),
    has: (input): input is T => official.has(input),
  };
}
