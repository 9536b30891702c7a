import {
  BUILTIN_VOCABULARIES,
  EDUCATION_FACTS,
  MENTOR_POST_CATEGORY,
  POLITICAL_FACTS,
  VOCABULARY_KINDS,
} from "../../src/domain/terms.js";
import type { VocabularyName } from "../../src/domain/terms.js";

/**
 * The vocabularies section of docs/import.md, written from the tables (src/domain/vocabularies/)
 * by `npm run docs:vocabulary`; tests/import/docs.test.ts fails when the page differs.
 */

export const START = "<!-- vocabularies: written by npm run docs:vocabulary from src/domain/vocabularies/ -->";
export const END = "<!-- end of vocabularies -->";

const TITLES: Record<VocabularyName, string> = {
  gender: "性别",
  ethnicity: "民族",
  education: "学历",
  political_status: "政治面貌",
  source: "来源",
  intake: "方式",
  target_post: "培养方向",
  status: "状态",
  mentor_post: "帮带人职务",
  mentor_role: "帮带人类别",
  mentor_mode: "帮带方式",
  practice_post: "定岗锻炼岗位",
  party_stage: "发展阶段",
  selection_step: "选拔程序",
  training_level: "培训层级",
  training_topic: "培训内容",
  screening_result: "联审结果",
};

const cell = (s: string) => s.replace(/\|/g, "\\|");

function countsAs(name: VocabularyName, term: string): string {
  if (name === "education") {
    const f = EDUCATION_FACTS.get(term)!;
    return `${f.college ? "大专及以上" : "below 大专"}${f.band ? "; a band, below 初中 for a floor" : ""}`;
  }
  if (name === "political_status") return POLITICAL_FACTS.get(term)!.partyMember ? "party member" : "";
  if (name === "mentor_post") return MENTOR_POST_CATEGORY.get(term)!;
  return "";
}

export function vocabularySection(): string {
  const out: string[] = [START, ""];
  for (const [name, vocab] of Object.entries(BUILTIN_VOCABULARIES) as [
    VocabularyName,
    (typeof BUILTIN_VOCABULARIES)[VocabularyName],
  ][]) {
    const kind = VOCABULARY_KINDS[name];
    out.push(`#### ${TITLES[name]} \`${name}\`${vocab.standard ? ` — ${vocab.standard}` : ""}`, "");
    const def = vocab.definition;
    const notes: string[] = [];
    notes.push(
      kind.open
        ? `A district may add synonyms and new terms${kind.needs ? ` (with \`${kind.needs}\`)` : ""}.`
        : "A district may add synonyms only: the rules give these terms their meaning.",
    );
    if (def.prefixes?.length) notes.push(`Written before a term and dropped: ${def.prefixes.join("、")}.`);
    if (def.suffixes?.length) notes.push(`Written after a term and dropped: ${def.suffixes.join("、")}.`);
    out.push(notes.join(" "), "");
    const extra =
      name === "education"
        ? "counts as"
        : name === "political_status"
          ? "counts as"
          : name === "mentor_post"
            ? "category"
            : "";
    const withCode = vocab.entries.some((e) => e.code !== undefined);
    const head = ["term", ...(withCode ? ["code"] : []), ...(extra ? [extra] : []), "also accepted"];
    out.push(`| ${head.join(" | ")} |`, `| ${head.map(() => "---").join(" | ")} |`);
    for (const e of vocab.entries) {
      const row = [
        e.term,
        ...(withCode ? [e.code ?? ""] : []),
        ...(extra ? [countsAs(name, e.term)] : []),
        e.synonyms.join(", "),
      ];
      out.push(`| ${row.map(cell).join(" | ")} |`);
    }
    out.push("");
  }
  out.push(END);
  return out.join("\n");
}

/** The page with its vocabularies section replaced by the tables' own. */
export function withVocabularies(page: string): string {
  const a = page.indexOf(START);
  const b = page.indexOf(END);
  if (a < 0 || b < a) throw new Error("docs/import.md has no vocabularies markers");
  return page.slice(0, a) + vocabularySection() + page.slice(b + END.length);
}

/** withVocabularies, laid out as `prettier --check` wants the page. */
export async function formattedWithVocabularies(page: string, file: string): Promise<string> {
  const prettier = await import("prettier");
  const options = (await prettier.resolveConfig(file)) ?? {};
  return prettier.format(withVocabularies(page), { ...options, filepath: file });
}
