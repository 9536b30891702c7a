/**
 * A list of standard terms with the words people write instead (synonyms: short forms, bands,
 * older names, English).
 *
 * The library stores only standard terms; input (rosters, sheets) may use a synonym, which is
 * resolved here. Matching ignores case, surrounding spaces, quotation marks and full-width Latin
 * letters, so that "Male", "ＭＡＬＥ" and " male " all resolve, and 村"两委"成员 is 村“两委”成员.
 * A table may also name prefixes and suffixes that carry no meaning for the term (学历 written
 * 全日制本科 or 大专毕业): they are removed when the whole text is not found.
 */

import type { TermEntry, VocabularyDefinition } from "./vocabularies/table.js";

export type { TermEntry, VocabularyDefinition };

export interface Vocabulary<T extends string = string> {
  readonly name: string;
  readonly standard?: string;
  /** Standard terms in their conventional order (reports list them in this order). */
  readonly values: readonly T[];
  readonly entries: readonly TermEntry<T>[];
  /** Looks a term or synonym up; undefined when it is neither. */
  resolve(input: string): T | undefined;
  /** True when the input is exactly a standard term. */
  has(input: string): input is T;
  /** The synonyms accepted for each term, for help texts and the JSON Schema description. */
  readonly aliases: ReadonlyMap<T, readonly string[]>;
  /** The standard code of a term, where it has one. */
  code(term: string): string | undefined;
  /** The term whose name or synonym is nearest to a text that is neither, for a hint. */
  nearest(input: string): T | undefined;
  readonly definition: VocabularyDefinition<T>;
}

const QUOTES = /["'“”‘’「」『』＂＇]/g;

export function aliasKey(input: string): string {
  return toHalfWidth(input)
    .trim()
    .toLowerCase()
    .replace(QUOTES, "")
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

/** Two labels of a table that name different terms (a table must never have one). */
export interface LabelConflict {
  readonly label: string;
  readonly first: string;
  readonly second: string;
}

/** The lookup of a table's labels, and the labels that would name two terms. */
export function labelLookup<T extends string>(
  entries: readonly TermEntry<T>[],
): { lookup: Map<string, T>; conflicts: LabelConflict[] } {
  const lookup = new Map<string, T>();
  const conflicts: LabelConflict[] = [];
  for (const { term } of entries) lookup.set(aliasKey(term), term);
  for (const { term, synonyms } of entries) {
    for (const alt of synonyms) {
      const key = aliasKey(alt);
      const prev = lookup.get(key);
      if (prev !== undefined && prev !== term) conflicts.push({ label: alt, first: prev, second: term });
      else lookup.set(key, term);
    }
  }
  return { lookup, conflicts };
}

export function vocabulary<const T extends string>(definition: VocabularyDefinition<T>): Vocabulary<T> {
  const { name, entries } = definition;
  const { lookup, conflicts } = labelLookup(entries);
  if (conflicts.length > 0) {
    const c = conflicts[0]!;
    throw new Error(`vocabulary ${name}: "${c.label}" names both ${c.first} and ${c.second}`);
  }
  const values = entries.map((e) => e.term);
  const official = new Set<string>(values);
  const aliases = new Map<T, readonly string[]>(entries.map((e) => [e.term, e.synonyms]));
  const codes = new Map<string, string>();
  for (const e of entries) if (e.code !== undefined) codes.set(e.term, e.code);
  const prefixes = (definition.prefixes ?? []).map(aliasKey);
  const suffixes = (definition.suffixes ?? []).map(aliasKey);
  const resolve = (input: string): T | undefined => {
    const key = aliasKey(input);
    const found = lookup.get(key);
    if (found !== undefined || (prefixes.length === 0 && suffixes.length === 0)) return found;
    return resolveAffixed(key, lookup, prefixes, suffixes);
  };
  let labels: { key: string; term: T }[] | undefined;
  return {
    name,
    ...(definition.standard !== undefined && { standard: definition.standard }),
    values,
    entries,
    aliases,
    definition,
    resolve,
    has: (input): input is T => official.has(input),
    code: (term) => codes.get(term),
    nearest: (input) => nearestTerm(aliasKey(input), (labels ??= [...lookup].map(([key, term]) => ({ key, term })))),
  };
}

/** A key with one meaningless prefix and/or suffix removed, looked up again. */
function resolveAffixed<T>(
  key: string,
  lookup: ReadonlyMap<string, T>,
  prefixes: readonly string[],
  suffixes: readonly string[],
): T | undefined {
  const cores = [key];
  for (const p of prefixes) if (key.length > p.length && key.startsWith(p)) cores.push(key.slice(p.length).trim());
  for (const core of cores) {
    if (core !== key) {
      const found = lookup.get(core);
      if (found !== undefined) return found;
    }
    for (const s of suffixes) {
      if (core.length > s.length && core.endsWith(s)) {
        const found = lookup.get(core.slice(0, -s.length).trim());
        if (found !== undefined) return found;
      }
    }
  }
  return undefined;
}

/** Edit distance between two short texts, by code point. */
function distance(a: readonly string[], b: readonly string[]): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length]!;
}

/**
 * The term of the label nearest to `key`: a label the text contains or is contained in (大专毕业班
 * holds 大专), else one within a third of the text's length in edits (初中及一下 is one edit from
 * 初中及以下). Undefined when nothing is near enough to be worth suggesting.
 */
function nearestTerm<T>(key: string, labels: readonly { key: string; term: T }[]): T | undefined {
  const chars = [...key];
  if (chars.length === 0) return undefined;
  let best: { term: T; score: number } | undefined;
  for (const label of labels) {
    const lc = [...label.key];
    let score: number;
    if (lc.length >= 2 && (key.includes(label.key) || label.key.includes(key)) && chars.length >= 2) {
      score = Math.abs(lc.length - chars.length);
    } else {
      const d = distance(chars, lc);
      if (d > Math.max(1, Math.floor(Math.max(chars.length, lc.length) / 3))) continue;
      score = d;
    }
    if (!best || score < best.score) best = { term: label.term, score };
  }
  return best?.term;
}
