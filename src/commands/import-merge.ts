import type { IsoDate } from "../domain/dates.js";
import type { Library, RegisterIndex } from "../domain/library.js";
import type { Mentorship, Policy, Reserve, Selection } from "../domain/model.js";
import { comparePersonIds, normalizeReserve } from "../domain/normalize.js";
import { statusCountsInPool, type Intake, type Source } from "../domain/terms.js";
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import { canonicalize, type Plain } from "../schema/canonical.js";
import type { HistoryChange } from "../schema/history.js";
import { cellRef, type RosterRecord } from "../schema/roster-row.js";
import { reserveSchema } from "../schema/village.js";

/**
 * The merge rules of `reserve import` (docs/import.md "Merge rules"):
 *
 * - A row is matched to a person by ID number inside its village: a known person is updated (the
 *   internal id, status history, evaluations and everything the roster does not carry are kept),
 *   an unknown one is added.
 * - A person already kept by another village is an error naming both places: moving is an
 *   explicit, recorded act (`reserve move`), never a side effect of an import.
 * - Empty cells and absent columns never erase what the library holds.
 * - New people get `<village code>-<NN>`, continuing after the highest number used anywhere in
 *   the library for that village, assigned in ID-number order so that row order never matters.
 * - New people are 在库 (in the pool) once the row says they passed 县级审核; without that date
 *   they are recorded as awaiting the review and do not count towards the quota.
 */

export interface AcceptedRow {
  readonly record: RosterRecord;
  readonly village: string;
}

export interface VillageOutcome {
  readonly code: string;
  added: number;
  updated: number;
  unchanged: number;
  /** The village's reserves after the import; undefined when nothing in it changed. */
  reserves?: Reserve[];
}

export interface MergeResult {
  readonly diagnostics: Diagnostic[];
  readonly villages: Map<string, VillageOutcome>;
  /** One per person added or changed, for the history: village, person, and the values replaced. */
  readonly changes: HistoryChange[];
}

export interface MergeContext {
  readonly library: Library;
  readonly register: RegisterIndex;
  readonly today: IsoDate;
  /** The files of the run, as shown, by index. */
  readonly files: readonly string[];
}

export const COUNTY_REVIEW_PASSED = "县级审核通过";

/** 内选 or 外引 from the source, as the district's policy lists its external sources. */
export function intakeOf(source: Source, policy: Policy): Intake {
  return policy.external_sources.includes(source) ? "外引" : "内选";
}

const KEYS = Object.keys(reserveSchema.shape) as (keyof Reserve)[];

/** Deep equality of plain data; the order of keys does not matter, the order of list items does. */
function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => same(x, bb[i]));
  }
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  return (
    ka.length === kb.length &&
    ka.every((k) => same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
  );
}

/**
 * The fields that differ once both records are in canonical order (normalize.ts), with the values
 * they had before, so that the history keeps everything an import overwrote.
 */
export function changedFields(before: Reserve, after: Reserve): Record<string, Plain> {
  const a = normalizeReserve(before);
  const b = normalizeReserve(after);
  const out: Record<string, Plain> = {};
  for (const k of KEYS) {
    if (!same(a[k], b[k])) out[k] = canonicalize(a[k], reserveSchema.shape[k]) ?? null;
  }
  return out;
}

/** The person as the row describes them, on top of what the library already holds. */
export function applyRow(
  existing: Reserve | undefined,
  id: string,
  rec: RosterRecord,
  policy: Policy,
  today: IsoDate,
): Reserve {
  const prior: Selection = existing?.selection ?? {};
  // A filled 入库时间 means the review was passed: without a county date it dates the review.
  const county = rec.county ?? prior.county ?? rec.entry_date;
  const selection: Selection = {
    ...prior,
    ...(rec.survey !== undefined && { survey: rec.survey }),
    ...(rec.township !== undefined && { township: rec.township }),
    ...(county !== undefined && { county }),
  };
  const intake =
    rec.intake ??
    (existing !== undefined && existing.source === rec.source ? existing.intake : intakeOf(rec.source, policy));
  const mentors = mergeMentors(existing?.mentors, rec, today);
  const entry = rec.entry_date ?? existing?.entry_date;
  // New people are 在库; passing the review is recorded once, dated by entry (or the review).
  const status = existing?.status ?? "在库";
  let changes = existing?.status_changes;
  if (county !== undefined && prior.county === undefined && statusCountsInPool(status)) {
    changes = [...(changes ?? []), { status, date: entry ?? county, reason: COUNTY_REVIEW_PASSED }];
  }
  return {
    ...existing,
    id,
    name: rec.name,
    gender: rec.gender,
    ethnicity: rec.ethnicity,
    id_number: rec.id_number,
    ...(rec.phone !== undefined && { phone: rec.phone }),
    education: rec.education,
    political_status: rec.political_status,
    source: rec.source,
    intake,
    selection,
    ...(entry !== undefined && { entry_date: entry }),
    ...(rec.target_post !== undefined && { target_post: rec.target_post }),
    ...(rec.specialties !== undefined && { specialties: rec.specialties }),
    ...(mentors !== undefined && { mentors }),
    status,
    ...(changes !== undefined && { status_changes: changes }),
    ...(rec.note !== undefined && { note: rec.note }),
  };
}

