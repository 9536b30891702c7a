import { createHash } from "node:crypto";
import type { IsoDate } from "../domain/dates.js";
import type { RecordKey, RecordKind } from "../domain/cultivation-columns.js";
import type { Library } from "../domain/library.js";
import type {
  Mentorship,
  PartyStep,
  PracticeAssignment,
  ScreeningAttestation,
  TrainingSession,
} from "../domain/model.js";
import { findTown, findVillage } from "../domain/places.js";
import { datedSessionId, SESSION_HASH_DIGITS } from "../domain/training-session.js";
import { heldYears, holds, type HeldYears } from "./period.js";
import {
  PARTY_STAGE,
  type MentorMode,
  type PartyStage,
  type PoliticalStatus,
  type ScreeningResult,
  type TrainingLevel,
  type TrainingTopic,
} from "../domain/terms.js";
import type { DiagnosticCode } from "../diagnostics/codes.js";
import { diagnostic, type DiagnosticArgs } from "../diagnostics/diagnostic.js";
import { showValue } from "../diagnostics/display.js";
import { sessionFile, trainingTarget, TRAINING_YEAR_FILE_NAME } from "../io/layout.js";
import type { CellRef, MentorPostsValue, ReadRow } from "../schema/cultivation-row.js";
import type { Sink } from "./cycle-tables.js";
import type { Person } from "./record-people.js";

/**
 * What each kind of cultivation record does to the library (docs/cultivation.md "What a row
 * does"). Rows are applied in file order to working copies; nothing is ever deleted: ending a
 * mentorship or a practice post sets its end date and keeps it. Facts already recorded are
 * unchanged, so recording the same file again changes nothing.
 */

export interface Tally {
  added: number;
  updated: number;
  unchanged: number;
}

/** Where a row is, for messages about it (duplicates, overlaps) found after reading it. */
export interface RowAt {
  readonly file: string;
  readonly line: number;
}

export interface RowContext {
  readonly file: string;
  readonly read: ReadRow;
  readonly person: Person;
  /** The header as written for a column (or its Chinese name when the file has none). */
  readonly fieldOf: (key: RecordKey) => string;
}

export interface KindContext {
  readonly library: Library;
  readonly today: IsoDate;
  readonly sink: Sink;
  readonly tally: Tally;
}

export function report(
  sink: Sink,
  code: DiagnosticCode,
  args: DiagnosticArgs,
  file: string,
  at: CellRef,
  person?: Person,
): void {
  sink.push(
    diagnostic(code, args, {
      location: { file, line: at.line, column: at.column, field: at.field },
      ...(person && { village: person.village, person: person.current.id }),
      ...(person?.town !== undefined && { town: person.town }),
    }),
  );
}

/** `first` and `firstFile` of a message pointing at an earlier row (the file only when it is another). */
function firstArgs(first: RowAt, file: string): { first: number; firstFile: string } {
  return { first: first.line, firstFile: first.file === file ? "" : first.file };
}

/** Remembers the first row of each fact, and reports a second one as `record-duplicate`. */
class Seen {
  private readonly rows = new Map<string, RowAt>();
  /** True when the fact is new in this run. */
  check(ctx: KindContext, row: RowContext, key: string, what: string, at: CellRef): boolean {
    const id = `${row.person.current.id}\u0000${key}`;
    const first = this.rows.get(id);
    if (first) {
      report(ctx.sink, "record-duplicate", { what, ...firstArgs(first, row.file) }, row.file, at, row.person);
      return false;
    }
    this.rows.set(id, { file: row.file, line: row.read.line });
    return true;
  }
}

function emptyValue(ctx: KindContext, row: RowContext, key: RecordKey, at: CellRef = row.read.ref(key)): void {
  report(ctx.sink, "empty-value", { field: row.fieldOf(key) }, row.file, at, row.person);
}

