import type { Lang } from "./lang.js";

/** One line per rule for `reserve audit --list-rules`, keyed by the rule's name. */
export const RULE_DESCRIPTIONS: Readonly<Record<string, Readonly<Record<Lang, string>>>> = {
  quota: {
    zh: "每个行政村在库后备干部不少于最低人数（错误）、达到目标人数（警告）、不超过上限（警告）",
    en: "every village keeps at least the minimum (error), the target (warning) and at most the maximum (warning) in the pool",
  },
};
