/** The shape of the vocabulary tables in this folder (read by domain/vocabulary.ts). */

/** One standard term of a table. */
export interface TermEntry<T extends string = string> {
  readonly term: T;
  /** The term's code in the national standard the table follows, where it has one. */
  readonly code?: string;
  /** What people write for it. */
  readonly synonyms: readonly string[];
  /** Added by the district's policy rather than built in. */
  readonly added?: boolean;
}

export interface VocabularyDefinition<T extends string = string> {
  /** Stable name used in diagnostics and in the policy, e.g. "education". */
  readonly name: string;
  /** The national standard the terms and codes follow, e.g. "GB/T 4658-2006". */
  readonly standard?: string;
  readonly entries: readonly TermEntry<T>[];
  /** Words written before or after a term that do not change it (tried only when the text is not found). */
  readonly prefixes?: readonly string[];
  readonly suffixes?: readonly string[];
}
