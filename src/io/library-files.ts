import * as fs from "node:fs";
import { isUtf8 } from "node:buffer";
import * as path from "node:path";
import type { LoadedBook, RegisterIndex } from "../domain/library.js";
import type { District, Reserve, TrainingSession } from "../domain/model.js";
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import { ReserveError } from "../diagnostics/fatal.js";
import type { IsoDate } from "../domain/dates.js";
import type { Vocabularies } from "../domain/vocabulary-set.js";
import { checkReserveRecord } from "../schema/record-checks.js";
import { isReserveAsWritten, isVillageFileAsWritten } from "../schema/record-fast.js";
import { canonicalPosition, knownCanonicalLocator, readCanonical, readCanonicalData } from "./canonical-yaml.js";
import { displayPath, TRAINING_YEAR_FILE_NAME, VILLAGE_FILE_NAME, VILLAGES_DIR } from "./layout.js";
import { placesOf, REPLACEMENT } from "./text-decode.js";
import { contentHash } from "./library-cache.js";

/**
 * What reading one library file gives, apart from where the library is read from: the pieces the
 * loader (load-library.ts) computes from a file's text and the cache (library-cache.ts) keeps,
 * and the steps that combine them with the rest of the library. Nothing here loads the YAML
 * library or the schemas, so that a library read from the cache never does.
 */

/** Library files larger than this are refused before reading (a country register is ~60 MB). */
export const MAX_LIBRARY_FILE_BYTES = 256 * 1024 * 1024;

const utf8 = new TextDecoder("utf-8", { fatal: true });
const lossyUtf8 = new TextDecoder("utf-8");

/**
 * Decodes a library file's bytes (a BOM is tolerated), or undefined when they are not UTF-8 or
 * hold a NUL (which no YAML file has: the file is damaged); libraryTextProblem says where.
 */
