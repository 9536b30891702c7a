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

interface Line {
  readonly start: number;
  readonly end: number;
  readonly indent: number;
}

const SPACE = 32;
const DASH = 45;
const QUOTE = 34;
const HASH = 35;
const NUMBER = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:e[-+][0-9]+)?$/;

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

class Reader {
  readonly lines: Line[] = [];
  readonly lineStarts: number[] = [];
  private depth = 0;

  constructor(readonly text: string) {
    let pos = 0;
    const n = text.length;
    while (pos <= n) {
      let end = text.indexOf("\n", pos);
      if (end === -1) end = n;
      this.lineStarts.push(pos);
      let i = pos;
      while (i < end && text.charCodeAt(i) === SPACE) i++;
      if (i < end) {
        const c = text.charCodeAt(i);
        if (c !== HASH) {
          // Trailing spaces are valid YAML but never written by the writer.
          if (text.charCodeAt(end - 1) === SPACE) throw GIVE_UP;
          this.lines.push({ start: pos, end, indent: i - pos });
        }
      }
      if (end === n) break;
      pos = end + 1;
    }
  }

  document(): { node: CNode; data: unknown } {
    if (this.lines.length === 0) throw GIVE_UP;
    const first = this.lines[0]!;
    if (first.indent !== 0) throw GIVE_UP;
    const r = this.block(0, 0);
    if (r.next !== this.lines.length) throw GIVE_UP;
    return r;
  }

  /** A block collection whose first line is `li`, its content starting at column `col`. */
  block(li: number, col: number): { node: CNode; data: unknown; next: number } {
    if (++this.depth > YAML_LIMITS.maxDepth) throw GIVE_UP;
    const line = this.lines[li]!;
    const at = line.start + col;
    const r = this.isItem(at, line.end) ? this.seq(li, col) : this.map(li, col, at);
    this.depth--;
    return r;
  }

  isItem(at: number, end: number): boolean {
    return this.text.charCodeAt(at) === DASH && (at + 1 === end || this.text.charCodeAt(at + 1) === SPACE);
  }

  private seq(li: number, col: number): { node: CSeq; data: unknown[]; next: number } {
    const items: CNode[] = [];
    const data: unknown[] = [];
    let start = -1;
    let i = li;
    for (;;) {
      const line = this.lines[i]!;
      const dash = i === li ? line.start + col : line.start + line.indent;
      if (start === -1) start = dash;
      const r = this.item(i, col, dash);
      items.push(r.node);
      data.push(r.data);
      i = r.next;
      const next = this.lines[i];
      if (!next || next.indent < col) break;
      if (next.indent > col) throw GIVE_UP;
    }
    return { node: { kind: "seq", start, items }, data, next: i };
  }

  /** The list item whose `-` is at `dash` on line `i` (the list's items at column `col`). */
  private item(i: number, col: number, dash: number): { node: CNode; data: unknown; next: number } {
    const text = this.text;
    const line = this.lines[i]!;
    if (!this.isItem(dash, line.end)) throw GIVE_UP;
    if (dash + 1 === line.end) {
      // `-` alone: a nested list on the next lines, two columns in.
      const next = this.lines[i + 1];
      if (!next || next.indent !== col + 2 || !this.isItem(next.start + next.indent, next.end)) throw GIVE_UP;
      return this.block(i + 1, col + 2);
    }
    const at = dash + 2;
    if (text.charCodeAt(at) === SPACE) throw GIVE_UP;
    if (this.keyEnd(at, line.end) !== -1) return this.block(i, col + 2);
    const v = this.inline(at, line.end);
    return { ...v, next: i + 1 };
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
    for (let i = at; i < end - 1; i++) {
      if (text.charCodeAt(i) === 58 && text.charCodeAt(i + 1) === SPACE) return i;
    }
    return text.charCodeAt(end - 1) === 58 ? end - 1 : -1;
  }

