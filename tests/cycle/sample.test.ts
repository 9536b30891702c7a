import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { evaluationRecord, trainingAttendance } from "../../src/domain/evaluation-score.js";
import { indexRegister } from "../../src/domain/library.js";
import { loadLibrary } from "../../src/io/load-library.js";
import { buildReport } from "../../src/reports/build.js";

/**
 * The bundled sample's completed 2021 evaluation is exactly what `reserve evaluate` computes from
 * the stored facts (ratings, votes, raters, the attendance the library holds), and the sample
 * shows people the evaluation adjusted out, with its reasons, and the villages left to replenish.
 */

const DATA = join(import.meta.dirname, "..", "..", "data");

describe("the sample's 2021 evaluation", () => {
  const library = loadLibrary(DATA, { today: "2021-12-31" }).library!;
  const register = indexRegister(library.district);
  const sessions = library.trainings.filter((t) => t.year === 2021).flatMap((t) => t.sessions);
  const evaluated = library.books.flatMap((b) =>
    b.reserves.filter((r) => r.evaluations?.["2021"]).map((r) => ({ r, village: b.village })),
  );

  it("stores the scores, grades and decisions the scoring module gives", () => {
    expect(evaluated.length).toBeGreaterThan(400);
    const policy = library.district.policy.evaluation;
    const differing = evaluated.filter(({ r, village }) => {
      const e = r.evaluations!["2021"]!;
      const place = { town: register.villages.get(village)!.town, village };
      const attendance = trainingAttendance(r, sessions, place, 2021, e.date!);
      const again = evaluationRecord(policy, {
        date: e.date!,
        ratings: e.ratings,
        votes: e.votes,
        raters: e.raters!,
        ...(attendance.rate !== undefined && { training_rate: attendance.rate }),
        ...(e.note !== undefined && { note: e.note }),
      });
      return JSON.stringify(again) !== JSON.stringify(e);
    });
    expect(differing.map(({ r }) => r.id)).toEqual([]);
  });

  it("adjusted a few people out, and the report lists them with the evaluation's reasons and the villages to replenish", () => {
    const out = evaluated.filter(
      ({ r }) => r.evaluations!["2021"]!.decision === "adjust_out" && r.status === "调整出库",
    );
    expect(out.length).toBeGreaterThanOrEqual(2);
    const model = buildReport(library, { year: 2021, date: "2021-12-31" });
    for (const { r } of out) {
      const listed = model.adjusted.find((a) => a.id === r.id);
      expect(listed?.reasons).toEqual(r.evaluations!["2021"]!.reasons);
    }
    const villages = new Set(out.map(({ village }) => village));
    expect(model.replenishment.some((x) => villages.has(x.village) && x.adjustedOut > 0)).toBe(true);
  });
});
