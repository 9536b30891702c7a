/** Wording of `reserve import`, `reserve template` and `reserve move`. */

const ENCODING_ZH: Record<string, string> = {
  "utf-8": "UTF-8",
  "utf-8-bom": "UTF-8（带 BOM）",
  "utf-16le": "UTF-16（Unicode 文本）",
  "utf-16be": "UTF-16BE",
  gb18030: "GBK/GB18030",
};
const ENCODING_EN: Record<string, string> = {
  "utf-8": "UTF-8",
  "utf-8-bom": "UTF-8 with BOM",
  "utf-16le": "UTF-16 (Unicode text)",
  "utf-16be": "UTF-16BE",
  gb18030: "GBK/GB18030",
};

/** The templates by kind, also the names of their sheets (the sheet is read in Chinese either way). */
const TEMPLATE_ZH: Record<string, string> = {
  roster: "名册",
  training: "培训签到",
  mentor: "帮带结对",
  post: "定岗锻炼",
  party: "入党培养",
  screening: "资格联审",
};
const TEMPLATE_EN: Record<string, string> = {
  roster: "roster",
  training: "training sign-in",
  mentor: "mentor pairing",
  post: "practice post",
  party: "party development",
  screening: "screening",
};

interface FileDesc {
  readonly rows: number;
  readonly format?: string;
  readonly encoding?: string;
  readonly delimiter?: string;
  readonly sheet?: string;
}

/** One line of the progress bar; numbers come formatted (digit groups, m:ss). */
interface ProgressLine {
  readonly file: string;
  /** 1-based, of `files`. */
  readonly index: number;
  readonly files: number;
  readonly rows: string;
  readonly rate?: string;
  readonly percent?: number;
  readonly eta?: string;
}

