import { describe, expect, it } from "vitest";
import {
  evaluationRecord,
  gradeOf,
  roundScore,
  scoreEvaluation,
  trainingAttendance,
  type ScoreInput,
} from "../../src/domain/evaluation-score.js";
import type { EvaluationPolicy, TrainingSession } from "../../src/domain/model.js";
import { DEFAULT_POLICY } from "../../src/domain/policy-defaults.js";

/**
 * The scoring formula of docs/evaluation.md, on the default policy and on policies that change one
 * number at a time: weights, shares, vote points, bands, a missing component, scores on the bands.
 */

const P = DEFAULT_POLICY.evaluation;
const ALL_GOOD = { study: "good", work: "good", skill: "good", results: "good" } as const;
const VOTES_ALL_EXCELLENT = { excellent: 20, competent: 0, basic: 0, incompetent: 0 };

function score(input: ScoreInput, policy: EvaluationPolicy = P) {
  const r = scoreEvaluation(policy, input);
  if (!r.ok) throw new Error(`missing ${r.missing.join(",")}`);
  return r;
}

describe("the score", () => {
  it("is 100 with every rating 好, every vote 优秀 and full attendance", () => {
    const r = score({ ratings: ALL_GOOD, votes: VOTES_ALL_EXCELLENT, training_rate: 1 });
    expect(r.score).toBe(100);
    expect(r.grade).toBe("excellent");
    expect(r.decision).toBe("keep");
    expect(r.reasons).toEqual([]);
    expect(r.components).toEqual({ criteria: 100, democratic: 100, training: 100 });
  });

  it("weighs the components 0.6 / 0.3 / 0.1 by default", () => {
    // criteria: all 较好 = 85; democratic: (10×100 + 10×80) / 20 = 90; training 0.5 → 50.
    const r = score({
      ratings: { study: "fair", work: "fair", skill: "fair", results: "fair" },
      votes: { excellent: 10, competent: 10, basic: 0, incompetent: 0 },
      training_rate: 0.5,
    });
    expect(r.components).toEqual({ criteria: 85, democratic: 90, training: 50 });
    expect(r.score).toBe(0.6 * 85 + 0.3 * 90 + 0.1 * 50); // 83
    expect(r.grade).toBe("competent");
  });

  it("weighs the criteria by policy.criteria_weights, normalised by their sum", () => {
    const ratings = { study: "good", work: "average", skill: "average", results: "average" } as const;
    const even = score({ ratings, votes: VOTES_ALL_EXCELLENT, training_rate: 1 });
    expect(even.components.criteria).toBe((100 + 70 * 3) / 4);
    const studyHeavy: EvaluationPolicy = { ...P, criteria_weights: { study: 2, work: 1, skill: 1, results: 0 } };
    const heavy = score({ ratings, votes: VOTES_ALL_EXCELLENT, training_rate: 1 }, studyHeavy);
    expect(heavy.components.criteria).toBe((2 * 100 + 70 + 70) / 4);
  });

  it("averages the democratic vote over the votes cast, with policy.vote_points", () => {
    const r = score({
      ratings: ALL_GOOD,
      votes: { excellent: 1, competent: 1, basic: 1, incompetent: 1 },
      training_rate: 1,
    });
    expect(r.components.democratic).toBe((100 + 80 + 60 + 0) / 4);
  });

  it("leaves out a component whose share is 0, and normalises the shares", () => {
    const noTraining: EvaluationPolicy = { ...P, components: { criteria: 0.6, democratic: 0.3, training: 0 } };
    const r = score(
      { ratings: ALL_GOOD, votes: { excellent: 0, competent: 10, basic: 0, incompetent: 0 } },
      noTraining,
    );
    expect(r.components).toEqual({ criteria: 100, democratic: 80 });
    expect(r.score).toBe(roundScore((0.6 * 100 + 0.3 * 80) / 0.9));
  });

  it("rounds half up to one decimal", () => {
    expect(roundScore(81.65)).toBe(81.7);
    expect(roundScore(81.64999)).toBe(81.6);
    expect(roundScore(89.95)).toBe(90);
    // 0.6 × 62.5 + 0.3 × (2320 / 27) + 0.1 × 67 = 69.977… → 70.0
    expect(roundScore(0.6 * 62.5 + 0.3 * (2320 / 27) + 0.1 * 67)).toBe(70);
  });
});

describe("a missing component", () => {
  it("is reported, never averaged over the other components", () => {
    const r = scoreEvaluation(P, { ratings: ALL_GOOD, training_rate: 1 });
    expect(r).toEqual({ ok: false, missing: ["democratic"], unrated: [] });
  });

  it("includes votes that add up to nothing", () => {
    const r = scoreEvaluation(P, {
      ratings: ALL_GOOD,
      votes: { excellent: 0, competent: 0, basic: 0, incompetent: 0 },
      training_rate: 1,
    });
    expect(r.ok ? [] : r.missing).toEqual(["democratic"]);
  });

  it("names the criteria left unrated", () => {
    const r = scoreEvaluation(P, { ratings: { study: "good", work: "good" }, votes: VOTES_ALL_EXCELLENT });
    expect(r).toEqual({ ok: false, missing: ["criteria", "training"], unrated: ["skill", "results"] });
  });

  it("makes no evaluation record", () => {
    expect(evaluationRecord(P, { date: "2021-12-20", ratings: ALL_GOOD })).toBeUndefined();
  });
});

