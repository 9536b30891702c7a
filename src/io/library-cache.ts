import { createHash, randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { crc32 } from "node:zlib";
import { CACHE_BUILD, CACHE_DIR, nowNs, RACY_NS } from "./cache-state.js";
import { STATE_DIR } from "./layout.js";
import { CorruptData, Decoder, Encoder, type EncodedTables } from "./record-codec.js";

export { CACHE_BUILD, CACHE_DIR, nowNs, RACY_NS };

/**
 * The library cache: what reading each library file gave, and what was worked out from it (an
 * audit's findings), kept in the library's state folder (`.reserve/cache/`) so that the next
 * command need not parse, validate and check files that have not changed. Like git's index, it
 * is derived data and never the source of truth. One rule says when anything in it holds:
 *
 * - an entry is used only while its file is in the state it was read in: same size, modification
 *   and change times (nanoseconds), inode and device; a file modified within RACY_NS of being read
 *   is "racily clean" (a change in the same clock tick would not show in its times), and its entry
 *   is used only after its content hash is checked again; what an entry keeps beyond the file's
 *   own reading is kept with the key of everything else it depends on, and used only under it;
 * - entries depend on the build that wrote them: another build ignores them;
 * - a shard (one file of entries) is written to a temporary name and renamed into place, so
 *   readers see a whole old or a whole new shard; checksums reject a shard damaged by a crash or
 *   by anything else; a shard that cannot be read is ignored and rebuilt; deleting the folder is
 *   always safe.
 *
 * Shards: `district.bin`, `trainings.bin`, `villages-<town code>.bin` holding the village books of
 * one town (the first nine digits of their file names), and `towns.bin` (an audit's findings per
 * town). A shard is a front — the entries' states and small facts as JSON, and their key words
 * (record-keys.ts) — and a body, the entries' values (records…) in the words of record-codec.ts,
 * each with its own checksum: a command that needs only the facts reads only the fronts.
 */

const MAGIC = 0x32565352; // "RSV2"
const FORMAT = 2;
const PREFIX = 24;

/** A file's state as `lstat` gives it (numbers as decimal text: they exceed 2^53). */
export interface FileStamp {
  readonly size: string;
  readonly mtime: string;
  readonly ctime: string;
  readonly ino: string;
  readonly dev: string;
}

export function stampOf(st: fs.BigIntStats): FileStamp {
  return {
    size: String(st.size),
    mtime: String(st.mtimeNs),
    ctime: String(st.ctimeNs),
    ino: String(st.ino),
    dev: String(st.dev),
  };
}

export function sameStamp(a: FileStamp, b: FileStamp): boolean {
  return a.size === b.size && a.mtime === b.mtime && a.ctime === b.ctime && a.ino === b.ino && a.dev === b.dev;
}

export function contentHash(bytes: Uint8Array): string {
  return createHash("sha1").update(bytes).digest("hex");
}

/** Whether a file last modified at `mtime` may change unseen after being read at `readAt`. */
export function isRacy(stamp: FileStamp, readAt: bigint): boolean {
  return BigInt(stamp.mtime) >= readAt - RACY_NS;
}

/** One file's entry: its state when read, and what reading it gave. */
export interface CacheEntry<M = unknown> {
  readonly name: string;
  readonly stamp: FileStamp;
  readonly hash: string;
  readonly racy: boolean;
  /** Small facts about the reading (diagnostics, flags, findings), as JSON. */
  readonly meta: M;
  /** Where the entry's value (records, district…) is in the body's words; absent when none. */
  readonly value?: readonly [number, number];
  /** Where the entry's key words are (record-keys.ts) in the front, for checks across the library. */
  readonly keys?: readonly [number, number];
}

/**
 * An entry to write, with its value and key words in memory; or, for `value`, where it is in the
 * body of the shard the entries are carried from (writeShard's `from`).
 */
export interface NewEntry<M = unknown> extends Omit<CacheEntry<M>, "value" | "keys"> {
  readonly value?: unknown;
  readonly carried?: readonly [number, number];
  readonly keys?: Uint32Array;
}

interface Header {
  readonly build: string;
  readonly entries: CacheEntry[];
}

interface Body {
  readonly words: Uint32Array;
  readonly tables: EncodedTables;
  readonly decoder: Decoder;
}

/** A shard as read: its entries by file name, their key words, and their values read on demand. */
export class Shard {
  readonly entries: Map<string, CacheEntry>;
  private body: Body | undefined;

  constructor(
    header: Header,
    private readonly keyWords: Uint32Array,
    private readonly file: string,
    private readonly id: Buffer,
    private readonly bodyAt: number,
    private readonly bodyBytes: number,
  ) {
    this.entries = new Map(header.entries.map((e) => [e.name, e]));
  }

  /** The body, read on first use from the shard file — which must still be this very shard. */
  private read(): Body {
    if (this.body) return this.body;
    let bytes: Buffer;
    try {
      const fd = fs.openSync(this.file, "r");
      try {
        const prefix = Buffer.alloc(PREFIX);
        if (fs.readSync(fd, prefix, 0, PREFIX, 0) !== PREFIX || !prefix.subarray(8, 16).equals(this.id)) {
          throw new CorruptData("replaced");
        }
        bytes = Buffer.alloc(this.bodyBytes);
        if (fs.readSync(fd, bytes, 0, this.bodyBytes, this.bodyAt) !== this.bodyBytes) throw new CorruptData("short");
      } finally {
        fs.closeSync(fd);
      }
    } catch (err) {
      if (err instanceof CorruptData) throw err;
      throw new CorruptData("unreadable");
    }
    const section = readSection(bytes, 0);
    if (!section) throw new CorruptData("bad body");
    let tables: EncodedTables;
    try {
      tables = JSON.parse(section.json) as EncodedTables;
    } catch {
      throw new CorruptData("bad tables");
    }
    if (!Array.isArray(tables?.strings) || !Array.isArray(tables.shapes)) throw new CorruptData("bad tables");
    this.body = { words: section.words, tables, decoder: new Decoder(section.words, tables) };
    return this.body;
  }

  /** The entry's value; throws CorruptData when the shard is damaged. */
  value(entry: CacheEntry): unknown {
    return entry.value ? this.read().decoder.read(entry.value[0], entry.value[1]) : undefined;
  }

  /** The body's words and tables, for writing entries on from it without decoding them. */
  carry(): { words: Uint32Array; tables: EncodedTables } {
    const { words, tables } = this.read();
    return { words, tables };
  }

  /** The entry's key words (a view, not a copy); throws CorruptData when the shard is damaged. */
  keys(entry: CacheEntry): Uint32Array | undefined {
    if (!entry.keys) return undefined;
    const [start, end] = entry.keys;
    if (start < 0 || end > this.keyWords.length || start > end) throw new CorruptData("bad keys");
    return this.keyWords.subarray(start, end);
  }
}

export function shardPath(root: string, shard: string): string {
  return path.join(root, CACHE_DIR, `${shard}.bin`);
}

/**
 * A section: its JSON's length and word count, the JSON, padding to a word, the words, and a
 * CRC-32 of all of it before (with `seed`, the CRC of what precedes the section in the file).
 */
function readSection(bytes: Buffer, seed: number): { json: string; words: Uint32Array } | undefined {
  if (bytes.length < 12 || bytes.length % 4 !== 0) return undefined;
  const body = bytes.length - 4;
  if (crc32(bytes.subarray(0, body), seed) !== bytes.readUInt32LE(body)) return undefined;
  const jsonBytes = bytes.readUInt32LE(0);
  const wordCount = bytes.readUInt32LE(4);
  const wordsAt = 8 + align(jsonBytes);
  if (wordsAt + wordCount * 4 !== body) return undefined;
  const words = new Uint32Array(wordCount);
  new Uint8Array(words.buffer).set(bytes.subarray(wordsAt, wordsAt + wordCount * 4));
  return { json: bytes.toString("utf8", 8, 8 + jsonBytes), words };
}

function section(json: string, words: Uint32Array, seed: number): Buffer {
  const text = Buffer.from(json, "utf8");
  const wordsAt = 8 + align(text.length);
  const out = Buffer.alloc(wordsAt + words.length * 4 + 4);
  out.writeUInt32LE(text.length, 0);
  out.writeUInt32LE(words.length, 4);
  text.copy(out, 8);
  Buffer.from(words.buffer, words.byteOffset, words.length * 4).copy(out, wordsAt);
  out.writeUInt32LE(crc32(out.subarray(0, out.length - 4), seed), out.length - 4);
  return out;
}

/** Reads a shard's front; undefined when it is missing, damaged or from another build. */
export function readShard(root: string, shard: string): Shard | undefined {
  const file = shardPath(root, shard);
  let fd: number;
  try {
    fd = fs.openSync(file, "r");
  } catch {
    return undefined;
  }
  try {
    const prefix = Buffer.alloc(PREFIX);
    if (fs.readSync(fd, prefix, 0, PREFIX, 0) !== PREFIX) return undefined;
    if (prefix.readUInt32LE(0) !== MAGIC || prefix.readUInt32LE(4) !== FORMAT) return undefined;
    const frontBytes = prefix.readUInt32LE(16);
    const bodyBytes = prefix.readUInt32LE(20);
    if (fs.fstatSync(fd).size !== PREFIX + frontBytes + bodyBytes) return undefined;
    const bytes = Buffer.alloc(frontBytes);
    if (fs.readSync(fd, bytes, 0, frontBytes, PREFIX) !== frontBytes) return undefined;
    const front = readSection(bytes, crc32(prefix));
    if (!front) return undefined;
    const header = JSON.parse(front.json) as Header;
    if (header.build !== CACHE_BUILD || !Array.isArray(header.entries)) return undefined;
    return new Shard(header, front.words, file, prefix.subarray(8, 16), PREFIX + frontBytes, bodyBytes);
  } catch (err) {
    if (err instanceof SyntaxError || err instanceof CorruptData || err instanceof RangeError) return undefined;
    if ((err as NodeJS.ErrnoException).code !== undefined) return undefined;
    throw err;
  } finally {
    fs.closeSync(fd);
  }
}

function align(n: number): number {
  return (n + 3) & ~3;
}

/**
 * Writes a shard: to a temporary file, renamed into place. Entries carried from `from` keep their
 * values where they are in its body, which is written on as it is when most of it is still used
 * (else those values are decoded and written afresh). Failure is not an error (the cache is only
 * a cache: a library on a read-only medium is simply read the slow way each time).
 */
export function writeShard(root: string, shard: string, entries: readonly NewEntry[], from?: Shard): void {
  const dir = path.join(root, CACHE_DIR);
  let tmp: string | undefined;
  try {
    let base: { words: Uint32Array; tables: EncodedTables } | undefined;
    let list = entries;
    if (entries.some((e) => e.carried) && from) {
      base = from.carry();
      let used = 0;
      for (const e of entries) if (e.carried) used += e.carried[1] - e.carried[0];
      if (used * 2 < base.words.length) {
        const decoder = new Decoder(base.words, base.tables);
        list = entries.map((e) => {
          if (!e.carried) return e;
          const { carried, ...rest } = e;
          return { ...rest, value: decoder.read(carried[0], carried[1]) };
        });
        base = undefined;
      }
    }
    const encoder = new Encoder(base);
    let keyCount = 0;
    for (const e of list) keyCount += e.keys?.length ?? 0;
    const keyWords = new Uint32Array(keyCount);
    let at = 0;
    const stored: CacheEntry[] = list.map((e) => {
      const { value, keys, carried, ...rest } = e;
      let out: CacheEntry = rest;
      if (carried !== undefined) {
        if (!base) throw new CorruptData("carried without a body");
        out = { ...out, value: carried };
      } else if (value !== undefined) {
        const start = encoder.position;
        encoder.write(value);
        out = { ...out, value: [start, encoder.position] as const };
      }
      if (keys !== undefined) {
        keyWords.set(keys, at);
        out = { ...out, keys: [at, at + keys.length] as const };
        at += keys.length;
      }
      return out;
    });
    const header: Header = { build: CACHE_BUILD, entries: stored };
    const prefix = Buffer.alloc(PREFIX);
    prefix.writeUInt32LE(MAGIC, 0);
    prefix.writeUInt32LE(FORMAT, 4);
    randomBytes(8).copy(prefix, 8);
    const body = section(JSON.stringify({ strings: encoder.strings, shapes: encoder.shapes }), encoder.finish(), 0);
    prefix.writeUInt32LE(body.length, 20);
    // The front's length is in the prefix its checksum covers: written first, then checked.
    const json = JSON.stringify(header);
    const frontBytes = 8 + align(Buffer.byteLength(json)) + keyWords.length * 4 + 4;
    prefix.writeUInt32LE(frontBytes, 16);
    const front = section(json, keyWords, crc32(prefix));
    ensureCacheDir(root);
    tmp = path.join(dir, `.${shard}.${process.pid}-${randomBytes(4).toString("hex")}.tmp`);
    const bytes = Buffer.concat([prefix, front, body]);
    try {
      fs.writeFileSync(tmp, bytes, { flag: "wx", mode: 0o600 });
    } catch (err) {
      // The folder was removed since this process made it: made again.
      if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
      made.delete(root);
      ensureCacheDir(root);
      fs.writeFileSync(tmp, bytes, { flag: "wx", mode: 0o600 });
    }
    fs.renameSync(tmp, shardPath(root, shard));
    tmp = undefined;
  } catch {
    // Left as it was: the next command reads the files again.
  } finally {
    if (tmp !== undefined) fs.rmSync(tmp, { force: true });
  }
}

/** Libraries whose cache folder this process made or found. */
const made = new Set<string>();

/** Creates `.reserve/cache/` (owner-only), refusing links in place of either folder. */
function ensureCacheDir(root: string): void {
  if (made.has(root)) return;
  for (const rel of [STATE_DIR, CACHE_DIR]) {
    const abs = path.join(root, rel);
    try {
      fs.mkdirSync(abs, { mode: 0o700 });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    }
    if (!fs.lstatSync(abs).isDirectory()) throw new Error(`${rel} is not a folder`);
  }
  made.add(root);
}

/** The shard holding the book in villages/<name>: its town (the first nine digits). */
export function villageShard(name: string): string {
  return `villages-${name.slice(0, 9)}`;
}
