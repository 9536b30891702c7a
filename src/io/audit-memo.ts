import { createHash, randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { crc32 } from "node:zlib";
import { DISTRICT_FILE, TRAININGS_DIR, VILLAGES_DIR } from "./layout.js";
import { CACHE_BUILD, CACHE_DIR, nowNs, RACY_NS } from "./cache-state.js";

/**
 * What `reserve audit` printed, kept with the state of every file it read, so that asking again
 * about a library nobody has touched answers at once — as `git status` answers from its index and
 * `eslint --cache` from its cache. Like the library cache beside it, it is derived data:
 *
 * - it is used only when every file the audit reads (district.yaml, every entry of villages/ and
 *   trainings/) has exactly the size, modification and change times (nanoseconds), inode and
 *   device it had before that audit read it, no file has come or gone, and everything else the
 *   output depends on (the build, the question asked, the day, the language, the format, the
 *   folders) is the same — all of it is the memo's key;
 * - it is not kept when a file was modified within RACY_NS of being read (a change in the same
 *   clock tick would not show in its times), nor when the library changed while it was read;
 * - a memo that is damaged (checksum), from another build or unreadable is ignored; deleting it
 *   is always safe. RESERVE_AUDIT_MEMO=0 turns it off.
 */

/** Every file the audit reads, and its state. */
export interface Snapshot {
  /** Paths relative to the library, in a fixed order. */
  readonly names: readonly string[];
  /** Five numbers per file: size, mtime, ctime (ns), inode, device. */
  readonly stamps: BigInt64Array;
  /** When the snapshot was taken (ns), and whether some file was modified too recently to trust. */
  readonly takenAt: bigint;
  readonly racy: boolean;
}

export interface Memo {
  readonly lines: readonly string[];
  readonly code: number;
}

const MAGIC = 0x4f4d4552; // "REMO"
const FORMAT = 1;
const MAX_KEPT = 16;

/** The library's files as the audit reads them; undefined when one vanished while looked at. */
export function takeSnapshot(root: string, takenAt: bigint = nowNs()): Snapshot | undefined {
  const names: string[] = [DISTRICT_FILE];
  for (const dir of [VILLAGES_DIR, TRAININGS_DIR]) {
    let entries: string[];
    try {
      entries = fs.readdirSync(path.join(root, dir));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") continue;
      return undefined;
    }
    // A folder that is missing and one that is empty read alike; the marker keeps them apart.
    names.push(`${dir}/`);
    for (const name of entries.sort()) names.push(`${dir}/${name}`);
  }
  const stamps = new BigInt64Array(names.length * 5);
  let racy = false;
  for (let i = 0; i < names.length; i++) {
    let st: fs.BigIntStats;
    try {
      st = fs.lstatSync(path.join(root, names[i]!), { bigint: true });
    } catch {
      return undefined;
    }
    const at = i * 5;
    stamps[at] = st.size;
    stamps[at + 1] = st.mtimeNs;
    stamps[at + 2] = st.ctimeNs;
    stamps[at + 3] = st.ino;
    stamps[at + 4] = st.dev;
    if (st.mtimeNs >= takenAt - RACY_NS || st.ctimeNs >= takenAt - RACY_NS) racy = true;
  }
  return { names, stamps, takenAt, racy };
}

function memoFile(root: string, key: string): string {
  const id = createHash("sha1").update(CACHE_BUILD).update("\0").update(key).digest("hex").slice(0, 16);
  return path.join(root, CACHE_DIR, `audit-${id}.memo`);
}

/** A memo file's content. */
export interface MemoFile {
  readonly build: string;
  readonly key: string;
  readonly names: readonly string[];
  readonly stamps: Buffer;
  readonly lines: readonly string[];
  readonly code: number;
}

type Header = Omit<MemoFile, "stamps">;

/** A memo file's bytes: a header, the header as JSON, the stamps, a CRC-32 of all before it. */
export function encodeMemo(memo: MemoFile): Buffer {
  const { stamps, ...header } = memo;
  const json = Buffer.from(JSON.stringify(header satisfies Header), "utf8");
  const stampsAt = align8(16 + json.length);
  const total = stampsAt + stamps.length + 4;
  const out = Buffer.alloc(total);
  out.writeUInt32LE(MAGIC, 0);
  out.writeUInt32LE(FORMAT, 4);
  out.writeUInt32LE(json.length, 8);
  out.writeUInt32LE(stamps.length, 12);
  json.copy(out, 16);
  stamps.copy(out, stampsAt);
  out.writeUInt32LE(crc32(out.subarray(0, total - 4)), total - 4);
  return out;
}

/** A memo file read back; undefined when it is damaged or not a memo. */
export function decodeMemo(bytes: Buffer): MemoFile | undefined {
  try {
    if (bytes.length < 20 || bytes.readUInt32LE(0) !== MAGIC || bytes.readUInt32LE(4) !== FORMAT) return undefined;
    const body = bytes.length - 4;
    if (crc32(bytes.subarray(0, body)) !== bytes.readUInt32LE(body)) return undefined;
    const headerBytes = bytes.readUInt32LE(8);
    const stampBytes = bytes.readUInt32LE(12);
    const stampsAt = align8(16 + headerBytes);
    if (stampsAt + stampBytes !== body) return undefined;
    const header = JSON.parse(bytes.toString("utf8", 16, 16 + headerBytes)) as Header;
    if (!Array.isArray(header.names) || !Array.isArray(header.lines) || typeof header.code !== "number") {
      return undefined;
    }
    return { ...header, stamps: bytes.subarray(stampsAt, body) };
  } catch (err) {
    if (err instanceof SyntaxError || err instanceof RangeError) return undefined;
    throw err;
  }
}

/** The memo of `key`, when the library is still exactly as `now` finds it. */
export function readMemo(root: string, key: string, now: Snapshot): Memo | undefined {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(memoFile(root, key));
  } catch {
    return undefined;
  }
  const memo = decodeMemo(bytes);
  if (!memo || memo.build !== CACHE_BUILD || memo.key !== key) return undefined;
  if (memo.names.length !== now.names.length || memo.names.some((n, i) => n !== now.names[i])) return undefined;
  if (!memo.stamps.equals(Buffer.from(now.stamps.buffer))) return undefined;
  return { lines: memo.lines, code: memo.code };
}

