import { createHash } from "node:crypto";
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
  readBookFast,
  readLibraryBytes,
  registerPosition,
  SessionIds,
  type BookRead,
  type DistrictRead,
  type TrainingRead,
} from "./library-files.js";
import type { LoadedLibrary, LoadOptions } from "./load-library.js";
import { BUILTIN, vocabulariesOf, type Vocabularies } from "../domain/vocabulary-set.js";
import { requireLibrary } from "./library-root.js";
import { CorruptData } from "./record-codec.js";
import { KEY_WORDS, keyNumber, recordKeys } from "./record-keys.js";
import { slowPath } from "./slow-path.js";
import type { FileWrite } from "./transaction.js";

/**
 * Loading the library through the cache (library-cache.ts): a file whose entry is current is not
 * read at all (racily clean ones are read and hashed); the others are read — a book in the
 * writer's layout by library-files.ts readBookFast, anything else by load-library.ts — and their
 * entries written back. The result is the same as load-library.ts's `loadLibrary` (the reference):
 * tests/perf/audit-paths.test.ts checks it, cold and warm, on a library with files in and out of
 * the canonical layout, tests/perf/incremental.test.ts after random edits, and
 * tests/trust/fuzz.test.ts on mutated cache files.
 *
 * Besides the whole library (loadLibraryCached), a library can be read a part at a time — the
 * register, trainings and file list first (openFrame), then village books one by one (BookReader),
 * with what an audit worked out for each kept beside its reading (commands/audit-units.ts).
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
      /** The state and content hash of the file as read, and whether it was racily clean. */
      readonly stamp: FileStamp;
      readonly hash: string;
      readonly racy: boolean;
      readonly value: () => unknown;
      readonly keys: () => Uint32Array | undefined;
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
type Next = NewEntry | { readonly kept: CacheEntry; readonly meta?: unknown };

const NO_STAMP: FileStamp = { size: "0", mtime: "0", ctime: "0", ino: "0", dev: "0" };

/** The shards of one load: read on first use, written back at the end when something changed. */
class ShardSet {
  private readonly shards = new Map<string, { shard?: Shard; next: Map<string, Next>; dirty: boolean }>();
  private readonly readAt = nowNs();

  /**
   * With `keep`, entries of files not read in this run are kept (a write refreshes a few files).
   * With `listed` (the files the library has), entries of listed files not read in this run are
   * carried over as they are, and only those of files gone are dropped.
   */
  constructor(
    private readonly root: string,
    private readonly keep = false,
    private readonly listed?: ReadonlySet<string>,
  ) {}

  private get(name: string) {
    let s = this.shards.get(name);
    if (!s) {
      s = { shard: readShard(this.root, name), next: new Map(), dirty: false };
      if (this.keep && s.shard) for (const e of s.shard.entries.values()) s.next.set(e.name, { kept: e });
      this.shards.set(name, s);
    }
    return s;
  }

  /** Stores what reading `bytes` (the file's content, in the state `stamp`) gave; returns its hash. */
  put(shardName: string, name: string, stamp: FileStamp, bytes: Uint8Array, computed: Computed<unknown>): string {
    const hash = contentHash(bytes);
    this.set(shardName, { name, stamp, hash, racy: isRacy(stamp, this.readAt), meta: computed.meta }, computed);
    return hash;
  }

  private set(shardName: string, entry: NewEntry, computed?: Computed<unknown>): void {
    const s = this.get(shardName);
    s.next.set(entry.name, {
      ...entry,
      ...(computed?.value !== undefined && { value: computed.value }),
      ...(computed?.keys !== undefined && { keys: computed.keys }),
    });
    s.dirty = true;
  }

  /** A derived entry (no file behind it: towns.bin) and its key words, carried on unless replaced. */
  derived<M>(shardName: string, name: string): { meta: M; keys: Uint32Array } | undefined {
    const s = this.get(shardName);
    const e = s.shard?.entries.get(name);
    if (!e) return undefined;
    if (!s.next.has(name)) s.next.set(name, { kept: e });
    try {
      return { meta: e.meta as M, keys: s.shard!.keys(e) ?? new Uint32Array(0) };
    } catch {
      return undefined;
    }
  }

