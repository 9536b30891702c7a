import * as fs from "node:fs";
import * as path from "node:path";
import type { IsoDate } from "../domain/dates.js";
import { indexRegister, type LoadedBook, type LoadedTrainingYear, type RegisterIndex } from "../domain/library.js";
import type { District, Reserve } from "../domain/model.js";
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
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
  listLibraryDir,
  locateFindings,
  MAX_LIBRARY_FILE_BYTES,
  readLibraryBytes,
  type BookRead,
  type DistrictRead,
  type TrainingRead,
} from "./library-files.js";
import type { LoadedLibrary, LoadOptions } from "./load-library.js";
import { CorruptData } from "./record-codec.js";
import type { FileWrite } from "./transaction.js";
import { slowPath } from "./slow-path.js";

/**
 * Loading the library through the cache (library-cache.ts): a file whose entry is current is not
 * read at all (racily clean ones are read and hashed); the others are read by load-library.ts and
 * their entries written back. The result is the same as load-library.ts's `loadLibrary` (the
 * reference), which tests/perf/cache.test.ts checks on libraries of every kind.
 */

/** Meta of a village book's entry. */
interface BookMeta {
  readonly diagnostics: Diagnostic[];
  readonly canonical?: boolean;
  /** The day the file was checked on, and the latest birth in it (see BookRead.latestBirth). */
  readonly today: IsoDate;
  readonly latestBirth: string;
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

/** A file's reading through the cache, and the hash of the text it was read from. */
type Reading<M> =
  { readonly meta: M; readonly value: unknown; readonly hash: string } | { readonly problem: Diagnostic };

/**
 * Files read in this process that are in the canonical layout, by the name findings carry, with
 * the hash of their text: a finding in such a file is placed by reading only its record.
 */
const canonicalTexts = new Map<string, string>();

function remember(file: string, meta: { canonical?: boolean }, hash: string): void {
  if (meta.canonical) canonicalTexts.set(file, hash);
  else canonicalTexts.delete(file);
}

/** The shards of one load: read on first use, written back at the end when something changed. */
class ShardSet {
  private readonly shards = new Map<string, { shard?: Shard; next: Map<string, NewEntry>; dirty: boolean }>();
  private readonly readAt = nowNs();

  /** With `keep`, entries of files not read in this run are kept (a write refreshes a few files). */
  constructor(
    private readonly root: string,
    private readonly keep = false,
  ) {}

  private get(name: string) {
    let s = this.shards.get(name);
    if (!s) {
      s = { shard: readShard(this.root, name), next: new Map(), dirty: false };
      if (this.keep && s.shard) {
        try {
          for (const e of s.shard.entries.values()) s.next.set(e.name, { ...e, value: s.shard.value(e) });
        } catch (err) {
          if (!(err instanceof CorruptData)) throw err;
          s.next.clear();
        }
      }
      this.shards.set(name, s);
    }
    return s;
  }

