import {
  isCollection,
  isMap,
  isNode,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  visit,
  type Document,
  type Node,
} from "yaml";
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import { countAliases, nestingDepth, YAML_LIMITS } from "./yaml-guards.js";

export { nestingDepth, YAML_LIMITS } from "./yaml-guards.js";

export interface ParsedYaml {
  readonly doc: Document.Parsed;
  readonly lines: LineCounter;
  /** The document as plain data; undefined when the file could not be parsed. */
  readonly data: unknown;
}

export interface YamlReadResult {
  readonly parsed?: ParsedYaml;
  readonly diagnostics: Diagnostic[];
}

const SYNTAX_CODES: Record<string, "yaml-duplicate-key" | "yaml-multi-document" | "yaml-alias"> = {
  DUPLICATE_KEY: "yaml-duplicate-key",
  MULTIPLE_DOCS: "yaml-multi-document",
  BAD_ALIAS: "yaml-alias",
  ALIAS_PROPS: "yaml-alias",
  RESOURCE_EXHAUSTION: "yaml-alias",
};

/**
 * Parses one YAML document safely: guards depth and aliases before parsing, YAML 1.2 core schema
 * (dates and long numbers stay as written: text or numbers, never timestamps), unique keys, no custom
 * tags, one document. Problems come back located; nothing is thrown.
 */
export function readYaml(text: string, file: string): YamlReadResult {
  const { depth, line } = nestingDepth(text);
  if (depth > YAML_LIMITS.maxDepth) {
    return {
      diagnostics: [
        diagnostic("yaml-too-deep", { depth, max: YAML_LIMITS.maxDepth }, { location: { file, line, column: 1 } }),
      ],
    };
  }
  const aliases = countAliases(text);
  if (aliases > YAML_LIMITS.maxAliases) {
    return {
      diagnostics: [
        diagnostic(
          "yaml-alias",
          { reason: "count", count: aliases, max: YAML_LIMITS.maxAliases },
          { location: { file, line: 1, column: 1 } },
        ),
      ],
    };
  }
  const lines = new LineCounter();
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, {
      lineCounter: lines,
      prettyErrors: false,
      uniqueKeys: true,
      strict: true,
      merge: false,
      schema: "core",
      customTags: [],
      // !!binary, !!timestamp, !!set… would make a buffer, a date, a set: not plain values.
      resolveKnownTags: false,
      // Errors are kept (a second document is one); the parser's warnings are diagnostics here,
      // never lines on the terminal ("silent" would drop the errors too).
      logLevel: "error",
    });
  } catch {
    // The guards above make this unreachable in practice; a parser failure is still the file's problem.
    return { diagnostics: [diagnostic("yaml-syntax", { detail: "" }, { location: { file, line: 1, column: 1 } })] };
  }
  const diagnostics: Diagnostic[] = [];
  for (const err of [...doc.errors, ...doc.warnings]) {
    const at = lines.linePos(err.pos[0]);
    const location = { file, line: at.line, column: at.col };
    if (err.code === "TAG_RESOLVE_FAILED") {
      // Every tag the core schema does not resolve, named as written, where it is written.
      diagnostics.push(diagnostic("yaml-tag", { tag: tagAt(text, err.pos[0], err.pos[1]) }, { location }));
      continue;
    }
    const code = SYNTAX_CODES[err.code] ?? "yaml-syntax";
    diagnostics.push(
      diagnostic(code, { reason: err.code, detail: err.message.split("\n")[0]!.slice(0, 120) }, { location }),
    );
  }
  visit(doc, (_key, node) => {
    // A guard in case the parser ever resolves a tag outside the core schema without a warning.
    if (isNode(node) && node.tag !== undefined && !CORE_TAGS.has(node.tag)) {
      const at = lines.linePos(node.range?.[0] ?? 0);
      if (diagnostics.some((d) => d.code === "yaml-tag" && d.location?.line === at.line)) return;
      diagnostics.push(
        diagnostic("yaml-tag", { tag: node.tag }, { location: { file, line: at.line, column: at.col } }),
      );
    }
  });
  // A list or a map as a key ("? " explicit keys): no library file or roster has one, and as data it
  // would become the text of an object.
  visit(doc, {
    Pair(_key, pair) {
      if (!isCollection(pair.key)) return;
      const at = lines.linePos((pair.key as { range?: [number] }).range?.[0] ?? 0);
      diagnostics.push(
        diagnostic(
          "yaml-syntax",
          { reason: "NON_STRING_KEY", detail: "a key must be text, not a list or a map" },
          { location: { file, line: at.line, column: at.col } },
        ),
      );
      return visit.SKIP;
    },
  });
  // An alias whose anchor is not defined (or defined only after it): named where it is written.
  visit(doc, {
    Alias(_key, node) {
      if (node.resolve(doc) !== undefined) return;
      const at = lines.linePos(node.range?.[0] ?? 0);
      diagnostics.push(
        diagnostic(
          "yaml-alias",
          { reason: "undefined", name: node.source },
          { location: { file, line: at.line, column: at.col } },
        ),
      );
    },
  });
  // A tag alone leaves the value as written (text, a list, a map): the file is refused for it, and
  // its other problems are still found in the same run. Anything else makes the data unknown.
  if (diagnostics.some((d) => d.code !== "yaml-tag")) return { diagnostics };
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: YAML_LIMITS.maxAliases });
  } catch {
    // Few aliases, but aliases of aliases: their expansion is what the parser refused (an alias bomb).
    return {
      diagnostics: [diagnostic("yaml-alias", { reason: "expansion" }, { location: { file, line: 1, column: 1 } })],
    };
  }
  return { parsed: { doc, lines, data }, diagnostics };
}

/** The tags of the YAML 1.2 core schema: plain values; a library or roster needs no others. */
export const CORE_TAGS = new Set(
  ["str", "int", "float", "bool", "null", "map", "seq"].map((t) => `tag:yaml.org,2002:${t}`),
);

/** The tag as written at [start, end) (the parser's range may run on to the value). */
function tagAt(text: string, start: number, end: number): string {
  const written = /^!\S*/.exec(text.slice(start, Math.max(end, start + 1)))?.[0];
  return (written ?? text.slice(start, end)).slice(0, 60);
}

/**
 * Line and column (1-based) of the node at `path`. A path to a map key points at the key, so an
 * unknown key is shown where it is written; a path that does not exist points at its nearest parent.
 */
export function positionOf(parsed: ParsedYaml, path: readonly (string | number)[]): { line: number; column: number } {
  let node: unknown = parsed.doc.contents;
  let offset = (node as Node | null)?.range?.[0] ?? 0;
  for (const step of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(step));
      if (!pair) break;
      const keyNode = pair.key as Node;
      offset = keyNode.range?.[0] ?? offset;
      node = pair.value;
      if (isNode(node) && step !== path[path.length - 1]) offset = node.range?.[0] ?? offset;
    } else if (isSeq(node) && typeof step === "number") {
      const item = node.items[step];
      if (!isNode(item)) break;
      offset = item.range?.[0] ?? offset;
      node = item;
    } else break;
  }
  const lp = parsed.lines.linePos(offset);
  return { line: lp.line, column: lp.col };
}

/** Like positionOf, but for a value: where the value starts rather than its key. */
export function valuePositionOf(
  parsed: ParsedYaml,
  path: readonly (string | number)[],
): { line: number; column: number } {
  const node = parsed.doc.getIn(path, true);
  if (isNode(node) && node.range) {
    const lp = parsed.lines.linePos(node.range[0]);
    return { line: lp.line, column: lp.col };
  }
  return positionOf(parsed, path);
}