describe("grades and decisions", () => {
  it("falls in the band whose lowest score it reaches", () => {
    const b = P.grade_bands;
    expect(gradeOf(90, b)).toBe("excellent");
    expect(gradeOf(89.9, b)).toBe("competent");
    expect(gradeOf(75, b)).toBe("competent");
    expect(gradeOf(74.9, b)).toBe("basic");
    expect(gradeOf(60, b)).toBe("basic");
    expect(gradeOf(59.9, b)).toBe("incompetent");
    expect(gradeOf(0, b)).toBe("incompetent");
  });

  it("compares the score with the band exactly at its boundary", () => {
    // Criteria only: (100 + 100 + 85 + 85) / 4 = 92.5, on a band at 92.5 and just under one at 92.6.
    const policy: EvaluationPolicy = { ...P, components: { criteria: 1, democratic: 0, training: 0 } };
    const ratings = { study: "good", work: "good", skill: "fair", results: "fair" } as const;
    const r = score({ ratings }, { ...policy, grade_bands: { excellent: 92.5, competent: 75, basic: 60 } });
    expect(r.score).toBe(92.5);
    expect(r.grade).toBe("excellent");
    const below = score({ ratings }, { ...policy, grade_bands: { excellent: 92.6, competent: 75, basic: 60 } });
    expect(below.grade).toBe("competent");
  });

  it("adjusts out for each criterion rated 差, with its reason, even with a passing score", () => {
    const r = score({
      ratings: { study: "poor", work: "good", skill: "good", results: "poor" },
      votes: VOTES_ALL_EXCELLENT,
      training_rate: 1,
    });
    expect(r.score).toBe(0.6 * 70 + 30 + 10);
    expect(r.grade).toBe("competent");
    expect(r.decision).toBe("adjust_out");
    expect(r.reasons).toEqual(["学习不力", "成效不彰"]);
  });

  it("adjusts out 不称职 overall, with the grade's label as the reason", () => {
    const r = score({
      ratings: { study: "average", work: "average", skill: "average", results: "average" },
      votes: { excellent: 0, competent: 0, basic: 5, incompetent: 15 },
      training_rate: 0.25,
    });
    // 0.6 × 70 + 0.3 × 15 + 0.1 × 25 = 49
    expect(r.score).toBe(49);
    expect(r.grade).toBe("incompetent");
    expect(r.decision).toBe("adjust_out");
    expect(r.reasons).toEqual(["不称职"]);
  });

  it("takes labels and reasons from the policy, so relabelling never changes the codes", () => {
    const relabelled: EvaluationPolicy = {
      ...P,
      grade_labels: { ...P.grade_labels, incompetent: "不合格" },
      poor_reasons: { ...P.poor_reasons, study: "学习差" },
    };
    const r = score(
      {
        ratings: { study: "poor", work: "poor", skill: "poor", results: "poor" },
        votes: { excellent: 0, competent: 0, basic: 0, incompetent: 10 },
        training_rate: 0,
      },
      relabelled,
    );
    expect(r.grade).toBe("incompetent");
    expect(r.reasons).toEqual(["学习差", "工作不实", "业务不精", "成效不彰", "不合格"]);
  });
});

describe("training attendance", () => {
  const sessions: TrainingSession[] = [
    { id: "2021-01", date: "2021-01-15", title: "a", level: "区级", topics: [], hours: 2 },
    { id: "2021-02", date: "2021-02-15", title: "b", level: "镇级", unit: "640502100", topics: [], hours: 2 },
    { id: "2021-03", date: "2021-03-15", title: "c", level: "镇级", unit: "640502101", topics: [], hours: 2 },
    { id: "2021-04", date: "2021-04-15", title: "d", level: "村级", unit: "640502100201", topics: [], hours: 2 },
    { id: "2021-05", date: "2021-12-28", title: "e", level: "区级", topics: [], hours: 2 },
  ];
  const place = { town: "640502100", village: "640502100201" };

  it("counts the sessions open to the person's village up to the evaluation date", () => {
    const a = trainingAttendance(
      { trainings: ["2021-01", "2021-03", "2021-04"], selection: { county: "2020-12-10" } },
      sessions,
      place,
      2021,
      "2021-12-20",
    );
    // Open: 01 (district), 02 (their town), 04 (their village); 03 is another town's, 05 after the date.
    expect(a).toEqual({ expected: 3, attended: 2, rate: 0.67 });
  });

  it("counts from the county review for someone who entered the pool during the year", () => {
    const a = trainingAttendance(
      { trainings: ["2021-04"], selection: { county: "2021-03-01" } },
      sessions,
      place,
      2021,
      "2021-12-31",
    );
    expect(a).toEqual({ expected: 2, attended: 1, rate: 0.5 });
  });

  it("has no rate when no session was open", () => {
    const a = trainingAttendance({ selection: { county: "2020-01-01" } }, [], place, 2021, "2021-12-31");
    expect(a.rate).toBeUndefined();
  });
});

describe("the evaluation record", () => {
  it("stores the facts with the score, grade, decision and reasons they give", () => {
    const e = evaluationRecord(P, {
      date: "2021-12-20",
      ratings: { study: "poor", work: "good", skill: "good", results: "good" },
      votes: { excellent: 20, competent: 0, basic: 0, incompetent: 0 },
      raters: 22,
      training_rate: 0.75,
      note: "因病缺席两次培训",
    });
    expect(e).toEqual({
      date: "2021-12-20",
      ratings: { study: "poor", work: "good", skill: "good", results: "good" },
      votes: { excellent: 20, competent: 0, basic: 0, incompetent: 0 },
      raters: 22,
      training_rate: 0.75,
      score: 88.5, // 0.6 × 85 + 0.3 × 100 + 0.1 × 75
      grade: "competent",
      decision: "adjust_out",
      reasons: ["学习不力"],
      note: "因病缺席两次培训",
    });
  });
});
