import { addMonths, dayNumber, fromDayNumber, isLeapYear, type IsoDate } from "../domain/dates.js";
import type {
  Evaluation,
  MeetingAttendance,
  Mentorship,
  PartyStep,
  Policy,
  PracticeAssignment,
  Reserve,
  ScreeningAttestation,
  StatusChange,
  TrainingSession,
} from "../domain/model.js";
import { evaluationRecord, trainingAttendance } from "../domain/evaluation-score.js";
import { checkCharacter } from "../domain/resident-id.js";
import {
  CRITERIA,
  SOURCE,
  type BuiltinSource,
  type Criterion,
  type Education,
  type Ethnicity,
  type Gender,
  type GradeCode,
  type MentorRole,
  type PoliticalStatus,
  type PracticePost,
  type RatingCode,
  type Source,
  type TargetPost,
} from "../domain/terms.js";
import { personName } from "./names.js";
import type { Random } from "./random.js";

/** Where a person stands at the end of the working year. */
export type SlotKind = "pool" | "adjustedOut" | "used" | "pending";

/** The structure facts a town allocates exactly over its in-pool people (policy.structure). */
export interface Flags {
  readonly woman: boolean;
  readonly party: boolean;
  readonly college: boolean;
  readonly under35: boolean;
}

/** The shares the sample aims at; each is raised to the policy's minimum when that is higher. */
export const TARGET_SHARES = { woman: 0.25, party: 0.55, college: 0.36, under35: 0.45 } as const;

/** Dates shared by everybody selected in one village in one round. */
export interface Where {
  /** Share of 回族 in the town (people and their mentors). */
  readonly hui: number;
  /** 村级摸底 of the village. */
  readonly survey: IsoDate;
  /** 乡镇推荐 of the town. */
  readonly township: IsoDate;
  /** 县级审核 batch the town went to. */
  readonly county: IsoDate;
  /** 资格联审: the date each department checked the town's list. */
  readonly screening: ReadonlyMap<string, IsoDate>;
  /** 年度测评 day of the town. */
  readonly evaluation: IsoDate;
}

/** What stays the same across one run: the policy, the year's sessions, what is already taken. */
export interface People {
  readonly rng: Random;
  readonly policy: Policy;
  readonly year: number;
  readonly homeRegion: string;
  readonly sessions: readonly TrainingSession[];
  readonly election: IsoDate;
  /** ID numbers (region, birth day and sequence packed in a number) and phones already issued. */
  readonly ids: Set<number>;
  readonly phones: Set<number>;
  /** Names taken in the current scope (district or town). */
  names: Set<string>;
  /** Selection sampling (Knuth's algorithm S) gives exactly the planned number of 外引. */
  peopleLeft: number;
  externalLeft: number;
  /**
   * Leavers still to be adjusted out by the year's evaluation (the first ones whose town evaluates
   * in time), so that the sample always shows the evaluation's adjustments and the 补充 list.
   */
  evaluatedOutLeft: number;
}

/** Neighbouring counties whose ID numbers people of the district often carry. */
const NEIGHBOURS = ["640521", "640522", "640381", "640302", "640104", "640106"];
/** Where people recruited from outside (外引) were registered: Gansu, Inner Mongolia, Shaanxi. */
const OTHER_PROVINCES = ["620102", "620402", "620421", "620502", "150304", "152921", "610102", "610113", "622901"];

const MOBILE_PREFIXES = [
  "130",
  "131",
  "132",
  "133",
  "135",
  "136",
  "137",
  "138",
  "139",
  "150",
  "151",
  "152",
  "153",
  "155",
  "156",
  "157",
  "158",
  "159",
  "177",
  "180",
  "181",
  "182",
  "183",
  "185",
  "186",
  "187",
  "188",
  "189",
  "199",
];

