import { countAliases, nestingDepth, YAML_LIMITS } from "./yaml-guards.js";
import { needsQuotes } from "./yaml-write.js";

/**
 * A reader for the canonical layout the library is written in (yaml-write.ts), without the YAML
 * library: block maps and sequences indented by two spaces, `- ` items, short flow lists of
 * scalars, double-quoted strings with the writer's escapes, plain strings the writer leaves
 * unquoted, numbers, true, false, null, comment and blank lines. Anything else — other quoting,
 * block scalars, anchors, tags, flow maps, trailing comments, tabs, CR, duplicate keys, or a file
 * the YAML guards refuse — makes it give up (undefined), and the caller reads the file with the
 * YAML library instead. On what it accepts it gives the same data and the same node positions as
 * the YAML library (yaml-read.ts), which tests/io/canonical-yaml.test.ts checks on every layout
 * the writer produces and on hand-edited variants.
 */

export type CNode = CMap | CSeq | CScalar;

export interface CMap {
  readonly kind: "map";
  /** Offset (UTF-16 units) where the node starts, as the YAML library's node range. */
  readonly start: number;
  readonly keys: string[];
  readonly keyStarts: number[];
  readonly values: CNode[];
}

export interface CSeq {
  readonly kind: "seq";
  readonly start: number;
  readonly items: CNode[];
}

export interface CScalar {
  readonly kind: "scalar";
  readonly start: number;
}

export interface CanonicalDoc {
  readonly root: CNode;
  /** The document as plain data, as the YAML library's toJS() gives it. */
  readonly data: unknown;
  /** Offset of the start of every line. */
  readonly lineStarts: readonly number[];
}

type Path = readonly (string | number)[];

class GiveUp extends Error {}
const GIVE_UP = new GiveUp();

const SPACE = 32;
const DASH = 45;
const QUOTE = 34;
const HASH = 35;
const NUMBER = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:e[-+][0-9]+)?$/;
/** What a collection read without its nodes stands for (see Reader.nodes). */
const NO_NODE: CScalar = { kind: "scalar", start: 0 };

function isRawUnsafe(cp: number): boolean {
  return (
    cp < 0x20 ||
    (cp >= 0x7f && cp <= 0x9f) ||
    cp === 0x2028 ||
    cp === 0x2029 ||
    cp === 0xfeff ||
    (cp >= 0xd800 && cp <= 0xdfff)
  );
}

/**
 * Whether a plain scalar needs no quotes, as needsQuotes decides: text made only of characters
 * from U+3001 to U+D7FF (Chinese, with its punctuation) never does, and is the common case;
 * anything else is asked of needsQuotes itself.
 */
function plainIsSafe(s: string, inFlow: boolean): boolean {
  let i = 0;
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (c < 0x3001 || c > 0xd7ff) break;
    i++;
  }
  return i === s.length ? s.length > 0 : !needsQuotes(s, inFlow);
}

/** Keys read so far, and whether each may be written plain (there are a few dozen of them). */
const plainKeys = new Map<string, boolean>();

type Make = (values: unknown[], at: number) => Record<string, unknown>;

/**
 * The lists of keys maps have been read with, as a tree: a map's keys are matched against the
 * text as they come (no key is cut out of the text or looked up once its list is known), and the
 * map is built at its end by a constructor made per list — every record of a kind then gets the
 * same hidden class at once, as JSON.parse gives it, instead of a key at a time. A key put in the
 * tree is one a plain key may be, and not already on its path (a duplicate key gives up).
 */
class KeyNode {
  readonly keys: string[] = [];
  readonly children: KeyNode[] = [];
  private make: Make | undefined;

  constructor(readonly path: readonly string[]) {}

  child(key: string): KeyNode | undefined {
    if (this.path.includes(key) || key === "__proto__" || nodeCount >= MAX_KEY_NODES) return undefined;
    const node = new KeyNode([...this.path, key]);
    nodeCount++;
    this.keys.push(key);
    this.children.push(node);
    return node;
  }

