/** Wording of `reserve export` on the terminal (the tables' column labels are in reports/export-tables.ts). */
export const EXPORT_ZH = {
  export: {
    help: {
      command: "把库导出为几张平面表（CSV 或 Parquet），供 DuckDB、Excel、pandas 等分析使用",
      year: "年度：年龄、是否在库等按该年度的报表日计算（默认库的工作年度）",
      format: "导出格式：csv 或 parquet（默认 csv）",
      out: "写入的文件夹（默认 exports/<年度>-<格式>；整个文件夹会被替换）",
      date: "导出日期 YYYY-MM-DD（默认今天，且不晚于年度年底）",
      reveal: "导出完整的身份证号和联系电话（会记入库的变更记录）",
    },
    badFormat: (v: string) => `导出格式“${v}”无效，可选 csv 或 parquet`,
    header: (date: string, year: number) => `导出日期 ${date}，年度 ${year}`,
    written: (path: string, files: number, size: string) => `已写入 ${path}/（${files} 个文件，${size}）：`,
    table: (file: string, rows: number) => `${file}：${rows} 行`,
    labels: "列名的中英文说明见 labels.csv，表和列的类型见 export.json。",
    revealed: "注意：导出的表含完整的身份证号和联系电话，本次导出已记入库的变更记录（history）。请妥善保管。",
    refused: "库文件中有错误，导出的数据将不完整，未导出。",
    refusedHint: "先改正上面列出的错误（可用 reserve audit 再次检查），再导出。",
  },
};

export const EXPORT_EN: typeof EXPORT_ZH = {
  export: {
    help: {
      command:
        "write the library as a few flat tables (CSV or Parquet) for DuckDB, Excel, pandas and other analysis tools",
      year: "the year: ages and the pool are judged on its report date (default the library's working year)",
      format: "format: csv or parquet (default csv)",
      out: "the folder to write into (default exports/<year>-<format>; the whole folder is replaced)",
      date: "export date YYYY-MM-DD (default today, at most the end of the year)",
      reveal: "export full ID numbers and phone numbers (recorded in the library's history)",
    },
    badFormat: (v: string) => `invalid export format "${v}"; use csv or parquet`,
    header: (date: string, year: number) => `export date ${date}, year ${year}`,
    written: (path: string, files: number, size: string) => `wrote ${path}/ (${files} files, ${size}):`,
    table: (file: string, rows: number) => `${file}: ${rows} row${rows === 1 ? "" : "s"}`,
    labels: "labels.csv gives every column's labels in Chinese and English; export.json the tables and their types.",
    revealed:
      "Warning: the tables contain full ID numbers and phone numbers; this was recorded in the library's history. Keep them safe.",
    refused: "the library has errors, so the export would be incomplete; nothing was exported.",
    refusedHint: "correct the errors listed above (reserve audit checks again), then export.",
  },
};
