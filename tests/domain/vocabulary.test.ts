import { describe, expect, it } from "vitest";
import { groupPosts, postsOf, readMentorPosts } from "../../src/domain/mentor-posts.js";
import { nameProblem } from "../../src/domain/person-name.js";
import {
  BUILTIN_VOCABULARIES,
  EDUCATION,
  MENTOR_POST,
  MENTOR_POST_CATEGORY,
  POLITICAL_STATUS,
} from "../../src/domain/terms.js";
import { BUILTIN, vocabulariesOf } from "../../src/domain/vocabulary-set.js";
import { vocabulary } from "../../src/domain/vocabulary.js";
import { DEFAULT_POLICY } from "../../src/domain/policy-defaults.js";

const texts = (groups: ReturnType<typeof groupPosts>) =>
  groups.ok ? groups.groups.map((g) => g.map((w) => w.text)) : { units: groups.units };

describe("the vocabulary tables", () => {
  it("give each code of a standard to one term", () => {
    for (const v of Object.values(BUILTIN_VOCABULARIES)) {
      const codes = v.entries.flatMap((e) => (e.code === undefined ? [] : [e.code]));
      expect(new Set(codes).size, v.name).toBe(codes.length);
    }
    expect([EDUCATION.code("大学专科"), POLITICAL_STATUS.code("群众")]).toEqual(["30", "13"]);
  });

  it("refuse a table in which one label names two terms", () => {
    expect(() =>
      vocabulary({
        name: "t",
        entries: [
          { term: "甲", synonyms: ["丙"] },
          { term: "乙", synonyms: ["丙"] },
        ],
      }),
    ).toThrow(/"丙" names both 甲 and 乙/);
  });

  it.each([
    ["大专", "大学专科"],
    ["本科", "大学本科"],
    ["硕士", "研究生"],
    ["初中及以下", "初中及以下"],
    ["全日制本科", "大学本科"],
    ["大专毕业", "大学专科"],
    ["党校大专", "大学专科"],
    ["大学本科毕业", "大学本科"],
    ["职业高中毕业", "中专"],
    ["高中（中专）", "高中"],
    ["初中以下", "初中及以下"],
    ["  ＣＯＬＬＥＧＥ ", "大学专科"],
  ])("read the 学历 %s as %s", (written, term) => {
    expect(EDUCATION.resolve(written)).toBe(term);
  });

  it("leave what is not a term for the hint, naming the nearest one", () => {
    expect(EDUCATION.resolve("大学在读")).toBeUndefined();
    expect(EDUCATION.nearest("大学在读")).toBe("大学本科");
    expect(EDUCATION.nearest("初中及一下")).toBe("初中及以下");
    expect(EDUCATION.nearest("xyz")).toBeUndefined();
  });

  it('ignore quotation marks, so 村"两委"成员 is 村“两委”成员', () => {
    expect(BUILTIN.get("mentor_role").resolve('村"两委"成员')).toBe("村“两委”成员");
  });

  it("count 初中及以下 below 高中 and below 初中, and 大专 and above as college", () => {
    expect(BUILTIN.educationRank("初中及以下")).toBeLessThan(BUILTIN.educationRank("初中"));
    expect(BUILTIN.educationRank("初中及以下")).toBeLessThan(BUILTIN.educationRank("高中"));
    expect(["研究生", "大学本科", "大学专科", "中专"].map((e) => BUILTIN.college(e))).toEqual([
      true,
      true,
      true,
      false,
    ]);
    expect(["中共党员", "中共预备党员", "共青团员"].map((p) => BUILTIN.partyMember(p))).toEqual([true, true, false]);
  });

  it("give every mentor post a category the policy can allow", () => {
    const categories = new Set<string>(BUILTIN.get("mentor_role").values);
    for (const post of MENTOR_POST.values) expect(categories.has(MENTOR_POST_CATEGORY.get(post)!), post).toBe(true);
    expect(MENTOR_POST.resolve("村监委会主任")).toBe("村务监督委员会主任");
    expect(MENTOR_POST_CATEGORY.get("村务监督委员会主任")).toBe("村“两委”成员");
  });
});