  private uses = 0;

  /**
   * The map of the path's keys with the values from `at` on: a key at a time for the first few
   * (a command that reads one file compiles nothing), then by the list's constructor.
   */
  build(values: unknown[], at: number): Record<string, unknown> {
    if (++this.uses <= 32) {
      const out: Record<string, unknown> = {};
      for (let i = 0; i < this.path.length; i++) out[this.path[i]!] = values[at + i];
      return out;
    }
    // The keys are JSON string literals, which cannot break out of the literal.
    // eslint-disable-next-line @typescript-eslint/no-implied-eval
    this.make ??= new Function(
      "v",
      "a",
      `return {${this.path.map((k, i) => `${JSON.stringify(k)}: v[a + ${i}]`).join(", ")}};`,
    ) as Make;
    return this.make(values, at);
  }
}

const MAX_KEY_NODES = 10_000;
let nodeCount = 0;
const KEY_ROOT = new KeyNode([]);

function grown(a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const out = new Int32Array(a.length * 2);
  out.set(a);
  return out;
}

class Reader {
  /** Offset of the start of every line. */
  readonly lineStarts: number[] = [];
  /** The lines that hold content (not blank, not comments): start, end, indentation. */
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  readonly indents: Int32Array;
  readonly count: number;
  private depth = 0;
  /** The line after the value last read, and its node (NO_NODE when nodes are not built). */
  private next = 0;
  private node: CNode = NO_NODE;
  /**
   * The keys and values of the maps being read, innermost last, up to `top` (a map's own lists
   * are made only with the nodes: without them a file's maps make no arrays but their data).
   */
  private readonly keyStack: string[] = [];
  private readonly stack: unknown[] = [];
  private top = 0;

  /** With `nodes`, the tree of nodes with their positions is built beside the data. */
  constructor(
    readonly text: string,
    private readonly nodes = true,
  ) {
    const n = text.length;
    // One pass over the lines, into arrays grown as needed (the writer's lines are ~20 long).
    let starts = new Int32Array((n >> 4) + 16);
    let ends = new Int32Array(starts.length);
    let indents = new Int32Array(starts.length);
    let count = 0;
    let pos = 0;
    while (pos <= n) {
      let end = text.indexOf("\n", pos);
      if (end === -1) end = n;
      if (nodes) this.lineStarts.push(pos);
      let i = pos;
      while (i < end && text.charCodeAt(i) === SPACE) i++;
      if (i < end && text.charCodeAt(i) !== HASH) {
        // Trailing spaces are valid YAML but never written by the writer.
        if (text.charCodeAt(end - 1) === SPACE) throw GIVE_UP;
        if (count === starts.length) {
          starts = grown(starts);
          ends = grown(ends);
          indents = grown(indents);
        }
        starts[count] = pos;
        ends[count] = end;
        indents[count] = i - pos;
        count++;
      }
      if (end === n) break;
      pos = end + 1;
    }
    this.starts = starts;
    this.ends = ends;
    this.indents = indents;
    this.count = count;
  }

  document(): { node: CNode; data: unknown } {
    if (this.count === 0) throw GIVE_UP;
    if (this.indents[0] !== 0) throw GIVE_UP;
    const data = this.block(0, 0);
    if (this.next !== this.count) throw GIVE_UP;
    return { node: this.node, data };
  }

  /** A block collection whose first line is `li`, its content starting at column `col`. */
  block(li: number, col: number): unknown {
    if (++this.depth > YAML_LIMITS.maxDepth) throw GIVE_UP;
    const at = this.starts[li]! + col;
    const data = this.isItem(at, this.ends[li]!) ? this.seq(li, col) : this.map(li, col, at);
    this.depth--;
    return data;
  }

  isItem(at: number, end: number): boolean {
    return this.text.charCodeAt(at) === DASH && (at + 1 === end || this.text.charCodeAt(at + 1) === SPACE);
  }

