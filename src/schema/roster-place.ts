import { successorOf, type RegisterIndex } from "../domain/library.js";
import type { District, Village } from "../domain/model.js";
import { findTown } from "../domain/places.js";
import type { DiagnosticCode } from "../diagnostics/codes.js";
import type { DiagnosticArgs } from "../diagnostics/diagnostic.js";
import { showValue } from "../diagnostics/display.js";

/**
 * The village a roster row belongs to, from its 村代码, or its 村 name (with 乡镇 when the name is
 * not unique), checked against the district register. A merged village names the village it went
 * into; a code and a name that disagree are an error rather than a guess.
 */

export type PlaceResult =
  | { readonly ok: true; readonly village: Village }
  | {
      readonly ok: false;
      readonly code: DiagnosticCode;
      readonly args: DiagnosticArgs;
      /** The cells the problem is shown at: the row's place (its 村代码, else its 村), its 村, its 乡镇. */
      readonly at: readonly PlaceCell[];
    };

export type PlaceCell = "place" | "name" | "town";

export interface PlaceInput {
  readonly code?: string;
  readonly name?: string;
  readonly town?: string;
}

const bareVillage = (s: string) => s.replace(/(村民委员会|村委会|村)$/, "");

function label(register: RegisterIndex, v: Village): string {
  return `${register.towns.get(v.town)?.name ?? ""}${v.name}`;
}

function active(register: RegisterIndex, v: Village): PlaceResult {
  if (v.status === "正常") return { ok: true, village: v };
  if (v.status === "已合并") {
    const into = successorOf(register, v.code) ?? v.replaced_by ?? "";
    const target = register.villages.get(into);
    return {
      ok: false,
      code: "village-merged",
      args: {
        name: label(register, v),
        code: v.code,
        into,
        intoName: target ? label(register, target) : into,
        changed: v.changed ?? "",
      },
      at: ["place"],
    };
  }
  return {
    ok: false,
    code: "village-abolished",
    args: { name: label(register, v), code: v.code, changed: v.changed ?? "" },
    at: ["place"],
  };
}

/**
 * A 村代码 and a 村 that name different villages. Which cell is wrong is judged from the register:
 * a name that is a village of the district (in the row's town, when it names one) points at the
 * code, a name the register does not have points at the name; the finding is shown at the cell
 * that is likely wrong, or at both when the register cannot tell.
 */
function mismatch(
  district: District,
  register: RegisterIndex,
  v: Village,
  written: string,
  town: string | undefined,
): PlaceResult {
  const pool = town !== undefined ? (register.villagesByTown.get(town) ?? []) : district.villages;
  const named = pool.filter((x) => bareVillage(x.name) === bareVillage(written));
  const likely = named.length === 1 ? "code" : named.length === 0 ? "name" : "both";
  return {
    ok: false,
    code: "village-mismatch",
    args: {
      code: v.code,
      registered: label(register, v),
      written: showValue(written),
      likely,
      namedCode: named.length === 1 ? named[0]!.code : "",
    },
    at: likely === "code" ? ["place"] : likely === "name" ? ["name"] : ["place", "name"],
  };
}

// A roster names the same few towns on every row: each is looked up once per district.
const townLookups = new WeakMap<District, Map<string, ReturnType<typeof findTown>>>();

function townOf(district: District, input: string): ReturnType<typeof findTown> {
  let known = townLookups.get(district);
  if (!known) townLookups.set(district, (known = new Map<string, ReturnType<typeof findTown>>()));
  let found = known.get(input);
  if (!found) {
    found = findTown(district, input);
    known.set(input, found);
  }
  return found;
}

export function resolvePlace(district: District, register: RegisterIndex, input: PlaceInput): PlaceResult {
  let town: string | undefined;
  if (input.town !== undefined) {
    const found = townOf(district, input.town);
    if (!found.ok) return { ok: false, code: "town-unknown", args: { town: showValue(input.town) }, at: ["town"] };
    town = found.value.code;
  }
  if (input.code !== undefined) {
    const v = register.villages.get(input.code);
    if (!v) return { ok: false, code: "village-unknown", args: { code: input.code }, at: ["place"] };
    if (input.name !== undefined && bareVillage(input.name) !== bareVillage(v.name)) {
      return mismatch(district, register, v, input.name, town);
    }
    if (town !== undefined && v.town !== town) {
      return {
        ok: false,
        code: "town-mismatch",
        args: {
          town: showValue(input.town),
          village: `${v.name}（${v.code}）`,
          registeredTown: register.towns.get(v.town)?.name ?? v.town,
        },
        at: ["town"],
      };
    }
    return active(register, v);
  }
  if (input.name === undefined) return { ok: false, code: "empty-value", args: { field: "village" }, at: ["place"] };
  const name = input.name;
  const pool = town !== undefined ? (register.villagesByTown.get(town) ?? []) : district.villages;
  const matches = pool.filter((v) => v.name === name || bareVillage(v.name) === bareVillage(name));
  if (matches.length === 0) {
    return {
      ok: false,
      code: "village-not-found",
      args: { name: showValue(name), town: town !== undefined ? (register.towns.get(town)?.name ?? "") : "" },
      at: ["place"],
    };
  }
  if (matches.length > 1) {
    return {
      ok: false,
      code: "village-ambiguous",
      args: { name: showValue(name), matches: matches.map((v) => `${label(register, v)}（${v.code}）`).join("、") },
      at: ["place"],
    };
  }
  return active(register, matches[0]!);
}