/**
 * Mentors named on the row who are not already mentoring the person are added from the row's
 * start date (or the import day); current mentors missing from the row are kept: ending a pairing
 * is recorded with its date, not inferred from a roster.
 */
function mergeMentors(
  existing: readonly Mentorship[] | undefined,
  rec: RosterRecord,
  today: IsoDate,
): readonly Mentorship[] | undefined {
  if (!rec.mentors) return existing;
  const current = new Set((existing ?? []).filter((m) => m.to === undefined).map((m) => m.name));
  const added = rec.mentors.filter((m) => !current.has(m.name));
  if (added.length === 0) return existing;
  const count = current.size + added.length;
  const mode = rec.mentorMode ?? (count > 1 ? "多带一" : "一带一");
  return [
    ...(existing ?? []),
    ...added.map((m) => ({ name: m.name, role: m.role, mode, from: rec.mentorFrom ?? today })),
  ];
}

const byIdNumber = (a: AcceptedRow, b: AcceptedRow) =>
  a.record.id_number < b.record.id_number ? -1 : a.record.id_number > b.record.id_number ? 1 : 0;

export function mergeRosters(rows: readonly AcceptedRow[], ctx: MergeContext): MergeResult {
  const { library, register, today } = ctx;
  const policy = library.district.policy;
  const diagnostics: Diagnostic[] = [];
  const villages = new Map<string, VillageOutcome>();
  const changes: HistoryChange[] = [];

  // Who is where, library-wide, and the highest sequence used for each village prefix.
  const where = new Map<string, { village: string; reserve: Reserve }>();
  const highest = new Map<string, number>();
  for (const book of library.books) {
    for (const r of book.reserves) {
      where.set(r.id_number, { village: book.village, reserve: r });
      const dash = r.id.lastIndexOf("-");
      const prefix = r.id.slice(0, dash);
      highest.set(prefix, Math.max(highest.get(prefix) ?? 0, Number(r.id.slice(dash + 1)) || 0));
    }
  }
  const books = new Map(library.books.map((b) => [b.village, b]));
  const outcome = (code: string) => {
    let o = villages.get(code);
    if (!o) villages.set(code, (o = { code, added: 0, updated: 0, unchanged: 0 }));
    return o;
  };
  const replaced = new Map<string, Map<string, Reserve>>();
  const additions = new Map<string, AcceptedRow[]>();

  for (const row of rows) {
    const { record: rec, village } = row;
    const known = where.get(rec.id_number);
    if (known && known.village !== village) {
      const here = register.villages.get(village);
      const there = register.villages.get(known.village);
      const placeName = (code: string, v: typeof here) =>
        v ? `${register.towns.get(v.town)?.name ?? ""}${v.name}（${code}）` : code;
      diagnostics.push(
        diagnostic(
          "person-in-other-village",
          {
            person: known.reserve.id,
            name: known.reserve.name,
            where: placeName(known.village, there),
            here: placeName(village, here),
            hereCode: village,
          },
          {
            location: { file: ctx.files[rec.fileIndex]!, ...cellRef(rec, "id_number") },
            village,
            ...(here && { town: here.town }),
            person: known.reserve.id,
          },
        ),
      );
      continue;
    }
    const o = outcome(village);
    if (!known) {
      const list = additions.get(village);
      if (list) list.push(row);
      else additions.set(village, [row]);
      continue;
    }
    if (!statusCountsInPool(known.reserve.status)) {
      diagnostics.push(
        diagnostic(
          "person-left-pool",
          { person: known.reserve.id, status: known.reserve.status },
          {
            location: { file: ctx.files[rec.fileIndex]!, ...cellRef(rec, "id_number") },
            village,
            person: known.reserve.id,
          },
        ),
      );
    }
    const after = applyRow(known.reserve, known.reserve.id, rec, policy, today);
    const before = changedFields(known.reserve, after);
    if (Object.keys(before).length === 0) {
      o.unchanged++;
      continue;
    }
    o.updated++;
    let map = replaced.get(village);
    if (!map) replaced.set(village, (map = new Map<string, Reserve>()));
    map.set(known.reserve.id, after);
    changes.push({ action: "update", village, person: known.reserve.id, before });
  }

  for (const [village, list] of additions) {
    let seq = highest.get(village) ?? 0;
    const o = outcome(village);
    for (const row of [...list].sort(byIdNumber)) {
      seq++;
      const id = `${village}-${String(seq).padStart(2, "0")}`;
      const r = applyRow(undefined, id, row.record, policy, today);
      const map = replaced.get(village) ?? new Map<string, Reserve>();
      replaced.set(village, map);
      map.set(id, r);
      o.added++;
      changes.push({ action: "add", village, person: id });
    }
  }

  for (const [village, map] of replaced) {
    const kept = (books.get(village)?.reserves ?? []).map((r) => map.get(r.id) ?? r);
    const known = new Set(kept.map((r) => r.id));
    for (const [id, r] of map) if (!known.has(id)) kept.push(r);
    outcome(village).reserves = kept;
  }
  changes.sort((a, b) =>
    a.village === b.village ? comparePersonIds(a.person!, b.person!) : a.village! < b.village! ? -1 : 1,
  );
  return { diagnostics, villages, changes };
}
