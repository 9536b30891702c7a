import { ageOn, dayNumber, fromDayNumber, isIsoDate, type IsoDate } from "../domain/dates.js";
import { indexRegister, type Library, type RegisterIndex } from "../domain/library.js";
import type { Policy, Reserve, TrainingSession, Village } from "../domain/model.js";
import { comparePersonIds } from "../domain/normalize.js";
import { inPool, pendingReview } from "../domain/pool.js";
import { idFacts } from "../domain/resident-id.js";
import {
  CRITERIA,
  ETHNICITY,
  GENDER,
  GRADE_CODES,
  INTAKE,
  MENTOR_MODE,
  PARTY_STAGE,
  TRAINING_LEVEL,
} from "../domain/terms.js";
import type { VocabularyName } from "../domain/terms.js";
import { vocabulariesOf, type Vocabularies } from "../domain/vocabulary-set.js";
import { providePeople } from "./model-index.js";
import {
  AGE_BANDS,
  QUOTA_STATUSES,
  type AdjustedOut,
  type AgeBand,
  type Categories,
  type Counts,
  type Figures,
  type MonthAttendance,
  type PersonFacts,
  type QuotaStatus,
  type ReportModel,
  type Replenishment,
  type ScreeningState,
  type TownRow,
  type VillageRow,
} from "./model.js";

export interface BuildOptions {
  readonly year: number;
  /** The report date (see commands/period.ts). */
  readonly date: IsoDate;
  /** Villages the report covers; all when absent. */
  readonly inScope?: (village: Village) => boolean;
  /** The towns and villages named to narrow the report, for its heading. */
  readonly scope?: { readonly towns: readonly string[]; readonly villages: readonly string[] };
  readonly reveal?: boolean;
  /**
   * A village's part as an earlier run worked it out from the same inputs (its file's digest, the
   * register, the policy, the sessions, the year and date: commands/report.ts keeps them). Such a
   * village's people are worked out only when something asks for them.
   */
  readonly kept?: (village: string) => VillagePart | undefined;
  /** Told every village's part, kept or worked out, to be kept for the next run. */
  readonly parts?: (village: string, part: VillagePart) => void;
  /** The distribution keys the kept parts refer to; the new parts' are added to them. */
  readonly keys?: PartKeys;
}

/** Key used for people without a target post, a party application, an age, a grade, a reason. */
export const NONE = "none";

const ADJUSTED_OUT = "调整出库";
const USED = "已使用";
const STAGES = PARTY_STAGE.values;

const COUNTERS = [
  "villages",
  "inPool",
  "pending",
  "adjustedOut",
  "used",
  "women",
  "under35",
  "partyMembers",
  "college",
  "expected",
  "attended",
  "belowMin",
  "mentored",
  "posted",
  "meetings",
  "partyPopulation",
  "evaluated",
  "notEvaluated",
  "eligible",
  "eligibleWomen",
  "eligibleUnder35",
  "screened",
  "screeningFailed",
  "villagesNoEligible",
  "villagesNoWoman",
  "villagesNoUnder35",
  "replenishVillages",
  "toMin",
  "toTarget",
] as const;

/** A distribution counted: a category, the party stage each is at, and gender by age band (the pyramid). */
type Dim = keyof Categories | "partyCurrent" | "pyramid";

/** Mutable counters of one unit; villages are counted, towns and the total are sums of villages. */
class Tally {
  villages = 0;
  quota: Record<QuotaStatus, number> = { "below-min": 0, "below-target": 0, "at-target": 0, "above-target": 0 };
  inPool = 0;
  pending = 0;
  adjustedOut = 0;
  used = 0;
  women = 0;
  under35 = 0;
  partyMembers = 0;
  college = 0;
  expected = 0;
  attended = 0;
  belowMin = 0;
  mentored = 0;
  posted = 0;
  meetings = 0;
  partyPopulation = 0;
  evaluated = 0;
  notEvaluated = 0;
  eligible = 0;
  eligibleWomen = 0;
  eligibleUnder35 = 0;
  screened = 0;
  screeningFailed = 0;
  villagesNoEligible = 0;
  villagesNoWoman = 0;
  villagesNoUnder35 = 0;
  replenishVillages = 0;
  toMin = 0;
  toTarget = 0;
  readonly dist = new Map<Dim, Map<string, number>>();

