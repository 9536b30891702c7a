import type { District, Town, TrainingYear, Village, VillageBook } from "./model.js";

/** A village book as loaded, with the file it came from (as shown to the user). */
export interface LoadedBook extends VillageBook {
  readonly file: string;
  /**
   * False when some records could not be read; rules that count (the quota) skip such a village
   * rather than report a shortage that is really a reading problem.
   */
  readonly complete: boolean;
  /**
   * Where each of `reserves` is in the file's list, when that differs from its position in
   * `reserves` (a record before it could not be read); absent when every record was read.
   */
  readonly indexes?: readonly number[];
  /**
   * A digest of the file's bytes as read, when the loader knows it: the records are made from those
   * bytes, the policy and the program alone, so what is made from a book's records alone (a
   * report's village book) is keyed by it instead of by the records themselves.
   */
  readonly source?: string;
}

/**
 * One file of trainings/ as loaded: a year's file of an older library (many sessions), or one
 * session's file (its year is the session's). A year's sessions may come from several of them.
 */
export interface LoadedTrainingYear extends TrainingYear {
  readonly file: string;
}

/** The whole library in memory: what every rule and report reads. */
export interface Library {
  readonly district: District;
  readonly districtFile: string;
  readonly books: readonly LoadedBook[];
  readonly trainings: readonly LoadedTrainingYear[];
}

export interface RegisterIndex {
  readonly towns: ReadonlyMap<string, Town>;
  readonly villages: ReadonlyMap<string, Village>;
  readonly villagesByTown: ReadonlyMap<string, readonly Village[]>;
  /** Where each town and village is written in district.yaml, as a YAML path. */
  readonly paths: ReadonlyMap<string, readonly (string | number)[]>;
}

// Districts are never changed once read: each is indexed once, however many commands ask.
const indexed = new WeakMap<District, RegisterIndex>();

export function indexRegister(district: District): RegisterIndex {
  let index = indexed.get(district);
  if (!index) indexed.set(district, (index = buildIndex(district)));
  return index;
}

function buildIndex(district: District): RegisterIndex {
  const towns = new Map(district.towns.map((t) => [t.code, t]));
  const villages = new Map(district.villages.map((v) => [v.code, v]));
  const villagesByTown = new Map<string, Village[]>();
  for (const v of district.villages) {
    const list = villagesByTown.get(v.town);
    if (list) list.push(v);
    else villagesByTown.set(v.town, [v]);
  }
  const paths = new Map<string, (string | number)[]>();
  district.towns.forEach((t, ti) => {
    paths.set(t.code, ["towns", ti]);
    (villagesByTown.get(t.code) ?? []).forEach((v, vi) => paths.set(v.code, ["towns", ti, "villages", vi]));
  });
  return { towns, villages, villagesByTown, paths };
}

/** Follows replaced_by links to the village a merged one now belongs to (cycles stop the walk). */
export function successorOf(index: RegisterIndex, code: string): string | undefined {
  const seen = new Set<string>();
  let cur = index.villages.get(code);
  while (cur?.replaced_by !== undefined && !seen.has(cur.code)) {
    seen.add(cur.code);
    const next = index.villages.get(cur.replaced_by);
    if (!next) return cur.replaced_by;
    cur = next;
  }
  return cur && cur.code !== code ? cur.code : undefined;
}

/**
 * Each village's file digest (LoadedBook.source), for the village whose records the report takes
 * from that file: the last book of a village, as reports/build.ts takes them; a village whose file
 * has no digest is left out.
 */
export function bookSources(books: readonly LoadedBook[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const b of books) {
    if (b.source === undefined) out.delete(b.village);
    else out.set(b.village, b.source);
  }
  return out;
}
