import { isValidYmd } from "../domain/dates.js";
import type { Reserve } from "../domain/model.js";
import {
  CRITERIA,
  DECISIONS,
  ETHNICITY,
  GENDER,
  GRADE_CODES,
  INTAKE,
  MENTOR_MODE,
  MENTOR_ROLE,
  PARTY_STAGE,
  RATING_CODES,
  SCREENING_RESULT,
  STATUS,
} from "../domain/terms.js";
import type { Vocabularies } from "../domain/vocabulary-set.js";

/**
 * The record schema (village.ts) as a plain predicate, for reading a library written by the tool
 * without loading zod: true only for a record the schema accepts and gives back unchanged — keys
 * in the schema's order, every value of its type — so that the record itself is what zod would
 * have returned. Anything else (a wrong value, an unknown key, keys in another order) is false,
 * and the caller asks the schema itself, which says what is wrong. It never accepts more than the
 * schema: tests/schema/record-fast.test.ts checks it against the schema on generated and mutated
 * records, and that it knows the same keys in the same order.
 */

type Check = (v: unknown) => boolean;
/** A key of a strict object, its check, and whether it may be left out. */
type Field = readonly [key: string, check: Check, optional: boolean];

const string: Check = (v) => typeof v === "string";
/** dates.ts isIsoDate, on the characters: YYYY-MM-DD, a day of the calendar. */
const date: Check = (v) => {
  if (typeof v !== "string" || v.length !== 10 || v.charCodeAt(4) !== 45 || v.charCodeAt(7) !== 45) return false;
  let n = 0;
  for (let i = 0; i < 10; i++) {
    if (i === 4 || i === 7) continue;
    const d = v.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    n = n * 10 + d;
  }
  return isValidYmd(Math.floor(n / 10000), Math.floor(n / 100) % 100, n % 100);
};
const PERSON_ID = /^\d{12}-\d{2,}$/;
const personId: Check = (v) => typeof v === "string" && PERSON_ID.test(v);
const YEAR = /^\d{4}$/;

/** common.ts text(): not empty, at most `max` characters (a character outside the BMP is one). */
function text(max: number): Check {
  return (v) => typeof v === "string" && v.length >= 1 && (v.length <= max || [...v].length <= max);
}

function oneOf(values: readonly string[]): Check {
  const set = new Set(values);
  return (v) => typeof v === "string" && set.has(v);
}

function number(min: number, max: number, integer = false): Check {
  return (v) =>
    typeof v === "number" && (integer ? Number.isSafeInteger(v) : Number.isFinite(v)) && v >= min && v <= max;
}

function list(item: Check): Check {
  return (v) => {
    if (!Array.isArray(v)) return false;
    for (const x of v) if (!item(x)) return false;
    return true;
  };
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;
}

/** z.strictObject: no other keys, the required ones there, and (for the record to stand as is) in order. */
function strict(fields: readonly Field[]): Check & { readonly fields: readonly Field[] } {
  const n = fields.length;
  const check = (v: unknown) => {
    if (!isPlainObject(v)) return false;
    let p = 0;
    for (const key in v) {
      while (p < n && fields[p]![0] !== key) {
        if (!fields[p]![2]) return false;
        p++;
      }
      if (p === n || !fields[p]![1](v[key])) return false;
      p++;
    }
    for (; p < n; p++) if (!fields[p]![2]) return false;
    return true;
  };
  return Object.assign(check, { fields });
}

function record(key: RegExp, value: Check): Check {
  return (v) => {
    if (!isPlainObject(v)) return false;
    for (const k in v) if (!key.test(k) || !value(v[k])) return false;
    return true;
  };
}

const count = number(0, Number.MAX_SAFE_INTEGER, true);

const mentorship = strict([
  ["name", text(40), false],
  ["role", oneOf(MENTOR_ROLE.values), false],
  ["posts", list(text(40)), true],
  ["mode", oneOf(MENTOR_MODE.values), false],
  ["from", date, false],
  ["to", date, true],
]);

