import type { PersonFacts, LedgerModel, VillageRow } from "./model.js";

/**
 * The model's people and villages grouped by town and by village, worked out once per model: the
 * ledgers ask for each town's and each village's share, and filtering the whole list for each of
 * a province's 15,000 villages is quadratic (minutes instead of a second).
 */
export interface ModelIndex {
  readonly peopleByTown: ReadonlyMap<string, readonly PersonFacts[]>;
  readonly peopleByVillage: ReadonlyMap<string, readonly PersonFacts[]>;
  readonly villagesByTown: ReadonlyMap<string, readonly VillageRow[]>;
}

const indexes = new WeakMap<LedgerModel, ModelIndex>();
const providers = new WeakMap<LedgerModel, (village: string) => readonly PersonFacts[]>();

/**
 * Gives a model's people village by village (reports/build.ts): the ledgers of one village or town
 * then need that unit's people only, not the whole list.
 */
export function providePeople(model: LedgerModel, people: (village: string) => readonly PersonFacts[]): void {
  providers.set(model, people);
}

function group<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

export function modelIndex(model: LedgerModel): ModelIndex {
  let index = indexes.get(model);
  if (!index) {
    index = {
      peopleByTown: group(model.people, (p) => p.town),
      peopleByVillage: group(model.people, (p) => p.village),
      villagesByTown: villageIndex(model),
    };
    indexes.set(model, index);
  }
  return index;
}

/** The model's people of one village (in the model's order), none when it has none. */
export const peopleOfVillage = (model: LedgerModel, village: string): readonly PersonFacts[] =>
  providers.get(model)?.(village) ?? modelIndex(model).peopleByVillage.get(village) ?? [];

/** The model's people of one town (in the model's order). */
export const peopleOfTown = (model: LedgerModel, town: string): readonly PersonFacts[] => {
  const provider = providers.get(model);
  if (provider) return villagesOfTown(model, town).flatMap((v) => provider(v.code));
  return modelIndex(model).peopleByTown.get(town) ?? [];
};

/** The model's villages of one town (in the model's order). */
export const villagesOfTown = (model: LedgerModel, town: string): readonly VillageRow[] =>
  villageIndex(model).get(town) ?? [];

const villageIndexes = new WeakMap<LedgerModel, Map<string, VillageRow[]>>();

function villageIndex(model: LedgerModel): Map<string, VillageRow[]> {
  let index = villageIndexes.get(model);
  if (!index) villageIndexes.set(model, (index = group(model.villages, (v) => v.town)));
  return index;
}
