import type { FatalCode } from "../diagnostics/fatal.js";
import type { Entry } from "./diagnostics.js";

const UNSAFE_ZH: Record<string, string> = {
  symlink: "它是符号链接，可能指向库目录以外",
  outside: "它不在库目录中",
  "not-dir": "它不是文件夹",
  "not-file": "它不是普通文件",
};
const UNSAFE_EN: Record<string, string> = {
  symlink: "it is a symbolic link and may point outside the library",
  outside: "it is outside the library folder",
  "not-dir": "it is not a folder",
  "not-file": "it is not a regular file",
};

/** What stopped a write, from the system's error code. */
const CAUSE_ZH: Record<string, string> = {
  EACCES: "没有权限",
  EPERM: "没有权限",
  ENOSPC: "磁盘空间不足",
  EDQUOT: "超出磁盘配额",
  EROFS: "磁盘只读",
  EIO: "磁盘读写错误",
};
const CAUSE_EN: Record<string, string> = {
  EACCES: "permission denied",
  EPERM: "permission denied",
  ENOSPC: "the disk is full",
  EDQUOT: "the disk quota is exceeded",
  EROFS: "the disk is read-only",
  EIO: "a disk I/O error",
};

/** The help that describes a command's options. */
const helpOf = (a: { command?: unknown }) =>
  typeof a.command === "string" ? `reserve ${a.command} --help` : "reserve --help";

/** What to give instead of a year the library does not hold. */
const askZh = (a: { option?: unknown }) =>
  a.option === "--date" ? "--date 写库中已有年度里的日期" : "--year 写库中已有的年度";
const askEn = (a: { option?: unknown }) =>
  a.option === "--date" ? "give --date a day of a year the library holds" : "give --year a year the library holds";

/** Where the folder of a library that is not there was named (cli/main.ts fills it in). */
const SOURCE_ZH: Record<string, string> = { flag: "--data 给出的", env: "环境变量 RESERVE_DATA 给出的" };
const SOURCE_EN: Record<string, string> = { flag: " given with --data", env: " given in RESERVE_DATA" };

/** The absolute path beside the one as typed, when they differ. */
function full(a: Readonly<Record<string, string | number>>, en = false): string {
  if (!a.abs || a.abs === a.path) return "";
  return en ? ` (${a.abs})` : `（${a.abs}）`;
}