const evaluation = strict([
  ["date", date, true],
  ["ratings", strict(CRITERIA.map((c): Field => [c, oneOf(RATING_CODES), true])), false],
  ["votes", strict(GRADE_CODES.map((g): Field => [g, count, false])), true],
  ["raters", count, true],
  ["training_rate", number(0, 1), true],
  ["score", number(0, 100), true],
  ["grade", oneOf(GRADE_CODES), true],
  ["decision", oneOf(DECISIONS), true],
  ["reasons", list(text(40)), true],
  ["note", text(500), true],
]);

function makeReserveCheck(v: Vocabularies) {
  const term = (name: Parameters<Vocabularies["get"]>[0]) => oneOf(v.get(name).values);
  return strict([
    ["id", personId, false],
    ["name", text(50), false],
    ["gender", oneOf(GENDER.values), false],
    ["ethnicity", oneOf(ETHNICITY.values), false],
    ["id_number", string, false],
    ["phone", string, true],
    ["education", term("education"), false],
    ["political_status", term("political_status"), false],
    ["source", term("source"), false],
    ["intake", oneOf(INTAKE.values), false],
    [
      "selection",
      strict([
        ["survey", date, true],
        ["township", date, true],
        ["county", date, true],
      ]),
      false,
    ],
    ["entry_date", date, true],
    ["target_post", term("target_post"), true],
    ["specialties", list(text(40)), true],
    ["mentors", list(mentorship), true],
    [
      "posts",
      list(
        strict([
          ["post", term("practice_post"), false],
          ["from", date, false],
          ["to", date, true],
        ]),
      ),
      true,
    ],
    [
      "meetings",
      list(
        strict([
          ["date", date, false],
          ["title", text(100), false],
        ]),
      ),
      true,
    ],
    [
      "party",
      list(
        strict([
          ["stage", oneOf(PARTY_STAGE.values), false],
          ["date", date, false],
        ]),
      ),
      true,
    ],
    [
      "screening",
      list(
        strict([
          ["department", text(40), false],
          ["date", date, false],
          ["result", oneOf(SCREENING_RESULT.values), false],
          ["item", text(200), true],
        ]),
      ),
      true,
    ],
    ["trainings", list((x) => typeof x === "string" && x.length >= 1), true],
    ["status", oneOf(STATUS.values), false],
    [
      "status_changes",
      list(
        strict([
          ["status", oneOf(STATUS.values), false],
          ["date", date, true],
          ["reason", text(200), true],
        ]),
      ),
      true,
    ],
    ["evaluations", record(YEAR, evaluation), true],
    ["note", text(500), true],
  ]);
}

const checks = new Map<string, ReturnType<typeof makeReserveCheck>>();

/** The check for the records of a library with these vocabularies (made once per set). */
export function reserveCheckFor(v: Vocabularies): ReturnType<typeof makeReserveCheck> {
  let c = checks.get(v.fingerprint);
  if (!c) checks.set(v.fingerprint, (c = makeReserveCheck(v)));
  return c;
}

/** Whether the record schema of `v` accepts `raw` and gives it back as it is. */
export function isReserveAsWritten(raw: unknown, v: Vocabularies): raw is Reserve {
  return reserveCheckFor(v)(raw);
}

const VILLAGE_CODE = /^\d{12}$/;

/** villageFileSchema, for a file whose keys are in the writer's order (village, reserves). */
export function isVillageFileAsWritten(raw: unknown): raw is { village: string; reserves: unknown[] } {
  if (!isPlainObject(raw)) return false;
  const keys = Object.keys(raw);
  return (
    keys.length === 2 &&
    keys[0] === "village" &&
    keys[1] === "reserves" &&
    typeof raw.village === "string" &&
    VILLAGE_CODE.test(raw.village) &&
    Array.isArray(raw.reserves)
  );
}