/** The columns of the file being read. */
export interface FileColumns {
  /** The header as written for a column (or its Chinese name when the file has none). */
  readonly fieldOf: (key: RecordKey) => string;
  /** Reports, once per file, a column a row needs and the file does not have. */
  readonly missing: (key: RecordKey) => void;
}

export interface KindHandler {
  /** A row whose person is known (and whose cells were read without error). */
  row(ctx: KindContext, row: RowContext): void;
  /** A row of the file, before its person is resolved; used by sign-in sheets for the session cells. */
  describe?(ctx: KindContext, file: string, read: ReadRow, columns: FileColumns): void;
  /** Checks that need every row (overlapping periods, stage order). */
  finish?(ctx: KindContext): void;
}

// ---------------------------------------------------------------------------------------------
// Training sign-in sheets

const SESSION_KEYS = ["session_id", "date", "title", "level", "unit", "topics", "hours"] as const;
type SessionField = "date" | "title" | "level" | "unit" | "topics" | "hours";
const SESSION_FIELDS: readonly SessionField[] = ["date", "title", "level", "unit", "topics", "hours"];

interface SessionDesc {
  date?: IsoDate;
  title?: string;
  level?: TrainingLevel;
  unit?: string;
  topics?: readonly TrainingTopic[];
  hours?: number;
}

/** Equal plain records, whatever the order of their keys. */
function samePlain(a: object, b: object): boolean {
  const entries = (o: object) =>
    Object.entries(o)
      .filter(([, v]) => v !== undefined)
      .sort(([x], [y]) => (x < y ? -1 : 1));
  return JSON.stringify(entries(a)) === JSON.stringify(entries(b));
}

const fieldText = (v: unknown): string =>
  Array.isArray(v) ? v.join("、") : typeof v === "string" || typeof v === "number" ? String(v) : "";
const sameField = (a: unknown, b: unknown) => fieldText(a) === fieldText(b);

export interface SessionOutcome {
  readonly session: TrainingSession;
  readonly created: boolean;
  /** Fields an earlier version had, when the run changed an existing session. */
  readonly before?: Partial<TrainingSession>;
}

/** A training file to write: a year's file of an older library, or one session's file. */
export interface TrainingFileOut {
  readonly target: string;
  readonly year: number;
  readonly sessions: readonly TrainingSession[];
  /** A file of trainings/<year>.yaml (many sessions) rather than one session's. */
  readonly yearFile: boolean;
}

/**
 * 培训签到表. The session is given on the row (场次编号 of an existing one, or 培训日期, 主题, 层级,
 * 学时, 举办单位, 培训内容), or left empty to continue the session of the row above; the same date
 * and title name the same session. A new session gets an id made from its date, unit and title
 * (domain/training-session.ts) and a file of its own; filled cells of an existing one update it
 * in the file it is in. Each attendee's file gets the session id.
 */
export class TrainingHandler implements KindHandler {
  /** The training files, by target: their sessions as this run leaves them. */
  private readonly files = new Map<string, { year: number; sessions: TrainingSession[]; yearFile: boolean }>();
  /** The file each session is in. */
  private readonly home = new Map<string, string>();
  private readonly original = new Map<string, TrainingSession>();
  private readonly created = new Set<string>();
  /** The first row that described each session in this run, and what it said. */
  private readonly described = new Map<string, { at: RowAt; desc: SessionDesc }>();
  private readonly seen = new Seen();
  private readonly district: Library["district"];
  private readonly library: Library;
  private held: HeldYears | undefined;
  /** The session of the current file's previous row: an id, or "bad" when it could not be read. */
  private current: { file: string; session: string } | undefined;

  constructor(library: Library) {
    this.district = library.district;
    this.library = library;
    for (const t of library.trainings) {
      const target = trainingTarget(t.file);
      const yearFile = TRAINING_YEAR_FILE_NAME.test(target.slice(target.indexOf("/") + 1));
      this.files.set(target, { year: t.year, sessions: [...t.sessions], yearFile });
      for (const s of t.sessions) {
        if (!this.home.has(s.id)) this.home.set(s.id, target);
        if (!this.original.has(s.id)) this.original.set(s.id, s);
      }
    }
  }