  private seq(li: number, col: number): unknown[] {
    const items: CNode[] | undefined = this.nodes ? [] : undefined;
    const data: unknown[] = [];
    const start = this.starts[li]! + col;
    let i = li;
    for (;;) {
      const dash = i === li ? start : this.starts[i]! + this.indents[i]!;
      data.push(this.item(i, col, dash));
      items?.push(this.node);
      i = this.next;
      if (i >= this.count || this.indents[i]! < col) break;
      if (this.indents[i]! > col) throw GIVE_UP;
    }
    this.node = items ? { kind: "seq", start, items } : NO_NODE;
    this.next = i;
    return data;
  }

  /** The list item whose `-` is at `dash` on line `i` (the list's items at column `col`). */
  private item(i: number, col: number, dash: number): unknown {
    const text = this.text;
    const end = this.ends[i]!;
    if (!this.isItem(dash, end)) throw GIVE_UP;
    if (dash + 1 === end) {
      // `-` alone: a nested list on the next lines, two columns in.
      const next = i + 1;
      if (
        next >= this.count ||
        this.indents[next] !== col + 2 ||
        !this.isItem(this.starts[next]! + col + 2, this.ends[next]!)
      ) {
        throw GIVE_UP;
      }
      return this.block(next, col + 2);
    }
    const at = dash + 2;
    if (text.charCodeAt(at) === SPACE) throw GIVE_UP;
    if (this.keyEnd(at, end) !== -1) return this.block(i, col + 2);
    const v = this.inline(at, end);
    this.next = i + 1;
    return v;
  }

  /**
   * Where the key at `at` ends — its closing quote, or the colon after a plain key — when the text
   * there is a `key:`; -1 when it is not a key.
   */
  keyEnd(at: number, end: number): number {
    const text = this.text;
    if (text.charCodeAt(at) === QUOTE) {
      const close = this.quotedEnd(at, end);
      const after = close + 1;
      if (text.charCodeAt(after) === 58 /* : */ && (after + 1 === end || text.charCodeAt(after + 1) === SPACE)) {
        return close;
      }
      return -1;
    }
    // A plain key ends at the first `: ` (or a `:` ending the line); a colon inside it is part of it.
    for (let i = text.indexOf(":", at); i !== -1 && i < end - 1; i = text.indexOf(":", i + 1)) {
      if (text.charCodeAt(i + 1) === SPACE) return i;
    }
    return text.charCodeAt(end - 1) === 58 ? end - 1 : -1;
  }