export const IMPORT_ZH = {
  import: {
    files: (n: number) => `读取 ${n} 个文件：`,
    file: (f: FileDesc) => {
      const enc = ENCODING_ZH[f.encoding ?? ""] ?? f.encoding;
      if (f.format === "xlsx") return `Excel 工作簿，工作表“${f.sheet ?? ""}”，${f.rows} 行`;
      if (f.format === "yaml") return `YAML，${enc}，${f.rows} 人`;
      if (f.format === "csv") {
        const kind = f.delimiter === "\t" ? "制表符分隔文本" : f.delimiter === ";" ? "分号分隔文本" : "CSV";
        return `${kind}，${enc}，${f.rows} 行`;
      }
      return "未能读取";
    },
    villages: "按村汇总：",
    place: (town: string, name: string, code: string) => `${town}${name}（${code}）`,
    village: (v: { added: number; updated: number; unchanged: number; inPool: number; pending: number }) =>
      `新增 ${v.added}、更新 ${v.updated}、未变 ${v.unchanged}；在库 ${v.inPool} 人${v.pending > 0 ? `，待县级审核 ${v.pending} 人` : ""}`,
    quota: "仍低于储备人数要求的村（导入后的情况，供参考，不影响本次导入）：",
    rewritten: (n: number) => `${n} 个单元格的写法已改为规范用语记入库中（见上方“说明”）。`,
    imported: (t: { added: number; updated: number; unchanged: number }, history: string) =>
      `已导入：新增 ${t.added} 人，更新 ${t.updated} 人，未变 ${t.unchanged} 人。变更记录：${history}`,
    unchanged: (rows: number) => `库中已有这 ${rows} 行的全部内容，无需修改，未写入任何内容。`,
    dryRun: "试运行：以上是导入后的情况，库未被修改（去掉 --dry-run 即正式导入）。",
    rejected: (errors: number, warnings: number) =>
      `导入被拒绝：共 ${errors} 个错误、${warnings} 个警告，库未被修改。改正后请重新导入全部文件。`,
    omitted: (n: number, shown: number) => `（只列出前 ${shown} 个问题，另有 ${n} 个未列出）`,
    warnings: (n: number) => `${n} 个警告（见上），导入照常进行。`,
    libraryInvalid: "库文件本身有错误，本次没有导入。",
    progress: (p: ProgressLine) =>
      [
        `${p.file}${p.files > 1 ? `（${p.index}/${p.files}）` : ""}：已读 ${p.rows} 行`,
        ...(p.rate !== undefined ? [`${p.rate} 行/秒`] : []),
        ...(p.percent !== undefined ? [`${p.percent}%`] : []),
        ...(p.eta !== undefined ? [`约剩 ${p.eta}`] : []),
      ].join("，"),
    progressRead: (p: { file: string; files: number; rows: string }) =>
      `${p.files > 1 ? `${p.files} 个文件` : p.file}：已读完 ${p.rows} 行，正在合并……`,
  },
  template: {
    written: (kind: string, file: string, villages: number) =>
      `已写出${TEMPLATE_ZH[kind] ?? kind}模板 ${file}：表头为全部可用列，${kind === "roster" ? "必填列见 docs/import.md" : "各列说明见 docs/cultivation.md"}${villages > 0 ? `；下拉选项中的乡镇和村取自库中的 ${villages} 个村` : ""}。`,
    exists: (file: string) => `${file} 已存在，不会覆盖；请换一个文件名`,
    noFolder: (file: string) => `无法写出 ${file}：所在的文件夹不存在`,
    existsHint: "用 --out 给一个新的文件名（已有的文件从不覆盖）",
    noFolderHint: "先建好文件夹，或用 --out 写到已有的文件夹里",
    needsOut: "xlsx 模板须用 --out 指定文件名",
    badFormat: (v: string) => `模板格式“${v}”无效，可选 csv 或 xlsx`,
    badKind: (v: string) =>
      `模板种类“${v}”无效，可选：roster（名册，默认）、training（培训签到）、mentor（帮带）、post（定岗锻炼）、party（入党培养）、screening（资格联审）`,
    placesNeedXlsx: "取自库的下拉选项（--data、--town）只能写进 Excel 工作簿：用 --out 文件名.xlsx",
    sheets: (kind: string) => ({
      sheetName: TEMPLATE_ZH[kind] ?? kind,
      notesSheet: "填写说明",
      notesHeader: ["列名", "英文列名", "是否必填", "说明", "可填的值"],
      required: "必填",
      optional: "选填",
      oneOf: kind === "roster" ? "与“村”/“村代码”至少填一项" : "与同组的列至少填一项（见 docs/cultivation.md）",
      villagesSheet: "村名单",
      villagesHeader: ["乡镇", "村", "村代码"],
      notListedTitle: "不在库中",
      notListed: "这个值不在本库的名单中，导入时会被指出；请从下拉列表中选择",
    }),
  },
  move: {
    moved: (name: string, id: string, from: string, to: string, history: string) =>
      `已把 ${name}（${id}）从${from}调到${to}。变更记录：${history}`,
    idKept: (id: string, village: string) =>
      `调动已记入本人档案（moves）。内部编号 ${id} 不变：前 12 位是入库时所在村（${village}）的代码，不随调动改变。`,
    belowMin: (village: string, count: number, min: number) =>
      `${village}调出后在库 ${count} 人，低于最低储备人数 ${min} 人，请及时补充`,
    unknownPerson: (p: string) => `库中没有内部编号或身份证号为“${p}”的人`,
    sameVillage: (p: string, v: string) => `${p} 已在${v}，无需调动`,
    inactiveVillage: (v: string, status: string) => `${v}的状态是“${status}”，不能调入`,
    notInPool: (p: string, status: string, date?: string, reason?: string) =>
      `${p} 的状态是“${status}”${date || reason ? `（${[date, reason].filter(Boolean).join("，")}）` : ""}，已不在后备干部库中，未调动`,
    notInPoolHint: "确要把其档案移到另一个村，加上 --out-of-pool",
    emptyReason: "调动原因（--reason）不能为空",
    futureDate: (d: string) => `调动日期 ${d} 晚于今天`,
  },
  importHelp: {
    import: "导入各村名册（CSV、Excel、YAML）：逐行检查，全部无误才写入库，否则一行也不写",
    files: "名册文件（可多个）",
    dryRun: "只检查并显示导入后的情况，不写入",
    sheet: "读取 Excel 工作簿中的这个工作表（默认第一个）",
    reason: "本次导入的说明，记入变更记录",
    template: "写出名册或培养记录的模板（全部列的中文表头，UTF-8 带 BOM 的 CSV 或 Excel 工作簿）",
    templateKind:
      "模板种类：roster 名册（默认）、training 培训签到、mentor 帮带、post 定岗锻炼、party 入党培养、screening 资格联审",
    templateData: "用这个库的乡镇和村做下拉选项（仅 Excel 工作簿）",
    templateTown: "下拉选项只列这些乡镇的村（代码或名称），可重复",
    out: "写到这个文件（默认把 CSV 输出到屏幕）",
    templateFormat: "模板格式：csv（默认）或 xlsx",
    move: "把一名后备干部调到另一个村（记入变更记录）",
    person: "内部编号（如 640502100201-03）或身份证号",
    to: "调入的村（村代码，或“乡镇/村名”）",
    moveReason: "调动原因（必填，记入本人档案和变更记录）",
    moveDate: "调动日期 YYYY-MM-DD（默认今天）",
    outOfPool: "也调动已不在库中的人（调整出库、已使用）",
  },
};

