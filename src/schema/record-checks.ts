import type { IsoDate } from "../domain/dates.js";
import type { Reserve } from "../domain/model.js";
import { isValidPhone } from "../domain/personal-data.js";
import { checkResidentId, type IdProblem } from "../domain/resident-id.js";
import type { DiagnosticCode } from "../diagnostics/codes.js";
import type { DiagnosticArgs } from "../diagnostics/diagnostic.js";
import { showPersonal, showValue } from "../diagnostics/display.js";

/** A problem found in one record, located by the path of the field inside the record. */
export interface RecordProblem {
  readonly code: DiagnosticCode;
  readonly args: DiagnosticArgs;
  readonly path: readonly (string | number)[];
}

const ID_CODES: Record<IdProblem["kind"], DiagnosticCode> = {
  length: "id-length",
  characters: "id-characters",
  scientific: "id-scientific",
  legacy15: "id-legacy-15",
  province: "id-province",
  "birth-date": "id-birth-date",
  "birth-future": "id-birth-future",
  "birth-too-early": "id-birth-too-early",
  check: "id-check",
};

/** Arguments for an ID problem. The check character is safe to show: it reveals nothing. */
export function idProblemArgs(problem: IdProblem, id: string): DiagnosticArgs {
  const value = showPersonal("id_number", id);
  switch (problem.kind) {
    case "length":
      return { value, length: problem.length };
    case "characters":
      return { value, position: problem.position };
    case "legacy15":
      return { value, upgraded: problem.upgraded ? showPersonal("id_number", problem.upgraded) : "" };
    case "province":
      return { value, prefix: problem.prefix };
    case "birth-date":
      return { value };
    case "birth-future":
    case "birth-too-early":
      return { value };
    case "check":
      return { value, expected: problem.expected, found: problem.found };
    case "scientific":
      return { value: showValue(id) };
  }
}

export function idProblemCode(problem: IdProblem): DiagnosticCode {
  return ID_CODES[problem.kind];
}

/**
 * Checks that need more than the record's shape: the ID number (GB 11643) and the gender it
 * encodes, the phone number, and that the status agrees with the last recorded change. Works on a
 * record that failed the schema too (every field is type-guarded), so one run reports every
 * problem of a record.
 */
export function checkReserveRecord(r: Partial<Reserve>, today: IsoDate): RecordProblem[] {
  const out: RecordProblem[] = [];
  if (typeof r.id_number === "string") {
    const id = checkResidentId(r.id_number, today);
    if (!id.ok) {
      out.push({ code: idProblemCode(id.problem), args: idProblemArgs(id.problem, r.id_number), path: ["id_number"] });
    } else if ((r.gender === "男" || r.gender === "女") && id.facts.gender !== r.gender) {
      out.push({
        code: "id-gender-mismatch",
        args: { value: showPersonal("id_number", r.id_number), gender: r.gender, encoded: id.facts.gender },
        path: ["gender"],
      });
    }
  }
  if (typeof r.phone === "string" && !isValidPhone(r.phone)) {
    out.push({ code: "phone-invalid", args: { value: showPersonal("phone", r.phone) }, path: ["phone"] });
  }
  const changes = Array.isArray(r.status_changes) ? r.status_changes : [];
  const last = changes[changes.length - 1] as { status?: unknown } | undefined;
  if (typeof last?.status === "string" && typeof r.status === "string" && last.status !== r.status) {
    out.push({
      code: "status-mismatch",
      args: { status: r.status, last: last.status },
      path: ["status"],
    });
  }
  return out;
}