  setDerived(shardName: string, name: string, hash: string, meta: unknown, keys?: Uint32Array): void {
    this.set(shardName, { name, stamp: NO_STAMP, hash, racy: false, meta }, keys && { meta, keys });
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
    const kept = this.current(shardName, name, abs, file, usable, read);
    if (kept) return kept;
    const computed = this.compute(shardName, name, abs, file, read, false);
    if ("problem" in computed) return computed;
    const { meta, stamp, hash, racy } = computed;
    return { meta, stamp, hash, racy, value: () => computed.value, keys: () => computed.keys };
  }

  /** The reading of `abs` from its entry, when the entry is current; undefined when it is not. */
  current<M>(
    shardName: string,
    name: string,
    abs: string,
    file: string,
    usable: (meta: M) => boolean,
    read: (text: string) => Computed<M>,
  ): Reading<M> | undefined {
    const s = this.get(shardName);
    const entry = s.shard?.entries.get(name) as CacheEntry<M> | undefined;
    if (!entry) return undefined;
    let st: fs.BigIntStats | undefined;
    try {
      st = fs.lstatSync(abs, { bigint: true });
    } catch {
      return undefined;
    }
    if (!st.isFile() || !sameStamp(entry.stamp, stampOf(st)) || !usable(entry.meta)) return undefined;
    let racy = entry.racy;
    if (racy) {
      const bytes = readSafely(abs, st);
      if (bytes === undefined || contentHash(bytes) !== entry.hash) return undefined;
      racy = isRacy(entry.stamp, nowNs());
    }
    const shard = s.shard!;
    if (racy !== entry.racy) {
      // Written again with the racy mark cleared.
      s.next.set(name, { kept: { ...entry, racy } });
      s.dirty = true;
    } else if (!s.next.has(name)) s.next.set(name, { kept: entry });
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
      stamp: entry.stamp,
      hash: entry.hash,
      racy,
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

  /** Reads the file and computes its reading, storing it; a file that cannot be read gives its problem. */
  private compute<M>(
    shardName: string,
    name: string,
    abs: string,
    file: string,
    read: (text: string) => Computed<M>,
    mustRead: boolean,
  ): (Computed<M> & { stamp: FileStamp; hash: string; racy: boolean }) | { problem: Diagnostic } {
    const got = readLibraryBytes(abs, file);
    const text = got.bytes && decodeLibraryText(got.bytes);
    if (text === undefined) {
      if (mustRead) throw new ReserveError("io-error", { path: file, reason: "changed while read" });
      return {
        problem: got.diagnostic ?? libraryTextProblem(got.bytes!, file),
      };
    }
    const computed = read(text);
    const stamp = stampOf(got.stat!);
    const hash = this.put(shardName, name, stamp, got.bytes!, computed);
    remember(file, computed.meta as { canonical?: boolean }, hash);
    return { ...computed, stamp, hash, racy: isRacy(stamp, this.readAt) };
  }

  /**
   * Writes the shards that changed, keeping only the files this load read (or `listed` ones);
   * not those `skip` names (written by another thread meanwhile).
   */
  flush(skip: (shard: string) => boolean = () => false): void {
    for (const [name, s] of this.shards) {
      if (skip(name)) continue;
      let pruned = false;
      if (s.shard && s.shard.entries.size !== s.next.size) {
        // A load of some of a shard's files (the books a check across towns compares, a part of
        // the library) would otherwise drop the others' entries, and the next load of them read
        // every one afresh.
        for (const e of s.shard.entries.values()) {
          if (s.next.has(e.name)) continue;
          if (this.listed?.has(e.name)) s.next.set(e.name, { kept: e });
          else pruned = true;
        }
      }
      if (!s.dirty && !pruned) continue;
      try {
        const entries = [...s.next.values()].map((e): NewEntry => {
          if (!("kept" in e)) return e;
          const { value, keys, ...rest } = e.kept;
          const words = keys && s.shard!.keys(e.kept);
          return {
            ...rest,
            ...(e.meta !== undefined && { meta: e.meta }),
            ...(value && { carried: value }),
            ...(words && { keys: words }),
          };
        });
        writeShard(this.root, name, entries, s.shard);
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
  const read =
    readBookFast(text, name, file, today, vocabularies) ??
    slowPath().readBookFile(text, name, file, today, vocabularies);
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
  /**
   * What the frame was read from: the content of district.yaml and of the training files. What is
   * worked out from a book and the frame is kept under a key made with it.
   */
  readonly basis: string;
}

export function openFrame(root: string, options: LoadOptions, given?: ShardSet): LibraryFrame {
  const shards = given ?? new ShardSet(root);
  const cwd = options.cwd ?? process.cwd();
  requireLibrary(root, cwd);
  const basis = createHash("sha1");
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
    basis.update(`district ${d.hash}\n`);
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
      basis.update(`training ${name} ${r.hash}\n`);
      after.push(...restore(r.meta.diagnostics, file));
      const year = r.value() as TrainingRead["year"] | null;
      if (year) {
        trainings.push({ ...year, file });
        sessionIds.add(name, file, year.sessions);
      }
    }
  }
  if (sessionIds.duplicates.length > 0) after.push(...locateCached(sessionIds.duplicates, { cwd }));
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
    basis: basis.digest("hex"),
  };
}

/** A village book as read through the cache. */
export interface BookState {
  readonly name: string;
  /** The file as findings name it. */
  readonly file: string;
  /** The village code in the file's name. */
  readonly fileCode: string;
  /** The file's state (stampWords), content hash and racy mark as read; undefined when it could not be. */
  readonly stamp: BigInt64Array | undefined;
  readonly hash: string | undefined;
  readonly racy: boolean;
  /** Its problems, as the loader gives them (with their town, and `village-unknown`). */
  readonly diagnostics: readonly Diagnostic[];
  /** The village the file names (undefined when it could not be read as a book). */
  readonly village: string | undefined;
  /** Where each readable record is in the file's list; undefined when they are all readable. */
  readonly indexes: readonly number[] | undefined;
  /** The records' key words (record-keys.ts). */
  readonly keys: Uint32Array;
  /** The book with its records (decoded on first use); undefined when the file is not one. */
  book(): LoadedBook | undefined;
  /** The same book, its records decoded only when `reserves` is first read. */
  shell(): LoadedBook | undefined;
}

/** A file's state as groups keep it: size, modification and change times (ns), inode, device. */
function stampWords(s: FileStamp): BigInt64Array {
  return BigInt64Array.from([s.size, s.mtime, s.ctime, s.ino, s.dev].map((x) => BigInt.asIntN(64, BigInt(x))));
}

const STAMP = 5;
/** A SHA-1 in hex as five words, and back. */
const HASH_WORDS = 5;

function hashWords(hex: string, out: Uint32Array, at: number): void {
  for (let i = 0; i < HASH_WORDS; i++) out[at + i] = hex.length === 40 ? parseInt(hex.slice(i * 8, i * 8 + 8), 16) : 0;
}

function hashText(words: Uint32Array, at: number): string {
  let out = "";
  for (let i = 0; i < HASH_WORDS; i++) out += words[at + i]!.toString(16).padStart(8, "0");
  return out === "0".repeat(40) ? "" : out;
}

/**
 * What was worked out from a group of village files (an audit's town), kept with the state of
 * every one of them: it holds while each file is as it was (same stamp; a racily clean one with
 * the same content), under the same key.
 */
export interface KeptGroup {
  readonly key: string;
  readonly files: readonly KeptFile[];
  /** What was worked out from the group as a whole. */
  readonly findings: readonly Diagnostic[];
}

export interface KeptFile {
  readonly name: string;
  /** Its state (five numbers, see stampWords), empty when it could not be read. */
  readonly stamp: BigInt64Array;
  /** Its content hash, "" when it could not be read. */
  readonly hash: string;
  readonly racy: boolean;
  readonly village?: string;
  readonly indexes?: readonly number[];
  readonly findings: readonly Diagnostic[];
  /** Its records' key words, a view of the group's. */
  readonly keys: Uint32Array;
}

/**
 * A group as stored: its files' names, what is rare about them by index — a file not read as a
 * book (null) or naming another village, its unreadable records' places, its findings, its racy
 * mark — and where each file's keys end; in the entry's words, every file's state (STAMP 64-bit
 * numbers) and content hash (HASH_WORDS words), then the keys of all their records.
 */
interface StoredGroup {
  readonly key: string;
  readonly names: string[];
  readonly ends: number[];
  readonly racy: number[];
  readonly villages: Record<number, string | null>;
  readonly indexes: Record<number, number[]>;
  readonly files: Record<number, Diagnostic[]>;
  readonly findings: Diagnostic[];
}

const GROUPS = "towns";

/** The names of a frame's village files as a set, made once (a worker makes a reader per town). */
const listedNames = new WeakMap<LibraryFrame, ReadonlySet<string>>();

/**
 * The village books of a library, one at a time, through the cache: each read as it is now (from
 * its entry or afresh); and what is worked out from groups of them, kept with their states.
 * Entries of the library's other files are kept; those of files gone are dropped.
 */
export class BookReader {
  private readonly shards: ShardSet;

