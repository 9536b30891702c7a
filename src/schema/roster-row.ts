import type { IsoDate } from "../domain/dates.js";
import { ymd } from "../domain/dates.js";
import type { ColumnSpec, RosterKey } from "../domain/import-columns.js";
import {
  cleanCell,
  normalizeCodeInput,
  normalizeIdInput,
  normalizeName,
  normalizePhoneInput,
  parseDateInput,
  splitList,
  excelSerialDate,
} from "../domain/normalize-input.js";
import { isValidPhone } from "../domain/personal-data.js";
import { checkResidentId } from "../domain/resident-id.js";
import type { CellPosition, TableFormat, TableRow } from "../domain/table-row.js";
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
import type { DiagnosticCode } from "../diagnostics/codes.js";
import { diagnostic, type DiagnosticArgs, type Diagnostic } from "../diagnostics/diagnostic.js";
import { isInvisible, showPersonal, showValue } from "../diagnostics/display.js";
import { idProblemArgs, idProblemCode } from "./record-checks.js";
import type { ResolvedHeader } from "./table-header.js";

/**
 * One roster row, checked and normalised: plain functions rather than a schema per row, because a
 * roster may have a million rows (docs/import.md "Speed"). Every problem of the row is reported,
 * located at the cell (line, column as written in the header) with the value masked or cut short.
 */

/** Where a value came from, for messages about it later (duplicates, places). */
export interface CellRef {
  readonly line: number;
  readonly column: number;
  readonly field: string;
}

export interface RosterMentor {
  readonly name: string;
  readonly role: MentorRole;
}

/** A valid row: normalised values, undefined where the cell was empty or the column absent. */
export interface RosterRecord {
  /** Index of the file in the run. */
  readonly fileIndex: number;
  readonly line: number;
  readonly town?: string;
  readonly village?: string;
  readonly villageCode?: string;
  /** The cell naming the village (the code if given, else the name), for place errors. */
  readonly placeRef: CellRef;
  readonly townRef?: CellRef;
  readonly idRef: CellRef;
  readonly name: string;
  readonly gender: Gender;
  readonly ethnicity: Ethnicity;
  readonly id_number: string;
  readonly birth: IsoDate;
  readonly phone?: string;
  readonly education: Education;
  readonly political_status: PoliticalStatus;
  readonly source: Source;
  readonly intake?: Intake;
  readonly entry_date?: IsoDate;
  readonly survey?: IsoDate;
  readonly township?: IsoDate;
  readonly county?: IsoDate;
  readonly target_post?: TargetPost;
  readonly specialties?: readonly string[];
  readonly note?: string;
  readonly mentors?: readonly RosterMentor[];
  readonly mentorMode?: MentorMode;
  readonly mentorFrom?: IsoDate;
}

export interface RowContext {
  readonly file: string;
  readonly fileIndex: number;
  readonly format: TableFormat;
  readonly today: IsoDate;
  readonly header: ResolvedHeader<RosterKey>;
}

/** The selection steps in order, for the date-order check. */
const STEPS = [
  ["survey_date", "村级摸底", "the village survey"],
  ["township_date", "乡镇推荐", "the township recommendation"],
  ["county_date", "县级审核", "the county review"],
  ["entry_date", "入库时间", "the entry date"],
] as const;

type Value = string | string[] | undefined;

function isEmptyCell(cells: TableRow["cells"], i: number | undefined): boolean {
  if (i === undefined) return true;
  const c = cells[i];
  return c === undefined || c === null || (typeof c === "string" && cleanCell(c) === "");
}

/**
 * Checks one row. Returns the record, or undefined when the row has errors (all of them pushed to
 * `out`). Warnings do not reject a row.
 */