  private map(li: number, col: number, firstAt: number): Record<string, unknown> {
    const text = this.text;
    const nodes = this.nodes;
    const keyStarts: number[] | undefined = nodes ? [] : undefined;
    const nodeList: CNode[] | undefined = nodes ? [] : undefined;
    // The keys and values are put on the reader's stacks, and the map made of them at its end.
    const keys = this.keyStack;
    const values = this.stack;
    const base = this.top;
    // Where the keys so far are in the tree of key lists; undefined once off it (a quoted key…).
    let tree: KeyNode | undefined = KEY_ROOT;
    let i = li;
    for (;;) {
      const end = this.ends[i]!;
      const at = i === li ? firstAt : this.starts[i]! + this.indents[i]!;
      let key: string | undefined;
      let colon = -1;
      // A key of the tree where it is: followed by `: ` or ending the line, as keyEnd would find
      // it (a key in the tree holds no `: ` and does not end with a colon).
      if (tree) {
        const known = tree.keys;
        for (let k = 0; k < known.length; k++) {
          const candidate = known[k]!;
          const after = at + candidate.length;
          if (
            text.charCodeAt(after) === 58 /* : */ &&
            (after + 1 === end || text.charCodeAt(after + 1) === SPACE) &&
            text.startsWith(candidate, at)
          ) {
            key = candidate;
            colon = after;
            tree = tree.children[k];
            break;
          }
        }
      }
      const kEnd = key === undefined ? this.keyEnd(at, end) : colon;
      if (kEnd === -1) throw GIVE_UP;
      if (key !== undefined) {
        // Found in the tree.
      } else if (text.charCodeAt(at) === QUOTE) {
        key = this.quoted(at, kEnd);
        colon = kEnd + 1;
        tree = undefined;
        // A quoted key the writer would not have quoted is still the same key; accept it.
      } else {
        colon = kEnd;
        const length = kEnd - at;
        key = text.slice(at, kEnd);
        let plain = plainKeys.get(key);
        if (plain === undefined) {
          plain = !needsQuotes(key, true);
          if (plainKeys.size < 1000) plainKeys.set(key, plain);
        }
        // YAML limits implicit keys to 1024 characters; the library's keys are short.
        if (!plain || length > 1000) throw GIVE_UP;
        tree = tree?.child(key);
      }
      if (key === "__proto__") throw GIVE_UP;
      const slot = this.top++;
      keys[slot] = key;
      keyStarts?.push(at);
      let value: unknown;
      if (colon + 1 >= end) {
        // `key:` alone: a block below, two columns in.
        if (i + 1 >= this.count || this.indents[i + 1] !== col + 2) throw GIVE_UP;
        value = this.block(i + 1, col + 2);
        i = this.next;
      } else {
        if (text.charCodeAt(colon + 2) === SPACE) throw GIVE_UP;
        value = this.inline(colon + 2, end);
        i++;
      }
      values[slot] = value;
      nodeList?.push(this.node);
      if (i >= this.count || this.indents[i]! < col) break;
      if (this.indents[i]! > col) throw GIVE_UP;
      // A list item at the level of the keys (YAML's compact form) is never written.
      if (this.isItem(this.starts[i]! + this.indents[i]!, this.ends[i]!)) throw GIVE_UP;
    }
    const top = this.top;
    this.node =
      keyStarts && nodeList
        ? { kind: "map", start: keyStarts[0]!, keys: keys.slice(base, top), keyStarts, values: nodeList }
        : NO_NODE;
    this.next = i;
    let data: Record<string, unknown>;
    if (tree) data = tree.build(values, base);
    else {
      data = {};
      for (let j = base; j < top; j++) {
        const k = keys[j]!;
        if (Object.hasOwn(data, k)) throw GIVE_UP;
        data[k] = values[j];
      }
    }
    this.top = base;
    return data;
  }

  /** A value written on the line: a scalar, `[]`, `{}` or a flow list of scalars, up to the line end. */
  private inline(at: number, end: number): unknown {
    const text = this.text;
    const c = text.charCodeAt(at);
    if (c === 91 /* [ */) return this.flow(at, end);
    if (c === 123 /* { */) {
      if (at + 2 !== end || text.charCodeAt(at + 1) !== 125) throw GIVE_UP;
      this.node = this.nodes ? { kind: "map", start: at, keys: [], keyStarts: [], values: [] } : NO_NODE;
      return {};
    }
    const value = this.scalar(at, end, false);
    if (this.scalarEnd !== end) throw GIVE_UP;
    this.node = this.nodes ? { kind: "scalar", start: at } : NO_NODE;
    return value;
  }

  private flow(at: number, end: number): unknown[] {
    const text = this.text;
    const items: CNode[] | undefined = this.nodes ? [] : undefined;
    const data: unknown[] = [];
    if (text.charCodeAt(end - 1) !== 93 /* ] */) throw GIVE_UP;
    if (at + 2 !== end) {
      let p = at + 1;
      for (;;) {
        data.push(this.scalar(p, end - 1, true));
        items?.push({ kind: "scalar", start: p });
        const e = this.scalarEnd;
        if (e === end - 1) break;
        if (text.charCodeAt(e) !== 44 /* , */ || text.charCodeAt(e + 1) !== SPACE) throw GIVE_UP;
        p = e + 2;
        if (text.charCodeAt(p) === SPACE) throw GIVE_UP;
      }
    }
    this.node = items ? { kind: "seq", start: at, items } : NO_NODE;
    return data;
  }

