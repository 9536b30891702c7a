import { addMonths, ageOn, dayNumber, fromDayNumber, type IsoDate } from "../domain/dates.js";
import type {
  Evaluation,
  Mentorship,
  Policy,
  Reserve,
  StatusChange,
  TrainingSession,
  UnitStatus,
  Village,
} from "../domain/model.js";
import { idFacts } from "../domain/resident-id.js";
import {
  CRITERIA,
  EDUCATION,
  type BuiltinEducation,
  type Criterion,
  type Education,
  type GradeCode,
  type PoliticalStatus,
  type RatingCode,
  type Source,
} from "../domain/terms.js";
import { BUILTIN } from "../domain/vocabulary-set.js";
import { scoredEvaluation, specialtiesOf, type SlotKind } from "./people.js";
import type { Random } from "./random.js";

/**
 * The gaps the generator puts into a library on purpose, so that tests can compare what
 * `reserve audit` finds with what was planted. Everything not listed here is meant to be clean.
 *
 * A gap kind is named by the diagnostic code the audit reports for it. To add one:
 * - a village-level kind (how many people a village holds): add its shapes to VILLAGE_GAP_SHAPES;
 * - a book kept for a village that no longer exists: add it to RETIRED_VILLAGE_GAPS;
 * - a person-level kind (something wrong in one record): add a planter to PERSON_GAP_PLANTERS;
 * - a kind that takes several records or villages of one town (duplicates, a shared mentor, a
 *   village's structure): add a planter to TOWN_GAP_PLANTERS;
 * then give it a count in the spec (spec.ts, `gaps`). The generator records every gap where it
 * plants it, one entry per finding the audit is to report (a duplicate is reported on each copy),
 * so the planted list is the truth even when a kind cannot be placed as often as asked.
 * Tests compare only the kinds that some audit rule reports; kinds for rules still to be written
 * stay in the list and are checked as soon as a rule with that code exists.
 *
 * Every planter keeps its gap to the one finding it is for: it picks a record (or village) that can
 * carry the gap without moving a quota count or a structure share (policy.structure) of the village
 * or town below its minimum, and without breaking another rule. Each record carries at most one gap.
 */

export type VillageGapKind = "quota-below-min" | "quota-below-target";
export type RetiredVillageGapKind = "village-merged-holds-reserves" | "village-abolished-holds-reserves";
export type PersonGapKind =
  | "name-invalid"
  | "education-below-floor"
  | "selection-step-missing"
  | "selection-out-of-order"
  | "intake-source-mismatch"
  | "age-below-min"
  | "age-above-max"
  | "screening-missing"
  | "screening-failed"
  | "screening-stale"
  | "mentor-missing"
  | "mentor-post-unknown"
  | "training-below-min"
  | "training-session-undefined"
  | "practice-post-missing"
  | "party-stage-missing"
  | "party-stage-overdue"
  | "evaluation-missing"
  | "evaluation-adjust-pending"
  | "status-change-missing"
  | "status-change-no-date"
  | "status-change-no-reason";
export type TownGapKind =
  | "person-in-two-villages"
  | "person-entered-twice"
  | "possible-duplicate"
  | "mentor-overloaded"
  | "village-structure-below";
export type GapKind = VillageGapKind | RetiredVillageGapKind | PersonGapKind | TownGapKind;

/** One finding the audit is to report, named as the finding names it. */
export interface PlantedGap {
  readonly kind: GapKind;
  /** The town of the village (every finding about a village or a record names its town). */
  readonly town: string;
  /** The village the finding is about, or whose book holds the record. */
  readonly village: string;
  /** The record (internal id) the finding is about, for findings about one record. */
  readonly person?: string;
}

/** How many people a village holds at the end of the working year, by where they stand. */
export interface VillageShape {
  /** Passed the county review and still in the pool. */
  readonly inPool: number;
  /** Selected late in the year, county review still to come: not counted. */
  readonly pending: number;
  readonly adjustedOut: number;
  readonly used: number;
}

export const shape = (inPool: number, more: Partial<Omit<VillageShape, "inPool">> = {}): VillageShape => ({
  inPool,
  pending: more.pending ?? 0,
  adjustedOut: more.adjustedOut ?? 0,
  used: more.used ?? 0,
});