  private all(): TrainingSession[] {
    return [...this.files.values()].flatMap((f) => f.sessions);
  }

  private byId(id: string): TrainingSession | undefined {
    const home = this.home.get(id);
    return home === undefined ? undefined : this.files.get(home)!.sessions.find((s) => s.id === id);
  }

  private put(session: TrainingSession): void {
    const home = this.home.get(session.id);
    if (home !== undefined) {
      const list = this.files.get(home)!.sessions;
      list[list.findIndex((s) => s.id === session.id)] = session;
      return;
    }
    const target = sessionFile(session.id);
    this.home.set(session.id, target);
    this.files.set(target, { year: Number(session.date.slice(0, 4)), sessions: [session], yearFile: false });
  }

  /**
   * A new session's id. Another session of the same day and unit with the same first digits of
   * its title's hash (a different title, else it would be the same session) takes more digits.
   */
  private newId(date: IsoDate, unit: string, title: string): string {
    const digest = createHash("sha256").update(title, "utf8").digest("hex");
    let id = "";
    for (let digits = SESSION_HASH_DIGITS.min; digits <= SESSION_HASH_DIGITS.max; digits++) {
      id = datedSessionId(date, unit, digest, digits);
      if (!this.home.has(id)) break;
    }
    return id;
  }

  describe(ctx: KindContext, file: string, read: ReadRow, columns: FileColumns): void {
    const fieldOf = columns.fieldOf;
    if (this.current?.file !== file) this.current = undefined;
    const at = (key: RecordKey) => read.ref(key);
    const describes = SESSION_KEYS.some((k) => read.filled.has(k));
    if (!describes) {
      // Without a 培训日期 or 场次编号 column the header is already reported as incomplete.
      if (this.current === undefined && read.ref("date").field === "" && read.ref("session_id").field === "") {
        this.current = { file, session: "bad" };
      } else if (this.current === undefined) {
        report(ctx.sink, "empty-value", { field: fieldOf("date") }, file, at("date"));
        this.current = { file, session: "bad" };
      }
      return;
    }
    this.current = { file, session: this.session(ctx, file, read, columns) };
  }

