import type { Lang } from "./lang.js";

/** Everything else the program says: labels, summaries, notices, help texts. */
const zh = {
  severity: { error: "错误", warning: "警告" },
  hint: "提示：",
  unexpected: "程序内部错误，库未被修改。请把下面的信息发给维护人员：",
  notice: {
    staleLock: (who: string) => `注意：已移除无效的写入锁（${who} 的进程已不存在）`,
    rolledForward: "注意：上次被中断的写入已完成",
    rolledBack: "注意：上次被中断的写入已撤销，库保持写入前的状态",
  },
  audit: {
    header: (date: string, year: number) => `审计日期 ${date}，年度 ${year}`,
    summary: (errors: number, warnings: number, below: number) =>
      `共 ${errors} 个错误、${warnings} 个警告；${below} 个村低于最低储备人数`,
    clean: "未发现问题",
    libraryFiles: "库文件",
  },
  init: {
    created: (path: string, towns: number, villages: number) =>
      `已在 ${path} 新建后备干部库：${towns} 个乡镇，${villages} 个村。`,
    next: "下一步：用 reserve import 导入各村名册，用 reserve audit 检查。",
  },
  help: {
    description: "村级后备干部库管理：导入名册、按规定检查、生成报表",
    data: "库所在的文件夹（默认 ./data，或环境变量 RESERVE_DATA）",
    lang: "输出语言：zh（默认）或 en",
    format: "输出格式：text 或 json",
    date: "审计日期 YYYY-MM-DD（默认今天，且不晚于工作年度年底）",
    year: "年度（默认库的工作年度）",
    village: "只看这些村（村代码，或“乡镇/村名”），可重复",
    town: "只看这些乡镇（代码或名称），可重复",
    wait: "等待其他写入者的秒数",
    audit: "按区里的规定检查整个库；没有问题时不输出任何内容并返回 0",
    rule: "只运行这些规则（见 --list-rules），可重复",
    listRules: "列出全部规则及说明",
    strict: "把警告也当作错误（返回 1）",
    initDir: "新库的文件夹（须不存在或为空）",
    init: "从统计用区划代码表新建一个库",
    register: "区划代码表（CSV：统计用区划代码、名称，可含城乡分类代码）",
    districtName: "区县名称（代码表中没有区县行时需要）",
    yearOpt: "工作年度（默认今年）",
    version: "显示版本号",
    helpOpt: "显示帮助",
    helpCommand: "显示某个命令的帮助",
    usage: "[选项]",
    commands: "命令",
    options: "选项",
  },
  usage: {
    badDate: (v: string) => `日期“${v}”无效，应写成 YYYY-MM-DD`,
    badYear: (v: string) => `年度“${v}”无效，应为四位数字`,
    badFormat: (v: string) => `输出格式“${v}”无效，可选 text 或 json`,
    badNumber: (v: string) => `“${v}”不是有效的数字`,
    unknownRule: (v: string) => `没有名为 ${v} 的规则（reserve audit --list-rules 列出全部规则）`,
  },
};

type Ui = typeof zh;

const en: Ui = {
  severity: { error: "error", warning: "warning" },
  hint: "hint: ",
  unexpected: "internal error; the library was not changed. Please send the following to the maintainers:",
  notice: {
    staleLock: (who: string) => `note: removed a stale lock (the process of ${who} no longer exists)`,
    rolledForward: "note: completed a write that was interrupted last time",
    rolledBack: "note: undid a write that was interrupted last time; the library is as it was before it",
  },
  audit: {
    header: (date: string, year: number) => `audit date ${date}, year ${year}`,
    summary: (errors: number, warnings: number, below: number) =>
      `${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"}; ${below} village${below === 1 ? "" : "s"} below the minimum`,
    clean: "no problems found",
    libraryFiles: "library files",
  },
  init: {
    created: (path: string, towns: number, villages: number) =>
      `created a reserve library in ${path}: ${towns} towns, ${villages} villages.`,
    next: "next: import the villages' rosters with reserve import and check with reserve audit.",
  },
  help: {
    description: "village-level reserve cadre pool: import rosters, check the rules, write the reports",
    data: "the library folder (default ./data, or RESERVE_DATA)",
    lang: "language of the output: zh (default) or en",
    format: "output format: text or json",
    date: "audit date YYYY-MM-DD (default today, at most the end of the working year)",
    year: "the year (default the library's working year)",
    village: "only these villages (code, or town/village name); repeatable",
    town: "only these towns (code or name); repeatable",
    wait: "seconds to wait for another writer",
    audit: "check the whole library against the district's rules; silent with exit 0 when all is well",
    rule: "run only these rules (see --list-rules); repeatable",
    listRules: "list the rules with their descriptions",
    strict: "treat warnings as errors (exit 1)",
    initDir: "folder for the new library (must not exist or be empty)",
    init: "create a library from a statistical division code list",
    register: "the division code list (CSV: code, name, optionally the urban-rural class)",
    districtName: "the district's name (when the list has no row for it)",
    yearOpt: "working year (default this year)",
    version: "print the version",
    helpOpt: "show help",
    helpCommand: "show help for a command",
    usage: "[options]",
    commands: "Commands",
    options: "Options",
  },
  usage: {
    badDate: (v: string) => `invalid date "${v}"; write YYYY-MM-DD`,
    badYear: (v: string) => `invalid year "${v}"; write four digits`,
    badFormat: (v: string) => `invalid format "${v}"; use text or json`,
    badNumber: (v: string) => `"${v}" is not a valid number`,
    unknownRule: (v: string) => `no rule named ${v} (reserve audit --list-rules lists them)`,
  },
};

export function ui(lang: Lang): Ui {
  return lang === "en" ? en : zh;
}
