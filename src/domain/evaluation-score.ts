import type { IsoDate } from "./dates.js";
import type { Evaluation, EvaluationPolicy, Reserve, TrainingSession } from "./model.js";
import { CRITERIA, GRADE_CODES, type Criterion, type Decision, type GradeCode, type RatingCode } from "./terms.js";

/**
 * The annual evaluation's score, grade and proposed decision (docs/evaluation.md), in one place:
 * `reserve evaluate` scores the filled sheet with it and the sample generator stores what it would
 * compute, so the two can never disagree. Pure; every number comes from policy.evaluation.
 *
 * - criteria  C = Σ weight(c) × rating_points(rating(c)) / Σ weight(c), over the four criteria
 *   (学习 study, 工作 work, 业务 skill, 成效 results);
 * - democratic D = Σ votes(g) × vote_points(g) / Σ votes(g), over the votes cast for each grade;
 * - training  T = 100 × training rate (sessions attended of those open to the person, see
 *   `trainingAttendance`);
 * - score = (s_C × C + s_D × D + s_T × T) / (s_C + s_D + s_T) with the shares of
 *   policy.evaluation.components, rounded half up to one decimal;
 * - grade: the highest band whose lowest score the score reaches (grade_bands), else 不称职;
 * - decision: adjust out when a criterion is rated 差 (its policy.poor_reasons entry is a reason,
 *   in the order of the criteria) or the grade is 不称职 (its label is a reason); else keep.
 *
 * A component whose share is 0 is not needed. A needed component that cannot be computed — a
 * criterion not rated, no votes cast, no training sessions to count — makes the result `missing`:
 * the score is never computed from the other components alone.
 */

export const COMPONENTS = ["criteria", "democratic", "training"] as const;
export type Component = (typeof COMPONENTS)[number];

export interface ScoreInput {
  readonly ratings: Partial<Record<Criterion, RatingCode>>;
  readonly votes?: Partial<Record<GradeCode, number>>;
  /** Share of the open sessions attended, 0–1 (as stored: two decimals). */
  readonly training_rate?: number;
}

export interface Scored {
  readonly ok: true;
  readonly score: number;
  readonly grade: GradeCode;
  readonly decision: Decision;
  /** Why the person is adjusted out; empty when kept. */
  readonly reasons: readonly string[];
  /** Each needed component on its 0–100 scale, unrounded. */
  readonly components: Readonly<Partial<Record<Component, number>>>;
}

export interface Unscored {
  readonly ok: false;
  /** Needed components that cannot be computed, in the order of COMPONENTS. */
  readonly missing: readonly Component[];
  /** The criteria (with a weight) left unrated. */
  readonly unrated: readonly Criterion[];
}

export type ScoreResult = Scored | Unscored;

/** The components the policy gives a share to. */
export function neededComponents(policy: EvaluationPolicy): Component[] {
  return COMPONENTS.filter((c) => policy.components[c] > 0);
}

/** Half up to one decimal; the small offset keeps 81.65 (stored as 81.6499…) at 81.7. */
export function roundScore(x: number): number {
  return Math.round(x * 10 + 1e-7) / 10;
}

/** The grade a (rounded) score falls in. */
export function gradeOf(score: number, bands: EvaluationPolicy["grade_bands"]): GradeCode {
  if (score >= bands.excellent) return "excellent";
  if (score >= bands.competent) return "competent";
  if (score >= bands.basic) return "basic";
  return "incompetent";
}

/** Keep, or adjust out with the reasons: each criterion rated 差, then an overall 不称职. */
export function decisionOf(
  policy: EvaluationPolicy,
  ratings: Partial<Record<Criterion, RatingCode>>,
  grade: GradeCode,
): { decision: Decision; reasons: string[] } {
  const reasons = CRITERIA.filter((c) => ratings[c] === "poor").map((c) => policy.poor_reasons[c]);
  if (grade === "incompetent") reasons.push(policy.grade_labels.incompetent);
  return { decision: reasons.length > 0 ? "adjust_out" : "keep", reasons };
}

