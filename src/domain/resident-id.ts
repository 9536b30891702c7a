import { isValidYmd, ymd, type IsoDate } from "./dates.js";
import type { Gender } from "./terms.js";

/**
 * 公民身份号码 (GB 11643-1999): 6-digit address code, 8-digit birth date, 3-digit sequence
 * (odd for men, even for women) and an ISO 7064 MOD 11-2 check character.
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = "10X98765432";

/**
 * The first two digits name the province-level division that issued the number (GB/T 2260).
 * 71 (Taiwan), 81 (Hong Kong) and 82 (Macao) appear on residence permits, which use the same scheme.
 */
const PROVINCE_CODES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63,
  64, 65, 71, 81, 82,
]);

/** The check character for the first 17 digits. */
export function checkCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

export type IdProblem =
  | { kind: "length"; length: number }
  | { kind: "characters"; position: number }
  | { kind: "scientific" }
  | { kind: "legacy15"; upgraded: string | undefined }
  | { kind: "province"; prefix: string }
  | { kind: "birth-date"; text: string }
  | { kind: "birth-future"; birth: IsoDate }
  | { kind: "birth-too-early"; birth: IsoDate }
  | { kind: "check"; expected: string; found: string };

export interface IdFacts {
  birth: IsoDate;
  gender: Gender;
  /** The address code where the number was issued (need not be in the district). */
  region: string;
}

/** Reads birth date and gender from a structurally valid 18-character number. */
export function idFacts(id: string): IdFacts {
  return {
    region: id.slice(0, 6),
    birth: ymd(Number(id.slice(6, 10)), Number(id.slice(10, 12)), Number(id.slice(12, 14))),
    gender: (id.charCodeAt(16) - 48) % 2 === 1 ? "男" : "女",
  };
}

/**
 * Checks a normalised ID number (ASCII, upper-case X). `today` bounds the birth date. Returns the
 * first structural problem, or the facts when the number is valid.
 */
export function checkResidentId(
  id: string,
  today: IsoDate,
): { ok: true; facts: IdFacts } | { ok: false; problem: IdProblem } {
  if (/^\d(\.\d+)?E\+\d+$/i.test(id)) return { ok: false, problem: { kind: "scientific" } };
  if (id.length === 15 && /^\d{15}$/.test(id)) {
    return { ok: false, problem: { kind: "legacy15", upgraded: upgradeLegacyId(id) } };
  }
  if (id.length !== 18) return { ok: false, problem: { kind: "length", length: [...id].length } };
  for (let i = 0; i < 18; i++) {
    const c = id.charCodeAt(i);
    const digit = c >= 48 && c <= 57;
    if (!(digit || (i === 17 && id[i] === "X"))) {
      return { ok: false, problem: { kind: "characters", position: i + 1 } };
    }
  }
  const prefix = id.slice(0, 2);
  if (!PROVINCE_CODES.has(Number(prefix))) return { ok: false, problem: { kind: "province", prefix } };
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  if (!isValidYmd(y, m, d)) return { ok: false, problem: { kind: "birth-date", text: id.slice(6, 14) } };
  const birth = ymd(y, m, d);
  if (birth > today) return { ok: false, problem: { kind: "birth-future", birth } };
  // GB 11643's own example is born in 1880; earlier than 1850 can only be a typing error.
  if (y < 1850) return { ok: false, problem: { kind: "birth-too-early", birth } };
  const expected = checkCharacter(id.slice(0, 17));
  if (expected !== id[17]) return { ok: false, problem: { kind: "check", expected, found: id[17]! } };
  return { ok: true, facts: idFacts(id) };
}

/**
 * A 15-digit number (issued before 1999) becomes 18 digits by inserting the century "19" and
 * appending the check character. Returns undefined when the embedded date is impossible.
 */
export function upgradeLegacyId(id15: string): string | undefined {
  const body = `${id15.slice(0, 6)}19${id15.slice(6)}`;
  if (!isValidYmd(Number(body.slice(6, 10)), Number(body.slice(10, 12)), Number(body.slice(12, 14)))) {
    return undefined;
  }
  return body + checkCharacter(body);
}
