import * as fs from "node:fs";
import * as path from "node:path";
import type { IsoDate } from "../domain/dates.js";
import { indexRegister, type LoadedBook, type LoadedTrainingYear, type RegisterIndex } from "../domain/library.js";
import type { District, Reserve } from "../domain/model.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { ReserveError } from "../diagnostics/fatal.js";
import {
  DISTRICT_FILE,
  displayPath,
  TRAINING_FILE_NAME,
  TRAININGS_DIR,
  VILLAGE_FILE_NAME,
  VILLAGES_DIR,
} from "./layout.js";
import {
  contentHash,
  isRacy,
  nowNs,
  readShard,
  sameStamp,
  stampOf,
  villageShard,
  writeShard,
  type CacheEntry,
  type FileStamp,
  type NewEntry,
  type Shard,
} from "./library-cache.js";
import {
  assembleBook,
  decodeLibraryText,
  duplicatePersonIds,
  libraryTextProblem,
  listLibraryDir,
  locateFindings,
  MAX_LIBRARY_FILE_BYTES,
  readLibraryBytes,
  registerPosition,
  SessionIds,
  type BookRead,
  type DistrictRead,
  type LaidOutBook,
  type TrainingRead,
} from "./library-files.js";
import type { LoadedLibrary, LoadOptions } from "./load-library.js";
import { BUILTIN, vocabulariesOf, type Vocabularies } from "../domain/vocabulary-set.js";
import { requireLibrary } from "./library-root.js";
import { CorruptData } from "./record-codec.js";
import { recordKeys } from "./record-keys.js";
import { slowPath } from "./slow-path.js";
import type { FileWrite } from "./transaction.js";
import type { YamlValue } from "./yaml-write.js";

/**
 * Loading the library through the cache (library-cache.ts): a file whose entry is current is not
 * read at all (racily clean ones are read and hashed); the others are read by load-library.ts and
 * their entries written back. The result is the same as load-library.ts's `loadLibrary` (the
 * reference): tests/perf/audit-paths.test.ts checks it, cold and warm, on a library with files in
 * and out of the canonical layout, and tests/trust/fuzz.test.ts on mutated cache files.
 *
 * Besides the whole library (loadLibraryCached), a library can be read in parts — the register,
 * trainings and file list first (openFrame), then the village books of one town at a time
 * (readPartKeys, loadPart) — so that a country's library is audited in bounded memory.
 */

/** Meta of a village book's entry. */
interface BookMeta {
  readonly diagnostics: Diagnostic[];
  readonly canonical?: boolean;
  /** The day the file was checked on, and the latest birth in it (see BookRead.latestBirth). */
  readonly today: IsoDate;
  readonly latestBirth: string;
  /** The fingerprint of the vocabularies the file was checked against (vocabulary-set.ts). */
  readonly vocabulary: string;
  readonly book?: Omit<NonNullable<BookRead["book"]>, "reserves">;
}

interface PlainMeta {
  readonly diagnostics: Diagnostic[];
  readonly canonical?: boolean;
}

/** Diagnostics are kept without the file's name, which depends on the working directory. */
function strip(ds: readonly Diagnostic[]): Diagnostic[] {
  return ds.map((d) => (d.location ? { ...d, location: { ...d.location, file: "" } } : d));
}

function restore(ds: readonly Diagnostic[], file: string): Diagnostic[] {
  return ds.map((d) => (d.location ? { ...d, location: { ...d.location, file } } : d));
}

interface Computed<M> {
  readonly meta: M;
  readonly value?: unknown;
  readonly keys?: Uint32Array;
}

/** A file's reading through the cache: from its entry (decoded only when asked) or computed afresh. */
type Reading<M> =
  | {
      readonly meta: M;
      readonly value: () => unknown;
      readonly keys: () => Uint32Array | undefined;
      /** The content hash of the file's bytes as read (what the reading was made from). */
      readonly hash: string;
    }
  | { readonly problem: Diagnostic };

