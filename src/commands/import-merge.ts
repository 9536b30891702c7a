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

/**
 * The day a pairing named on the row starts: its own 帮带开始时间, else the person's 入库时间 or
 * 县级审核 (from the row, else the library), else the roster's 填报日期 — never the day of the
 * import, so that the same roster imported on another day gives the same library.
 */
export function mentorStart(existing: Reserve | undefined, rec: RowValues): IsoDate | undefined {
  return (
    rec.mentorFrom ??
    rec.entry_date ??
    rec.county ??
    existing?.entry_date ??
    existing?.selection.county ??
    rec.rosterDate
  );
}

/** Mentors on the row who are not already mentoring the person (current pairings, by name). */
function newMentors(existing: Reserve | undefined, rec: RowValues) {
  const current = new Set((existing?.mentors ?? []).filter((m) => m.to === undefined).map((m) => m.name));
  return (rec.mentors ?? []).filter((m) => !current.has(m.name));
}

/** The person as the row describes them, on top of what the library already holds. */
export function applyRow(existing: Reserve | undefined, id: string, rec: RowValues, policy: Policy): Reserve {
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
  const mentors = mergeMentors(existing, rec);
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
 * Mentors named on the row who are not already mentoring the person are added from mentorStart
 * (the merge refuses a row where it is unknown); current mentors the row names take its category
 * and posts; current mentors missing from the row are kept: ending a pairing is recorded with its
 * date, not inferred from a roster.
 */
function mergeMentors(existing: Reserve | undefined, rec: RowValues): readonly Mentorship[] | undefined {
  const before = existing?.mentors;
  if (!rec.mentors) return before;
  const named = new Map(rec.mentors.map((m) => [m.name, m]));
  const kept = (before ?? []).map((m): Mentorship => {
    const row = m.to === undefined ? named.get(m.name) : undefined;
    if (!row) return m;
    const { posts, ...rest } = m;
    return { ...rest, role: row.role, ...(row.posts && { posts: row.posts }) };
  });
  const added = newMentors(existing, rec);
  if (added.length === 0) return before && kept.every((m, i) => m === before[i]) ? before : kept;
  const current = kept.filter((m) => m.to === undefined).length;
  const mode = rec.mentorMode ?? (current + added.length > 1 ? "多带一" : "一带一");
  const from = mentorStart(existing, rec)!;
  return [
    ...kept,
    ...added.map((m) => ({ name: m.name, role: m.role, ...(m.posts && { posts: m.posts }), mode, from })),
  ];
}

/** The values of a row a person's record is made from (applyRow), without where they were written. */
const VALUES = [
  "name",
  "gender",
  "ethnicity",
  "id_number",
  "phone",
  "education",
  "political_status",
  "source",
  "intake",
  "entry_date",
  "survey",
  "township",
  "county",
  "target_post",
  "specialties",
  "note",
  "mentors",
  "mentorMode",
  "mentorFrom",
  "rosterDate",
] as const satisfies readonly (keyof RosterRecord)[];

export type RowValues = Pick<RosterRecord, (typeof VALUES)[number]>;

/**
 * A new person's row as an import keeps it until their village's file is written: one string of
 * its values (a fraction of the record's memory, and nothing of the row it was read from), made
 * into the record only then.
 */
function packRow(rec: RosterRecord): string {
  return JSON.stringify(VALUES.map((k) => rec[k] ?? null));
}

function unpackRow(packed: string): RowValues {
  const values = JSON.parse(packed) as unknown[];
  const out: Record<string, unknown> = {};
  VALUES.forEach((k, i) => {
    if (values[i] !== null) out[k] = values[i];
  });
  return out as unknown as RowValues;
}

/**
 * A copy of a cell's text that does not keep the row it was cut from alive (a key kept per row
 * would otherwise pin every row of a country's roster in memory).
 */
export function detach(s: string): string {
  return (" " + s).slice(1);
}

/**
 * A new person as the summary and the quota read them: people in the pool on the audit date are
 * only counted; of those awaiting the county review, the ID number (their order) and name (the
 * quota lists them).
 */
interface SlimRow {
  readonly id_number: string;
  readonly name: string;
  readonly county: string | undefined;
}

/** A village's outcome and its new people already in the pool (only counted). */
interface VillageTally {
  readonly outcome: VillageOutcome;
  n: number;
}

/** What the quota and the summary read of a new person already in the pool. */
const COUNTED: Reserve = Object.freeze({
  id: "",
  name: "",
  status: "在库",
  selection: Object.freeze({ county: "0000-01-01" }),
}) as unknown as Reserve;

/**
 * The merge, a row at a time as the rows are read: a row of a person the library knows is merged
 * at once (it needs only that person's record); new people are kept per village until the end,
 * when they get their ids. Of a new person the summary and the quota get only what they read
 * (finish), so that a country's roster is checked in bounded memory; an import that writes keeps
 * their rows packed besides, and makes the records of one village at a time as its file is
 * written (written).
 */
export class RosterMerger {
  private readonly diagnostics: Diagnostic[] = [];
  private readonly villages = new Map<string, VillageOutcome>();
  private readonly changes: HistoryChange[] = [];
  private readonly where = new Map<string, { village: string; reserve: Reserve }>();
  private readonly highest = new Map<string, number>();
  private readonly books: Map<string, Library["books"][number]>;
  /** People of the library the rows changed, by village and id. */
  private readonly replaced = new Map<string, Map<string, Reserve>>();
  /** New people awaiting the county review, per village. */
  private readonly additions = new Map<string, SlimRow[]>();
  /** Each village's outcome with its count of new people in the pool on the audit date. */
  private readonly counted = new Map<string, VillageTally>();
  /** The village of the row before: a roster lists a village's people together. */
  private last: VillageTally | undefined;
  /** With `write`: every new person's row, packed (packRow), per village. */
  private readonly rows = new Map<string, string[]>();
  private readonly policy: Policy;

  /** New people are judged on `date` (the audit's); `write` keeps their rows for written(). */
  constructor(
    private readonly ctx: MergeContext,
    private readonly options: { readonly date: IsoDate; readonly write: boolean },
  ) {
    const { library } = ctx;
    this.policy = library.district.policy;
    for (const book of library.books) {
      for (const r of book.reserves) {
        this.where.set(r.id_number, { village: book.village, reserve: r });
        const dash = r.id.lastIndexOf("-");
        const prefix = r.id.slice(0, dash);
        this.highest.set(prefix, Math.max(this.highest.get(prefix) ?? 0, Number(r.id.slice(dash + 1)) || 0));
      }
    }
    this.books = new Map(library.books.map((b) => [b.village, b]));
  }

  private outcome(code: string): VillageOutcome {
    return this.village(code).outcome;
  }

  private village(code: string): VillageTally {
    if (this.last?.outcome.code === code) return this.last;
    let tally = this.counted.get(code);
    if (!tally) {
      const outcome = { code, added: 0, updated: 0, unchanged: 0 };
      this.villages.set(code, outcome);
      this.counted.set(code, (tally = { outcome, n: 0 }));
    }
    return (this.last = tally);
  }

  add(row: AcceptedRow): void {
    const { register } = this.ctx;
    const { record: rec, village } = row;
    const known = this.where.get(rec.id_number);
    if (mentorStart(known?.reserve, rec) === undefined && newMentors(known?.reserve, rec).length > 0) {
      this.diagnostics.push(
        diagnostic(
          "mentor-start-missing",
          { mentor: newMentors(known?.reserve, rec)[0]!.name },
          { location: { file: this.ctx.files[rec.fileIndex]!, ...cellRef(rec, "mentor") }, village },
        ),
      );
      return;
    }
    if (known && known.village !== village) {
      const here = register.villages.get(village);
      const there = register.villages.get(known.village);
      const placeName = (code: string, v: typeof here) =>
        v ? `${register.towns.get(v.town)?.name ?? ""}${v.name}（${code}）` : code;
      this.diagnostics.push(
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
            location: { file: this.ctx.files[rec.fileIndex]!, ...cellRef(rec, "id_number") },
            village,
            ...(here && { town: here.town }),
            person: known.reserve.id,
          },
        ),
      );
      return;
    }
    const here = this.village(village);
    const o = here.outcome;
    if (!known) {
      if (this.options.write) {
        const packed = this.rows.get(village);
        if (packed) packed.push(packRow(rec));
        else this.rows.set(village, [packRow(rec)]);
      }
      // As applyRow makes a new person: 在库, reviewed on the county date or else the entry date.
      const county = rec.county ?? rec.entry_date;
      if (county !== undefined && county <= this.options.date) {
        o.added++;
        here.n++;
        return;
      }
      const kept = { id_number: detach(rec.id_number), name: detach(rec.name), county: county && detach(county) };
      const list = this.additions.get(village);
      if (list) list.push(kept);
      else this.additions.set(village, [kept]);
      return;
    }
    if (!statusCountsInPool(known.reserve.status)) {
      this.diagnostics.push(
        diagnostic(
          "person-left-pool",
          { person: known.reserve.id, status: known.reserve.status },
          {
            location: { file: this.ctx.files[rec.fileIndex]!, ...cellRef(rec, "id_number") },
            village,
            person: known.reserve.id,
          },
        ),
      );
    }
    const after = applyRow(known.reserve, known.reserve.id, rec, this.policy);
    const before = changedFields(known.reserve, after);
    if (Object.keys(before).length === 0) {
      o.unchanged++;
      return;
    }
    o.updated++;
    let map = this.replaced.get(village);
    if (!map) this.replaced.set(village, (map = new Map<string, Reserve>()));
    map.set(known.reserve.id, after);
    this.changes.push({ action: "update", village, person: known.reserve.id, before });
  }

  /**
   * The outcome per village, its reserves as the summary and the quota read them (new people as
   * their SlimRow or COUNTED), and the history's changes.
   */
  finish(): MergeResult {
    const slimOf = new Map<string, Map<string, Reserve>>();
    for (const [village, list] of this.additions) {
      let seq = this.highest.get(village) ?? 0;
      const o = this.outcome(village);
      const ordered = [...list].sort((a, b) => (a.id_number < b.id_number ? -1 : a.id_number > b.id_number ? 1 : 0));
      const map = new Map<string, Reserve>();
      slimOf.set(village, map);
      for (const x of ordered) {
        seq++;
        const id = `${village}-${String(seq).padStart(2, "0")}`;
        map.set(id, {
          id,
          name: x.name,
          status: "在库",
          selection: x.county === undefined ? {} : { county: x.county },
        } as Reserve);
        o.added++;
      }
    }
    this.additions.clear();
    // New people get the numbers after the village's highest (in ID-number order, see written).
    for (const [village, packed] of this.rows) {
      const from = this.highest.get(village) ?? 0;
      for (let n = 1; n <= packed.length; n++) {
        this.changes.push({ action: "add", village, person: `${village}-${String(from + n).padStart(2, "0")}` });
      }
    }
    const shared = new Map<number, Reserve[]>();
    for (const [village, { n: count }] of this.counted) {
      if (count === 0) continue;
      if (this.replaced.has(village) || slimOf.has(village) || this.books.has(village)) continue;
      let list = shared.get(count);
      if (!list) shared.set(count, (list = Object.freeze(Array.from({ length: count }, () => COUNTED)) as Reserve[]));
      this.outcome(village).reserves = list;
    }
    const countedIn = [...this.counted].filter(([, t]) => t.n > 0).map(([village]) => village);
    for (const village of new Set([...this.replaced.keys(), ...slimOf.keys(), ...countedIn])) {
      if (this.villages.get(village)!.reserves) continue;
      const map = this.replaced.get(village);
      const kept = (this.books.get(village)?.reserves ?? []).map((r) => map?.get(r.id) ?? r);
      for (let i = this.counted.get(village)?.n ?? 0; i > 0; i--) kept.push(COUNTED);
      for (const r of slimOf.get(village)?.values() ?? []) kept.push(r);
      this.outcome(village).reserves = kept;
    }
    this.changes.sort((a, b) =>
      a.village === b.village ? comparePersonIds(a.person!, b.person!) : a.village! < b.village! ? -1 : 1,
    );
    return { diagnostics: this.diagnostics, villages: this.villages, changes: this.changes };
  }

  /**
   * After finish, with `write`: each changed village's reserves as the import leaves them, in the
   * order of finish's villages, made one village at a time (its packed rows let go as it is made).
   * New people get `<village>-<NN>` after the highest number, in ID-number order.
   */
  *written(): Generator<{ readonly village: string; readonly reserves: Reserve[] }> {
    for (const o of this.villages.values()) {
      if (!o.reserves) continue;
      const village = o.code;
      const rows = (this.rows.get(village) ?? []).map(unpackRow);
      this.rows.delete(village);
      rows.sort((a, b) => (a.id_number < b.id_number ? -1 : a.id_number > b.id_number ? 1 : 0));
      const map = this.replaced.get(village);
      this.replaced.delete(village);
      const reserves = (this.books.get(village)?.reserves ?? []).map((r) => map?.get(r.id) ?? r);
      let seq = this.highest.get(village) ?? 0;
      for (const rec of rows) {
        seq++;
        reserves.push(applyRow(undefined, `${village}-${String(seq).padStart(2, "0")}`, rec, this.policy));
      }
      yield { village, reserves };
    }
  }
}