  constructor(readonly frame: LibraryFrame) {
    let listed = listedNames.get(frame);
    if (!listed) listedNames.set(frame, (listed = new Set(frame.names)));
    this.shards = new ShardSet(frame.root, false, listed);
  }

  /** The book in villages/<name> as it is now: from its entry, or read afresh. */
  read(name: string): BookState {
    const frame = this.frame;
    const abs = path.join(frame.root, VILLAGES_DIR, name);
    const file = displayPath(abs, frame.cwd);
    const fileCode = VILLAGE_FILE_NAME.exec(name)![1]!;
    const r = this.shards.read<BookMeta>(
      villageShard(name),
      name,
      abs,
      file,
      (meta: BookMeta) => holds(meta, frame.today, frame.vocabularies.fingerprint),
      (text: string) => bookReading(text, name, file, frame.today, frame.vocabularies),
    );
    const read: BookRead =
      "problem" in r
        ? { diagnostics: [{ ...r.problem, village: fileCode }], latestBirth: "" }
        : { diagnostics: restore(r.meta.diagnostics, file), latestBirth: r.meta.latestBirth };
    const meta = "problem" in r ? undefined : r.meta;
    const { diagnostics } = assembleBook(
      meta?.book ? { ...read, book: { ...meta.book, reserves: [] } } : read,
      fileCode,
      file,
      frame.register,
    );
    let loaded: LoadedBook | undefined | null;
    const ok = "problem" in r ? undefined : r;
    const state: BookState = {
      name,
      file,
      fileCode,
      stamp: ok && stampWords(ok.stamp),
      hash: ok?.hash,
      racy: ok?.racy ?? false,
      diagnostics,
      village: meta?.book?.village,
      indexes: meta?.book?.indexes,
      keys: ok?.keys() ?? new Uint32Array(0),
      book: () => {
        if (loaded === undefined) {
          loaded = null;
          if (meta?.book && ok) {
            const reserves = ok.value() as Reserve[];
            loaded = assembleBook(
              { ...read, book: { ...meta.book, reserves } },
              fileCode,
              file,
              undefined,
              ok.hash,
            ).book;
          }
        }
        return loaded ?? undefined;
      },
      shell() {
        if (!meta?.book || !ok) return undefined;
        const { village, complete, indexes } = meta.book;
        const book = () => state.book()!;
        return {
          village,
          get reserves() {
            return book().reserves;
          },
          file,
          complete,
          ...(indexes && { indexes }),
          source: ok.hash,
        };
      },
    };
    return state;
  }