export function scoreEvaluation(policy: EvaluationPolicy, input: ScoreInput): ScoreResult {
  const needed = neededComponents(policy);
  const values: Partial<Record<Component, number>> = {};
  const missing: Component[] = [];
  const weighted = CRITERIA.filter((c) => policy.criteria_weights[c] > 0);
  const unrated = weighted.filter((c) => input.ratings[c] === undefined);
  if (needed.includes("criteria")) {
    if (unrated.length > 0 || weighted.length === 0) missing.push("criteria");
    else {
      const total = weighted.reduce((s, c) => s + policy.criteria_weights[c], 0);
      const sum = weighted.reduce(
        (s, c) => s + policy.criteria_weights[c] * policy.rating_points[input.ratings[c]!],
        0,
      );
      values.criteria = sum / total;
    }
  }
  if (needed.includes("democratic")) {
    const votes = input.votes ?? {};
    const cast = GRADE_CODES.reduce((s, g) => s + (votes[g] ?? 0), 0);
    if (cast <= 0) missing.push("democratic");
    else values.democratic = GRADE_CODES.reduce((s, g) => s + (votes[g] ?? 0) * policy.vote_points[g], 0) / cast;
  }
  if (needed.includes("training")) {
    if (input.training_rate === undefined) missing.push("training");
    else values.training = 100 * input.training_rate;
  }
  if (missing.length > 0) return { ok: false, missing, unrated };
  const shares = needed.reduce((s, c) => s + policy.components[c], 0);
  const raw = needed.reduce((s, c) => s + policy.components[c] * values[c]!, 0) / shares;
  const score = roundScore(raw);
  const grade = gradeOf(score, policy.grade_bands);
  const { decision, reasons } = decisionOf(policy, input.ratings, grade);
  return { ok: true, score, grade, decision, reasons, components: values };
}

/** Sessions a village's reserves are expected at: district-wide, their town's, their village's, or open to all. */
export function sessionOpenTo(s: TrainingSession, town: string, village: string): boolean {
  return s.level === "区级" || s.unit === undefined || s.unit === town || s.unit === village;
}

export interface Attendance {
  /** Sessions open to the person from the day they entered the pool (or 1 January) to the evaluation date. */
  readonly expected: number;
  /** Of those, the ones attended. */
  readonly attended: number;
  /** attended / expected to two decimals; undefined when no session was open. */
  readonly rate: number | undefined;
}

/**
 * The training attendance the evaluation counts: the year's sessions open to the person's village
 * (`sessionOpenTo`), held from 1 January — or from the county review, for someone who entered the
 * pool during the year — up to the evaluation date, and how many of them the person attended.
 */
export function trainingAttendance(
  reserve: Pick<Reserve, "trainings" | "selection">,
  sessions: readonly TrainingSession[],
  place: { readonly town: string; readonly village: string },
  year: number,
  date: IsoDate,
): Attendance {
  const yearStart = `${String(year).padStart(4, "0")}-01-01`;
  const county = reserve.selection.county;
  const from = county !== undefined && county > yearStart ? county : yearStart;
  const attended = new Set(reserve.trainings ?? []);
  let expected = 0;
  let count = 0;
  for (const s of sessions) {
    if (s.date < from || s.date > date || s.date.slice(0, 4) !== yearStart.slice(0, 4)) continue;
    if (!sessionOpenTo(s, place.town, place.village)) continue;
    expected++;
    if (attended.has(s.id)) count++;
  }
  return {
    expected,
    attended: count,
    rate: expected === 0 ? undefined : Math.round((count / expected) * 100) / 100,
  };
}

/** What the sheet (or the generator) says about one person. */
export interface EvaluationFacts {
  readonly date: IsoDate;
  readonly ratings: Partial<Record<Criterion, RatingCode>>;
  readonly votes?: Readonly<Record<GradeCode, number>>;
  readonly raters?: number;
  readonly training_rate?: number;
  readonly note?: string;
}

/**
 * The evaluation as stored in the person's file: the facts, and the score, grade and decision
 * they give. Undefined when a needed component is missing (see `scoreEvaluation`).
 */
export function evaluationRecord(policy: EvaluationPolicy, facts: EvaluationFacts): Evaluation | undefined {
  const result = scoreEvaluation(policy, facts);
  if (!result.ok) return undefined;
  return {
    date: facts.date,
    ratings: Object.fromEntries(
      CRITERIA.filter((c) => facts.ratings[c] !== undefined).map((c) => [c, facts.ratings[c]]),
    ),
    ...(facts.votes !== undefined && { votes: facts.votes }),
    ...(facts.raters !== undefined && { raters: facts.raters }),
    ...(facts.training_rate !== undefined && { training_rate: facts.training_rate }),
    score: result.score,
    grade: result.grade,
    decision: result.decision,
    ...(result.reasons.length > 0 && { reasons: result.reasons }),
    ...(facts.note !== undefined && facts.note !== "" && { note: facts.note }),
  };
}
