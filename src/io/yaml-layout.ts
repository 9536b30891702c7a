import { walkPosition, type Walkable } from "./canonical-yaml.js";
import { entries, flowFits, isScalar, keyText, scalar, type YamlValue } from "./yaml-write.js";

/**
 * Where the canonical writer (yaml-write.ts) puts each node of a value, computed from the value
 * without writing it: lines and columns follow from the writer's rules (two spaces per level, a
 * record's first key on its `- ` line, short lists of scalars on one line). For a file that is
 * exactly what the writer writes for its records — the loader checks that and keeps where each
 * record starts (BookLayout) — a finding in a record is placed from the record in memory, without
 * reading the file again. tests/io/yaml-layout.test.ts compares every position with the YAML
 * library's on what the writer writes.
 */

export interface Pos {
  readonly line: number;
  readonly column: number;
}

/**
 * A village book written exactly as toYaml writes its data: how many comment lines come first, and
 * where each record starts (1-based lines of their `- ` lines).
 */
export interface BookLayout {
  readonly header: number;
  readonly starts: readonly number[];
}

type Kind = "map" | "seq" | "flow" | "empty" | "scalar";

interface Node {
  readonly kind: Kind;
  readonly line: number;
  /** 1-based column where the node starts. */
  readonly column: number;
  readonly value: YamlValue;
  /** Indentation (spaces) of the node's block content: keys of a map, dashes of a list. */
  readonly indent: number;
}

type Scalar = string | number | boolean | null;
type YamlMap = { [key: string]: YamlValue };

/** How the writer lays out one entry of a map: where its value starts, how many lines it takes. */
interface EntryLayout {
  readonly key: string;
  readonly value: YamlValue;
  /** Line of the key, from the map's first line. */
  readonly offset: number;
  readonly kind: Kind;
  /** The value's first line, from the key's line (1 for a block below the key). */
  readonly down: number;
  readonly column: number;
  /** Indentation of the value's block content. */
  readonly indent: number;
}

interface MapLayout {
  readonly indent: number;
  readonly entries: readonly EntryLayout[];
  readonly lines: number;
}

interface SeqLayout {
  readonly indent: number;
  /** Line of each item, from the list's first line. */
  readonly offsets: readonly number[];
  readonly lines: number;
}

// Layouts are computed once per map or list (many findings fall in the same record).
const mapLayouts = new WeakMap<YamlMap, MapLayout>();
const seqLayouts = new WeakMap<YamlValue[], SeqLayout>();
const keyTexts = new Map<string, number>();

function keyLength(k: string): number {
  let n = keyTexts.get(k);
  if (n === undefined) {
    n = keyText(k).length;
    if (keyTexts.size < 10_000) keyTexts.set(k, n);
  }
  return n;
}

function isEmptyMap(map: YamlMap): boolean {
  for (const k in map) if (Object.hasOwn(map, k) && map[k] !== undefined) return false;
  return true;
}

/** Lines the writer gives one list item at indentation `indent`. */
function itemLines(item: YamlValue, indent: number): number {
  if (isScalar(item)) return 1;
  if (Array.isArray(item)) return item.length === 0 ? 1 : 1 + seqLayout(item, indent + 2).lines;
  return isEmptyMap(item) ? 1 : mapLayout(item, indent + 2).lines;
}

function seqLayout(seq: YamlValue[], indent: number): SeqLayout {
  let layout = seqLayouts.get(seq);
  if (layout?.indent !== indent) {
    const offsets: number[] = [];
    let n = 0;
    for (const item of seq) {
      offsets.push(n);
      n += itemLines(item, indent);
    }
    layout = { indent, offsets, lines: n };
    seqLayouts.set(seq, layout);
  }
  return layout;
}