  /** The session a row describes, created or updated; "bad" when its cells say no usable session. */
  private session(ctx: KindContext, file: string, read: ReadRow, columns: FileColumns): string {
    const { fieldOf } = columns;
    const v = read.values;
    // Without a 培训日期 or 场次编号 column the header is already reported as incomplete.
    if (read.ref("date").field === "" && read.ref("session_id").field === "") return "bad";
    if (SESSION_KEYS.some((k) => read.filled.has(k) && v[k] === undefined)) return "bad";
    const desc: SessionDesc = {
      ...(v.date !== undefined && { date: v.date as IsoDate }),
      ...(v.title !== undefined && { title: v.title as string }),
      ...(v.level !== undefined && { level: v.level as TrainingLevel }),
      ...(v.topics !== undefined && { topics: v.topics as TrainingTopic[] }),
      ...(v.hours !== undefined && { hours: v.hours as number }),
    };
    if (v.unit !== undefined) {
      const unit = this.unit(v.unit as string);
      if (typeof unit !== "string") {
        report(ctx.sink, "unit-unknown", { value: showValue(v.unit), ...unit }, file, read.ref("unit"));
        return "bad";
      }
      desc.unit = unit;
    }
    let existing: TrainingSession | undefined;
    const id = v.session_id as string | undefined;
    if (id !== undefined) {
      existing = this.byId(id);
      if (!existing) {
        report(ctx.sink, "session-unknown", { value: showValue(id) }, file, read.ref("session_id"));
        return "bad";
      }
      if (desc.date !== undefined && desc.date !== existing.date) {
        report(
          ctx.sink,
          "session-inconsistent",
          { field: fieldOf("date"), value: desc.date, other: existing.date, first: 0, firstFile: "", session: id },
          file,
          read.ref("date"),
        );
        return "bad";
      }
    } else {
      // The date and title name the session; a new one needs its level and hours too.
      const key = (["date", "title"] as const).filter((k) => desc[k] === undefined);
      existing = key.length === 0 ? this.all().find((s) => s.date === desc.date && s.title === desc.title) : undefined;
      const missing = existing
        ? []
        : (["date", "title", "level", "hours"] as const).filter((k) => desc[k] === undefined);
      for (const k of missing) {
        if (read.ref(k).field === "") columns.missing(k);
        else report(ctx.sink, "empty-value", { field: fieldOf(k) }, file, read.ref(k));
      }
      if (missing.length > 0) return "bad";
    }
    // Rows of the run that describe the same session must agree; the first one updates it.
    const first = existing ? this.described.get(existing.id) : undefined;
    if (first) {
      let consistent = true;
      for (const f of SESSION_FIELDS) {
        const a = desc[f];
        const b = first.desc[f];
        if (a === undefined || b === undefined || sameField(a, b)) continue;
        consistent = false;
        report(
          ctx.sink,
          "session-inconsistent",
          {
            field: fieldOf(f),
            value: showValue(fieldText(a)),
            other: showValue(fieldText(b)),
            session: existing!.id,
            ...firstArgs(first.at, file),
          },
          file,
          read.ref(f),
        );
      }
      return consistent ? existing!.id : "bad";
    }
    if (existing) {
      this.described.set(existing.id, { at: { file, line: read.line }, desc });
      const updated: TrainingSession = { ...existing, ...desc };
      if (SESSION_FIELDS.some((f) => !sameField(updated[f], existing[f]))) this.put(updated);
      return existing.id;
    }
    // A new session belongs to a year the library holds (commands/period.ts), as --year must.
    const year = Number(desc.date!.slice(0, 4));
    this.held ??= heldYears(
      this.district.year,
      this.library.trainings,
      this.library.books.map((b) => b.reserves),
    );
    if (!holds(this.held, year)) {
      report(ctx.sink, "session-year-not-held", { value: desc.date!, year, ...this.held }, file, read.ref("date"));
      return "bad";
    }
    const session: TrainingSession = {
      id: this.newId(desc.date!, desc.unit ?? this.district.code, desc.title!),
      date: desc.date!,
      title: desc.title!,
      level: desc.level!,
      ...(desc.unit !== undefined && { unit: desc.unit }),
      topics: desc.topics ?? [],
      hours: desc.hours!,
    };
    this.put(session);
    this.created.add(session.id);
    this.described.set(session.id, { at: { file, line: read.line }, desc });
    return session.id;
  }

  /** A town or village code from its code or name; the lookup's failure otherwise. */
  private unit(input: string): string | { reason: "unknown" | "ambiguous"; matches: string } {
    const d = this.district;
    const town = findTown(d, input);
    if (town.ok) return town.value.code;
    const village = findVillage(d, input);
    if (village.ok) return village.value.code;
    const ambiguous = village.reason === "ambiguous" || town.reason === "ambiguous";
    return {
      reason: ambiguous ? "ambiguous" : "unknown",
      matches: [...town.matches, ...village.matches].join("、"),
    };
  }

  row(ctx: KindContext, row: RowContext): void {
    const current = this.current;
    if (!current || current.session === "bad" || current.file !== row.file) return;
    const session = this.byId(current.session)!;
    const at = row.read.ref("id").field !== "" ? row.read.ref("id") : row.read.ref("id_number");
    const what = `${row.person.current.name} ${session.date} ${session.title}`;
    if (!this.seen.check(ctx, row, session.id, what, at)) return;
    const attended = row.person.current.trainings ?? [];
    if (attended.includes(session.id)) {
      ctx.tally.unchanged++;
      return;
    }
    row.person.current = { ...row.person.current, trainings: [...attended, session.id] };
    ctx.tally.added++;
  }

