import type { RULE_CODES } from "../../diagnostics/codes/rules.js";
import type { Entry } from "./common.js";

/** Findings of the audit rules. */
export const RULE_MESSAGES: Readonly<Record<keyof typeof RULE_CODES, Entry>> = {
  "quota-below-min": {
    zh: {
      message: (a) =>
        `${a.name} 在库后备干部 ${a.count} 人，少于最低要求 ${a.min} 人${Number(a.pending) > 0 ? `（另有 ${a.pending} 人待县级审核）` : ""}`,
      hint: (a) =>
        `至少补充 ${Number(a.min) - Number(a.count)} 人：从村民小组长、致富能手、返乡大中专毕业生中选拔，或外引回乡能人`,
    },
    en: {
      message: (a) =>
        `${a.name} has ${a.count} reserves in the pool, fewer than the minimum of ${a.min}${Number(a.pending) > 0 ? ` (${a.pending} more await the county review)` : ""}`,
      hint: (a) =>
        `add at least ${Number(a.min) - Number(a.count)}: select from group leaders, entrepreneurs and returning graduates, or recruit returning talent`,
    },
  },
  "quota-below-target": {
    zh: {
      message: (a) =>
        `${a.name} 在库后备干部 ${a.count} 人，未达到目标 ${a.target} 人${Number(a.pending) > 0 ? `（另有 ${a.pending} 人待县级审核）` : ""}`,
      hint: (a) => `建议补充到 ${a.target} 人`,
    },
    en: {
      message: (a) =>
        `${a.name} has ${a.count} reserves in the pool, below the target of ${a.target}${Number(a.pending) > 0 ? ` (${a.pending} more await the county review)` : ""}`,
      hint: (a) => `bring it up to ${a.target}`,
    },
  },
  "quota-above-max": {
    zh: {
      message: (a) => `${a.name} 在库后备干部 ${a.count} 人，超过上限 ${a.max} 人`,
      hint: () => "结合年度测评进行动态调整",
    },
    en: {
      message: (a) => `${a.name} has ${a.count} reserves in the pool, above the maximum of ${a.max}`,
      hint: () => "adjust the pool at the annual evaluation",
    },
  },
};