/**
 * Files read in this process that are in the canonical layout, by the name findings carry, with
 * the hash of their text: a finding in such a file is placed by reading only its record.
 */
const canonicalTexts = new Map<string, string>();

function remember(file: string, meta: { canonical?: boolean }, hash: string): void {
  if (meta.canonical) canonicalTexts.set(file, hash);
  else canonicalTexts.delete(file);
}

/** An entry for the next version of a shard: new, or carried over from the shard as it is. */
type Next = NewEntry | { readonly carried: CacheEntry; readonly from: Shard };

/** The shards of one load: read on first use, written back at the end when something changed. */
class ShardSet {
  private readonly shards = new Map<string, { shard?: Shard; next: Map<string, Next>; dirty: boolean }>();
  private readonly readAt = nowNs();

  /**
   * With `keep`, entries of files not read in this run are kept (a write refreshes a few files).
   * With `listed` (the files the library has), entries of listed files not read in this run are
   * carried over as they are, and only those of files gone are dropped.
   * With `trust`, entries are used without looking at their files again: for a second pass over
   * files a first pass has just checked (a change made meanwhile is the reader's usual race, see
   * library-session.ts readConsistently).
   */
  constructor(
    private readonly root: string,
    private readonly keep = false,
    private readonly trust = false,
    private readonly listed?: ReadonlySet<string>,
  ) {}

  private get(name: string) {
    let s = this.shards.get(name);
    if (!s) {
      s = { shard: readShard(this.root, name), next: new Map(), dirty: false };
      if (this.keep && s.shard) {
        try {
          for (const e of s.shard.entries.values()) s.next.set(e.name, this.copy(s.shard, e, e.racy));
        } catch (err) {
          if (!(err instanceof CorruptData)) throw err;
          s.next.clear();
        }
      }
      this.shards.set(name, s);
    }
    return s;
  }

  private copy(shard: Shard, e: CacheEntry, racy: boolean): NewEntry {
    const value = shard.value(e);
    const keys = shard.keys(e);
    return {
      name: e.name,
      stamp: e.stamp,
      hash: e.hash,
      racy,
      meta: e.meta,
      ...(value !== undefined && { value }),
      ...(keys !== undefined && { keys: keys.slice() }),
    };
  }

  /** Stores what reading `bytes` (the file's content, in the state `stamp`) gave; returns its hash. */
  put(shardName: string, name: string, stamp: FileStamp, bytes: Uint8Array, computed: Computed<unknown>): string {
    const s = this.get(shardName);
    const hash = contentHash(bytes);
    s.next.set(name, {
      name,
      stamp,
      hash,
      racy: isRacy(stamp, this.readAt),
      meta: computed.meta,
      ...(computed.value !== undefined && { value: computed.value }),
      ...(computed.keys !== undefined && { keys: computed.keys }),
    });
    s.dirty = true;
    return hash;
  }

