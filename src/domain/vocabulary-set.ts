import type { Policy, VocabularyAddition } from "./model.js";
import {
  BUILTIN_VOCABULARIES,
  EDUCATION_FACTS,
  MENTOR_POST_CATEGORY,
  POLITICAL_FACTS,
  VOCABULARY_KINDS,
  type EducationFacts,
  type MentorRole,
  type VocabularyName,
} from "./terms.js";
import { aliasKey, vocabulary, type TermEntry, type Vocabulary } from "./vocabulary.js";

/**
 * The vocabularies a library reads and writes: the built-in tables (domain/vocabularies/) with the
 * terms and synonyms its policy adds (policy.vocabulary). A term the policy adds says what it counts
 * as — 学历 and 政治面貌 by an existing term (counts_as), 帮带人职务 by a category — so that rules and
 * reports count it without knowing it. The additions are checked by schema/policy-vocabulary.ts; an
 * addition that clashes with a label already taken is left out here (and reported there).
 */
export interface Vocabularies {
  /** "" for the built-in tables; otherwise changes whenever the additions change (cache validity). */
  readonly fingerprint: string;
  get(name: VocabularyName): Vocabulary;
  /** Rank of an education term for floors and age limits (larger is higher); 0 for a text that is not one. */
  educationRank(term: string): number;
  /** Whether an education term is 大专及以上 (the structure figures' "college" share). */
  college(term: string): boolean;
  /**
   * Whether the figures list a term only where it is used: a band such as 初中及以下, and any term
   * the policy added (the built-in levels are always listed, so that tables line up year to year).
   */
  listedWhenUsed(name: VocabularyName, term: string): boolean;
  /** Whether a political status counts as a party member (中共党员, 中共预备党员, or a term counted as one). */
  partyMember(term: string): boolean;
  /** The category of a mentor's post; undefined for a post neither the table nor the policy knows. */
  postCategory(post: string): MentorRole | undefined;
}

function make(
  fields: ReadonlyMap<VocabularyName, Vocabulary>,
  education: ReadonlyMap<string, EducationFacts>,
  party: ReadonlyMap<string, boolean>,
  posts: ReadonlyMap<string, MentorRole>,
  fingerprint: string,
): Vocabularies {
  return {
    fingerprint,
    get: (name) => fields.get(name)!,
    educationRank: (term) => education.get(term)?.rank ?? 0,
    college: (term) => education.get(term)?.college === true,
    listedWhenUsed: (name, term) =>
      fields.get(name)!.entries.find((e) => e.term === term)?.added === true ||
      (name === "education" && EDUCATION_FACTS.get(term)?.band === true),
    partyMember: (term) => party.get(term) === true,
    postCategory: (post) => posts.get(post),
  };
}

export const BUILTIN: Vocabularies = make(
  new Map(Object.entries(BUILTIN_VOCABULARIES) as [VocabularyName, Vocabulary][]),
  EDUCATION_FACTS,
  new Map([...POLITICAL_FACTS].map(([t, f]) => [t, f.partyMember])),
  MENTOR_POST_CATEGORY,
  "",
);

const cache = new WeakMap<Policy, Vocabularies>();

/** The vocabularies of a library with this policy (made once per policy object). */
export function vocabulariesOf(policy: Policy): Vocabularies {
  const additions = policy.vocabulary;
  if (!additions || Object.keys(additions).length === 0) return BUILTIN;
  let v = cache.get(policy);
  if (!v) cache.set(policy, (v = extend(additions)));
  return v;
}

/** A short stable hash of the additions, so that cached readings made under others are not used. */
function fingerprintOf(additions: unknown): string {
  const text = JSON.stringify(additions);
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return `${h.toString(16).padStart(8, "0")}-${text.length}`;
}

function extend(additions: NonNullable<Policy["vocabulary"]>): Vocabularies {
  const fields = new Map(Object.entries(BUILTIN_VOCABULARIES) as [VocabularyName, Vocabulary][]);
  const education = new Map(EDUCATION_FACTS);
  const party = new Map([...POLITICAL_FACTS].map(([t, f]) => [t, f.partyMember]));
  const posts = new Map(MENTOR_POST_CATEGORY);
  for (const [name, list] of Object.entries(additions) as [VocabularyName, readonly VocabularyAddition[]][]) {
    const base = fields.get(name);
    if (!base || !list) continue;
    const kind = VOCABULARY_KINDS[name];
    const extended = extendOne(base, list, kind.open);
    fields.set(name, extended);
    for (const a of list) {
      if (base.has(a.term) || !extended.has(a.term)) continue;
      if (name === "education" && a.counts_as !== undefined) {
        const facts = EDUCATION_FACTS.get(a.counts_as);
        if (facts) education.set(a.term, facts);
      }
      if (name === "political_status" && a.counts_as !== undefined) {
        const facts = POLITICAL_FACTS.get(a.counts_as);
        if (facts) party.set(a.term, facts.partyMember);
      }
      if (name === "mentor_post" && a.category !== undefined && fields.get("mentor_role")!.has(a.category)) {
        posts.set(a.term, a.category as MentorRole);
      }
    }
  }
  return make(fields, education, party, posts, fingerprintOf(additions));
}

/**
 * The table with the policy's synonyms added to its terms and, where the table is open, its new
 * terms after the built-in ones. Labels that would name two terms are left out.
 */
function extendOne(base: Vocabulary, list: readonly VocabularyAddition[], open: boolean): Vocabulary {
  const taken = new Map<string, string>();
  for (const e of base.entries) {
    taken.set(aliasKey(e.term), e.term);
    for (const s of e.synonyms) taken.set(aliasKey(s), e.term);
  }
  const extra = new Map<string, string[]>();
  const added: TermEntry[] = [];
  for (const a of list) {
    const existing = base.has(a.term);
    if (!existing) {
      const key = aliasKey(a.term);
      if (!open || taken.has(key)) continue;
      taken.set(key, a.term);
      added.push({ term: a.term, synonyms: [], added: true });
    }
    for (const s of a.synonyms ?? []) {
      const key = aliasKey(s);
      const owner = taken.get(key);
      if (owner !== undefined && owner !== a.term) continue;
      taken.set(key, a.term);
      const l = extra.get(a.term) ?? [];
      l.push(s);
      extra.set(a.term, l);
    }
  }
  const entries: TermEntry[] = [...base.entries, ...added].map((e) => {
    const more = extra.get(e.term);
    return more ? { ...e, synonyms: [...e.synonyms, ...more] } : e;
  });
  return vocabulary({ ...base.definition, entries });
}
