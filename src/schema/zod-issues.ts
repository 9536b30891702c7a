import type * as z from "zod";
import { CODE_SEVERITY, type DiagnosticCode } from "../diagnostics/codes.js";
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import { showPersonal, showValue } from "../diagnostics/display.js";
import { untag, vocabularyOf } from "./common.js";

type Path = readonly (string | number)[];

const PERSONAL_KEYS = new Set(["id_number", "phone"]);

/** `mentors[0].role` for the path below a record. */
export function fieldName(path: Path): string {
  let out = "";
  for (const p of path) out += typeof p === "number" ? `[${p}]` : out ? `.${p}` : p;
  return out;
}

function valueAt(root: unknown, path: Path): unknown {
  let cur = root;
  for (const p of path) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = Object.hasOwn(cur, p) ? (cur as Record<string | number, unknown>)[p] : undefined;
  }
  return cur;
}

function typeName(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "list";
  if (typeof v === "object") return "map";
  return typeof v;
}

function shown(path: Path, v: unknown): string {
  const last = path[path.length - 1];
  if (typeof last === "string" && PERSONAL_KEYS.has(last) && typeof v === "string") {
    return showPersonal(last as "id_number" | "phone", v);
  }
  return showValue(v);
}

/** Allowed keys of the object schema found by walking `path`, for "did you mean" hints. */
function keysAt(schema: z.ZodType, path: Path): string[] {
  let cur: unknown = schema;
  const step = (s: unknown): unknown => {
    const def = (s as { _zod?: { def?: Record<string, unknown> } })._zod?.def;
    if (!def) return undefined;
    if (def.type === "optional" || def.type === "nullable" || def.type === "default") return step(def.innerType);
    if (def.type === "pipe") return step(def.in);
    return s;
  };
  cur = step(cur);
  for (const p of path) {
    const def = (cur as { _zod: { def: Record<string, unknown> } } | undefined)?._zod.def;
    if (!def) return [];
    if (def.type === "object") cur = step((def.shape as Record<string, unknown>)[p as string]);
    else if (def.type === "array") cur = step(def.element);
    else if (def.type === "record") cur = step(def.valueType);
    else return [];
  }
  const def = (cur as { _zod: { def: Record<string, unknown> } } | undefined)?._zod.def;
  return def?.type === "object" ? Object.keys(def.shape as object) : [];
}

/** The closest allowed key, within half its length in edits, for "did you mean" hints. */
export function closest(word: string, options: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDist = Math.max(2, Math.ceil(word.length / 2)) + 1;
  for (const o of options) {
    const d = editDistance(word.toLowerCase(), o.toLowerCase());
    if (d < bestDist) {
      best = o;
      bestDist = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}

export interface IssueContext {
  /** The data that was validated, to quote offending values. */
  readonly input: unknown;
  /** Prefix of the validated value inside its file (e.g. ["reserves", 3]). */
  readonly base: Path;
  readonly file: string;
  readonly schema: z.ZodType;
  readonly village?: string;
  readonly town?: string;
  readonly person?: string;
}

/** Turns zod issues into located diagnostics with the project's codes. */
export function issuesToDiagnostics(issues: readonly z.core.$ZodIssue[], ctx: IssueContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  const where = (path: Path) => ({
    location: { file: ctx.file, path: [...ctx.base, ...path] },
    village: ctx.village,
    town: ctx.town,
    person: ctx.person,
  });
  for (const issue of issues) {
    const path = issue.path as Path;
    const value = valueAt(ctx.input, path);
    const field = fieldName(path);
    if (value === undefined && (issue.code === "invalid_type" || issue.code === "invalid_value")) {
      out.push(diagnostic("missing-field", { field }, where(path.slice(0, -1))));
      continue;
    }
    const params = (issue as { params?: Record<string, string | number> }).params;
    switch (issue.code) {
      case "unrecognized_keys":
        for (const key of issue.keys) {
          const suggestion = closest(key, keysAt(ctx.schema, path));
          out.push(
            diagnostic(
              "unknown-key",
              { key: showValue(key), field: fieldName([...path, key]), suggestion: suggestion ?? "" },
              where([...path, key]),
            ),
          );
        }
        break;
      case "invalid_type":
        if (value === undefined) {
          out.push(diagnostic("missing-field", { field }, where(path.slice(0, -1))));
        } else {
          out.push(
            diagnostic(
              "wrong-type",
              { field, expected: issue.expected, found: typeName(value), value: shown(path, value) },
              where(path),
            ),
          );
        }
        break;
      case "invalid_value": {
        const vocab = vocabularyOf(issue.values);
        const official = typeof value === "string" ? vocab?.resolve(value) : undefined;
        out.push(
          diagnostic(
            "bad-term",
            {
              field,
              value: shown(path, value),
              allowed: issue.values.map(String).join("、"),
              official: official ?? "",
            },
            where(path),
          ),
        );
        break;
      }
      default: {
        const tagged = untag(issue.message);
        const code = (tagged?.code ?? params?.code) as DiagnosticCode | undefined;
        const known = code !== undefined && Object.hasOwn(CODE_SEVERITY, code) ? code : "bad-value";
        const extra = Object.fromEntries(Object.entries(tagged?.args ?? params ?? {}).filter(([k]) => k !== "code"));
        out.push(diagnostic(known, { ...extra, field, value: shown(path, value) }, where(path)));
      }
    }
  }
  // A misspelt key shows up twice: as unknown, and the field it should have been as missing.
  // The unknown key's "did you mean" says it all, so the missing field is not repeated.
  const misspelt = new Set(
    out
      .filter((d) => d.code === "unknown-key" && d.args.suggestion)
      .map((d) => `${JSON.stringify(d.location?.path?.slice(0, -1))}|${d.args.suggestion}`),
  );
  return out.filter(
    (d) =>
      d.code !== "missing-field" ||
      !misspelt.has(`${JSON.stringify(d.location?.path)}|${String(d.args.field).split(/[.[]/).pop()}`),
  );
}
