/** Wording of `reserve audit`. */
export const AUDIT_ZH = {
  audit: {
    header: (date: string, year: number) => `审计日期 ${date}，年度 ${year}`,
    summary: (errors: number, warnings: number, below: number) =>
      `共 ${errors} 个错误、${warnings} 个警告；${below} 个村低于最低储备人数`,
    clean: "未发现问题",
    libraryFiles: "库文件",
  },
};

export const AUDIT_EN: typeof AUDIT_ZH = {
  audit: {
    header: (date: string, year: number) => `audit date ${date}, year ${year}`,
    summary: (errors: number, warnings: number, below: number) =>
      `${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"}; ${below} village${below === 1 ? "" : "s"} below the minimum`,
    clean: "no problems found",
    libraryFiles: "library files",
  },
};
