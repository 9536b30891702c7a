import { dayNumber, fromDayNumber } from "../domain/dates.js";
import type { District, Policy, Reserve, TrainingYear, Village, VillageBook } from "../domain/model.js";
import { normalizeReserve } from "../domain/normalize.js";
import type { HistoryEntry } from "../schema/history.js";
import {
  PERSON_GAP_PLANTERS,
  RETIRED_VILLAGE_GAPS,
  TOWN_GAP_PLANTERS,
  VILLAGE_GAP_SHAPES,
  type PersonGapKind,
  type PlantContext,
  type PlantedGap,
  type RetiredVillageGapKind,
  type TownBook,
  type TownGapKind,
  type VillageGapKind,
  type VillageShape,
} from "./gaps.js";
import { buildHistory } from "./history.js";
import {
  makeReserve,
  mentorName,
  retypedIdNumber,
  TARGET_SHARES,
  type Flags,
  type People,
  type SlotKind,
  type Where,
} from "./people.js";
import { exactFlags, Random } from "./random.js";
import { buildRegister } from "./register.js";
import type { GeneratorSpec } from "./spec.js";
import { trainingYear } from "./trainings.js";

/**
 * Independent random sequences drawn from one seed, so that changing one part leaves the others:
 * planting a gap draws from its own sequence, and never changes the people made around it.
 */
const STREAM = { register: 1, plan: 2, people: 3, gaps: 4 } as const;

/** One village as generated: its book (absent when it holds nobody) and the gaps planted in it. */
export interface GeneratedVillage {
  readonly village: Village;
  readonly book: VillageBook | undefined;
  readonly planted: readonly PlantedGap[];
}

export interface DistrictStream {
  readonly spec: GeneratorSpec;
  readonly seed: number;
  readonly district: District;
  readonly trainings: readonly TrainingYear[];
  /**
   * Everybody the books will hold, and how many of them are 外引: people, so a record planted as a
   * second entry of someone (a duplicate gap) is not counted again.
   */
  readonly totals: { readonly villages: number; readonly reserves: number; readonly external: number };
  /**
   * The village books one at a time, in register order, so that a country-sized library never has
   * to be in memory at once (a town's books are made together, for the gaps that span a town).
   * Each call starts again from the seed and yields the same villages.
   */
  villages(): Generator<GeneratedVillage>;
}

export interface GeneratedDistrict {
  readonly district: District;
  /** Only villages that hold somebody have a book (and a file). */
  readonly books: VillageBook[];
  readonly trainings: TrainingYear[];
  readonly history: HistoryEntry[];
  readonly planted: PlantedGap[];
}

const VILLAGE_GAP_CODES: readonly (VillageGapKind | undefined)[] = [
  undefined,
  ...(Object.keys(VILLAGE_GAP_SHAPES) as VillageGapKind[]),
];

/** How many people each active village holds, by standing, and which villages carry which gaps. */
interface Plan {
  /** Active administrative villages (村, 正常), in register order. */
  readonly villages: readonly Village[];
  readonly inPool: Uint8Array;
  readonly pending: Uint8Array;
  readonly adjustedOut: Uint8Array;
  readonly used: Uint8Array;
  /** Index into VILLAGE_GAP_CODES; 0 for none. */
  readonly gap: Uint8Array;
  /** Merged or abolished villages that keep a book anyway, by code. */
  readonly retired: ReadonlyMap<string, RetiredVillageGapKind>;
  readonly personGaps: ReadonlyMap<number, readonly PersonGapKind[]>;
  /** By town code. */
  readonly townGaps: ReadonlyMap<string, readonly TownGapKind[]>;
  readonly people: number;
}

