import type { CYCLE_CODES } from "../../diagnostics/codes/cycle.js";
import { ef, some, zf, type A, type Entry } from "./common.js";

const KIND_ZH: Record<string, string> = { mentor: "帮带", post: "定岗锻炼" };
const KIND_EN: Record<string, string> = { mentor: "mentorship", post: "practice post" };

const COMPONENT_ZH: Record<string, string> = { criteria: "四项评价", democratic: "民主测评", training: "参训率" };
const COMPONENT_EN: Record<string, string> = {
  criteria: "the four ratings",
  democratic: "the democratic assessment",
  training: "the training attendance",
};

/** An earlier row: `first` (its line) and `firstFile` (empty when it is in the same file). */
const rowZh = (a: A) => `${a.firstFile ? `${a.firstFile} ` : ""}第 ${a.first} 行`;
const rowEn = (a: A) => `line ${a.first}${a.firstFile ? ` of ${a.firstFile}` : ""}`;

const who = (a: A, lang: "zh" | "en") =>
  lang === "zh" ? `${a.name}（内部编号 ${a.person}）` : `${a.name} (internal id ${a.person})`;

/** The year's cycle: cultivation records (`reserve record`) and the evaluation sheet (`reserve evaluate`). */
export const CYCLE_MESSAGES: Readonly<Record<keyof typeof CYCLE_CODES, Entry>> = {
  "person-unknown": {
    zh: {
      message: (a) => (a.by === "id" ? `库中没有内部编号为“${a.value}”的人` : `库中没有身份证号为 ${a.value} 的人`),
      hint: () => "核对号码；还没有入库的人先用 reserve import 导入名册，内部编号可用 reserve show 查到",
    },
    en: {
      message: (a) =>
        a.by === "id"
          ? `nobody in the library has the internal id "${a.value}"`
          : `nobody in the library has the ID number ${a.value}`,
      hint: () =>
        "check the number; import people who are not in the library yet with reserve import first (reserve show finds internal ids)",
    },
  },
  "person-ids-disagree": {
    zh: {
      message: (a) => `内部编号 ${a.person} 是${a.name}，身份证号却是${a.otherName}（内部编号 ${a.other}）的`,
      hint: () => "核对这一行的内部编号和身份证号，二者须指同一个人（只填其中一项也可以）",
    },
    en: {
      message: (a) =>
        `internal id ${a.person} is ${a.name}, but the ID number is that of ${a.otherName} (internal id ${a.other})`,
      hint: () =>
        "check the internal id and the ID number on this row; they must name the same person (one of them is enough)",
    },
  },
  "person-name-mismatch": {
    zh: {
      message: (a) => `姓名“${a.value}”与库中${who(a, "zh")}的姓名不一致`,
      hint: () => "核对姓名和号码；若库中姓名有误，先用 reserve import 更正名册",
    },
    en: {
      message: (a) => `the name "${a.value}" is not the name of ${who(a, "en")} in the library`,
      hint: () =>
        "check the name and the number; if the library has the name wrong, correct it with reserve import first",
    },
  },
  "record-duplicate": {
    zh: {
      message: (a) => `同一条记录（${a.what}）在${rowZh(a)}已出现`,
      hint: () => "删除重复的行",
    },
    en: {
      message: (a) => `the same record (${a.what}) is already on ${rowEn(a)}`,
      hint: () => "remove the duplicate row",
    },
  },
  "session-unknown": {
    zh: {
      message: (a) => `库中没有编号为 ${a.value} 的培训场次`,
      hint: () =>
        "填写库中已有的场次编号（trainings/ 中的场次文件或年度文件）；新场次不填编号，写明培训日期、主题、层级和学时",
    },
    en: {
      message: (a) => `the library has no training session ${a.value}`,
      hint: () =>
        "give the id of a session in trainings/ (its own file or its year's file), or leave it empty and give the date, title, level and hours of a new session",
    },
  },
  "session-year-not-held": {
    zh: {
      message: (a) =>
        `培训日期 ${a.value} 在 ${a.year} 年，库中没有这一年的数据（${a.first === a.last ? `只有 ${a.first} 年` : `${a.first}–${a.last} 年`}，工作年度 ${a.working}）`,
      hint: (a) =>
        Number(a.year) > Number(a.last)
          ? `核对日期的年份；确是 ${a.year} 年的培训，先把 district.yaml 中的 year 改为 ${a.year}，开始这一年度的工作`
          : "核对日期的年份（常见的是把 2021 写成 2012 之类的笔误）",
    },
    en: {
      message: (a) =>
        `the session's date ${a.value} is in ${a.year}, which the library holds nothing of (${a.first === a.last ? `only ${a.first}` : `${a.first}–${a.last}`}, working year ${a.working})`,
      hint: (a) =>
        Number(a.year) > Number(a.last)
          ? `check the year; if the session really is of ${a.year}, first set year: ${a.year} in district.yaml to start that working year`
          : "check the year (a slip such as 2012 for 2021 is the usual cause)",
    },
  },
  "session-inconsistent": {
    zh: {
      message: (a) =>
        a.first === 0
          ? `场次 ${a.session} 在库中的${zf(a)}是“${a.other}”，这里却是“${a.value}”`
          : `同一场培训在${rowZh(a)}的${zf(a)}是“${a.other}”，这里却是“${a.value}”`,
      hint: (a) =>
        a.first === 0
          ? "场次编号对应的培训日期不能改；日期记错的场次请在 trainings/ 中该场次所在的文件里改正（编号不变）"
          : "同一场次各行的场次信息须一致；也可以只在第一行填写，下面各行留空",
    },
    en: {
      message: (a) =>
        a.first === 0
          ? `session ${a.session} has ${ef(a)} "${a.other}" in the library but "${a.value}" here`
          : `the same session has ${ef(a)} "${a.other}" on ${rowEn(a)} but "${a.value}" here`,
      hint: (a) =>
        a.first === 0
          ? "a session's date cannot be changed through its id; correct a wrong date in the session's file in trainings/ (the id stays)"
          : "every row of a session must describe it alike; or fill the session in on its first row only and leave the cells below empty",
    },
  },
  "unit-unknown": {
    zh: {
      message: (a) =>
        `举办单位“${a.value}”${a.reason === "ambiguous" ? `对应多个村：${a.matches}` : "不是本区的乡镇或村"}`,
      hint: () => "写乡镇或村的名称或代码（同名的村写“乡镇/村名”）；区级培训不填",
    },
    en: {
      message: (a) =>
        `the organising unit "${a.value}" ${a.reason === "ambiguous" ? `matches several villages: ${a.matches}` : "is not a town or village of the district"}`,
      hint: () =>
        "give a town's or village's name or code (town/village for a shared name); leave it empty for district sessions",
    },
  },
  "hours-invalid": {
    zh: { message: (a) => `${zf(a)}“${a.value}”不是 0 到 100 之间的数`, hint: () => "写数字，例如 4 或 2.5" },
    en: {
      message: (a) => `${ef(a)} "${a.value}" is not a number from 0 to 100`,
      hint: () => "write a number, e.g. 4 or 2.5",
    },
  },
  "period-order": {
    zh: {
      message: (a) => `${zf(a)} ${a.value} 早于开始时间 ${a.from}`,
      hint: () => "核对日期：结束时间不能早于开始时间",
    },
    en: {
      message: (a) => `${ef(a)} ${a.value} is before the start ${a.from}`,
      hint: () => "check the dates: the end cannot come before the start",
    },
  },
  "period-overlap": {
    zh: {
      message: (a) =>
        a.kind === "mentor"
          ? `此人自 ${a.from} 起已有一带一帮带人“${a.other}”，一带一时同一时间只能有一位帮带人`
          : `此人自 ${a.from} 起已在“${a.other}”岗位锻炼，与这一段时间重叠`,
      hint: (a) =>
        a.kind === "mentor"
          ? `更换帮带人时，另加一行写明“${a.other}”及结束时间；几位帮带人同时帮带时，帮带方式写“多带一”`
          : "核对日期；结束原来的岗位锻炼，请写明其结束时间",
    },
    en: {
      message: (a) =>
        a.kind === "mentor"
          ? `this person has had the one-to-one mentor "${a.other}" since ${a.from}; one-to-one means one mentor at a time`
          : `this person has held the post "${a.other}" since ${a.from}, overlapping this period`,
      hint: (a) =>
        a.kind === "mentor"
          ? `to change mentors, add a row ending the pairing with "${a.other}" (end date); for several mentors at once write 多带一`
          : "check the dates; to end the earlier post, give its end date",
    },
  },
  "nothing-to-end": {
    zh: {
      message: (a) => `库中没有此人正在进行的${KIND_ZH[a.kind!] ?? ""}“${a.value}”，无从结束`,
      hint: () => "核对名称；要记录一段新的帮带或锻炼，请填写开始时间",
    },
    en: {
      message: (a) => `the library has no current ${KIND_EN[a.kind!] ?? "record"} "${a.value}" for this person to end`,
      hint: () => "check the name; to record a new period, give its start date",
    },
  },
  "party-stage-order": {
    zh: {
      message: (a) =>
        a.later
          ? `“${a.stage}”的日期 ${a.value} 晚于其后阶段“${a.other}”的 ${a.otherDate}`
          : `“${a.stage}”的日期 ${a.value} 早于其前阶段“${a.other}”的 ${a.otherDate}`,
      hint: () => "入党培养依次为 入党申请人 → 入党积极分子 → 发展对象 → 预备党员 → 党员，核对日期",
    },
    en: {
      message: (a) =>
        a.later
          ? `${a.stage} is dated ${a.value}, after the later stage ${a.other} on ${a.otherDate}`
          : `${a.stage} is dated ${a.value}, before the earlier stage ${a.other} on ${a.otherDate}`,
      hint: () => "the stages come in order: applicant → activist → development candidate → probationary → member",
    },
  },
  "screening-item-missing": {
    zh: {
      message: () => "结果为“不通过”，但没有写涉及的负面清单条目",
      hint: (a) => `写条目序号（1–${a.count}）或条目原文`,
    },
    en: {
      message: () => "the result is 不通过 (fail) but no negative-list item is given",
      hint: (a) => `give the item's number (1–${a.count}) or its wording`,
    },
  },
  "screening-item-unknown": {
    zh: {
      message: (a) => `“${a.value}”不是负面清单（${a.list} 版）中的条目`,
      hint: (a) => `写条目序号（1–${a.count}）或条目原文；清单见 district.yaml 的 policy.screening.negative_list`,
    },
    en: {
      message: (a) => `"${a.value}" is not an item of the negative list (version ${a.list})`,
      hint: (a) =>
        `give the item's number (1–${a.count}) or its wording; the list is policy.screening.negative_list in district.yaml`,
    },
  },
  "screening-item-unexpected": {
    zh: {
      message: (a) => `结果为“通过”，却写了负面清单条目“${a.value}”`,
      hint: () => "通过时不填条目；若实际未通过，把结果改为“不通过”",
    },
    en: {
      message: (a) => `the result is 通过 (pass) but a negative-list item "${a.value}" is given`,
      hint: () => "leave the item empty for a pass; if the person did not pass, write 不通过",
    },
  },
  "sheet-id-unknown": {
    zh: {
      message: (a) => `内部编号“${a.value}”不是库中任何人的编号`,
      hint: () => "测评表的身份列不能修改；请在 reserve report 生成的测评表上填写，删去多出的行",
    },
    en: {
      message: (a) => `the internal id "${a.value}" is nobody's in the library`,
      hint: () =>
        "the identity columns must not be edited; fill in the sheet reserve report wrote and remove rows added to it",
    },
  },
  "sheet-identity-edited": {
    zh: {
      message: (a) => `${zf(a)}“${a.value}”与库中不符（库中为“${a.expected}”）`,
      hint: () => "不要修改身份列（乡镇、村、内部编号、姓名）；人员有调动时，请用 reserve report 重新生成测评表",
    },
    en: {
      message: (a) => `${ef(a)} "${a.value}" does not match the library ("${a.expected}")`,
      hint: () =>
        "do not edit the identity columns (town, village, internal id, name); if people moved, write a new sheet with reserve report",
    },
  },
  "sheet-row-duplicate": {
    zh: {
      message: (a) => `内部编号 ${a.person} 在${rowZh(a)}已出现`,
      hint: () => "每人一行；删除重复的行",
    },
    en: {
      message: (a) => `internal id ${a.person} is already on ${rowEn(a)}`,
      hint: () => "one row per person; remove the duplicate",
    },
  },
  "sheet-row-missing": {
    zh: {
      message: (a) => `测评表中没有${a.village}${who(a, "zh")}的一行，而此人在库、本年须测评`,
      hint: () => "把此人的一行加回并填写；或用 reserve report 重新生成测评表",
    },
    en: {
      message: (a) =>
        `the sheet has no row for ${who(a, "en")} of ${a.village}, who is in the pool and due for evaluation`,
      hint: () => "put the person's row back and fill it in, or write a new sheet with reserve report",
    },
  },
  "sheet-row-blank": {
    zh: {
      message: (a) => `${a.name}本年须测评，但这一行的评价和测评票都没有填写`,
      hint: () => "填写四项评价、各档票数和参评人数",
    },
    en: {
      message: (a) => `${a.name} is due for evaluation, but this row has no ratings and no votes`,
      hint: () => "fill in the four ratings, the votes for each grade and the number of raters",
    },
  },
  "rating-invalid": {
    zh: { message: (a) => `${zf(a)}“${a.value}”不是规定的评价`, hint: (a) => `可选：${some(a.allowed)}` },
    en: {
      message: (a) => `${ef(a)} "${a.value}" is not one of the ratings`,
      hint: (a) => `allowed: ${some(a.allowed, 12, ", ")}`,
    },
  },
  "count-invalid": {
    zh: {
      message: (a) => `${zf(a)}“${a.value}”不是 ${a.min} 到 ${a.max} 之间的整数`,
      hint: () => "填整数；没有人投的档填 0",
    },
    en: {
      message: (a) => `${ef(a)} "${a.value}" is not a whole number from ${a.min} to ${a.max}`,
      hint: () => "write a whole number; 0 for a grade nobody voted for",
    },
  },
  "votes-exceed-raters": {
    zh: {
      message: (a) => `各档票数合计 ${a.votes}，多于参评人数 ${a.raters}`,
      hint: () => "核对票数和参评人数：每位参评人最多投一票",
    },
    en: {
      message: (a) => `the votes add up to ${a.votes}, more than the ${a.raters} raters`,
      hint: () => "check the votes and the number of raters: each rater casts at most one vote",
    },
  },
  "component-missing": {
    zh: {
      message: (a) =>
        a.component === "training"
          ? `库中没有此人本年可参加的培训场次，算不出${COMPONENT_ZH.training}`
          : a.component === "democratic" && a.columns === ""
            ? `${COMPONENT_ZH.democratic}各档票数都是 0，算不出得分`
            : `${COMPONENT_ZH[a.component!] ?? a.component}没有填完：${a.columns} 是空的`,
      hint: (a) =>
        a.component === "training"
          ? "先用 reserve record training 录入本年的培训签到；若区里不计参训率，在 district.yaml 中把 policy.evaluation.components.training 设为 0"
          : a.component === "democratic"
            ? "填写各档票数（没有人投的档填 0）和参评人数；缺少的部分不会按其他部分折算"
            : "四项都要评价；缺少的部分不会按其他部分折算",
    },
    en: {
      message: (a) =>
        a.component === "training"
          ? `the library has no training session of the year open to this person, so ${COMPONENT_EN.training} cannot be counted`
          : a.component === "democratic" && a.columns === ""
            ? `every vote count is 0, so ${COMPONENT_EN.democratic} gives no score`
            : `${COMPONENT_EN[a.component!] ?? a.component} is incomplete: ${a.columns} empty`,
      hint: (a) =>
        a.component === "training"
          ? "record the year's sign-in sheets with reserve record training first; if the district does not count attendance, set policy.evaluation.components.training to 0 in district.yaml"
          : a.component === "democratic"
            ? "fill in the votes for each grade (0 where nobody voted) and the raters; a missing part is never made up from the others"
            : "rate all four criteria; a missing part is never made up from the others",
    },
  },
  "evaluation-settled": {
    zh: {
      message: (a) => `${a.name}已于 ${a.date} 按 ${a.year} 年度测评调整出库，这一行却与当时的测评不同`,
      hint: () =>
        "已据以调整出库的测评不再更改；若确属错评，先在此人档案中记录状态变动（恢复在库并写明原因），再重新测评",
    },
    en: {
      message: (a) =>
        `${a.name} was adjusted out on ${a.date} by the ${a.year} evaluation, and this row differs from that evaluation`,
      hint: () =>
        "an evaluation that adjusted someone out is not changed; if it was wrong, record a status change back into the pool (with the reason) in the person's file first, then evaluate again",
    },
  },
  "sheet-person-left": {
    zh: {
      message: (a) =>
        `${a.name}现在的状态是“${a.status}”，${a.pending ? "尚未通过县级审核" : "已不在库"}；这一行不予测评`,
      hint: () => "测评表生成后人员有变动，这一行可以删除",
    },
    en: {
      message: (a) =>
        `${a.name} has status "${a.status}" and ${a.pending ? "has not passed the county review" : "is no longer in the pool"}; the row is not evaluated`,
      hint: () => "people changed after the sheet was written; the row may be removed",
    },
  },
};
