import type { IsoDate } from "../domain/dates.js";
import type { Policy } from "../domain/model.js";
import { DEFAULT_POLICY } from "../domain/policy-defaults.js";
import type { PersonGapKind, RetiredVillageGapKind, TownGapKind, VillageGapKind } from "./gaps.js";

/** One town of a generated district. Synthetic towns leave the name to the generator. */
export interface TownSpec {
  /** 9 digits: the district's 6 and the town's 3. */
  readonly code: string;
  readonly name?: string;
  /** Administrative villages (村) in force: each keeps reserves and has a quota. */
  readonly villages: number;
  /** Villages merged into another village of the same town the year before; they hold no reserves. */
  readonly merged?: number;
  /** Villages abolished (已撤销) the year before, e.g. after the whole village moved; no reserves. */
  readonly abolished?: number;
  /** 社区 (居民委员会): listed in the register, no quota, no reserves. */
  readonly communities?: number;
  /** Share of 回族 among the town's reserves; the district's share when absent. */
  readonly hui?: number;
}

export interface GeneratorSpec {
  readonly district: {
    readonly code: string;
    readonly name: string;
    readonly city?: string;
    readonly province?: string;
  };
  /**
   * The register is the county's in the official division table (the towns' village counts are
   * then the table's; a town spec adds merged and abolished villages as history and the 回族 share).
   */
  readonly official?: boolean;
  /** The working year: selection happens the year before, cultivation during this year. */
  readonly year: number;
  readonly policy: Policy;
  readonly towns: readonly TownSpec[];
  /** Everybody in the village books: in the pool, awaiting the county review, and those who left. */
  readonly reserves: number;
  /** Of `reserves`, how many were recruited from outside (外引); exact. */
  readonly external: number;
  /** People selected late in the year who have not passed the county review (they do not count). */
  readonly pending: number;
  /** People adjusted out of the pool during the year (调整出库). */
  readonly adjustedOut: number;
  /** People who left the pool because they were elected at the election (已使用). */
  readonly used: number;
  /** Share of 回族 where a town does not say. */
  readonly hui: number;
  /** Gaps put in on purpose, by kind (see gaps.ts). */
  readonly gaps: {
    readonly villages: Readonly<Partial<Record<VillageGapKind, number>>>;
    /** Books of merged or abolished villages; their people are part of `reserves`. */
    readonly retired?: Readonly<Partial<Record<RetiredVillageGapKind, number>>>;
    readonly persons: Readonly<Partial<Record<PersonGapKind, number>>>;
    /** Gaps over several records or villages of one town; a duplicate adds a record to `reserves`. */
    readonly towns?: Readonly<Partial<Record<TownGapKind, number>>>;
  };
  /**
   * Where names (of reserves and mentors) must be unique. A district of a few hundred people can
   * avoid every clash; a benchmark of a million people cannot, so it only keeps them apart by town.
   */
  readonly uniqueNames: "district" | "town";
  /** Whether history entries list every person and hash the files they came from (small scales). */
  readonly detailedHistory: boolean;
}

/** 2021 村"两委" election day used by the sample; screening attestations fall within 180 days before. */
export const SAMPLE_ELECTION_DATE: IsoDate = "2021-11-26";

const SAMPLE_POLICY: Policy = {
  ...DEFAULT_POLICY,
  election: { year: 2021, date: SAMPLE_ELECTION_DATE, next_year: 2026 },
};

/**
 * 沙坡头区 as the bundled sample (DESIGN §2): the real towns and codes, about 165 administrative
 * villages with synthetic names, 536 reserves of whom 440 were selected internally and 96
 * recruited from outside. 回族 live mostly in the southern and mountain towns (香山乡, 兴仁镇,
 * 常乐镇), less in the Yellow River towns around the city. One planted instance of every finding
 * the audit can make under the default policy (more of the quota gaps, as a district has them), so
 * that `reserve audit` and the reports have something true to say in many places; the two
 * duplicate gaps add two records of people already counted.
 */