  /** Where the scalar last read by scalar() ends. */
  private scalarEnd = 0;

  /** A scalar at `at`, ending at `limit` or (in a flow list) at the next comma. */
  private scalar(at: number, limit: number, inFlow: boolean): unknown {
    const text = this.text;
    if (text.charCodeAt(at) === QUOTE) {
      const close = this.quotedEnd(at, limit);
      this.scalarEnd = close + 1;
      return this.quoted(at, close);
    }
    let end = limit;
    if (inFlow) {
      const comma = text.indexOf(",", at);
      if (comma !== -1 && comma < limit) end = comma;
    }
    if (end === at) throw GIVE_UP;
    this.scalarEnd = end;
    const s = text.slice(at, end);
    const first = s.charCodeAt(0);
    if (first === 110 /* n */ && s === "null") return null;
    if (first === 116 /* t */ && s === "true") return true;
    if (first === 102 /* f */ && s === "false") return false;
    if ((first === DASH || (first >= 48 && first <= 57)) && NUMBER.test(s)) {
      const n = Number(s);
      if (!Number.isFinite(n) || s === "-0") throw GIVE_UP;
      return n;
    }
    if (!plainIsSafe(s, inFlow)) throw GIVE_UP;
    return s;
  }

  /** The offset of the quote closing the double-quoted scalar at `at`. */
  quotedEnd(at: number, limit: number): number {
    const text = this.text;
    for (let i = at + 1; i < limit; i++) {
      const c = text.charCodeAt(i);
      if (c === QUOTE) return i;
      if (c === 92 /* \ */) i++;
    }
    throw GIVE_UP;
  }

  /** The text of the double-quoted scalar from `at` to its closing quote `close`. */
  quoted(at: number, close: number): string {
    const text = this.text;
    let out = "";
    let run = at + 1;
    for (let i = at + 1; i < close; i++) {
      const c = text.charCodeAt(i);
      if (c >= 0x20 && c < 0x7f && c !== 92) continue;
      if (c === 92) {
        out += text.slice(run, i);
        const e = text.charCodeAt(i + 1);
        if (e === QUOTE) out += '"';
        else if (e === 92) out += "\\";
        else if (e === 110) out += "\n";
        else if (e === 116) out += "\t";
        else if (e === 114) out += "\r";
        else if (e === 117 /* u */) {
          const hex = text.slice(i + 2, i + 6);
          if (!/^[0-9A-Fa-f]{4}$/.test(hex)) throw GIVE_UP;
          out += String.fromCharCode(parseInt(hex, 16));
          i += 4;
        } else throw GIVE_UP;
        i++;
        run = i + 1;
      } else if (c >= 0xd800 && c <= 0xdbff) {
        // A character outside the BMP is a pair of surrogates; a lone one is never written raw.
        const low = text.charCodeAt(i + 1);
        if (!(low >= 0xdc00 && low <= 0xdfff)) throw GIVE_UP;
        i++;
      } else if (isRawUnsafe(c)) throw GIVE_UP;
    }
    return out + text.slice(run, close);
  }
}

/**
 * Whether the guards of readYaml (nesting depth, aliases) would refuse a text, asked of them only
 * when a bound says they might: the depth counts indentation levels, `- ` items and open
 * brackets, so it is at most a level per two columns of indentation, plus the items on a line,
 * plus every bracket in the text; an alias needs a `*`.
 */
function guardsRefuse(text: string, reader: Reader): boolean {
  let indent = 0;
  for (let i = 0; i < reader.count; i++) if (reader.indents[i]! > indent) indent = reader.indents[i]!;
  let brackets = 0;
  for (const ch of ["[", "{"]) {
    for (let i = text.indexOf(ch); i !== -1; i = text.indexOf(ch, i + 1)) brackets++;
  }
  // Items per line: `- - ` is never written in the canonical layout but is bounded by the width.
  if (indent + brackets + 4 > YAML_LIMITS.maxDepth) {
    if (nestingDepth(text).depth > YAML_LIMITS.maxDepth) return true;
  }
  let stars = 0;
  for (let i = text.indexOf("*"); i !== -1 && stars <= YAML_LIMITS.maxAliases; i = text.indexOf("*", i + 1)) stars++;
  return stars > YAML_LIMITS.maxAliases && countAliases(text) > YAML_LIMITS.maxAliases;
}