  count(dim: Dim, key: string, n = 1): void {
    let m = this.dist.get(dim);
    if (!m) this.dist.set(dim, (m = new Map<string, number>()));
    m.set(key, (m.get(key) ?? 0) + n);
  }

  get(dim: Dim, key: string): number {
    return this.dist.get(dim)?.get(key) ?? 0;
  }

  add(o: Tally): void {
    for (const k of COUNTERS) this[k] += o[k];
    for (const s of QUOTA_STATUSES) this.quota[s] += o.quota[s];
    for (const [dim, m] of o.dist) for (const [key, n] of m) this.count(dim, key, n);
  }
}

function ageBand(age: number): AgeBand {
  if (age <= 35) return "le35";
  if (age <= 40) return "36-40";
  if (age <= 45) return "41-45";
  return "gt45";
}

function birthOf(r: Reserve): IsoDate | undefined {
  if (!/^\d{17}[\dX]$/.test(r.id_number)) return undefined;
  const birth = idFacts(r.id_number).birth;
  return isIsoDate(birth) ? birth : undefined;
}

function activeOn<T extends { readonly from: IsoDate; readonly to?: IsoDate }>(
  list: readonly T[] | undefined,
  d: IsoDate,
): T[] {
  return (list ?? []).filter((x) => x.from <= d && (x.to === undefined || x.to >= d));
}

function quotaStatus(n: number, policy: Policy): QuotaStatus {
  if (n < policy.quota.min) return "below-min";
  if (n < policy.quota.target) return "below-target";
  if (n === policy.quota.target) return "at-target";
  return "above-target";
}

function maxAge(r: Reserve, policy: Policy): number {
  return policy.age.max_by_education?.[r.education] ?? policy.age.max;
}

/** Which election the report looks ahead to, and the day eligibility is judged on. */
function electionFor(policy: Policy, year: number, date: IsoDate): ReportModel["election"] {
  const e = policy.election;
  if (year > e.year && e.next_year !== undefined) return { year: e.next_year, date: undefined, referenceDate: date };
  return { year: e.year, date: e.date, referenceDate: e.date ?? date };
}

/**
 * 资格联审 as `reserve audit` judges it (rules/screening.ts): for each department of the policy, the
 * latest attestation on or before the report date; any 不通过 fails; a missing department, or one
 * attested before the window that opens `window_days` before the election date, leaves it incomplete.
 */
function screeningState(r: Reserve, policy: Policy, date: IsoDate, electionDate: IsoDate | undefined): ScreeningState {
  const latest = new Map<string, { date: IsoDate; passed: boolean }>();
  for (const a of r.screening ?? []) {
    if (a.date > date) continue;
    const prev = latest.get(a.department);
    if (!prev || a.date >= prev.date) latest.set(a.department, { date: a.date, passed: a.result === "通过" });
  }
  const { departments, window_days } = policy.screening;
  if (departments.some((d) => latest.get(d)?.passed === false)) return "failed";
  const windowStart = electionDate === undefined ? undefined : fromDayNumber(dayNumber(electionDate) - window_days);
  const cleared = departments.every((d) => {
    const a = latest.get(d);
    return a !== undefined && (windowStart === undefined || a.date >= windowStart);
  });
  return cleared ? "cleared" : "incomplete";
}

/** Sessions open to a village's reserves: district-wide, the town's, the village's own. */
export function isOpenTo(s: TrainingSession, town: string, village: string): boolean {
  return s.level === "区级" || s.unit === undefined || s.unit === town || s.unit === village;
}

