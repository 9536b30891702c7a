import type { IsoDate } from "./dates.js";

/**
 * A training session's id. Sessions recorded by `reserve record` are named by what they are, not
 * by a running number: the day, the unit holding it (the town's or village's code, or the
 * district's for a 区级 session) and 4–8 hex digits of the SHA-256 of the title —
 * `2021-11-20-640502100-3fa2`. Two towns recording their own sessions on their own git branches
 * therefore never pick the same id, and the same session recorded on two branches gets the same
 * id (and the same file) on both. The id is fixed when the session is created: correcting the
 * title or date later does not rename it, since people's files refer to it.
 *
 * Libraries written before this keep their ids (`2021-03`, numbered within the year, in
 * trainings/<year>.yaml); both forms are valid ids and live side by side.
 */
export const DATED_SESSION_ID = /^(\d{4})-(\d{2})-(\d{2})-(\d{6}|\d{9}|\d{12})-([0-9a-f]{4,8})$/;

/** Hex digits of the title's hash in a new id; more only when another title of the day has them. */
export const SESSION_HASH_DIGITS = { min: 4, max: 8 } as const;

export function isDatedSessionId(id: string): boolean {
  return DATED_SESSION_ID.test(id);
}

/** The id of a session held on `date` by `unit`, from the hex digest of its title. */
export function datedSessionId(date: IsoDate, unit: string, digest: string, digits: number): string {
  return `${date}-${unit}-${digest.slice(0, digits)}`;
}
