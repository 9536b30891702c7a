import { readFileSync, symlinkSync, truncateSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import iconv from "iconv-lite";
import type { Policy } from "../../src/domain/model.js";
import { idNumber } from "../helpers/library.js";
import {
  baseSpec,
  libraryCase,
  member,
  replaceIn,
  V1,
  V2,
  withRecords,
  type CatalogueCase,
  type Unreproduced,
} from "./case.js";

/** Reproducers of the core codes (src/diagnostics/codes/core.ts): reading files, records, identity, structure. */

const BOOK = `villages/${V1}.yaml`;
const first = (id: string) => `id_number: "${id}"`;
const firstId = () => baseSpec().books[V1]![0]!.id_number;

/** A session recorded by `reserve record training`, in a file of its own. */
const SESSION = "2021-11-20-640502100-ff3b";
const sessionFile = (id: string) =>
  `# 培训场次（参训记录见各人档案的 trainings）\nid: "${id}"\ndate: "2021-11-20"\ntitle: 冬训：乡村振兴政策解读\nlevel: 镇级\nunit: "640502100"\ntopics: [政策法规]\nhours: 3\n`;

/** A case that edits the text of 沙坡村's book. */
const bookEdit = (
  code: CatalogueCase["code"],
  meaning: string,
  reproducer: string,
  from: string | RegExp,
  to: string,
): CatalogueCase => libraryCase({ code, meaning, reproducer, edit: (dir) => replaceIn(dir, BOOK, from, to) });

/** A case whose first reserve of 沙坡村 has another ID number. */
const idCase = (code: CatalogueCase["code"], meaning: string, reproducer: string, id: string): CatalogueCase =>
  bookEdit(code, meaning, reproducer, first(firstId()), first(id));

/** A case that starts a library from a division code list (`reserve init`). */
const registerCase = (code: CatalogueCase["code"], meaning: string, reproducer: string, csv: string[]) => ({
  code,
  meaning,
  reproducer,
  setup: (dir: string) => writeFileSync(join(dir, "register.csv"), `${csv.join("\n")}\n`),
  args: ["init", "lib", "--register", "register.csv", "--year", "2021"],
});

/** A case whose policy adds these terms and synonyms (policy.vocabulary). */
const vocabularyCase = (
  code: CatalogueCase["code"],
  meaning: string,
  reproducer: string,
  vocabulary: NonNullable<Policy["vocabulary"]>,
): CatalogueCase =>
  libraryCase({
    code,
    meaning,
    reproducer,
    change: (b) => ({ ...b, district: { ...b.district, policy: { ...b.district.policy, vocabulary } } }),
  });

const REGISTER_HEAD = ["统计用区划代码,城乡分类代码,名称", "640502000000,,沙坡头区", "640502100000,,滨河镇"];

export const cases: readonly CatalogueCase[] = [
  // Reading files
  libraryCase({
    code: "file-unreadable",
    meaning:
      "A library file cannot be read: it does not exist, is not a regular file, is not readable, or is a symbolic link (library files must be regular files inside the library).",
    reproducer: "沙坡村's book is a symbolic link",
    edit: (dir) => {
      const book = join(dir, "data", BOOK);
      const elsewhere = join(dir, "elsewhere.yaml");
      writeFileSync(elsewhere, readFileSync(book));
      unlinkSync(book);
      symlinkSync(elsewhere, book);
    },
  }),
  libraryCase({
    code: "file-too-large",
    meaning: "A library file is larger than the limit (256 MiB); it is refused before anything of it is read.",
    reproducer: "沙坡村's book grown to 256 MiB and one byte (a sparse file: nothing is written)",
    edit: (dir) => truncateSync(join(dir, "data", BOOK), 256 * 1024 ** 2 + 1),
  }),
  libraryCase({
    code: "file-encoding",
    meaning:
      "A library file is not UTF-8 (library files are always UTF-8; rosters may be GBK), or holds a NUL byte (a damaged file). Named at the line and column of the first such bytes, with how many more lines hold them; the file is not read.",
    reproducer: "沙坡村's book saved as GBK",
    edit: (dir) => {
      const book = join(dir, "data", BOOK);
      writeFileSync(book, iconv.encode(readFileSync(book, "utf8"), "gbk"));
    },
  }),
  bookEdit(
    "yaml-syntax",
    "The file is not valid YAML; the position is where the parser gave up.",
    "a quotation mark left open",
    "name: 测试二〇一〇一",
    'name: "测试二〇一〇一',
  ),
  bookEdit(
    "yaml-duplicate-key",
    "The same key appears twice in one mapping.",
    "a record with two names",
    "    name: 测试二〇一〇一\n",
    "    name: 测试二〇一〇一\n    name: 王五\n",
  ),
  bookEdit(
    "yaml-multi-document",
    "A file holds more than one YAML document (separated by ---).",
    "a second document appended to the book",
    /$/,
    '---\nvillage: "640502100201"\n',
  ),
  bookEdit(
    "yaml-tag",
    "A YAML tag is used (!something, or one outside YAML's core schema such as !!binary or !!timestamp, which would turn the value into bytes or a date); library files and rosters hold plain values only. Every tag is reported where it is written, and the file's other problems are still found in the same run.",
    "a name written with a custom tag",
    "name: 测试二〇一〇一",
    "name: !cn 测试二〇一〇一",
  ),
  bookEdit(
    "yaml-alias",
    "A file uses more YAML aliases (*name) than any library file needs (refused before parsing), or an alias is invalid.",
    "a record whose specialties repeat one anchored value 101 times",
    "    status: 在库\n",
    `    specialties: [&s 种植, ${Array(101).fill("*s").join(", ")}]\n    status: 在库\n`,
  ),
  bookEdit(
    "yaml-too-deep",
    "The file nests deeper than any library file needs; refused before parsing.",
    "a note of 70 nested lists",
    "    status: 在库\n",
    `    status: 在库\n    note: ${"[".repeat(70)}${"]".repeat(70)}\n`,
  ),

  // Shape of a record
  bookEdit(
    "unknown-key",
    "A key the file format does not have (often a typo); the closest known key is suggested.",
    "ethnicity misspelt",
    "    ethnicity: 汉族",
    "    ethnicty: 汉族",
  ),
  bookEdit(
    "missing-field",
    "A required field is missing.",
    "a record without its ethnicity",
    "    ethnicity: 汉族\n",
    "",
  ),
  bookEdit(
    "wrong-type",
    "A value has the wrong type, e.g. a long number where text is required (it would lose digits).",
    "an ID number without quotes",
    /id_number: "(\d+)"/,
    `id_number: ${firstId()}`,
  ),
  bookEdit(
    "bad-term",
    "A value is not one of the official terms of its vocabulary (aliases are accepted on import, not in the library).",
    "gender written as 男的",
    "gender: 男",
    "gender: 男的",
  ),
  bookEdit(
    "bad-date",
    "A date does not exist or is not written YYYY-MM-DD.",
    "30 February",
    'entry_date: "2021-01-05"',
    'entry_date: "2021-02-30"',
  ),
  libraryCase({
    code: "bad-code",
    meaning: "A division code does not have the required number of digits.",
    reproducer: "a town session whose organising unit has 8 digits",
    edit: (dir) =>
      replaceIn(dir, "trainings/2021.yaml", "    level: 镇级\n", '    level: 镇级\n    unit: "64050210"\n'),
  }),
  bookEdit(
    "bad-value",
    "A value breaks the rule of its field (form, range or length).",
    "an evaluation year written with two digits",
    '      "2021":\n        date:',
    '      "21":\n        date:',
  ),
  bookEdit("empty-value", "A text field is present but empty.", "an empty name", "name: 测试二〇一〇一", 'name: ""'),

  // Identity
  idCase("id-length", "The ID number does not have 18 characters.", "17 characters", firstId().slice(0, 17)),
  idCase(
    "id-characters",
    "The ID number has a character other than a digit (only the last may be X).",
    "a letter O for a zero",
    `${firstId().slice(0, 6)}O${firstId().slice(7)}`,
  ),
  idCase(
    "id-scientific",
    "A spreadsheet turned the ID number into scientific notation; the last digits are lost for good.",
    "6.40502E+17",
    "6.40502E+17",
  ),
  idCase("id-legacy-15", "An old 15-digit ID number.", "a 15-digit number", "640502880211013"),
  idCase(
    "id-province",
    "The first two digits are not a province-level code.",
    "starting with 99",
    `99${firstId().slice(2)}`,
  ),
  idCase(
    "id-birth-date",
    "The birth date inside the ID number does not exist.",
    "born on 30 February",
    idNumber("640502", "19880230", 13),
  ),
  idCase(
    "id-birth-future",
    "The birth date inside the ID number is after today.",
    "born in 2030",
    idNumber("640502", "20300101", 13),
  ),
  idCase(
    "id-birth-too-early",
    "The birth date inside the ID number is before 1850.",
    "born in 1800",
    idNumber("640502", "18000101", 13),
  ),
  idCase(
    "id-check",
    "The check character (ISO 7064 MOD 11-2) does not match the first 17 digits: usually one digit mistyped.",
    "the last character changed",
    `${firstId().slice(0, 17)}${firstId()[17] === "0" ? "1" : "0"}`,
  ),
  bookEdit(
    "id-gender-mismatch",
    "The gender disagrees with the ID number (odd 17th digit: man, even: woman).",
    "a man recorded as a woman",
    "gender: 男",
    "gender: 女",
  ),
  bookEdit(
    "phone-invalid",
    "The phone is neither a mobile (11 digits) nor a landline with area code.",
    "ten digits",
    /phone: "(\d+)"/,
    'phone: "1392010000"',
  ),

  // Library structure
  bookEdit(
    "person-id-format",
    "An internal id is not `<village code>-<number>` (internal ids are made by the tool).",
    "a one-digit sequence",
    'id: "640502100201-01"',
    'id: "640502100201-1"',
  ),
  bookEdit(
    "person-id-duplicate",
    "Two records share an internal id.",
    "the second record has the first one's id",
    'id: "640502100201-02"',
    'id: "640502100201-01"',
  ),
  libraryCase({
    code: "village-file-name",
    meaning: "A village book's file name is not its 12-digit village code, or disagrees with the code inside.",
    reproducer: "a book named after the village instead of its code",
    edit: (dir) =>
      writeFileSync(join(dir, "data", "villages", "沙坡村.yaml"), 'village: "640502100201"\nreserves: []\n'),
  }),
  libraryCase({
    code: "village-unknown",
    meaning: "A village book is for a code the register (district.yaml) does not have.",
    reproducer: "a book for 640502100299",
    change: (b) => ({ ...b, books: { ...b.books, "640502100299": [member("640502100299", 1)] } }),
  }),
  registerCase(
    "town-unknown",
    "A village of the division code list belongs to a town the list does not have.",
    "a list without the town row of 文昌镇",
    [...REGISTER_HEAD, "640502100201,220,沙坡村", "640502101201,220,红泉村"],
  ),
  registerCase("register-duplicate-code", "The same division code is listed twice.", "沙坡村 listed twice", [
    ...REGISTER_HEAD,
    "640502100201,220,沙坡村",
    "640502100201,220,沙坡村",
  ]),
  registerCase(
    "register-county-missing",
    "The division code list has no county line (a code ending in 000000), so the library would have no county name.",
    "a list that begins with the town 滨河镇",
    ["统计用区划代码,城乡分类代码,名称", "640502100000,,滨河镇", "640502100201,220,沙坡村"],
  ),
  registerCase(
    "register-kind-doubt",
    "A village-level unit whose code (last three digits: 001–199 居委会, 200–399 村委会) and name disagree about 村 or 社区, or where neither says; it is registered as a 村, which keeps a quota.",
    "640502100002 named 沙坡村委会",
    [...REGISTER_HEAD, "640502100002,220,沙坡村委会", "640502100201,220,黄河村"],
  ),
  registerCase(
    "name-unsafe",
    "A name a report title, a spreadsheet or a file name would trip over: a formula trigger (= + - @) at the start, < > or a quote, a control or invisible character, the signs of a path, a trailing dot or space, a device name Windows reserves.",
    "a village named 沙坡村. with a trailing dot",
    [...REGISTER_HEAD, "640502100201,220,沙坡村."],
  ),
  libraryCase({
    code: "register-code-prefix",
    meaning: "A code does not start with its parent's code (division codes nest: county, town, village).",
    reproducer: "a village of 文昌镇 registered under 滨河镇",
    change: (b) => ({
      ...b,
      district: {
        ...b.district,
        villages: [
          ...b.district.villages,
          { code: "640502101299", name: "错村", town: "640502100", kind: "村", status: "正常" },
        ],
      },
    }),
  }),
  libraryCase({
    code: "register-replaced-by",
    meaning: "A merged unit does not say what it was merged into, or names a code that is not registered.",
    reproducer: "新墩村 merged without replaced_by",
    edit: (dir) => replaceIn(dir, "district.yaml", /\n\s+replaced_by: "640502100202"/, ""),
  }),
  libraryCase({
    code: "status-mismatch",
    meaning: "The status disagrees with the last recorded status change.",
    reproducer: "status 调整出库 but the last change is to 在库",
    change: (b) => ({
      ...b,
      books: withRecords(b, V2, (r) => [{ ...r[0]!, status: "调整出库" }, ...r.slice(1)]),
    }),
  }),
  libraryCase({
    code: "training-year-mismatch",
    meaning: "trainings/<year>.yaml says another year inside.",
    reproducer: "trainings/2021.yaml says 2020",
    edit: (dir) => replaceIn(dir, "trainings/2021.yaml", "year: 2021", "year: 2020"),
  }),
  libraryCase({
    code: "training-duplicate-session",
    meaning:
      "Two sessions share an id: twice in a year's file, or a session's file whose id another training file holds too (a session copied by hand).",
    reproducer: "the session of 2021-11-20 has its own file and is copied into trainings/2021.yaml",
    edit: (dir) => {
      writeFileSync(join(dir, "data", "trainings", `${SESSION}.yaml`), sessionFile(SESSION));
      replaceIn(dir, "trainings/2021.yaml", 'id: "2021-11"', `id: "${SESSION}"`);
    },
  }),
  libraryCase({
    code: "training-file-name",
    meaning: "A session's file (trainings/<session id>.yaml) is named for another id than the one inside.",
    reproducer: "a session file renamed by hand",
    edit: (dir) =>
      writeFileSync(join(dir, "data", "trainings", "2021-11-20-640502100-0001.yaml"), sessionFile(SESSION)),
  }),

  // The district's vocabulary
  vocabularyCase(
    "vocabulary-closed",
    "policy.vocabulary adds a term to a table whose terms have a fixed meaning (性别, 民族, 状态…): only synonyms may be added there.",
    "a new gender 未说明",
    { gender: [{ term: "未说明" }] },
  ),
  vocabularyCase(
    "vocabulary-counts-as",
    "A new 学历 or 政治面貌 does not say which built-in term it counts as (counts_as), names one that is not built in, or counts_as is given where it does not belong.",
    "a new education term 技师学院 without counts_as",
    { education: [{ term: "技师学院" }] },
  ),
  vocabularyCase(
    "vocabulary-category",
    "A new 帮带人职务 has no category, or category is given where it does not belong.",
    "a new mentor post 村团支部书记 without its category",
    { mentor_post: [{ term: "村团支部书记" }] },
  ),
  vocabularyCase(
    "vocabulary-conflict",
    "A synonym or new term the policy adds already names another term of the table.",
    "本科 added as a synonym of 大学专科",
    { education: [{ term: "大学专科", synonyms: ["本科"] }] },
  ),
];

export const unreproduced: readonly Unreproduced[] = [];