/** What people of each source are good at (specialties, 特长). */
export const SPECIALTIES: Readonly<Record<BuiltinSource, readonly string[]>> = {
  村民小组长: ["群众工作", "矛盾纠纷调解", "土地流转", "红白理事"],
  致富能手: ["枸杞种植", "硒砂瓜种植", "滩羊养殖", "肉牛养殖", "设施农业", "苹果种植", "农机作业"],
  外出务工人员: ["建筑施工", "电焊", "机动车驾驶", "餐饮管理", "劳务经纪"],
  返乡大中专毕业生: ["电子商务", "财务会计", "计算机应用", "新媒体运营", "畜牧兽医"],
  外出能人: ["企业管理", "市场营销", "物流运输", "建筑工程管理", "农产品加工"],
  复转军人: ["民兵工作", "应急救援", "机动车驾驶", "安全生产"],
  其他: ["群众工作"],
};

/** The specialties of a source (none for a source the tables do not know). */
export const specialtiesOf = (source: Source): readonly string[] => SPECIALTIES[source as BuiltinSource] ?? [];

const MEETINGS = [
  "村党支部委员会会议",
  "村“两委”联席会议",
  "村民代表会议",
  "党员大会",
  "主题党日活动",
  "村务监督委员会会议",
];

const ADJUSTED_OUT_REASONS = [
  "长期外出务工，无法参加培养，本人申请退出",
  "学习不力、工作不实，经乡镇党委研究调整出库",
  "家庭原因本人申请退出",
  "迁居外地，调整出库",
];

const ELECTED_AS = ["村民委员会委员", "村党支部委员", "村务监督委员会委员", "村民委员会主任"];

const MENTOR_ROLE_WEIGHT: Partial<Record<MentorRole, number>> = {
  "村“两委”成员": 45,
  包村干部: 30,
  乡镇领导干部: 15,
  驻村第一书记: 10,
};

const plusDays = (d: IsoDate, n: number): IsoDate => fromDayNumber(dayNumber(d) + n);

function uniqueName(p: People, gender: Gender, ethnicity: Ethnicity, rng: Random = p.rng): string {
  for (let attempt = 0; ; attempt++) {
    const name = personName(rng, gender, ethnicity);
    if (!p.names.has(name) || attempt > 200) {
      p.names.add(name);
      return name;
    }
  }
}

function ethnicityOf(rng: Random, hui: number): Ethnicity {
  const x = rng.next();
  if (x < hui) return "回族";
  if (x < hui + 0.03) {
    return rng.weighted<Ethnicity>([
      ["满族", 25],
      ["蒙古族", 20],
      ["维吾尔族", 30],
      ["哈萨克族", 10],
      ["东乡族", 15],
      ["土族", 10],
    ]);
  }
  return "汉族";
}

function regionOf(p: People, ethnicity: Ethnicity, external: boolean): string {
  const { rng } = p;
  if (ethnicity === "维吾尔族" || ethnicity === "哈萨克族") return rng.pick(["650102", "650104", "653101"]);
  if (ethnicity === "东乡族") return "622926";
  if (ethnicity === "土族") return "630222";
  if (!external) return rng.chance(0.88) ? p.homeRegion : rng.pick(NEIGHBOURS);
  return rng.weighted<() => string>([
    [() => p.homeRegion, 55],
    [() => rng.pick(NEIGHBOURS), 20],
    [() => rng.pick(OTHER_PROVINCES), 25],
  ])();
}

/**
 * A GB 11643 number: region, birth date, a sequence whose parity is the gender, the check character;
 * never one already issued in this run.
 */
