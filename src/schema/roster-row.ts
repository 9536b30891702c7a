import { ymd, type IsoDate } from "../domain/dates.js";
import { ROSTER_COLUMNS, type ColumnSpec, type RosterKey } from "../domain/import-columns.js";
import {
  cleanCell,
  excelSerialDate,
  normalizeCodeInput,
  normalizeIdInput,
  normalizeName,
  normalizePhoneInput,
  parseDateInput,
  splitList,
} from "../domain/normalize-input.js";
import { groupPosts, readMentorPosts, type MentorPosts, type PostGroups } from "../domain/mentor-posts.js";
import { nameProblem } from "../domain/person-name.js";
import { isValidPhone } from "../domain/personal-data.js";
import { checkResidentId } from "../domain/resident-id.js";
import type { Cell, CellPosition, TableFormat, TableRow } from "../domain/table-row.js";
import type {
  Education,
  Ethnicity,
  Gender,
  Intake,
  MentorMode,
  MentorRole,
  PoliticalStatus,
  Source,
  TargetPost,
} from "../domain/terms.js";
import type { Vocabularies } from "../domain/vocabulary-set.js";
import type { Vocabulary } from "../domain/vocabulary.js";
import type { DiagnosticCode } from "../diagnostics/codes.js";
import { diagnostic, type Diagnostic, type DiagnosticArgs } from "../diagnostics/diagnostic.js";
import { isInvisibleCode, showPersonal, showValue } from "../diagnostics/display.js";
import { idProblemArgs, idProblemCode } from "./record-checks.js";
import type { PlaceCell } from "./roster-place.js";
import type { ResolvedHeader } from "./table-header.js";
import { TermRewrites } from "./term-rewrites.js";

/**
 * One roster row, checked and normalised by plain functions rather than a schema per row: a roster
 * may have a million rows (docs/import.md "Speed"). A checker is made once per file and reused for
 * every row, so checking a row allocates little beyond the record it returns. Every problem of the
 * row is reported, located at the cell (line, column as written in the header) with the value
 * masked or cut short.
 */

/** Where a cell is, for messages about it later (duplicates, places, people). */
export interface CellRef {
  readonly line: number;
  readonly column: number;
  readonly field: string;
}

export interface RosterMentor {
  readonly name: string;
  /** The category of the mentor's posts. */
  readonly role: MentorRole;
  /** The posts as the table names them (absent when the cell gave only the category). */
  readonly posts?: readonly string[];
}

/** A valid row: normalised values, undefined where the cell was empty or the column absent. */
export interface RosterRecord {
  /** Index of the file in the run. */
  readonly fileIndex: number;
  readonly line: number;
  /** The header of the row's file and, for YAML, where each cell is: see cellRef(). */
  readonly header: ResolvedHeader<RosterKey>;
  readonly positions: readonly (CellPosition | undefined)[] | undefined;
  readonly rowColumn: number | undefined;
  readonly town: string | undefined;
  readonly village: string | undefined;
  readonly villageCode: string | undefined;
  readonly name: string;
  readonly gender: Gender;
  readonly ethnicity: Ethnicity;
  readonly id_number: string;
  readonly birth: IsoDate;
  readonly phone: string | undefined;
  readonly education: Education;
  readonly political_status: PoliticalStatus;
  readonly source: Source;
  readonly intake: Intake | undefined;
  readonly entry_date: IsoDate | undefined;
  readonly survey: IsoDate | undefined;
  readonly township: IsoDate | undefined;
  readonly county: IsoDate | undefined;
  readonly target_post: TargetPost | undefined;
  readonly specialties: readonly string[] | undefined;
  readonly note: string | undefined;
  readonly mentors: readonly RosterMentor[] | undefined;
  readonly mentorMode: MentorMode | undefined;
  readonly mentorFrom: IsoDate | undefined;
  /** The roster's own date (填报日期), where it has one. */
  readonly rosterDate: IsoDate | undefined;
}

export interface RowContext {
  readonly file: string;
  readonly fileIndex: number;
  readonly format: TableFormat;
  readonly today: IsoDate;
  readonly header: ResolvedHeader<RosterKey>;
  /** The library's vocabularies (its policy may add terms and synonyms). */
  readonly vocabularies: Vocabularies;
}