/** Known reasons first, in the order of the criteria; then any other reason by code point. */
function reasonOrder(policy: Policy, present: Iterable<string>): string[] {
  const known = CRITERIA.map((c) => policy.evaluation.poor_reasons[c]);
  const rest = [...present].filter((r) => !known.includes(r)).sort();
  return [...known.filter((k) => [...present].includes(k)), ...rest];
}

/**
 * Builds the report model from the library: one pass over the village books in scope, computing
 * each person's facts once and counting them into their village; towns and the total are sums of
 * their villages. Pure: the same library, year and date give the same model.
 */
export function buildReport(library: Library, options: BuildOptions): ReportModel {
  const { year, date } = options;
  const district = library.district;
  const policy = district.policy;
  const vocab = vocabulariesOf(policy);
  const register = indexRegister(district);
  const inScope = options.inScope ?? (() => true);
  const yearStart = `${String(year).padStart(4, "0")}-01-01`;
  const election = electionFor(policy, year, date);
  const minSessions = policy.training.min_sessions;

  const sessionIndex = new Map<string, TrainingSession>();
  for (const t of [...library.trainings].sort((a, b) => a.year - b.year)) {
    for (const s of t.sessions) sessionIndex.set(s.id, s);
  }
  const yearSessions = library.trainings
    .filter((t) => t.year === year)
    .flatMap((t) => t.sessions)
    .filter((s) => s.date >= yearStart && s.date <= date)
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

  const yearIds = new Set(yearSessions.map((s) => s.id));
  const books = new Map(library.books.map((b) => [b.village, b]));
  const villages = district.villages
    .filter((v) => inScope(v))
    .filter(
      (v) =>
        (v.kind === "村" && v.status === "正常") ||
        (options.kept?.(v.code)?.persons ?? books.get(v.code)?.reserves.length ?? 0) > 0,
    )
    .sort((a, b) => (a.code < b.code ? -1 : 1));

  const villageTallies = new Map<string, Tally>();
  const monthExpected = new Array<number>(12).fill(0);
  const monthAttended = new Array<number>(12).fill(0);
  const scopeSessions = new Set<TrainingSession>();
  const villageSessions = new Map<string, TrainingSession[]>();
  const contexts = new Map<string, FactContext>();
  const made = new Map<string, readonly PersonFacts[]>();
  const parts = new Map<string, VillagePart>();
  const keys = options.keys ?? new PartKeys();
  const factsOf = (code: string): readonly PersonFacts[] => {
    let facts = made.get(code);
    if (facts === undefined) {
      const c = contexts.get(code)!;
      const reserves = [...(books.get(code)?.reserves ?? [])].sort((a, b) => comparePersonIds(a.id, b.id));
      facts = reserves.map((r) => personFacts(r, c));
      made.set(code, facts);
    }
    return facts;
  };

  for (const v of villages) {
    const town = register.towns.get(v.town);
    const open = yearSessions.filter((s) => isOpenTo(s, v.town, v.code));
    villageSessions.set(v.code, open);
    for (const s of open) scopeSessions.add(s);
    contexts.set(v.code, {
      town: v.town,
      townName: town?.name ?? v.town,
      village: v.code,
      villageName: v.name,
      policy,
      date,
      year,
      yearStart,
      open,
      yearIds,
      election,
      register,
    });
    const kept = options.kept?.(v.code);
    const part = kept && fits(kept, keys) ? kept : villagePart(v, factsOf(v.code), open, policy, vocab, keys);
    parts.set(v.code, part);
    options.parts?.(v.code, part);
    villageTallies.set(v.code, tallyFrom(part, keys));
    for (let m = 0; m < 12; m++) {
      monthExpected[m]! += part.figures[FIGURES_AT.months + m]!;
      monthAttended[m]! += part.figures[FIGURES_AT.months + 12 + m]!;
    }
  }

  const total = new Tally();
  const townTallies = new Map<string, Tally>();
  for (const v of villages) {
    const t = villageTallies.get(v.code)!;
    total.add(t);
    let tt = townTallies.get(v.town);
    if (!tt) townTallies.set(v.town, (tt = new Tally()));
    tt.add(t);
  }

  const present = (dim: keyof Categories | "partyCurrent") => new Set(total.dist.get(dim)?.keys() ?? []);
  const withNone = (values: readonly string[], dim: keyof Categories) =>
    present(dim).has(NONE) ? [...values, NONE] : [...values];
  const listed = (name: VocabularyName, dim: keyof Categories) =>
    vocab.get(name).values.filter((v) => !vocab.listedWhenUsed(name, v) || present(dim).has(v));
  const categories: Categories = {
    intake: INTAKE.values,
    gender: GENDER.values,
    age: withNone(AGE_BANDS, "age"),
    ethnicity: ETHNICITY.values.filter((e) => present("ethnicity").has(e)),
    education: listed("education", "education"),
    political: vocab.get("political_status").values.filter((p) => present("political").has(p)),
    source: listed("source", "source"),
    targetPost: withNone(listed("target_post", "targetPost"), "targetPost"),
    mentorMode: MENTOR_MODE.values,
    post: listed("practice_post", "post"),
    partyStage: STAGES,
    grade: withNone(GRADE_CODES, "grade"),
    reason: reasonOrder(policy, present("reason")),
    trainingLevel: TRAINING_LEVEL.values,
  };

  const sessionsOf = (codes: readonly string[]) => {
    const set = new Set<TrainingSession>();
    for (const c of codes) for (const s of villageSessions.get(c) ?? []) set.add(s);
    return set.size;
  };
  const villageRows: VillageRow[] = villages.map((v) => {
    const hasQuota = v.kind === "村" && v.status === "正常";
    const t = villageTallies.get(v.code)!;
    return {
      code: v.code,
      name: v.name,
      town: v.town,
      townName: register.towns.get(v.town)?.name ?? v.town,
      kind: v.kind,
      status: v.status,
      quotaStatus: hasQuota ? quotaStatus(t.inPool, policy) : undefined,
      figures: figures(t, categories, sessionsOf([v.code])),
    };
  });
  const townRows: TownRow[] = [...townTallies.keys()].sort().map((code) => {
    const town = register.towns.get(code);
    return {
      code,
      name: town?.name ?? code,
      status: town?.status ?? "正常",
      figures: figures(
        townTallies.get(code)!,
        categories,
        sessionsOf(villages.filter((v) => v.town === code).map((v) => v.code)),
      ),
    };
  });

  const sessions = yearSessions.filter((s) => scopeSessions.has(s));
  const sessionsByLevel: Record<string, number> = {};
  for (const l of TRAINING_LEVEL.values) sessionsByLevel[l] = sessions.filter((s) => s.level === l).length;
  const attendanceByMonth: MonthAttendance[] = monthExpected.map((expected, i) => ({
    month: i + 1,
    sessions: sessions.filter((s) => Number(s.date.slice(5, 7)) === i + 1).length,
    expected,
    attended: monthAttended[i]!,
  }));

  const adjusted: AdjustedOut[] = villages.flatMap((v) => parts.get(v.code)!.adjusted);
  const replenishment: Replenishment[] = villageRows
    .filter((v) => v.quotaStatus === "below-min" || v.quotaStatus === "below-target")
    .map((v) => ({
      town: v.town,
      townName: v.townName,
      village: v.code,
      villageName: v.name,
      inPool: v.figures.inPool,
      pending: v.figures.pending,
      adjustedOut: v.figures.adjustedOut,
      toMin: v.figures.replenish.toMin,
      toTarget: v.figures.replenish.toTarget,
    }));

  let people: readonly PersonFacts[] | undefined;
  const model: ReportModel = {
    year,
    date,
    district: {
      code: district.code,
      name: district.name,
      ...(district.city !== undefined && { city: district.city }),
      ...(district.province !== undefined && { province: district.province }),
    },
    scope: options.scope,
    reveal: options.reveal === true,
    policy: {
      quota: policy.quota,
      structure: policy.structure,
      minSessions,
      age: { min: policy.age.min, max: policy.age.max },
      evaluation: {
        rating_labels: policy.evaluation.rating_labels,
        grade_labels: policy.evaluation.grade_labels,
      },
    },
    election,
    categories,
    sessions,
    sessionsByLevel,
    sessionHours: sessions.reduce((n, s) => n + s.hours, 0),
    attendanceByMonth,
    total: figures(total, categories, sessions.length),
    towns: townRows,
    villages: villageRows,
    adjusted,
    replenishment,
    get people() {
      return (people ??= villages.flatMap((v) => factsOf(v.code)));
    },
    persons: villages.reduce((n, v) => n + parts.get(v.code)!.persons, 0),
    pyramid: Object.fromEntries(total.dist.get("pyramid") ?? []),
    sheet: villages.map((v) => {
      const c = contexts.get(v.code)!;
      return {
        town: c.town,
        townName: c.townName,
        village: c.village,
        villageName: c.villageName,
        rows: parts.get(v.code)!.sheet,
      };
    }),
    sessionIndex,
  };
  providePeople(model, factsOf);
  return model;
}

