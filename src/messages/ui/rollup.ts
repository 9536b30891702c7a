/** Wording of `reserve report` and `reserve audit` over several libraries (`--data A --data B …`). */
export const ROLLUP_ZH = {
  rollup: {
    dataMany: "库所在的文件夹（默认 ./data，或环境变量 RESERVE_DATA）；可重复，一次读几个区县的库并汇总到市（省）",
    sameLibrary: (a: string, b: string) => `${a} 和 ${b} 是同一个库，每个库只能用 --data 给一次`,
    oneLibraryOnly: (option: string) => `${option} 只能用于一个库；汇总几个库时不能使用`,
    severalLibrariesOnly: (option: string) => `${option} 只用于汇总几个库；一个库的报表总是含全部台账`,
    ledgers: "汇总时也写出各区县的全部台账（一镇一库、一村一册和一人一档、测评表）；默认只写各区县的汇总和看板",
    library: (name: string, code: string, root: string) => `=== ${name}（${code}）：${root} ===`,
    across: "=== 跨区县检查 ===",
    clean: "未发现问题",
    summary: (errors: number, warnings: number, below: number, libraries: number) =>
      `共 ${errors} 个错误、${warnings} 个警告；${below} 个村低于最低储备人数（${libraries} 个库）`,
    header: (name: string, date: string, year: number, n: number) =>
      `${name}汇总：报表日期 ${date}，年度 ${year}，${n} 个区县的库`,
    refused: (n: number) => `${n} 个库的文件中有错误，汇总中的数字将不可靠，未生成报表。`,
    districts: (n: number, ledgers: boolean) =>
      ledgers ? `${n} 个区县，各含全部报表` : `${n} 个区县的汇总和看板（各区县台账用 --ledgers 写出）`,
    findings: (errors: number, warnings: number) =>
      errors + warnings === 0
        ? "跨区县检查未发现问题。"
        : `跨区县检查：${errors} 个错误、${warnings} 个警告（见 summary.md，或运行 reserve audit 并给出同样的 --data）。`,
  },
};

export const ROLLUP_EN: typeof ROLLUP_ZH = {
  rollup: {
    dataMany:
      "the library folder (default ./data, or RESERVE_DATA); repeatable: read several districts' libraries and roll them up to the city (province)",
    sameLibrary: (a: string, b: string) => `${a} and ${b} are the same library; give each library to --data once`,
    oneLibraryOnly: (option: string) => `${option} works with one library, not with several`,
    severalLibrariesOnly: (option: string) =>
      `${option} is for a roll-up of several libraries; one library's report always has all its ledgers`,
    ledgers:
      "in a roll-up, write each district's ledgers too (town and village ledgers with the personal files, evaluation sheets); by default only each district's summary and dashboard",
    library: (name: string, code: string, root: string) => `=== ${name} (${code}): ${root} ===`,
    across: "=== checks across districts ===",
    clean: "no problems found",
    summary: (errors: number, warnings: number, below: number, libraries: number) =>
      `${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"}; ${below} village${below === 1 ? "" : "s"} below the minimum (${libraries} libraries)`,
    header: (name: string, date: string, year: number, n: number) =>
      `${name} roll-up: report date ${date}, year ${year}, ${n} district libraries`,
    refused: (n: number) =>
      `${n} of the libraries have errors, so the roll-up's numbers could not be trusted; no reports were written.`,
    districts: (n: number, ledgers: boolean) =>
      ledgers
        ? `${n} district${n === 1 ? "" : "s"}, each with its whole report`
        : `${n} district${n === 1 ? "" : "s"}: summary and dashboard (their ledgers with --ledgers)`,
    findings: (errors: number, warnings: number) =>
      errors + warnings === 0
        ? "checks across districts: no problems."
        : `checks across districts: ${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"} (see summary.md, or run reserve audit with the same --data).`,
  },
};