  /** The sessions created and changed by the run, and the training files to write. */
  outcome(): { sessions: SessionOutcome[]; files: TrainingFileOut[] } {
    const sessions: SessionOutcome[] = [];
    const targets = new Set<string>();
    for (const [target, f] of this.files) {
      for (const s of f.sessions) {
        const before = this.original.get(s.id);
        if (this.created.has(s.id)) {
          sessions.push({ session: s, created: true });
          targets.add(target);
        } else if (before && before !== s) {
          const changed: Partial<TrainingSession> = {};
          for (const field of SESSION_FIELDS) {
            if (!sameField(before[field], s[field])) Object.assign(changed, { [field]: before[field] ?? null });
          }
          sessions.push({ session: s, created: false, before: changed });
          targets.add(target);
        }
      }
    }
    sessions.sort((a, b) => (a.session.id < b.session.id ? -1 : 1));
    return {
      sessions,
      files: [...targets].sort().map((target) => ({ target, ...this.files.get(target)! })),
    };
  }
}

// ---------------------------------------------------------------------------------------------
// Mentors and practice posts: dated periods

interface Period {
  readonly from: IsoDate;
  readonly to?: IsoDate;
}

const overlaps = (a: Period, b: Period) => a.from <= (b.to ?? "9999-12-31") && b.from <= (a.to ?? "9999-12-31");

/**
 * The shared rule of 帮带 and 定岗锻炼: a row names a period by its name (the mentor, the post) and
 * start. With a start, the period with that name and start is updated, or a new one begins. Without
 * a start, the row ends (or amends) the open period with that name. Ending sets the end date; the
 * period stays in the record.
 */
abstract class PeriodHandler<T extends Period> implements KindHandler {
  private readonly seen = new Seen();
  /** Periods written by this run: person id → name and start → the row. */
  private readonly touched = new Map<string, { person: Person; rows: Map<string, { at: RowAt; ref: CellRef }> }>();

  protected abstract readonly kind: "mentor" | "post";
  protected abstract readonly nameKey: RecordKey;
  protected abstract list(p: Person): readonly T[];
  protected abstract set(p: Person, list: T[]): void;
  protected abstract nameOf(x: T): string;
  /** The new period a row starts, or undefined (with the problem reported) when the row lacks something. */
  protected abstract create(
    ctx: KindContext,
    row: RowContext,
    name: string,
    from: IsoDate,
    to?: IsoDate,
  ): T | undefined;
  /** The period amended by a row's other cells. */
  protected abstract amend(row: RowContext, x: T): T;
  /** Whether two overlapping periods of a person conflict. */
  protected abstract conflict(a: T, b: T): boolean;

  row(ctx: KindContext, row: RowContext): void {
    const v = row.read.values;
    const name = v[this.nameKey] as string;
    const from = v.from as IsoDate | undefined;
    const to = v.to as IsoDate | undefined;
    if (from !== undefined && to !== undefined && to < from) {
      report(
        ctx.sink,
        "period-order",
        { field: row.fieldOf("to"), value: to, from },
        row.file,
        row.read.ref("to"),
        row.person,
      );
      return;
    }
    const what = `${row.person.current.name} ${name} ${from ?? ""}`.trim();
    if (!this.seen.check(ctx, row, `${name}\u0000${from ?? ""}`, what, row.read.ref(this.nameKey))) return;
    const list = [...this.list(row.person)];
    let i: number;
    if (from !== undefined) i = list.findIndex((x) => this.nameOf(x) === name && x.from === from);
    else {
      i = -1;
      list.forEach((x, j) => {
        if (this.nameOf(x) === name && x.to === undefined && (i < 0 || x.from >= list[i]!.from)) i = j;
      });
    }
    let written: T;
    if (i >= 0) {
      const old = list[i]!;
      const next = this.amend(row, { ...old, ...(to !== undefined && { to }) });
      if (next.to !== undefined && next.to < next.from) {
        report(
          ctx.sink,
          "period-order",
          { field: row.fieldOf("to"), value: next.to, from: next.from },
          row.file,
          row.read.ref("to"),
          row.person,
        );
        return;
      }
      if (samePlain(next, old)) {
        ctx.tally.unchanged++;
        return;
      }
      list[i] = next;
      written = next;
      ctx.tally.updated++;
    } else {
      if (from === undefined) {
        if (to !== undefined) {
          report(
            ctx.sink,
            "nothing-to-end",
            { kind: this.kind, value: showValue(name) },
            row.file,
            row.read.ref(this.nameKey),
            row.person,
          );
        } else emptyValue(ctx, row, "from", row.read.ref(row.read.ref("from").field !== "" ? "from" : this.nameKey));
        return;
      }
      const created = this.create(ctx, row, name, from, to);
      if (!created) return;
      list.push(created);
      written = created;
      ctx.tally.added++;
    }
    this.set(row.person, list);
    const id = row.person.current.id;
    const entry = this.touched.get(id) ?? { person: row.person, rows: new Map() };
    entry.rows.set(`${this.nameOf(written)}\u0000${written.from}`, {
      at: { file: row.file, line: row.read.line },
      ref: row.read.ref(this.nameKey),
    });
    this.touched.set(id, entry);
  }