/**
 * What one village adds to the report, worked out from its people alone (with the register, the
 * policy, the year's sessions and the report date): its counts, its reserves' seats and attendance
 * by month, who was adjusted out, the rows of the evaluation sheet. A report asked again keeps it
 * beside the report's state, under the village file's digest (commands/report.ts), so that a
 * village whose file did not change is summed without its records being read. Mostly numbers, so
 * that a province's 15,000 parts are read back quickly.
 */
export interface VillagePart {
  /** Records in the village's book. */
  readonly persons: number;
  /**
   * The village's counters (COUNTERS), its quota status (QUOTA_STATUSES: 1 for the one it is in),
   * the seats of its reserves in the pool by month (12) and the seats taken by month (12), then
   * each distribution's counts as pairs: the index of `dim\0key` in the run's `keys`, the count.
   */
  readonly figures: readonly number[];
  readonly adjusted: readonly AdjustedOut[];
  /** The evaluation sheet's rows: internal id, name, gender and sessions attended of each reserve in the pool. */
  readonly sheet: readonly (string | number)[];
}

const FIGURES_AT = { quota: COUNTERS.length, months: COUNTERS.length + QUOTA_STATUSES.length } as const;
const PAIRS_AT = FIGURES_AT.months + 24;

/**
 * The distribution keys (`dim\0key`) that parts refer to by index: one list for a run and the
 * parts kept from earlier runs, new keys added at the end.
 */