function position(
  line: number,
  positions: readonly (CellPosition | undefined)[] | undefined,
  rowColumn: number | undefined,
  i: number,
): CellPosition {
  const at = positions?.[i];
  if (at) return at;
  return { line, column: positions ? (rowColumn ?? 1) : i + 1 };
}

/** Where column `key` of a record's row is; its village cell when `key` is absent. */
export function cellRef(rec: RosterRecord, key: RosterKey): CellRef {
  const i = rec.header.index.get(key) ?? rec.header.index.get("village") ?? rec.header.index.get("village_code") ?? 0;
  return { ...position(rec.line, rec.positions, rec.rowColumn, i), field: rec.header.columns[i]?.written ?? "" };
}

/** The selection steps in order, for the date-order check. */
const STEPS = [
  ["survey_date", "村级摸底", "the village survey"],
  ["township_date", "乡镇推荐", "the township recommendation"],
  ["county_date", "县级审核", "the county review"],
  ["entry_date", "入库时间", "the entry date"],
] as const;

type Value = string | string[] | undefined;

interface Column {
  readonly index: number;
  readonly spec: ColumnSpec;
  /** The header as written. */
  readonly field: string;
  /** The library's table for a term column. */
  readonly vocabulary?: Vocabulary;
}

/**
 * A name of Chinese characters only (of the CJK block, as nearly every name is): normalizeName
 * leaves it as it is and nameProblem finds nothing in it, so checking it is this one loop.
 */
export function isPlainHanName(s: string): boolean {
  if (s.length === 0) return false;
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k);
    // Assigned to Han since Unicode 11, so every ICU a supported Node carries agrees.
    if (c < 0x4e00 || c > 0x9fef) return false;
  }
  return true;
}

/**
 * A 帮带人职务 cell read for a count of mentors: its groups and each group's posts (worked out on
 * first use). Rosters repeat a handful of such cells on every row, and reading them is pure.
 */
interface PostsRead {
  readonly grouped: PostGroups;
  readonly reads: (MentorPosts | undefined)[];
}

/** Distinct 帮带人职务 cells kept per file before the memo starts again (a bound on its memory). */
const POSTS_MEMO_SIZE = 4096;

function isEmpty(c: Cell): boolean {
  return c === undefined || c === null || (typeof c === "string" && cleanCell(c) === "");
}

export class RosterRowChecker {
  private readonly columns = new Map<RosterKey, Column>();
  private row!: TableRow;
  private out!: Diagnostic[];
  private bad = false;
  /**
   * The village cells of the row just checked, and whether they could be read: a row rejected for
   * another cell still has its village checked, so that every problem of the run is listed.
   */
  placeReadable = false;
  town: string | undefined;
  village: string | undefined;
  villageCode: string | undefined;
  /**
   * The row's ID number when its cell holds a valid one, whatever else is wrong with the row: the
   * check for a person listed twice runs on every row.
   */
  idNumber: string | undefined;
  /**
   * Columns of the row just checked with a finding, so that a cell gets one finding for one fault:
   * faulty[i] === rowStamp marks column i (a new stamp per row clears them all at once).
   */
  private faulty: Uint32Array;
  private rowStamp = 0;
  private readonly postsMemo = new Map<string, PostsRead>();
  private readonly rewrites = new TermRewrites();

  constructor(private readonly ctx: RowContext) {
    for (const spec of ROSTER_COLUMNS) {
      const index = ctx.header.index.get(spec.key);
      if (index === undefined) continue;
      const vocabulary = spec.vocabulary && ctx.vocabularies.get(spec.vocabulary.name as never);
      this.columns.set(spec.key, {
        index,
        spec,
        field: ctx.header.columns[index]!.written,
        ...(vocabulary && { vocabulary }),
      });
    }
    this.faulty = new Uint32Array(ctx.header.columns.length + 1);
  }

  private markFaulty(index: number): void {
    if (index >= this.faulty.length) {
      const wider = new Uint32Array(index + 1);
      wider.set(this.faulty);
      this.faulty = wider;
    }
    this.faulty[index] = this.rowStamp;
  }

  private isFaulty(index: number): boolean {
    return index < this.faulty.length && this.faulty[index] === this.rowStamp;
  }

  /** Cells rewritten to a standard term in the file so far. */
  get rewritten(): number {
    return this.rewrites.count;
  }

