import type { IMPORT_CODES } from "../../diagnostics/codes/import.js";
import { ef, some, zf, type Entry } from "./common.js";

const SAVE_AS_ZH = "在 Excel/WPS 中打开，另存为“Excel 工作簿（*.xlsx）”或“CSV UTF-8（逗号分隔）”后再导入";
const SAVE_AS_EN = 'open it in Excel/WPS and save it as "Excel Workbook (*.xlsx)" or "CSV UTF-8", then import that';

const FORMAT_ZH: Record<string, string> = {
  xls: "这是旧版 Excel 97-2003 工作簿（.xls）或 WPS 表格（.et），不能直接读取",
  ods: "这是 OpenDocument 表格（.ods），不能直接读取",
  docx: "这是 Word 文档，不是表格",
  zip: "这是一个压缩包，不是 Excel 工作簿",
  pdf: "这是 PDF 文件，不是表格",
  html: "这是网页（HTML）文件，只是用了表格的扩展名",
  binary: "这不是文本表格（文件中有二进制内容）",
  utf32: "这是 UTF-32 编码的文本，不能读取",
  "xlsx-damaged": "Excel 工作簿已损坏，无法打开",
};
const FORMAT_EN: Record<string, string> = {
  xls: "this is an old Excel 97-2003 workbook (.xls) or a WPS sheet (.et), which cannot be read",
  ods: "this is an OpenDocument spreadsheet (.ods), which cannot be read",
  docx: "this is a Word document, not a table",
  zip: "this is a zip archive, not an Excel workbook",
  pdf: "this is a PDF file, not a table",
  html: "this is a web page (HTML) with a spreadsheet's file name",
  binary: "this is not a text table (the file holds binary data)",
  utf32: "this is UTF-32 text, which cannot be read",
  "xlsx-damaged": "the Excel workbook is damaged and cannot be opened",
};

const DATE_FORMS_ZH = "写成 2021-03-01、2021/3/1 或 2021年3月1日";
const DATE_FORMS_EN = "write 2021-03-01, 2021/3/1 or 2021年3月1日";