  /** Stores what reading `bytes` (the file's content, in the state `stamp`) gave. */
  put(shardName: string, name: string, stamp: FileStamp, bytes: Uint8Array, meta: unknown, value: unknown): string {
    const s = this.get(shardName);
    const hash = contentHash(bytes);
    s.next.set(name, {
      name,
      stamp,
      hash,
      racy: isRacy(stamp, this.readAt),
      meta,
      ...(value !== undefined && { value }),
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
    read: (text: string) => { meta: M; value?: unknown },
  ): Reading<M> {
    const s = this.get(shardName);
    const entry = s.shard?.entries.get(name) as CacheEntry<M> | undefined;
    let st: fs.BigIntStats | undefined;
    try {
      st = fs.lstatSync(abs, { bigint: true });
    } catch {
      st = undefined;
    }
    if (entry && st?.isFile() && sameStamp(entry.stamp, stampOf(st)) && usable(entry.meta)) {
      let racy = entry.racy;
      let fresh = !racy;
      if (racy) {
        const bytes = readSafely(abs, st);
        const checkedAt = nowNs();
        fresh = bytes !== undefined && contentHash(bytes) === entry.hash;
        racy = isRacy(entry.stamp, checkedAt);
        if (fresh && !racy) s.dirty = true;
      }
      if (fresh) {
        try {
          const value = s.shard!.value(entry);
          s.next.set(name, { name, stamp: entry.stamp, hash: entry.hash, racy, meta: entry.meta, value });
          remember(file, entry.meta as { canonical?: boolean }, entry.hash);
          return { meta: entry.meta, value, hash: entry.hash };
        } catch (err) {
          if (!(err instanceof CorruptData)) throw err;
          s.shard = undefined;
        }
      }
    }
    const got = readLibraryBytes(abs, file);
    if (got.diagnostic) return { problem: got.diagnostic };
    const text = decodeLibraryText(got.bytes!);
    if (text === undefined) {
      return { problem: diagnostic("file-encoding", {}, { location: { file, line: 1, column: 1 } }) };
    }
    const { meta, value } = read(text);
    const hash = this.put(shardName, name, stampOf(got.stat!), got.bytes!, meta, value);
    remember(file, meta as { canonical?: boolean }, hash);
    return { meta, value, hash };
  }

  /** Writes the shards that changed, keeping only the files this load read. */
  flush(): void {
    for (const [name, s] of this.shards) {
      if (s.dirty || (s.shard && s.shard.entries.size !== s.next.size))
        writeShard(this.root, name, [...s.next.values()]);
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

/** Whether a book's reading on `entryDay` holds on `today` (no birth in the file after either day). */
function sameDay(meta: BookMeta, today: IsoDate): boolean {
  return meta.today === today || (meta.latestBirth <= today && meta.latestBirth <= meta.today);
}

function districtReading(text: string, file: string): { meta: PlainMeta; value: unknown } {
  const r: DistrictRead = slowPath().readDistrictFile(text, file);
  return { meta: { diagnostics: strip(r.diagnostics), canonical: r.canonical === true }, value: r.district ?? null };
}

function bookReading(text: string, name: string, file: string, today: IsoDate): { meta: BookMeta; value?: unknown } {
  const read = slowPath().readBookFile(text, name, file, today);
  const meta: BookMeta = {
    diagnostics: strip(read.diagnostics),
    canonical: read.canonical === true,
    today,
    latestBirth: read.latestBirth,
  };
  if (!read.book) return { meta };
  const { reserves, ...book } = read.book;
  return { meta: { ...meta, book }, value: reserves };
}

function trainingReading(text: string, name: string, file: string): { meta: PlainMeta; value: unknown } {
  const read: TrainingRead = slowPath().readTrainingFile(text, name, file);
  return {
    meta: { diagnostics: strip(read.diagnostics), canonical: read.canonical === true },
    value: read.year ?? null,
  };
}

/**
 * After a commit, stores the readings of the files it wrote, so that the next command finds them
 * current (an import writing every village book leaves a cache that makes the next audit fast).
 * Best effort: a failure leaves entries to be rebuilt by the next reader.
 */
export function refreshCache(root: string, writes: readonly FileWrite[], options: LoadOptions): void {
  const cwd = options.cwd ?? process.cwd();
  try {
    const shards = new ShardSet(root, true);
    for (const w of writes) {
      const [dir, name] = w.target.split("/");
      const abs = path.join(root, ...w.target.split("/"));
      const file = displayPath(abs, cwd);
      let shard: string;
      let reading: { meta: unknown; value?: unknown };
      if (w.target === DISTRICT_FILE) {
        shard = "district";
        reading = districtReading(w.content, file);
      } else if (dir === VILLAGES_DIR && name !== undefined && VILLAGE_FILE_NAME.test(name)) {
        shard = villageShard(name);
        reading = bookReading(w.content, name, file, options.today);
      } else if (dir === TRAININGS_DIR && name !== undefined && TRAINING_FILE_NAME.test(name)) {
        shard = "trainings";
        reading = trainingReading(w.content, name, file);
      } else continue;
      const bytes = Buffer.from(w.content, "utf8");
      const st = fs.lstatSync(abs, { bigint: true });
      // Written by the commit just now, unless something else replaced it since.
      if (!st.isFile() || st.size !== BigInt(bytes.length)) continue;
      shards.put(
        shard,
        w.target === DISTRICT_FILE ? DISTRICT_FILE : name!,
        stampOf(st),
        bytes,
        reading.meta,
        reading.value,
      );
    }
    shards.flush();
  } catch {
    // The cache is only a cache.
  }
}

export interface LoadedParts {
  readonly district?: District;
  readonly districtFile: string;
  readonly register?: RegisterIndex;
  readonly diagnostics: Diagnostic[];
  readonly books: LoadedBook[];
  readonly trainings: LoadedTrainingYear[];
}

/** The library through the cache: the same result as load-library.ts's loadLibrary. */
export function loadLibraryCached(root: string, options: LoadOptions): LoadedLibrary {
  const cwd = options.cwd ?? process.cwd();
  if (!fs.existsSync(path.join(root, DISTRICT_FILE))) {
    throw new ReserveError("no-library", { path: displayPath(root, cwd) });
  }
  const shards = new ShardSet(root);
  const diagnostics: Diagnostic[] = [];

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
  if ("problem" in d) diagnostics.push(d.problem);
  else {
    diagnostics.push(...restore(d.meta.diagnostics, districtFile));
    district = (d.value as District | null) ?? undefined;
  }
  const register = district ? indexRegister(district) : undefined;

  const books: LoadedBook[] = [];
  for (const name of listLibraryDir(root, VILLAGES_DIR, VILLAGE_FILE_NAME, cwd, diagnostics)) {
    const abs = path.join(root, VILLAGES_DIR, name);
    const file = displayPath(abs, cwd);
    const fileCode = VILLAGE_FILE_NAME.exec(name)![1]!;
    const r = shards.read<BookMeta>(
      villageShard(name),
      name,
      abs,
      file,
      (meta) => sameDay(meta, options.today),
      (text) => bookReading(text, name, file, options.today),
    );
    const read: BookRead =
      "problem" in r
        ? { diagnostics: [{ ...r.problem, village: fileCode }], latestBirth: "" }
        : {
            diagnostics: restore(r.meta.diagnostics, file),
            latestBirth: r.meta.latestBirth,
            ...(r.meta.book && { book: { ...r.meta.book, reserves: r.value as Reserve[] } }),
          };
    const { diagnostics: ds, book } = assembleBook(read, fileCode, file, register);
    diagnostics.push(...ds);
    if (book) books.push(book);
  }

  const trainings: LoadedTrainingYear[] = [];
  for (const name of listLibraryDir(root, TRAININGS_DIR, TRAINING_FILE_NAME, cwd, diagnostics)) {
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
    if ("problem" in r) diagnostics.push(r.problem);
    else {
      diagnostics.push(...restore(r.meta.diagnostics, file));
      const year = r.value as TrainingRead["year"] | null;
      if (year) trainings.push({ ...year, file });
    }
  }
  shards.flush();

  const dupes = duplicatePersonIds(books, register);
  if (dupes.length > 0) diagnostics.push(...locateCached(dupes, cwd));
  const library = district ? { district, districtFile, books, trainings } : undefined;
  return { root, library, diagnostics };
}

/** Locates findings by YAML path without the YAML library for files in the canonical layout. */
export function locateCached(diagnostics: readonly Diagnostic[], cwd: string): Diagnostic[] {
  return locateFindings(
    diagnostics,
    cwd,
    (rest) => slowPath().locateWithYaml(rest, cwd),
    (file) => canonicalTexts.get(file),
  );
}
