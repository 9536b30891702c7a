/** Wording of `reserve report` on the terminal (the reports' own words are in src/reports/labels.ts). */
export const REPORT_ZH = {
  report: {
    help: {
      command: "生成年度报表：区委信息库汇总、一镇一库、一村一册、一人一档、年度测评表和看板",
      year: "报表年度（默认库的工作年度）",
      out: "报表写入的文件夹（默认 reports/<年度>；整个文件夹会被替换）",
      formats: "只生成这些格式：md、csv、json、html、xlsx（逗号分隔，默认全部）",
      date: "报表日期 YYYY-MM-DD（默认今天，且不晚于报表年度年底）",
      reveal: "显示完整的身份证号和联系电话（会记入库的变更记录）",
    },
    badFormats: (v: string) => `报表格式“${v}”无效，可选 md、csv、json、html、xlsx，用逗号分隔`,
    header: (date: string, year: number, scope: string) => `报表日期 ${date}，年度 ${year}，范围：${scope}`,
    written: (path: string, files: number, size: string, kept: number) =>
      `已写入 ${path}/（${files} 个文件，${size}${kept > 0 ? `；其中 ${kept} 个与上次相同，原样保留` : ""}）：`,
    parts: {
      summary: "汇总（区委信息库）",
      dashboard: "看板",
      town: "一镇一库",
      village: "一村一册",
      person: "一人一档",
      evaluation: "年度测评表",
    },
    towns: (n: number) => `${n} 个乡镇`,
    villages: (n: number) => `${n} 个村`,
    persons: (n: number) => `${n} 人，收在各村台账中`,
    sheets: (n: number, formats: string) => `${n} 份，${formats}`,
    figures: (inPool: number, villages: number, belowMin: number, belowTarget: number) =>
      `在库 ${inPool} 人；${villages} 个行政村中 ${belowMin} 个低于最低储备人数，${belowTarget} 个低于目标。`,
    revealed: "注意：报表含完整的身份证号和联系电话，本次查看已记入库的变更记录（history）。请妥善保管报表。",
    warnings: (n: number) => `库中有 ${n} 个警告（不影响报表，可用 reserve audit 查看）。`,
    refused: "库文件中有错误，报表中的数字将不可靠，未生成报表。",
    refusedHint: "先改正上面列出的错误（可用 reserve audit 再次检查），再生成报表。",
    notReportFolder: (path: string) =>
      `${path} 已存在且不是 reserve 生成的报表文件夹，不能替换（为避免误删其中的文件）`,
    notDirectory: (path: string) => `${path} 已存在且不是文件夹`,
    insideLibrary: (path: string) => `报表不能写在库文件夹中或包含库文件夹的位置：${path}`,
  },
};

export const REPORT_EN: typeof REPORT_ZH = {
  report: {
    help: {
      command:
        "write the year's reports: district summary, town and village registers, personal files, the evaluation sheet and a dashboard",
      year: "the report's year (default the library's working year)",
      out: "the folder to write the reports into (default reports/<year>; the whole folder is replaced)",
      formats: "only these formats: md, csv, json, html, xlsx (comma-separated; default all)",
      date: "report date YYYY-MM-DD (default today, at most the end of the report's year)",
      reveal: "show full ID numbers and phone numbers (recorded in the library's history)",
    },
    badFormats: (v: string) => `invalid report format "${v}"; use md, csv, json, html, xlsx separated by commas`,
    header: (date: string, year: number, scope: string) => `report date ${date}, year ${year}, scope: ${scope}`,
    written: (path: string, files: number, size: string, kept: number) =>
      `wrote ${path}/ (${files} files, ${size}${kept > 0 ? `; ${kept} of them the same as last time, kept` : ""}):`,
    parts: {
      summary: "summary",
      dashboard: "dashboard",
      town: "town registers",
      village: "village ledgers",
      person: "personal files",
      evaluation: "evaluation sheets",
    },
    towns: (n: number) => `${n} town${n === 1 ? "" : "s"}`,
    villages: (n: number) => `${n} village${n === 1 ? "" : "s"}`,
    persons: (n: number) => `${n} ${n === 1 ? "person" : "people"}, in the village books`,
    sheets: (n: number, formats: string) => `${n} sheet${n === 1 ? "" : "s"}, ${formats}`,
    figures: (inPool: number, villages: number, belowMin: number, belowTarget: number) =>
      `${inPool} reserves in the pool; of ${villages} villages, ${belowMin} below the minimum and ${belowTarget} below the target.`,
    revealed:
      "Warning: the reports contain full ID numbers and phone numbers; this was recorded in the library's history. Keep the reports safe.",
    warnings: (n: number) =>
      `the library has ${n} warning${n === 1 ? "" : "s"} (they do not affect the reports; see reserve audit).`,
    refused: "the library has errors, so the reports' numbers could not be trusted; no reports were written.",
    refusedHint: "correct the errors listed above (reserve audit checks again), then write the reports.",
    notReportFolder: (path: string) =>
      `${path} exists and was not written by reserve report; it is not replaced (so that no file in it is lost)`,
    notDirectory: (path: string) => `${path} exists and is not a folder`,
    insideLibrary: (path: string) => `reports cannot be written inside the library folder or around it: ${path}`,
  },
};