  private map(li: number, col: number, firstAt: number): { node: CMap; data: Record<string, unknown>; next: number } {
    const text = this.text;
    const keys: string[] = [];
    const keyStarts: number[] = [];
    const values: CNode[] = [];
    const data: Record<string, unknown> = {};
    const seen = new Set<string>();
    let i = li;
    for (;;) {
      const line = this.lines[i]!;
      const at = i === li ? firstAt : line.start + line.indent;
      const kEnd = this.keyEnd(at, line.end);
      if (kEnd === -1) throw GIVE_UP;
      let key: string;
      let colon: number;
      if (text.charCodeAt(at) === QUOTE) {
        key = this.quoted(at, kEnd);
        colon = kEnd + 1;
        // A quoted key the writer would not have quoted is still the same key; accept it.
      } else {
        key = text.slice(at, kEnd);
        colon = kEnd;
        if (needsQuotes(key, true)) throw GIVE_UP;
      }
      // YAML limits implicit keys to 1024 characters; the library's keys are short.
      if (key === "__proto__" || seen.has(key) || kEnd - at > 1000) throw GIVE_UP;
      seen.add(key);
      keys.push(key);
      keyStarts.push(at);
      if (colon + 1 >= line.end) {
        // `key:` alone: a block below, two columns in.
        const next = this.lines[i + 1];
        if (!next || next.indent !== col + 2) throw GIVE_UP;
        const r = this.block(i + 1, col + 2);
        values.push(r.node);
        data[key] = r.data;
        i = r.next;
      } else {
        if (text.charCodeAt(colon + 2) === SPACE) throw GIVE_UP;
        const v = this.inline(colon + 2, line.end);
        values.push(v.node);
        data[key] = v.data;
        i++;
      }
      const next = this.lines[i];
      if (!next || next.indent < col) break;
      if (next.indent > col) throw GIVE_UP;
      // A list item at the level of the keys (YAML's compact form) is never written.
      if (this.isItem(next.start + next.indent, next.end)) throw GIVE_UP;
    }
    const start = keyStarts[0]!;
    return { node: { kind: "map", start, keys, keyStarts, values }, data, next: i };
  }

  /** A value written on the line: a scalar, `[]`, `{}` or a flow list of scalars, up to the line end. */
  private inline(at: number, end: number): { node: CNode; data: unknown } {
    const text = this.text;
    const c = text.charCodeAt(at);
    if (c === 91 /* [ */) return this.flow(at, end);
    if (c === 123 /* { */) {
      if (at + 2 !== end || text.charCodeAt(at + 1) !== 125) throw GIVE_UP;
      return { node: { kind: "map", start: at, keys: [], keyStarts: [], values: [] }, data: {} };
    }
    const s = this.scalar(at, end, false);
    if (s.end !== end) throw GIVE_UP;
    return { node: { kind: "scalar", start: at }, data: s.value };
  }

  private flow(at: number, end: number): { node: CSeq; data: unknown[] } {
    const text = this.text;
    const items: CNode[] = [];
    const data: unknown[] = [];
    if (text.charCodeAt(end - 1) !== 93 /* ] */) throw GIVE_UP;
    if (at + 2 === end) return { node: { kind: "seq", start: at, items }, data };
    let p = at + 1;
    for (;;) {
      const s = this.scalar(p, end - 1, true);
      items.push({ kind: "scalar", start: p });
      data.push(s.value);
      if (s.end === end - 1) break;
      if (text.charCodeAt(s.end) !== 44 /* , */ || text.charCodeAt(s.end + 1) !== SPACE) throw GIVE_UP;
      p = s.end + 2;
      if (text.charCodeAt(p) === SPACE) throw GIVE_UP;
    }
    return { node: { kind: "seq", start: at, items }, data };
  }

