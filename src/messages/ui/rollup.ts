/** Wording of `reserve report` and `reserve audit` over several libraries (`--data A --data B …`). */
export const ROLLUP_ZH = {
  rollup: {
    dataMany: "库所在的文件夹（默认 ./data，或环境变量 RESERVE_DATA）；可重复，一次读几个区县的库并汇总到市（省）",
    sameLibrary: (a: string, b: string) => `${a} 和 ${b} 是同一个库，每个库只能用 --data 给一次`,
    oneLibraryOnly: (option: string) => `${option} 只能用于一个库；汇总几个库时不能使用`,
    library: (name: string, code: string, root: string) => `=== ${name}（${code}）：${root} ===`,
    across: "=== 跨区县检查 ===",
    clean: "未发现问题",
    summary: (errors: number, warnings: number, below: number, libraries: number) =>
      `共 ${errors} 个错误、${warnings} 个警告；${below} 个村低于最低储备人数（${libraries} 个库）`,
    header: (name: string, date: string, year: number, n: number) =>
      `${name}汇总：报表日期 ${date}，年度 ${year}，${n} 个区县的库`,
    refused: (n: number) => `${n} 个库的文件中有错误，汇总中的数字将不可靠，未生成报表。`,
    districts: (n: number) => `${n} 个区县`,
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
    library: (name: string, code: string, root: string) => `=== ${name} (${code}): ${root} ===`,
    across: "=== checks across districts ===",
    clean: "no problems found",
    summary: (errors: number, warnings: number, below: number, libraries: number) =>
      `${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"}; ${below} village${below === 1 ? "" : "s"} below the minimum (${libraries} libraries)`,
    header: (name: string, date: string, year: number, n: number) =>
      `${name} roll-up: report date ${date}, year ${year}, ${n} district libraries`,
    refused: (n: number) =>
      `${n} of the libraries have errors, so the roll-up's numbers could not be trusted; no reports were written.`,
    districts: (n: number) => `${n} district${n === 1 ? "" : "s"}`,
    findings: (errors: number, warnings: number) =>
      errors + warnings === 0
        ? "checks across districts: no problems."
        : `checks across districts: ${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"} (see summary.md, or run reserve audit with the same --data).`,
  },
};