export function decodeLibraryText(bytes: Uint8Array): string | undefined {
  if (bytes.indexOf(0) !== -1) return undefined;
  try {
    const text = utf8.decode(bytes);
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch {
    return undefined;
  }
}

/**
 * Why decodeLibraryText refused `bytes`, at the line and column of the first bytes that are not
 * UTF-8 (or of the first NUL), with how many more lines hold such bytes.
 */
export function libraryTextProblem(bytes: Uint8Array, shown: string): Diagnostic {
  const text = lossyUtf8.decode(bytes);
  const reason = isUtf8(bytes) ? "nul" : "utf-8";
  const places = placesOf(text, reason === "nul" ? "\0" : REPLACEMENT);
  const first = places[0] ?? { line: 1, column: 1 };
  return diagnostic(
    "file-encoding",
    { reason, more: Math.max(0, places.length - 1) },
    { location: { file: shown, line: first.line, column: first.column } },
  );
}

/** Reads a library file as UTF-8 text (a BOM is tolerated), or says why it cannot. */
/** The file's text, with the content hash of its bytes (what the cache keys a reading by). */
export function readLibraryText(abs: string, shown: string): { text?: string; hash?: string; diagnostic?: Diagnostic } {
  const r = readLibraryBytes(abs, shown);
  if (r.diagnostic) return { diagnostic: r.diagnostic };
  const text = decodeLibraryText(r.bytes!);
  if (text === undefined) return { diagnostic: libraryTextProblem(r.bytes!, shown) };
  return { text, hash: contentHash(r.bytes!) };
}

function at(shown: string) {
  return { file: shown, line: 1, column: 1 };
}

/**
 * Reads a library file's bytes, refusing links, non-files and files over the limit; `stat` is
 * the file's as it was opened (lstat, so a link is seen as a link).
 */
export function readLibraryBytes(
  abs: string,
  shown: string,
): { bytes?: Buffer; stat?: fs.BigIntStats; diagnostic?: Diagnostic } {
  const where = { location: at(shown) };
  let st: fs.BigIntStats;
  try {
    st = fs.lstatSync(abs, { bigint: true });
  } catch (err) {
    return {
      diagnostic: diagnostic("file-unreadable", { reason: (err as NodeJS.ErrnoException).code ?? "error" }, where),
    };
  }
  if (st.isSymbolicLink()) return { diagnostic: diagnostic("file-unreadable", { reason: "symlink" }, where) };
  if (!st.isFile()) return { diagnostic: diagnostic("file-unreadable", { reason: "not-file" }, where) };
  if (st.size > MAX_LIBRARY_FILE_BYTES) {
    return {
      diagnostic: diagnostic("file-too-large", { size: Number(st.size), max: MAX_LIBRARY_FILE_BYTES }, where),
    };
  }
  try {
    return { bytes: fs.readFileSync(abs), stat: st };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? "error";
    if (code === "EACCES" || code === "EPERM") throw new ReserveError("permission-denied", { path: shown });
    return { diagnostic: diagnostic("file-unreadable", { reason: code }, where) };
  }
}

/**
 * The names in a library folder that match `pattern`, sorted; other YAML files are reported (a
 * misnamed village book would otherwise be skipped silently). Hidden names are passed over.
 */
export function listLibraryDir(
  root: string,
  dir: string,
  pattern: RegExp,
  cwd: string,
  diagnostics: Diagnostic[],
): string[] {
  const abs = path.join(root, dir);
  let names: string[];
  try {
    names = fs.readdirSync(abs);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw err;
  }
  const out: string[] = [];
  for (const name of names.sort()) {
    if (name.startsWith(".")) continue;
    if (pattern.test(name)) out.push(name);
    else if (name.endsWith(".yaml") || name.endsWith(".yml")) {
      diagnostics.push(
        diagnostic(
          "village-file-name",
          { name, expected: dir === VILLAGES_DIR ? "village" : "training" },
          { location: at(displayPath(path.join(abs, name), cwd)) },
        ),
      );
    }
  }
  return out;
}

/** district.yaml as read: its problems (located) and the district when it can be used. */
export interface DistrictRead {
  readonly diagnostics: readonly Diagnostic[];
  readonly district?: District;
  /** Whether the text is in the canonical layout (read by canonical-yaml.ts). */
  readonly canonical?: boolean;
  /** Where the towns and villages are written: see registerPosition(). */
  readonly registerAt?: Uint32Array;
}

// Where each town's entries begin in the kept positions, worked out once per register.
const townStarts = new WeakMap<RegisterIndex, Int32Array>();

/**
 * The position of a finding about a town (["towns", ti]) or a village (["towns", ti, "villages",
 * vi]) of district.yaml, from the positions kept when it was read; undefined for other paths.
 */
export function registerPosition(
  district: District,
  register: RegisterIndex,
  registerAt: Uint32Array,
  path: readonly (string | number)[],
): { line: number; column: number } | undefined {
  if (path[0] !== "towns" || typeof path[1] !== "number") return undefined;
  const ti = path[1];
  let at: number;
  if (path.length === 2) at = 0;
  else if (path.length === 4 && path[2] === "villages" && typeof path[3] === "number") at = 1 + path[3];
  else return undefined;
  const town = district.towns[ti];
  if (!town || at > (register.villagesByTown.get(town.code)?.length ?? 0)) return undefined;
  let starts = townStarts.get(register);
  if (!starts) {
    starts = new Int32Array(district.towns.length);
    let n = 0;
    district.towns.forEach((t, i) => {
      starts![i] = n;
      n += 1 + (register.villagesByTown.get(t.code)?.length ?? 0);
    });
    townStarts.set(register, starts);
  }
  const index = (starts[ti]! + at) * 2;
  if (index + 1 >= registerAt.length) return undefined;
  return { line: registerAt[index]!, column: registerAt[index + 1]! };
}

/**
 * A village book as read. Its diagnostics are located and carry the file's village code, but no
 * town: the town comes from the register (assembleBook), so that the reading does not depend on
 * district.yaml and can be kept while district.yaml changes.
 */
export interface BookRead {
  readonly diagnostics: readonly Diagnostic[];
  /**
   * The village named in the file, where `village:` is (for `village-unknown`) and where in
   * `diagnostics` that finding goes, when the file could be read as a book.
   */
  readonly book?: {
    readonly village: string;
    readonly reserves: readonly Reserve[];
    readonly complete: boolean;
    readonly indexes?: readonly number[];
    readonly villageAt: { readonly line: number; readonly column: number };
    readonly unknownAt: number;
  };
  /**
   * The latest birth date written in any ID number of the file: the reading depends on the day it
   * is made only through births after that day (an ID number born in the future is an error).
   */
  readonly latestBirth: string;
  /** Whether the text is in the canonical layout (read by canonical-yaml.ts). */
  readonly canonical?: boolean;
}

export interface TrainingRead {
  readonly diagnostics: readonly Diagnostic[];
  readonly year?: { readonly year: number; readonly sessions: readonly TrainingSession[] };
  /** Whether the text is in the canonical layout (read by canonical-yaml.ts). */
  readonly canonical?: boolean;
}

/**
 * Session ids across the training files, in the order they are read: an id already defined in
 * another file is reported where it comes again (ids repeated within one file are reported by
 * the file's reading). Both loaders use it, so they agree.
 */
export class SessionIds {
  private readonly first = new Map<string, string>();
  readonly duplicates: Diagnostic[] = [];

  add(name: string, file: string, sessions: readonly TrainingSession[]): void {
    const yearFile = TRAINING_YEAR_FILE_NAME.test(name);
    sessions.forEach((s, i) => {
      const prev = this.first.get(s.id);
      if (prev === undefined) this.first.set(s.id, file);
      else if (prev !== file) {
        const path = yearFile ? ["sessions", i, "id"] : ["id"];
        this.duplicates.push(
          diagnostic("training-duplicate-session", { id: s.id, first: prev }, { location: { file, path } }),
        );
      }
    });
  }
}

/** The latest birth date (YYYY-MM-DD) found in the ID numbers of raw records; "" when none. */
export function latestBirthIn(records: readonly unknown[]): string {
  let latest = "";
  for (const r of records) {
    const id = (r as { id_number?: unknown } | null)?.id_number;
    if (typeof id !== "string" || id.length < 14) continue;
    const digits = id.slice(6, 14);
    if (!/^\d{8}$/.test(digits)) continue;
    const birth = `${digits.slice(0, 4)}-${digits.slice(4, 6)}-${digits.slice(6, 8)}`;
    if (birth > latest) latest = birth;
  }
  return latest;
}

/**
 * A village book the way the tool writes it, read without the YAML library or the schemas: the
 * canonical reader's data (canonical-yaml.ts), `village` and `reserves` in that order, and every
 * record one the schema accepts as it is (schema/record-fast.ts); then the checks beyond the
 * schema, as load-library.ts readBookFile makes them. Gives readBookFile's reading of the same
 * text (tests/perf/incremental.test.ts compares them on every file it edits), or undefined when
 * the file is anything else: a hand-edited layout, a record the schema refuses or would reorder.
 */
export function readBookFast(
  text: string,
  name: string,
  file: string,
  today: IsoDate,
  vocabularies: Vocabularies,
): BookRead | undefined {
  const read = readCanonicalData(text);
  if (!read || !isVillageFileAsWritten(read.data)) return undefined;
  const { village, reserves } = read.data;
  for (const r of reserves) if (!isReserveAsWritten(r, vocabularies)) return undefined;
  const fileCode = VILLAGE_FILE_NAME.exec(name)![1]!;
  const local: Diagnostic[] = [];
  if (village !== fileCode) {
    local.push(
      diagnostic(
        "village-file-name",
        { name, expected: `${village}.yaml` },
        { location: { file, path: ["village"] }, village: fileCode },
      ),
    );
  }
  const unknownAt = local.length;
  const records = reserves as Reserve[];
  records.forEach((r, i) => {
    for (const p of checkReserveRecord(r, today)) {
      const where = { location: { file, path: ["reserves", i, ...p.path] }, village: fileCode, person: r.id };
      local.push(diagnostic(p.code, p.args, where));
    }
  });
  // `village:` is the first line after the comments, its value in column 10; anything to place
  // besides is placed by the canonical reader's nodes, read for it.
  let villageAt: { line: number; column: number } | undefined;
  const first = firstContentLine(text);
  if (text.startsWith("village: ", first.offset)) villageAt = { line: first.line, column: 10 };
  let diagnostics = local;
  if (local.length > 0 || !villageAt) {
    const doc = readCanonical(text)!;
    const v = canonicalPosition(doc, ["village"], "village-unknown");
    villageAt = { line: v.line, column: v.column };
    diagnostics = local.map((d) => {
      const pos = canonicalPosition(doc, d.location!.path!, d.code);
      return { ...d, location: { ...d.location!, line: pos.line, column: pos.column } };
    });
  }
  return {
    diagnostics,
    book: { village, reserves: records, complete: true, villageAt, unknownAt },
    latestBirth: latestBirthIn(reserves),
    canonical: true,
  };
}

/** The first line that is neither blank nor a comment: its number and where it starts. */
function firstContentLine(text: string): { line: number; offset: number } {
  let line = 1;
  let at = 0;
  for (;;) {
    let i = at;
    while (text.charCodeAt(i) === 32) i++;
    const c = text.charCodeAt(i);
    if (c !== 35 /* # */ && c !== 10 && i < text.length) return { line, offset: at };
    const end = text.indexOf("\n", at);
    if (end === -1) return { line, offset: at };
    at = end + 1;
    line++;
  }
}

function withTown(d: Diagnostic, town: string | undefined): Diagnostic {
  if (town === undefined) return d;
  const { code, severity, args, location, village, person } = d;
  return {
    code,
    severity,
    args,
    ...(location && { location }),
    ...(village !== undefined && { village }),
    town,
    ...(person !== undefined && { person }),
  };
}

/**
 * A book's diagnostics and the book, as the library is now: the town of every finding and whether
 * the register knows the village come from `register` (undefined when district.yaml is unusable).
 */
export function assembleBook(
  read: BookRead,
  fileCode: string,
  file: string,
  register: RegisterIndex | undefined,
  source?: string,
): { diagnostics: Diagnostic[]; book?: LoadedBook } {
  const town = register?.villages.get(fileCode)?.town;
  const diagnostics = read.diagnostics.map((d) => withTown(d, town));
  const b = read.book;
  if (!b) return { diagnostics };
  if (register && !register.villages.has(b.village)) {
    const unknown = diagnostic(
      "village-unknown",
      { code: b.village },
      { location: { file, path: ["village"], line: b.villageAt.line, column: b.villageAt.column }, village: fileCode },
    );
    diagnostics.splice(b.unknownAt, 0, withTown(unknown, town));
  }
  const book: LoadedBook = {
    village: b.village,
    reserves: b.reserves,
    file,
    complete: b.complete,
    ...(b.indexes && { indexes: b.indexes }),
    ...(source !== undefined && { source }),
  };
  return { diagnostics, book };
}

/** The same internal id in two records (anywhere in the library), reported where it comes again. */
export function duplicatePersonIds(books: readonly LoadedBook[], register: RegisterIndex | undefined): Diagnostic[] {
  const first = new Map<string, string>();
  const out: Diagnostic[] = [];
  for (const book of books) {
    book.reserves.forEach((r, i) => {
      const prev = first.get(r.id);
      if (prev !== undefined) {
        const town = register?.villages.get(book.village)?.town;
        out.push(
          diagnostic(
            "person-id-duplicate",
            { id: r.id, first: prev },
            {
              location: { file: book.file, path: ["reserves", book.indexes?.[i] ?? i, "id"] },
              village: book.village,
              ...(town && { town }),
              person: r.id,
            },
          ),
        );
      } else first.set(r.id, book.file);
    });
  }
  return out;
}

/**
 * Fills in line and column for diagnostics located by a YAML path, reading each file involved
 * once. Files in the canonical layout are read by canonical-yaml.ts — only the record a finding is
 * in, when `canonicalHash` says the file was in that layout when its text had that hash; the other
 * files are handed to `others` (which reads them with the YAML library), so that a library written
 * by the tool never needs it.
 */
export function locateFindings(
  diagnostics: readonly Diagnostic[],
  cwd: string,
  others: (diagnostics: readonly Diagnostic[]) => Diagnostic[],
  canonicalHash: (file: string) => string | undefined = () => undefined,
  kept: (file: string, path: readonly (string | number)[]) => { line: number; column: number } | undefined = () =>
    undefined,
): Diagnostic[] {
  const out: Diagnostic[] = [...diagnostics];
  const byFile = new Map<string, number[]>();
  out.forEach((d, i) => {
    const loc = d.location;
    if (!loc?.path || loc.line !== undefined) return;
    const pos = kept(loc.file, loc.path);
    if (pos) {
      out[i] = { ...d, location: { ...loc, line: pos.line, column: pos.column } };
      return;
    }
    const list = byFile.get(loc.file);
    if (list) list.push(i);
    else byFile.set(loc.file, [i]);
  });
  const rest: number[] = [];
  for (const [file, indexes] of byFile) {
    const abs = path.isAbsolute(file) ? file : path.resolve(cwd, file);
    const got = readLibraryBytes(abs, file);
    const text = got.bytes && decodeLibraryText(got.bytes);
    if (text === undefined) {
      rest.push(...indexes);
      continue;
    }
    const hash = canonicalHash(file);
    if (hash !== undefined && contentHash(got.bytes!) === hash) {
      const locate = knownCanonicalLocator(text);
      for (const i of indexes) {
        const d = out[i]!;
        const pos = locate(d.location!.path!, d.code);
        if (pos) out[i] = { ...d, location: { ...d.location!, line: pos.line, column: pos.column } };
        else rest.push(i);
      }
      continue;
    }
    const doc = readCanonical(text);
    if (!doc) {
      rest.push(...indexes);
      continue;
    }
    for (const i of indexes) {
      const d = out[i]!;
      const pos = canonicalPosition(doc, d.location!.path!, d.code);
      out[i] = { ...d, location: { ...d.location!, line: pos.line, column: pos.column } };
    }
  }
  if (rest.length > 0) {
    const located = others(rest.map((i) => out[i]!));
    rest.forEach((i, k) => (out[i] = located[k]!));
  }
  return out;
}