export class PartKeys {
  private readonly index = new Map<string, number>();
  private readonly split: (readonly [Dim, string])[] = [];
  constructor(readonly list: string[] = []) {
    list.forEach((k, i) => this.add(k, i));
  }
  private add(k: string, i: number): void {
    this.index.set(k, i);
    const at = k.indexOf("\0");
    this.split[i] = [k.slice(0, at) as Dim, k.slice(at + 1)];
  }
  of(dim: string, key: string): number {
    const k = `${dim}\0${key}`;
    let i = this.index.get(k);
    if (i === undefined) {
      i = this.list.length;
      this.list.push(k);
      this.add(k, i);
    }
    return i;
  }
  at(i: number): readonly [Dim, string] | undefined {
    return this.split[i];
  }
}

function villagePart(
  v: Village,
  facts: readonly PersonFacts[],
  open: readonly TrainingSession[],
  policy: Policy,
  vocab: Vocabularies,
  keys: PartKeys,
): VillagePart {
  const t = new Tally();
  const months = new Array<number>(24).fill(0);
  const minSessions = policy.training.min_sessions;
  for (const f of facts) {
    countPerson(t, f, minSessions, vocab);
    if (f.inPool) {
      const attended = new Set(f.reserve.trainings ?? []);
      for (const s of open) {
        const m = Number(s.date.slice(5, 7)) - 1;
        months[m]!++;
        if (attended.has(s.id)) months[12 + m]!++;
      }
    }
  }
  if (v.kind === "村" && v.status === "正常") {
    t.villages = 1;
    t.quota[quotaStatus(t.inPool, policy)] = 1;
    if (t.eligible === 0) t.villagesNoEligible = 1;
    if (t.eligibleWomen === 0) t.villagesNoWoman = 1;
    if (t.eligibleUnder35 === 0) t.villagesNoUnder35 = 1;
    if (t.inPool < policy.quota.target) {
      t.replenishVillages = 1;
      t.toMin = Math.max(0, policy.quota.min - t.inPool);
      t.toTarget = policy.quota.target - t.inPool;
    }
  }
  const figures: number[] = [...COUNTERS.map((k) => t[k]), ...QUOTA_STATUSES.map((q) => t.quota[q]), ...months];
  for (const [dim, m] of t.dist) for (const [key, n] of m) figures.push(keys.of(dim, key), n);
  const sheet: (string | number)[] = [];
  for (const p of facts) if (p.inPool) sheet.push(p.reserve.id, p.reserve.name, p.reserve.gender, p.trainingsAttended);
  return {
    persons: facts.length,
    figures,
    adjusted: facts
      .filter((p) => p.adjustedOut)
      .map((p) => ({
        id: p.reserve.id,
        name: p.reserve.name,
        town: p.town,
        townName: p.townName,
        village: p.village,
        villageName: p.villageName,
        date: p.adjustedOut!.date,
        reasons: p.adjustedOut!.reasons,
        grade: p.evaluation?.grade,
        score: p.evaluation?.score,
      })),
    sheet,
  };
}