  /** What was kept for group `code` ("" too), whether or not it still holds. */
  group(code: string): KeptGroup | undefined {
    const got = this.shards.derived<StoredGroup>(GROUPS, code || "-");
    if (!got) return undefined;
    const { meta: g, keys: words } = got;
    try {
      const n = g.names.length;
      const hashesAt = n * STAMP * 2;
      const keysAt = hashesAt + n * HASH_WORDS;
      if (words.length < keysAt) throw new CorruptData("bad group");
      // Copied, so that the 64-bit numbers are aligned.
      const stamps = new BigInt64Array(new Uint32Array(words.subarray(0, hashesAt)).buffer);
      const racy = new Set(g.racy);
      let start = keysAt;
      const files = g.names.map((name, i): KeptFile => {
        const end = keysAt + g.ends[i]!;
        if (!(start <= end && end <= words.length) || typeof name !== "string") throw new CorruptData("bad group");
        const village = Object.hasOwn(g.villages, i) ? g.villages[i] : name.slice(0, 12);
        const found = g.files[i];
        const keys = words.subarray(start, end);
        start = end;
        let hash: string | undefined;
        return {
          name,
          stamp: stamps.subarray(i * STAMP, i * STAMP + STAMP),
          get hash() {
            return (hash ??= hashText(words, hashesAt + i * HASH_WORDS));
          },
          racy: racy.has(i),
          ...(village !== null && { village }),
          ...(g.indexes[i] && { indexes: g.indexes[i] }),
          findings: found ? fromKept(found, this.frame) : [],
          keys,
        };
      });
      return { key: g.key, files, findings: fromKept(g.findings, this.frame) };
    } catch {
      return undefined;
    }
  }

