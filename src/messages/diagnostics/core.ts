import type { CORE_CODES } from "../../diagnostics/codes/core.js";
import { ef, some, zf, type Entry } from "./common.js";

const REASONS_ZH: Record<string, string> = {
  symlink: "它是符号链接，库中的文件必须是普通文件",
  "not-file": "它不是普通文件",
  ENOENT: "文件不存在",
  EACCES: "没有读取权限",
  EISDIR: "它是文件夹",
};
const REASONS_EN: Record<string, string> = {
  symlink: "it is a symbolic link; library files must be regular files",
  "not-file": "it is not a regular file",
  ENOENT: "no such file",
  EACCES: "permission denied",
  EISDIR: "it is a folder",
};

/** The YAML parser's error codes in words a village official can act on (English keeps the parser's text). */
const YAML_REASONS_ZH: Record<string, string> = {
  BAD_INDENT: "缩进不正确",
  TAB_AS_INDENT: "用了 Tab 缩进，只能用空格",
  MISSING_CHAR: "缺少引号、括号或冒号",
  BAD_DQ_ESCAPE: "双引号中的转义写法不正确（\\ 后只能跟规定的字符）",
  BAD_SCALAR_START: "值的开头字符不合规，请给值加上引号",
  BLOCK_AS_IMPLICIT_KEY: "键的写法不正确",
  MULTILINE_IMPLICIT_KEY: "键不能跨行；可能漏了冒号或引号",
  UNEXPECTED_TOKEN: "出现了多余或不该出现的字符",
  KEY_OVER_1024_CHARS: "键太长",
  BAD_PROP_ORDER: "锚点或标签的位置不正确",
  MULTIPLE_ANCHORS: "同一个值有多个锚点",
  MULTIPLE_TAGS: "同一个值有多个标签",
  NON_STRING_KEY: "键必须是文字",
  BLOCK_IN_FLOW: "方括号或花括号中不能换行写块",
  BAD_COLLECTION_TYPE: "列表或映射的写法不正确",
  BAD_DIRECTIVE: "不认识的 % 指令",
  IMPOSSIBLE: "无法解析",
};

const TYPE_ZH: Record<string, string> = {
  string: "文本",
  number: "数字",
  boolean: "是/否",
  map: "键值表",
  list: "列表",
  null: "空值",
  object: "键值表",
  array: "列表",
};

const TYPE_EN: Record<string, string> = { object: "map", array: "list", null: "empty value" };

/** "a map", "an empty value": the type named with its article. */
function aType(type: string | number | undefined): string {
  const name = TYPE_EN[String(type)] ?? String(type);
  return /^[aeiou]/.test(name) ? `an ${name}` : `a ${name}`;
}

const WHAT_ZH: Record<string, string> = { county: "区县名称", town: "乡镇名称", village: "村名", person: "姓名" };
const WHAT_EN: Record<string, string> = {
  county: "county name",
  town: "town name",
  village: "village name",
  person: "name",
};
const FAULT_ZH: Record<string, string> = {
  formula: "以 = + - @ 开头，电子表格会把它当作公式",
  markup: '含有 < > 或 "，不能用在名称中',
  control: "含有控制字符或不可见字符（换行、制表符、零宽字符等）",
  path: "含有 / \\ : * ? | 或是 . ..，像是文件路径",
  trailing: "以点或空格结尾",
  reserved: "是 Windows 保留的设备名，不能用作名称",
};
const FAULT_EN: Record<string, string> = {
  formula: "begins with = + - @, which a spreadsheet takes for a formula",
  markup: 'holds < > or ", which a name cannot hold',
  control: "holds a control or invisible character (a line break, a tab, a zero-width space…)",
  path: "holds / \\ : * ? | or is . or .., like a file path",
  trailing: "ends in a dot or a space",
  reserved: "is a device name Windows reserves",
};

const idHintZh = "请与身份证原件逐位核对后改正";
const idHintEn = "compare with the ID card digit by digit and correct it";

/** Reading files, the shape of records, identity and the library's structure. */
/** "and on N more lines", when there are more. */
function moreLinesZh(a: Readonly<Record<string, string | number>>): string {
  return Number(a.more) > 0 ? `（另有 ${a.more} 行也有）` : "";
}
function moreLinesEn(a: Readonly<Record<string, string | number>>): string {
  return Number(a.more) > 0 ? ` (and on ${a.more} more lines)` : "";
}