function idNumber(p: People, region: string, birth: IsoDate, gender: Gender, rng: Random = p.rng): string {
  // 17 digits do not fit a double exactly; region, day and sequence packed this way do (< 2^53).
  const base = Number(region) * 1e9 + (dayNumber(birth) + 200_000) * 1000;
  for (let attempt = 0; attempt < 5000; attempt++) {
    const seq = rng.int(500) * 2 + (gender === "男" ? 1 : 0);
    if (seq === 0 || p.ids.has(base + seq)) continue;
    p.ids.add(base + seq);
    const body = `${region}${birth.replace(/-/g, "")}${String(seq).padStart(3, "0")}`;
    return body + checkCharacter(body);
  }
  throw new Error(`no ID sequence left for ${region} ${birth}: too many people born on one day in one place`);
}

/**
 * An issued ID number with the birth year typed as `year`, as a clerk might mistype it: region,
 * month, day and sequence as they were (29 February becomes the 28th in a common year), the check
 * character recomputed. Another sequence when that number was already issued.
 */
export function retypedIdNumber(p: People, id: string, year: number, rng: Random = p.rng): string {
  const region = id.slice(0, 6);
  const monthDay = id.slice(10, 14) === "0229" && !isLeapYear(year) ? "0228" : id.slice(10, 14);
  const birth = `${String(year).padStart(4, "0")}-${monthDay.slice(0, 2)}-${monthDay.slice(2)}`;
  const seq = Number(id.slice(14, 17));
  const key = Number(region) * 1e9 + (dayNumber(birth) + 200_000) * 1000 + seq;
  if (p.ids.has(key)) return idNumber(p, region, birth, seq % 2 === 1 ? "男" : "女", rng);
  p.ids.add(key);
  const body = `${region}${birth.replace(/-/g, "")}${id.slice(14, 17)}`;
  return body + checkCharacter(body);
}

function phone(p: People): string {
  for (;;) {
    const n = `${p.rng.pick(MOBILE_PREFIXES)}${String(p.rng.int(100_000_000)).padStart(8, "0")}`;
    const key = Number(n);
    if (p.phones.has(key)) continue;
    p.phones.add(key);
    return n;
  }
}

/** Ages on 31 December of the working year. */
function ageOf(p: People, flags: Flags, education: Education): number {
  const { rng, policy } = p;
  const max = Math.min(policy.age.max, policy.age.max_by_education?.[education] ?? policy.age.max);
  const young = Math.max(policy.age.min + 4, education === "研究生" ? 26 : 22);
  if (flags.under35 || max < 35) {
    return rng.weighted(Array.from({ length: 35 - young }, (_, i) => [young + i, young + i < 26 ? 2 : 5] as const));
  }
  // One year short of the limit, so an audit on another day of the year stays clean.
  return rng.range(35, Math.min(max - 1, 44));
}

function sourceOf(p: People, external: boolean, gender: Gender, education: Education, age: number): Source {
  const { rng, policy } = p;
  if (external) {
    const options = policy.external_sources.filter((s) => gender === "男" || s !== "复转军人");
    const list = options.length > 0 ? options : policy.external_sources;
    return rng.weighted(list.map((s) => [s, s === "复转军人" ? 40 : 60] as const));
  }
  const graduate = education !== "高中" && education !== "初中" && education !== "小学" && age <= 35;
  const internal = SOURCE.values.filter((s) => !policy.external_sources.includes(s) && s !== "其他");
  const weight: Partial<Record<Source, number>> = {
    村民小组长: 30,
    致富能手: 30,
    外出务工人员: 20,
    返乡大中专毕业生: graduate ? 25 : 0,
  };
  return rng.weighted(internal.map((s) => [s, weight[s] ?? 5] as const));
}

function politicalOf(rng: Random, flags: Flags, age: number): PoliticalStatus {
  if (flags.party) return rng.chance(0.25) ? "中共预备党员" : "中共党员";
  return age <= 28 && rng.chance(0.7) ? "共青团员" : "群众";
}

/**
 * 入党申请人 → 入党积极分子 → 发展对象 → 预备党员, each stage recent enough for the policy's
 * months-at-stage limits on the last day of the working year.
 */