  finish(ctx: KindContext): void {
    for (const { person, rows } of this.touched.values()) {
      const list = this.list(person);
      const reported = new Set<string>();
      for (const [key, where] of rows) {
        const mine = list.find((x) => `${this.nameOf(x)}\u0000${x.from}` === key);
        if (!mine) continue;
        for (const other of list) {
          if (other === mine || !overlaps(mine, other) || !this.conflict(mine, other)) continue;
          const otherKey = `${this.nameOf(other)}\u0000${other.from}`;
          // Each conflicting pair once, at the row of the later period when both come from this run.
          if (rows.has(otherKey) && (other.from > mine.from || (other.from === mine.from && otherKey > key))) continue;
          if (reported.has(key)) continue;
          reported.add(key);
          report(
            ctx.sink,
            "period-overlap",
            { kind: this.kind, other: this.nameOf(other), from: other.from },
            where.at.file,
            where.ref,
            person,
          );
        }
      }
    }
  }
}

/** A pairing with the category and posts a 帮带人职务 cell gives (its posts dropped when the cell names a category only). */
function withPosts(m: Mentorship, value: MentorPostsValue | undefined): Mentorship {
  if (!value) return m;
  const { posts, ...rest } = m;
  return { ...rest, role: value.role, ...(value.posts && { posts: value.posts }) };
}

/** 帮带: one row per pairing (a reserve with several mentors has several rows). */
export class MentorHandler extends PeriodHandler<Mentorship> {
  protected readonly kind = "mentor";
  protected readonly nameKey = "mentor";
  protected list(p: Person) {
    return p.current.mentors ?? [];
  }
  protected set(p: Person, list: Mentorship[]) {
    p.current = { ...p.current, mentors: list };
  }
  protected nameOf(m: Mentorship) {
    return m.name;
  }
  protected create(ctx: KindContext, row: RowContext, name: string, from: IsoDate, to?: IsoDate) {
    const posts = row.read.values.mentor_role as MentorPostsValue | undefined;
    if (posts === undefined) {
      emptyValue(
        ctx,
        row,
        "mentor_role",
        row.read.ref(row.read.ref("mentor_role").field !== "" ? "mentor_role" : "mentor"),
      );
      return undefined;
    }
    const mode = (row.read.values.mentor_mode as MentorMode | undefined) ?? "一带一";
    return {
      name,
      role: posts.role,
      ...(posts.posts && { posts: posts.posts }),
      mode,
      from,
      ...(to !== undefined && { to }),
    };
  }
  protected amend(row: RowContext, m: Mentorship): Mentorship {
    const v = row.read.values;
    return withPosts(
      { ...m, ...(v.mentor_mode !== undefined && { mode: v.mentor_mode as MentorMode }) },
      v.mentor_role as MentorPostsValue | undefined,
    );
  }
  /** 一带一 means one mentor at a time: a one-to-one pairing may not overlap any other. */
  protected conflict(a: Mentorship, b: Mentorship) {
    return a.mode === "一带一" || b.mode === "一带一" || a.name === b.name;
  }
}

