import type { ROLLUP_CODES } from "../../diagnostics/codes/rollup.js";
import { some, type Entry } from "./common.js";

/** Findings across several libraries (`--data A --data B …`). */
export const ROLLUP_MESSAGES: Readonly<Record<keyof typeof ROLLUP_CODES, Entry>> = {
  "person-in-two-districts": {
    zh: {
      message: (a) =>
        `${a.place}的 ${a.name}（身份证号 ${a.id}）也在 ${some(a.others, 4)}的后备干部库中：同一人只能由一个村储备`,
      hint: () => "与另一区县核实此人实际由哪个村储备，由另一方在其库中删除该记录或调整出库",
    },
    en: {
      message: (a) =>
        `${a.name} of ${a.place} (ID number ${a.id}) is also in the pool of ${some(a.others, 4, ", ")}: one person is kept by one village only`,
      hint: () =>
        "agree with the other district which village keeps this person; the other removes or adjusts out its record",
    },
  },
  "village-in-two-libraries": {
    zh: {
      message: (a) => `${a.name}（${a.code}）也登记在 ${some(a.others, 4)}的库中：一个村只能由一个库储备和统计`,
      hint: () => "在不该管这个村的库的 district.yaml 中删除该村（或把两个库合并为一个）",
    },
    en: {
      message: (a) =>
        `${a.name} (${a.code}) is also in the register of ${some(a.others, 4, ", ")}: a village is kept and counted by one library only`,
      hint: () =>
        "remove the village from district.yaml of the library that does not keep it (or merge the two libraries)",
    },
  },
  "library-year-differs": {
    zh: {
      message: (a) => `${a.district}的库工作年度为 ${a.year}，与汇总的年度 ${a.expected} 不同`,
      hint: () => "汇总按同一年度统计；请确认各区县的库都已进入该年度，或用 --year 指定汇总的年度",
    },
    en: {
      message: (a) => `the library of ${a.district} works in ${a.year}, not in ${a.expected} as the roll-up does`,
      hint: () =>
        "a roll-up counts one year; check that every district's library has moved to that year, or give --year",
    },
  },
  "library-policy-differs": {
    zh: {
      message: (a) =>
        `${a.district}的政策与${a.first}不同（${a.keys}）：各村按本区县的政策判断，汇总表中的要求取自${a.first}`,
      hint: () => "如各区县本应执行同一政策，请统一 district.yaml 中的 policy；不同是有意为之时可忽略此提示",
    },
    en: {
      message: (a) =>
        `the policy of ${a.district} differs from ${a.first}'s (${a.keys}): each village is judged by its own district's policy; the requirements shown in the roll-up are ${a.first}'s`,
      hint: () =>
        "if the districts should follow one policy, make policy in district.yaml the same; ignore this when the difference is intended",
    },
  },
};