function partySteps(p: People, political: PoliticalStatus): PartyStep[] | undefined {
  const { rng, year } = p;
  const back = (d: IsoDate, lo: number, hi: number) => addMonths(d, -rng.range(lo, hi));
  if (political === "中共预备党员") {
    const probation = rng.date(`${year - 1}-11-01`, `${year}-07-31`);
    const candidate = back(probation, 2, 6);
    const activist = back(candidate, 12, 15);
    return [
      { stage: "入党申请人", date: back(activist, 3, 9) },
      { stage: "入党积极分子", date: activist },
      { stage: "发展对象", date: candidate },
      { stage: "预备党员", date: probation },
    ];
  }
  // Every non-member reserve gets party-membership guidance (DESIGN §1 "Manage"), so each has at
  // least applied.
  if (political === "中共党员") return undefined;
  const stage = rng.weighted([
    ["入党申请人", 45],
    ["入党积极分子", 35],
    ["发展对象", 20],
  ] as const);
  if (stage === "入党申请人") return [{ stage, date: rng.date(`${year}-02-01`, `${year}-10-31`) }];
  if (stage === "入党积极分子") {
    const activist = rng.date(`${year - 1}-03-01`, `${year}-06-30`);
    return [
      { stage: "入党申请人", date: back(activist, 3, 12) },
      { stage, date: activist },
    ];
  }
  const candidate = rng.date(`${year}-03-01`, `${year}-09-30`);
  const activist = back(candidate, 12, 18);
  return [
    { stage: "入党申请人", date: back(activist, 3, 9) },
    { stage: "入党积极分子", date: activist },
    { stage, date: candidate },
  ];
}

function targetPostOf(rng: Random, political: PoliticalStatus): TargetPost {
  if (political === "中共党员" || political === "中共预备党员") {
    return rng.weighted<TargetPost>([
      ["村党组织书记", 35],
      ["村“两委”委员", 40],
      ["村务监督委员会主任", 15],
      ["村委会主任", 10],
    ]);
  }
  return rng.weighted<TargetPost>([
    ["村委会主任", 30],
    ["村“两委”委员", 50],
    ["村会计", 20],
  ]);
}

/** A mentor's name, unique like every name the run gives (most mentors are men). */
export function mentorName(p: People, hui: number, rng: Random = p.rng): string {
  const gender: Gender = rng.chance(0.2) ? "女" : "男";
  return uniqueName(p, gender, rng.chance(hui) ? "回族" : "汉族", rng);
}

/**
 * The posts a mentor of each category holds, as township rosters name them: a village's 书记 is often
 * its 主任 too (一肩挑). 包村干部 and 驻村第一书记 are posts of their own: the category says it all.
 */
const MENTOR_POSTS: Partial<Record<MentorRole, readonly (readonly [readonly string[], number])[]>> = {
  乡镇领导干部: [
    [["乡镇党委副书记"], 3],
    [["乡镇组织委员"], 3],
    [["副乡镇长"], 2],
    [["乡镇人大主席"], 1],
    [["乡镇党委委员"], 2],
  ],
  "村“两委”成员": [
    [["村党支部书记", "村委会主任"], 8],
    [["村党支部书记"], 4],
    [["村委会主任"], 3],
    [["村党组织委员"], 2],
    [["村委会委员"], 2],
    [["村务监督委员会主任"], 1],
  ],
};

function mentorsOf(p: People, start: IsoDate, end: IsoDate | undefined, hui: number): Mentorship[] {
  const { rng, policy } = p;
  const roles = policy.mentoring.roles.map((r) => [r, MENTOR_ROLE_WEIGHT[r] ?? 10] as const);
  const many = rng.chance(0.1) && roles.length > 1;
  const first = rng.weighted(roles);
  const chosen = many ? [first, rng.weighted(roles.filter(([r]) => r !== first))] : [first];
  const from = plusDays(start, rng.range(3, 20));
  return chosen.map((role) => {
    const gender: Gender = rng.chance(0.2) ? "女" : "男";
    const posts = MENTOR_POSTS[role];
    const held = posts ? rng.weighted(posts) : [];
    return {
      name: uniqueName(p, gender, rng.chance(hui) ? "回族" : "汉族"),
      role,
      ...(held.length > 0 && { posts: held }),
      mode: many ? "多带一" : "一带一",
      from,
      ...(end !== undefined && { to: end }),
    };
  });
}

