import type { TermEntry, VocabularyDefinition } from "./table.js";

/**
 * 政治面貌: GB/T 4762-1984 with its codes, stored in the short forms used on cadre registration
 * forms (中共党员, 共青团员…). The structure figures count 中共党员 and 中共预备党员 as party members.
 */
export interface PoliticalFacts {
  /** 中共党员 or 中共预备党员. */
  readonly partyMember: boolean;
}

const entries = [
  {
    term: "中共党员",
    code: "01",
    synonyms: [
      "党员",
      "共产党员",
      "中国共产党党员",
      "中国共产党员",
      "中共正式党员",
      "正式党员",
      "cpc member",
      "party member",
      "communist party member",
    ],
    facts: { partyMember: true },
  },
  {
    term: "中共预备党员",
    code: "02",
    synonyms: ["预备党员", "中国共产党预备党员", "probationary member", "probationary party member"],
    facts: { partyMember: true },
  },
  {
    term: "共青团员",
    code: "03",
    synonyms: ["团员", "中国共产主义青年团团员", "共青团", "league member", "cyl member", "youth league member"],
    facts: { partyMember: false },
  },
  { term: "民革党员", code: "04", synonyms: ["民革会员", "中国国民党革命委员会会员"], facts: { partyMember: false } },
  { term: "民盟盟员", code: "05", synonyms: ["中国民主同盟盟员"], facts: { partyMember: false } },
  { term: "民建会员", code: "06", synonyms: ["中国民主建国会会员"], facts: { partyMember: false } },
  { term: "民进会员", code: "07", synonyms: ["中国民主促进会会员"], facts: { partyMember: false } },
  { term: "农工党党员", code: "08", synonyms: ["中国农工民主党党员"], facts: { partyMember: false } },
  { term: "致公党党员", code: "09", synonyms: ["中国致公党党员"], facts: { partyMember: false } },
  { term: "九三学社社员", code: "10", synonyms: [], facts: { partyMember: false } },
  { term: "台盟盟员", code: "11", synonyms: ["台湾民主自治同盟盟员"], facts: { partyMember: false } },
  {
    term: "无党派人士",
    code: "12",
    synonyms: ["无党派", "无党派民主人士", "non-partisan", "nonpartisan"],
    facts: { partyMember: false },
  },
  {
    term: "群众",
    code: "13",
    synonyms: ["普通群众", "masses", "none", "non-party", "the masses"],
    facts: { partyMember: false },
  },
] as const satisfies readonly (TermEntry & { readonly facts: PoliticalFacts })[];

export type BuiltinPoliticalStatus = (typeof entries)[number]["term"];

export const POLITICAL_FACTS: ReadonlyMap<string, PoliticalFacts> = new Map(entries.map((e) => [e.term, e.facts]));

export const POLITICAL_STATUS_DEFINITION: VocabularyDefinition<BuiltinPoliticalStatus> = {
  name: "political_status",
  standard: "GB/T 4762-1984",
  entries,
};
