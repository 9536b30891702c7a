import { isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node, type Pair } from "yaml";
import { diagnostic, type Diagnostic } from "../../diagnostics/diagnostic.js";
import { CORE_TAGS, readYaml } from "../yaml-read.js";
import type { Cell, CellPosition, OpenResult, TableInfo, TableRow } from "./table.js";

/**
 * A YAML roster as a table. Two shapes are read:
 *
 *     - 村: 沙坡村                 村代码: "640502100201"
 *       姓名: 张三                 reserves:
 *       身份证号: "6405…"            - 姓名: 张三
 *                                    身份证号: "6405…"
 *
 * a list of people, or a map whose `reserves` (or 后备干部) list holds them and whose other keys
 * apply to every person who does not give them. Keys are the column names. The header row is the
 * keys in the order they first appear; each cell carries the line and column of its value.
 * Parsing goes through readYaml: depth and aliases guarded before the parser, no tags, one
 * document, duplicate keys refused, YAML 1.2 core schema (dates stay text). A tag refuses the
 * file but does not stop the reading: every tag and every row's problems are found in one run.
 */

const LIST_KEYS = ["reserves", "后备干部"];

/** A value's cell; a value with a tag outside the core schema is the tag's, already reported. */
function cellOfNode(node: Node | null | undefined, doc: Document.Parsed): Cell {
  if (node !== null && node !== undefined && node.tag !== undefined && !CORE_TAGS.has(node.tag))
    return { nested: "tag" };
  return cellOf(node?.toJS(doc));
}

function cellOf(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
  if (Array.isArray(v)) return { nested: "list" };
  if (typeof v === "object") return { nested: "map" };
  return null;
}

/**
 * Names the column (the key) of each problem written before a value: a tag on the line where a
 * key's value starts, at or before it. `pairs` are every key and value of the roster.
 */
function inColumns(problems: readonly Diagnostic[], pairs: readonly unknown[], lines: LineCounter): Diagnostic[] {
  if (problems.length === 0) return [];
  const starts = pairs.flatMap((p) => {
    if (!isPair(p) || !isScalar(p.key)) return [];
    const value = (p.value ?? p.key) as Node;
    const at = lines.linePos(value.range?.[0] ?? 0);
    return [{ key: String(p.key.value), line: at.line, column: at.col }];
  });
  return problems.map((d) => {
    const loc = d.location;
    if (!loc?.line || !loc.column) return d;
    let best: { key: string; column: number } | undefined;
    for (const s of starts) {
      if (s.line === loc.line && s.column >= loc.column && (!best || s.column < best.column)) best = s;
    }
    return best ? { ...d, location: { ...loc, field: best.key } } : d;
  });
}

export function openYaml(text: string, info: Omit<TableInfo, "format" | "keyed">): OpenResult {
  const file = info.file;
  const { parsed, diagnostics } = readYaml(text, file);
  if (!parsed) return { ok: false, diagnostics };
  // Only tags (readYaml reads on past them): reported with the rows' problems, in their column.
  const tagged = diagnostics;
  const pos = (node: Node | null | undefined): CellPosition => {
    const lp = parsed.lines.linePos(node?.range?.[0] ?? 0);
    return { line: lp.line, column: lp.col };
  };
  const problems: Diagnostic[] = [];
  const root = parsed.doc.contents;
  let items: Node[] = [];
  let base: (string | number)[] = [];
  const defaults: { key: string; value: Cell; at: CellPosition }[] = [];
  const defaultPairs: unknown[] = [];
  if (isSeq(root)) items = root.items;
  else if (isMap(root)) {
    for (const pair of root.items as Pair<Node, Node>[]) {
      const key = isScalar(pair.key) ? String(pair.key.value) : "";
      if (LIST_KEYS.includes(key) && isSeq(pair.value)) {
        items = pair.value.items as Node[];
        base = [key];
      } else {
        defaultPairs.push(pair);
        defaults.push({ key, value: cellOfNode(pair.value, parsed.doc), at: pos(pair.key) });
      }
    }
    if (base.length === 0) {
      problems.push(diagnostic("missing-field", { field: "reserves" }, { location: { file, line: 1, column: 1 } }));
    }
  } else if (root !== null) {
    problems.push(
      diagnostic(
        "wrong-type",
        { field: "reserves", expected: "list", found: isScalar(root) ? typeof root.value : "map", value: "" },
        { location: { file, ...pos(root) } },
      ),
    );
  }
  if (problems.length > 0) return { ok: false, diagnostics: problems };

  // The header: every key in the order it first appears, where it first appears.
  const header: string[] = [];
  const headerAt: CellPosition[] = [];
  const index = new Map<string, number>();
  const addKey = (key: string, at: CellPosition) => {
    if (index.has(key)) return;
    index.set(key, header.length);
    header.push(key);
    headerAt.push(at);
  };
  for (const d of defaults) addKey(d.key, d.at);
  for (const item of items) {
    if (!isMap(item)) continue;
    for (const pair of item.items as Pair<Node, Node>[])
      addKey(isScalar(pair.key) ? String(pair.key.value) : "", pos(pair.key));
  }
  const first = items[0];
  const headerLine = headerAt[0]?.line ?? (first ? pos(first).line : 1);

  return {
    ok: true,
    table: {
      info: { ...info, format: "yaml", keyed: true },
      *rows(rowProblems: Diagnostic[]): Generator<TableRow, void, undefined> {
        rowProblems.push(
          ...inColumns(tagged, [...defaultPairs, ...items.flatMap((i) => (isMap(i) ? i.items : []))], parsed.lines),
        );
        yield { line: headerLine, cells: header, positions: headerAt };
        for (let i = 0; i < items.length; i++) {
          const item = items[i]!;
          const at = pos(item);
          const path = [...base, i];
          if (!isMap(item)) {
            rowProblems.push(
              diagnostic(
                "wrong-type",
                { field: String(i), expected: "map", found: isSeq(item) ? "list" : "string", value: "" },
                { location: { file, ...at, path } },
              ),
            );
            continue;
          }
          const cells: Cell[] = new Array<Cell>(header.length).fill(undefined);
          const positions: (CellPosition | undefined)[] = new Array<CellPosition | undefined>(header.length);
          for (const d of defaults) {
            const k = index.get(d.key)!;
            cells[k] = d.value;
            positions[k] = d.at;
          }
          for (const pair of item.items as Pair<Node, Node>[]) {
            const k = index.get(isScalar(pair.key) ? String(pair.key.value) : "")!;
            cells[k] = cellOfNode(pair.value, parsed.doc);
            positions[k] = pos(pair.value ?? pair.key);
          }
          yield { line: at.line, column: at.column, cells, positions, path };
        }
      },
    },
  };
}
