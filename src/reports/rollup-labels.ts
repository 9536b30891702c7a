import type { Lang } from "../messages/lang.js";
import { reportLabels, type ReportLabels } from "./labels.js";
import type { RollupLevel } from "./rollup-model.js";

/**
 * The words of the roll-up: the district summary's labels with its units one level up — the rows
 * are districts (区县), the whole is a city (全市) or a province (全省) — and the words the roll-up
 * adds (its findings, its districts' reports).
 */

const WHOLE: Record<Lang, Record<RollupLevel, string>> = {
  zh: { city: "全市", province: "全省", districts: "各区县合计" },
  en: { city: "whole city", province: "whole province", districts: "all districts" },
};

const EXTRA = {
  zh: {
    districts: "各区县",
    libraryFolder: "库文件夹",
    workingYear: "工作年度",
    districtReport: "本区县报表",
    findingsTitle: "六、跨区县检查",
    findingsNone: "未发现跨区县的问题：没有同一身份证号在两个区县的库中，也没有同一个村登记在两个库中。",
    findingsIntro: (n: number) => `共 ${n} 项（身份证号已隐去部分数字；位置为各区县库中的文件和行）：`,
    districtsTitle: "各区县的库",
    note: "说明",
    dashboardFindings: "跨区县检查",
    dashQuota: "各区县储备达标情况（村数）",
    dashPool: "各区县在库人数",
    dashShares: "各区县队伍结构",
    dashLinks: "各区县看板",
  },
  en: {
    districts: "Districts",
    libraryFolder: "library",
    workingYear: "working year",
    districtReport: "district report",
    findingsTitle: "6. Checks across districts",
    findingsNone:
      "No problem across districts: no ID number is in the pools of two districts, and no village is in two libraries' registers.",
    findingsIntro: (n: number) =>
      `${n} finding${n === 1 ? "" : "s"} (ID numbers masked; positions are files and lines in each district's library):`,
    districtsTitle: "The districts' libraries",
    note: "Note",
    dashboardFindings: "Checks across districts",
    dashQuota: "Quota status of each district's villages",
    dashPool: "Reserves in the pool by district",
    dashShares: "Structure of each district's pool",
    dashLinks: "The districts' dashboards",
  },
};

export type RollupLabels = ReportLabels & { readonly rollup: (typeof EXTRA)["zh"] };

export function rollupLabels(lang: Lang, level: RollupLevel): RollupLabels {
  const L = reportLabels(lang);
  const zh = lang === "zh";
  return {
    ...L,
    wholeDistrict: WHOLE[lang][level],
    levels: {
      ...L.levels,
      district: zh ? (level === "province" ? "省" : "市") : level === "province" ? "province" : "city",
      town: zh ? "区县" : "district",
    },
    town: zh ? "区县" : "district",
    townCode: zh ? "区县代码" : "district code",
    overview: {
      ...L.overview,
      byTown: zh ? "分区县" : "By district",
      shortTowns: zh ? "未达要求的区县" : "districts short of it",
    },
    rollup: EXTRA[lang],
  };
}