/** 定岗锻炼: a reserve may hold several posts at once, but not the same post twice. */
export class PostHandler extends PeriodHandler<PracticeAssignment> {
  protected readonly kind = "post";
  protected readonly nameKey = "post";
  protected list(p: Person) {
    return p.current.posts ?? [];
  }
  protected set(p: Person, list: PracticeAssignment[]) {
    p.current = { ...p.current, posts: list };
  }
  protected nameOf(x: PracticeAssignment) {
    return x.post;
  }
  protected create(_ctx: KindContext, _row: RowContext, name: string, from: IsoDate, to?: IsoDate) {
    return { post: name, from, ...(to !== undefined && { to }) };
  }
  protected amend(_row: RowContext, x: PracticeAssignment) {
    return x;
  }
  protected conflict(a: PracticeAssignment, b: PracticeAssignment) {
    return a.post === b.post;
  }
}

// ---------------------------------------------------------------------------------------------
// Party development

const STAGES = PARTY_STAGE.values;
/** Political statuses a party-development step may advance (a member of another party is not changed). */
const ADVANCES: Partial<Record<PoliticalStatus, number>> = { 群众: 0, 共青团员: 0, 中共预备党员: 1 };

/**
 * 入党培养. A row records the day a non-member reached a stage; a stage already recorded with another
 * day is corrected. The stages must come in order (入党申请人 → … → 党员). Reaching 预备党员 or 党员
 * also makes the political status 中共预备党员 or 中共党员, for a 群众 or 共青团员.
 */
export class PartyHandler implements KindHandler {
  private readonly seen = new Seen();
  private readonly touched = new Map<
    string,
    { person: Person; rows: Map<PartyStage, { file: string; order: number; ref: CellRef }> }
  >();
  private order = 0;
  /** People whose political status the run advanced. */
  political = 0;

  row(ctx: KindContext, row: RowContext): void {
    const stage = row.read.values.stage as PartyStage;
    const date = row.read.values.date as IsoDate;
    if (!this.seen.check(ctx, row, stage, `${row.person.current.name} ${stage}`, row.read.ref("stage"))) return;
    const steps = [...(row.person.current.party ?? [])];
    const i = steps.findIndex((s) => s.stage === stage);
    if (i >= 0 && steps[i]!.date === date) {
      ctx.tally.unchanged++;
      return;
    }
    if (i >= 0) {
      steps[i] = { stage, date };
      ctx.tally.updated++;
    } else {
      steps.push({ stage, date });
      ctx.tally.added++;
    }
    row.person.current = { ...row.person.current, party: steps };
    const entry = this.touched.get(row.person.current.id) ?? { person: row.person, rows: new Map() };
    entry.rows.set(stage, { file: row.file, order: this.order++, ref: row.read.ref("date") });
    this.touched.set(row.person.current.id, entry);
  }