/**
 * Reads a document in the canonical layout, or gives up (undefined) on anything else. Applies the
 * same depth and alias guards as readYaml, so a file those refuse is left to readYaml to report.
 */
export function readCanonical(text: string): CanonicalDoc | undefined {
  // A CR is a line break to YAML: the writer never writes one.
  if (text.includes("\r")) return undefined;
  try {
    const reader = new Reader(text);
    if (guardsRefuse(text, reader)) return undefined;
    const { node, data } = reader.document();
    return { root: node, data, lineStarts: reader.lineStarts };
  } catch (err) {
    if (err instanceof GiveUp) return undefined;
    throw err;
  }
}

/**
 * readCanonical's data alone, without the nodes and positions: the quick way to read a file
 * whose findings, if any, are placed afterwards. Accepts exactly what readCanonical accepts.
 */
export function readCanonicalData(text: string): { data: unknown } | undefined {
  if (text.includes("\r")) return undefined;
  try {
    const reader = new Reader(text, false);
    if (guardsRefuse(text, reader)) return undefined;
    return { data: reader.document().data };
  } catch (err) {
    if (err instanceof GiveUp) return undefined;
    throw err;
  }
}

/** Line and column (1-based; columns in UTF-16 units, as the YAML library counts) of an offset. */
export function linePos(doc: Pick<CanonicalDoc, "lineStarts">, offset: number): { line: number; column: number } {
  const starts = doc.lineStarts;
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - starts[lo]! + 1 };
}

/** The node at `path`, looked up as the YAML library's getIn does (map keys compared strictly). */
export function nodeAt(doc: Pick<CanonicalDoc, "root">, path: Path): CNode | undefined {
  let node: CNode | undefined = doc.root;
  for (const step of path) {
    if (!node) return undefined;
    if (node.kind === "map") {
      const i = node.keys.indexOf(step as string);
      node = typeof step === "string" && i !== -1 ? node.values[i] : undefined;
    } else if (node.kind === "seq") {
      const idx = typeof step === "string" ? Number(step) : step;
      node = Number.isInteger(idx) && idx >= 0 ? node.items[idx] : undefined;
    } else return undefined;
  }
  return node;
}

/**
 * Where a path is shown (yaml-read.ts positionOf): a map key where it is written, a list item where
 * it starts; a path that does not exist at its nearest existing parent.
 */
export function keyPosition(doc: Omit<CanonicalDoc, "data">, path: Path): { line: number; column: number } {
  let node: CNode | undefined = doc.root;
  let offset = node.start;
  for (const step of path) {
    if (node?.kind === "map") {
      const i = node.keys.findIndex((k) => k === String(step));
      if (i === -1) break;
      offset = node.keyStarts[i]!;
      node = node.values[i];
      if (node && step !== path[path.length - 1]) offset = node.start;
    } else if (node?.kind === "seq" && typeof step === "number") {
      const item: CNode | undefined = node.items[step];
      if (!item) break;
      offset = item.start;
      node = item;
    } else break;
  }
  return linePos(doc, offset);
}

/** Where the value at `path` starts (yaml-read.ts valuePositionOf). */
export function valuePosition(doc: Omit<CanonicalDoc, "data">, path: Path): { line: number; column: number } {
  const node = nodeAt(doc, path);
  return node ? linePos(doc, node.start) : keyPosition(doc, path);
}

/**
 * Line and column for a finding located by a YAML path, as load-library.ts locateIn places it:
 * findings about a key, a whole list or a record at the key; findings about a value at the value.
 */
