import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { brotliDecompressSync } from "node:zlib";
import {
  countyFromTable,
  findCounty,
  parseCounties,
  type CountyEntry,
  type CountyLookup,
  type OfficialCounty,
} from "../domain/divisions.js";

declare const __RESERVE_BUILD__: string | undefined;

/**
 * The official division table shipped in divisions/ (docs/register.md): a list of counties, and
 * per province one brotli-compressed file, read only when a county of that province is asked for.
 * In the bundle the folder is dist/divisions (scripts/bundle.mjs copies it), beside code in dist/
 * or dist/chunks/; from the sources it is the repository's divisions/.
 */
function tableDir(): URL {
  const here = import.meta.url;
  if (typeof __RESERVE_BUILD__ === "string") {
    return new URL(here.includes("/chunks/") ? "../divisions/" : "./divisions/", here);
  }
  return new URL("../../divisions/", here);
}

export const DIVISION_EDITION = "2023";

let counties: CountyEntry[] | undefined;

export function officialCounties(): readonly CountyEntry[] {
  counties ??= parseCounties(readFileSync(new URL("counties.tsv", tableDir()), "utf8"));
  return counties;
}

export function lookupCounty(input: string): CountyLookup {
  return findCounty(officialCounties(), input);
}

const provinces = new Map<string, string>();

/** The province's table as text (decompressed once per process). */
function provinceText(province: string): string | undefined {
  let text = provinces.get(province);
  if (text === undefined) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(new URL(`${province}.tsv.br`, tableDir()));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw err;
    }
    text = brotliDecompressSync(bytes).toString("utf8");
    provinces.set(province, text);
  }
  return text;
}

const countyCache = new Map<string, OfficialCounty | undefined>();

/** The official register of a county by its 6-digit code; undefined when the table has none. */
export function officialCounty(code: string): OfficialCounty | undefined {
  if (countyCache.has(code)) return countyCache.get(code);
  const text = /^\d{6}$/.test(code) ? provinceText(code.slice(0, 2)) : undefined;
  const county = text === undefined ? undefined : countyFromTable(text, code, DIVISION_EDITION);
  countyCache.set(code, county);
  return county;
}

/** Where the table is, for messages and tests. */
export function divisionTablePath(): string {
  return fileURLToPath(tableDir());
}
