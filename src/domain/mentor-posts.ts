import { BOTH_POSTS, BOTH_POSTS_MARK, MENTOR_ROLE, OTHER_MENTOR_ROLE, type MentorRole } from "./terms.js";
import type { Vocabularies } from "./vocabulary-set.js";

/**
 * Reading the 帮带人职务 cell of a roster (docs/import.md "Mentors"): the posts of each mentor named
 * in the 帮带人 cell, and the category each post counts as.
 *
 * Rosters write the mentor's real post (村党支部书记, 镇党委副书记) or, as older templates asked, the
 * category (包村干部). One mentor may hold several posts (一肩挑: 村党支部书记、村委会主任), written in
 * one cell with 、 , ， ; or a line break (Alt+Enter), joined by 兼, or marked “一肩挑”. With one
 * mentor every post of the cell is theirs; with several, the cell gives one post each in order, one
 * for all, or — where lines or semicolons split it into as many parts as there are mentors — one
 * part each.
 */

const STRONG = /[\n；;]/;
const ALL = /[\n；;、，,/／]/;
const MARK = new RegExp(`[（(“"「【\\[]?\\s*${BOTH_POSTS_MARK}\\s*[）)”"」】\\]]?`, "g");

/** One post of a mentor as read from the cell, and the text it was read from (several for 一肩挑). */
export interface WrittenPost {
  readonly text: string;
  readonly from: string;
}

/** The posts written for each mentor; or how many units were found when they do not fit. */
export type PostGroups =
  | { readonly ok: true; readonly groups: readonly (readonly WrittenPost[])[] }
  | { readonly ok: false; readonly units: number };

function pieces(s: string, by: RegExp): string[] {
  return s
    .split(by)
    .map((x) => x.trim())
    .filter((x) => x !== "");
}

/** Both posts written as one: 书记主任, 村党支部书记村委会主任 (before 一肩挑, or with the separator left out). */
const BOTH_RUN = /^(?:村?党(?:支部|总支|组织|委)?)?书记(?:村(?:委会|民委员会)?)?主任$/;

/** The posts of one mentor's part of the cell: split at every separator and at 兼; 一肩挑 alone is both posts. */
export function postsOf(part: string): WrittenPost[] {
  const marked = part.includes(BOTH_POSTS_MARK);
  const both = (from: string) => BOTH_POSTS.map((text) => ({ text, from }));
  const posts = pieces(part.replace(MARK, "、"), ALL)
    .flatMap((p) => pieces(p, /兼/))
    .flatMap((p) => (BOTH_RUN.test(p) ? both(marked ? part.trim() : p) : [{ text: p, from: p }]));
  return posts.length === 0 && marked ? both(part.trim()) : posts;
}

export function groupPosts(cell: string, mentors: number): PostGroups {
  if (mentors <= 1) return { ok: true, groups: [postsOf(cell)] };
  const strong = pieces(cell, STRONG);
  if (strong.length === mentors) return { ok: true, groups: strong.map(postsOf) };
  const units = pieces(cell.replace(MARK, ""), ALL);
  if (units.length === mentors) return { ok: true, groups: units.map(postsOf) };
  if (units.length <= 1) {
    const all = postsOf(cell);
    return { ok: true, groups: Array.from({ length: mentors }, () => all) };
  }
  return { ok: false, units: units.length };
}

/** One label of the cell read: a category written as such, a known post, or a post the tables do not know. */
export interface PostLabel {
  /** The label as written. */
  readonly written: string;
  /** The stored post (the table's term, or the label itself when unknown); undefined for a category. */
  readonly post?: string;
  readonly category: MentorRole;
  readonly known: boolean;
}

export function readPostLabel(label: string, v: Vocabularies): PostLabel {
  const category = v.get("mentor_role").resolve(label) as MentorRole | undefined;
  if (category !== undefined) return { written: label, category, known: true };
  const post = v.get("mentor_post").resolve(label);
  if (post !== undefined)
    return { written: label, post, category: v.postCategory(post) ?? OTHER_MENTOR_ROLE, known: true };
  return { written: label, post: label, category: OTHER_MENTOR_ROLE, known: false };
}

/** A mentor's posts read: the category, the stored posts, what was rewritten, what no table knows. */
export interface MentorPosts {
  readonly role: MentorRole;
  /** The posts as stored (absent when the cell named a category only). */
  readonly posts?: readonly string[];
  /** Text written another way than it is stored (镇党委副书记 → 乡镇党委副书记, 书记主任 → both posts). */
  readonly rewrites: readonly { readonly from: string; readonly to: string }[];
  /** Posts no table knows: kept as written, with the category 其他. */
  readonly unknown: readonly string[];
}

export function readMentorPosts(written: readonly WrittenPost[], v: Vocabularies): MentorPosts {
  const labels = written.map((w) => ({ ...readPostLabel(w.text, v), from: w.from }));
  const byFrom = new Map<string, string[]>();
  for (const l of labels) {
    const list = byFrom.get(l.from) ?? [];
    list.push(l.post ?? l.category);
    byFrom.set(l.from, list);
  }
  const rewrites = [...byFrom]
    .map(([from, to]) => ({ from, to: [...new Set(to)].join("、") }))
    .filter((r) => r.from !== r.to);
  // A category written beside real posts (镇党委委员兼包村干部) is one of the mentor's posts too;
  // written alone, it says only the category, as older rosters did.
  const named = labels.some((l) => l.post !== undefined);
  const posts = [
    ...new Set(
      labels.flatMap((l) =>
        l.post !== undefined ? [l.post] : named ? [v.get("mentor_post").resolve(l.written) ?? l.category] : [],
      ),
    ),
  ];
  return {
    role: mentorCategory(labels),
    ...(posts.length > 0 && { posts }),
    rewrites,
    unknown: [...new Set(labels.filter((l) => !l.known).map((l) => l.written))],
  };
}

/**
 * The category of a mentor with these posts: the first, in the order of the categories, of those
 * the labels name (a township leader who is also the village's 包村干部 is a township leader); 其他
 * only when no label is known.
 */
export function mentorCategory(labels: readonly PostLabel[]): MentorRole {
  let best: MentorRole = OTHER_MENTOR_ROLE;
  let rank = MENTOR_ROLE.values.indexOf(best);
  for (const l of labels) {
    const r = MENTOR_ROLE.values.indexOf(l.category);
    if (r < rank) [best, rank] = [l.category, r];
  }
  return best;
}