/** Whether a kept part is one this program made: its shape, and keys it refers to that are known. */
function fits(part: VillagePart, keys: PartKeys): boolean {
  const f = part.figures as unknown;
  if (!Array.isArray(f) || f.length < PAIRS_AT || (f.length - PAIRS_AT) % 2 !== 0) return false;
  if (!f.every((n) => Number.isSafeInteger(n) && n >= 0)) return false;
  for (let i = PAIRS_AT; i < f.length; i += 2) if (keys.at(f[i] as number) === undefined) return false;
  const sheet = part.sheet as unknown;
  return (
    Number.isSafeInteger(part.persons) && Array.isArray(sheet) && sheet.length % 4 === 0 && Array.isArray(part.adjusted)
  );
}

/** The village's counters from its part (one that fits). */
function tallyFrom(part: VillagePart, keys: PartKeys): Tally {
  const f = part.figures;
  const t = new Tally();
  COUNTERS.forEach((k, i) => (t[k] = f[i]!));
  QUOTA_STATUSES.forEach((q, i) => (t.quota[q] = f[FIGURES_AT.quota + i]!));
  for (let i = PAIRS_AT; i < f.length; i += 2) {
    const dk = keys.at(f[i]!)!;
    t.count(dk[0], dk[1], f[i + 1]);
  }
  return t;
}

interface FactContext {
  readonly town: string;
  readonly townName: string;
  readonly village: string;
  readonly villageName: string;
  readonly policy: Policy;
  readonly date: IsoDate;
  readonly year: number;
  readonly yearStart: IsoDate;
  readonly open: readonly TrainingSession[];
  /** Ids of the year's sessions up to the report date. */
  readonly yearIds: ReadonlySet<string>;
  readonly election: ReportModel["election"];
  readonly register: RegisterIndex;
}

