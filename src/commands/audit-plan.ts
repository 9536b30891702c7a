import type { LoadedBook } from "../domain/library.js";
import { statusCountsInPool } from "../domain/terms.js";
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { LibraryFrame } from "../io/load-cached.js";
import { KEY_WORDS, keyNumber } from "../io/record-keys.js";
import type { GhostBook, GhostRecord, PartInput } from "./audit-parts.js";

/**
 * Splitting a library into parts for the audit (audit-parts.ts): a part per town, plus the
 * library-wide part (district.yaml, the file lists, trainings, books of villages not in the
 * register), and what each part needs from the others — found from the records' keys, compared
 * exactly on the few records whose keys meet.
 */

/** What the first pass over the books gives for each village file, in file-name order. */
export interface FileKeys {
  /** The village the file names; undefined when it could not be read as a book. */
  readonly village: string | undefined;
  /** Where each readable record is in the file's list; undefined when they are all readable. */
  readonly indexes: readonly number[] | undefined;
  /** KEY_WORDS words per readable record. */
  readonly keys: Uint32Array;
}

/** The few books whose records' keys meet others', read in full to compare them exactly. */
export type ReadBooks = (names: readonly string[]) => LoadedBook[];

/** The numbers whose value occurs more than once (0 left out). */
function repeated(values: Float64Array): Set<number> {
  const sorted = values.slice().sort();
  const out = new Set<number>();
  for (let i = 1; i < sorted.length; i++) {
    const v = sorted[i]!;
    if (v !== 0 && v === sorted[i - 1]) out.add(v);
  }
  return out;
}

/**
 * The parts of the library, in the order the audit prints them; undefined when a file names
 * another village than its name says (then the town of its findings is not the town of its
 * records, and the library is audited whole).
 */
export function planParts(frame: LibraryFrame, files: readonly FileKeys[], read: ReadBooks): PartInput[] | undefined {
  const register = frame.register;
  if (!register) return undefined;
  const names = frame.names;
  const partOf: string[] = [];
  for (let i = 0; i < names.length; i++) {
    const fileCode = names[i]!.slice(0, 12);
    const village = files[i]!.village;
    if (village !== undefined && village !== fileCode) return undefined;
    partOf.push(register.villages.get(fileCode)?.town ?? "");
  }

  // Every record's keys, with the file and place it comes from.
  let total = 0;
  for (const f of files) total += f.keys.length / KEY_WORDS;
  const ids = new Float64Array(total);
  const numbers = new Float64Array(total);
  const fileOf = new Int32Array(total);
  const slotOf = new Int32Array(total);
  let n = 0;
  files.forEach((f, i) => {
    for (let k = 0; k < f.keys.length; k += KEY_WORDS) {
      ids[n] = keyNumber(f.keys[k]!, f.keys[k + 1]!);
      numbers[n] = keyNumber(f.keys[k + 2]!, f.keys[k + 3]!);
      fileOf[n] = i;
      slotOf[n] = k / KEY_WORDS;
      n++;
    }
  });
  const idRepeats = repeated(ids);
  const numberRepeats = repeated(numbers);
  const candidates: number[] = [];
  for (let r = 0; r < total; r++) {
    if (idRepeats.has(ids[r]!) || numberRepeats.has(numbers[r]!)) candidates.push(r);
  }

  // The candidates' books, read in full, and their records compared exactly.
  const extra = new Map<string, Diagnostic[]>();
  const ghosts = new Map<string, GhostBook[]>();
  if (candidates.length > 0) {
    const candidateFiles = [...new Set(candidates.map((r) => fileOf[r]!))].sort((a, b) => a - b);
    const books = new Map<number, LoadedBook>();
    const loaded = read(candidateFiles.map((i) => names[i]!));
    let b = 0;
    for (const i of candidateFiles) {
      // Every candidate file is a book (it has records); read() returns them in the same order.
      books.set(i, loaded[b++]!);
    }
    const place = (i: number, slot: number) => files[i]!.indexes?.[slot] ?? slot;

    // person-id-duplicate, exactly as the loader finds it: later copies, in file order.
    const first = new Map<string, string>();
    for (const r of candidates) {
      if (!idRepeats.has(ids[r]!)) continue;
      const book = books.get(fileOf[r]!)!;
      const reserve = book.reserves[slotOf[r]!]!;
      const prev = first.get(reserve.id);
      if (prev === undefined) {
        first.set(reserve.id, book.file);
        continue;
      }
      const town = register.villages.get(book.village)?.town;
      const d = diagnostic(
        "person-id-duplicate",
        { id: reserve.id, first: prev },
        {
          location: { file: book.file, path: ["reserves", place(fileOf[r]!, slotOf[r]!), "id"] },
          village: book.village,
          ...(town && { town }),
          person: reserve.id,
        },
      );
      const key = partOf[fileOf[r]!]!;
      extra.set(key, [...(extra.get(key) ?? []), d]);
    }

    // The same ID number held in several parts: each part gets the others' copies as ghosts.
    const groups = new Map<string, number[]>();
    for (const r of candidates) {
      if (!numberRepeats.has(numbers[r]!)) continue;
      const reserve = books.get(fileOf[r]!)!.reserves[slotOf[r]!]!;
      if (!statusCountsInPool(reserve.status)) continue;
      const idNumber = reserve.id_number.toUpperCase();
      groups.set(idNumber, [...(groups.get(idNumber) ?? []), r]);
    }
    for (const members of groups.values()) {
      const parts = new Set(members.map((r) => partOf[fileOf[r]!]!));
      if (parts.size < 2) continue;
      for (const part of parts) {
        const byFile = new Map<number, GhostRecord[]>();
        for (const r of members) {
          if (partOf[fileOf[r]!] === part) continue;
          const reserve = books.get(fileOf[r]!)!.reserves[slotOf[r]!]!;
          const record: GhostRecord = {
            index: place(fileOf[r]!, slotOf[r]!),
            reserve: { id: reserve.id, name: reserve.name, id_number: reserve.id_number, status: reserve.status },
          };
          byFile.set(fileOf[r]!, [...(byFile.get(fileOf[r]!) ?? []), record]);
        }
        const list = ghosts.get(part) ?? [];
        for (const [i, records] of byFile) {
          const book = books.get(i)!;
          list.push({ file: book.file, village: book.village, order: i, records });
        }
        ghosts.set(part, list);
      }
    }
  }

  // Parts: the library-wide one first, then the towns in code order (as findings are sorted).
  const keys = new Set<string>([""]);
  for (const town of register.villagesByTown.keys()) keys.add(town);
  for (const key of partOf) keys.add(key);
  const byPart = new Map<string, { names: string[]; order: number[] }>();
  for (const key of keys) byPart.set(key, { names: [], order: [] });
  partOf.forEach((key, i) => {
    const p = byPart.get(key)!;
    p.names.push(names[i]!);
    p.order.push(i);
  });
  return [...keys]
    .sort((a, b) => (a === b ? 0 : a < b ? -1 : 1))
    .map((key) => {
      const p = byPart.get(key)!;
      // Ghosts of a book that shares several ID numbers with a part come as one book.
      const merged = new Map<number, GhostBook>();
      for (const g of ghosts.get(key) ?? []) {
        const had = merged.get(g.order);
        merged.set(
          g.order,
          had ? { ...had, records: [...had.records, ...g.records].sort((x, y) => x.index - y.index) } : g,
        );
      }
      return {
        names: p.names,
        order: p.order,
        ...(key !== "" && { town: key }),
        whole: false,
        withFrame: key === "",
        ghosts: [...merged.values()],
        extra: extra.get(key) ?? [],
      };
    });
}
