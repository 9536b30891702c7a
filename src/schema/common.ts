import * as z from "zod";
import { isIsoDate } from "../domain/dates.js";
import type { Vocabulary } from "../domain/vocabulary.js";

/**
 * Building blocks shared by the library's schemas. Custom checks attach `params.code` so that
 * zod-issues.ts can turn them into the project's stable diagnostic codes.
 */

const vocabularies = new Map<string, Vocabulary>();

const TAG = "reserve-diagnostic:";

/**
 * Zod 4's built-in checks (regex, min, max…) carry no custom params, only a message, so the
 * project's code and arguments travel in the message and are read back by zod-issues.ts.
 */
export function tag(code: string, args: Record<string, string | number> = {}): { error: string } {
  return { error: TAG + JSON.stringify({ code, args }) };
}

export function untag(message: string): { code: string; args: Record<string, string | number> } | undefined {
  if (!message.startsWith(TAG)) return undefined;
  try {
    return JSON.parse(message.slice(TAG.length)) as { code: string; args: Record<string, string | number> };
  } catch {
    return undefined;
  }
}

/** The vocabulary an enum schema was built from, for messages that suggest the right term. */
export function vocabularyOf(values: readonly unknown[]): Vocabulary | undefined {
  return vocabularies.get(JSON.stringify(values));
}

/** One of a vocabulary's official terms. Aliases are accepted on import, not in the library. */
export function term<T extends string>(vocab: Vocabulary<T>, description: string) {
  vocabularies.set(JSON.stringify(vocab.values), vocab);
  const aliases = [...vocab.aliases.entries()]
    .filter(([, a]) => a.length > 0)
    .map(([t, a]) => `${t}: ${a.join(", ")}`)
    .join("; ");
  return z
    .enum(vocab.values as unknown as [T, ...T[]])
    .meta({ description: aliases ? `${description} (导入时可用别名 aliases on import — ${aliases})` : description });
}

export const isoDate = (description: string) =>
  z
    .string()
    .refine(isIsoDate, { params: { code: "bad-date" } })
    .meta({ description: `${description}（YYYY-MM-DD）`, format: "date" });

export const text = (description: string, max = 200) =>
  z
    .string()
    .min(1, tag("empty-value"))
    // Counted in characters, as rosters and JSON Schema's maxLength count them: a rare character
    // outside the BMP is one, where zod's max() would count two.
    .refine((s) => s.length <= max || [...s].length <= max, tag("bad-value", { reason: "too-long", max }))
    .meta({ description, maxLength: max });

const codeOf = (digits: number, description: string) =>
  z
    .string()
    .regex(new RegExp(`^\\d{${digits}}$`), tag("bad-code", { digits }))
    .meta({ description: `${description}（${digits} 位数字）` });

export const districtCode = codeOf(6, "区县代码 county-level code");
export const townCode = codeOf(9, "乡镇代码 town code");
export const villageCode = codeOf(12, "村代码 village code");

export const count = (description: string) =>
  z.number().int(tag("bad-value")).min(0, tag("bad-value")).meta({ description });

export const share = (description: string) =>
  z.number().min(0, tag("bad-value")).max(1, tag("bad-value")).meta({ description });
