import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { registerCsv, rosterCsv, rosterRows } from "../../src/generator/index.js";
import { makeLibrary, smallDistrict } from "../helpers/library.js";
import { importDistrict } from "../import/helpers.js";
import { baseSpec, member, replaceIn, V1, type FatalCase } from "./case.js";
import { runSpawned } from "./catalogue.js";

/**
 * Reproducers of the errors that stop a command (src/diagnostics/fatal.ts). Most run against the
 * catalogue's small clean library in `data`; those that need a failing disk inject the fault the
 * way the torture tests do (src/io/fs-ops.ts) and run in a process of their own.
 */

const ROSTER = "名册.csv";

/** The clean library and a roster that adds one reserve to 沙坡村. */
function libraryAndRoster(dir: string): void {
  makeLibrary(baseSpec(), join(dir, "data"));
  writeFileSync(join(dir, ROSTER), rosterCsv(rosterRows("滨河镇", "沙坡村", V1, [member(V1, 4)])));
}

const importRoster = ["import", ROSTER] as const;

export const fatal: readonly FatalCase[] = [
  {
    code: "usage",
    meaning:
      "The command line is wrong: a value an option does not take, a date or year written another way. (Unknown commands and options are refused by the parser with exit 2 too.)",
    reproducer: "an output format that does not exist",
    setup: (dir) => makeLibrary(baseSpec(), join(dir, "data")),
    args: ["audit", "--format", "xml"],
  },
  {
    code: "unknown-village",
    meaning: "--village names no village of the register, by code or by name.",
    reproducer: "a village name with a typo",
    setup: (dir) => makeLibrary(baseSpec(), join(dir, "data")),
    args: ["audit", "--village", "沙坪村"],
  },
  {
    code: "unknown-town",
    meaning: "--town names no town of the register, by code or by name.",
    reproducer: "a town name with a typo",
    setup: (dir) => makeLibrary(baseSpec(), join(dir, "data")),
    args: ["audit", "--town", "滨江镇"],
  },
  {
    code: "ambiguous-name",
    meaning: "A village name given on the command line is shared by villages of several towns.",
    reproducer: "two towns each have a 黄河村",
    setup: (dir) => makeLibrary({ district: importDistrict() }, join(dir, "data")),
    args: ["audit", "--village", "黄河村"],
  },
  {
    code: "library-not-found",
    meaning:
      "The library folder does not exist: ./data, where a command looks when --data is not given, is not there (the command was run in another folder), or --data or RESERVE_DATA names a folder that is not there (a typo). The message names the folder as typed and in full. Nothing is written.",
    reproducer: "an import run in a folder that has no data folder",
    setup: (dir) => writeFileSync(join(dir, ROSTER), rosterCsv(rosterRows("滨河镇", "沙坡村", V1, [member(V1, 4)]))),
    args: importRoster,
  },
  {
    code: "no-library",
    meaning:
      "The folder given (or ./data) exists but holds no district.yaml, or is a file: it is not a library. Nothing is written into it (no .reserve folder, lock or cache).",
    reproducer: "--data points at a folder of documents",
    setup: (dir) => {
      mkdirSync(join(dir, "文档"));
      writeFileSync(join(dir, "文档", "通知.txt"), "关于做好村级后备力量培养工作的通知\n");
      writeFileSync(join(dir, ROSTER), rosterCsv(rosterRows("滨河镇", "沙坡村", V1, [member(V1, 4)])));
    },
    args: [...importRoster, "--data", "文档"],
  },
  {
    code: "year-not-held",
    meaning:
      "--year (or the year of --date) is outside the years the library holds: from its earliest selection, entry, training or evaluation to its working year (audit, report, show, evaluate).",
    reproducer: "a report for 1899",
    setup: (dir) => makeLibrary(baseSpec(), join(dir, "data")),
    args: ["report", "--year", "1899"],
  },
  {
    code: "library-exists",
    meaning: "reserve init would create a library in a folder that already holds something.",
    reproducer: "init into the folder of an existing library",
    setup: (dir) => {
      makeLibrary(baseSpec(), join(dir, "data"));
      writeFileSync(join(dir, "register.csv"), registerCsv(smallDistrict()));
    },
    args: ["init", "data", "--register", "register.csv", "--year", "2021"],
  },
  {
    code: "district-unknown",
    meaning:
      "reserve init --district names no county of the official division table (统计用区划代码, 2023): a mistyped code, a city's or a village's code; the message names the counties meant most likely.",
    reproducer: "a code with two digits swapped",
    setup: () => undefined,
    args: ["init", "zn", "--district", "645021"],
  },
  {
    code: "district-mismatch",
    meaning: "reserve init was given a division code list of one county and --district of another.",
    reproducer: "沙坡头区's list with --district 640521 (中宁县)",
    setup: (dir) => writeFileSync(join(dir, "register.csv"), registerCsv(smallDistrict())),
    args: ["init", "zn", "--register", "register.csv", "--district", "640521"],
  },
  {
    code: "bad-register",
    meaning:
      "The division code list given to reserve init has errors (listed above the message); no library is created.",
    reproducer: "a village code that is not below its town's",
    setup: (dir) =>
      writeFileSync(
        join(dir, "register.csv"),
        "统计用区划代码,城乡分类代码,名称\n640502000000,,沙坡头区\n640502100000,,滨河镇\n640503100201,220,沙坡村\n",
      ),
    args: ["init", "lib", "--register", "register.csv", "--year", "2021"],
  },
  {
    code: "library-invalid",
    meaning:
      "A command that changes the library found errors in its files (listed above the message): nothing is changed until they are corrected.",
    reproducer: "an import into a library whose village file has a YAML syntax error",
    setup: (dir) => {
      libraryAndRoster(dir);
      replaceIn(dir, `villages/${V1}.yaml`, /name: (\S+)/, 'name: "$1');
    },
    args: importRoster,
  },
  {
    code: "lock-held",
    meaning:
      "Another process holds the library's lock and did not finish within --wait (default 10 s). A lock taken on another computer is never removed automatically; one left by a process of this computer that is gone is removed with a notice.",
    reproducer: "a lock taken on another computer",
    setup: (dir) => {
      libraryAndRoster(dir);
      mkdirSync(join(dir, "data", ".reserve"));
      writeFileSync(
        join(dir, "data", ".reserve", "lock"),
        JSON.stringify({
          pid: 4242,
          host: "office-pc",
          user: "zhang",
          command: "import",
          started: "2021-12-31T03:58:00.000Z",
          token: "t",
        }),
      );
    },
    args: importRoster,
  },
  {
    code: "permission-denied",
    meaning: "A file or folder could not be read or written for lack of permission; nothing was changed.",
    reproducer: "the first write of the import is refused (EACCES)",
    setup: libraryAndRoster,
    args: importRoster,
    env: { RESERVE_FAULT: "EACCES", RESERVE_FAULT_AT: "1" },
  },
  {
    code: "disk-full",
    meaning: "The disk (or the user's quota) filled up while the change was being written; nothing was changed.",
    reproducer: "the third write of the import finds the disk full (ENOSPC)",
    setup: libraryAndRoster,
    args: importRoster,
    env: { RESERVE_FAULT: "ENOSPC", RESERVE_FAULT_AT: "3" },
  },
  {
    code: "read-only",
    meaning: "The library is on a read-only file system (a CD, a write-protected USB stick, a read-only mount).",
    reproducer: "the first write of the import is refused (EROFS)",
    setup: libraryAndRoster,
    args: importRoster,
    env: { RESERVE_FAULT: "EROFS", RESERVE_FAULT_AT: "1" },
  },
  {
    code: "io-error",
    meaning: "The disk reported an error (EIO), or the system ran out of open files; nothing was changed.",
    reproducer: "the second write of the import fails with EIO",
    setup: libraryAndRoster,
    args: importRoster,
    env: { RESERVE_FAULT: "EIO", RESERVE_FAULT_AT: "2" },
  },
  {
    code: "unsafe-path",
    meaning:
      "A file or folder the command would write is a symbolic link (it could point outside the library), lies outside the library, or is not a regular file or folder. Nothing is written through it.",
    reproducer: "the history folder is a symbolic link to a folder elsewhere",
    setup: (dir) => {
      libraryAndRoster(dir);
      mkdirSync(join(dir, "elsewhere"));
      symlinkSync(join(dir, "elsewhere"), join(dir, "data", "history"));
    },
    args: importRoster,
  },
  {
    code: "journal-corrupt",
    meaning:
      "An interrupted write left a journal that is damaged. The write protocol never leaves one, so the disk lost data: the tool stops rather than guess which state is right.",
    reproducer: "a journal that is not valid JSON",
    setup: (dir) => {
      makeLibrary(baseSpec(), join(dir, "data"));
      mkdirSync(join(dir, "data", ".reserve", "tx"), { recursive: true });
      writeFileSync(join(dir, "data", ".reserve", "tx", "journal.json"), '{"version":1,');
    },
    args: ["audit"],
  },
  {
    code: "commit-incomplete",
    meaning:
      "A change passed its commit point but could not be written in full (a full disk, a permission changed meanwhile). It stands: the next command that can write completes it; until then every command says so.",
    reproducer:
      "an import killed just after its commit point, and a full disk when the next command tries to complete it",
    setup: (dir) => {
      libraryAndRoster(dir);
      runSpawned(dir, importRoster, "zh", { RESERVE_CRASH_AT: "tx:after-journal" });
    },
    args: ["audit"],
    env: { RESERVE_FAULT: "ENOSPC", RESERVE_FAULT_AT: "1" },
  },
];