/**
 * The village shapes that make each quota gap, used in turn. A shortage is rarely just "too few
 * selected": some villages lost a reserve during the year, some are replenishing and have a
 * candidate still waiting for the county review, one has nobody at all (and so no file).
 */
export const VILLAGE_GAP_SHAPES: { readonly [K in VillageGapKind]: (policy: Policy) => readonly VillageShape[] } = {
  "quota-below-min": ({ quota }) => [
    shape(quota.min - 1),
    shape(0, { pending: 1 }),
    shape(quota.min - 1, { adjustedOut: 1 }),
    shape(0),
  ],
  "quota-below-target": ({ quota }) => {
    if (quota.target - 1 < quota.min) return [];
    const n = quota.target - 1;
    return [shape(n, { pending: 1 }), shape(n), shape(n, { used: 1 }), shape(n, { pending: 1 })];
  },
};

/**
 * Books still kept for villages the register says are gone (已合并, 已撤销): a village of that status
 * (the register must have one) keeps a book with someone in the pool — the township never moved
 * them to the village it was merged into. The people come out of the spec's `reserves`.
 */
export const RETIRED_VILLAGE_GAPS: {
  readonly [K in RetiredVillageGapKind]: { readonly status: UnitStatus; readonly shape: VillageShape };
} = {
  "village-merged-holds-reserves": { status: "已合并", shape: shape(1) },
  "village-abolished-holds-reserves": { status: "已撤销", shape: shape(1) },
};

export interface PlantContext {
  readonly policy: Policy;
  readonly year: number;
  /** The day the gaps are planted for (the audit's default): the last day of the working year. */
  readonly date: IsoDate;
  /** The working year's training sessions. */
  readonly sessions: readonly TrainingSession[];
  readonly rng: Random;
  /**
   * The record's ID number with the birth year typed as `year`: region, day and sequence (and so the
   * gender) as they were, the check character recomputed; never a number issued before.
   */
  retypeBirthYear(r: Reserve, year: number): string;
  /** A new mentor's name, unique like every name the generator gives. */
  newMentorName(): string;
}

export interface PersonGapPlanter {
  /** Where the record stands: in the pool unless said otherwise. */
  readonly slot?: SlotKind;
  /**
   * Whether this record can carry the gap without creating another finding (for example a
   * structure share that would fall below the policy). Draws nothing from the random source.
   */
  eligible(r: Reserve, ctx: PlantContext): boolean;
  /** The record with the gap put in. */
  plant(r: Reserve, ctx: PlantContext): Reserve;
}

/** The level just below the district's education floor (policy.education_floor). */
function belowFloor(policy: Policy): Education | undefined {
  return EDUCATION.values[EDUCATION.values.indexOf(policy.education_floor as BuiltinEducation) + 1];
}

const birthOf = (r: Reserve): IsoDate => idFacts(r.id_number).birth;
const plusDays = (d: IsoDate, n: number): IsoDate => fromDayNumber(dayNumber(d) + n);
const isCollege = (e: Education) => BUILTIN.college(e);
const GUIDED: readonly PoliticalStatus[] = ["共青团员", "群众"];

/** The record without the named fields (optional fields are left out of a file, not written empty). */
function without<T extends object, K extends keyof T>(o: T, ...keys: K[]): Omit<T, K> {
  const out = { ...o };
  for (const k of keys) delete out[k];
  return out;
}

/**
 * The record's evaluation of the working year with the given attendance (or ratings and votes)
 * scored again, as `reserve evaluate` would (people.ts `scoredEvaluation`).
 */
function regraded(
  r: Reserve,
  ctx: PlantContext,
  change: Partial<Evaluation>,
  trainings: readonly string[] | undefined,
): Evaluation {
  const e = { ...r.evaluations![String(ctx.year)]!, ...change };
  return scoredEvaluation(
    ctx.policy,
    ctx.sessions,
    { ...r, ...(trainings && { trainings }) },
    {
      date: e.date!,
      ratings: e.ratings as Record<Criterion, RatingCode>,
      votes: e.votes!,
      raters: e.raters!,
    },
  );
}

const withEvaluation = (r: Reserve, year: number, e: Evaluation): Reserve => ({
  ...r,
  evaluations: { ...r.evaluations, [String(year)]: e },
});