  /** One notice per column, written value and term rewritten in the file (after its last row). */
  rewriteNotices(): Diagnostic[] {
    return this.rewrites.notices(this.ctx.file);
  }

  private noteRewrite(col: Column, value: string, term: string): void {
    const row = this.row;
    this.rewrites.note(
      col.index,
      col.field,
      value,
      term,
      row.line,
      position(row.line, row.positions, row.column, col.index),
    );
  }

  private report(code: DiagnosticCode, args: DiagnosticArgs, index: number): void {
    const row = this.row;
    const field = this.ctx.header.columns[index]?.written ?? "";
    const d = diagnostic(code, args, {
      location: {
        file: this.ctx.file,
        ...position(row.line, row.positions, row.column, index),
        field: showValue(field),
        ...(row.path && { path: [...row.path, field] }),
      },
    });
    if (d.severity === "error") this.bad = true;
    if (d.severity !== "notice") this.markFaulty(index);
    this.out.push(d);
  }

  /**
   * Checks one row. Returns the record, or undefined when the row has errors (all of them pushed
   * to `out`). Warnings do not reject a row.
   */
  check(row: TableRow, out: Diagnostic[]): RosterRecord | undefined {
    this.row = row;
    this.out = out;
    this.bad = false;
    // Stamps start at 1 (a fresh array's 0 marks nothing); after 2^32 rows they wrap, and start clean.
    this.rowStamp = (this.rowStamp + 1) >>> 0;
    if (this.rowStamp === 0) {
      this.faulty.fill(0);
      this.rowStamp = 1;
    }
    this.idNumber = undefined;
    this.extraCells();

    const earlier = this.bad;
    this.bad = false;
    const town = this.text("town");
    const village = this.text("village");
    const villageCode = this.text("village_code");
    this.placeReadable = !this.bad && (village !== undefined || villageCode !== undefined);
    this.bad ||= earlier;
    this.town = town;
    this.village = village;
    this.villageCode = villageCode;
    if (village === undefined && villageCode === undefined) {
      const villageCol = this.columns.get("village");
      const codeCol = this.columns.get("village_code");
      const place = villageCol ?? codeCol;
      const cells = row.cells;
      if (place && (!villageCol || isEmpty(cells[villageCol.index])) && (!codeCol || isEmpty(cells[codeCol.index]))) {
        this.report("empty-value", { field: place.field }, place.index);
      }
    }
    const name = this.text("name");
    const gender = this.text("gender") as Gender | undefined;
    const ethnicity = this.text("ethnicity") as Ethnicity | undefined;
    const idInput = this.text("id_number");
    const phone = this.text("phone");
    const education = this.text("education");
    const political = this.text("political_status");
    const source = this.text("source");
    const intake = this.text("intake") as Intake | undefined;
    const survey = this.text("survey_date");
    const township = this.text("township_date");
    const county = this.text("county_date");
    const entry = this.text("entry_date");
    const mentorNames = this.list("mentor");
    const mentorRoles = this.text("mentor_role");
    const mentorMode = this.text("mentor_mode") as MentorMode | undefined;
    const mentorFrom = this.text("mentor_from");
    const targetPost = this.text("target_post");
    const rosterDate = this.text("roster_date");
    const specialties = this.list("specialties");
    const note = this.text("note");

    const birth = idInput !== undefined ? this.checkId(idInput, gender) : undefined;
    if (birth !== undefined) this.idNumber = idInput;
    this.checkDates([survey, township, county, entry], birth);
    if (mentorFrom !== undefined && birth !== undefined && mentorFrom < birth) {
      const col = this.columns.get("mentor_from")!;
      this.report("date-before-birth", { field: col.field, value: mentorFrom }, col.index);
    }
    const mentors = this.mentors(mentorNames, mentorRoles);

    if (
      this.bad ||
      name === undefined ||
      gender === undefined ||
      ethnicity === undefined ||
      idInput === undefined ||
      birth === undefined ||
      education === undefined ||
      political === undefined ||
      source === undefined
    ) {
      return undefined;
    }
    return {
      fileIndex: this.ctx.fileIndex,
      line: row.line,
      header: this.ctx.header,
      positions: row.positions,
      rowColumn: row.column,
      town,
      village,
      villageCode,
      name,
      gender,
      ethnicity,
      id_number: idInput,
      birth,
      phone,
      education,
      political_status: political,
      source,
      intake,
      entry_date: entry,
      survey,
      township,
      county,
      target_post: targetPost,
      specialties,
      note,
      mentors,
      mentorMode,
      mentorFrom,
      rosterDate,
    };
  }

