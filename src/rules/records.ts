import type { IsoDate } from "../domain/dates.js";
import type { LoadedBook } from "../domain/library.js";
import type { Reserve, Village } from "../domain/model.js";
import { checkResidentId } from "../domain/resident-id.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { RuleContext } from "./rule.js";

/**
 * What the rules share: walking the records in scope, locating a finding in a record, and the
 * facts several rules read (birth date, the audit year's bounds, place names).
 */

/** One person's record as found in a village book. */
export interface PersonRecord {
  readonly reserve: Reserve;
  readonly book: LoadedBook;
  /** Position of the record in its file's list (LoadedBook.indexes when some could not be read). */
  readonly index: number;
  /** The register entry of the book's village; undefined for a village missing from the register. */
  readonly village: Village | undefined;
}

export type Where = Omit<Diagnostic, "code" | "args" | "severity">;
export type Path = readonly (string | number)[];

// Every rule walks the records; they are listed once per audit (the lists are not changed by rules).
const listed = new WeakMap<RuleContext, { scoped?: PersonRecord[]; all?: PersonRecord[] }>();

/** Every record of every village book, village by village (file order), or only those in scope. */
export function allRecords(ctx: RuleContext, options: { scoped: boolean } = { scoped: true }): PersonRecord[] {
  let lists = listed.get(ctx);
  if (!lists) listed.set(ctx, (lists = {}));
  const kept = options.scoped ? lists.scoped : lists.all;
  if (kept) return kept;
  const out = listRecords(ctx, options.scoped);
  if (options.scoped) lists.scoped = out;
  else lists.all = out;
  return out;
}

function listRecords(ctx: RuleContext, scoped: boolean): PersonRecord[] {
  const out: PersonRecord[] = [];
  for (const book of ctx.library.books) {
    if (scoped && !ctx.inScope({ code: book.village })) continue;
    const village = ctx.register.villages.get(book.village);
    const indexes = book.indexes;
    book.reserves.forEach((reserve, i) => out.push({ reserve, book, index: indexes?.[i] ?? i, village }));
  }
  return out;
}

/** Where a finding about a record (or one of its fields) is: file, YAML path, village, town, person. */
export function at(rec: PersonRecord, path: Path = []): Where {
  const town = rec.village?.town;
  return {
    location: { file: rec.book.file, path: ["reserves", rec.index, ...path] },
    village: rec.book.village,
    ...(town !== undefined && { town }),
    person: rec.reserve.id,
  };
}

/** Where a finding about a whole village book is (its `reserves` list, or a key at its top). */
export function atBook(ctx: RuleContext, book: LoadedBook, path: Path = ["reserves"]): Where {
  const town = ctx.register.villages.get(book.village)?.town;
  return { location: { file: book.file, path }, village: book.village, ...(town !== undefined && { town }) };
}

/** 乡镇 + 村 as users say it ("滨河镇沙坡村"), or the code when the village is not registered. */
export function placeName(ctx: RuleContext, villageCode: string): string {
  const village = ctx.register.villages.get(villageCode);
  if (!village) return villageCode;
  return `${ctx.register.towns.get(village.town)?.name ?? ""}${village.name}`;
}

/**
 * The birth date inside the ID number, when the number is valid. Invalid numbers are reported by the
 * loader; rules that need the birth date pass over them rather than guess.
 */
export function birthOf(r: Reserve): IsoDate | undefined {
  let birth = births.get(r);
  if (birth === undefined) {
    const id = checkResidentId(r.id_number, "9999-12-31");
    birth = id.ok ? id.facts.birth : null;
    births.set(r, birth);
  }
  return birth ?? undefined;
}

// Several rules read the birth date of the same records; it is worked out once per record.
const births = new WeakMap<Reserve, IsoDate | null>();

/** The audit year's first and last day. */
export function yearBounds(year: number): { start: IsoDate; end: IsoDate } {
  const y = String(year).padStart(4, "0");
  return { start: `${y}-01-01`, end: `${y}-12-31` };
}

/** A list of items as one message argument (the wording joins them with 、). */
export function listArg(items: readonly string[]): string {
  return items.join("、");
}
