/** Wording of `reserve init`. */
export const INIT_ZH = {
  init: {
    created: (path: string, towns: number, villages: number) =>
      `已在 ${path} 新建后备干部库：${towns} 个乡镇，${villages} 个村。`,
    next: "下一步：用 reserve import 导入各村名册，用 reserve audit 检查。",
  },
};

export const INIT_EN: typeof INIT_ZH = {
  init: {
    created: (path: string, towns: number, villages: number) =>
      `created a reserve library in ${path}: ${towns} towns, ${villages} villages.`,
    next: "next: import the villages' rosters with reserve import and check with reserve audit.",
  },
};