function personFacts(r: Reserve, c: FactContext): PersonFacts {
  const { policy, date, yearStart } = c;
  const birth = birthOf(r);
  const age = birth === undefined ? undefined : ageOn(birth, date);
  const pool = inPool(r, date);
  const changes = r.status_changes ?? [];
  const attendedIds = new Set(r.trainings ?? []);
  let attendedYear = 0;
  for (const id of attendedIds) if (c.yearIds.has(id)) attendedYear++;
  const openAttended = c.open.filter((s) => attendedIds.has(s.id)).length;
  let stage = -1;
  for (const p of r.party ?? []) if (p.date <= date) stage = Math.max(stage, STAGES.indexOf(p.stage));
  if (r.political_status === "中共预备党员") stage = Math.max(stage, STAGES.indexOf("预备党员"));
  const partyPopulation = r.political_status !== "中共党员" || (r.party ?? []).some((p) => p.date <= date);
  if (r.political_status === "中共党员" && partyPopulation) stage = STAGES.indexOf("党员");
  const evaluation = r.evaluations?.[String(c.year)];
  let adjustedOut: PersonFacts["adjustedOut"];
  for (const ch of changes) {
    if (ch.status === ADJUSTED_OUT && ch.date !== undefined && ch.date >= yearStart && ch.date <= date) {
      const fromEvaluation = evaluation?.decision === "adjust_out" ? (evaluation.reasons ?? []) : [];
      const reasons = fromEvaluation.length > 0 ? fromEvaluation : [ch.reason?.trim() || NONE];
      adjustedOut = { date: ch.date, reasons, text: ch.reason ?? fromEvaluation.join("、") };
    }
  }
  const usedInYear = changes.some(
    (ch) => ch.status === USED && ch.date !== undefined && ch.date >= yearStart && ch.date <= date,
  );
  const ref = c.election.referenceDate;
  const ageAtRef = birth === undefined ? undefined : ageOn(birth, ref);
  const screening = screeningState(r, policy, date, c.election.date);
  const eligible =
    pool &&
    ageAtRef !== undefined &&
    ageAtRef >= policy.age.min &&
    ageAtRef <= maxAge(r, policy) &&
    screening !== "failed";
  return {
    reserve: r,
    town: c.town,
    townName: c.townName,
    village: c.village,
    villageName: c.villageName,
    age,
    ageBand: age === undefined ? undefined : ageBand(age),
    ageAtElection: ageAtRef,
    inPool: pool,
    pending: pendingReview(r, date),
    status: r.status,
    statusDate: changes[changes.length - 1]?.date,
    trainingsAttended: attendedYear,
    trainingsExpected: c.open.length,
    trainingsAttendedOpen: openAttended,
    mentorsNow: activeOn(r.mentors, date).map((m) => ({
      name: m.name,
      role: m.role,
      ...(m.posts && m.posts.length > 0 && { posts: m.posts }),
      mode: m.mode,
    })),
    postsNow: activeOn(r.posts, date).map((p) => p.post),
    meetingsInYear: (r.meetings ?? []).filter((m) => m.date >= yearStart && m.date <= date).length,
    partyStage: stage >= 0 ? STAGES[stage] : undefined,
    partyPopulation,
    evaluation,
    adjustedOut,
    usedInYear,
    screening,
    eligible,
    moves: (r.moves ?? []).map((m) => ({
      date: m.date,
      from: { code: m.from_village, name: c.register.villages.get(m.from_village)?.name },
      to: { code: m.to_village, name: c.register.villages.get(m.to_village)?.name },
      reason: m.reason,
    })),
  };
}