  /** Whether a kept file is still in the state it was kept in. */
  unchanged(f: KeptFile): boolean {
    const abs = path.join(this.frame.root, VILLAGES_DIR, f.name);
    let st: fs.BigIntStats;
    try {
      st = fs.lstatSync(abs, { bigint: true });
    } catch {
      return false;
    }
    const s = f.stamp;
    if (!st.isFile() || s.length !== STAMP) return false;
    if (st.size !== s[0] || st.mtimeNs !== s[1] || st.ctimeNs !== s[2] || st.ino !== s[3] || st.dev !== s[4]) {
      return false;
    }
    if (!f.racy) return true;
    const bytes = readSafely(abs, st);
    return bytes !== undefined && contentHash(bytes) === f.hash;
  }

  /** Keeps what was worked out from group `code`, to be written when the reader is flushed. */
  keepGroup(code: string, group: KeptGroup): void {
    const n = group.files.length;
    const hashesAt = n * STAMP * 2;
    const keysAt = hashesAt + n * HASH_WORDS;
    let total = keysAt;
    for (const f of group.files) total += f.keys.length;
    const words = new Uint32Array(total);
    const stamps = new BigInt64Array(words.buffer, 0, n * STAMP);
    const g: StoredGroup = {
      key: group.key,
      names: [],
      ends: [],
      racy: [],
      villages: {},
      indexes: {},
      files: {},
      findings: toKept(group.findings, this.frame),
    };
    let at = keysAt;
    group.files.forEach((f, i) => {
      if (f.stamp.length === STAMP) stamps.set(f.stamp, i * STAMP);
      hashWords(f.hash, words, hashesAt + i * HASH_WORDS);
      words.set(f.keys, at);
      at += f.keys.length;
      g.names.push(f.name);
      g.ends.push(at - keysAt);
      if (f.racy) g.racy.push(i);
      if (f.village !== f.name.slice(0, 12)) g.villages[i] = f.village ?? null;
      if (f.indexes) g.indexes[i] = [...f.indexes];
      if (f.findings.length > 0) g.files[i] = toKept(f.findings, this.frame);
    });
    this.shards.setDerived(GROUPS, code || "-", group.key, g, words);
  }

  /** Lists of findings kept under `name` when worked out from a state whose digest is `hash`. */
  kept(name: string, hash: string): Diagnostic[][] | undefined {
    const got = this.shards.derived<{ hash: string; lists: Diagnostic[][] }>(GROUPS, `*${name}`);
    if (got?.meta.hash !== hash) return undefined;
    try {
      return got.meta.lists.map((list) => fromKept(list, this.frame));
    } catch {
      return undefined;
    }
  }

  keep(name: string, hash: string, lists: readonly (readonly Diagnostic[])[]): void {
    const meta = { hash, lists: lists.map((list) => toKept(list, this.frame)) };
    this.shards.setDerived(GROUPS, `*${name}`, hash, meta);
  }

