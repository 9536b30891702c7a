import type { IsoDate } from "../domain/dates.js";
import type { Reserve } from "../domain/model.js";
import { ReserveError } from "../diagnostics/fatal.js";

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

/**
 * The years a library holds: from the earliest to the latest year of its working year, its
 * training sessions, its evaluations and the days its people were selected and entered the pool
 * (selection steps, 入库时间). A year outside them has nothing to audit, report or evaluate — 1899
 * or 3000 is a typing mistake, and judging the pool then gives negative ages — so commands refuse
 * it (docs/cultivation.md "Which years").
 */
export interface HeldYears {
  readonly first: number;
  readonly last: number;
  readonly working: number;
}

const yearOf = (date: string | undefined) => (date === undefined ? undefined : Number(date.slice(0, 4)));

export function heldYears(
  working: number,
  trainings: readonly { readonly year: number }[],
  people: Iterable<readonly Reserve[]> = [],
): HeldYears {
  let first = working;
  let last = working;
  const see = (y: number | undefined) => {
    if (y === undefined || !Number.isFinite(y)) return;
    if (y < first) first = y;
    if (y > last) last = y;
  };
  for (const t of trainings) see(t.year);
  for (const reserves of people) {
    for (const r of reserves) {
      see(yearOf(r.entry_date));
      see(yearOf(r.selection.survey));
      see(yearOf(r.selection.township));
      see(yearOf(r.selection.county));
      for (const y of Object.keys(r.evaluations ?? {})) see(Number(y));
    }
  }
  return { first, last, working };
}

export function holds(held: HeldYears, year: number): boolean {
  return year >= held.first && year <= held.last;
}

/** The usage error for a year the library does not hold (exit 2), naming the years it does. */
export function yearNotHeld(year: number, held: HeldYears, option: "--year" | "--date"): ReserveError {
  return new ReserveError("year-not-held", { year, option, ...held });
}

/**
 * Refuses the year a command was asked for (by --year, or by --date) when the library does not
 * hold it. `quick` is what is known without reading the people (working and training years); the
 * people are read only when the year is outside it.
 */
export function checkAskedYear(
  asked: { readonly year?: number; readonly date?: IsoDate },
  year: number,
  quick: HeldYears,
  full: () => HeldYears,
): void {
  if (asked.year === undefined && asked.date === undefined) return;
  if (holds(quick, year)) return;
  const held = full();
  if (!holds(held, year)) throw yearNotHeld(year, held, asked.year !== undefined ? "--year" : "--date");
}

/** auditPeriod for a library in memory, refusing a year asked for that it does not hold. */
export function checkedPeriod(
  library: {
    readonly district: { readonly year: number };
    readonly trainings: readonly { readonly year: number }[];
    readonly books: readonly { readonly reserves: readonly Reserve[] }[];
  },
  options: { readonly date?: IsoDate; readonly year?: number; readonly today: IsoDate },
): { date: IsoDate; year: number } {
  const working = library.district.year;
  const period = auditPeriod(working, options);
  checkAskedYear(options, period.year, heldYears(working, library.trainings), () =>
    heldYears(
      working,
      library.trainings,
      library.books.map((b) => b.reserves),
    ),
  );
  return period;
}
