import type * as z from "zod";

/** Plain data ready for the canonical YAML writer. */
export type Plain = string | number | boolean | null | undefined | Plain[] | { [key: string]: Plain };

type Def = Record<string, unknown> & { type: string };

function defOf(schema: unknown): Def | undefined {
  return (schema as { _zod?: { def?: Def } } | undefined)?._zod?.def;
}

function unwrap(schema: unknown): unknown {
  let s = schema;
  for (;;) {
    const def = defOf(s);
    if (!def) return s;
    if (def.type === "optional" || def.type === "nullable" || def.type === "default" || def.type === "readonly") {
      s = def.innerType;
    } else if (def.type === "pipe") s = def.in;
    else return s;
  }
}

/**
 * Orders a validated value for writing: object keys in the schema's declaration order, record
 * keys sorted, undefined dropped. The schema is the single source of the file layout.
 */
export function canonicalize(value: unknown, schema: z.ZodType): Plain {
  return walk(value, unwrap(schema));
}

function walk(value: unknown, schema: unknown): Plain {
  if (value === undefined || value === null || typeof value !== "object") return value as Plain;
  const def = defOf(schema);
  if (Array.isArray(value)) {
    const element = def?.type === "array" ? unwrap(def.element) : undefined;
    return value.map((v) => walk(v, element));
  }
  const obj = value as Record<string, unknown>;
  const out: { [key: string]: Plain } = {};
  if (def?.type === "object") {
    const shape = def.shape as Record<string, unknown>;
    for (const key of Object.keys(shape)) {
      if (obj[key] !== undefined) out[key] = walk(obj[key], unwrap(shape[key]));
    }
    return out;
  }
  const valueSchema = def?.type === "record" ? unwrap(def.valueType) : undefined;
  for (const key of Object.keys(obj).sort()) {
    if (obj[key] !== undefined) out[key] = walk(obj[key], valueSchema);
  }
  return out;
}
