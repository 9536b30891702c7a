import type { Policy, VocabularyAddition } from "../domain/model.js";
import { BUILTIN_VOCABULARIES, MENTOR_ROLE, VOCABULARY_KINDS, type VocabularyName } from "../domain/terms.js";
import { vocabulariesOf } from "../domain/vocabulary-set.js";
import { aliasKey, type Vocabulary } from "../domain/vocabulary.js";
import { showValue } from "../diagnostics/display.js";
import type { RecordProblem } from "./record-checks.js";

/**
 * The checks of policy.vocabulary that its shape does not say (domain/vocabulary-set.ts): a closed
 * table takes synonyms only; a new 学历 or 政治面貌 names the built-in term it counts as, a new
 * 帮带人职务 its category; no label names two terms. Also that the external sources are sources
 * of the library's own vocabulary. Paths are from the top of district.yaml.
 */
export function checkPolicyVocabulary(policy: Policy): RecordProblem[] {
  const out: RecordProblem[] = [];
  const base = ["policy", "vocabulary"];
  for (const [name, list] of Object.entries(policy.vocabulary ?? {}) as [
    VocabularyName,
    readonly VocabularyAddition[] | undefined,
  ][]) {
    if (!list) continue;
    const builtin: Vocabulary = BUILTIN_VOCABULARIES[name];
    const kind = VOCABULARY_KINDS[name];
    const owner = new Map<string, string>();
    for (const e of builtin.entries) {
      owner.set(aliasKey(e.term), e.term);
      for (const s of e.synonyms) owner.set(aliasKey(s), e.term);
    }
    list.forEach((a, i) => {
      const at = [...base, name, i];
      const known = builtin.has(a.term);
      const term = showValue(a.term);
      if (!known) {
        const taken = owner.get(aliasKey(a.term));
        if (taken !== undefined) {
          out.push({ code: "vocabulary-conflict", args: { label: term, owner: taken }, path: [...at, "term"] });
          return;
        }
        if (!kind.open) {
          const nearest = builtin.nearest(a.term) ?? "";
          out.push({ code: "vocabulary-closed", args: { table: name, term, nearest }, path: [...at, "term"] });
          return;
        }
        owner.set(aliasKey(a.term), a.term);
      }
      if (a.counts_as !== undefined && (known || kind.needs !== "counts_as")) {
        out.push({
          code: "vocabulary-counts-as",
          args: { table: name, term, reason: "not-allowed" },
          path: [...at, "counts_as"],
        });
      } else if (!known && kind.needs === "counts_as") {
        if (a.counts_as === undefined) {
          out.push({
            code: "vocabulary-counts-as",
            args: { table: name, term, reason: "missing", allowed: builtin.values.join("、") },
            path: at,
          });
        } else if (!builtin.has(a.counts_as)) {
          out.push({
            code: "vocabulary-counts-as",
            args: {
              table: name,
              term,
              reason: "unknown",
              value: showValue(a.counts_as),
              allowed: builtin.values.join("、"),
            },
            path: [...at, "counts_as"],
          });
        }
      }
      if (a.category !== undefined && (known || kind.needs !== "category")) {
        out.push({
          code: "vocabulary-category",
          args: { table: name, term, reason: "not-allowed" },
          path: [...at, "category"],
        });
      } else if (!known && kind.needs === "category" && a.category === undefined) {
        out.push({
          code: "vocabulary-category",
          args: { table: name, term, reason: "missing", allowed: MENTOR_ROLE.values.join("、") },
          path: at,
        });
      }
      (a.synonyms ?? []).forEach((s: string, j: number) => {
        const key = aliasKey(s);
        const taken = owner.get(key);
        if (taken !== undefined && taken !== a.term) {
          out.push({
            code: "vocabulary-conflict",
            args: { label: showValue(s), owner: taken },
            path: [...at, "synonyms", j],
          });
        } else owner.set(key, a.term);
      });
    });
  }
  const sources = vocabulariesOf(policy).get("source");
  policy.external_sources.forEach((s, i) => {
    if (sources.has(s)) return;
    out.push({
      code: "bad-term",
      args: {
        field: "external_sources",
        value: showValue(s),
        allowed: sources.values.join("、"),
        official: sources.resolve(s) ?? "",
        nearest: sources.nearest(s) ?? "",
      },
      path: ["policy", "external_sources", i],
    });
  });
  return out;
}