  /** Where column `key` of the row just checked is (its first cell when the file has no such column). */
  cell(key: RosterKey): CellRef {
    const col = this.columns.get(key);
    const i = col?.index ?? 0;
    const row = this.row;
    return { ...position(row.line, row.positions, row.column, i), field: col?.field ?? "" };
  }

  /** The cell of the row just checked that names its village (or its town), for place errors. */
  placeCell(at: PlaceCell): CellRef {
    const col =
      at === "town" && this.town !== undefined
        ? this.columns.get("town")
        : at === "name" && this.village !== undefined
          ? this.columns.get("village")
          : this.villageCode !== undefined
            ? this.columns.get("village_code")
            : this.columns.get("village");
    const i = col?.index ?? 0;
    const row = this.row;
    return { ...position(row.line, row.positions, row.column, i), field: col?.field ?? "" };
  }

  /** Cells past the header, or under an empty header cell, must be empty. */
  private extraCells(): void {
    const { cells, line } = this.row;
    const columns = this.ctx.header.columns;
    for (let i = 0; i < cells.length; i++) {
      const col = columns[i];
      if (col && (col.spec || col.ignored)) continue;
      const c = cells[i];
      if (isEmpty(c)) continue;
      const v = c instanceof Date ? c.toISOString() : typeof c === "object" ? "" : String(c);
      this.out.push(
        diagnostic(
          "extra-cell",
          { column: i + 1, value: showValue(v) },
          { location: { file: this.ctx.file, line, column: i + 1 } },
        ),
      );
      this.bad = true;
    }
  }

  private text(key: RosterKey): string | undefined {
    return this.read(key) as string | undefined;
  }

  private list(key: RosterKey): string[] | undefined {
    return this.read(key) as string[] | undefined;
  }

  /** The cell of column `key`: type-checked, cleaned, normalised by kind; undefined when empty or wrong. */
  private read(key: RosterKey): Value {
    const col = this.columns.get(key);
    if (!col) return undefined;
    const { spec, index: i, field } = col;
    const raw = this.row.cells[i];
    let s: string;
    if (typeof raw === "string") s = cleanCell(raw);
    else if (raw === undefined || raw === null) s = "";
    else if (typeof raw === "number") {
      // A number in an ID or phone column is still a personal number: masked like any other.
      const shown =
        spec.kind === "id" || spec.kind === "phone"
          ? showPersonal(spec.kind === "id" ? "id_number" : "phone", String(raw))
          : showValue(raw);
      if (this.ctx.format === "yaml") {
        this.report("wrong-type", { field, expected: "string", found: "number", value: shown }, i);
        return undefined;
      }
      if (spec.kind === "id") {
        this.report("id-as-number", { field, value: shown }, i);
        return undefined;
      }
      if (spec.kind === "date") {
        this.report("date-excel-serial", { field, value: showValue(raw), date: excelSerialDate(raw) ?? "" }, i);
        return undefined;
      }
      s = String(raw);
    } else if (raw instanceof Date) {
      s = ymd(raw.getUTCFullYear(), raw.getUTCMonth() + 1, raw.getUTCDate());
    } else if (typeof raw === "object" && raw.nested === "tag") {
      // One finding for one fault: the tag, reported by the reader.
      this.markFaulty(i);
      return undefined;
    } else {
      const found = typeof raw === "boolean" ? "boolean" : raw.nested;
      this.report(
        "wrong-type",
        { field, expected: "string", found, value: typeof raw === "boolean" ? String(raw) : "" },
        i,
      );
      return undefined;
    }
    if (s === "") {
      if (spec.required) this.report("empty-value", { field }, i);
      return undefined;
    }
    if (!this.visible(s, col)) return undefined;
    return this.byKind(s, col);
  }