describe("a district's additions to the vocabularies", () => {
  const policy = {
    ...DEFAULT_POLICY,
    vocabulary: {
      education: [
        { term: "大学专科", synonyms: ["电大大专"] },
        { term: "技师学院", counts_as: "大学专科", synonyms: ["技师"] },
      ],
      mentor_post: [{ term: "村团支部书记", category: "村“两委”成员", synonyms: ["团支书"] }],
      gender: [{ term: "未说明" }],
    },
  };
  const v = vocabulariesOf(policy);

  it("add synonyms to built-in terms and new terms counted as the term they name", () => {
    expect(v.get("education").resolve("电大大专")).toBe("大学专科");
    expect(v.get("education").resolve("技师")).toBe("技师学院");
    expect([v.college("技师学院"), v.educationRank("技师学院")]).toEqual([true, BUILTIN.educationRank("大学专科")]);
    expect(readMentorPosts(postsOf("团支书"), v)).toMatchObject({ role: "村“两委”成员", posts: ["村团支部书记"] });
  });

  it("leave a closed table closed and the built-in tables untouched", () => {
    expect(v.get("gender").has("未说明")).toBe(false);
    expect(BUILTIN.get("education").resolve("技师")).toBeUndefined();
    expect(v.fingerprint).not.toBe("");
    expect(vocabulariesOf(DEFAULT_POLICY)).toBe(BUILTIN);
  });
});

describe("the posts of a 帮带人职务 cell", () => {
  it.each([
    ["村党支部书记、村委会主任", 1, [["村党支部书记", "村委会主任"]]],
    ["村党支部书记,村委会主任", 1, [["村党支部书记", "村委会主任"]]],
    ["村党支部书记\n村委会主任", 1, [["村党支部书记", "村委会主任"]]],
    ["村党支部书记兼村委会主任", 1, [["村党支部书记", "村委会主任"]]],
    ["村党支部书记、村委会主任（一肩挑）", 1, [["村党支部书记", "村委会主任"]]],
    ["书记主任一肩挑", 1, [["村党组织书记", "村委会主任"]]],
    ["一肩挑", 1, [["村党组织书记", "村委会主任"]]],
    ["包村干部、村委会主任", 2, [["包村干部"], ["村委会主任"]]],
    ["包村干部", 2, [["包村干部"], ["包村干部"]]],
    [
      "镇党委委员兼包村干部；村党支部书记、村委会主任",
      2,
      [
        ["镇党委委员", "包村干部"],
        ["村党支部书记", "村委会主任"],
      ],
    ],
    ["镇党委委员\n村党支部书记、村委会主任", 2, [["镇党委委员"], ["村党支部书记", "村委会主任"]]],
  ])("%j for %i mentor(s)", (cell, mentors, expected) => {
    expect(texts(groupPosts(cell, mentors))).toEqual(expected);
  });

  it("say how many posts were found when they fit neither one each nor one for all", () => {
    expect(texts(groupPosts("包村干部、村委会主任、村会计", 2))).toEqual({ units: 3 });
  });

  it("give the category of the first known post, 其他 for a post no table knows, and what was rewritten", () => {
    expect(readMentorPosts(postsOf("镇党委委员兼包村干部"), BUILTIN)).toEqual({
      role: "乡镇领导干部",
      posts: ["乡镇党委委员", "包村干部"],
      rewrites: [{ from: "镇党委委员", to: "乡镇党委委员" }],
      unknown: [],
    });
    expect(readMentorPosts(postsOf("包村干部"), BUILTIN)).toEqual({ role: "包村干部", rewrites: [], unknown: [] });
    expect(readMentorPosts(postsOf("村会计"), BUILTIN)).toEqual({
      role: "其他",
      posts: ["村会计"],
      rewrites: [],
      unknown: ["村会计"],
    });
    expect(readMentorPosts(postsOf("书记主任一肩挑"), BUILTIN).rewrites).toEqual([
      { from: "书记主任一肩挑", to: "村党组织书记、村委会主任" },
    ]);
  });
});

describe("what a name may hold", () => {
  it.each(["张三", "𠮷祥", "买买提·艾力", "阿依古丽·买买提", "John Smith", "李〇"])("%s is a name", (name) => {
    expect(nameProblem(name)).toBeUndefined();
  });

  it.each([
    ["=1+1", { reason: "formula", char: "=" }],
    ["@SUM(A1)", { reason: "formula", char: "@" }],
    ["+8613900000000", { reason: "formula", char: "+" }],
    ["<script>alert(1)</script>", { reason: "markup", char: "<", position: 1 }],
    ['李"四', { reason: "quote", char: '"', position: 2 }],
    ["王五2", { reason: "character", char: "2", position: 3 }],
    ["张\u0007三", { reason: "control", char: "U+0007", position: 2 }],
    ["·买买提", { reason: "dot" }],
  ])("%j is not", (name, problem) => {
    expect(nameProblem(name)).toEqual(problem);
  });
});