export function canonicalPosition(
  doc: Omit<CanonicalDoc, "data">,
  path: Path,
  code: string,
): { line: number; column: number } {
  if (code === "unknown-key" || code === "missing-field") return keyPosition(doc, path);
  const node = nodeAt(doc, path);
  if (node && node.kind !== "scalar") return keyPosition(doc, path);
  return node ? linePos(doc, node.start) : keyPosition(doc, path);
}

/** A node found by Seeker: where it starts, and where its content is when it is a collection. */
type Ref =
  | { readonly kind: "map"; readonly start: number; readonly li: number; readonly col: number }
  | { readonly kind: "seq"; readonly start: number; readonly li: number; readonly col: number }
  | { readonly kind: "flow"; readonly start: number; readonly end: number }
  | { readonly kind: "empty"; readonly start: number }
  | { readonly kind: "scalar"; readonly start: number };

/**
 * Walks a text readCanonical accepts along one path, by lines and indentation: the subtrees the
 * path does not enter are skipped without being read, and no value is built.
 */
class Seeker implements Walkable<Ref, number> {
  private readonly text: string;

  constructor(private readonly r: Reader) {
    this.text = r.text;
  }

  root(): Ref {
    return this.block(0, 0);
  }

  kind(ref: Ref): Ref["kind"] {
    return ref.kind;
  }

  start(ref: Ref): number {
    return ref.start;
  }

  private block(li: number, col: number): Ref {
    const at = this.r.starts[li]! + col;
    return this.r.isItem(at, this.r.ends[li]!)
      ? { kind: "seq", start: at, li, col }
      : { kind: "map", start: at, li, col };
  }

  private inline(at: number, end: number): Ref {
    const c = this.text.charCodeAt(at);
    if (c === 91) return { kind: "flow", start: at, end };
    if (c === 123) return { kind: "empty", start: at };
    return { kind: "scalar", start: at };
  }

  /** The pair of a block map whose key `match` accepts. */
  mapChild(ref: Ref, match: (key: string) => boolean): { keyStart: number; value: Ref } | undefined {
    if (ref.kind !== "map") return undefined;
    const text = this.text;
    const { ends, indents, starts, count } = this.r;
    let j = ref.li;
    let at = ref.start;
    for (;;) {
      const end = ends[j]!;
      const kEnd = this.r.keyEnd(at, end);
      const quoted = text.charCodeAt(at) === QUOTE;
      const key = quoted ? this.r.quoted(at, kEnd) : text.slice(at, kEnd);
      if (match(key)) {
        const colon = quoted ? kEnd + 1 : kEnd;
        const value = colon + 1 >= end ? this.block(j + 1, ref.col + 2) : this.inline(colon + 2, end);
        return { keyStart: at, value };
      }
      j++;
      while (j < count && indents[j]! > ref.col) j++;
      if (j >= count || indents[j]! < ref.col) return undefined;
      at = starts[j]! + ref.col;
    }
  }

  /** Item `k` of a list. */
  seqChild(ref: Ref, k: number): Ref | undefined {
    if (ref.kind === "flow") return this.flowItem(ref, k);
    if (ref.kind !== "seq") return undefined;
    const { ends, indents, starts, count } = this.r;
    let j = ref.li;
    let dash = ref.start;
    for (let n = 0; ; n++) {
      if (n === k) {
        const end = ends[j]!;
        if (dash + 1 === end) return this.block(j + 1, ref.col + 2);
        const at = dash + 2;
        if (this.r.keyEnd(at, end) !== -1) return { kind: "map", start: at, li: j, col: ref.col + 2 };
        return this.inline(at, end);
      }
      j++;
      while (j < count && indents[j]! > ref.col) j++;
      if (j >= count || indents[j]! < ref.col) return undefined;
      dash = starts[j]! + ref.col;
    }
  }