  /**
   * The reading of `abs`: from the shard when its entry is current, else computed by `read` from
   * the file's text and stored. A file that cannot be read at all gives its problem (not cached).
   */
  read<M>(
    shardName: string,
    name: string,
    abs: string,
    file: string,
    usable: (meta: M) => boolean,
    read: (text: string) => Computed<M>,
  ): Reading<M> {
    const s = this.get(shardName);
    const entry = s.shard?.entries.get(name) as CacheEntry<M> | undefined;
    let st: fs.BigIntStats | undefined;
    const trusted = this.trust && entry !== undefined && !entry.racy;
    if (!trusted) {
      try {
        st = fs.lstatSync(abs, { bigint: true });
      } catch {
        st = undefined;
      }
    }
    if (entry && (trusted || (st?.isFile() && sameStamp(entry.stamp, stampOf(st)))) && usable(entry.meta)) {
      let racy = entry.racy;
      let fresh = !racy;
      if (racy) {
        const bytes = readSafely(abs, st!);
        fresh = bytes !== undefined && contentHash(bytes) === entry.hash;
        racy = isRacy(entry.stamp, nowNs());
      }
      if (fresh) {
        const shard = s.shard!;
        if (racy !== entry.racy || this.keep) {
          // Rewritten: with the racy mark cleared, or kept beside the files a write refreshes.
          s.next.set(name, this.copy(shard, entry, racy));
          s.dirty ||= racy !== entry.racy;
        } else s.next.set(name, { carried: entry, from: shard });
        remember(file, entry.meta as { canonical?: boolean }, entry.hash);
        // A shard that passed its checksum yet does not decode can only be a defect: read the file.
        let again: Computed<M> | undefined;
        const retry = () => (again ??= this.compute(shardName, name, abs, file, read, true) as Computed<M>);
        const guard =
          <T>(get: () => T, fallback: () => T) =>
          () => {
            try {
              return get();
            } catch (err) {
              if (!(err instanceof CorruptData)) throw err;
              return fallback();
            }
          };
        return {
          meta: entry.meta,
          hash: entry.hash,
          value: guard(
            () => shard.value(entry),
            () => retry().value,
          ),
          keys: guard(
            () => shard.keys(entry),
            () => retry().keys,
          ),
        };
      }
    }
    const computed = this.compute(shardName, name, abs, file, read, false);
    if ("problem" in computed) return computed;
    return { meta: computed.meta, hash: computed.hash, value: () => computed.value, keys: () => computed.keys };
  }

  /** Reads the file and computes its reading, storing it; a file that cannot be read gives its problem. */
  private compute<M>(
    shardName: string,
    name: string,
    abs: string,
    file: string,
    read: (text: string) => Computed<M>,
    mustRead: boolean,
  ): (Computed<M> & { hash: string }) | { problem: Diagnostic } {
    const got = readLibraryBytes(abs, file);
    const text = got.bytes && decodeLibraryText(got.bytes);
    if (text === undefined) {
      if (mustRead) throw new ReserveError("io-error", { path: file, reason: "changed while read" });
      return {
        problem: got.diagnostic ?? libraryTextProblem(got.bytes!, file),
      };
    }
    const computed = read(text);
    const hash = this.put(shardName, name, stampOf(got.stat!), got.bytes!, computed);
    remember(file, computed.meta as { canonical?: boolean }, hash);
    return { ...computed, hash };
  }

  /** Writes the shards that changed, keeping only the files this load read (or `listed` ones). */
  flush(): void {
    for (const [name, s] of this.shards) {
      let pruned = false;
      if (s.shard && s.shard.entries.size !== s.next.size) {
        // A load of some of a shard's files (the books a check across towns compares, a batch of
        // a large town) would otherwise drop the others' entries, and the next load of them read
        // every one afresh.
        for (const e of s.shard.entries.values()) {
          if (s.next.has(e.name)) continue;
          if (this.listed?.has(e.name)) s.next.set(e.name, { carried: e, from: s.shard });
          else pruned = true;
        }
      }
      if (!s.dirty && !pruned) continue;
      try {
        const entries = [...s.next.values()].map((e) =>
          "carried" in e ? this.copy(e.from, e.carried, e.carried.racy) : e,
        );
        writeShard(this.root, name, entries);
      } catch (err) {
        // A damaged entry carried over: the shard is left for the next reader to rebuild.
        if (!(err instanceof CorruptData)) throw err;
      }
    }
  }
}

function readSafely(abs: string, st: fs.BigIntStats): Buffer | undefined {
  if (st.size > BigInt(MAX_LIBRARY_FILE_BYTES)) return undefined;
  try {
    return fs.readFileSync(abs);
  } catch {
    return undefined;
  }
}

/**
 * Whether a book's reading holds for this read: made against the same vocabularies, and on
 * `meta.today` or a day that makes no difference (no birth in the file after either day).
 */
