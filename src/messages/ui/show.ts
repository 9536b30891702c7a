/** Wording of `reserve show`. */
export const SHOW_ZH = {
  show: {
    help: {
      command: "在终端上查看一个人的档案（一人一档），或列出乡镇、村",
      what: "内部编号或姓名（重名时用 --village/--town 区分）；或 towns、villages",
      reveal: "显示完整的身份证号和联系电话（会记入库的变更记录）",
      format: "输出格式：text 或 json",
    },
    unknown: (q: string) => `找不到“${q}”：没有这个内部编号，也没有叫这个名字的后备干部`,
    unknownHint: "检查姓名是否写对；用 reserve show villages 查看各村，或用 reserve report 生成全部名册",
    ambiguous: (q: string, n: number) => `有 ${n} 个人叫“${q}”，请指明是哪一位：`,
    ambiguousHint: "用内部编号，或加上 --village（村代码或“乡镇/村名”）/ --town 再试",
    revealed: "注意：以上含完整的身份证号和联系电话，本次查看已记入库的变更记录（history）。",
    problems: (n: number) => `注意：库中有 ${n} 个错误，显示的内容可能不完整（可用 reserve audit 查看）。`,
    townsHeader: ["乡镇代码", "乡镇", "行政村", "在库", "低于最低的村"],
    villagesHeader: ["村代码", "乡镇", "村", "在库", "待县级审核", "储备状态"],
  },
};

export const SHOW_EN: typeof SHOW_ZH = {
  show: {
    help: {
      command: "show one person's file on the terminal, or list towns or villages",
      what: "internal id or name (--village/--town tell namesakes apart); or towns, villages",
      reveal: "show full ID numbers and phone numbers (recorded in the library's history)",
      format: "output format: text or json",
    },
    unknown: (q: string) => `no reserve "${q}": neither an internal id nor a name in the library`,
    unknownHint: "check the spelling; reserve show villages lists the villages, reserve report writes every register",
    ambiguous: (q: string, n: number) => `${n} people are called "${q}"; say which one:`,
    ambiguousHint: "use the internal id, or add --village (code or town/village) or --town",
    revealed: "Warning: the above shows full ID and phone numbers; this was recorded in the library's history.",
    problems: (n: number) =>
      `note: the library has ${n} error${n === 1 ? "" : "s"}; what is shown may be incomplete (see reserve audit).`,
    townsHeader: ["town code", "town", "villages", "in pool", "below minimum"],
    villagesHeader: ["village code", "town", "village", "in pool", "awaiting review", "quota status"],
  },
};