export const CORE_MESSAGES: Readonly<Record<keyof typeof CORE_CODES, Entry>> = {
  "file-unreadable": {
    zh: {
      message: (a) => `无法读取此文件：${REASONS_ZH[a.reason!] ?? a.reason}`,
      hint: () => "检查文件是否存在、是否为普通文件以及是否有读取权限",
    },
    en: {
      message: (a) => `cannot read this file: ${REASONS_EN[a.reason!] ?? a.reason}`,
      hint: () => "check that the file exists, is a regular file and is readable",
    },
  },
  "file-too-large": {
    zh: { message: (a) => `文件过大（${a.size} 字节，上限 ${a.max} 字节）`, hint: () => "把内容拆分到多个文件中" },
    en: {
      message: (a) => `file too large (${a.size} bytes; the limit is ${a.max})`,
      hint: () => "split it into several files",
    },
  },
  "file-encoding": {
    zh: {
      message: (a) =>
        a.reason === "nul"
          ? `这里有空字符 U+0000${moreLinesZh(a)}：库文件中不能有，文件可能已损坏`
          : a.reason === "utf-8"
            ? `这里的字节不是 UTF-8${moreLinesZh(a)}：库文件须是 UTF-8 编码`
            : "文件不是 UTF-8 编码",
      hint: (a) =>
        a.reason === "nul"
          ? "在编辑器中删除它；若文件已损坏，从备份或 git 历史中取回后再核对"
          : "库文件须以 UTF-8 保存：在编辑器中“另存为”并选择 UTF-8",
    },
    en: {
      message: (a) =>
        a.reason === "nul"
          ? `a NUL character U+0000 here${moreLinesEn(a)}: a library file cannot hold one; the file may be damaged`
          : a.reason === "utf-8"
            ? `these bytes are not UTF-8${moreLinesEn(a)}: library files are UTF-8`
            : "the file is not UTF-8",
      hint: (a) =>
        a.reason === "nul"
          ? "delete it in an editor; if the file is damaged, take it back from a backup or git history and check it"
          : "library files must be saved as UTF-8",
    },
  },
  "yaml-syntax": {
    zh: {
      message: (a) => `YAML 格式错误${YAML_REASONS_ZH[a.reason!] ? `：${YAML_REASONS_ZH[a.reason!]}` : ""}`,
      hint: () => "检查缩进（只用空格，不用 Tab）、冒号后的空格和引号是否成对",
    },
    en: {
      message: (a) => `YAML syntax error${a.detail ? `: ${a.detail}` : ""}`,
      hint: () => "check the indentation (spaces, not tabs), the space after each colon and matching quotes",
    },
  },
  "yaml-duplicate-key": {
    zh: { message: () => "同一层级中出现了重复的字段", hint: () => "删除或合并重复的一项" },
    en: { message: () => "the same key appears twice in one mapping", hint: () => "remove or merge the duplicate" },
  },
  "yaml-multi-document": {
    zh: { message: () => "文件中有多个 YAML 文档（以 --- 分隔）", hint: () => "每个文件只保留一个文档" },
    en: {
      message: () => "the file holds several YAML documents (separated by ---)",
      hint: () => "keep one document per file",
    },
  },
  "yaml-tag": {
    zh: {
      message: (a) => `不允许使用 YAML 标签${a.tag ? ` ${a.tag}` : ""}`,
      hint: () => "删除以 ! 开头的标签，直接写值",
    },
    en: {
      message: (a) => `YAML tags are not allowed${a.tag ? ` (${a.tag})` : ""}`,
      hint: () => "remove the tag starting with ! and write the value",
    },
  },
  "yaml-alias": {
    zh: {
      message: (a) =>
        a.reason === "count"
          ? `YAML 引用（* 别名）过多：${a.count} 个，上限 ${a.max} 个`
          : a.reason === "undefined"
            ? `YAML 引用 *${a.name} 没有对应的 &${a.name} 锚点（锚点须写在引用之前）`
            : a.reason === "expansion"
              ? "YAML 引用（* 别名）层层展开后数据过多，已拒绝读取"
              : "YAML 引用（* 别名）无效",
      hint: () => "直接写出内容，不要使用 & 锚点和 * 引用",
    },
    en: {
      message: (a) =>
        a.reason === "count"
          ? `too many YAML aliases: ${a.count} (the limit is ${a.max})`
          : a.reason === "undefined"
            ? `the alias *${a.name} refers to no anchor &${a.name} (an anchor must come before its aliases)`
            : a.reason === "expansion"
              ? "the YAML aliases expand to too much data (aliases of aliases); the file was not read"
              : "invalid YAML alias",
      hint: () => "write the values out instead of using & anchors and * aliases",
    },
  },
  "yaml-too-deep": {
    zh: {
      message: (a) => `嵌套层级过深（${a.depth} 层，上限 ${a.max} 层）`,
      hint: () => "检查缩进；名册和库文件不需要这么深的结构",
    },
    en: {
      message: (a) => `nested too deeply (${a.depth} levels; the limit is ${a.max})`,
      hint: () => "check the indentation; rosters and library files never need this depth",
    },
  },
  "unknown-key": {
    zh: {
      message: (a) => `未知字段“${a.key}”${a.suggestion ? `，是否应为“${a.suggestion}”？` : ""}`,
      hint: () => "改正拼写或删除该字段；可用字段见 schemas/ 中的 JSON Schema",
    },
    en: {
      message: (a) => `unknown key "${a.key}"${a.suggestion ? `; did you mean "${a.suggestion}"?` : ""}`,
      hint: () => "correct the spelling or remove the key; schemas/ lists the allowed keys",
    },
  },
  "missing-field": {
    zh: { message: (a) => `缺少必填项：${zf(a)}`, hint: () => "补上该项" },
    en: { message: (a) => `missing required field: ${ef(a)}`, hint: () => "add it" },
  },
  "wrong-type": {
    zh: {
      message: (a) =>
        `${zf(a)} 应为${TYPE_ZH[a.expected!] ?? a.expected}，实为${TYPE_ZH[a.found!] ?? a.found}${a.value !== "" ? `“${a.value}”` : ""}`,
      hint: (a) =>
        a.expected === "string" && a.found === "number"
          ? '给值加上双引号，例如 "640502…"；不加引号的长数字会被当作数值并丢失位数'
          : "按字段要求的类型填写",
    },
    en: {
      message: (a) =>
        `${ef(a)} should be ${aType(a.expected)}, found ${aType(a.found)}${a.value !== "" ? ` "${a.value}"` : ""}`,
      hint: (a) =>
        a.expected === "string" && a.found === "number"
          ? 'put the value in double quotes, e.g. "640502…"; an unquoted long number is read as a number and loses digits'
          : "write a value of the expected type",
    },
  },
  "bad-term": {
    zh: {
      message: (a) => `${zf(a)}“${a.value}”不是规定的用语`,
      hint: (a) =>
        a.official
          ? `库中请写规范用语“${a.official}”`
          : `${a.nearest ? `最接近的是“${a.nearest}”；` : ""}可选：${some(a.allowed)}`,
    },
    en: {
      message: (a) => `${ef(a)} "${a.value}" is not one of the allowed terms`,
      hint: (a) =>
        a.official
          ? `the library stores the official term "${a.official}"`
          : `${a.nearest ? `nearest: "${a.nearest}"; ` : ""}allowed: ${some(a.allowed, 12, ", ")}`,
    },
  },
  "bad-date": {
    zh: { message: (a) => `${zf(a)}“${a.value}”不是有效日期`, hint: () => "写成 YYYY-MM-DD，例如 2021-03-01" },
    en: {
      message: (a) => `${ef(a)} "${a.value}" is not a valid date`,
      hint: () => "write YYYY-MM-DD, e.g. 2021-03-01",
    },
  },
  "bad-code": {
    zh: {
      message: (a) => `${zf(a)}“${a.value}”应为 ${a.digits} 位数字代码`,
      hint: () => "使用国家统计局的统计用区划代码",
    },
    en: {
      message: (a) => `${ef(a)} "${a.value}" should be a ${a.digits}-digit code`,
      hint: () => "use the official statistical division code",
    },
  },
  "bad-value": {
    zh: {
      message: (a) =>
        a.reason === "too-long" ? `${zf(a)} 过长（最多 ${a.max} 个字）` : `${zf(a)} 的值“${a.value}”无效`,
      hint: () => "按该项的说明填写",
    },
    en: {
      message: (a) =>
        a.reason === "too-long"
          ? `${ef(a)} is too long (at most ${a.max} characters)`
          : `${ef(a)} has an invalid value "${a.value}"`,
      hint: () => "fill it in as the field's description says",
    },
  },
  "empty-value": {
    zh: { message: (a) => `${zf(a)} 不能为空`, hint: () => "填写该项，或删除整项" },
    en: { message: (a) => `${ef(a)} must not be empty`, hint: () => "fill it in or remove it" },
  },
  "id-length": {
    zh: { message: (a) => `身份证号 ${a.value} 有 ${a.length} 位，应为 18 位`, hint: () => idHintZh },
    en: { message: (a) => `ID number ${a.value} has ${a.length} characters; it must have 18`, hint: () => idHintEn },
  },
  "id-characters": {
    zh: { message: (a) => `身份证号第 ${a.position} 位不是数字（只有第 18 位可以是 X）`, hint: () => idHintZh },
    en: {
      message: (a) => `character ${a.position} of the ID number is not a digit (only the 18th may be X)`,
      hint: () => idHintEn,
    },
  },
  "id-scientific": {
    zh: {
      message: (a) => `身份证号被表格软件写成了科学计数法（${a.value}），后几位已经丢失`,
      hint: () => "在 Excel/WPS 中先把该列设为“文本”，再重新录入号码；改回格式无法找回丢失的数字",
    },
    en: {
      message: (a) =>
        `the spreadsheet turned the ID number into scientific notation (${a.value}); its last digits are lost`,
      hint: () =>
        "format the column as Text in Excel/WPS and type the numbers again; changing the format back cannot recover them",
    },
  },
  "id-legacy-15": {
    zh: {
      message: () => "身份证号是 15 位的旧号码",
      hint: (a) => (a.upgraded ? `请改为 18 位号码（按规则应为 ${a.upgraded}，请与身份证核对）` : "请改为 18 位号码"),
    },
    en: {
      message: () => "the ID number is an old 15-digit number",
      hint: (a) =>
        a.upgraded
          ? `use the 18-digit number (by the rules ${a.upgraded}; check it against the card)`
          : "use the 18-digit number",
    },
  },
  "id-province": {
    zh: { message: (a) => `身份证号开头“${a.prefix}”不是有效的省级代码`, hint: () => idHintZh },
    en: {
      message: (a) => `the ID number starts with "${a.prefix}", which is not a province code`,
      hint: () => idHintEn,
    },
  },
  "id-birth-date": {
    zh: { message: () => "身份证号中的出生日期不存在", hint: () => "核对第 7–14 位（出生年月日）" },
    en: {
      message: () => "the birth date inside the ID number does not exist",
      hint: () => "check digits 7–14 (the birth date)",
    },
  },
  "id-birth-future": {
    zh: { message: () => "身份证号中的出生日期晚于今天", hint: () => "核对第 7–14 位（出生年月日）" },
    en: {
      message: () => "the birth date inside the ID number is in the future",
      hint: () => "check digits 7–14 (the birth date)",
    },
  },
  "id-birth-too-early": {
    zh: { message: () => "身份证号中的出生日期早于 1850 年", hint: () => "核对第 7–14 位（出生年月日）" },
    en: {
      message: () => "the birth date inside the ID number is before 1850",
      hint: () => "check digits 7–14 (the birth date)",
    },
  },
  "id-check": {
    zh: {
      message: (a) => `身份证号 ${a.value} 的校验码不符：应为 ${a.expected}，实为 ${a.found}`,
      hint: () => "通常是某一位数字抄错；" + idHintZh,
    },
    en: {
      message: (a) =>
        `ID number ${a.value} fails its check: the last character should be ${a.expected}, not ${a.found}`,
      hint: () => `usually one digit was mistyped; ${idHintEn}`,
    },
  },
  "id-gender-mismatch": {
    zh: {
      message: (a) => `性别填为“${a.gender}”，但身份证号显示为“${a.encoded}”`,
      hint: () => "核对性别或身份证号（第 17 位奇数为男、偶数为女）",
    },
    en: {
      message: (a) => `gender is "${a.gender}" but the ID number says "${a.encoded}"`,
      hint: () => "check the gender or the ID number (an odd 17th digit is male, even is female)",
    },
  },
  "phone-invalid": {
    zh: {
      message: (a) => `联系电话 ${a.value} 不是有效的手机或固定电话号码`,
      hint: () => "手机为 11 位、以 1 开头；固定电话写成“区号-号码”，如 0955-7012345",
    },
    en: {
      message: (a) => `phone ${a.value} is not a valid mobile or landline number`,
      hint: () => "mobiles have 11 digits starting with 1; write landlines as area-number, e.g. 0955-7012345",
    },
  },
  "person-id-format": {
    zh: {
      message: (a) => `内部编号“${a.value}”格式不对`,
      hint: () => "内部编号由工具生成，格式为“村代码-序号”（如 640502100201-01），请勿手工修改",
    },
    en: {
      message: (a) => `internal id "${a.value}" is malformed`,
      hint: () =>
        "internal ids are made by the tool as <village code>-<number> (e.g. 640502100201-01); do not edit them",
    },
  },
  "person-id-duplicate": {
    zh: {
      message: (a) => `内部编号 ${a.id} 重复，已在 ${a.first} 中使用`,
      hint: () => "内部编号必须唯一；若是同一人录入了两次，请删除一条",
    },
    en: {
      message: (a) => `internal id ${a.id} is already used in ${a.first}`,
      hint: () => "internal ids must be unique; if the same person was entered twice, remove one",
    },
  },
  "village-file-name": {
    zh: {
      message: (a) =>
        `文件名“${a.name}”不对，应为 ${a.expected === "village" ? "<12 位村代码>.yaml" : a.expected === "training" ? "<年度>.yaml 或 <场次编号>.yaml" : a.expected}`,
      hint: (a) =>
        a.expected === "training"
          ? "trainings/ 中只放培训场次文件：旧库的年度文件如 trainings/2021.yaml，每个场次一个文件如 trainings/2021-11-20-640502100-3fa2.yaml"
          : "村名册文件以 12 位村代码命名，如 villages/640502100201.yaml",
    },
    en: {
      message: (a) =>
        `file name "${a.name}" is wrong; expected ${a.expected === "village" ? "<12-digit village code>.yaml" : a.expected === "training" ? "<year>.yaml or <session id>.yaml" : a.expected}`,
      hint: (a) =>
        a.expected === "training"
          ? "trainings/ holds training files only: a year's file of an older library such as trainings/2021.yaml, or one file per session such as trainings/2021-11-20-640502100-3fa2.yaml"
          : "village files are named by their 12-digit code, e.g. villages/640502100201.yaml",
    },
  },
  "village-unknown": {
    zh: {
      message: (a) => `村代码 ${a.code} 不在区县登记册（district.yaml）中`,
      hint: () => "核对村代码，或先在 district.yaml 中登记该村",
    },
    en: {
      message: (a) => `village code ${a.code} is not in the register (district.yaml)`,
      hint: () => "check the code, or add the village to district.yaml first",
    },
  },
  "town-unknown": {
    zh: { message: (a) => `乡镇“${a.town}”不在区县登记册中`, hint: () => "核对乡镇名称或代码" },
    en: { message: (a) => `town "${a.town}" is not in the register`, hint: () => "check the town's name or code" },
  },
  "register-duplicate-code": {
    zh: { message: (a) => `代码 ${a.code} 重复登记`, hint: () => "每个乡镇和村只登记一次" },
    en: { message: (a) => `code ${a.code} is registered twice`, hint: () => "register each town and village once" },
  },
  "register-code-prefix": {
    zh: {
      message: (a) => `${a.kind === "town" ? "乡镇" : "村"}代码 ${a.code} 应以上级代码 ${a.parent} 开头`,
      hint: () => "统计用区划代码逐级嵌套：6 位区县 + 3 位乡镇 + 3 位村",
    },
    en: {
      message: (a) => `${a.kind} code ${a.code} should start with its parent's code ${a.parent}`,
      hint: () => "division codes nest: 6-digit county + 3-digit town + 3-digit village",
    },
  },
  "register-replaced-by": {
    zh: {
      message: (a) =>
        a.target
          ? `${a.code} 并入的 ${a.target} 不在登记册中`
          : `${a.code} 标为已合并，但没有写明并入哪里（replaced_by）`,
      hint: () => "在 replaced_by 中写上合并后的代码",
    },
    en: {
      message: (a) =>
        a.target
          ? `${a.code} was merged into ${a.target}, which is not in the register`
          : `${a.code} is marked merged but does not say into what (replaced_by)`,
      hint: () => "write the code it was merged into under replaced_by",
    },
  },
  "register-county-missing": {
    zh: {
      message: () => "区划代码表中没有区县一行（代码以 000000 结尾，例如 640502000000,,沙坡头区）",
      hint: (a) =>
        `在表中加上区县一行，或用 --name 给出区县名称，或用 --district${a.suggest ? ` ${a.suggest}` : ""} 按官方区划代码表建库`,
    },
    en: {
      message: () => "the register has no county line (a code ending in 000000, e.g. 640502000000,,沙坡头区)",
      hint: (a) =>
        `add the county line, or give the county's name with --name, or build from the official table with --district${a.suggest ? ` ${a.suggest}` : ""}`,
    },
  },
  "register-kind-doubt": {
    zh: {
      message: (a) =>
        a.doubt === "similar"
          ? `${a.name}（${a.code}）：代码末三位表示${a.byCode === "类似村" ? "类似村民委员会" : "类似居民委员会"}的单位，名称也不是村，不是行政村，按社区登记（无储备数量要求）`
          : a.doubt === "conflict"
            ? `${a.name}（${a.code}）：代码末三位表示${a.byCode === "社区" ? "居委会" : "村委会"}，名称却是${a.byName === "社区" ? "居委会（社区）" : "村委会"}，暂按村登记（有储备数量要求）`
            : `${a.name}（${a.code}）：从代码和名称都看不出是村委会还是居委会，暂按村登记（有储备数量要求）`,
      hint: (a) =>
        a.doubt === "similar"
          ? "若它是行政村，删去 district.yaml 中它下面的 kind: 社区"
          : "若是居委会（社区），在 district.yaml 中它下面写 kind: 社区",
    },
    en: {
      message: (a) =>
        a.doubt === "similar"
          ? `${a.name} (${a.code}): the code's last three digits say a unit like a ${a.byCode === "类似村" ? "villagers'" : "residents'"} committee and the name does not say village; not an administrative village, registered as a community (no quota)`
          : a.doubt === "conflict"
            ? `${a.name} (${a.code}): the code's last three digits say ${a.byCode === "社区" ? "residents'" : "villagers'"} committee, the name says ${a.byName === "社区" ? "residents'" : "villagers'"}; registered as a village (with a quota)`
            : `${a.name} (${a.code}): neither the code nor the name says whether it is a villagers' or a residents' committee; registered as a village (with a quota)`,
      hint: (a) =>
        a.doubt === "similar"
          ? "if it is an administrative village, remove kind: 社区 under it in district.yaml"
          : "if it is a residents' committee (社区), write kind: 社区 under it in district.yaml",
    },
  },
  "name-unsafe": {
    zh: {
      message: (a) => `${WHAT_ZH[a.what!] ?? "名称"}“${a.value}”${FAULT_ZH[a.fault!] ?? "不能使用"}`,
      hint: () => "按正式名称填写（与统计用区划代码表一致），不要带多余的符号、空格或不可见字符",
    },
    en: {
      message: (a) => `${WHAT_EN[a.what!] ?? "name"} "${a.value}" ${FAULT_EN[a.fault!] ?? "cannot be used"}`,
      hint: () =>
        "write the official name (as in the division code table), without extra signs, spaces or invisible characters",
    },
  },
  "status-mismatch": {
    zh: {
      message: (a) => `状态为“${a.status}”，但最后一条状态变动是“${a.last}”`,
      hint: () => "在 status_changes 末尾补记这次变动（含日期和原因），或改正状态",
    },
    en: {
      message: (a) => `status is "${a.status}" but the last recorded change is to "${a.last}"`,
      hint: () => "record the change (date and reason) at the end of status_changes, or correct the status",
    },
  },
  "training-year-mismatch": {
    zh: { message: (a) => `year 为 ${a.year}，但文件名是 ${a.fileYear}.yaml`, hint: () => "年度与文件名保持一致" },
    en: {
      message: (a) => `year is ${a.year} but the file is named ${a.fileYear}.yaml`,
      hint: () => "make the year and the file name agree",
    },
  },
  "vocabulary-closed": {
    zh: {
      message: (a) => `用语表 ${a.table} 不能新增用语“${a.term}”：它的用语在程序中有固定含义`,
      hint: (a) =>
        `只能为已有用语添加同义词：写成 term: 已有用语，synonyms: [${a.term}]${a.nearest ? `（最接近的已有用语是“${a.nearest}”）` : ""}`,
    },
    en: {
      message: (a) => `the ${a.table} table takes no new terms ("${a.term}"): its terms have a fixed meaning`,
      hint: (a) =>
        `add it as a synonym of an existing term instead (term: existing, synonyms: [${a.term}])${a.nearest ? `; the nearest term is "${a.nearest}"` : ""}`,
    },
  },
  "vocabulary-counts-as": {
    zh: {
      message: (a) =>
        a.reason === "missing"
          ? `新增的用语“${a.term}”没有写明按哪个内置用语统计（counts_as）`
          : a.reason === "unknown"
            ? `用语“${a.term}”的 counts_as“${a.value}”不是内置用语`
            : `用语“${a.term}”不能写 counts_as：只有新增的学历、政治面貌才需要`,
      hint: (a) => (a.reason === "not-allowed" ? "删除 counts_as" : `写 counts_as: 其中之一：${some(a.allowed)}`),
    },
    en: {
      message: (a) =>
        a.reason === "missing"
          ? `the new term "${a.term}" does not say which built-in term it counts as (counts_as)`
          : a.reason === "unknown"
            ? `counts_as "${a.value}" of "${a.term}" is not a built-in term`
            : `"${a.term}" takes no counts_as: only new education and political-status terms do`,
      hint: (a) =>
        a.reason === "not-allowed" ? "remove counts_as" : `write counts_as: one of ${some(a.allowed, 12, ", ")}`,
    },
  },
  "vocabulary-category": {
    zh: {
      message: (a) =>
        a.reason === "missing"
          ? `新增的帮带人职务“${a.term}”没有写明类别（category）`
          : `用语“${a.term}”不能写 category：只有新增的帮带人职务才需要`,
      hint: (a) => (a.reason === "missing" ? `写 category: 其中之一：${some(a.allowed)}` : "删除 category"),
    },
    en: {
      message: (a) =>
        a.reason === "missing"
          ? `the new mentor post "${a.term}" has no category`
          : `"${a.term}" takes no category: only new mentor posts do`,
      hint: (a) => (a.reason === "missing" ? `write category: one of ${some(a.allowed, 12, ", ")}` : "remove category"),
    },
  },
  "vocabulary-conflict": {
    zh: {
      message: (a) => `“${a.label}”已是用语“${a.owner}”的写法，不能再指别的用语`,
      hint: () => "删除这一项，或改用别的写法：一种写法只能对应一个规范用语",
    },
    en: {
      message: (a) => `"${a.label}" already stands for "${a.owner}" and cannot name another term`,
      hint: () => "remove it or use another label: each label names one standard term",
    },
  },
  "training-duplicate-session": {
    zh: {
      message: (a) => `培训场次编号 ${a.id} 重复${a.first ? `：${a.first} 中已有这个场次` : ""}`,
      hint: (a) =>
        a.first
          ? "同一场次只能登记一处：删除其中一个（参训记录在各人档案中，不受影响），或给另一个场次改用新编号"
          : "每个场次使用唯一编号",
    },
    en: {
      message: (a) => `training session id ${a.id} is used twice${a.first ? `: ${a.first} has it already` : ""}`,
      hint: (a) =>
        a.first
          ? "record a session in one place only: delete one of them (attendance, kept in people's files, is not affected), or give the other session a new id"
          : "give every session its own id",
    },
  },
  "training-file-name": {
    zh: {
      message: (a) => `场次文件名“${a.name}”与其中的场次编号 ${a.id} 不符`,
      hint: (a) => `场次文件以场次编号命名：把文件改名为 ${a.id}.yaml（各人档案引用的是编号，编号不要改）`,
    },
    en: {
      message: (a) => `the session file "${a.name}" holds session ${a.id}`,
      hint: (a) =>
        `a session's file is named by its id: rename the file to ${a.id}.yaml (people's files refer to the id; keep it)`,
    },
  },
};
