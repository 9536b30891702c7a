import type { IsoDate } from "../domain/dates.js";

/**
 * The year and the day a command judges the library on. The year defaults to the library's working
 * year (district.yaml `year`), or the year of --date; the day to today, but never past the end of
 * that year, so auditing or reporting a finished year gives the same answer whenever it is run.
 */
export function auditPeriod(
  workingYear: number,
  options: { readonly date?: IsoDate; readonly year?: number; readonly today: IsoDate },
): { date: IsoDate; year: number } {
  const year = options.year ?? (options.date ? Number(options.date.slice(0, 4)) : workingYear);
  const yearEnd = `${String(year).padStart(4, "0")}-12-31`;
  const date = options.date ?? (options.today < yearEnd ? options.today : yearEnd);
  return { date, year };
}
