import { todayInChina, type IsoDate } from "../domain/dates.js";

/**
 * The current time. RESERVE_NOW (an ISO timestamp) fixes it, so that tests and reproducible runs
 * record the same history; nothing else in the program reads the system clock.
 */
export function now(): Date {
  const fixed = process.env.RESERVE_NOW;
  if (fixed) {
    const d = new Date(fixed);
    if (!Number.isNaN(d.getTime())) return d;
  }
  return new Date();
}

export function today(): IsoDate {
  return todayInChina(now());
}