function holds(meta: BookMeta, today: IsoDate, vocabulary: string): boolean {
  if (meta.vocabulary !== vocabulary) return false;
  return meta.today === today || (meta.latestBirth <= today && meta.latestBirth <= meta.today);
}

function districtReading(text: string, file: string): Computed<PlainMeta> {
  const r: DistrictRead = slowPath().readDistrictFile(text, file);
  return {
    meta: { diagnostics: strip(r.diagnostics), canonical: r.canonical === true },
    value: r.district ?? null,
    ...(r.registerAt && { keys: r.registerAt }),
  };
}

function bookReading(
  text: string,
  name: string,
  file: string,
  today: IsoDate,
  vocabularies: Vocabularies,
): Computed<BookMeta> {
  const read = slowPath().readBookFile(text, name, file, today, vocabularies);
  const meta: BookMeta = {
    diagnostics: strip(read.diagnostics),
    canonical: read.canonical === true,
    today,
    latestBirth: read.latestBirth,
    vocabulary: vocabularies.fingerprint,
  };
  if (!read.book) return { meta };
  const { reserves, ...book } = read.book;
  return { meta: { ...meta, book }, value: reserves, keys: recordKeys(reserves) };
}

function trainingReading(text: string, name: string, file: string): Computed<PlainMeta> {
  const read: TrainingRead = slowPath().readTrainingFile(text, name, file);
  return {
    meta: { diagnostics: strip(read.diagnostics), canonical: read.canonical === true },
    value: read.year ?? null,
  };
}

/**
 * After a commit, stores the readings of the files it wrote, so that the next command finds them
 * current (an import writing every village book leaves a cache that makes the next audit fast).
 * Books are read against the vocabularies of `district` (the library's, or the one the commit
 * writes). Best effort: a failure leaves entries to be rebuilt by the next reader.
 */
export function refreshCache(
  root: string,
  writes: readonly FileWrite[],
  options: LoadOptions,
  district?: District,
): void {
  const cwd = options.cwd ?? process.cwd();
  try {
    const shards = new ShardSet(root, true);
    let vocabularies = district ? vocabulariesOf(district.policy) : BUILTIN;
    for (const w of writes) {
      const [dir, name] = w.target.split("/");
      const abs = path.join(root, ...w.target.split("/"));
      const file = displayPath(abs, cwd);
      let shard: string;
      let computed: Computed<unknown>;
      if (w.target === DISTRICT_FILE) {
        shard = "district";
        computed = districtReading(w.content, file);
        const written = computed.value as District | null | undefined;
        if (written) vocabularies = vocabulariesOf(written.policy);
      } else if (dir === VILLAGES_DIR && name !== undefined && VILLAGE_FILE_NAME.test(name)) {
        shard = villageShard(name);
        computed = bookReading(w.content, name, file, options.today, vocabularies);
      } else if (dir === TRAININGS_DIR && name !== undefined && TRAINING_FILE_NAME.test(name)) {
        shard = "trainings";
        computed = trainingReading(w.content, name, file);
      } else continue;
      const bytes = Buffer.from(w.content, "utf8");
      const st = fs.lstatSync(abs, { bigint: true });
      // Written by the commit just now, unless something else replaced it since.
      if (!st.isFile() || st.size !== BigInt(bytes.length)) continue;
      shards.put(shard, w.target === DISTRICT_FILE ? DISTRICT_FILE : name!, stampOf(st), bytes, computed);
    }
    shards.flush();
  } catch {
    // The cache is only a cache.
  }
}

/** The register, trainings and file list of a library: what every part of it is read against. */
export interface LibraryFrame {
  readonly root: string;
  readonly cwd: string;
  readonly today: IsoDate;
  /** Undefined when district.yaml cannot be used. */
  readonly district: District | undefined;
  readonly districtFile: string;
  readonly register: RegisterIndex | undefined;
  readonly trainings: LoadedTrainingYear[];
  /** Problems of district.yaml, of the file lists and of the training files, in the loader's order. */
  readonly before: Diagnostic[];
  readonly after: Diagnostic[];
  /** The village book files (names in villages/), sorted. */
  readonly names: string[];
  /** Where the register's towns and villages are written in district.yaml (registerPosition). */
  readonly registerAt?: Uint32Array;
  /** The vocabularies the books are checked against (the register's policy, or the built-in ones). */
  readonly vocabularies: Vocabularies;
}

