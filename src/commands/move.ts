import type { IsoDate } from "../domain/dates.js";
import { indexRegister, type RegisterIndex } from "../domain/library.js";
import type { Reserve, Village } from "../domain/model.js";
import { normalizeIdInput } from "../domain/normalize-input.js";
import { findVillage } from "../domain/places.js";
import { inPool } from "../domain/pool.js";
import { statusCountsInPool } from "../domain/terms.js";
import { hasErrors, type Diagnostic } from "../diagnostics/diagnostic.js";
import { ReserveError } from "../diagnostics/fatal.js";
import { villageFile } from "../io/layout.js";
import { changeLibrary, historyStamp, historyWrite, type Notice } from "../io/library-session.js";
import { villageText } from "../io/serialize.js";
import { sessionFor } from "../io/read-session.js";

export interface MoveOptions {
  readonly root: string;
  readonly cwd: string;
  readonly today: IsoDate;
  /** Internal id or ID number. */
  readonly person: string;
  /** Village code, town/village, or a unique village name. */
  readonly to: string;
  readonly reason: string;
  /** The day of the move (default today). */
  readonly date?: IsoDate;
  /** Move someone who has left the pool (调整出库, 已使用) too: their file moves with them. */
  readonly outOfPool?: boolean;
  readonly waitMs?: number;
  readonly onNotice?: (n: Notice) => void;
}

/** Why a move cannot be made, for the CLI to word (usage errors, exit 2). */
export type MoveRefusal =
  | { readonly kind: "unknown-person"; readonly person: string }
  | { readonly kind: "same-village"; readonly name: string; readonly village: string }
  | { readonly kind: "inactive-village"; readonly village: string; readonly status: string }
  | {
      readonly kind: "not-in-pool";
      readonly name: string;
      readonly status: string;
      readonly date?: string;
      readonly reason?: string;
    };

/** The village moved from, when it is left with fewer reserves in the pool than the policy's minimum. */
export interface BelowMin {
  readonly village: string;
  readonly name: string;
  readonly count: number;
  readonly min: number;
}

export type MoveResult =
  | {
      readonly ok: true;
      readonly id: string;
      readonly name: string;
      readonly from: string;
      readonly to: string;
      readonly fromName: string;
      readonly toName: string;
      readonly date: IsoDate;
      /** The village of entry, which the internal id names (town and name, or its code). */
      readonly entryName: string;
      readonly historyFile: string;
      /** Set when the village moved from falls below the minimum (a warning, not a refusal). */
      readonly belowMin?: BelowMin;
    }
  | { readonly ok: false; readonly refusal: MoveRefusal }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

function placeName(register: RegisterIndex, v: Village): string {
  return `${register.towns.get(v.town)?.name ?? ""}${v.name}`;
}

/**
 * `reserve move`: moves one reserve to another village's book, keeping the internal id (it names
 * the village the person entered the pool in, and is never reused) and everything in the record.
 * The move is written in the person's file (`moves`: date, from, to, reason) and in the history.
 * This is the only way a person changes village: an import that finds someone in another village
 * refuses the row. Someone who has left the pool (调整出库, 已使用) is refused unless `outOfPool`
 * says the office means it; a village left below the policy's minimum is reported, not refused
 * (the person has moved whatever the quota says).
 */
export function movePerson(options: MoveOptions): MoveResult {
  return changeLibrary(options.root, sessionFor("move", options), (loaded) => {
    const library = loaded.library;
    if (!library || hasErrors(loaded.diagnostics)) {
      const result: MoveResult = { ok: false, diagnostics: loaded.diagnostics };
      return { writes: [], result };
    }
    const refuse = (refusal: MoveRefusal) => ({ writes: [], result: { ok: false, refusal } as MoveResult });
    const register = indexRegister(library.district);
    const wanted = options.person.trim();
    const idNumber = normalizeIdInput(wanted);
    let from: { village: string; reserve: Reserve } | undefined;
    for (const book of library.books) {
      const r = book.reserves.find((x) => x.id === wanted || x.id_number === idNumber);
      if (r) {
        from = { village: book.village, reserve: r };
        break;
      }
    }
    if (!from) return refuse({ kind: "unknown-person", person: wanted });
    const found = findVillage(library.district, options.to);
    if (!found.ok) {
      throw found.reason === "ambiguous"
        ? new ReserveError("ambiguous-name", { name: options.to, matches: found.matches.join("、") })
        : new ReserveError("unknown-village", { name: options.to });
    }
    const target = found.value;
    const source = register.villages.get(from.village);
    const fromName = source ? placeName(register, source) : from.village;
    const toName = placeName(register, target);
    if (target.status !== "正常") return refuse({ kind: "inactive-village", village: toName, status: target.status });
    if (target.code === from.village) return refuse({ kind: "same-village", name: from.reserve.name, village: toName });
    if (!statusCountsInPool(from.reserve.status) && options.outOfPool !== true) {
      const last = from.reserve.status_changes?.[from.reserve.status_changes.length - 1];
      return refuse({
        kind: "not-in-pool",
        name: from.reserve.name,
        status: from.reserve.status,
        ...(last?.date !== undefined && { date: last.date }),
        ...(last?.reason !== undefined && { reason: last.reason }),
      });
    }
    const date = options.date ?? options.today;
    const person: Reserve = {
      ...from.reserve,
      moves: [
        ...(from.reserve.moves ?? []),
        { date, from_village: from.village, to_village: target.code, reason: options.reason },
      ],
    };
    const books = new Map(library.books.map((b) => [b.village, b.reserves]));
    const remaining = (books.get(from.village) ?? []).filter((r) => r.id !== person.id);
    const joined = [...(books.get(target.code) ?? []), person];
    const entry = register.villages.get(person.id.slice(0, 12));
    const min = library.district.policy.quota.min;
    const left = remaining.filter((r) => inPool(r, date)).length;
    const belowMin: BelowMin | undefined =
      source?.kind === "村" && source.status === "正常" && inPool(from.reserve, date) && left < min
        ? { village: from.village, name: fromName, count: left, min }
        : undefined;
    const history = {
      ...historyStamp(),
      command: "move",
      reason: options.reason,
      summary: { moved: 1 },
      changes: [
        {
          action: "move" as const,
          person: person.id,
          from: from.village,
          to: target.code,
          reason: options.reason,
          ...(from.reserve.moves !== undefined && { before: { moves: from.reserve.moves } }),
        },
      ],
    };
    return {
      writes: [
        {
          target: villageFile(from.village),
          content: villageText({ village: from.village, reserves: remaining }, register),
        },
        {
          target: villageFile(target.code),
          content: villageText({ village: target.code, reserves: joined }, register),
        },
      ],
      history,
      result: {
        ok: true,
        id: person.id,
        name: person.name,
        from: from.village,
        to: target.code,
        fromName,
        toName,
        date,
        entryName: entry ? placeName(register, entry) : person.id.slice(0, 12),
        historyFile: historyWrite(history).target,
        ...(belowMin && { belowMin }),
      },
    };
  });
}
