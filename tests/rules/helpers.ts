import { audit } from "../../src/commands/audit.js";
import type { IsoDate } from "../../src/domain/dates.js";
import type { District, Policy, Reserve } from "../../src/domain/model.js";
import { DEFAULT_POLICY } from "../../src/domain/policy-defaults.js";
import { makeLibrary, person, smallDistrict, type LibrarySpec } from "../helpers/library.js";

export const V1 = "640502100201"; // 滨河镇沙坡村
export const V2 = "640502100202"; // 滨河镇黄河村
export const V3 = "640502100203"; // 滨河镇新墩村, merged into 黄河村
export const V4 = "640502101201"; // 文昌镇红泉村
export const T1 = "640502100"; // 滨河镇
export const T2 = "640502101"; // 文昌镇

/** The audit date of the rule tests: the end of the fixtures' working year. */
export const DATE: IsoDate = "2021-12-31";

/**
 * A finding as rule tests compare it: code, where (`file#yaml.path`, e.g.
 * `villages/640502100201.yaml#reserves.0.mentors`), village, person.
 */
export type Found = [code: string, where: string, village: string | null, person: string | null];

/** Three people in each active village: the fixtures' clean library. */
export function cleanBooks(): Record<string, Reserve[]> {
  return Object.fromEntries([V1, V2, V4].map((v) => [v, [person(v, 1), person(v, 2), person(v, 3)]]));
}

/** The small district with some policy values changed. */
export function withPolicy(policy: Partial<Policy>, district: District = smallDistrict()): District {
  return { ...district, policy: { ...DEFAULT_POLICY, ...policy } };
}

export interface RunOptions {
  readonly date?: IsoDate;
  readonly year?: number;
  readonly villages?: readonly string[];
  readonly towns?: readonly string[];
  /** Changes files after they are written (for hand-edited content). */
  readonly edit?: (dir: string) => void;
}

/** Audits a library built from `spec` with the named rules (all when none) and flattens the findings. */
export function run(rules: readonly string[], spec: LibrarySpec, options: RunOptions = {}): Found[] {
  const dir = makeLibrary(spec);
  options.edit?.(dir);
  const result = audit({
    root: dir,
    cwd: dir,
    today: DATE,
    date: options.date ?? DATE,
    ...(options.year !== undefined && { year: options.year }),
    villages: options.villages ?? [],
    towns: options.towns ?? [],
    rules,
  });
  return result.findings.map((d) => [
    d.code,
    `${d.location?.file}#${(d.location?.path ?? []).join(".")}`,
    d.village ?? null,
    d.person ?? null,
  ]);
}

/** A finding's code and severity with the arguments its message is made from. */
export type FoundArgs = Readonly<Record<string, string | number | undefined>>;

/** The same, with the arguments each finding's message is made from. */
export function runArgs(rules: readonly string[], spec: LibrarySpec, options: RunOptions = {}): FoundArgs[] {
  const dir = makeLibrary(spec);
  options.edit?.(dir);
  return audit({
    root: dir,
    cwd: dir,
    today: DATE,
    date: options.date ?? DATE,
    ...(options.year !== undefined && { year: options.year }),
    rules,
  }).findings.map((d) => ({ ...d.args, code: d.code, severity: d.severity }));
}

/** `villages/<code>.yaml#reserves.<index>.<path…>`: a record (or a field of it) of a village book. */
export const rec = (village: string, index: number, ...path: (string | number)[]) =>
  [`villages/${village}.yaml#reserves`, index, ...path].join(".");

/** `villages/<code>.yaml#<path…>`: a key at the top of a village book. */
export const book = (village: string, ...path: string[]) => `villages/${village}.yaml#${path.join(".")}`;

/** Audits with every rule and returns the findings located by line and column. */
export function runLocated(spec: LibrarySpec, options: RunOptions & { rules?: readonly string[] } = {}) {
  const dir = makeLibrary(spec);
  options.edit?.(dir);
  return audit({
    root: dir,
    cwd: dir,
    today: DATE,
    date: options.date ?? DATE,
    rules: options.rules ?? [],
  }).findings.map((d) => [
    d.code,
    `${d.location?.file}:${d.location?.line}:${d.location?.column}`,
    d.village ?? null,
    d.person ?? null,
  ]);
}