export function openFrame(root: string, options: LoadOptions, given?: ShardSet): LibraryFrame {
  const shards = given ?? new ShardSet(root);
  const cwd = options.cwd ?? process.cwd();
  requireLibrary(root, cwd);
  const before: Diagnostic[] = [];
  const districtAbs = path.join(root, DISTRICT_FILE);
  const districtFile = displayPath(districtAbs, cwd);
  const d = shards.read<PlainMeta>(
    "district",
    DISTRICT_FILE,
    districtAbs,
    districtFile,
    () => true,
    (text) => districtReading(text, districtFile),
  );
  let district: District | undefined;
  let registerAt: Uint32Array | undefined;
  if ("problem" in d) before.push(d.problem);
  else {
    before.push(...restore(d.meta.diagnostics, districtFile));
    district = (d.value() as District | null) ?? undefined;
    registerAt = d.keys()?.slice();
  }
  const register = district ? indexRegister(district) : undefined;
  const names = listLibraryDir(root, VILLAGES_DIR, VILLAGE_FILE_NAME, cwd, before);

  const after: Diagnostic[] = [];
  const trainings: LoadedTrainingYear[] = [];
  const sessionIds = new SessionIds();
  for (const name of listLibraryDir(root, TRAININGS_DIR, TRAINING_FILE_NAME, cwd, after)) {
    const abs = path.join(root, TRAININGS_DIR, name);
    const file = displayPath(abs, cwd);
    const r = shards.read<PlainMeta>(
      "trainings",
      name,
      abs,
      file,
      () => true,
      (text) => trainingReading(text, name, file),
    );
    if ("problem" in r) after.push(r.problem);
    else {
      after.push(...restore(r.meta.diagnostics, file));
      const year = r.value() as TrainingRead["year"] | null;
      if (year) {
        trainings.push({ ...year, file });
        sessionIds.add(name, file, year.sessions);
      }
    }
  }
  if (sessionIds.duplicates.length > 0) after.push(...locateCached(sessionIds.duplicates, cwd));
  if (!given) shards.flush();
  return {
    root,
    cwd,
    today: options.today,
    district,
    districtFile,
    register,
    trainings,
    before,
    after,
    names,
    ...(registerAt && { registerAt }),
    vocabularies: district ? vocabulariesOf(district.policy) : BUILTIN,
  };
}

const listedNames = new WeakMap<LibraryFrame, ReadonlySet<string>>();

/** The frame's village files as a set, made once per frame (a country has 490,000). */
function listed(frame: LibraryFrame): ReadonlySet<string> {
  let set = listedNames.get(frame);
  if (!set) {
    set = new Set(frame.names);
    listedNames.set(frame, set);
  }
  return set;
}

function readBook(frame: LibraryFrame, shards: ShardSet, name: string) {
  const abs = path.join(frame.root, VILLAGES_DIR, name);
  const file = displayPath(abs, frame.cwd);
  const r = shards.read<BookMeta>(
    villageShard(name),
    name,
    abs,
    file,
    (meta) => holds(meta, frame.today, frame.vocabularies.fingerprint),
    (text) => bookReading(text, name, file, frame.today, frame.vocabularies),
  );
  return { r, file, fileCode: VILLAGE_FILE_NAME.exec(name)![1]! };
}

/** A village book as the checks across the library see it: where it is, and its records' keys. */
export interface BookKeys {
  readonly name: string;
  readonly file: string;
  /** The village the file names (undefined when the file could not be read as a book). */
  readonly village?: string;
  /** Where each readable record is in the file's list. */
  readonly indexes: readonly number[];
  readonly keys: Uint32Array;
}