export function checkRosterRow(row: TableRow, ctx: RowContext, out: Diagnostic[]): RosterRecord | undefined {
  const { header, file } = ctx;
  let bad = false;

  const posOf = (i: number): CellPosition =>
    row.positions?.[i] ??
    (row.positions ? { line: row.line, column: row.column ?? 1 } : { line: row.line, column: i + 1 });
  const refOf = (i: number): CellRef => ({ ...posOf(i), field: header.columns[i]?.written ?? "" });
  const report = (code: DiagnosticCode, args: DiagnosticArgs, i: number) => {
    const d = diagnostic(code, args, {
      location: {
        file,
        ...posOf(i),
        field: showValue(header.columns[i]?.written ?? ""),
        ...(row.path && { path: [...row.path, header.columns[i]?.written ?? ""] }),
      },
    });
    if (d.severity === "error") bad = true;
    out.push(d);
  };

  // Cells past the header, or under an empty header cell, must be empty.
  const cells = row.cells;
  for (let i = 0; i < cells.length; i++) {
    const col = header.columns[i];
    if (col && (col.spec || col.ignored)) continue;
    const c = cells[i];
    if (c === undefined || c === null || (typeof c === "string" && c.trim() === "")) continue;
    const v = typeof c === "object" && !(c instanceof Date) ? "" : String(c instanceof Date ? c.toISOString() : c);
    out.push(
      diagnostic(
        "extra-cell",
        { column: i + 1, value: showValue(v) },
        { location: { file, line: row.line, column: i + 1 } },
      ),
    );
    bad = true;
  }

  /** The cell of column `key` as text: cleaned, type-checked and normalised by kind. */
  const read = (key: RosterKey): Value => {
    const i = header.index.get(key);
    if (i === undefined) return undefined;
    const spec = header.columns[i]!.spec!;
    const field = header.columns[i]!.written;
    const raw = cells[i];
    if (raw === undefined || raw === null || raw === "") return empty(spec, i, field);
    let s: string;
    if (typeof raw === "string") s = cleanCell(raw);
    else if (typeof raw === "number") {
      if (ctx.format === "yaml") {
        report("wrong-type", { field, expected: "string", found: "number", value: showValue(raw) }, i);
        return undefined;
      }
      if (spec.kind === "id") {
        report("id-as-number", { field, value: showValue(raw) }, i);
        return undefined;
      }
      if (spec.kind === "date") {
        const date = excelSerialDate(raw);
        report("date-excel-serial", { field, value: showValue(raw), date: date ?? "" }, i);
        return undefined;
      }
      s = String(raw);
    } else if (raw instanceof Date) {
      s = ymd(raw.getUTCFullYear(), raw.getUTCMonth() + 1, raw.getUTCDate());
    } else if (typeof raw === "boolean" || typeof raw === "object") {
      const found = typeof raw === "boolean" ? "boolean" : raw.nested;
      report("wrong-type", { field, expected: "string", found, value: typeof raw === "boolean" ? String(raw) : "" }, i);
      return undefined;
    } else return undefined;
    if (s === "") return empty(spec, i, field);
    if (!visible(s, spec, i, field)) return undefined;
    return byKind(s, spec, i, field);
  };

  const empty = (spec: ColumnSpec, i: number, field: string): undefined => {
    if (spec.required) report("empty-value", { field }, i);
    return undefined;
  };

  const visible = (s: string, spec: ColumnSpec, i: number, field: string): boolean => {
    let position = 0;
    for (const ch of s) {
      position++;
      // Line breaks are allowed in notes only (and stored as \n).
      if ((ch === "\n" || ch === "\r") && spec.key === "note") continue;
      if (isInvisible(ch) || ch === "\ufffd") {
        const cp = ch.codePointAt(0)!;
        const char = `U+${cp.toString(16).toUpperCase().padStart(4, "0")}`;
        const shown = spec.kind === "id" ? showPersonal("id_number", s) : spec.kind === "phone" ? "" : showValue(s);
        report("invisible-character", { field, char, position, value: shown }, i);
        return false;
      }
    }
    return true;
  };

  const tooLong = (s: string, spec: ColumnSpec, i: number, field: string): boolean => {
    if (spec.max === undefined || s.length <= spec.max) return false;
    const length = [...s].length;
    if (length <= spec.max) return false;
    report("value-too-long", { field, max: spec.max, length, value: showValue(s) }, i);
    return true;
  };

  const byKind = (s: string, spec: ColumnSpec, i: number, field: string): Value => {
    switch (spec.kind) {
      case "text": {
        const t = spec.key === "note" ? s.replace(/\r\n?/g, "\n") : s;
        return tooLong(t, spec, i, field) ? undefined : t;
      }
      case "name": {
        const t = normalizeName(s);
        return tooLong(t, spec, i, field) ? undefined : t;
      }
      case "id":
        return normalizeIdInput(s);
      case "phone": {
        const t = normalizePhoneInput(s);
        if (isValidPhone(t)) return t;
        report("phone-invalid", { field, value: showPersonal("phone", t) }, i);
        return undefined;
      }
      case "code": {
        const t = normalizeCodeInput(s);
        if (/^\d{12}$/.test(t)) return t;
        report("bad-code", { field, value: showValue(t), digits: 12 }, i);
        return undefined;
      }
      case "date": {
        const d = parseDateInput(s);
        if (d.ok) return d.date;
        if (d.reason === "excel-serial")
          report("date-excel-serial", { field, value: showValue(s), date: d.date ?? "" }, i);
        else report("date-invalid", { field, value: showValue(s), reason: d.reason }, i);
        return undefined;
      }
      case "term": {
        const t = spec.vocabulary!.resolve(s);
        if (t !== undefined) return t;
        report(
          "bad-term",
          { field, value: showValue(s), allowed: spec.vocabulary!.values.join("、"), official: "" },
          i,
        );
        return undefined;
      }
      case "list":
      case "term-list": {
        const items = splitList(s);
        const outItems: string[] = [];
        for (const item of items) {
          if (spec.kind === "list") {
            const t = spec.key === "mentor" ? normalizeName(item) : item;
            if (tooLong(t, spec, i, field)) return undefined;
            outItems.push(t);
          } else {
            const t = spec.vocabulary!.resolve(item);
            if (t === undefined) {
              report(
                "bad-term",
                { field, value: showValue(item), allowed: spec.vocabulary!.values.join("、"), official: "" },
                i,
              );
              return undefined;
            }
            outItems.push(t);
          }
        }
        return outItems.length > 0 ? outItems : undefined;
      }
    }
  };

  const str = (key: RosterKey) => read(key) as string | undefined;
  const list = (key: RosterKey) => read(key) as string[] | undefined;

  const town = str("town");
  const village = str("village");
  const villageCode = str("village_code");
  if (village === undefined && villageCode === undefined) {
    const placeIndex = header.index.get("village") ?? header.index.get("village_code");
    if (
      placeIndex !== undefined &&
      isEmptyCell(cells, header.index.get("village")) &&
      isEmptyCell(cells, header.index.get("village_code"))
    ) {
      report("empty-value", { field: header.columns[placeIndex]!.written }, placeIndex);
    }
  }
  const name = str("name");
  const gender = str("gender") as Gender | undefined;
  const ethnicity = str("ethnicity") as Ethnicity | undefined;
  const idInput = str("id_number");
  const phone = str("phone");
  const education = str("education") as Education | undefined;
  const political = str("political_status") as PoliticalStatus | undefined;
  const source = str("source") as Source | undefined;
  const intake = str("intake") as Intake | undefined;
  const dates: Partial<Record<(typeof STEPS)[number][0], string>> = {
    survey_date: str("survey_date"),
    township_date: str("township_date"),
    county_date: str("county_date"),
    entry_date: str("entry_date"),
  };
  const mentorNames = list("mentor");
  const mentorRoles = list("mentor_role") as MentorRole[] | undefined;
  const mentorMode = str("mentor_mode") as MentorMode | undefined;
  const mentorFrom = str("mentor_from");
  const targetPost = str("target_post") as TargetPost | undefined;
  const specialties = list("specialties");
  const note = str("note");

  const idIndex = header.index.get("id_number")!;
  let birth: IsoDate | undefined;
  if (idInput !== undefined) {
    const id = checkResidentId(idInput, ctx.today);
    if (!id.ok) report(idProblemCode(id.problem), idProblemArgs(id.problem, idInput), idIndex);
    else {
      birth = id.facts.birth;
      if (gender !== undefined && gender !== id.facts.gender) {
        report(
          "id-gender-mismatch",
          { value: showPersonal("id_number", idInput), gender, encoded: id.facts.gender },
          header.index.get("gender")!,
        );
      }
    }
  }

  // Dates: not in the future (mentoring may be planned), not before birth, steps in order.
  let previous: { value: string; step: (typeof STEPS)[number] } | undefined;
  for (const step of STEPS) {
    const value = dates[step[0]];
    if (value === undefined) continue;
    const i = header.index.get(step[0])!;
    const field = header.columns[i]!.written;
    if (value > ctx.today) report("date-future", { field, value, today: ctx.today }, i);
    else if (birth !== undefined && value < birth) report("date-before-birth", { field, value }, i);
    else if (previous && value < previous.value) {
      report(
        "date-order",
        { field, value, otherLabel: previous.step[1], otherLabelEn: previous.step[2], otherValue: previous.value },
        i,
      );
    }
    previous = { value, step };
  }
  if (mentorFrom !== undefined && birth !== undefined && mentorFrom < birth) {
    const i = header.index.get("mentor_from")!;
    report("date-before-birth", { field: header.columns[i]!.written, value: mentorFrom }, i);
  }

  // Mentors: a role for each name, or one role for all.
  let mentors: RosterMentor[] | undefined;
  if (mentorNames !== undefined || mentorRoles !== undefined) {
    const nameIndex = header.index.get("mentor");
    const roleIndex = header.index.get("mentor_role");
    if (mentorNames === undefined) {
      if (nameIndex !== undefined) report("empty-value", { field: header.columns[nameIndex]!.written }, nameIndex);
      else report("empty-value", { field: "mentor" }, roleIndex!);
    } else if (mentorRoles === undefined) {
      if (roleIndex !== undefined) report("empty-value", { field: header.columns[roleIndex]!.written }, roleIndex);
      else report("empty-value", { field: "mentor_role" }, nameIndex!);
    } else if (mentorRoles.length !== 1 && mentorRoles.length !== mentorNames.length) {
      report("mentor-mismatch", { names: mentorNames.length, roles: mentorRoles.length }, roleIndex!);
    } else {
      mentors = mentorNames.map((n, k) => ({ name: n, role: mentorRoles[mentorRoles.length === 1 ? 0 : k]! }));
    }
  }

  if (bad) return undefined;
  if (
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
  const codeIndex = header.index.get("village_code");
  const villageIndex = header.index.get("village");
  const townIndex = header.index.get("town");
  const placeIndex =
    villageCode !== undefined && codeIndex !== undefined ? codeIndex : (villageIndex ?? codeIndex ?? 0);
  return {
    fileIndex: ctx.fileIndex,
    line: row.line,
    ...(town !== undefined && { town }),
    ...(village !== undefined && { village }),
    ...(villageCode !== undefined && { villageCode }),
    placeRef: refOf(placeIndex),
    ...(townIndex !== undefined && { townRef: refOf(townIndex) }),
    idRef: refOf(idIndex),
    name,
    gender,
    ethnicity,
    id_number: idInput,
    birth,
    ...(phone !== undefined && { phone }),
    education,
    political_status: political,
    source,
    ...(intake !== undefined && { intake }),
    ...(dates.entry_date !== undefined && { entry_date: dates.entry_date }),
    ...(dates.survey_date !== undefined && { survey: dates.survey_date }),
    ...(dates.township_date !== undefined && { township: dates.township_date }),
    ...(dates.county_date !== undefined && { county: dates.county_date }),
    ...(targetPost !== undefined && { target_post: targetPost }),
    ...(specialties !== undefined && { specialties }),
    ...(note !== undefined && { note }),
    ...(mentors !== undefined && { mentors }),
    ...(mentorMode !== undefined && { mentorMode }),
    ...(mentorFrom !== undefined && { mentorFrom }),
  };
}