/** Rejected files and rows of `reserve import`. */
export const IMPORT_MESSAGES: Readonly<Record<keyof typeof IMPORT_CODES, Entry>> = {
  "input-in-library": {
    zh: {
      message: () => "这个文件在库文件夹里面：名册应从库以外导入，库中的文件只由 reserve 写入",
      hint: () => "把名册放到库文件夹以外（例如桌面或下载文件夹）再导入",
    },
    en: {
      message: () =>
        "this file is inside the library folder: rosters are imported from outside it, and only reserve writes the library's files",
      hint: () => "keep rosters outside the library folder (e.g. on the desktop) and import them from there",
    },
  },
  "file-format": {
    zh: { message: (a) => FORMAT_ZH[a.kind!] ?? `无法识别的文件格式（${a.kind}）`, hint: () => SAVE_AS_ZH },
    en: { message: (a) => FORMAT_EN[a.kind!] ?? `unrecognised file format (${a.kind})`, hint: () => SAVE_AS_EN },
  },
  "encoding-unknown": {
    zh: {
      message: (a) =>
        a.place === "file"
          ? `文件既不是 UTF-8 也不是 GBK/GB18030 编码，从这里起读出来是乱码${Number(a.more) > 0 ? `（另有 ${a.more} 行也是这样）` : ""}，后面的内容未检查`
          : "文件既不是 UTF-8 也不是 GBK/GB18030 编码，读出来会是乱码",
      hint: () => "在 Excel/WPS 中另存为“CSV UTF-8（逗号分隔）”，或直接导入 .xlsx 工作簿",
    },
    en: {
      message: (a) =>
        a.place === "file"
          ? `the file is neither UTF-8 nor GBK/GB18030 and reads as garbage from here${Number(a.more) > 0 ? ` (and on ${a.more} more lines)` : ""}; the rest was not checked`
          : "the file is neither UTF-8 nor GBK/GB18030; it would read as garbage",
      hint: () => 'save it from Excel/WPS as "CSV UTF-8", or import the .xlsx workbook itself',
    },
  },
  "sheet-not-found": {
    zh: {
      message: (a) => `工作簿中没有名为“${a.sheet}”的工作表`,
      hint: (a) => `现有工作表：${some(a.sheets)}；用 --sheet 指定其中一个`,
    },
    en: {
      message: (a) => `the workbook has no sheet named "${a.sheet}"`,
      hint: (a) => `its sheets: ${some(a.sheets, 12, ", ")}; name one of them with --sheet`,
    },
  },
  "table-too-large": {
    zh: {
      message: (a) =>
        a.what === "cells"
          ? `工作簿过大：有 ${a.count} 个单元格（合并区域按所含单元格计），上限 ${a.max} 个；未读取`
          : `表格过大：超过 ${a.max} 行，从这一行起未读取`,
      hint: (a) =>
        a.what === "cells"
          ? "删除多余的工作表和大片合并单元格，或另存为“CSV UTF-8（逗号分隔）”后导入（CSV 逐行读取）"
          : "把名册拆分成几个文件，分几次导入",
    },
    en: {
      message: (a) =>
        a.what === "cells"
          ? `the workbook is too large: ${a.count} cells (a merged range counts every cell in it), the limit is ${a.max}; it was not read`
          : `the table is too large: more than ${a.max} rows; nothing from this row on was read`,
      hint: (a) =>
        a.what === "cells"
          ? 'remove unused sheets and large merged ranges, or save it as "CSV UTF-8" and import that (CSV is read row by row)'
          : "split the roster into several files and import them in several runs",
    },
  },
  "csv-quote": {
    zh: {
      message: () => "引号用法有误：带引号的单元格在右引号之后还有内容",
      hint: () => '单元格内容中的双引号要写成两个（""），整个单元格用一对双引号括起；用 Excel/WPS 另存可自动处理',
    },
    en: {
      message: () => "misplaced quote: a quoted cell has more text after its closing quote",
      hint: () =>
        'write a quote inside a cell as two ("") and wrap the whole cell in quotes; saving from Excel does this',
    },
  },
  "csv-unclosed-quote": {
    zh: {
      message: () => "这一行开始的带引号单元格直到文件末尾都没有结束",
      hint: () => "找到这一行中多出或缺少的双引号并改正",
    },
    en: {
      message: () => "a quoted cell starting on this line is never closed before the end of the file",
      hint: () => "find the extra or missing double quote on this line and correct it",
    },
  },
  "row-too-long": {
    zh: {
      message: (a) => `这一行超过 ${a.max} 个字符，多半是某个双引号没有成对，后面的行都被读进了同一格`,
      hint: () => "检查这一行及其后几行中的双引号；本文件的其余部分未检查",
    },
    en: {
      message: (a) =>
        `this row is longer than ${a.max} characters; most likely a double quote is unmatched and the following rows ran into one cell`,
      hint: () => "check the double quotes on this line and the next ones; the rest of the file was not checked",
    },
  },
  "no-rows": {
    zh: {
      message: (a) => (a.header === "no" ? "文件是空的：没有表头，也没有数据行" : "文件只有表头，没有数据行"),
      hint: () => "每人填一行；名册中没有的人不会从库中删除，空文件不能用来清空一个村",
    },
    en: {
      message: (a) =>
        a.header === "no" ? "the file is empty: no header and no rows" : "the file has a header but no rows",
      hint: () =>
        "fill in one row per person; people missing from a roster are never removed, so an empty file cannot empty a village",
    },
  },
  "column-unknown": {
    zh: {
      message: (a) => `未知的列“${a.header}”${a.suggestion ? `，是否应为“${a.suggestion}”？` : ""}`,
      hint: () => "改为规定的列名，或删除该列；全部列名见 reserve template 生成的模板和 docs/import.md",
    },
    en: {
      message: (a) => `unknown column "${a.header}"${a.suggestion ? `; did you mean "${a.suggestion}"?` : ""}`,
      hint: () => "use one of the column names (reserve template writes them all; see docs/import.md) or remove it",
    },
  },
  "column-missing": {
    zh: { message: (a) => `缺少必需的列：${a.zh}`, hint: () => "在表头中加上这一列并逐行填写" },
    en: {
      message: (a) => `missing required column: ${a.en}`,
      hint: () => "add the column to the header and fill it in",
    },
  },
  "column-duplicate": {
    zh: {
      message: (a) => `列“${a.header}”与第 ${a.firstColumn} 列“${a.first}”是同一项，重复了`,
      hint: () => "只保留其中一列",
    },
    en: {
      message: (a) => `column "${a.header}" is the same as column ${a.firstColumn} "${a.first}"`,
      hint: () => "keep only one of them",
    },
  },
  "extra-cell": {
    zh: {
      message: (a) => `第 ${a.column} 列没有表头，却填了“${a.value}”`,
      hint: () => "给这一列加上表头，或删除多出的内容（常见原因：单元格中有未加引号的逗号）",
    },
    en: {
      message: (a) => `column ${a.column} has no header but holds "${a.value}"`,
      hint: () => "give the column a header or remove the value (often an unquoted comma inside a cell)",
    },
  },
  "value-too-long": {
    zh: { message: (a) => `${zf(a)} 过长（${a.length} 个字，最多 ${a.max} 个）：“${a.value}”`, hint: () => "缩短内容" },
    en: {
      message: (a) => `${ef(a)} is too long (${a.length} characters, at most ${a.max}): "${a.value}"`,
      hint: () => "shorten it",
    },
  },
  "invisible-character": {
    zh: {
      message: (a) =>
        a.char === "U+FFFD"
          ? `${zf(a)} 中第 ${a.position} 个字符处是无法识别的字节（U+FFFD）：这里的文字来自另一种编码，已经读不出来：“${a.value}”`
          : a.char === "U+0000"
            ? `${zf(a)} 中第 ${a.position} 个字符是空字符 U+0000（看不见，常因文件损坏或从其他系统导出而来）：“${a.value}”`
            : `${zf(a)} 中第 ${a.position} 个字符是看不见的控制或格式字符 ${a.char}：“${a.value}”`,
      hint: (a) =>
        a.char === "U+FFFD"
          ? "删除该单元格内容，对照原始材料重新输入（这类字节常随从其他编码的文件中复制的文字而来）"
          : "删除该单元格内容后重新输入（这类字符常随网页或聊天软件复制而来）",
    },
    en: {
      message: (a) =>
        a.char === "U+FFFD"
          ? `character ${a.position} of ${ef(a)} is undecodable bytes (U+FFFD): this text came from another encoding and can no longer be read: "${a.value}"`
          : a.char === "U+0000"
            ? `character ${a.position} of ${ef(a)} is a NUL character U+0000 (invisible; left by a damaged file or an export from another system): "${a.value}"`
            : `character ${a.position} of ${ef(a)} is an invisible control or format character ${a.char}: "${a.value}"`,
      hint: (a) =>
        a.char === "U+FFFD"
          ? "clear the cell and type it again from the original (such bytes come with text copied from a file in another encoding)"
          : "clear the cell and type it again (such characters come with text copied from web pages or chats)",
    },
  },
  "id-as-number": {
    zh: {
      message: (a) => `身份证号在表格中存成了数字（${a.value}），Excel 只保留 15 位有效数字，后几位已经丢失`,
      hint: () => "把该列设为“文本”格式后重新录入号码；改回格式无法找回丢失的数字",
    },
    en: {
      message: (a) =>
        `the ID number is stored as a number (${a.value}); Excel keeps only 15 significant digits, so the last ones are lost`,
      hint: () => "format the column as Text and type the numbers again; changing the format back cannot recover them",
    },
  },
  "date-invalid": {
    zh: {
      message: (a) =>
        a.reason === "impossible" ? `${zf(a)}“${a.value}”这一天不存在` : `${zf(a)}“${a.value}”不是可识别的日期`,
      hint: () => DATE_FORMS_ZH,
    },
    en: {
      message: (a) =>
        a.reason === "impossible"
          ? `${ef(a)} "${a.value}" is a day that does not exist`
          : `${ef(a)} "${a.value}" is not a date`,
      hint: () => DATE_FORMS_EN,
    },
  },
  "date-excel-serial": {
    zh: {
      message: (a) => `${zf(a)}“${a.value}”是表格软件的日期序号，不是日期${a.date ? `（可能是 ${a.date}）` : ""}`,
      hint: () => `把该列设为“日期”格式，或${DATE_FORMS_ZH}`,
    },
    en: {
      message: (a) =>
        `${ef(a)} "${a.value}" is a spreadsheet date serial number, not a date${a.date ? ` (probably ${a.date})` : ""}`,
      hint: () => `format the column as Date, or ${DATE_FORMS_EN}`,
    },
  },
  "date-future": {
    zh: { message: (a) => `${zf(a)} ${a.value} 晚于今天（${a.today}）`, hint: () => "只填写已经发生的日期" },
    en: {
      message: (a) => `${ef(a)} ${a.value} is after today (${a.today})`,
      hint: () => "fill in dates that have already happened",
    },
  },
  "date-before-birth": {
    zh: { message: (a) => `${zf(a)} ${a.value} 早于身份证号中的出生日期`, hint: () => "核对日期和身份证号" },
    en: {
      message: (a) => `${ef(a)} ${a.value} is before the birth date in the ID number`,
      hint: () => "check the date and the ID number",
    },
  },
  "date-order": {
    zh: {
      message: (a) => `${zf(a)} ${a.value} 早于${a.otherLabel} ${a.otherValue}`,
      hint: () => "选拔程序依次为 村级摸底 → 乡镇推荐 → 县级审核 → 入库，核对日期",
    },
    en: {
      message: (a) => `${ef(a)} ${a.value} is before ${a.otherLabelEn} ${a.otherValue}`,
      hint: () => "the steps come in order: village survey → township recommendation → county review → entry",
    },
  },
  "mentor-mismatch": {
    zh: {
      message: (a) => `帮带人有 ${a.names} 位，帮带人职务却有 ${a.roles} 个`,
      hint: () =>
        "职务与帮带人按顺序一一对应（用“、”分隔），或只写一个职务表示全部相同；一人兼任几个职务（一肩挑）时用“兼”连接，如“村党支部书记兼村委会主任”，或在单元格内每位帮带人的职务各占一行",
    },
    en: {
      message: (a) => `${a.names} mentors but ${a.roles} mentor roles`,
      hint: () =>
        "give one role per mentor in the same order (separated by 、), or one role for all; for one mentor holding several posts join them with 兼 (村党支部书记兼村委会主任), or put each mentor's posts on a line of their own in the cell",
    },
  },
  "mentor-start-missing": {
    zh: {
      message: (a) => `帮带人${a.mentor}从哪天开始帮带无从确定：本行没有帮带开始时间，也没有入库时间或县级审核日期`,
      hint: () => "填写“帮带开始时间”或“入库时间”（导入不会用导入当天的日期代替）",
    },
    en: {
      message: (a) =>
        `the start of ${a.mentor}'s mentoring cannot be told: the row has no mentor start date, entry date or county review date`,
      hint: () => "fill in the mentor start date or the entry date (the day of the import is never used instead)",
    },
  },
  "term-rewritten": {
    zh: {
      message: (a) =>
        `${zf(a)}“${a.value}”记为规范用语“${a.term}”（${a.count} 处：第 ${a.lines} 行${Number(a.count) > Number(a.shown) ? "等" : ""}）`,
      hint: (a) => `不必修改；库中保存“${a.term}”，名册中直接写它也可以`,
    },
    en: {
      message: (a) =>
        `${ef(a)} "${a.value}" is stored as the standard term "${a.term}" (${a.count} ${Number(a.count) === 1 ? "cell" : "cells"}: line ${a.lines}${Number(a.count) > Number(a.shown) ? ", …" : ""})`,
      hint: (a) => `nothing to fix; the library keeps "${a.term}", which the roster may also use`,
    },
  },
  "village-not-found": {
    zh: {
      message: (a) => `${a.town ? `${a.town}` : "本区"}没有名为“${a.name}”的村`,
      hint: () => "核对村名，或改填 12 位村代码；reserve show villages 列出全部村",
    },
    en: {
      message: (a) => `no village named "${a.name}"${a.town ? ` in ${a.town}` : ""}`,
      hint: () => "check the name or give the 12-digit village code instead",
    },
  },
  "village-ambiguous": {
    zh: {
      message: (a) => `村名“${a.name}”对应多个村：${a.matches}`,
      hint: () => "填写“乡镇”列，或改填 12 位村代码",
    },
    en: {
      message: (a) => `the village name "${a.name}" matches several villages: ${a.matches}`,
      hint: () => "fill in the town column, or give the 12-digit village code",
    },
  },
  "village-merged": {
    zh: {
      message: (a) =>
        `${a.name}（${a.code}）已${a.changed ? `于 ${a.changed} ` : ""}并入${a.intoName}（${a.into}），不能再单独建册`,
      hint: (a) => `把这些人填到${a.intoName}名下（村代码 ${a.into}）`,
    },
    en: {
      message: (a) =>
        `${a.name} (${a.code}) was merged into ${a.intoName} (${a.into})${a.changed ? ` on ${a.changed}` : ""}`,
      hint: (a) => `enter these people under ${a.intoName} (village code ${a.into})`,
    },
  },
  "village-abolished": {
    zh: {
      message: (a) => `${a.name}（${a.code}）已${a.changed ? `于 ${a.changed} ` : ""}撤销`,
      hint: () => "填写这些人现在所属的村",
    },
    en: {
      message: (a) => `${a.name} (${a.code}) was abolished${a.changed ? ` on ${a.changed}` : ""}`,
      hint: () => "enter the village these people now belong to",
    },
  },
  "village-mismatch": {
    zh: {
      message: (a) => `村代码 ${a.code} 是${a.registered}，但“村”一列写的是“${a.written}”`,
      hint: (a) =>
        a.likely === "code"
          ? `“${a.written}”的村代码是 ${a.namedCode}：多半是村代码填错了`
          : a.likely === "name"
            ? `区划中没有名为“${a.written}”的村：多半是村名写错了，应为“${a.registered}”`
            : "核对村代码和村名，二者须指同一个村",
    },
    en: {
      message: (a) => `village code ${a.code} is ${a.registered}, but the village column says "${a.written}"`,
      hint: (a) =>
        a.likely === "code"
          ? `the code of "${a.written}" is ${a.namedCode}: the code is most likely wrong`
          : a.likely === "name"
            ? `the register has no village "${a.written}": the name is most likely wrong (${a.registered})`
            : "check the code and the name; they must name the same village",
    },
  },
  "town-mismatch": {
    zh: {
      message: (a) => `${a.village}属于${a.registeredTown}，但“乡镇”一列写的是“${a.town}”`,
      hint: () => "核对乡镇和村",
    },
    en: {
      message: (a) => `${a.village} belongs to ${a.registeredTown}, but the town column says "${a.town}"`,
      hint: () => "check the town and the village",
    },
  },
  "duplicate-in-file": {
    zh: {
      message: (a) => `同一身份证号在本文件第 ${a.first} 行已出现`,
      hint: () => "每人只填一行；删除或合并重复的行",
    },
    en: {
      message: (a) => `the same ID number is already on line ${a.first} of this file`,
      hint: () => "one row per person; remove or merge the duplicate",
    },
  },
  "duplicate-in-run": {
    zh: {
      message: (a) => `同一身份证号在本次导入的 ${a.first} 中已出现`,
      hint: () => "一个人只能出现在一份名册中；从其中一个文件删除",
    },
    en: {
      message: (a) => `the same ID number is already in ${a.first}, imported in this run`,
      hint: () => "a person belongs on one roster only; remove the row from one of the files",
    },
  },
  "person-in-other-village": {
    zh: {
      message: (a) => `此人（${a.name}，内部编号 ${a.person}）已在${a.where}的后备干部库中，不能同时列入${a.here}`,
      hint: (a) =>
        `若此人确已调到${a.here}，先运行 reserve move ${a.person} --to ${a.hereCode} --reason "调动原因"，再导入`,
    },
    en: {
      message: (a) =>
        `this person (${a.name}, internal id ${a.person}) is already a reserve of ${a.where}, not ${a.here}`,
      hint: (a) =>
        `if the person really moved to ${a.here}, run reserve move ${a.person} --to ${a.hereCode} --reason "why" first`,
    },
  },
  "person-left-pool": {
    zh: {
      message: (a) => `此人（内部编号 ${a.person}）的状态是“${a.status}”，已不在库；本次只更新其信息，不改变状态`,
      hint: () => "若要重新纳入后备干部库，须重新履行选拔程序并记录原因",
    },
    en: {
      message: (a) =>
        `this person (internal id ${a.person}) has status "${a.status}" and has left the pool; the details are updated, the status is not`,
      hint: () => "bringing the person back into the pool takes a new selection with a recorded reason",
    },
  },
};