function postOf(p: People, political: PoliticalStatus, source: Source, end: IsoDate | undefined): PracticeAssignment[] {
  const { rng, year } = p;
  const party = political === "中共党员" || political === "中共预备党员";
  const options: [PracticePost, number][] = party
    ? [
        ["党小组长", 3],
        ["村党支部书记助理", 3],
        ["村委会主任助理", 2],
        ["村民小组长", 1],
      ]
    : [
        ["村委会主任助理", 3],
        ["村民小组长", 2],
      ];
  const post = rng.weighted(options.filter(([o]) => !(o === "村民小组长" && source === "村民小组长")));
  return [{ post, from: rng.date(`${year}-02-20`, `${year}-04-30`), ...(end !== undefined && { to: end }) }];
}

function meetingsOf(p: People, until: IsoDate): MeetingAttendance[] {
  const { rng, year } = p;
  const n = rng.weighted([
    [0, 3],
    [1, 3],
    [2, 3],
    [3, 1],
  ] as const);
  const last = until < `${year}-11-20` ? plusDays(until, -1) : `${year}-11-20`;
  const seen = new Set<string>();
  const out: MeetingAttendance[] = [];
  for (let i = 0; i < n; i++) {
    const m = { date: rng.date(`${year}-03-01`, last), title: rng.pick(MEETINGS) };
    if (!seen.has(m.date + m.title)) out.push(m);
    seen.add(m.date + m.title);
  }
  return out;
}

/** Sessions attended: in-pool people at least the policy's minimum, leavers only before they left. */
function trainingsOf(p: People, kind: SlotKind, leave: IsoDate | undefined): string[] {
  const { rng, policy, sessions } = p;
  const open = sessions.filter((s) => leave === undefined || s.date < leave);
  const min = Math.min(policy.training.min_sessions, open.length);
  let n: number;
  if (kind === "pool") {
    n = rng.weighted(Array.from({ length: open.length - min + 1 }, (_, i) => [min + i, 1 + i * 3] as const));
  } else if (kind === "used") n = rng.range(min, open.length);
  else n = Math.max(1, open.length - rng.range(1, 3));
  return rng.sample(open, n).map((s) => s.id);
}

/**
 * The year's evaluation (年度测评) for someone in the pool since before the year began: the four
 * criteria rated 好/较好/一般 (nobody kept in the pool is rated 差), the democratic assessment's votes,
 * and what `reserve evaluate` makes of them (see `scoredEvaluation`). Everybody is kept.
 */
function evaluationOf(p: People, date: IsoDate, person: Pick<Reserve, "id" | "trainings" | "selection">): Evaluation {
  const { rng, policy, sessions } = p;
  const ratings = Object.fromEntries(
    CRITERIA.map((c) => [
      c,
      rng.weighted<RatingCode>([
        ["good", 55],
        ["fair", 35],
        ["average", 10],
      ]),
    ]),
  ) as Record<Criterion, RatingCode>;
  const raters = rng.range(18, 45);
  const excellent = Math.round(raters * (0.45 + rng.next() * 0.4));
  const basic = Math.min(raters - excellent, rng.range(0, 2));
  const votes: Record<GradeCode, number> = {
    excellent,
    competent: raters - excellent - basic,
    basic,
    incompetent: 0,
  };
  return scoredEvaluation(policy, sessions, person, { date, ratings, votes, raters });
}

