import { createHash, randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { crc32 } from "node:zlib";
import { CACHE_BUILD, CACHE_DIR, nowNs, RACY_NS } from "./cache-state.js";
import { STATE_DIR } from "./layout.js";
import { CorruptData, Decoder, Encoder, type EncodedTables } from "./record-codec.js";

export { CACHE_BUILD, CACHE_DIR, nowNs, RACY_NS };

/**
 * The library cache: what reading each library file gave, kept in the library's state folder
 * (`.reserve/cache/`) so that the next command need not parse and validate files that have not
 * changed. Like git's index, it is derived data and never the source of truth:
 *
 * - an entry is used only while its file is in the state it was read in: same size, modification
 *   and change times (nanoseconds), inode and device; a file modified within RACY_NS of being read
 *   is "racily clean" (a change in the same clock tick would not show in its times), and its entry
 *   is used only after its content hash is checked again;
 * - entries depend on the build that wrote them: another build ignores them;
 * - a shard (one file of entries) is written to a temporary name and renamed into place, so
 *   readers see a whole old or a whole new shard; its checksum rejects a shard damaged by a crash
 *   or by anything else; a shard that cannot be read is ignored and rebuilt; deleting the folder
 *   is always safe.
 *
 * Shards: `district.bin`, `trainings.bin`, and `villages-<town code>.bin` holding the village books
 * of one town (the first nine digits of their file names).
 */

const MAGIC = 0x31565352; // "RSV1"
const FORMAT = 1;

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
  /** Small facts about the reading (diagnostics, flags), as JSON. */
  readonly meta: M;
  /** Where the entry's value (records, district…) is in the shard's words; absent when none. */
  readonly value?: readonly [number, number];
  /** Where the entry's key words are (record-keys.ts), for checks across the whole library. */
  readonly keys?: readonly [number, number];
}

/** An entry to write, with its value and key words in memory. */
export interface NewEntry<M = unknown> extends Omit<CacheEntry<M>, "value" | "keys"> {
  readonly value?: unknown;
  readonly keys?: Uint32Array;
}

interface Header {
  readonly build: string;
  readonly entries: CacheEntry[];
  readonly strings: string[];
  readonly shapes: string[][];
}

/** A shard as read: its entries by file name, and their values decoded on demand. */
export class Shard {
  readonly entries: Map<string, CacheEntry>;
  private readonly decoder: Decoder;

  constructor(
    header: Header,
    private readonly words: Uint32Array,
  ) {
    this.entries = new Map(header.entries.map((e) => [e.name, e]));
    const tables: EncodedTables = { strings: header.strings, shapes: header.shapes };
    this.decoder = new Decoder(words, tables);
  }

  /** The entry's value; throws CorruptData when the shard is damaged. */
  value(entry: CacheEntry): unknown {
    return entry.value ? this.decoder.read(entry.value[0], entry.value[1]) : undefined;
  }

  /** The entry's key words (a view, not a copy); throws CorruptData when the shard is damaged. */
  keys(entry: CacheEntry): Uint32Array | undefined {
    if (!entry.keys) return undefined;
    const [start, end] = entry.keys;
    if (start < 0 || end > this.words.length || start > end) throw new CorruptData("bad keys");
    return this.words.subarray(start, end);
  }
}

export function shardPath(root: string, shard: string): string {
  return path.join(root, CACHE_DIR, `${shard}.bin`);
}

/** Reads a shard; undefined when it is missing, damaged or from another build. */
export function readShard(root: string, shard: string): Shard | undefined {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(shardPath(root, shard));
  } catch {
    return undefined;
  }
  try {
    if (bytes.length < 20 || bytes.length % 4 !== 0) return undefined;
    const body = bytes.length - 4;
    if (bytes.readUInt32LE(0) !== MAGIC || bytes.readUInt32LE(4) !== FORMAT) return undefined;
    if (crc32(bytes.subarray(0, body)) !== bytes.readUInt32LE(body)) return undefined;
    const headerBytes = bytes.readUInt32LE(8);
    const wordCount = bytes.readUInt32LE(12);
    const wordsAt = 16 + align(headerBytes);
    if (wordsAt + wordCount * 4 !== body) return undefined;
    const header = JSON.parse(bytes.toString("utf8", 16, 16 + headerBytes)) as Header;
    if (header.build !== CACHE_BUILD || !Array.isArray(header.entries)) return undefined;
    const words = new Uint32Array(wordCount);
    const view = new Uint8Array(words.buffer);
    view.set(bytes.subarray(wordsAt, wordsAt + wordCount * 4));
    return new Shard(header, words);
  } catch (err) {
    if (err instanceof SyntaxError || err instanceof CorruptData || err instanceof RangeError) return undefined;
    throw err;
  }
}

function align(n: number): number {
  return (n + 3) & ~3;
}

/**
 * Writes a shard: to a temporary file, renamed into place. Failure is not an error (the cache is
 * only a cache: a library on a read-only medium is simply read the slow way each time).
 */
export function writeShard(root: string, shard: string, entries: readonly NewEntry[]): void {
  const dir = path.join(root, CACHE_DIR);
  let tmp: string | undefined;
  try {
    const encoder = new Encoder();
    const stored: CacheEntry[] = entries.map((e) => {
      const { value, keys, ...rest } = e;
      let out: CacheEntry = rest;
      if (value !== undefined) {
        const start = encoder.position;
        encoder.write(value);
        out = { ...out, value: [start, encoder.position] as const };
      }
      if (keys !== undefined) {
        const start = encoder.position;
        encoder.raw(keys);
        out = { ...out, keys: [start, encoder.position] as const };
      }
      return out;
    });
    const words = encoder.finish();
    const header: Header = { build: CACHE_BUILD, entries: stored, strings: encoder.strings, shapes: encoder.shapes };
    const json = Buffer.from(JSON.stringify(header), "utf8");
    const wordsAt = 16 + align(json.length);
    const total = wordsAt + words.length * 4 + 4;
    const out = Buffer.alloc(total);
    out.writeUInt32LE(MAGIC, 0);
    out.writeUInt32LE(FORMAT, 4);
    out.writeUInt32LE(json.length, 8);
    out.writeUInt32LE(words.length, 12);
    json.copy(out, 16);
    Buffer.from(words.buffer, words.byteOffset, words.length * 4).copy(out, wordsAt);
    out.writeUInt32LE(crc32(out.subarray(0, total - 4)), total - 4);
    ensureCacheDir(root);
    tmp = path.join(dir, `.${shard}.${process.pid}-${randomBytes(4).toString("hex")}.tmp`);
    fs.writeFileSync(tmp, out, { flag: "wx", mode: 0o600 });
    fs.renameSync(tmp, shardPath(root, shard));
    tmp = undefined;
  } catch {
    // Left as it was: the next command reads the files again.
  } finally {
    if (tmp !== undefined) fs.rmSync(tmp, { force: true });
  }
}

/** Creates `.reserve/cache/` (owner-only), refusing links in place of either folder. */
function ensureCacheDir(root: string): void {
  for (const rel of [STATE_DIR, CACHE_DIR]) {
    const abs = path.join(root, rel);
    try {
      fs.mkdirSync(abs, { mode: 0o700 });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    }
    if (!fs.lstatSync(abs).isDirectory()) throw new Error(`${rel} is not a folder`);
  }
}

/** The shard holding the book in villages/<name>: its town (the first nine digits). */
export function villageShard(name: string): string {
  return `villages-${name.slice(0, 9)}`;
}