/** The activist stage (入党积极分子) the overdue gap dates: 1 October two years before the working year. */
const overdueActivist = (year: number): IsoDate => `${year - 2}-10-01`;

/** The attendance a record with too few sessions keeps: two below the minimum. */
const fewSessions = (policy: Policy) => Math.max(0, policy.training.min_sessions - 2);

/** The session id one past the year's last: referred to, never defined. */
const undefinedSession = (ctx: PlantContext) => `${ctx.year}-${String(ctx.sessions.length + 1).padStart(2, "0")}`;

export const PERSON_GAP_PLANTERS: { readonly [K in PersonGapKind]: PersonGapPlanter } = {
  // A name edited by hand with a digit after it, as one tells two namesakes apart on paper.
  "name-invalid": {
    eligible: () => true,
    plant: (r) => ({ ...r, name: `${r.name}2` }),
  },
  // Only someone without 大专+ is lowered, so the town's 大专+ share does not move; a returning
  // graduate keeps the diploma the source implies.
  "education-below-floor": {
    eligible: (r, { policy }) =>
      belowFloor(policy) !== undefined &&
      r.source !== "返乡大中专毕业生" &&
      (r.education === "高中" || r.education === "中专"),
    plant: (r, { policy }) => ({ ...r, education: belowFloor(policy)! }),
  },
  // An internal selection without the village survey (村级摸底) on record.
  "selection-step-missing": {
    eligible: (r) => r.intake === "内选" && r.selection.survey !== undefined && r.selection.township !== undefined,
    plant: (r) => ({ ...r, selection: without(r.selection, "survey") }),
  },
  // The township's recommendation dated a few days before the village survey: a date typed wrong.
  "selection-out-of-order": {
    eligible: (r) =>
      r.selection.survey !== undefined &&
      r.selection.township !== undefined &&
      r.selection.survey <= r.selection.township,
    plant: (r, { rng }) => ({
      ...r,
      selection: { ...r.selection, township: plusDays(r.selection.survey!, -rng.range(5, 20)) },
    }),
  },
  // A source that means external recruitment on a record that says 内选 (the intake is kept, so the
  // counts of 内选 and 外引 stay as they are); the specialties follow the new source.
  "intake-source-mismatch": {
    eligible: (r, { policy }) =>
      r.intake === "内选" && r.source !== "返乡大中专毕业生" && externalSources(r, policy).length > 0,
    plant: (r, { policy, rng }) => {
      const source = rng.pick(externalSources(r, policy));
      const options = specialtiesOf(source);
      return {
        ...r,
        source,
        ...(r.specialties && options.length > 0 && { specialties: [rng.pick(options)] }),
      };
    },
  },
  // The birth year in the ID number typed as the year that makes them one short of the minimum age
  // at the end of the working year (a valid number, so only the age tells): someone without a
  // diploma, outside the party. Under 35 either way, so the shares hold.
  "age-below-min": {
    eligible: (r, { policy }) =>
      policy.age.min > 1 &&
      !isCollege(r.education) &&
      r.source !== "返乡大中专毕业生" &&
      GUIDED.includes(r.political_status),
    plant: (r, ctx) => ({ ...r, id_number: ctx.retypeBirthYear(r, ctx.year - ctx.policy.age.min + 1) }),
  },
  // One to three years over the limit for the person's education at the end of the working year
  // (the birth year in the ID number earlier, the rest as it was); only someone already 35 or over
  // is made older, so the under-35 shares do not move.
  "age-above-max": {
    eligible: (r, { date }) => ageOn(birthOf(r), date) >= 35,
    plant: (r, ctx) => {
      const limit = ctx.policy.age.max_by_education?.[r.education] ?? ctx.policy.age.max;
      return { ...r, id_number: ctx.retypeBirthYear(r, ctx.year - limit - 1 - ctx.rng.int(3)) };
    },
  },
  // One to three departments' attestations never filed.
  "screening-missing": {
    eligible: (r) => (r.screening?.length ?? 0) >= 2,
    plant: (r, { rng }) => {
      const all = r.screening!;
      const dropped = new Set(rng.sample([...all.keys()], rng.range(1, Math.min(3, all.length - 1))));
      return { ...r, screening: all.filter((_, j) => !dropped.has(j)) };
    },
  },
  // One department found an item of the negative list, and the person is still in the pool.
  "screening-failed": {
    eligible: (r, { policy }) => (r.screening?.length ?? 0) >= 1 && policy.screening.negative_list.length > 0,
    plant: (r, { policy, rng }) => {
      const j = rng.int(r.screening!.length);
      const item = rng.pick(policy.screening.negative_list);
      return { ...r, screening: r.screening!.map((a, k) => (k === j ? { ...a, result: "不通过", item } : a)) };
    },
  },
  // Screened when selected, before the county review, and never again before the election.
  "screening-stale": {
    eligible: (r, { policy }) =>
      policy.election.date !== undefined && (r.screening?.length ?? 0) >= 1 && r.selection.county !== undefined,
    plant: (r, { policy, rng }) => {
      const windowStart = dayNumber(policy.election.date!) - policy.screening.window_days;
      const before = Math.min(dayNumber(r.selection.county!), windowStart - 1);
      return { ...r, screening: r.screening!.map((a) => ({ ...a, date: fromDayNumber(before - rng.range(3, 30)) })) };
    },
  },
  // The only mentorship ended at the end of September and nobody took over.
  // A current mentor whose post is in no table: the village's accountant, as a roster may name them.
  "mentor-post-unknown": {
    eligible: (r) => r.mentors?.length === 1 && r.mentors[0]!.to === undefined,
    plant: (r) => ({ ...r, mentors: [{ ...r.mentors![0]!, role: "其他", posts: ["村会计"] }] }),
  },
  "mentor-missing": {
    eligible: (r, { year }) =>
      r.mentors?.length === 1 && r.mentors[0]!.to === undefined && r.mentors[0]!.from < `${year}-09-30`,
    plant: (r, { year }) => ({ ...r, mentors: [{ ...r.mentors![0]!, to: `${year}-09-30` }] }),
  },
  // Two sessions short of the minimum; the evaluation's training rate and score follow, and the grade
  // stays one that keeps the person in the pool.
  "training-below-min": {
    eligible: (r, ctx) => {
      const keep = fewSessions(ctx.policy);
      if ((r.trainings?.length ?? 0) <= keep) return false;
      const e = r.evaluations?.[String(ctx.year)];
      return (
        e === undefined ||
        (e.votes !== undefined && regraded(r, ctx, {}, r.trainings!.slice(0, keep)).decision === "keep")
      );
    },
    plant: (r, ctx) => {
      const keep = fewSessions(ctx.policy);
      const trainings = ctx.rng.sample(r.trainings!, keep).sort();
      const kept = { ...r, trainings };
      return r.evaluations?.[String(ctx.year)] === undefined
        ? kept
        : withEvaluation(kept, ctx.year, regraded(r, ctx, {}, trainings));
    },
  },
  // A session id one past the year's last, on someone who attended enough real sessions.
  "training-session-undefined": {
    eligible: (r, ctx) =>
      (r.trainings?.length ?? 0) >= ctx.policy.training.min_sessions &&
      !ctx.sessions.some((s) => s.id === undefinedSession(ctx)),
    plant: (r, ctx) => ({ ...r, trainings: [...r.trainings!, undefinedSession(ctx)] }),
  },
  // The only practice post held from the entry into the pool to the end of that year, none since.
  "practice-post-missing": {
    eligible: (r, { year }) =>
      r.posts?.length === 1 && r.entry_date !== undefined && r.entry_date <= `${year - 1}-12-31`,
    plant: (r, { year }) => ({ ...r, posts: [{ ...r.posts![0]!, from: r.entry_date!, to: `${year - 1}-12-31` }] }),
  },
  // A non-member reserve who never applied to join the party.
  "party-stage-missing": {
    eligible: (r) => GUIDED.includes(r.political_status) && r.party !== undefined,
    plant: (r) => without(r, "party"),
  },
  // An activist (入党积极分子) since 1 October two years back, past the policy's months at that stage.
  "party-stage-overdue": {
    eligible: (r, { policy, year, date }) => {
      const limit = policy.party_stage_months.入党积极分子;
      const activist = overdueActivist(year);
      return (
        GUIDED.includes(r.political_status) &&
        limit !== undefined &&
        addMonths(activist, limit) < date &&
        ageOn(birthOf(r), activist) >= 19
      );
    },
    plant: (r, { year, rng }) => {
      const activist = overdueActivist(year);
      return {
        ...r,
        party: [
          { stage: "入党申请人", date: addMonths(activist, -rng.range(3, 9)) },
          { stage: "入党积极分子", date: activist },
        ],
      };
    },
  },
  // The working year's evaluation never entered.
  "evaluation-missing": {
    eligible: (r, { year }) => r.evaluations?.[String(year)] !== undefined,
    plant: (r, { year }) => {
      const rest = without({ ...r.evaluations }, String(year));
      return Object.keys(rest).length > 0 ? { ...r, evaluations: rest } : without(r, "evaluations");
    },
  },
  // Rated poorly by the village and the votes: graded 不称职 and to be adjusted out, with the
  // reasons, but the status still says 在库.
  "evaluation-adjust-pending": {
    eligible: (r, { year }) => r.evaluations?.[String(year)]?.raters !== undefined,
    plant: (r, ctx) => {
      const { rng, year } = ctx;
      const poor = new Set(rng.sample(CRITERIA, rng.range(2, CRITERIA.length)));
      const ratings = Object.fromEntries(CRITERIA.map((c) => [c, poor.has(c) ? "poor" : "average"])) as Record<
        Criterion,
        RatingCode
      >;
      const raters = r.evaluations![String(year)]!.raters!;
      const incompetent = Math.round(raters * (0.5 + rng.next() * 0.2));
      const basic = Math.round((raters - incompetent) * 0.7);
      const votes: Record<GradeCode, number> = {
        excellent: 0,
        competent: raters - incompetent - basic,
        basic,
        incompetent,
      };
      // Scored as the evaluation would: adjust out, each criterion rated 差 (and an overall 不称职) a reason.
      return withEvaluation(r, year, regraded(r, ctx, { ratings, votes }, r.trainings));
    },
  },
  // Put on the list of people to be examined for a post (列为考察对象), with no change on record.
  "status-change-missing": {
    eligible: (r) => r.status === "在库" && (r.status_changes?.length ?? 0) > 0,
    plant: (r) => ({ ...without(r, "status_changes"), status: "列为考察对象" }),
  },
  // Elected at the election, and the change recorded without its date.
  "status-change-no-date": {
    slot: "used",
    eligible: (r) => r.status_changes?.at(-1)?.date !== undefined,
    plant: (r) => ({ ...r, status_changes: withLast(r, (c) => without(c, "date")) }),
  },
  // Adjusted out, and the change recorded without its reason.
  "status-change-no-reason": {
    slot: "adjustedOut",
    eligible: (r) => r.status_changes?.at(-1)?.reason !== undefined,
    plant: (r) => ({ ...r, status_changes: withLast(r, (c) => without(c, "reason")) }),
  },
};