  private visible(s: string, col: Column): boolean {
    // Line breaks (Alt+Enter in a cell) are kept in notes and separate the items of a list.
    const kind = col.spec.kind;
    const breaks = col.spec.key === "note" || kind === "list" || kind === "names" || kind === "posts";
    for (let k = 0; k < s.length; k++) {
      const c = s.charCodeAt(k);
      // Everything printable below the first invisible range is fine: the common case costs one compare.
      if (c >= 0x20 && c < 0x7f) continue;
      // Chinese characters (the CJK block, all of the BMP) are not invisible either: the next common case.
      if (c >= 0x4e00 && c <= 0x9fff) continue;
      const ch = s.codePointAt(k)!;
      // Line breaks are allowed in notes only (and stored as \n).
      if ((c === 0x0a || c === 0x0d) && breaks) continue;
      if (isInvisibleCode(ch) || ch === 0xfffd) {
        const position = [...s.slice(0, k)].length + 1;
        const char = `U+${ch.toString(16).toUpperCase().padStart(4, "0")}`;
        const value = kind === "id" ? showPersonal("id_number", s) : kind === "phone" ? "" : showValue(s);
        this.report("invisible-character", { field: col.field, char, position, value }, col.index);
        return false;
      }
      if (ch > 0xffff) k++;
    }
    return true;
  }

  private tooLong(s: string, col: Column): boolean {
    const max = col.spec.max;
    if (max === undefined || s.length <= max) return false;
    const length = [...s].length;
    if (length <= max) return false;
    this.report("value-too-long", { field: col.field, max, length, value: showValue(s) }, col.index);
    return true;
  }

  private term(s: string, col: Column): string | undefined {
    const vocab = col.vocabulary!;
    const t = vocab.has(s) ? s : vocab.resolve(s);
    if (t !== undefined) {
      this.noteRewrite(col, s, t);
      return t;
    }
    this.report(
      "bad-term",
      {
        field: col.field,
        value: showValue(s),
        allowed: vocab.values.join("、"),
        official: "",
        nearest: vocab.nearest(s) ?? "",
      },
      col.index,
    );
    return undefined;
  }

  /** A person's name: normalised, then refused when it holds what no name holds. */
  private personName(s: string, col: Column): string | undefined {
    if (isPlainHanName(s)) return this.tooLong(s, col) ? undefined : s;
    const t = normalizeName(s);
    if (this.tooLong(t, col)) return undefined;
    const problem = nameProblem(t);
    if (!problem) return t;
    const { reason, ...rest } = problem;
    this.report("name-invalid", { field: col.field, value: showValue(t), reason, ...rest }, col.index);
    return undefined;
  }

  private byKind(s: string, col: Column): Value {
    const { spec, field, index } = col;
    switch (spec.kind) {
      case "text": {
        const t = spec.key === "note" ? s.replace(/\r\n?/g, "\n") : s;
        return this.tooLong(t, col) ? undefined : t;
      }
      case "name":
        return this.personName(s, col);
      case "id":
        return normalizeIdInput(s);
      case "phone": {
        const t = normalizePhoneInput(s);
        if (isValidPhone(t)) return t;
        this.report("phone-invalid", { field, value: showPersonal("phone", t) }, index);
        return undefined;
      }
      case "code": {
        const t = normalizeCodeInput(s);
        if (/^\d{12}$/.test(t)) return t;
        this.report("bad-code", { field, value: showValue(t), digits: 12 }, index);
        return undefined;
      }
      case "date": {
        const d = parseDateInput(s);
        if (d.ok) return d.date;
        if (d.reason === "excel-serial") {
          this.report("date-excel-serial", { field, value: showValue(s), date: d.date ?? "" }, index);
        } else this.report("date-invalid", { field, value: showValue(s), reason: d.reason }, index);
        return undefined;
      }
      case "term":
        return this.term(s, col);
      case "posts":
        // Read with the mentors' names, which say how the posts are grouped (mentors()).
        return s;
      case "list":
      case "names": {
        const items: string[] = [];
        for (const item of splitList(s)) {
          const t = spec.kind === "names" ? this.personName(item, col) : this.tooLong(item, col) ? undefined : item;
          if (t === undefined) return undefined;
          items.push(t);
        }
        return items.length > 0 ? items : undefined;
      }
    }
  }

