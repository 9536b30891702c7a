import type { RULE_CODES } from "../../diagnostics/codes/rules.js";
import { ef, some, zf, type A, type Entry } from "./common.js";

/** Why a name was refused (domain/person-name.ts). */
function nameReasonZh(a: A): string {
  switch (a.reason) {
    case "formula":
      return `以“${a.char}”开头，会被电子表格当作公式`;
    case "markup":
      return `中第 ${a.position} 个字符是“${a.char}”，这是网页标记符号，不是姓名`;
    case "quote":
      return `中第 ${a.position} 个字符是引号“${a.char}”（常见于 CSV 引号没有配对）`;
    case "control":
      return `中第 ${a.position} 个字符是控制字符 ${a.char}`;
    case "dot":
      return "中的间隔号 · 只能写在两个字之间";
    default:
      return `中第 ${a.position} 个字符“${a.char}”不能出现在姓名中`;
  }
}
function nameReasonEn(a: A): string {
  switch (a.reason) {
    case "formula":
      return `begins with "${a.char}", which a spreadsheet takes for a formula`;
    case "markup":
      return `holds "${a.char}" at character ${a.position}: web markup, not a name`;
    case "quote":
      return `holds the quote "${a.char}" at character ${a.position} (often a CSV quote left unpaired)`;
    case "control":
      return `holds the control character ${a.char} at character ${a.position}`;
    case "dot":
      return "has a middle dot · that is not between two characters";
    default:
      return `holds "${a.char}" at character ${a.position}, which a name cannot`;
  }
}

const STEP_ZH: Record<string, string> = {
  survey: "村级摸底",
  township: "乡镇推荐",
  county: "县级审核",
  entry_date: "入库时间",
};
const STEP_EN: Record<string, string> = {
  survey: "village survey (村级摸底)",
  township: "township recommendation (乡镇推荐)",
  county: "county review (县级审核)",
  entry_date: "entry date",
};
const STEP_KEY: Record<string, string> = {
  survey: "selection.survey",
  township: "selection.township",
  county: "selection.county",
  entry_date: "entry_date",
};

const MEASURE_ZH: Record<string, string> = {
  women: "女性",
  under_35: "35 岁以下的",
  party_members: "党员",
  college: "大专及以上学历的",
};
const MEASURE_EN: Record<string, string> = {
  women: "women",
  under_35: "people under 35",
  party_members: "party members",
  college: "people with 大专 (college) or more",
};
const MEASURE_HINT_ZH: Record<string, string> = {
  women: "补充时优先选拔女性后备干部",
  under_35: "注意从返乡大中专毕业生、青年致富能手中选拔年轻后备力量",
  party_members: "加强对非党员后备干部的政治引导和入党培养",
  college: "优先选拔大专以上学历的人员，或鼓励现有后备干部提升学历",
};
const MEASURE_HINT_EN: Record<string, string> = {
  women: "give preference to women when replenishing the pool",
  under_35: "look for younger reserves among returning graduates and young entrepreneurs",
  party_members: "step up political guidance and party-membership development for non-members",
  college: "give preference to people with 大专 or more, or encourage reserves to study further",
};

const pendingZh = (a: A) =>
  Number(a.pending) > 0 ? `（另有 ${a.pending} 人待县级审核：${some(a.pendingNames, 6)}）` : "";
const pendingEn = (a: A) =>
  Number(a.pending) > 0 ? ` (${a.pending} more await the county review: ${some(a.pendingNames, 6, ", ")})` : "";
const successorZh = (a: A) => (a.successorName ? `${a.successorName}（${a.successor}）` : String(a.successor));
const successorEn = (a: A) => (a.successorName ? `${a.successorName} (${a.successor})` : String(a.successor));
const list = (v: string | number | undefined) => some(v, 12, ", ");