  /** A scalar at `at`, ending at `limit` or (in a flow list) at the next comma. */
  private scalar(at: number, limit: number, inFlow: boolean): { value: unknown; end: number } {
    const text = this.text;
    if (text.charCodeAt(at) === QUOTE) {
      const close = this.quotedEnd(at, limit);
      return { value: this.quoted(at, close), end: close + 1 };
    }
    let end = limit;
    if (inFlow) {
      for (let i = at; i < limit; i++) {
        if (text.charCodeAt(i) === 44 /* , */) {
          end = i;
          break;
        }
      }
    }
    if (end === at) throw GIVE_UP;
    const s = text.slice(at, end);
    const first = s.charCodeAt(0);
    if (first === 110 /* n */ && s === "null") return { value: null, end };
    if (first === 116 /* t */ && s === "true") return { value: true, end };
    if (first === 102 /* f */ && s === "false") return { value: false, end };
    if ((first === DASH || (first >= 48 && first <= 57)) && NUMBER.test(s)) {
      const n = Number(s);
      if (!Number.isFinite(n) || s === "-0") throw GIVE_UP;
      return { value: n, end };
    }
    if (needsQuotes(s, inFlow)) throw GIVE_UP;
    return { value: s, end };
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
 * Reads a document in the canonical layout, or gives up (undefined) on anything else. Applies the
 * same depth and alias guards as readYaml, so a file those refuse is left to readYaml to report.
 */
export function readCanonical(text: string): CanonicalDoc | undefined {
  if (nestingDepth(text).depth > YAML_LIMITS.maxDepth) return undefined;
  if (countAliases(text) > YAML_LIMITS.maxAliases) return undefined;
  // A CR is a line break to YAML: the writer never writes one.
  if (text.includes("\r")) return undefined;
  try {
    const reader = new Reader(text);
    const { node, data } = reader.document();
    return { root: node, data, lineStarts: reader.lineStarts };
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
  private readonly lines: Line[];

  constructor(private readonly r: Reader) {
    this.text = r.text;
    this.lines = r.lines;
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
    const line = this.lines[li]!;
    const at = line.start + col;
    return this.r.isItem(at, line.end) ? { kind: "seq", start: at, li, col } : { kind: "map", start: at, li, col };
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
    const lines = this.lines;
    let j = ref.li;
    let at = ref.start;
    for (;;) {
      const line = lines[j]!;
      const kEnd = this.r.keyEnd(at, line.end);
      const quoted = text.charCodeAt(at) === QUOTE;
      const key = quoted ? this.r.quoted(at, kEnd) : text.slice(at, kEnd);
      if (match(key)) {
        const colon = quoted ? kEnd + 1 : kEnd;
        const value = colon + 1 >= line.end ? this.block(j + 1, ref.col + 2) : this.inline(colon + 2, line.end);
        return { keyStart: at, value };
      }
      j++;
      while (j < lines.length && lines[j]!.indent > ref.col) j++;
      if (j >= lines.length || lines[j]!.indent < ref.col) return undefined;
      at = lines[j]!.start + ref.col;
    }
  }

  /** Item `k` of a list. */
  seqChild(ref: Ref, k: number): Ref | undefined {
    if (ref.kind === "flow") return this.flowItem(ref, k);
    if (ref.kind !== "seq") return undefined;
    const lines = this.lines;
    let j = ref.li;
    let dash = ref.start;
    for (let n = 0; ; n++) {
      if (n === k) {
        const line = lines[j]!;
        if (dash + 1 === line.end) return this.block(j + 1, ref.col + 2);
        const at = dash + 2;
        if (this.r.keyEnd(at, line.end) !== -1) return { kind: "map", start: at, li: j, col: ref.col + 2 };
        return this.inline(at, line.end);
      }
      j++;
      while (j < lines.length && lines[j]!.indent > ref.col) j++;
      if (j >= lines.length || lines[j]!.indent < ref.col) return undefined;
      dash = lines[j]!.start + ref.col;
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