function externalSources(r: Reserve, policy: Policy): Source[] {
  return policy.external_sources.filter((s) => s !== "复转军人" || r.gender === "男");
}

function withLast(r: Reserve, change: (c: StatusChange) => StatusChange): StatusChange[] {
  const changes = [...r.status_changes!];
  changes[changes.length - 1] = change(changes[changes.length - 1]!);
  return changes;
}

/** One village's book while its town is generated: the records and where each stands. */
export interface TownBook {
  readonly village: Village;
  /** True when no quota gap is planted in the village: it holds at least the target. */
  readonly normal: boolean;
  readonly reserves: Reserve[];
  readonly slots: SlotKind[];
}

export interface TownContext extends PlantContext {
  /** The town's active villages, in register order; planters change them in place. */
  readonly books: readonly TownBook[];
  /** Internal ids of the records that already carry a gap. */
  readonly taken: Set<string>;
}

export interface TownGapPlanter {
  /**
   * Plants the gap in the town's books (changing them in place) and returns the findings it makes,
   * or undefined, changing nothing, when the town has no place for it.
   */
  plant(ctx: TownContext): readonly Omit<PlantedGap, "kind" | "town">[] | undefined;
}

interface Entry {
  readonly book: TownBook;
  readonly k: number;
  readonly r: Reserve;
}