export const IMPORT_EN: typeof IMPORT_ZH = {
  import: {
    files: (n: number) => `read ${n} file${n === 1 ? "" : "s"}:`,
    file: (f: FileDesc) => {
      const enc = ENCODING_EN[f.encoding ?? ""] ?? f.encoding;
      const rows = `${f.rows} row${f.rows === 1 ? "" : "s"}`;
      if (f.format === "xlsx") return `Excel workbook, sheet "${f.sheet ?? ""}", ${rows}`;
      if (f.format === "yaml") return `YAML, ${enc}, ${f.rows} ${f.rows === 1 ? "person" : "people"}`;
      if (f.format === "csv") {
        const kind =
          f.delimiter === "\t" ? "tab-separated text" : f.delimiter === ";" ? "semicolon-separated text" : "CSV";
        return `${kind}, ${enc}, ${rows}`;
      }
      return "not read";
    },
    villages: "by village:",
    place: (town: string, name: string, code: string) => `${town}${name} (${code})`,
    village: (v: { added: number; updated: number; unchanged: number; inPool: number; pending: number }) =>
      `added ${v.added}, updated ${v.updated}, unchanged ${v.unchanged}; ${v.inPool} in the pool${v.pending > 0 ? `, ${v.pending} awaiting the county review` : ""}`,
    quota: "villages still short of reserves (after the import; for information, the import is not affected):",
    rewritten: (n: number) =>
      `${n} cell${n === 1 ? "" : "s"} written another way ${n === 1 ? "is" : "are"} stored as the standard term (see the notes above).`,
    imported: (t: { added: number; updated: number; unchanged: number }, history: string) =>
      `imported: ${t.added} added, ${t.updated} updated, ${t.unchanged} unchanged. History: ${history}`,
    unchanged: (rows: number) => `the library already holds everything in these ${rows} rows; nothing was written.`,
    dryRun: "dry run: this is how the library would be; nothing was written (run without --dry-run to import).",
    rejected: (errors: number, warnings: number) =>
      `import rejected: ${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"}; the library is unchanged. Correct them and import all the files again.`,
    omitted: (n: number, shown: number) => `(the first ${shown} problems are listed; ${n} more are not)`,
    warnings: (n: number) => `${n} warning${n === 1 ? "" : "s"} (above); the import went ahead.`,
    libraryInvalid: "the library itself has errors; nothing was imported.",
    progress: (p: ProgressLine) =>
      [
        `${p.file}${p.files > 1 ? ` (${p.index}/${p.files})` : ""}: ${p.rows} rows read`,
        ...(p.rate !== undefined ? [`${p.rate} rows/s`] : []),
        ...(p.percent !== undefined ? [`${p.percent}%`] : []),
        ...(p.eta !== undefined ? [`${p.eta} left`] : []),
      ].join(", "),
    progressRead: (p: { file: string; files: number; rows: string }) =>
      `${p.files > 1 ? `${p.files} files` : p.file}: ${p.rows} rows read; merging…`,
  },
  template: {
    written: (kind: string, file: string, villages: number) =>
      `wrote the ${TEMPLATE_EN[kind] ?? kind} template ${file}: every column in the header; ${kind === "roster" ? "docs/import.md says which are required" : "docs/cultivation.md describes the columns"}${villages > 0 ? `; the drop-downs offer the towns and the ${villages} villages of the library` : ""}.`,
    exists: (file: string) => `${file} exists and is not overwritten; choose another name`,
    noFolder: (file: string) => `cannot write ${file}: its folder does not exist`,
    existsHint: "give --out a new file name (an existing file is never overwritten)",
    noFolderHint: "create the folder first, or give --out a file in a folder that exists",
    needsOut: "an xlsx template needs --out FILE",
    badFormat: (v: string) => `invalid template format "${v}"; use csv or xlsx`,
    badKind: (v: string) =>
      `invalid template kind "${v}"; use roster (the default), training, mentor, post, party or screening`,
    placesNeedXlsx: "drop-downs from a library (--data, --town) go into an Excel workbook only: use --out FILE.xlsx",
    sheets: (kind: string) => ({
      sheetName: TEMPLATE_ZH[kind] ?? kind,
      notesSheet: "填写说明",
      notesHeader: ["列名", "English", "required", "description", "values"],
      required: "required",
      optional: "optional",
      oneOf: kind === "roster" ? "this or 村代码/村" : "this or another of its group (docs/cultivation.md)",
      villagesSheet: "村名单",
      villagesHeader: ["乡镇", "村", "村代码"],
      notListedTitle: "not in the library",
      notListed: "this value is not in the library's list and the import will report it; choose from the drop-down",
    }),
  },
  move: {
    moved: (name: string, id: string, from: string, to: string, history: string) =>
      `moved ${name} (${id}) from ${from} to ${to}. History: ${history}`,
    idKept: (id: string, village: string) =>
      `the move is written in the person's file (moves). The internal id ${id} stays: its first 12 digits are the code of the village of entry (${village}); a move does not change it.`,
    belowMin: (village: string, count: number, min: number) =>
      `${village} has ${count} in the pool after the move, fewer than the minimum of ${min}; replenish it`,
    unknownPerson: (p: string) => `no person with internal id or ID number "${p}" in the library`,
    sameVillage: (p: string, v: string) => `${p} is already in ${v}`,
    inactiveVillage: (v: string, status: string) => `${v} has status "${status}" and cannot take people`,
    notInPool: (p: string, status: string, date?: string, reason?: string) =>
      `${p} has status "${status}"${date || reason ? ` (${[date, reason].filter(Boolean).join(", ")})` : ""} and is no longer in the pool; not moved`,
    notInPoolHint: "to move their file to another village all the same, add --out-of-pool",
    emptyReason: "the reason (--reason) must not be empty",
    futureDate: (d: string) => `the date of the move, ${d}, is after today`,
  },
  importHelp: {
    import: "import village rosters (CSV, Excel, YAML): every row is checked; all are written or none",
    files: "roster files (one or more)",
    dryRun: "check and show the outcome without writing",
    sheet: "read this sheet of an Excel workbook (default: the first)",
    reason: "why, recorded in the history",
    template:
      "write a roster or cultivation-record template (every column, Chinese headers, CSV UTF-8 with BOM or an Excel workbook)",
    templateKind: "kind of template: roster (default), training, mentor, post, party or screening",
    templateData: "offer this library's towns and villages in drop-downs (Excel workbooks only)",
    templateTown: "offer only these towns' villages (code or name); repeatable",
    out: "write to this file (default: the CSV to standard output)",
    templateFormat: "template format: csv (default) or xlsx",
    move: "move a reserve to another village (recorded in the history)",
    person: "internal id (e.g. 640502100201-03) or ID number",
    to: "the village moved to (code, or town/village name)",
    moveReason: "why (required, recorded in the person's file and the history)",
    moveDate: "the date of the move, YYYY-MM-DD (default today)",
    outOfPool: "move someone no longer in the pool (调整出库, 已使用) too",
  },
};