/**
 * The keys of the books `names` (village files of one part): books not current in the cache are
 * read and their entries written, so that loadPart then finds every one of them current.
 */
export function readPartKeys(frame: LibraryFrame, names: readonly string[]): BookKeys[] {
  const shards = new ShardSet(frame.root, false, false, listed(frame));
  const out = names.map((name): BookKeys => {
    const { r, file } = readBook(frame, shards, name);
    if ("problem" in r || !r.meta.book) return { name, file, indexes: [], keys: new Uint32Array(0) };
    const keys = r.keys() ?? new Uint32Array(0);
    const count = keys.length / 4;
    const indexes = r.meta.book.indexes ?? Array.from({ length: count }, (_, i) => i);
    return { name, file, village: r.meta.book.village, indexes, keys: keys.slice() };
  });
  shards.flush();
  return out;
}

/** The books `names` (in order) and their diagnostics, as loadLibrary gives them. */
export function loadPart(
  frame: LibraryFrame,
  names: readonly string[],
  options: { trusted?: boolean } = {},
  shards = new ShardSet(frame.root, false, options.trusted === true, listed(frame)),
): { books: LoadedBook[]; diagnostics: Diagnostic[]; laidOut: Map<string, LaidOutBook> } {
  const books: LoadedBook[] = [];
  const diagnostics: Diagnostic[] = [];
  const laidOut = new Map<string, LaidOutBook>();
  for (const name of names) {
    const { r, file, fileCode } = readBook(frame, shards, name);
    const read: BookRead =
      "problem" in r
        ? { diagnostics: [{ ...r.problem, village: fileCode }], latestBirth: "" }
        : {
            diagnostics: restore(r.meta.diagnostics, file),
            latestBirth: r.meta.latestBirth,
            ...(r.meta.book && { book: { ...r.meta.book, reserves: r.value() as Reserve[] } }),
          };
    const { diagnostics: ds, book } = assembleBook(
      read,
      fileCode,
      file,
      frame.register,
      "hash" in r ? r.hash : undefined,
    );
    for (const d of ds) diagnostics.push(d);
    if (book) {
      books.push(book);
      const layout = read.book?.layout;
      if (layout)
        laidOut.set(file, { layout, village: book.village, reserves: book.reserves as unknown as YamlValue[] });
    }
  }
  shards.flush();
  return { books, diagnostics, laidOut };
}

/** The library through the cache: the same result as load-library.ts's loadLibrary. */
export function loadLibraryCached(root: string, options: LoadOptions): LoadedLibrary {
  const shards = new ShardSet(root);
  const frame = openFrame(root, options, shards);
  const { books, diagnostics, laidOut } = loadPart(frame, frame.names, {}, shards);
  const all = [...frame.before, ...diagnostics, ...frame.after];
  const dupes = duplicatePersonIds(books, frame.register);
  if (dupes.length > 0) all.push(...locateCached(dupes, frame.cwd, laidOut, frame));
  const library = frame.district
    ? { district: frame.district, districtFile: frame.districtFile, books, trainings: frame.trainings }
    : undefined;
  return { root, library, diagnostics: all };
}

/** Locates findings by YAML path without the YAML library for files in the canonical layout. */
export function locateCached(
  diagnostics: readonly Diagnostic[],
  cwd: string,
  laidOut?: ReadonlyMap<string, LaidOutBook>,
  frame?: LibraryFrame,
): Diagnostic[] {
  const { district, register, registerAt, districtFile } = frame ?? {};
  return locateFindings(
    diagnostics,
    cwd,
    (rest) => slowPath().locateWithYaml(rest, cwd),
    (file) => canonicalTexts.get(file),
    (file) => laidOut?.get(file),
    (file, path) =>
      file === districtFile && district && register && registerAt
        ? registerPosition(district, register, registerAt, path)
        : undefined,
  );
}