/**
 * An evaluation as `reserve evaluate` records it, computed by the same module
 * (domain/evaluation-score.ts): the training rate from the sessions open to the person up to the
 * evaluation date, then the score, grade, decision and reasons the policy gives.
 */
export function scoredEvaluation(
  policy: Policy,
  sessions: readonly TrainingSession[],
  person: Pick<Reserve, "id" | "trainings" | "selection">,
  facts: {
    readonly date: IsoDate;
    readonly ratings: Readonly<Record<Criterion, RatingCode>>;
    readonly votes: Readonly<Record<GradeCode, number>>;
    readonly raters: number;
  },
): Evaluation {
  const place = { town: person.id.slice(0, 9), village: person.id.slice(0, 12) };
  const attendance = trainingAttendance(person, sessions, place, Number(facts.date.slice(0, 4)), facts.date);
  const e = evaluationRecord(policy.evaluation, {
    ...facts,
    ...(attendance.rate !== undefined && { training_rate: attendance.rate }),
  });
  if (!e) throw new Error(`generator: no training session open to ${person.id} by ${facts.date}`);
  return e;
}

/** The reason of a leaver the year's evaluation adjusts out rather than a mid-year decision. */
const EVALUATED_OUT = "学习不力、工作不实，经乡镇党委研究调整出库";

/**
 * A leaver for poor performance is adjusted out by the year's evaluation, as `reserve evaluate`
 * does it: 学习 and 工作 rated 差 and the democratic vote low, graded by the policy, the status
 * change dated the town's evaluation day with the evaluation's reasons; the mentorship and post
 * last until then. (Their attendance stops when they stopped taking part, mid-year.)
 */
function evaluatedOut(p: People, r: Reserve, date: IsoDate, left: IsoDate): Reserve {
  const raters = 30;
  const e = scoredEvaluation(p.policy, p.sessions, r, {
    date,
    ratings: { study: "poor", work: "poor", skill: "average", results: "average" },
    votes: { excellent: 2, competent: 8, basic: 12, incompetent: 8 },
    raters,
  });
  const until = <T extends { readonly to?: IsoDate }>(x: T): T => (x.to === left ? { ...x, to: date } : x);
  const changes = r.status_changes!.slice(0, -1);
  return {
    ...r,
    ...(r.mentors && { mentors: r.mentors.map(until) }),
    ...(r.posts && { posts: r.posts.map(until) }),
    status_changes: [
      ...changes,
      { status: "调整出库", date, reason: `${p.year}年度测评：${(e.reasons ?? []).join("、")}` },
    ],
    evaluations: { [String(p.year)]: e },
  };
}