/** Findings of the audit rules. */
export const RULE_MESSAGES: Readonly<Record<keyof typeof RULE_CODES, Entry>> = {
  "quota-below-min": {
    zh: {
      message: (a) => `${a.name} 在库后备干部 ${a.count} 人，少于最低要求 ${a.min} 人${pendingZh(a)}`,
      hint: (a) =>
        `至少补充 ${Number(a.min) - Number(a.count)} 人：从村民小组长、致富能手、返乡大中专毕业生中选拔，或外引回乡能人`,
    },
    en: {
      message: (a) =>
        `${a.name} has ${a.count} reserves in the pool, fewer than the minimum of ${a.min}${pendingEn(a)}`,
      hint: (a) =>
        `add at least ${Number(a.min) - Number(a.count)}: select from group leaders, entrepreneurs and returning graduates, or recruit returning talent`,
    },
  },
  "quota-below-target": {
    zh: {
      message: (a) => `${a.name} 在库后备干部 ${a.count} 人，未达到目标 ${a.target} 人${pendingZh(a)}`,
      hint: (a) => `建议补充到 ${a.target} 人`,
    },
    en: {
      message: (a) => `${a.name} has ${a.count} reserves in the pool, below the target of ${a.target}${pendingEn(a)}`,
      hint: (a) => `bring it up to ${a.target}`,
    },
  },
  "quota-above-max": {
    zh: {
      message: (a) => `${a.name} 在库后备干部 ${a.count} 人，超过上限 ${a.max} 人`,
      hint: () => "结合年度测评进行动态调整",
    },
    en: {
      message: (a) => `${a.name} has ${a.count} reserves in the pool, above the maximum of ${a.max}`,
      hint: () => "adjust the pool at the annual evaluation",
    },
  },
  "village-not-official": {
    zh: {
      message: (a) =>
        `${a.name}（${a.code}）的代码不在统计用区划代码（${a.edition} 年版）中；${a.sameName ? `名称相同的是 ${a.sameName}` : `代码最接近的是 ${a.nearest}`}`,
      hint: () => "核对 district.yaml 中的代码是否抄错；若是该年版之后区划调整新设的村，可不理会本提醒",
    },
    en: {
      message: (a) =>
        `the code of ${a.name} (${a.code}) is not in the official division table (${a.edition} edition); ${a.sameName ? `the unit of the same name is ${a.sameName}` : `the nearest code is ${a.nearest}`}`,
      hint: () =>
        "check the code in district.yaml for a typo; if the village was set up by a change of divisions after that edition, this warning can be ignored",
    },
  },
  "village-merged-holds-reserves": {
    zh: {
      message: (a) =>
        `${a.name}${a.changed ? `已于 ${a.changed} ` : "已"}并入${successorZh(a)}，但本名册仍有 ${a.count} 名在库或待审核的后备干部`,
      hint: (a) =>
        a.successorName
          ? `把这些人的记录移到${a.successorName}的名册 villages/${a.successor}.yaml（内部编号不变）`
          : `先在 district.yaml 中登记 ${a.successor}，再把这些人移到该村的名册`,
    },
    en: {
      message: (a) =>
        `${a.name} was merged into ${successorEn(a)}${a.changed ? ` on ${a.changed}` : ""}, but this book still holds ${a.count} reserve(s) in or entering the pool`,
      hint: (a) =>
        a.successorName
          ? `move their records to the book of ${a.successorName}, villages/${a.successor}.yaml (internal ids stay the same)`
          : `register ${a.successor} in district.yaml first, then move them to its book`,
    },
  },
  "village-abolished-holds-reserves": {
    zh: {
      message: (a) =>
        `${a.name}${a.changed ? `已于 ${a.changed} ` : "已"}撤销，但本名册仍有 ${a.count} 名在库或待审核的后备干部`,
      hint: (a) =>
        a.successorName
          ? `把这些人的记录移到${a.successorName}的名册 villages/${a.successor}.yaml（内部编号不变）`
          : "把这些人移到其现在所在村的名册；不再储备的，调整出库并写明日期和原因",
    },
    en: {
      message: (a) =>
        `${a.name} was abolished${a.changed ? ` on ${a.changed}` : ""}, but this book still holds ${a.count} reserve(s) in or entering the pool`,
      hint: (a) =>
        a.successorName
          ? `move their records to the book of ${a.successorName}, villages/${a.successor}.yaml (internal ids stay the same)`
          : "move them to the book of the village they now belong to, or adjust them out with a date and a reason",
    },
  },
  "person-in-two-villages": {
    zh: {
      message: (a) => `${a.place}的 ${a.name} 与 ${some(a.others, 4)}的身份证号相同：同一人只能由一个村储备`,
      hint: () => "核实此人实际由哪个村储备，在另一个村的名册中删除该记录或调整出库",
    },
    en: {
      message: (a) =>
        `${a.name} of ${a.place} has the same ID number as ${some(a.others, 4, ", ")}: one person is kept by one village only`,
      hint: () => "find out which village keeps this person, and remove or adjust out the other record",
    },
  },
  "person-entered-twice": {
    zh: {
      message: (a) => `${a.name} 在本村名册中录入了不止一次（另见 ${some(a.others, 4)}）`,
      hint: () => "保留一条记录，把另一条中的培养记录并入后删除",
    },
    en: {
      message: (a) => `${a.name} is entered more than once in this book (see also ${some(a.others, 4, ", ")})`,
      hint: () => "keep one record, merge the other's cultivation records into it and delete it",
    },
  },
  "possible-duplicate": {
    zh: {
      message: (a) => `${a.place}的 ${a.name} 与 ${some(a.others, 4)} 同名且出生年月相同，但身份证号不同，可能是同一人`,
      hint: () => "与身份证原件核对两条记录的身份证号；若是同一人，合并为一条记录",
    },
    en: {
      message: (a) =>
        `${a.name} of ${a.place} has the same name and birth month as ${some(a.others, 4, ", ")} but a different ID number: possibly the same person`,
      hint: () => "check both ID numbers against the ID card; if they are one person, merge the two records",
    },
  },
  "name-invalid": {
    zh: {
      message: (a) => `${zf(a)}“${a.value}”${nameReasonZh(a)}`,
      hint: () => "姓名只写汉字；少数民族姓名用间隔号 · 分开，外文姓名用字母和空格。公式、标点、数字请删去",
    },
    en: {
      message: (a) => `${ef(a)} "${a.value}" ${nameReasonEn(a)}`,
      hint: () =>
        "a name holds Chinese characters, the middle dot · between parts of a minority name, or Latin letters and spaces; remove formulas, punctuation and digits",
    },
  },
  "selection-step-missing": {
    zh: {
      message: (a) =>
        a.step === "entry_date"
          ? `${a.name} 已通过县级审核，但没有入库时间`
          : a.step === "county"
            ? `${a.name} 有入库时间，但没有县级审核日期`
            : `${a.name} 是内选的后备干部，缺少${STEP_ZH[a.step!]}日期`,
      hint: (a) =>
        a.step === "entry_date"
          ? "补记入库时间（entry_date），不早于县级审核日期"
          : a.step === "county"
            ? "补记县级审核日期（selection.county）；未经县级审核的人不计入后备干部库"
            : `内选须依次经过村级摸底、乡镇推荐、县级审核：补记${STEP_ZH[a.step!]}日期（${STEP_KEY[a.step!]}）`,
    },
    en: {
      message: (a) =>
        a.step === "entry_date"
          ? `${a.name} passed the county review but has no entry date`
          : a.step === "county"
            ? `${a.name} has an entry date but no county review (县级审核) date`
            : `${a.name} was selected internally (内选) but has no ${STEP_EN[a.step!]} date`,
      hint: (a) =>
        a.step === "entry_date"
          ? "record the entry date (entry_date), not earlier than the county review"
          : a.step === "county"
            ? "record the county review date (selection.county); nobody counts in the pool without it"
            : `internal selection goes through the village survey, the township recommendation and the county review: record the date (${STEP_KEY[a.step!]})`,
    },
  },
  "selection-out-of-order": {
    zh: {
      message: (a) => `${a.name} 的${STEP_ZH[a.step!]} ${a.date} 早于${STEP_ZH[a.previous!]} ${a.previousDate}`,
      hint: () => "选拔步骤须依次进行：村级摸底 ≤ 乡镇推荐 ≤ 县级审核 ≤ 入库时间；核对档案后改正日期",
    },
    en: {
      message: (a) =>
        `${a.name}'s ${STEP_EN[a.step!]} ${a.date} is earlier than the ${STEP_EN[a.previous!]} ${a.previousDate}`,
      hint: () =>
        "the steps come in order: village survey ≤ township recommendation ≤ county review ≤ entry date; check the file and correct the dates",
    },
  },
  "intake-source-mismatch": {
    zh: {
      message: (a) => `${a.name} 的方式为“${a.intake}”，但来源“${a.source}”按区里的规定属于${a.expected}`,
      hint: (a) => `外引的来源为：${a.external || "（无）"}；其余来源均为内选。改正方式或来源`,
    },
    en: {
      message: (a) =>
        `${a.name}'s intake is ${a.intake} but the source "${a.source}" counts as ${a.expected} under the district's policy`,
      hint: (a) =>
        `external recruitment (外引) covers: ${list(a.external) || "(none)"}; every other source is internal selection (内选). Correct the intake or the source`,
    },
  },
  "age-below-min": {
    zh: {
      message: (a) => `${a.name} 在 ${a.date} 为 ${a.age} 岁，不满 ${a.min} 周岁`,
      hint: (a) => `先核对身份证号；不满 ${a.min} 周岁的人不能列为后备干部`,
    },
    en: {
      message: (a) => `${a.name} is ${a.age} on ${a.date}, younger than the minimum age of ${a.min}`,
      hint: (a) => `check the ID number first; nobody under ${a.min} may be a reserve`,
    },
  },
  "age-above-max": {
    zh: {
      message: (a) =>
        `${a.name} 在 ${a.date} 为 ${a.age} 岁，超过${a.education ? `${a.education}学历` : ""}后备干部的年龄上限 ${a.max} 岁`,
      hint: () => "结合年度测评调整出库（写明原因），并补充年轻的后备力量；年龄上限见 district.yaml 的 policy.age",
    },
    en: {
      message: (a) =>
        `${a.name} is ${a.age} on ${a.date}, over the age limit of ${a.max}${a.education ? ` for ${a.education}` : ""}`,
      hint: () =>
        "adjust the person out at the evaluation (with the reason) and bring in younger reserves; the limits are policy.age in district.yaml",
    },
  },
  "education-below-floor": {
    zh: {
      message: (a) => `${a.name} 的学历为${a.education}，低于区里要求的${a.floor}`,
      hint: () => "鼓励参加学历提升教育；继续储备的，在备注中说明理由",
    },
    en: {
      message: (a) => `${a.name}'s education (${a.education}) is below the district's floor (${a.floor})`,
      hint: () => "encourage further study; if the person stays in the pool, say why in the note",
    },
  },
  "screening-missing": {
    zh: {
      message: (a) => `${a.name} 缺少 ${a.count} 个部门的资格联审意见：${some(a.missing)}`,
      hint: () => "由乡镇党委把名单送这些部门联审，在 screening 中逐个部门记下审查日期和结果",
    },
    en: {
      message: (a) =>
        `${a.name} has no eligibility screening (资格联审) from ${a.count} of ${a.total} departments: ${list(a.missing)}`,
      hint: () =>
        "have the township send the list to these departments, and record each department's date and result under screening",
    },
  },
  "screening-failed": {
    zh: {
      message: (a) => `${a.name} 的资格联审未通过：${a.department}（${a.date}）${a.item ? `认定“${a.item}”` : ""}`,
      hint: (a) =>
        !a.item
          ? "写明触犯的负面清单条目（item）；不符合资格的，按程序调整出库并写明原因"
          : Number(a.listed) === 1
            ? "触犯负面清单的人不能继续作为后备干部：按程序调整出库并写明原因"
            : `“${a.item}”不是 ${a.list} 版负面清单的条目：按清单原文记录；不符合资格的，按程序调整出库`,
    },
    en: {
      message: (a) =>
        `${a.name} failed the eligibility screening by ${a.department} (${a.date})${a.item ? `: "${a.item}"` : ""}`,
      hint: (a) =>
        !a.item
          ? "record which negative-list item applies (item); adjust the person out with the reason"
          : Number(a.listed) === 1
            ? "someone caught by the negative list cannot stay a reserve: adjust the person out with the reason"
            : `"${a.item}" is not an item of the ${a.list} negative list: record it in the list's words, and adjust the person out if not eligible`,
    },
  },
  "screening-stale": {
    zh: {
      message: (a) =>
        `${a.name} 有 ${a.count} 个部门的资格联审早于 ${a.since}（换届选举日 ${a.election} 前 ${a.days} 天），最早为 ${a.oldest}：${some(a.departments)}`,
      hint: (a) => `在换届选举前 ${a.days} 天内重新联审，记下新的审查日期和结果`,
    },
    en: {
      message: (a) =>
        `${a.name}'s eligibility screening by ${a.count} department(s) is older than ${a.since} (${a.days} days before the election on ${a.election}), the oldest from ${a.oldest}: ${list(a.departments)}`,
      hint: (a) => `screen again within ${a.days} days before the election and record the new dates and results`,
    },
  },
  "mentor-missing": {
    zh: {
      message: (a) => `${a.name} 截至 ${a.date} 没有帮带人${a.ended ? `（最近一次帮带已于 ${a.ended} 结束）` : ""}`,
      hint: (a) => `从${some(a.allowed)}中确定帮带人，在 mentors 中记下姓名、职务、帮带方式和开始日期`,
    },
    en: {
      message: (a) =>
        `${a.name} has no mentor on ${a.date}${a.ended ? ` (the last mentorship ended on ${a.ended})` : ""}`,
      hint: (a) => `assign a mentor (${list(a.allowed)}) and record the name, role, mode and start date under mentors`,
    },
  },
  "mentor-overloaded": {
    zh: {
      message: (a) =>
        `帮带人${a.mentor}同时帮带 ${a.count} 名后备干部（${some(a.names, 6)}），超过每人 ${a.max} 名的规定`,
      hint: (a) => `为${a.name}另行确定帮带人，或结束这段帮带（写上结束日期 to）`,
    },
    en: {
      message: (a) =>
        `mentor ${a.mentor} is linked to ${a.count} reserves (${some(a.names, 6, ", ")}), more than the ${a.max} allowed`,
      hint: (a) => `give ${a.name} another mentor, or end this mentorship (write its end date under to)`,
    },
  },
  "mentor-role-not-allowed": {
    zh: {
      message: (a) => `${a.name} 的帮带人${a.mentor}是${a.role}，不在区里规定的帮带人职务范围内`,
      hint: (a) => `帮带人应为：${some(a.allowed)}；更换帮带人或改正职务`,
    },
    en: {
      message: (a) => `${a.name}'s mentor ${a.mentor} is a ${a.role}, which the district does not allow as a mentor`,
      hint: (a) => `mentors must be: ${list(a.allowed)}; assign another mentor or correct the role`,
    },
  },
  "mentor-post-unknown": {
    zh: {
      message: (a) =>
        a.name
          ? `${a.name} 的帮带人${a.mentor}的职务“${a.post}”不在帮带人职务表中，按“其他”类计`
          : `帮带人职务“${a.post}”不在帮带人职务表中，按“其他”类记录`,
      hint: () =>
        "核对职务的写法；若这是本地常设的职务，在 district.yaml 的 policy.vocabulary.mentor_post 中加上它和它的类别（category）",
    },
    en: {
      message: (a) =>
        a.name
          ? `${a.name}'s mentor ${a.mentor} holds the post "${a.post}", which the table of mentor posts does not know; counted as 其他`
          : `the mentor post "${a.post}" is not in the table of mentor posts; recorded as 其他 (other)`,
      hint: () =>
        "check how the post is written; if it is a standing local post, add it with its category under policy.vocabulary.mentor_post in district.yaml",
    },
  },
  "training-below-min": {
    zh: {
      message: (a) =>
        `${a.name} ${a.year} 年参加培训 ${a.count} 次，少于规定的 ${a.required} 次${a.entered ? `（${a.entered} 入库，按入库后举办的场次折算）` : ""}${Number(a.held) === 0 ? `；本年度没有登记任何培训场次` : ""}`,
      hint: (a) =>
        Number(a.held) === 0
          ? `在 trainings/${a.year}.yaml 中登记本年度的培训场次，并在各人档案的 trainings 中记下参加的场次编号`
          : "以签到表为准，在 trainings 中补记参加过的场次编号；确实缺训的，安排补训",
    },
    en: {
      message: (a) =>
        `${a.name} attended ${a.count} training session(s) in ${a.year}, fewer than the ${a.required} required${a.entered ? ` (entered the pool on ${a.entered}; counted in proportion to the sessions held since)` : ""}${Number(a.held) === 0 ? "; no sessions are recorded for the year" : ""}`,
      hint: (a) =>
        Number(a.held) === 0
          ? `record the year's sessions in trainings/${a.year}.yaml and the sessions each person attended under trainings`
          : "record the sessions attended under trainings, from the sign-in sheets; arrange make-up training for sessions missed",
    },
  },
  "training-session-undefined": {
    zh: {
      message: (a) =>
        `${a.name} 参加的培训场次 ${a.id} 没有登记${Number(a.dated) === 1 ? `：没有 trainings/${a.id}.yaml` : a.year ? (Number(a.yearFile) === 1 ? `：trainings/${a.year}.yaml 中没有这个编号` : `：没有 trainings/${a.year}.yaml`) : ""}`,
      hint: () =>
        "核对场次编号（形如 2021-11-20-640502100-3fa2，旧库为 2021-03），或用 reserve record training 登记该场次的签到表",
    },
    en: {
      message: (a) =>
        `${a.name} attended training session ${a.id}, which is not recorded${Number(a.dated) === 1 ? `: there is no trainings/${a.id}.yaml` : a.year ? (Number(a.yearFile) === 1 ? `: trainings/${a.year}.yaml has no such id` : `: there is no trainings/${a.year}.yaml`) : ""}`,
      hint: () =>
        "check the session id (like 2021-11-20-640502100-3fa2, or 2021-03 in an older library), or record the session's sign-in sheet with reserve record training",
    },
  },
  "practice-post-missing": {
    zh: {
      message: (a) => `${a.name} 在 ${a.from} 至 ${a.to} 期间没有定岗锻炼岗位`,
      hint: () => "安排定岗锻炼（党小组长、两委委员、村民小组长、书记助理、主任助理），在 posts 中记下岗位和开始日期",
    },
    en: {
      message: (a) => `${a.name} held no practice post (定岗锻炼) between ${a.from} and ${a.to}`,
      hint: () =>
        "assign a practice post (party group leader, committee member, villager group leader, secretary's or director's assistant) and record it under posts",
    },
  },
  "party-stage-missing": {
    zh: {
      message: (a) => `${a.name} 是${a.status}，没有入党培养记录`,
      hint: () => "做好政治引导；本人已递交入党申请书的，在 party 中记下“入党申请人”及日期",
    },
    en: {
      message: (a) =>
        `${a.name} is ${a.status === "共青团员" ? "a league member" : "not a party member"} and has no party-development record`,
      hint: () =>
        "give political guidance; once the person has applied to join the party, record 入党申请人 and the date under party",
    },
  },
  "party-stage-overdue": {
    zh: {
      message: (a) => `${a.name} 自 ${a.since} 起为${a.stage}，已超过 ${a.months} 个月（应在 ${a.due} 前进入下一阶段）`,
      hint: () => "按发展党员程序推进到下一阶段并记下日期；确有原因停留的，在备注中说明",
    },
    en: {
      message: (a) =>
        `${a.name} has been at the stage ${a.stage} since ${a.since}, more than ${a.months} months (the next stage was due by ${a.due})`,
      hint: () =>
        "move the person to the next stage and record the date; if there is a reason to wait, say it in the note",
    },
  },
  "evaluation-missing": {
    zh: {
      message: (a) => `${a.name} 缺少 ${a.year} 年度测评（应在 ${a.due} 前完成）`,
      hint: (a) => `组织年度测评，在 evaluations 中记下 ${a.year} 年的评价结果`,
    },
    en: {
      message: (a) => `${a.name} has no evaluation for ${a.year} (due by ${a.due})`,
      hint: (a) => `hold the annual evaluation and record its results under evaluations, year ${a.year}`,
    },
  },
  "evaluation-adjust-pending": {
    zh: {
      message: (a) =>
        `${a.name} ${a.year} 年度测评${a.grade ? `为“${a.grade}”` : ""}${a.decision === "adjust_out" ? "，决定调整出库" : ""}，但状态仍为“${a.status}”`,
      hint: (a) =>
        `按测评结果调整出库：状态改为“调整出库”，在 status_changes 中记下日期和原因${a.reasons ? `（${a.reasons}）` : ""}，并及时补充`,
    },
    en: {
      message: (a) =>
        `${a.name} was ${a.grade ? `graded "${a.grade}"` : "evaluated"}${a.decision === "adjust_out" ? " and to be adjusted out" : ""} in ${a.year}, but the status is still ${a.status}`,
      hint: (a) =>
        `adjust the person out: set the status to 调整出库 and record the date and reason${a.reasons ? ` (${a.reasons})` : ""} under status_changes, then replenish`,
    },
  },
  "status-change-missing": {
    zh: {
      message: (a) => `${a.name} 的状态为“${a.status}”，但没有记录这次状态变动`,
      hint: () => "在 status_changes 中记下这次变动：状态、日期和原因",
    },
    en: {
      message: (a) => `${a.name}'s status is ${a.status}, but the change is not recorded`,
      hint: () => "record the change under status_changes: status, date and reason",
    },
  },
  "status-change-no-date": {
    zh: {
      message: (a) => `${a.name} 的第 ${a.n} 条状态变动（${a.status}）没有日期`,
      hint: () => "补记变动日期（date）",
    },
    en: {
      message: (a) => `${a.name}'s status change no. ${a.n} (${a.status}) has no date`,
      hint: () => "record the date of the change (date)",
    },
  },
  "status-change-no-reason": {
    zh: {
      message: (a) => `${a.name} 的第 ${a.n} 条状态变动（${a.status}）没有写明原因`,
      hint: () => "补记原因（reason），如“县级审核通过”“年度测评不称职，调整出库”",
    },
    en: {
      message: (a) => `${a.name}'s status change no. ${a.n} (${a.status}) gives no reason`,
      hint: () => 'record the reason (reason), e.g. "passed the county review" or "graded incompetent, adjusted out"',
    },
  },
  "village-structure-below": {
    zh: {
      message: (a) =>
        `${a.name} 在库后备干部中${MEASURE_ZH[a.measure!]} ${a.count} 人（共 ${a.total} 人，占 ${a.share}%），低于 ${a.target}%`,
      hint: (a) => MEASURE_HINT_ZH[a.measure!]!,
    },
    en: {
      message: (a) =>
        `${a.name}: ${a.count} of ${a.total} reserves in the pool are ${MEASURE_EN[a.measure!]} (${a.share}%), below ${a.target}%`,
      hint: (a) => MEASURE_HINT_EN[a.measure!]!,
    },
  },
  "town-structure-below": {
    zh: {
      message: (a) =>
        `${a.name}全${String(a.name).endsWith("乡") ? "乡" : "镇"}在库后备干部中${MEASURE_ZH[a.measure!]} ${a.count} 人（共 ${a.total} 人，占 ${a.share}%），低于 ${a.target}%`,
      hint: (a) => `${MEASURE_HINT_ZH[a.measure!]}（在全乡镇统筹）`,
    },
    en: {
      message: (a) =>
        `${a.name} as a whole: ${a.count} of ${a.total} reserves in the pool are ${MEASURE_EN[a.measure!]} (${a.share}%), below ${a.target}%`,
      hint: (a) => `${MEASURE_HINT_EN[a.measure!]} (across the town)`,
    },
  },
};