  /** Writes what changed; not the shards `skip` names (written by another thread meanwhile). */
  flush(skip?: (shard: string) => boolean): void {
    this.shards.flush(skip);
  }
}

/** Findings as the cache keeps them: their files relative to the library, not to the working directory. */
function toKept(findings: readonly Diagnostic[], frame: LibraryFrame): Diagnostic[] {
  const names = new Map<string, string>();
  return findings.map((d) => {
    if (!d.location) return d;
    let rel = names.get(d.location.file);
    if (rel === undefined) {
      const abs = path.resolve(frame.cwd, d.location.file);
      rel = path.relative(frame.root, abs).split(path.sep).join("/");
      names.set(d.location.file, rel);
    }
    return { ...d, location: { ...d.location, file: rel } };
  });
}

function fromKept(findings: readonly Diagnostic[], frame: LibraryFrame): Diagnostic[] {
  const names = new Map<string, string>();
  return findings.map((d) => {
    if (!d.location) return d;
    let file = names.get(d.location.file);
    if (file === undefined) {
      file = displayPath(path.join(frame.root, ...d.location.file.split("/")), frame.cwd);
      names.set(d.location.file, file);
    }
    return { ...d, location: { ...d.location, file } };
  });
}

/** The library through the cache: the same result as load-library.ts's loadLibrary. */
export function loadLibraryCached(root: string, options: LoadOptions): LoadedLibrary {
  const frame = openFrame(root, options);
  const reader = new BookReader(frame);
  const books: LoadedBook[] = [];
  const all = [...frame.before];
  for (const name of frame.names) {
    const state = reader.read(name);
    all.push(...state.diagnostics);
    const book = state.book();
    if (book) books.push(book);
  }
  reader.flush();
  all.push(...frame.after);
  const dupes = duplicatePersonIds(books, frame.register);
  if (dupes.length > 0) all.push(...locateCached(dupes, frame));
  const library = frame.district
    ? { district: frame.district, districtFile: frame.districtFile, books, trainings: frame.trainings }
    : undefined;
  return { root, library, diagnostics: all };
}

/**
 * The library as loadLibraryCached gives it, with each book's records decoded only when its
 * `reserves` are first read: a report asked again reads the records of the villages that changed
 * only. The internal ids used twice are found from the record keys kept with each file, and only the
 * books that hold a repeated one (or have no keys kept) are decoded to name them: the same findings.
 */
export function loadLibraryLazy(root: string, options: LoadOptions): LoadedLibrary {
  const frame = openFrame(root, options);
  const reader = new BookReader(frame);
  const books: LoadedBook[] = [];
  const keys: Uint32Array[] = [];
  const all = [...frame.before];
  for (const name of frame.names) {
    const state = reader.read(name);
    all.push(...state.diagnostics);
    const book = state.shell();
    if (book) {
      books.push(book);
      keys.push(state.keys);
    }
  }
  reader.flush();
  all.push(...frame.after);
  const seen = new Set<number>();
  const repeated = new Set<number>();
  for (const k of keys) {
    for (let i = 0; i < k.length; i += KEY_WORDS) {
      const id = keyNumber(k[i]!, k[i + 1]!);
      if (seen.has(id)) repeated.add(id);
      else seen.add(id);
    }
  }
  const candidates = books.filter((_, b) => {
    const k = keys[b]!;
    if (k.length === 0) return true;
    for (let i = 0; i < k.length; i += KEY_WORDS) if (repeated.has(keyNumber(k[i]!, k[i + 1]!))) return true;
    return false;
  });
  const dupes = duplicatePersonIds(candidates, frame.register);
  if (dupes.length > 0) all.push(...locateCached(dupes, frame));
  const library = frame.district
    ? { district: frame.district, districtFile: frame.districtFile, books, trainings: frame.trainings }
    : undefined;
  return { root, library, diagnostics: all };
}

/**
 * Locates findings by YAML path without the YAML library for files in the canonical layout; with
 * a library's frame, its register's entries in district.yaml from the positions kept with it.
 */
export function locateCached(
  diagnostics: readonly Diagnostic[],
  frame: Pick<LibraryFrame, "cwd"> &
    Partial<Pick<LibraryFrame, "district" | "register" | "registerAt" | "districtFile">>,
): Diagnostic[] {
  const { district, register, registerAt, districtFile, cwd } = frame;
  return locateFindings(
    diagnostics,
    cwd,
    (rest) => slowPath().locateWithYaml(rest, cwd),
    (file) => canonicalTexts.get(file),
    (file, path) =>
      file === districtFile && district && register && registerAt
        ? registerPosition(district, register, registerAt, path)
        : undefined,
  );
}