/** The in-pool records of the town (of normal villages) that carry no gap yet. */
function free(ctx: TownContext): Entry[] {
  return ctx.books.flatMap((book) =>
    book.normal
      ? book.reserves.flatMap((r, k) => (book.slots[k] === "pool" && !ctx.taken.has(r.id) ? [{ book, k, r }] : []))
      : [],
  );
}

const poolOf = (book: TownBook) => book.reserves.filter((_, k) => book.slots[k] === "pool");
const townPool = (ctx: TownContext) => ctx.books.flatMap(poolOf);

/** Which minimum shares of policy.structure a group of in-pool reserves meets, counted as the audit counts. */
function structureShares(
  pool: readonly Reserve[],
  policy: Policy,
  date: IsoDate,
): Record<keyof Policy["structure"], boolean> {
  const met = (count: (r: Reserve) => boolean, min: number) =>
    pool.length === 0 || pool.filter(count).length >= min * pool.length - 1e-9;
  const { structure } = policy;
  return {
    women: met((r) => r.gender === "女", structure.women),
    under_35: met((r) => ageOn(birthOf(r), date) < 35, structure.under_35),
    party_members: met((r) => BUILTIN.partyMember(r.political_status), structure.party_members),
    college: met((r) => isCollege(r.education), structure.college),
  };
}