function align8(n: number): number {
  return (n + 7) & ~7;
}

/**
 * Keeps what an audit that read the library as `before` found it printed. Nothing is kept when a
 * file was too recently modified to be trusted; failure to write is not an error.
 */
export function writeMemo(root: string, key: string, before: Snapshot, memo: Memo): void {
  if (before.racy) return;
  const target = memoFile(root, key);
  let tmp: string | undefined;
  try {
    const out = encodeMemo({
      build: CACHE_BUILD,
      key,
      names: before.names,
      stamps: Buffer.from(before.stamps.buffer),
      lines: memo.lines,
      code: memo.code,
    });
    const dir = path.dirname(target);
    // Only beside an existing cache: the audit that just ran made it (never through a link).
    if (!fs.lstatSync(dir).isDirectory()) return;
    tmp = path.join(dir, `.${path.basename(target)}.${process.pid}-${randomBytes(4).toString("hex")}.tmp`);
    fs.writeFileSync(tmp, out, { flag: "wx", mode: 0o600 });
    fs.renameSync(tmp, target);
    tmp = undefined;
    prune(dir);
  } catch {
    // Left as it was: the next audit works it out again.
  } finally {
    if (tmp !== undefined) fs.rmSync(tmp, { force: true });
  }
}

/** Keeps the most recent memos only (one per question asked). */
function prune(dir: string): void {
  const memos = fs
    .readdirSync(dir)
    .filter((n) => n.startsWith("audit-") && n.endsWith(".memo"))
    .map((n) => ({ n, at: fs.statSync(path.join(dir, n)).mtimeMs }));
  if (memos.length <= MAX_KEPT) return;
  memos.sort((a, b) => b.at - a.at);
  for (const m of memos.slice(MAX_KEPT)) fs.rmSync(path.join(dir, m.n), { force: true });
}