function mapLayout(map: YamlMap, indent: number): MapLayout {
  let layout = mapLayouts.get(map);
  if (layout?.indent !== indent) {
    const list: EntryLayout[] = [];
    let n = 0;
    for (const [key, value] of entries(map)) {
      const headLength = indent + keyLength(key) + 1;
      const at = headLength + 2;
      let e: EntryLayout;
      let lines = 1;
      if (isScalar(value)) e = { key, value, offset: n, kind: "scalar", down: 0, column: at, indent };
      else if (Array.isArray(value)) {
        if (value.length === 0 || (value.every((x) => isScalar(x)) && flowFits(headLength, value))) {
          e = { key, value, offset: n, kind: "flow", down: 0, column: at, indent };
        } else {
          e = { key, value, offset: n, kind: "seq", down: 1, column: indent + 3, indent: indent + 2 };
          lines = 1 + seqLayout(value, indent + 2).lines;
        }
      } else if (isEmptyMap(value)) e = { key, value, offset: n, kind: "empty", down: 0, column: at, indent };
      else {
        e = { key, value, offset: n, kind: "map", down: 1, column: indent + 3, indent: indent + 2 };
        lines = 1 + mapLayout(value, indent + 2).lines;
      }
      list.push(e);
      n += lines;
    }
    layout = { indent, entries: list, lines: n };
    mapLayouts.set(map, layout);
  }
  return layout;
}

class LayoutTree implements Walkable<Node, Pos> {
  constructor(private readonly top: Node) {}

  root(): Node {
    return this.top;
  }

  kind(node: Node): Kind {
    return node.kind;
  }

  start(node: Node): Pos {
    return { line: node.line, column: node.column };
  }

  mapChild(node: Node, match: (key: string) => boolean): { keyStart: Pos; value: Node } | undefined {
    if (node.kind !== "map") return undefined;
    for (const e of mapLayout(node.value as YamlMap, node.indent).entries) {
      if (!match(e.key)) continue;
      const line = node.line + e.offset;
      const value: Node = { kind: e.kind, line: line + e.down, column: e.column, value: e.value, indent: e.indent };
      return { keyStart: { line, column: node.indent + 1 }, value };
    }
    return undefined;
  }

  seqChild(node: Node, k: number): Node | undefined {
    const items = node.value as YamlValue[];
    if (k >= items.length) return undefined;
    if (node.kind === "flow") {
      let column = node.column + 1;
      for (let j = 0; j < k; j++) column += scalar((items[j] ?? null) as Scalar, true).length + 2;
      return { kind: "scalar", line: node.line, column, value: items[k], indent: node.indent };
    }
    if (node.kind !== "seq") return undefined;
    const indent = node.indent;
    const line = node.line + seqLayout(items, indent).offsets[k]!;
    const item = items[k];
    const column = indent + 3;
    if (isScalar(item)) return { kind: "scalar", line, column, value: item, indent };
    if (Array.isArray(item)) {
      if (item.length === 0) return { kind: "flow", line, column, value: item, indent };
      return { kind: "seq", line: line + 1, column: indent + 3, value: item, indent: indent + 2 };
    }
    if (entries(item).length === 0) return { kind: "empty", line, column, value: item, indent };
    return { kind: "map", line, column, value: item, indent: indent + 2 };
  }
}

/**
 * The position of a finding at `path` in a record written at `line` as an item of a list at
 * indentation `indent` (a village book's records: 2). `rest` is the path below the record; `last`
 * the last step of the whole path.
 */
export function recordPosition(
  record: YamlValue,
  line: number,
  indent: number,
  rest: readonly (string | number)[],
  code: string,
  last: string | number | undefined,
): Pos {
  const tree = new LayoutTree({
    kind: isScalar(record) ? "scalar" : Array.isArray(record) ? "seq" : "map",
    line,
    column: indent + 3,
    value: record,
    indent: indent + 2,
  });
  return walkPosition(tree, rest, code, last);
}

/**
 * The position of a finding at `path` in a village book laid out as `layout` says, from the book's
 * data (`{ village, reserves }`, as written).
 */
export function bookPosition(
  layout: BookLayout,
  book: { readonly village: string; readonly reserves: readonly YamlValue[] },
  path: readonly (string | number)[],
  code: string,
): Pos {
  const last = path[path.length - 1];
  const i = path[1];
  if (path[0] === "reserves" && typeof i === "number" && i < layout.starts.length && path.length >= 2) {
    return recordPosition(book.reserves[i], layout.starts[i]!, 2, path.slice(2), code, last);
  }
  const doc = { village: book.village, reserves: book.reserves as YamlValue[] };
  const tree = new LayoutTree({ kind: "map", line: layout.header + 1, column: 1, value: doc, indent: 0 });
  return walkPosition(tree, path, code, last);
}

/** Where each record of `reserves` starts when a village book is written as toYaml writes it. */
export function bookStarts(reserves: readonly YamlValue[], firstLine: number): number[] {
  return seqLayout(reserves as YamlValue[], 2).offsets.map((o) => firstLine + o);
}