export const SHAPOTOU: GeneratorSpec = {
  district: { code: "640502", name: "沙坡头区", city: "中卫市", province: "宁夏回族自治区" },
  official: true,
  year: 2021,
  policy: SAMPLE_POLICY,
  towns: [
    { code: "640502100", name: "滨河镇", villages: 10, abolished: 1, communities: 1, hui: 0.18 },
    { code: "640502101", name: "文昌镇", villages: 12, communities: 1, hui: 0.2 },
    { code: "640502102", name: "东园镇", villages: 16, hui: 0.28 },
    { code: "640502103", name: "柔远镇", villages: 14, hui: 0.28 },
    { code: "640502104", name: "镇罗镇", villages: 16, hui: 0.3 },
    { code: "640502105", name: "宣和镇", villages: 20, merged: 1, hui: 0.38 },
    { code: "640502106", name: "永康镇", villages: 16, merged: 1, hui: 0.36 },
    { code: "640502107", name: "常乐镇", villages: 15, hui: 0.45 },
    { code: "640502108", name: "迎水桥镇", villages: 18, hui: 0.32 },
    { code: "640502109", name: "兴仁镇", villages: 16, hui: 0.55 },
    { code: "640502200", name: "香山乡", villages: 12, hui: 0.6 },
  ],
  reserves: 536,
  external: 96,
  pending: 8,
  adjustedOut: 4,
  used: 4,
  hui: 0.35,
  gaps: {
    villages: { "quota-below-min": 4, "quota-below-target": 7 },
    retired: { "village-merged-holds-reserves": 1, "village-abolished-holds-reserves": 1 },
    persons: {
      "name-invalid": 1,
      "education-below-floor": 3,
      "selection-step-missing": 1,
      "selection-out-of-order": 1,
      "intake-source-mismatch": 1,
      "age-below-min": 1,
      "age-above-max": 1,
      "screening-missing": 1,
      "screening-failed": 1,
      "screening-stale": 1,
      "mentor-missing": 1,
      "mentor-post-unknown": 1,
      "training-below-min": 1,
      "training-session-undefined": 1,
      "practice-post-missing": 1,
      "party-stage-missing": 1,
      "party-stage-overdue": 1,
      "evaluation-missing": 1,
      "evaluation-adjust-pending": 1,
      "status-change-missing": 1,
      "status-change-no-date": 1,
      "status-change-no-reason": 1,
    },
    towns: {
      "person-in-two-villages": 1,
      "person-entered-twice": 1,
      "possible-duplicate": 1,
      "mentor-overloaded": 1,
      "village-structure-below": 1,
    },
  },
  uniqueNames: "district",
  detailedHistory: true,
};

/** The seed the committed sample is generated with. */
export const SAMPLE_SEED = 640502;

export type Scale = "district" | "province" | "country";

/**
 * A synthetic district of the given size for benchmarks: `villages` spread over as few towns as
 * the 3-digit town code allows (at most 999 villages a town), `reserves` people, the sample's
 * shares of external recruits, pending reviews, departures and planted gaps.
 */
export function scaleSpec(options: {
  villages: number;
  reserves: number;
  code?: string;
  name?: string;
}): GeneratorSpec {
  const { villages, reserves } = options;
  const perTown = villages <= 15_000 ? 100 : 500;
  const townCount = Math.ceil(villages / perTown);
  if (townCount > 999) throw new Error(`${villages} villages need more than 999 towns`);
  const code = options.code ?? "649901";
  const towns: TownSpec[] = [];
  let left = villages;
  for (let i = 0; i < townCount; i++) {
    const n = Math.min(perTown, left);
    left -= n;
    towns.push({ code: `${code}${String(i + 1).padStart(3, "0")}`, villages: n, ...(i % 50 === 7 && { merged: 1 }) });
  }
  const share = (p: number) => Math.round(reserves * p);
  const some = (p: number) => Math.max(1, Math.round(villages * p));
  return {
    district: { code, name: options.name ?? `规模样本区（${villages} 村）` },
    year: 2021,
    policy: SAMPLE_POLICY,
    towns,
    reserves,
    external: share(96 / 536),
    pending: share(0.015),
    adjustedOut: share(0.0075),
    used: share(0.0075),
    hui: 0.35,
    gaps: {
      villages: { "quota-below-min": some(0.005), "quota-below-target": some(0.02) },
      persons: { "education-below-floor": some(0.002) },
    },
    uniqueNames: "town",
    detailedHistory: false,
  };
}

/** ~15,000 villages and ~50,000 reserves: a province's worth. */
export const PROVINCE: GeneratorSpec = scaleSpec({
  villages: 15_000,
  reserves: 50_000,
  code: "649901",
  name: "省级规模样本区",
});

/** ~490,000 villages and ~1.5 million reserves: the whole country in one library. */
export const COUNTRY: GeneratorSpec = scaleSpec({
  villages: 490_000,
  reserves: 1_500_000,
  code: "649902",
  name: "全国规模样本区",
});

export function specForScale(scale: Scale): GeneratorSpec {
  return scale === "district" ? SHAPOTOU : scale === "province" ? PROVINCE : COUNTRY;
}