  finish(ctx: KindContext): void {
    for (const { person, rows } of this.touched.values()) {
      const steps: readonly PartyStep[] = person.current.party ?? [];
      let ordered = true;
      for (const [stage, where] of rows) {
        const mine = steps.find((s) => s.stage === stage)!;
        const k = STAGES.indexOf(stage);
        const wrong = steps.find((s) => {
          const j = STAGES.indexOf(s.stage);
          return (j < k && s.date > mine.date) || (j > k && s.date < mine.date);
        });
        if (!wrong) continue;
        ordered = false;
        // A pair recorded by two rows of the run is reported once, at the later row.
        const partner = rows.get(wrong.stage);
        if (partner && partner.order > where.order) continue;
        report(
          ctx.sink,
          "party-stage-order",
          {
            stage,
            value: mine.date,
            other: wrong.stage,
            otherDate: wrong.date,
            later: STAGES.indexOf(wrong.stage) > k ? 1 : 0,
          },
          where.file,
          where.ref,
          person,
        );
      }
      if (!ordered) continue;
      const reached = steps
        .filter((s) => s.date <= ctx.today)
        .reduce((m, s) => Math.max(m, STAGES.indexOf(s.stage)), -1);
      const status = person.current.political_status;
      const from = ADVANCES[status];
      if (from === undefined) continue;
      const next: PoliticalStatus | undefined =
        reached === STAGES.indexOf("党员")
          ? "中共党员"
          : reached === STAGES.indexOf("预备党员") && from === 0
            ? "中共预备党员"
            : undefined;
      if (next !== undefined && next !== status) {
        person.current = { ...person.current, political_status: next };
        this.political++;
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Eligibility screening

/**
 * 资格联审. A row is one department's attestation for one person on one day: 通过, or 不通过 with the
 * negative-list item (its number in policy.screening.negative_list, or its wording). The same
 * department and day again corrects the result.
 */
export class ScreeningHandler implements KindHandler {
  private readonly seen = new Seen();

  row(ctx: KindContext, row: RowContext): void {
    const v = row.read.values;
    const { departments, negative_list, list } = ctx.library.district.policy.screening;
    const department = v.department as string;
    const result = v.result as ScreeningResult;
    const date = v.date as IsoDate;
    if (!departments.includes(department)) {
      report(
        ctx.sink,
        "bad-term",
        {
          field: row.fieldOf("department"),
          value: showValue(department),
          allowed: departments.join("、"),
          official: "",
        },
        row.file,
        row.read.ref("department"),
        row.person,
      );
      return;
    }
    const written = v.item as string | number | undefined;
    let item: string | undefined;
    if (result === "不通过") {
      if (written === undefined) {
        const at = row.read.ref(row.read.ref("item").field !== "" ? "item" : "result");
        report(ctx.sink, "screening-item-missing", { count: negative_list.length }, row.file, at, row.person);
        return;
      }
      const text = String(written).trim();
      const n = /^\d+$/.test(text) ? Number(text) : NaN;
      item =
        Number.isInteger(n) && n >= 1 && n <= negative_list.length
          ? negative_list[n - 1]
          : negative_list.find((x) => x === text);
      if (item === undefined) {
        report(
          ctx.sink,
          "screening-item-unknown",
          { value: showValue(text), list, count: negative_list.length },
          row.file,
          row.read.ref("item"),
          row.person,
        );
        return;
      }
    } else if (written !== undefined) {
      report(
        ctx.sink,
        "screening-item-unexpected",
        { value: showValue(written) },
        row.file,
        row.read.ref("item"),
        row.person,
      );
      return;
    }
    if (
      !this.seen.check(
        ctx,
        row,
        `${department}\u0000${date}`,
        `${row.person.current.name} ${department} ${date}`,
        row.read.ref("department"),
      )
    ) {
      return;
    }
    const next: ScreeningAttestation = { department, date, result, ...(item !== undefined && { item }) };
    const list2 = [...(row.person.current.screening ?? [])];
    const i = list2.findIndex((a) => a.department === department && a.date === date);
    if (i >= 0 && samePlain(list2[i]!, next)) {
      ctx.tally.unchanged++;
      return;
    }
    if (i >= 0) {
      list2[i] = next;
      ctx.tally.updated++;
    } else {
      list2.push(next);
      ctx.tally.added++;
    }
    row.person.current = { ...row.person.current, screening: list2 };
  }
}

export function handlerFor(kind: RecordKind, library: Library): KindHandler {
  switch (kind) {
    case "training":
      return new TrainingHandler(library);
    case "mentor":
      return new MentorHandler();
    case "post":
      return new PostHandler();
    case "party":
      return new PartyHandler();
    case "screening":
      return new ScreeningHandler();
  }
}
