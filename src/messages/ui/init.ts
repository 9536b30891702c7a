interface County {
  readonly name: string;
  readonly code: string;
  /** Province and city, as one text. */
  readonly place: string;
}

/** Wording of `reserve init`. */
export const INIT_ZH = {
  init: {
    districtOpt: "区县代码（6 位，或区县名称）：按统计用区划代码表（2023 年版）建库，无需代码表文件",
    needSource: "请用 --district 给出区县代码（按官方区划代码表建库），或用 --register 给出区划代码表",
    created: (path: string, county: County, towns: number, villages: number) =>
      `已在 ${path} 新建后备干部库：${county.name}（${county.code}${county.place ? `，${county.place}` : ""}），${towns} 个乡镇，${villages} 个村级单位。`,
    fromOfficial: (edition: string) => `登记册取自统计用区划代码（${edition} 年版）。`,
    kinds: (villages: number, communities: number, doubtful: number) =>
      `其中村 ${villages} 个（有储备数量要求），社区 ${communities} 个` +
      (doubtful > 0 ? `；${doubtful} 个的类别须核对（见上面的警告）。` : "。"),
    differences: (edition: string, added: number, missing: number, renamed: number) =>
      added + missing + renamed === 0
        ? `与统计用区划代码（${edition} 年版）一致。`
        : `与统计用区划代码（${edition} 年版）相比：多出 ${added} 个，缺少 ${missing} 个，改名 ${renamed} 个（库按代码表文件建立）：`,
    added: (code: string, name: string) => `  多出 ${code} ${name}`,
    missing: (code: string, name: string) => `  缺少 ${code} ${name}`,
    renamed: (code: string, official: string, name: string) => `  改名 ${code} ${official} → ${name}`,
    next: "下一步：用 reserve import 导入各村名册，用 reserve audit 检查。",
  },
};

export const INIT_EN: typeof INIT_ZH = {
  init: {
    districtOpt:
      "the county's 6-digit code (or its name): build the register from the official division table (2023 edition), no file needed",
    needSource: "give the county's code with --district (the official table) or a division code list with --register",
    created: (path: string, county: County, towns: number, villages: number) =>
      `created a reserve library in ${path}: ${county.name} (${county.code}${county.place ? `, ${county.place}` : ""}), ${towns} towns, ${villages} village-level units.`,
    fromOfficial: (edition: string) => `the register is that of the official division table (${edition} edition).`,
    kinds: (villages: number, communities: number, doubtful: number) =>
      `of these, ${villages} villages (with a quota) and ${communities} communities` +
      (doubtful > 0 ? `; ${doubtful} of them to be checked (see the warnings above).` : "."),
    differences: (edition: string, added: number, missing: number, renamed: number) =>
      added + missing + renamed === 0
        ? `the same as the official division table (${edition} edition).`
        : `compared with the official division table (${edition} edition): ${added} added, ${missing} missing, ${renamed} renamed (the library follows the file):`,
    added: (code: string, name: string) => `  added   ${code} ${name}`,
    missing: (code: string, name: string) => `  missing ${code} ${name}`,
    renamed: (code: string, official: string, name: string) => `  renamed ${code} ${official} → ${name}`,
    next: "next: import the villages' rosters with reserve import and check with reserve audit.",
  },
};
