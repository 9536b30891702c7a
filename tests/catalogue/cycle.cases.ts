import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { DiagnosticCode } from "../../src/diagnostics/codes.js";
import type { RecordKind } from "../../src/domain/cultivation-columns.js";
import type { Reserve } from "../../src/domain/model.js";
import { makeLibrary } from "../helpers/library.js";
import { csv, fill, filledSheet, rowOf, sheetCsv, type Sheet } from "../cycle/helpers.js";
import { baseSpec, member, V1, V2, type CatalogueCase } from "./case.js";

/**
 * Reproducers of the cycle codes (src/diagnostics/codes/cycle.ts): a cultivation record file given to
 * `reserve record`, or the evaluation sheet `reserve report` writes, filled and changed in one place,
 * given to `reserve evaluate`. The library is the catalogue's small clean one.
 */

const FILES: Record<RecordKind, string> = {
  training: "签到表.csv",
  mentor: "帮带.csv",
  post: "定岗.csv",
  party: "入党.csv",
  screening: "联审.csv",
};

function recordCase(c: {
  code: DiagnosticCode;
  meaning: string;
  reproducer: string;
  kind: RecordKind;
  /** The header and the rows; `@V2-01` stands for the ID number of 黄河村's first reserve. */
  lines: readonly string[];
}): CatalogueCase {
  const file = FILES[c.kind];
  return {
    code: c.code,
    meaning: c.meaning,
    reproducer: c.reproducer,
    args: ["record", c.kind, file],
    setup: (dir) => {
      makeLibrary(baseSpec(), join(dir, "data"));
      const idNumber = member(V2, 1).id_number;
      writeFileSync(join(dir, file), csv(c.lines.map((l) => l.replace("@V2-01", idNumber))));
    },
  };
}

const SIGN_IN = "培训日期,培训主题,培训层级,学时,内部编号,姓名";
const MENTORS = "内部编号,姓名,帮带人,帮带人职务,帮带方式,开始时间,结束时间";
const SCREENING = "内部编号,联审部门,结果,负面清单条目,日期";

/** The base library without its 2021 evaluations: the year the sheet is for is still to be evaluated. */
function unevaluated(): Record<string, Reserve[]> {
  return Object.fromEntries(
    Object.entries(baseSpec().books).map(([v, rs]) => [v, rs.map((r) => ({ ...r, evaluations: undefined }))]),
  );
}

function sheetCase(c: {
  code: DiagnosticCode;
  meaning: string;
  reproducer: string;
  /** The filled district sheet, changed where the case needs it. */
  change?: (sheet: Sheet) => void;
  /** The library after the sheet was written (someone adjusted out, elected…). */
  after?: (books: Record<string, Reserve[]>) => Record<string, Reserve[]>;
}): CatalogueCase {
  return {
    code: c.code,
    meaning: c.meaning,
    reproducer: c.reproducer,
    args: ["evaluate", "--year", "2021", "测评表.csv"],
    setup: (dir) => {
      const root = join(dir, "data");
      const books = unevaluated();
      makeLibrary({ ...baseSpec(), books }, root);
      const sheet = filledSheet(root);
      c.change?.(sheet);
      writeFileSync(join(dir, "测评表.csv"), sheetCsv(sheet));
      if (c.after) makeLibrary({ ...baseSpec(), books: c.after(books) }, root);
    },
  };
}

const at = (s: Sheet, id: string, header: string, value: string) => (rowOf(s, id)[s.header.indexOf(header)] = value);

function withPerson(
  books: Record<string, Reserve[]>,
  village: string,
  n: number,
  change: (r: Reserve) => Reserve,
): Record<string, Reserve[]> {
  return { ...books, [village]: books[village]!.map((r, i) => (i === n - 1 ? change(r) : r)) };
}

