import type { Policy, Reserve } from "../domain/model.js";
import { EDUCATION, type Education } from "../domain/terms.js";
import type { Random } from "./random.js";

/**
 * The gaps the generator puts into a library on purpose, so that tests can compare what
 * `reserve audit` finds with what was planted. Everything not listed here is meant to be clean.
 *
 * A gap kind is named by the diagnostic code the audit reports for it. To add one:
 * - a village-level kind (how many people a village holds): add its shapes to VILLAGE_GAP_SHAPES;
 * - a person-level kind (something wrong in one record): add a planter to PERSON_GAP_PLANTERS;
 * then give it a count in the spec (spec.ts, `gaps`). The generator records every gap where it
 * plants it, so the planted list is the truth even when a kind cannot be placed as often as asked.
 * Tests compare only the kinds that some audit rule reports; kinds for rules still to be written
 * stay in the list and are checked as soon as a rule with that code exists.
 */

export type VillageGapKind = "quota-below-min" | "quota-below-target";
export type PersonGapKind = "education-below-floor";
export type GapKind = VillageGapKind | PersonGapKind;

export interface PlantedGap {
  readonly kind: GapKind;
  readonly town: string;
  readonly village: string;
  /** The record that carries the gap, for person-level kinds. */
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

export interface PlantContext {
  readonly policy: Policy;
  readonly year: number;
  readonly rng: Random;
}

export interface PersonGapPlanter {
  /**
   * Whether this in-pool record can carry the gap without creating another finding (for example a
   * structure share that would fall below the policy).
   */
  eligible(r: Reserve, ctx: PlantContext): boolean;
  /** The record with the gap put in. */
  plant(r: Reserve, ctx: PlantContext): Reserve;
}

/** The level just below the district's education floor (policy.education_floor). */
function belowFloor(policy: Policy): Education | undefined {
  return EDUCATION.values[EDUCATION.values.indexOf(policy.education_floor) + 1];
}

export const PERSON_GAP_PLANTERS: { readonly [K in PersonGapKind]: PersonGapPlanter } = {
  // Only someone without 大专+ is lowered, so the town's 大专+ share does not move; a returning
  // graduate keeps the diploma the source implies.
  "education-below-floor": {
    eligible: (r, { policy }) =>
      belowFloor(policy) !== undefined &&
      r.source !== "返乡大中专毕业生" &&
      (r.education === "高中" || r.education === "中专"),
    plant: (r, { policy }) => ({ ...r, education: belowFloor(policy)! }),
  },
};

/** The key a planted gap and an audit finding share: kind (code), village, person. */
export function gapKey(g: { kind?: string; code?: string; village?: string | null; person?: string | null }): string {
  return `${g.kind ?? g.code ?? ""} ${g.village ?? ""} ${g.person ?? ""}`;
}