/** One person's file (一人一档), consistent in itself and with the policy. */
export function makeReserve(p: People, where: Where, id: string, kind: SlotKind, flags: Flags): Reserve {
  const { rng, year } = p;
  const gender: Gender = flags.woman ? "女" : "男";
  const ethnicity = ethnicityOf(rng, where.hui);
  const education: Education = flags.college
    ? rng.weighted<Education>([
        ["大学专科", 68],
        ["大学本科", 30],
        ["研究生", 2],
      ])
    : rng.weighted<Education>([
        ["高中", 55],
        ["中专", 45],
      ]);
  const age = ageOf(p, flags, education);
  const birth = rng.date(`${year - age}-01-01`, `${year - age}-12-31`);
  const external = rng.next() * p.peopleLeft < p.externalLeft;
  p.peopleLeft -= 1;
  if (external) p.externalLeft -= 1;
  const source = sourceOf(p, external, gender, education, age);
  const political = politicalOf(rng, flags, age);
  const name = uniqueName(p, gender, ethnicity);
  const id_number = idNumber(p, regionOf(p, ethnicity, external), birth, gender);

  const pending = kind === "pending";
  const survey = pending ? rng.date(`${year}-10-11`, `${year}-11-05`) : where.survey;
  const township = pending ? plusDays(survey, rng.range(10, 30)) : where.township;
  const county = pending ? undefined : where.county;
  const entry = county === undefined ? undefined : plusDays(county, rng.int(13));
  const leave =
    kind === "adjustedOut" ? rng.date(`${year}-06-10`, `${year}-07-20`) : kind === "used" ? p.election : undefined;

  const specialties =
    rng.chance(0.5) && specialtiesOf(source).length > 0
      ? [...new Set([rng.pick(specialtiesOf(source)), rng.pick(specialtiesOf(source))])].slice(0, rng.range(1, 2))
      : undefined;
  const mentors = entry === undefined ? [] : mentorsOf(p, entry, leave, where.hui);
  const posts = entry === undefined ? [] : postOf(p, political, source, leave);
  const meetings = entry === undefined ? [] : meetingsOf(p, leave ?? `${year}-12-31`);
  const party = partySteps(p, political);
  const screening: ScreeningAttestation[] =
    kind === "pool" || kind === "used"
      ? [...where.screening].map(([department, date]) => ({ department, date, result: "通过" }))
      : [];
  const trainings = entry === undefined ? [] : trainingsOf(p, kind, leave);
  // Evaluated at the end of the year: those in the pool since before it began (DESIGN §1 "Evaluate").
  const evaluation =
    kind === "pool" && county !== undefined && county < `${year}-01-01`
      ? evaluationOf(p, where.evaluation, { id, trainings, selection: { county } })
      : undefined;

  // A pending candidate is entered in the book (status 在库) when the township recommends them; only
  // the county review puts them in the pool.
  const changes: StatusChange[] = [
    entry === undefined
      ? { status: "在库", date: township, reason: "乡镇推荐，待县级审核" }
      : { status: "在库", date: entry, reason: "县级审核通过" },
  ];
  if (kind === "adjustedOut") {
    const byYearEnd = county !== undefined && county < `${year}-01-01` && where.evaluation < `${year}-12-20`;
    const reason = byYearEnd && p.evaluatedOutLeft > 0 ? EVALUATED_OUT : rng.pick(ADJUSTED_OUT_REASONS);
    if (reason === EVALUATED_OUT && byYearEnd) p.evaluatedOutLeft--;
    changes.push({ status: "调整出库", date: leave!, reason });
  }
  if (kind === "used") {
    changes.push({ status: "已使用", date: leave!, reason: `${year}年村“两委”换届当选${rng.pick(ELECTED_AS)}` });
  }
  const status = changes[changes.length - 1]!.status;

  const record: Reserve = {
    id,
    name,
    gender,
    ethnicity,
    id_number,
    phone: phone(p),
    education,
    political_status: political,
    source,
    intake: external ? "外引" : "内选",
    selection: { survey, township, ...(county !== undefined && { county }) },
    ...(entry !== undefined && { entry_date: entry }),
    target_post: targetPostOf(rng, political),
    ...(specialties && { specialties }),
    ...(mentors.length > 0 && { mentors }),
    ...(posts.length > 0 && { posts }),
    ...(meetings.length > 0 && { meetings }),
    ...(party && { party }),
    ...(screening.length > 0 && { screening }),
    ...(trainings.length > 0 && { trainings }),
    status,
    status_changes: changes,
    ...(evaluation && { evaluations: { [String(year)]: evaluation } }),
    ...(pending && { note: `${year}年补充人选，待县级审核` }),
  };
  // Adjusted out by the evaluation when the town's evaluation comes before the year's status history
  // entry (20 December, history.ts) and the person was in the pool since before the year.
  const byEvaluation =
    kind === "adjustedOut" &&
    changes[changes.length - 1]!.reason === EVALUATED_OUT &&
    county !== undefined &&
    county < `${year}-01-01` &&
    where.evaluation < `${year}-12-20`;
  return byEvaluation ? evaluatedOut(p, record, where.evaluation, leave!) : record;
}