export const cases: readonly CatalogueCase[] = [
  // People in a record file
  recordCase({
    code: "person-unknown",
    meaning:
      "A record names a person by an internal id or ID number nobody in the library has. People are never created by a record file: import them with their roster first.",
    reproducer: "a sign-in sheet names 640502100201-09",
    kind: "training",
    lines: [SIGN_IN, `2021-12-10,冬训,区级,3,${V1}-09,`],
  }),
  recordCase({
    code: "person-ids-disagree",
    meaning: "The internal id and the ID number on a row belong to two different people.",
    reproducer: "沙坡村's internal id with 黄河村's ID number",
    kind: "training",
    lines: ["培训日期,培训主题,培训层级,学时,内部编号,身份证号", `2021-12-10,冬训,区级,3,${V1}-01,@V2-01`],
  }),
  recordCase({
    code: "person-name-mismatch",
    meaning: "The name written beside the number is not the person's name in the library.",
    reproducer: "张三 beside 沙坡村's first reserve",
    kind: "training",
    lines: [SIGN_IN, `2021-12-10,冬训,区级,3,${V1}-01,张三`],
  }),
  recordCase({
    code: "record-duplicate",
    meaning:
      "The same fact twice in one run: a person signed in twice for one session, the same pairing, post, stage or attestation on two rows.",
    reproducer: "one person on two rows of the same session",
    kind: "training",
    lines: [SIGN_IN, `2021-12-10,冬训,区级,3,${V1}-01,`, `,,,,${V1}-01,`],
  }),

  // Training sign-in sheets
  recordCase({
    code: "session-unknown",
    meaning: "A 场次编号 names a training session the library does not have.",
    reproducer: "场次编号 2021-99",
    kind: "training",
    lines: ["场次编号,内部编号", `2021-99,${V1}-01`],
  }),
  recordCase({
    code: "session-year-not-held",
    meaning:
      "A new session is dated in a year the library holds nothing of (its years run from the earliest selection, entry, training or evaluation to the working year): usually a slip in the year.",
    reproducer: "2012 written for 2021",
    kind: "training",
    lines: [SIGN_IN, `2012-11-20,冬训,区级,3,${V1}-01,`],
  }),
  recordCase({
    code: "session-inconsistent",
    meaning:
      "Two rows of the run describe the same session (same date and title, or the same 场次编号) differently, or a row changes the date of a session named by its id.",
    reproducer: "the same session as 区级 on one row and 镇级 on the next",
    kind: "training",
    lines: [SIGN_IN, `2021-12-10,冬训,区级,3,${V1}-01,`, `2021-12-10,冬训,镇级,3,${V1}-02,`],
  }),
  recordCase({
    code: "unit-unknown",
    meaning: "The organising unit (举办单位) is neither a town nor a village of the register.",
    reproducer: "举办单位 东风镇",
    kind: "training",
    lines: ["培训日期,培训主题,培训层级,举办单位,学时,内部编号", `2021-12-10,冬训,镇级,东风镇,3,${V1}-01`],
  }),
  recordCase({
    code: "hours-invalid",
    meaning: "学时 is not a number of hours from 0 to 100.",
    reproducer: "学时 半天",
    kind: "training",
    lines: [SIGN_IN, `2021-12-10,冬训,区级,半天,${V1}-01,`],
  }),

  // Mentors, practice posts, party development, screening
  recordCase({
    code: "period-order",
    meaning: "A mentorship or practice post ends before it starts.",
    reproducer: "a pairing from 2021-07-01 to 2021-06-01",
    kind: "mentor",
    lines: [MENTORS, `${V1}-01,,李四,包村干部,多带一,2021-07-01,2021-06-01`],
  }),
  recordCase({
    code: "period-overlap",
    meaning:
      "A one-to-one (一带一) mentorship overlaps another mentorship of the same person, or the same practice post is held twice at once.",
    reproducer: "a second 一带一 mentor while the first pairing is still open",
    kind: "mentor",
    lines: [MENTORS, `${V1}-01,,李四,包村干部,一带一,2021-07-01,`],
  }),
  recordCase({
    code: "nothing-to-end",
    meaning: "A row without a start date ends a mentorship or post, but the person has no open one by that name.",
    reproducer: "ending a pairing with 李四, who never mentored the person",
    kind: "mentor",
    lines: [MENTORS, `${V1}-01,,李四,,,,2021-06-30`],
  }),
  recordCase({
    code: "party-stage-order",
    meaning: "Party-development stages are dated out of their order (申请人 → 积极分子 → 发展对象 → 预备党员 → 党员).",
    reproducer: "the activist stage dated before the application",
    kind: "party",
    lines: ["内部编号,发展阶段,日期", `${V1}-01,入党申请人,2021-03-01`, `${V1}-01,入党积极分子,2021-02-01`],
  }),
  recordCase({
    code: "screening-item-missing",
    meaning: "A screening result is 不通过 but names no negative-list item.",
    reproducer: "法院 不通过, item empty",
    kind: "screening",
    lines: [SCREENING, `${V1}-01,法院,不通过,,2021-11-01`],
  }),
  recordCase({
    code: "screening-item-unknown",
    meaning:
      "The negative-list item is neither a number of policy.screening.negative_list nor the wording of one of its items.",
    reproducer: "item 酒驾",
    kind: "screening",
    lines: [SCREENING, `${V1}-01,法院,不通过,酒驾,2021-11-01`],
  }),
  recordCase({
    code: "screening-item-unexpected",
    meaning: "A screening result is 通过 but names a negative-list item: one of the two is wrong.",
    reproducer: "法院 通过 with item 3",
    kind: "screening",
    lines: [SCREENING, `${V1}-01,法院,通过,3,2021-11-01`],
  }),

  // The evaluation sheet
  sheetCase({
    code: "sheet-id-unknown",
    meaning: "A row of the evaluation sheet has an internal id nobody in the library has (an added or edited row).",
    reproducer: "黄河村-01's internal id changed to -99",
    change: (s) => at(s, `${V2}-01`, "内部编号", `${V2}-99`),
  }),
  sheetCase({
    code: "sheet-identity-edited",
    meaning:
      "An identity cell (town, village, their codes, name) does not match the library: edited by hand, or the library changed after the sheet was written.",
    reproducer: "a name changed on the sheet",
    change: (s) => at(s, `${V2}-01`, "姓名", "张三"),
  }),
  sheetCase({
    code: "sheet-row-duplicate",
    meaning: "The same internal id on two rows of the run's sheets.",
    reproducer: "黄河村-01's row copied to the end",
    change: (s) => s.rows.push([...rowOf(s, `${V2}-01`)]),
  }),
  sheetCase({
    code: "sheet-row-missing",
    meaning:
      "Someone in the pool of a town the sheets cover, due for evaluation (in the pool since before the year) and not yet evaluated, has no row.",
    reproducer: "黄河村-02's row deleted",
    change: (s) => s.rows.splice(s.rows.indexOf(rowOf(s, `${V2}-02`)), 1),
  }),
  sheetCase({
    code: "sheet-row-blank",
    meaning: "The row of someone due for evaluation has no rating and no vote.",
    reproducer: "黄河村-02's row left empty",
    change: (s) => fill(s, rowOf(s, `${V2}-02`), { ratings: [], votes: [], raters: "" }),
  }),
  sheetCase({
    code: "rating-invalid",
    meaning: "A rating is not one of policy.evaluation.rating_labels (好/较好/一般/差) or their codes.",
    reproducer: "工作 rated 优",
    change: (s) => at(s, `${V2}-02`, "工作", "优"),
  }),
  sheetCase({
    code: "count-invalid",
    meaning: "A vote count or the number of raters is not a whole number in range (votes 0–9999, raters 1–9999).",
    reproducer: "称职票 3.5",
    change: (s) => at(s, `${V2}-02`, "称职票", "3.5"),
  }),
  sheetCase({
    code: "votes-exceed-raters",
    meaning: "The votes of a row add up to more than its number of raters.",
    reproducer: "30 votes, 20 raters",
    change: (s) => at(s, `${V2}-02`, "参评人数", "20"),
  }),
  sheetCase({
    code: "component-missing",
    meaning:
      "A row is filled in part: a criterion unrated, no votes, no raters, or no training session of the year to count attendance against. The score is never computed from the other parts.",
    reproducer: "业务 left empty",
    change: (s) => at(s, `${V2}-02`, "业务", ""),
  }),
  sheetCase({
    code: "evaluation-settled",
    meaning:
      "The row of someone the year's evaluation already adjusted out differs from that evaluation: an evaluation acted on is not changed by a sheet.",
    reproducer: "黄河村-01 adjusted out by a 2021 evaluation rating 学习 差; the sheet now says 好",
    after: (books) =>
      withPerson(books, V2, 1, (r) => ({
        ...r,
        status: "调整出库",
        status_changes: [
          ...(r.status_changes ?? []),
          { status: "调整出库", date: "2021-12-20", reason: "2021年度测评：学习不力" },
        ],
        evaluations: {
          "2021": {
            date: "2021-12-20",
            ratings: { study: "poor", work: "good", skill: "good", results: "good" },
            grade: "competent",
            decision: "adjust_out",
            reasons: ["学习不力"],
          },
        },
      })),
  }),
  sheetCase({
    code: "sheet-person-left",
    meaning:
      "A row is filled for someone no longer in the pool (elected, adjusted out) or not yet past the county review: the row is not evaluated.",
    reproducer: "黄河村-01 elected after the sheet was written",
    after: (books) =>
      withPerson(books, V2, 1, (r) => ({
        ...r,
        status: "已使用",
        status_changes: [
          ...(r.status_changes ?? []),
          { status: "已使用", date: "2021-11-26", reason: "当选村委会委员" },
        ],
      })),
  }),
];