  private flowItem(ref: { start: number; end: number }, k: number): Ref | undefined {
    const text = this.text;
    let p = ref.start + 1;
    if (p === ref.end - 1) return undefined;
    for (let n = 0; ; n++) {
      if (n === k) return { kind: "scalar", start: p };
      let e: number;
      if (text.charCodeAt(p) === QUOTE) e = this.r.quotedEnd(p, ref.end - 1) + 1;
      else {
        e = p;
        while (e < ref.end - 1 && text.charCodeAt(e) !== 44) e++;
      }
      if (e >= ref.end - 1) return undefined;
      p = e + 2;
    }
  }
}

/**
 * canonicalPosition for a text known to be in the canonical layout (readCanonical accepted this
 * very text before: the cache keeps that fact with the text's hash), reading only along each path —
 * a finding in a record costs that record's lines, not the file. The lines are found once for all
 * the findings of the file.
 */
export function knownCanonicalLocator(
  text: string,
): (path: Path, code: string) => { line: number; column: number } | undefined {
  let seek: Seeker | undefined;
  let reader: Reader | undefined;
  try {
    reader = new Reader(text);
    seek = new Seeker(reader);
  } catch (err) {
    if (!(err instanceof GiveUp)) throw err;
  }
  let doc: CanonicalDoc | null | undefined;
  const whole = (path: Path, code: string) => {
    doc ??= readCanonical(text) ?? null;
    return doc ? canonicalPosition(doc, path, code) : undefined;
  };
  if (!seek || !reader) return whole;
  const r = reader;
  const s = seek;
  return (path, code) => {
    try {
      return seekPosition(r, s, path, code);
    } catch (err) {
      if (!(err instanceof GiveUp)) throw err;
      return whole(path, code);
    }
  };
}

function seekPosition(reader: Reader, seek: Seeker, path: Path, code: string): { line: number; column: number } {
  return linePos(reader, walkPosition(seek, path, code));
}

/** A tree the position of a path can be found in, by the rules of canonicalPosition. */
export interface Walkable<N, P> {
  root(): N;
  kind(node: N): "map" | "seq" | "flow" | "empty" | "scalar";
  start(node: N): P;
  mapChild(node: N, match: (key: string) => boolean): { keyStart: P; value: N } | undefined;
  seqChild(node: N, k: number): N | undefined;
}

/**
 * canonicalPosition on any Walkable: a finding about a key, a collection or a missing node at the
 * key (or nearest parent), a finding about a value where it starts. `last` is the last step of the
 * whole path, when `path` is its tail below the tree's root.
 */
export function walkPosition<N, P>(t: Walkable<N, P>, path: Path, code: string, last = path[path.length - 1]): P {
  const keyPos = () => {
    let node: N = t.root();
    let offset = t.start(node);
    for (const step of path) {
      const kind = t.kind(node);
      if (kind === "map" || kind === "empty") {
        const child = t.mapChild(node, (k) => k === String(step));
        if (!child) break;
        offset = child.keyStart;
        node = child.value;
        if (step !== last) offset = t.start(node);
      } else if ((kind === "seq" || kind === "flow") && typeof step === "number") {
        const item = t.seqChild(node, step);
        if (item === undefined) break;
        offset = t.start(item);
        node = item;
      } else break;
    }
    return offset;
  };
  if (code === "unknown-key" || code === "missing-field") return keyPos();
  let node: N | undefined = t.root();
  for (const step of path) {
    if (node === undefined) break;
    const kind = t.kind(node);
    if (kind === "map" || kind === "empty") {
      node = typeof step === "string" ? t.mapChild(node, (k) => k === step)?.value : undefined;
    } else if (kind === "seq" || kind === "flow") {
      const idx = typeof step === "string" ? Number(step) : step;
      node = Number.isInteger(idx) && idx >= 0 ? t.seqChild(node, idx) : undefined;
    } else node = undefined;
  }
  if (node !== undefined && t.kind(node) !== "scalar") return keyPos();
  return node !== undefined ? t.start(node) : keyPos();
}

/** knownCanonicalLocator for a single finding. */
export function knownCanonicalPosition(
  text: string,
  path: Path,
  code: string,
): { line: number; column: number } | undefined {
  return knownCanonicalLocator(text)(path, code);
}