const meetsStructure = (pool: readonly Reserve[], ctx: PlantContext) =>
  Object.values(structureShares(pool, ctx.policy, ctx.date)).every(Boolean);

/** Whether a copy of `r` can join `book` without a quota or structure finding in the village or town. */
function canTakeCopy(book: TownBook, r: Reserve, ctx: TownContext): boolean {
  const { max } = ctx.policy.quota;
  const pool = poolOf(book);
  if (max !== undefined && pool.length + 1 > max) return false;
  return meetsStructure([...pool, r], ctx) && meetsStructure([...townPool(ctx), r], ctx);
}

/**
 * The same person's file entered again in `book`, as the next record of that book: everything
 * copied but the internal id and the mentors — a second link to the same mentor would be a finding
 * of its own, so the copy is guided by someone else.
 */
function addCopy(book: TownBook, r: Reserve, ctx: TownContext): Reserve {
  const id = `${book.village.code}-${String(book.reserves.length + 1).padStart(2, "0")}`;
  const copy: Reserve = {
    ...r,
    id,
    ...(r.mentors && { mentors: r.mentors.map((m) => ({ ...m, name: ctx.newMentorName() })) }),
  };
  book.reserves.push(copy);
  book.slots.push("pool");
  ctx.taken.add(r.id);
  ctx.taken.add(copy.id);
  return copy;
}

/** A pair of records that can share a gap, from different villages when the town has such a pair. */
function pickPair(ctx: TownContext, ok: (a: Entry, b: Entry) => boolean): [Entry, Entry] | undefined {
  const people = free(ctx);
  const pairs: [Entry, Entry][] = [];
  for (let i = 0; i < people.length; i++) {
    for (let j = 0; j < people.length; j++) {
      if (i !== j && ok(people[i]!, people[j]!)) pairs.push([people[i]!, people[j]!]);
    }
  }
  const apart = pairs.filter(([a, b]) => a.book !== b.book);
  const list = apart.length > 0 ? apart : pairs;
  return list.length > 0 ? ctx.rng.pick(list) : undefined;
}

/** Township cadres guide reserves across the town's villages; village committee members their own. */
const TOWNSHIP_MENTORS: readonly string[] = ["乡镇领导干部", "包村干部"];

const onlyMentor = (r: Reserve): Mentorship | undefined =>
  r.mentors?.length === 1 && r.mentors[0]!.to === undefined ? r.mentors[0] : undefined;

