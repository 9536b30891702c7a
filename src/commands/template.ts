import type { IsoDate } from "../domain/dates.js";
import { RECORD_CATALOGUES, recordKind, type RecordKind } from "../domain/cultivation-columns.js";
import type { District, Village } from "../domain/model.js";
import { aliasKey } from "../domain/vocabulary.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { openLibrary } from "../io/library-session.js";
import { sessionFor, type Notice } from "../io/read-session.js";
import { ROSTER_TEMPLATE, type TemplateSpec } from "../io/roster-template.js";
import { villageScope } from "./scope.js";

/**
 * `reserve template [KIND]`: the roster template, or the sheet one kind of `reserve record` reads
 * (the same kinds and names as `reserve record KIND`). One workbook per kind, as each record file
 * is one kind. Made from a library (--data, --town), its place columns offer the library's towns
 * and villages.
 */

export type TemplateKind = "roster" | RecordKind;

const ROSTER_NAMES = ["roster", "rosters", "名册", "花名册", "后备干部名册"];

export function templateKind(input: string | undefined): TemplateKind | undefined {
  if (input === undefined) return "roster";
  if (ROSTER_NAMES.some((n) => aliasKey(n) === aliasKey(input))) return "roster";
  return recordKind(input);
}

/** The sheet of each kind: its columns, and the headers a filled-in sheet carries for its signers. */
function baseSpec(kind: TemplateKind): TemplateSpec {
  if (kind === "roster") return ROSTER_TEMPLATE;
  const c = RECORD_CATALOGUES[kind];
  return { columns: c.columns, oneOf: c.oneOf, ...(kind === "training" && { trailing: ["签名"] }) };
}

/** The villages a template offers: those that keep reserves (村, 正常), in code order. */
function villagesOf(district: District, inScope: (v: Village) => boolean): Village[] {
  return district.villages
    .filter((v) => v.kind === "村" && v.status === "正常" && inScope(v))
    .sort((a, b) => (a.code < b.code ? -1 : 1));
}

/** The kind's template with the places (and screening departments) of `district`. */
export function templateSpec(kind: TemplateKind, district?: District, towns: readonly string[] = []): TemplateSpec {
  const base = baseSpec(kind);
  if (!district) return base;
  const scope = villageScope(district, [], towns);
  const villages = villagesOf(district, scope.inScope);
  const townCodes = new Set(villages.map((v) => v.town));
  const townList = district.towns.filter((t) => t.status === "正常" && (towns.length === 0 || townCodes.has(t.code)));
  const townName = new Map(district.towns.map((t) => [t.code, t.name]));
  // A village name that several towns have is written town/village, as commands accept it.
  const named = new Map<string, number>();
  for (const v of district.villages) named.set(v.name, (named.get(v.name) ?? 0) + 1);
  const placeName = (v: Village) => ((named.get(v.name) ?? 0) > 1 ? `${townName.get(v.town) ?? ""}/${v.name}` : v.name);
  const lists: Record<string, readonly string[]> =
    kind === "roster"
      ? {
          town: townList.map((t) => t.name),
          village: [...new Set(villages.map((v) => v.name))],
          village_code: villages.map((v) => v.code),
        }
      : kind === "training"
        ? { unit: [...townList.map((t) => t.name), ...villages.map(placeName)] }
        : kind === "screening"
          ? { department: district.policy.screening.departments }
          : {};
  return {
    ...base,
    lists,
    villages: villages.map((v) => [townName.get(v.town) ?? v.town, v.name, v.code] as const),
  };
}

export interface TemplateLibraryOptions {
  readonly root: string;
  readonly cwd: string;
  readonly today: IsoDate;
  readonly waitMs?: number;
  readonly onNotice?: (n: Notice) => void;
}

/**
 * The register a template is made from. Only district.yaml matters: problems elsewhere in the
 * library do not stop a template; a register that cannot be read does (its problems returned).
 */
export function templateDistrict(
  options: TemplateLibraryOptions,
): { district: District } | { diagnostics: readonly Diagnostic[] } {
  const loaded = openLibrary(options.root, sessionFor("template", options));
  if (loaded.library) return { district: loaded.library.district };
  return { diagnostics: loaded.diagnostics };
}