  /** GB 11643 and the gender it encodes; returns the birth date when the number is valid. */
  private checkId(id: string, gender: Gender | undefined): IsoDate | undefined {
    const col = this.columns.get("id_number")!;
    const checked = checkResidentId(id, this.ctx.today);
    if (!checked.ok) {
      this.report(idProblemCode(checked.problem), idProblemArgs(checked.problem, id), col.index);
      return undefined;
    }
    if (gender !== undefined && gender !== checked.facts.gender) {
      this.report(
        "id-gender-mismatch",
        { value: showPersonal("id_number", id), gender, encoded: checked.facts.gender },
        this.columns.get("gender")!.index,
      );
    }
    return checked.facts.birth;
  }

  /** Selection dates: not in the future, not before birth, the steps in order. */
  private checkDates(values: readonly (IsoDate | undefined)[], birth: IsoDate | undefined): void {
    // The step before, by its index in STEPS (-1: none yet).
    let previous = -1;
    for (let k = 0; k < STEPS.length; k++) {
      const value = values[k];
      if (value === undefined) continue;
      const step = STEPS[k]!;
      const col = this.columns.get(step[0])!;
      const field = col.field;
      if (value > this.ctx.today) this.report("date-future", { field, value, today: this.ctx.today }, col.index);
      else if (birth !== undefined && value < birth) this.report("date-before-birth", { field, value }, col.index);
      else if (previous !== -1 && value < values[previous]!) {
        const before = STEPS[previous]!;
        this.report(
          "date-order",
          { field, value, otherLabel: before[1], otherLabelEn: before[2], otherValue: values[previous]! },
          col.index,
        );
      }
      previous = k;
    }
  }

  /**
   * The mentors of the row: each name of the 帮带人 cell with its posts from the 帮带人职务 cell
   * (domain/mentor-posts.ts). A name without posts or posts without a name is an error, reported
   * once: not when the other cell has a finding of its own and is empty for that reason only.
   */
  private mentors(names: string[] | undefined, roles: string | undefined): RosterMentor[] | undefined {
    const nameCol = this.columns.get("mentor");
    const roleCol = this.columns.get("mentor_role");
    const namesFaulty = nameCol !== undefined && this.isFaulty(nameCol.index);
    const rolesFaulty = roleCol !== undefined && this.isFaulty(roleCol.index);
    if (names === undefined) {
      if (!namesFaulty && (roles !== undefined || rolesFaulty)) {
        if (nameCol) this.report("empty-value", { field: nameCol.field }, nameCol.index);
        else this.report("empty-value", { field: "mentor" }, roleCol!.index);
      }
      return undefined;
    }
    if (roles === undefined) {
      if (!rolesFaulty) {
        if (roleCol) this.report("empty-value", { field: roleCol.field }, roleCol.index);
        else this.report("empty-value", { field: "mentor_role" }, nameCol!.index);
      }
      return undefined;
    }
    const col = roleCol!;
    const memo = this.postsRead(roles, names.length);
    const grouped = memo.grouped;
    if (!grouped.ok) {
      this.report("mentor-mismatch", { names: names.length, roles: grouped.units }, col.index);
      return undefined;
    }
    const out: RosterMentor[] = [];
    // Made only for a row that names a post no table knows.
    let warned: Set<string> | undefined;
    for (let k = 0; k < names.length; k++) {
      const group = grouped.groups[k]!;
      if (group.length === 0) {
        this.report("empty-value", { field: col.field }, col.index);
        return undefined;
      }
      if (group.some((w) => this.tooLong(w.text, col))) return undefined;
      const read = (memo.reads[k] ??= readMentorPosts(group, this.ctx.vocabularies));
      for (const r of read.rewrites) this.noteRewrite(col, r.from, r.to);
      for (const post of read.unknown) {
        warned ??= new Set<string>();
        if (warned.has(post)) continue;
        warned.add(post);
        this.report("mentor-post-unknown", { field: col.field, post: showValue(post) }, col.index);
      }
      out.push({ name: names[k]!, role: read.role, ...(read.posts && { posts: read.posts }) });
    }
    return out;
  }

  /** The 帮带人职务 cell `roles` grouped for `mentors` names, from the memo where it was read before. */
  private postsRead(roles: string, mentors: number): PostsRead {
    const key = `${mentors}\u0000${roles}`;
    let memo = this.postsMemo.get(key);
    if (!memo) {
      if (this.postsMemo.size >= POSTS_MEMO_SIZE) this.postsMemo.clear();
      memo = { grouped: groupPosts(roles, mentors), reads: [] };
      this.postsMemo.set(key, memo);
    }
    return memo;
  }
}
