import type { TermEntry, VocabularyDefinition } from "./table.js";

/**
 * 帮带人类别: who may mentor a reserve (DESIGN §1 "Cultivate": 乡镇领导干部、包村干部、驻村第一书记、
 * 村“两委”成员), and 其他 for a post the table below does not know. The policy lists the categories
 * it allows; rosters name the mentor's post, and the post gives the category.
 */
const categories = [
  { term: "乡镇领导干部", synonyms: ["乡镇领导", "镇领导", "乡领导", "乡镇班子成员", "township leader"] },
  { term: "包村干部", synonyms: ["包村领导", "village liaison cadre", "liaison cadre"] },
  { term: "驻村第一书记", synonyms: ["第一书记", "first secretary"] },
  { term: "村“两委”成员", synonyms: ["两委成员", "村两委成员", "两委干部", "村干部", "village committee member"] },
  { term: "其他", synonyms: ["其它", "other"] },
] as const satisfies readonly TermEntry[];

export type MentorRole = (typeof categories)[number]["term"];

export const MENTOR_ROLE_DEFINITION: VocabularyDefinition<MentorRole> = { name: "mentor_role", entries: categories };

/** The category of a post the table does not know. */
export const OTHER_MENTOR_ROLE: MentorRole = "其他";

/**
 * 帮带人职务: the usual township and village posts, each with its category. Distinct posts stay
 * distinct terms (村党支部书记 and 村党总支书记 are different posts of different villages); short
 * forms are synonyms (村支书). Bare 书记 and 主任 are read as the village's own, since a village's
 * roster names them so. 村务监督委员会主任 counts with 村“两委”成员: it is held in principle by the
 * party branch's discipline member (村党组织纪检委员), a member of the branch committee.
 */
const posts = [
  // 乡镇领导干部
  { term: "乡镇党委书记", synonyms: ["镇党委书记", "乡党委书记", "党委书记", "镇委书记"], category: "乡镇领导干部" },
  {
    term: "乡镇党委副书记",
    synonyms: ["镇党委副书记", "乡党委副书记", "党委副书记", "专职副书记"],
    category: "乡镇领导干部",
  },
  { term: "乡镇长", synonyms: ["镇长", "乡长"], category: "乡镇领导干部" },
  { term: "副乡镇长", synonyms: ["副镇长", "副乡长"], category: "乡镇领导干部" },
  {
    term: "乡镇人大主席",
    synonyms: ["人大主席", "镇人大主席", "乡人大主席", "人大主席团主席"],
    category: "乡镇领导干部",
  },
  { term: "乡镇人大副主席", synonyms: ["人大副主席", "镇人大副主席", "乡人大副主席"], category: "乡镇领导干部" },
  { term: "乡镇纪委书记", synonyms: ["纪委书记", "镇纪委书记", "乡纪委书记"], category: "乡镇领导干部" },
  {
    term: "乡镇组织委员",
    synonyms: ["组织委员", "党委组织委员", "镇组织委员", "乡组织委员"],
    category: "乡镇领导干部",
  },
  { term: "乡镇宣传委员", synonyms: ["宣传委员", "党委宣传委员", "宣传统战委员"], category: "乡镇领导干部" },
  { term: "乡镇政法委员", synonyms: ["政法委员", "党委政法委员"], category: "乡镇领导干部" },
  { term: "乡镇统战委员", synonyms: ["统战委员", "党委统战委员"], category: "乡镇领导干部" },
  { term: "乡镇武装部长", synonyms: ["武装部长", "人武部长", "镇武装部长"], category: "乡镇领导干部" },
  { term: "乡镇党委委员", synonyms: ["党委委员", "镇党委委员", "乡党委委员"], category: "乡镇领导干部" },
  // 包村干部
  { term: "包村干部", synonyms: ["驻村干部", "包片干部", "包村联系人", "包村工作人员"], category: "包村干部" },
  // 驻村第一书记
  { term: "驻村第一书记", synonyms: ["驻村工作队第一书记", "驻村工作队队长", "工作队队长"], category: "驻村第一书记" },
  // 村“两委”成员
  { term: "村党组织书记", synonyms: ["党组织书记"], category: "村“两委”成员" },
  {
    term: "村党支部书记",
    synonyms: ["党支部书记", "村支部书记", "支部书记", "村支书", "支书", "村书记", "书记"],
    category: "村“两委”成员",
  },
  { term: "村党总支书记", synonyms: ["党总支书记", "总支书记"], category: "村“两委”成员" },
  { term: "村党委书记", synonyms: ["村党委会书记"], category: "村“两委”成员" },
  {
    term: "村党组织副书记",
    synonyms: ["村党支部副书记", "党支部副书记", "村党总支副书记", "村副书记", "副书记"],
    category: "村“两委”成员",
  },
  { term: "村委会主任", synonyms: ["村主任", "村民委员会主任", "村委主任", "主任"], category: "村“两委”成员" },
  {
    term: "村委会副主任",
    synonyms: ["村副主任", "村民委员会副主任", "村委副主任", "副主任"],
    category: "村“两委”成员",
  },
  {
    term: "村党组织委员",
    synonyms: ["村党支部委员", "党支部委员", "支部委员", "支委", "村支委", "村党总支委员"],
    category: "村“两委”成员",
  },
  { term: "村委会委员", synonyms: ["村民委员会委员", "村委委员", "村委"], category: "村“两委”成员" },
  { term: "村“两委”委员", synonyms: ["两委委员", "村两委委员"], category: "村“两委”成员" },
  { term: "村党组织纪检委员", synonyms: ["纪检委员", "村纪检委员", "党支部纪检委员"], category: "村“两委”成员" },
  {
    term: "村务监督委员会主任",
    synonyms: ["村监委会主任", "监委会主任", "村监委主任", "监委主任", "村务监督主任"],
    category: "村“两委”成员",
  },
  { term: "村妇联主席", synonyms: ["妇联主席", "村妇女主任", "妇女主任", "妇女专干"], category: "村“两委”成员" },
] as const satisfies readonly (TermEntry & { readonly category: MentorRole })[];

export type BuiltinMentorPost = (typeof posts)[number]["term"];

export const MENTOR_POST_CATEGORY: ReadonlyMap<string, MentorRole> = new Map(posts.map((p) => [p.term, p.category]));

export const MENTOR_POST_DEFINITION: VocabularyDefinition<BuiltinMentorPost> = { name: "mentor_post", entries: posts };

/**
 * 一肩挑: one person holding 村党组织书记 and 村委会主任. Written alone it names both posts; written
 * after posts (村党支部书记、村委会主任“一肩挑”) it only says so, and is dropped.
 */
export const BOTH_POSTS_MARK = "一肩挑";
export const BOTH_POSTS: readonly BuiltinMentorPost[] = ["村党组织书记", "村委会主任"];

/** 帮带方式: one mentor for one reserve, or several mentors for one reserve. */
const modes = [
  { term: "一带一", synonyms: ["1带1", "一对一", "1对1", "one to one", "one-to-one"] },
  { term: "多带一", synonyms: ["多对一", "many to one", "many-to-one"] },
] as const satisfies readonly TermEntry[];

export type MentorMode = (typeof modes)[number]["term"];

export const MENTOR_MODE_DEFINITION: VocabularyDefinition<MentorMode> = { name: "mentor_mode", entries: modes };