/** Wording of the errors that stop a command as a whole. */
export const FATAL_MESSAGES: Readonly<Record<FatalCode, Entry>> = {
  // The hint names the option (or argument) that was wrong and where its use is described; the
  // command is filled in by the CLI from the command line.
  usage: {
    zh: {
      message: (a) => String(a.detail),
      hint: (a) =>
        a.hint !== undefined
          ? String(a.hint)
          : a.option !== undefined
            ? `${a.option} 的写法见 ${helpOf(a)}`
            : `用法见 ${helpOf(a)}`,
    },
    en: {
      message: (a) => String(a.detail),
      hint: (a) =>
        a.hint !== undefined
          ? String(a.hint)
          : a.option !== undefined
            ? `${a.option} is described in ${helpOf(a)}`
            : `usage: ${helpOf(a)}`,
    },
  },
  "unknown-village": {
    zh: {
      message: (a) => `找不到村“${a.name}”`,
      hint: () => "用 12 位村代码或“乡镇名/村名”指定；reserve show villages 列出全部村",
    },
    en: {
      message: (a) => `no village "${a.name}"`,
      hint: () => "name it by its 12-digit code or as town/village; reserve show villages lists them all",
    },
  },
  "unknown-town": {
    zh: {
      message: (a) => `找不到乡镇“${a.name}”`,
      hint: () => "用 9 位乡镇代码或乡镇名指定；reserve show towns 列出全部乡镇",
    },
    en: {
      message: (a) => `no town "${a.name}"`,
      hint: () => "name it by its 9-digit code or its name; reserve show towns lists them all",
    },
  },
  "ambiguous-name": {
    zh: { message: (a) => `“${a.name}”对应多个地方：${a.matches}`, hint: () => "改用代码，或写成“乡镇名/村名”" },
    en: {
      message: (a) => `"${a.name}" matches several places: ${a.matches}`,
      hint: () => "use the code, or write town/village",
    },
  },
  "library-not-found": {
    zh: {
      message: (a) =>
        a.source === "default"
          ? `找不到库：当前文件夹中没有 ${a.path} 文件夹${full(a)}；没有给出 --data 时，库默认在当前文件夹的 data 中`
          : `找不到库：${SOURCE_ZH[a.source!] ?? ""}文件夹 ${a.path} 不存在${full(a)}`,
      hint: (a) =>
        a.source === "default"
          ? "到库所在的文件夹中运行 reserve，或用 --data 指定库的位置；还没有库时，先用 reserve init data --register <区划代码表.csv> 新建"
          : "检查文件夹名是否写错，或用 --data 指定库的位置；还没有库时，先用 reserve init <文件夹> --register <区划代码表.csv> 新建",
    },
    en: {
      message: (a) =>
        a.source === "default"
          ? `no library: there is no folder ${a.path} here${full(a, true)}; without --data, the library is looked for in ./data`
          : `no library: the folder ${a.path}${SOURCE_EN[a.source!] ?? ""} does not exist${full(a, true)}`,
      hint: (a) =>
        a.source === "default"
          ? "run reserve in the folder that holds the library, or point --data at it; to start one, run reserve init data --register <code-list.csv>"
          : "check the folder's name, or point --data at the library; to start one, run reserve init <folder> --register <code-list.csv>",
    },
  },
  "no-library": {
    zh: {
      message: (a) =>
        a.reason === "not-dir"
          ? `${a.path}${full(a) || " "}是文件而不是文件夹，不是后备干部库`
          : `${a.path}${full(a) || " "}不是后备干部库（其中没有 district.yaml）`,
      hint: () => "用 --data 指定库所在的文件夹（其中有 district.yaml），或用 reserve init 新建一个库",
    },
    en: {
      message: (a) =>
        a.reason === "not-dir"
          ? `${a.path}${full(a, true)} is a file, not a folder: it is not a reserve library`
          : `${a.path}${full(a, true)} is not a reserve library (it has no district.yaml)`,
      hint: () => "point --data at the library folder (the one with district.yaml), or create one with reserve init",
    },
  },
  "year-not-held": {
    zh: {
      message: (a) =>
        `库中没有 ${a.year} 年的数据：${a.first === a.last ? `只有 ${a.first} 年` : `它的数据在 ${a.first}–${a.last} 年之间`}（工作年度 ${a.working}）`,
      hint: (a) =>
        Number(a.year) > Number(a.last)
          ? `${askZh(a)}；开始 ${a.year} 年度的工作，先把 district.yaml 中的 year 改为 ${a.year}`
          : `${askZh(a)}（最早的是 ${a.first} 年的入库、培训或测评记录）`,
    },
    en: {
      message: (a) =>
        `the library holds nothing of ${a.year}: ${a.first === a.last ? `only ${a.first}` : `its data span ${a.first}–${a.last}`} (working year ${a.working})`,
      hint: (a) =>
        Number(a.year) > Number(a.last)
          ? `${askEn(a)}; to start working on ${a.year}, first set year: ${a.year} in district.yaml`
          : `${askEn(a)} (the earliest are selections, trainings or evaluations of ${a.first})`,
    },
  },
  "library-exists": {
    zh: { message: (a) => `${a.path} 已存在且不是空文件夹，不能在这里新建库`, hint: () => "换一个新的文件夹名" },
    en: {
      message: (a) => `${a.path} exists and is not empty; a library cannot be created there`,
      hint: () => "choose a new folder",
    },
  },
  "district-unknown": {
    zh: {
      message: (a) =>
        `“${a.code}”${
          {
            province: "是省级代码，不是区县代码",
            city: "是地级（市）代码，不是区县代码",
            town: "是乡镇代码，不是区县代码",
            village: "是村级代码，不是区县代码",
            ambiguous: "是几个区县共用的名称",
          }[a.kind!] ?? `不在统计用区划代码表（${a.edition} 年版）的区县中`
        }`,
      hint: (a) =>
        `${a.kind === "ambiguous" ? "请用代码指明" : "最接近的区县"}：${a.near}；区划有变化时用 --register 给出本区县的区划代码表`,
    },
    en: {
      message: (a) =>
        `"${a.code}" ${
          {
            province: "is a province's code, not a county's",
            city: "is a city's code, not a county's",
            town: "is a town's code, not a county's",
            village: "is a village's code, not a county's",
            ambiguous: "is the name of several counties",
          }[a.kind!] ?? `is not a county of the official division table (${a.edition} edition)`
        }`,
      hint: (a) =>
        `${a.kind === "ambiguous" ? "give the code" : "nearest counties"}: ${String(a.near).replaceAll("、", ", ")}; where the divisions changed, give the county's own list with --register`,
    },
  },
  "district-mismatch": {
    zh: {
      message: (a) => `区划代码表 ${a.file} 是 ${a.found} 的，而 --district 是 ${a.district}`,
      hint: () => "两者应是同一个区县：改正 --district，或换用本区县的区划代码表",
    },
    en: {
      message: (a) => `the register ${a.file} is that of ${a.found}, but --district is ${a.district}`,
      hint: () => "both must name the same county: correct --district or use this county's register",
    },
  },
  "bad-register": {
    zh: { message: (a) => `区划代码表 ${a.file} 有错误，未创建库`, hint: () => "按上面列出的位置改正后重试" },
    en: {
      message: (a) => `the register ${a.file} has errors; no library was created`,
      hint: () => "correct the places listed above and try again",
    },
  },
  "library-invalid": {
    zh: {
      message: () => "库文件中有错误，本次未做任何修改",
      hint: () => "先改正上面列出的错误（可用 reserve audit 再次检查）",
    },
    en: {
      message: () => "the library has errors; nothing was changed",
      hint: () => "correct the errors listed above first (reserve audit checks again)",
    },
  },
  "lock-held": {
    zh: {
      message: (a) =>
        a.pid
          ? `库正被另一个进程使用：${a.user}@${a.host} 运行的 reserve ${a.command}（进程 ${a.pid}，开始于 ${a.started}）`
          : "库的写入锁在操作过程中被移走，本次未做任何修改",
      hint: (a) => `等它完成后再试；如确认该进程已不存在，可删除库中的 ${a.file}`,
    },
    en: {
      message: (a) =>
        a.pid
          ? `the library is in use by another process: reserve ${a.command} run by ${a.user}@${a.host} (pid ${a.pid}, since ${a.started})`
          : "the library's lock was taken away during the command; nothing was changed",
      hint: (a) => `try again when it has finished; if that process is surely gone, delete ${a.file} in the library`,
    },
  },
  "permission-denied": {
    zh: {
      message: (a) => `没有权限读写 ${a.path}，库未被修改`,
      hint: () => "检查文件夹的所有者和权限，或换一个有权限的用户运行",
    },
    en: {
      message: (a) => `permission denied: ${a.path}; the library is unchanged`,
      hint: () => "check the folder's owner and permissions",
    },
  },
  "disk-full": {
    zh: { message: (a) => `磁盘空间不足，写入 ${a.path} 失败；库未被修改`, hint: () => "清理磁盘空间后重试" },
    en: {
      message: (a) => `the disk is full while writing ${a.path}; the library is unchanged`,
      hint: () => "free some space and try again",
    },
  },
  "read-only": {
    zh: {
      message: (a) => `${a.path} 在只读磁盘上，无法写入；库未被修改`,
      hint: () => "把库复制到可写的位置，或用 --data 指定",
    },
    en: {
      message: (a) => `${a.path} is on a read-only file system; the library is unchanged`,
      hint: () => "copy the library somewhere writable or point --data there",
    },
  },
  "unsafe-path": {
    zh: {
      message: (a) => `拒绝写入 ${a.path}：${UNSAFE_ZH[a.reason!] ?? a.reason}`,
      hint: () => "把它换成普通的文件或文件夹后重试",
    },
    en: {
      message: (a) => `refusing to write ${a.path}: ${UNSAFE_EN[a.reason!] ?? a.reason}`,
      hint: () => "replace it with a regular file or folder and try again",
    },
  },
  "journal-corrupt": {
    zh: {
      message: (a) => `上次中断的写入无法完成（${a.path} 已损坏）`,
      hint: () => "请先备份整个库文件夹，再检查磁盘；不要继续修改库",
    },
    en: {
      message: (a) => `an interrupted write cannot be completed (${a.path} is damaged)`,
      hint: () => "back up the whole library folder and check the disk before changing anything",
    },
  },
  "commit-incomplete": {
    zh: {
      message: (a) =>
        `修改已确认，但未能全部写入 ${a.path}（${CAUSE_ZH[a.reason!] ?? a.reason}）；下次运行 reserve 时会自动完成`,
      hint: () =>
        "先解决磁盘空间或权限问题，再运行任意 reserve 命令（如 reserve audit）完成这次修改；不要手工改动库文件",
    },
    en: {
      message: (a) =>
        `the change is committed but could not be fully written to ${a.path} (${CAUSE_EN[a.reason!] ?? a.reason}); the next reserve command completes it`,
      hint: () =>
        "fix the disk space or permissions, then run any reserve command (e.g. reserve audit) to complete the change; do not edit the library by hand meanwhile",
    },
  },
  "io-error": {
    zh: { message: (a) => `读写 ${a.path} 时出错（${a.reason}）；库未被修改`, hint: () => "检查磁盘后重试" },
    en: {
      message: (a) => `I/O error on ${a.path} (${a.reason}); the library is unchanged`,
      hint: () => "check the disk and try again",
    },
  },
};
