import type { IsoDate } from "../domain/dates.js";
import type { RecordKey } from "../domain/cultivation-columns.js";
import type { Library } from "../domain/library.js";
import type { Reserve } from "../domain/model.js";
import { normalizeName } from "../domain/normalize-input.js";
import { checkResidentId } from "../domain/resident-id.js";
import type { DiagnosticCode } from "../diagnostics/codes.js";
import { diagnostic, type DiagnosticArgs } from "../diagnostics/diagnostic.js";
import { showPersonal, showValue } from "../diagnostics/display.js";
import type { CellRef, ReadRow } from "../schema/cultivation-row.js";
import { idProblemArgs, idProblemCode } from "../schema/record-checks.js";
import type { Sink } from "./cycle-tables.js";

/**
 * The people of a `reserve record` run: found by internal id or ID number, checked against the name
 * written beside them, and changed on a working copy so that every row of the run sees the rows
 * before it. Nothing here writes: the command turns the changed copies into village files.
 */

export interface Person {
  readonly village: string;
  readonly town: string | undefined;
  readonly original: Reserve;
  current: Reserve;
}

export class People {
  private readonly byId = new Map<string, Person>();
  private readonly byIdNumber = new Map<string, Person>();

  constructor(library: Library) {
    const towns = new Map(library.district.villages.map((v) => [v.code, v.town]));
    for (const book of library.books) {
      for (const r of book.reserves) {
        const p: Person = { village: book.village, town: towns.get(book.village), original: r, current: r };
        this.byId.set(r.id, p);
        if (!this.byIdNumber.has(r.id_number)) this.byIdNumber.set(r.id_number, p);
      }
    }
  }

  /** People whose record this run changed. */
  changed(): Person[] {
    return [...this.byId.values()].filter((p) => p.current !== p.original);
  }

  /**
   * The person a row names, or undefined with the problem reported: neither number given, an ID
   * number that is not valid, nobody with that number, the two numbers naming different people, or
   * a name that is not the person's.
   */
  resolve(read: ReadRow, file: string, today: IsoDate, sink: Sink, fieldOf: (k: RecordKey) => string) {
    const report = (code: DiagnosticCode, args: DiagnosticArgs, at: CellRef, person?: Person) =>
      sink.push(
        diagnostic(code, args, {
          location: { file, line: at.line, column: at.column, field: at.field },
          ...(person && { village: person.village, person: person.current.id }),
          ...(person?.town !== undefined && { town: person.town }),
        }),
      );
    const id = read.values.id as string | undefined;
    const idNumber = read.values.id_number as string | undefined;
    if (id === undefined && idNumber === undefined) {
      const hasId = read.ref("id").field !== "";
      const hasNumber = read.ref("id_number").field !== "";
      // Without either column the header is already reported as incomplete.
      if (!read.filled.has("id") && !read.filled.has("id_number") && (hasId || hasNumber)) {
        const key: RecordKey = hasId ? "id" : "id_number";
        report("empty-value", { field: fieldOf(key) }, read.ref(key));
      }
      return undefined;
    }
    let byId: Person | undefined;
    if (id !== undefined) {
      byId = this.byId.get(id);
      if (!byId) {
        report("person-unknown", { by: "id", value: showValue(id) }, read.ref("id"));
        return undefined;
      }
    }
    let byNumber: Person | undefined;
    if (idNumber !== undefined) {
      const checked = checkResidentId(idNumber, today);
      if (!checked.ok) {
        report(idProblemCode(checked.problem), idProblemArgs(checked.problem, idNumber), read.ref("id_number"));
        return undefined;
      }
      byNumber = this.byIdNumber.get(idNumber);
      if (!byNumber) {
        report(
          "person-unknown",
          { by: "id_number", value: showPersonal("id_number", idNumber) },
          read.ref("id_number"),
        );
        return undefined;
      }
    }
    if (byId && byNumber && byId !== byNumber) {
      report(
        "person-ids-disagree",
        {
          person: byId.current.id,
          name: byId.current.name,
          other: byNumber.current.id,
          otherName: byNumber.current.name,
        },
        read.ref("id_number"),
        byId,
      );
      return undefined;
    }
    const person = (byId ?? byNumber)!;
    const name = read.values.name as string | undefined;
    if (name !== undefined && normalizeName(name) !== normalizeName(person.current.name)) {
      report(
        "person-name-mismatch",
        { value: showValue(name), name: person.current.name, person: person.current.id },
        read.ref("name"),
        person,
      );
      return undefined;
    }
    return person;
  }
}