export const TOWN_GAP_PLANTERS: { readonly [K in TownGapKind]: TownGapPlanter } = {
  // Someone in the pool of one village entered again in another village of the town (they moved,
  // and the first village never took them out): reported on both records.
  "person-in-two-villages": {
    plant: (ctx) => {
      const options = free(ctx).flatMap((from) =>
        ctx.books
          .filter((to) => to !== from.book && to.normal && canTakeCopy(to, from.r, ctx))
          .map((to) => ({ from, to })),
      );
      if (options.length === 0) return undefined;
      const { from, to } = ctx.rng.pick(options);
      const copy = addCopy(to, from.r, ctx);
      return [
        { village: from.book.village.code, person: from.r.id },
        { village: to.village.code, person: copy.id },
      ];
    },
  },
  // Someone entered twice in the same book: reported on both records.
  "person-entered-twice": {
    plant: (ctx) => {
      const options = free(ctx).filter((e) => canTakeCopy(e.book, e.r, ctx));
      if (options.length === 0) return undefined;
      const { book, r } = ctx.rng.pick(options);
      const copy = addCopy(book, r, ctx);
      return [
        { village: book.village.code, person: r.id },
        { village: book.village.code, person: copy.id },
      ];
    },
  },
  // Two people of the town born in the same month under different ID numbers given the same name
  // (an exception to the generator's unique names): they look like one person entered twice with a
  // mistyped number. Reported on both.
  "possible-duplicate": {
    plant: (ctx) => {
      const month = (r: Reserve) => birthOf(r).slice(0, 7);
      const pair = pickPair(
        ctx,
        (a, b) =>
          a.r.gender === b.r.gender &&
          a.r.ethnicity === b.r.ethnicity &&
          month(a.r) === month(b.r) &&
          a.r.id_number !== b.r.id_number,
      );
      if (!pair) return undefined;
      const [a, b] = pair;
      b.book.reserves[b.k] = { ...b.r, name: a.r.name };
      ctx.taken.add(a.r.id);
      ctx.taken.add(b.r.id);
      return [
        { village: a.book.village.code, person: a.r.id },
        { village: b.book.village.code, person: b.r.id },
      ];
    },
  },
  // A township cadre guiding one reserve (一带一) given a second one in another village: the later
  // link (by start date, then internal id) is the one reported.
  "mentor-overloaded": {
    plant: (ctx) => {
      const pair = pickPair(ctx, (a, b) => {
        const ma = onlyMentor(a.r);
        const mb = onlyMentor(b.r);
        return ma !== undefined && mb !== undefined && TOWNSHIP_MENTORS.includes(ma.role);
      });
      if (!pair) return undefined;
      const [a, b] = pair;
      const ma = onlyMentor(a.r)!;
      const mb = onlyMentor(b.r)!;
      b.book.reserves[b.k] = { ...b.r, mentors: [{ ...mb, name: ma.name, role: ma.role }] };
      ctx.taken.add(a.r.id);
      ctx.taken.add(b.r.id);
      const later = mb.from > ma.from || (mb.from === ma.from && b.r.id > a.r.id) ? b : a;
      return [{ village: later.book.village.code, person: later.r.id }];
    },
  },
  // A village whose reserves with 大专 or more are recorded at 高中, so its 大专+ share falls below the
  // policy while the town's stays above it; none of them is a returning graduate, whose source
  // implies the diploma.
  "village-structure-below": {
    plant: (ctx) => {
      const level: Education = "高中";
      if (BUILTIN.educationRank(level) < BUILTIN.educationRank(ctx.policy.education_floor)) return undefined;
      const options = ctx.books.filter((book) => {
        if (!book.normal) return false;
        const pool = poolOf(book);
        const college = pool.filter((r) => isCollege(r.education));
        if (college.length === 0) return false;
        if (college.some((r) => ctx.taken.has(r.id) || r.source === "返乡大中专毕业生")) return false;
        const lowered = lower(pool, level);
        const shares = structureShares(lowered, ctx.policy, ctx.date);
        const town = ctx.books.flatMap((b) => (b === book ? lowered : poolOf(b)));
        return !shares.college && shares.women && shares.under_35 && shares.party_members && meetsStructure(town, ctx);
      });
      if (options.length === 0) return undefined;
      const book = ctx.rng.pick(options);
      book.reserves.forEach((r, k) => {
        if (book.slots[k] !== "pool" || !isCollege(r.education)) return;
        book.reserves[k] = { ...r, education: level };
        ctx.taken.add(r.id);
      });
      return [{ village: book.village.code }];
    },
  },
};

function lower(pool: readonly Reserve[], level: Education): Reserve[] {
  return pool.map((r) => (isCollege(r.education) ? { ...r, education: level } : r));
}

/**
 * The key a planted gap and an audit finding share: kind (code), town, village, person. Town-level
 * findings name no village, and are told apart by the town.
 */
export function gapKey(g: {
  kind?: string;
  code?: string;
  town?: string | null;
  village?: string | null;
  person?: string | null;
}): string {
  return `${g.kind ?? g.code ?? ""} ${g.town ?? ""} ${g.village ?? ""} ${g.person ?? ""}`;
}