function countPerson(t: Tally, f: PersonFacts, minSessions: number, vocab: Vocabularies): void {
  const r = f.reserve;
  if (f.pending) t.pending++;
  if (f.adjustedOut) {
    t.adjustedOut++;
    for (const reason of f.adjustedOut.reasons) t.count("reason", reason);
  }
  if (f.usedInYear) t.used++;
  if (f.evaluation) {
    t.evaluated++;
    t.count("grade", f.evaluation.grade ?? NONE);
  }
  if (!f.inPool) return;
  t.inPool++;
  t.count("intake", r.intake);
  t.count("gender", r.gender);
  t.count("age", f.ageBand ?? NONE);
  t.count("ethnicity", r.ethnicity);
  t.count("education", r.education);
  t.count("political", r.political_status);
  t.count("source", r.source);
  t.count("targetPost", r.target_post ?? NONE);
  t.count("pyramid", `${r.gender}:${f.ageBand ?? NONE}`);
  if (r.gender === "女") t.women++;
  if (f.age !== undefined && f.age <= 35) t.under35++;
  if (vocab.partyMember(r.political_status)) t.partyMembers++;
  if (vocab.college(r.education)) t.college++;
  t.expected += f.trainingsExpected;
  t.attended += f.trainingsAttendedOpen;
  if (f.trainingsAttended < minSessions) t.belowMin++;
  if (f.mentorsNow.length > 0) {
    t.mentored++;
    // 多带一 when any current mentorship is, else 一带一.
    t.count("mentorMode", f.mentorsNow.some((m) => m.mode === "多带一") ? "多带一" : "一带一");
  }
  if (f.postsNow.length > 0) t.posted++;
  for (const p of new Set(f.postsNow)) t.count("post", p);
  if (f.meetingsInYear > 0) t.meetings++;
  if (f.partyPopulation) {
    t.partyPopulation++;
    const idx = f.partyStage === undefined ? -1 : STAGES.indexOf(f.partyStage);
    for (let i = 0; i <= idx; i++) t.count("partyStage", STAGES[i]!);
    t.count("partyCurrent", f.partyStage ?? NONE);
  }
  if (!f.evaluation) t.notEvaluated++;
  if (f.screening === "cleared") t.screened++;
  if (f.screening === "failed") t.screeningFailed++;
  if (f.eligible) {
    t.eligible++;
    if (r.gender === "女") t.eligibleWomen++;
    if (f.ageAtElection !== undefined && f.ageAtElection <= 35) t.eligibleUnder35++;
  }
}

function counts(t: Tally, dim: keyof Categories | "partyCurrent", keys: readonly string[]): Counts {
  const out: Record<string, number> = {};
  for (const k of keys) out[k] = t.get(dim, k);
  return out;
}

function figures(t: Tally, c: Categories, sessions: number): Figures {
  return {
    villages: t.villages,
    quota: { ...t.quota },
    inPool: t.inPool,
    pending: t.pending,
    adjustedOut: t.adjustedOut,
    used: t.used,
    intake: counts(t, "intake", c.intake),
    gender: counts(t, "gender", c.gender),
    age: counts(t, "age", c.age),
    ethnicity: counts(t, "ethnicity", c.ethnicity),
    education: counts(t, "education", c.education),
    political: counts(t, "political", c.political),
    source: counts(t, "source", c.source),
    targetPost: counts(t, "targetPost", c.targetPost),
    women: t.women,
    under35: t.under35,
    partyMembers: t.partyMembers,
    college: t.college,
    training: { sessions, expected: t.expected, attended: t.attended, belowMin: t.belowMin },
    mentored: t.mentored,
    mentorMode: counts(t, "mentorMode", c.mentorMode),
    posted: t.posted,
    post: counts(t, "post", c.post),
    meetings: t.meetings,
    party: {
      population: t.partyPopulation,
      reached: counts(t, "partyStage", c.partyStage),
      current: counts(t, "partyCurrent", [NONE, ...c.partyStage]),
    },
    evaluation: {
      evaluated: t.evaluated,
      notEvaluated: t.notEvaluated,
      grades: counts(t, "grade", c.grade),
      reasons: counts(t, "reason", c.reason),
    },
    election: {
      eligible: t.eligible,
      eligibleWomen: t.eligibleWomen,
      eligibleUnder35: t.eligibleUnder35,
      screened: t.screened,
      screeningFailed: t.screeningFailed,
      villagesNoEligible: t.villagesNoEligible,
      villagesNoWoman: t.villagesNoWoman,
      villagesNoUnder35: t.villagesNoUnder35,
    },
    replenish: { villages: t.replenishVillages, toMin: t.toMin, toTarget: t.toTarget },
  };
}