function makePlan(spec: GeneratorSpec, district: District, rng: Random): Plan {
  const villages = district.villages.filter((v) => v.kind === "村" && v.status === "正常");
  const n = villages.length;
  const inPool = new Uint8Array(n);
  const pending = new Uint8Array(n);
  const adjustedOut = new Uint8Array(n);
  const used = new Uint8Array(n);
  const gap = new Uint8Array(n);
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = order[i]!;
    order[i] = order[j]!;
    order[j] = t;
  }
  let next = 0;
  const put = (i: number, s: VillageShape) => {
    inPool[i] = s.inPool;
    pending[i] = s.pending;
    adjustedOut[i] = s.adjustedOut;
    used[i] = s.used;
  };
  for (const [code, kind] of VILLAGE_GAP_CODES.entries()) {
    if (kind === undefined) continue;
    const shapes = VILLAGE_GAP_SHAPES[kind](spec.policy);
    const count = spec.gaps.villages[kind] ?? 0;
    if (count > 0 && shapes.length === 0) throw new Error(`the policy leaves no room for ${kind}`);
    for (let k = 0; k < count; k++) {
      if (next >= n) throw new Error("more planted village gaps than villages");
      const i = order[next++]!;
      put(i, shapes[k % shapes.length]!);
      gap[i] = code;
    }
  }
  const normal = order.subarray(next);
  if (normal.length === 0) throw new Error("no village left without a planted gap");
  const { target, max } = spec.policy.quota;
  for (const i of normal) inPool[i] = target;
  const sum = (a: Uint8Array) => a.reduce((s, x) => s + x, 0);
  // The rest of the year's departures and pending candidates go to villages that stay at target.
  const spread = (a: Uint8Array, total: number, what: string) => {
    let left = total - sum(a);
    if (left < 0) throw new Error(`the planted gaps need more ${what} than the spec has`);
    for (; left > 0; left--) a[normal[rng.int(normal.length)]!]! += 1;
  };
  spread(pending, spec.pending, "pending people");
  spread(adjustedOut, spec.adjustedOut, "adjusted-out people");
  spread(used, spec.used, "used people");
  const retired = new Map<string, RetiredVillageGapKind>();
  let retiredPeople = 0;
  for (const kind of Object.keys(RETIRED_VILLAGE_GAPS) as RetiredVillageGapKind[]) {
    const { status, shape } = RETIRED_VILLAGE_GAPS[kind];
    const candidates = district.villages.filter((v) => v.kind === "村" && v.status === status);
    for (let k = 0; k < (spec.gaps.retired?.[kind] ?? 0) && candidates.length > 0; k++) {
      const [v] = candidates.splice(rng.int(candidates.length), 1);
      retired.set(v!.code, kind);
      retiredPeople += shape.inPool + shape.pending + shape.adjustedOut + shape.used;
    }
  }
  let extra = spec.reserves - (sum(inPool) + sum(pending) + sum(adjustedOut) + sum(used) + retiredPeople);
  if (extra < 0) throw new Error(`${spec.reserves} reserves are too few for ${n} villages at the target`);
  for (let round = 0; extra > 0; round++) {
    if (max !== undefined && target + round >= max) throw new Error("the quota maximum leaves no room for everybody");
    for (let k = 0; k < normal.length && extra > 0; k++, extra--) inPool[normal[k]!]! += 1;
  }
  // Gaps go to different villages (and town gaps to different towns) while there are some left.
  const usedVillages = new Set<number>();
  const pickVillage = (from: ArrayLike<number>): number => {
    let i = from[rng.int(from.length)]!;
    for (let tries = 0; usedVillages.has(i) && tries < 20; tries++) i = from[rng.int(from.length)]!;
    usedVillages.add(i);
    return i;
  };
  const holding: Record<SlotKind, Uint8Array | undefined> = { pool: undefined, pending, adjustedOut, used };
  const personGaps = new Map<number, PersonGapKind[]>();
  for (const kind of Object.keys(PERSON_GAP_PLANTERS) as PersonGapKind[]) {
    const count = spec.gaps.persons[kind] ?? 0;
    if (count === 0) continue;
    const slot = holding[PERSON_GAP_PLANTERS[kind].slot ?? "pool"];
    const holders = slot === undefined ? normal : normal.filter((i) => slot[i]! > 0);
    for (let k = 0; k < count; k++) {
      const i = pickVillage(holders.length > 0 ? holders : normal);
      personGaps.set(i, [...(personGaps.get(i) ?? []), kind]);
    }
  }
  const townGaps = new Map<string, TownGapKind[]>();
  for (const kind of Object.keys(TOWN_GAP_PLANTERS) as TownGapKind[]) {
    for (let k = 0; k < (spec.gaps.towns?.[kind] ?? 0); k++) {
      let town = villages[normal[rng.int(normal.length)]!]!.town;
      for (let tries = 0; townGaps.has(town) && tries < 20; tries++)
        town = villages[normal[rng.int(normal.length)]!]!.town;
      townGaps.set(town, [...(townGaps.get(town) ?? []), kind]);
    }
  }
  const people = sum(inPool) + sum(pending) + sum(adjustedOut) + sum(used) + retiredPeople;
  return { villages, inPool, pending, adjustedOut, used, gap, retired, personGaps, townGaps, people };
}

/** The exact number of trues for a share over n people, never below the policy's minimum share. */
function exactCount(n: number, share: number, minimum: number): number {
  return Math.min(n, Math.max(Math.ceil(minimum * n - 1e-9), Math.round(share * n)));
}

