import * as path from "node:path";
import { isIsoDate, type IsoDate } from "../domain/dates.js";
import { ReserveError } from "../diagnostics/fatal.js";
import type { Lang } from "../messages/lang.js";
import { ui } from "../messages/ui.js";

/** Parsing of option values shared by commands; bad values are usage errors (exit 2). */

export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

export function parseDate(value: string | undefined, lang: Lang): IsoDate | undefined {
  if (value === undefined) return undefined;
  if (!isIsoDate(value)) throw new ReserveError("usage", { detail: ui(lang).usage.badDate(value), option: "--date" });
  return value;
}

export function parseYear(value: string | undefined, lang: Lang): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{4}$/.test(value))
    throw new ReserveError("usage", { detail: ui(lang).usage.badYear(value), option: "--year" });
  return Number(value);
}

export function parseFormat(value: string | undefined, lang: Lang): "text" | "json" {
  const v = value ?? "text";
  if (v !== "text" && v !== "json")
    throw new ReserveError("usage", { detail: ui(lang).usage.badFormat(v), option: "--format" });
  return v;
}

export function parseSeconds(value: string | undefined, lang: Lang, option = "--wait"): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0)
    throw new ReserveError("usage", { detail: ui(lang).usage.badNumber(value), option });
  return n * 1000;
}

/**
 * --data given once or more (report and audit read several libraries at once): each resolved, in
 * the order given; none is dataRoot's default.
 */
export function dataRoots(flag: string | readonly string[] | undefined, env: NodeJS.ProcessEnv, cwd: string): string[] {
  const given = typeof flag === "string" ? [flag] : (flag ?? []);
  return given.length === 0 ? [dataRoot(undefined, env, cwd)] : given.map((f) => dataRoot(f, env, cwd));
}

/** --data, then RESERVE_DATA, then ./data. */
export function dataRoot(flag: string | undefined, env: NodeJS.ProcessEnv, cwd: string): string {
  return path.resolve(cwd, flag ?? env.RESERVE_DATA ?? "data");
}

/** How long to wait for another writer: --wait SECONDS, then RESERVE_LOCK_WAIT, then 10 s. */
export function lockWaitMs(flag: string | undefined, env: NodeJS.ProcessEnv, lang: Lang): number {
  if (flag !== undefined) return parseSeconds(flag, lang) ?? 10_000;
  return parseSeconds(env.RESERVE_LOCK_WAIT, lang, "RESERVE_LOCK_WAIT") ?? 10_000;
}
