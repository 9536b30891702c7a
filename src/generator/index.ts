/**
 * The seeded sample generator: a district register, its village books, the year's trainings and
 * history, and the list of gaps planted on purpose. Pure: no files, no clock, no Math.random; the
 * same spec and seed always give the same library. scripts/generate-sample.ts writes it out.
 */
export {
  generateDistrict,
  streamDistrict,
  districtHistory,
  type DistrictStream,
  type GeneratedDistrict,
  type GeneratedVillage,
} from "./district.js";
export {
  gapKey,
  PERSON_GAP_PLANTERS,
  RETIRED_VILLAGE_GAPS,
  TOWN_GAP_PLANTERS,
  VILLAGE_GAP_SHAPES,
  type GapKind,
  type PersonGapKind,
  type PersonGapPlanter,
  type PlantedGap,
  type RetiredVillageGapKind,
  type TownGapKind,
  type TownGapPlanter,
  type VillageGapKind,
} from "./gaps.js";
export { registerCsv } from "./register.js";
export { csvLine, ROSTER_BOM, ROSTER_EOL, ROSTER_HEADERS, rosterCsv, rosterRows } from "./roster.js";
export {
  COUNTRY,
  PROVINCE,
  SAMPLE_ELECTION_DATE,
  SAMPLE_SEED,
  scaleSpec,
  SHAPOTOU,
  specForScale,
  type GeneratorSpec,
  type Scale,
  type TownSpec,
} from "./spec.js";