/**
 * The structure facts of a village's in-pool people, allocated exactly: the audit judges the shares
 * of women, under-35s, party members and 大专+ per village as well as per town (policy.structure),
 * so every village meets each minimum on its own, and the town and district follow. With three or
 * four people a village needs at least one woman, which puts the district's share of women near
 * 30% rather than the 25% a free draw would give.
 */
function structureFlags(rng: Random, n: number, structure: Policy["structure"]): () => Flags {
  const woman = exactFlags(rng, n, exactCount(n, TARGET_SHARES.woman, structure.women));
  const party = exactFlags(rng, n, exactCount(n, TARGET_SHARES.party, structure.party_members));
  const college = exactFlags(rng, n, exactCount(n, TARGET_SHARES.college, structure.college));
  const under35 = exactFlags(rng, n, exactCount(n, TARGET_SHARES.under35, structure.under_35));
  let k = 0;
  return () => {
    const flags = { woman: woman[k]!, party: party[k]!, college: college[k]!, under35: under35[k]! };
    k++;
    return flags;
  };
}

/**
 * Plans a district and returns it with a way to produce its village books one by one. The register,
 * the trainings and the totals are computed at once; people only when the villages are walked.
 */
export function streamDistrict(spec: GeneratorSpec, seed: number): DistrictStream {
  const district = buildRegister(spec, new Random(seed, STREAM.register));
  const plan = makePlan(spec, district, new Random(seed, STREAM.plan));
  const trainings = [trainingYear(spec.year)];
  if (spec.external > plan.people) throw new Error("more external recruits than people");
  const townSpecs = new Map(spec.towns.map((t) => [t.code, t]));

  /** Where each village of a town comes in the plan: an active village's index, or a retired village's gap. */
  const activeIndex = new Map(plan.villages.map((v, i) => [v.code, i]));
  const villagesOfTown = new Map<string, Village[]>();
  for (const v of district.villages) {
    if (!activeIndex.has(v.code) && !plan.retired.has(v.code)) continue;
    const list = villagesOfTown.get(v.town);
    if (list) list.push(v);
    else villagesOfTown.set(v.town, [v]);
  }

  function* villages(): Generator<GeneratedVillage> {
    const rng = new Random(seed, STREAM.people);
    const gapRng = new Random(seed, STREAM.gaps);
    const { year, policy } = spec;
    const election = policy.election.date ?? `${year}-11-26`;
    const people: People = {
      rng,
      policy,
      year,
      homeRegion: spec.district.code,
      sessions: trainings[0]!.sessions,
      election,
      ids: new Set(),
      phones: new Set(),
      names: new Set(),
      peopleLeft: plan.people,
      evaluatedOutLeft: Math.min(2, spec.adjustedOut),
      externalLeft: spec.external,
    };
    // Gaps that found no place in their village (or town) move on to the next one.
    let carried: PersonGapKind[] = [];
    let carriedTown: TownGapKind[] = [];
    const screeningFrom = fromDayNumber(dayNumber(election) - Math.min(110, policy.screening.window_days - 30));
    const screeningTo = fromDayNumber(dayNumber(election) - 50);

    for (const town of district.towns) {
      if (spec.uniqueNames === "town") people.names = new Set();
      const randomFlags = (): Flags => ({
        woman: rng.chance(TARGET_SHARES.woman),
        party: rng.chance(TARGET_SHARES.party),
        college: rng.chance(TARGET_SHARES.college),
        under35: rng.chance(TARGET_SHARES.under35),
      });
      const township = rng.date(`${year - 1}-10-26`, `${year - 1}-11-20`);
      const county = rng.pick([`${year - 1}-12-18`, `${year - 1}-12-28`]);
      const screening = new Map(
        policy.election.date === undefined
          ? []
          : policy.screening.departments.map((d) => [d, rng.date(screeningFrom, screeningTo)] as const),
      );
      const hui = townSpecs.get(town.code)?.hui ?? spec.hui;
      // Before the year's status history entry (20 December, history.ts), so a leaver can be adjusted out by it.
      const evaluation = rng.date(`${year}-12-01`, `${year}-12-19`);
      const ctx: PlantContext = {
        policy,
        year,
        date: `${year}-12-31`,
        sessions: people.sessions,
        rng: gapRng,
        retypeBirthYear: (r, birthYear) => retypedIdNumber(people, r.id_number, birthYear, gapRng),
        newMentorName: () => mentorName(people, hui, gapRng),
      };
      const taken = new Set<string>();
      const made: { village: Village; book: TownBook; planted: PlantedGap[] }[] = [];

      for (const v of villagesOfTown.get(town.code) ?? []) {
        const i = activeIndex.get(v.code);
        const retiredGap = plan.retired.get(v.code);
        const shape: VillageShape =
          i === undefined
            ? RETIRED_VILLAGE_GAPS[retiredGap!].shape
            : {
                inPool: plan.inPool[i]!,
                pending: plan.pending[i]!,
                adjustedOut: plan.adjustedOut[i]!,
                used: plan.used[i]!,
              };
        const where: Where = {
          hui,
          evaluation,
          survey: rng.date(`${year - 1}-09-07`, `${year - 1}-10-16`),
          township,
          county,
          screening,
        };
        const cohort: SlotKind[] = rng.shuffle([
          ...Array<SlotKind>(shape.inPool).fill("pool"),
          ...Array<SlotKind>(shape.adjustedOut).fill("adjustedOut"),
          ...Array<SlotKind>(shape.used).fill("used"),
        ]);
        const kinds = [...cohort, ...Array<SlotKind>(shape.pending).fill("pending")];
        const nextFlags = structureFlags(rng, shape.inPool, policy.structure);
        const reserves: Reserve[] = kinds.map((kind, k) =>
          makeReserve(
            people,
            where,
            `${v.code}-${String(k + 1).padStart(2, "0")}`,
            kind,
            kind === "pool" ? nextFlags() : randomFlags(),
          ),
        );
        const planted: PlantedGap[] = [];
        const gapKind = i === undefined ? retiredGap : VILLAGE_GAP_CODES[plan.gap[i]!];
        if (gapKind !== undefined) planted.push({ kind: gapKind, town: town.code, village: v.code });
        if (i !== undefined) {
          const toPlant = [...carried, ...(plan.personGaps.get(i) ?? [])];
          carried = [];
          for (const kind of toPlant) {
            const planter = PERSON_GAP_PLANTERS[kind];
            const slot = planter.slot ?? "pool";
            const candidates = reserves
              .map((r, k) => ({ r, k }))
              .filter(({ r, k }) => kinds[k] === slot && !taken.has(r.id) && planter.eligible(r, ctx));
            if (candidates.length === 0) {
              carried.push(kind);
              continue;
            }
            const { r, k } = gapRng.pick(candidates);
            reserves[k] = planter.plant(r, ctx);
            taken.add(r.id);
            planted.push({ kind, town: town.code, village: v.code, person: r.id });
          }
        }
        made.push({
          village: v,
          book: { village: v, normal: i !== undefined && plan.gap[i] === 0, reserves, slots: kinds },
          planted,
        });
      }

      const townCtx = { ...ctx, books: made.filter((m) => activeIndex.has(m.village.code)).map((m) => m.book), taken };
      const toPlant = [...carriedTown, ...(plan.townGaps.get(town.code) ?? [])];
      carriedTown = [];
      for (const kind of toPlant) {
        const found = TOWN_GAP_PLANTERS[kind].plant(townCtx);
        if (found === undefined) {
          carriedTown.push(kind);
          continue;
        }
        for (const f of found) {
          made.find((m) => m.village.code === f.village)!.planted.push({ kind, town: town.code, ...f });
        }
      }

      for (const { village, book, planted } of made) {
        // In the order the library keeps lists, so a book in memory equals the book read back.
        const reserves = book.reserves.map(normalizeReserve);
        yield { village, book: reserves.length > 0 ? { village: village.code, reserves } : undefined, planted };
      }
    }
  }

  return {
    spec,
    seed,
    district,
    trainings,
    totals: { villages: plan.villages.length, reserves: plan.people, external: spec.external },
    villages,
  };
}

/**
 * The history of a streamed district. With the books (small scales, spec.detailedHistory) the
 * entries list every person and hash the rosters they came from; without, they are summaries.
 */
export function districtHistory(stream: DistrictStream, books?: readonly VillageBook[]): HistoryEntry[] {
  const { spec } = stream;
  return buildHistory(stream.district, books ?? [], {
    detailed: spec.detailedHistory && books !== undefined,
    people: stream.totals.reserves,
    pending: spec.pending,
    left: spec.adjustedOut + spec.used,
  });
}

/** The whole district in memory: for the sample and for tests. */
export function generateDistrict(spec: GeneratorSpec, seed: number): GeneratedDistrict {
  const stream = streamDistrict(spec, seed);
  const books: VillageBook[] = [];
  const planted: PlantedGap[] = [];
  for (const g of stream.villages()) {
    if (g.book) books.push(g.book);
    planted.push(...g.planted);
  }
  const history = districtHistory(stream, books);
  return { district: stream.district, books, trainings: [...stream.trainings], history, planted };
}
