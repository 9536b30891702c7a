import type { TrainingSession } from "../domain/model.js";
import { ETHNICITY, POLITICAL_STATUS, TRAINING_LEVEL } from "../domain/terms.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { Categories, Figures, MonthAttendance, ReportModel, TownRow } from "./model.js";
import { fileNamePart } from "./plan.js";

/**
 * The level above the districts — a city (市) or a province (省) — as one report model whose units
 * are the districts: each district's own report model (reports/build.ts, the same numbers as its
 * own report) becomes one row, and the total is the sum of the districts. The district summary's
 * renderers then write the roll-up's summary with each district side by side and the total
 * (reports/rollup-summary.ts), so the figures mean what they mean in a district's report.
 */

export type RollupLevel = "city" | "province" | "districts";

export interface RollupDistrict {
  /** The library as the user named it (`--data`). */
  readonly root: string;
  /** How the district is named in the roll-up (its name, with its folder when two share one). */
  readonly label: string;
  /** The library's working year (district.yaml), which may differ from the roll-up's. */
  readonly workingYear: number;
  readonly model: ReportModel;
  /** Each village's file digest, for the files' keys (reports/plan.ts ReportKeys). */
  readonly sources?: ReadonlyMap<string, string>;
}

export interface RollupModel {
  readonly level: RollupLevel;
  /** 中卫市, 宁夏回族自治区, or the districts' names when they share neither. */
  readonly name: string;
  /** The city's or province's code from the districts' codes (6405 → 640500), when they share it. */
  readonly code: string | undefined;
  readonly year: number;
  readonly date: string;
  readonly districts: readonly RollupDistrict[];
  /** The districts as the towns of one report model, the total their sum. */
  readonly model: ReportModel;
  /** Findings across the libraries (reports/rollup-checks.ts), located. */
  readonly findings: readonly Diagnostic[];
}

/** The sum of several units' figures: every count is added, key by key (a key one lacks counts 0). */
export function sumFigures(list: readonly Figures[]): Figures {
  const add = (a: unknown, b: unknown): unknown => {
    if (typeof a === "number" || typeof b === "number") return (Number(a ?? 0) || 0) + (Number(b ?? 0) || 0);
    const x = (a ?? {}) as Record<string, unknown>;
    const y = (b ?? {}) as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const k of [...Object.keys(x), ...Object.keys(y).filter((k) => !(k in x))]) out[k] = add(x[k], y[k]);
    return out;
  };
  return list.reduce<unknown>((acc, f) => add(acc, f), undefined) as Figures;
}

/** The categories of several models: each list in its own order, later models' new keys after. */
function unionCategories(
  models: readonly ReportModel[],
  byVocabulary: Partial<Record<keyof Categories, readonly string[]>>,
): Categories {
  const first = models[0]!.categories;
  const out: Record<string, readonly string[]> = {};
  for (const dim of Object.keys(first) as (keyof Categories)[]) {
    const seen = new Set<string>();
    for (const m of models) for (const k of m.categories[dim]) seen.add(k);
    const order = byVocabulary[dim];
    out[dim] = order ? order.filter((k) => seen.has(k)) : [...seen];
  }
  return out as unknown as Categories;
}

function commonPrefix(codes: readonly string[], digits: number): string | undefined {
  const p = codes[0]?.slice(0, digits);
  return p !== undefined && codes.every((c) => c.startsWith(p)) ? p : undefined;
}

/** The level the districts make together: their common city, else their common province. */
export function rollupLevel(districts: readonly ReportModel["district"][]): {
  level: RollupLevel;
  name: string;
  code: string | undefined;
} {
  const codes = districts.map((d) => d.code);
  const same = (get: (d: ReportModel["district"]) => string | undefined) => {
    const v = get(districts[0]!);
    return v && districts.every((d) => get(d) === v) ? v : undefined;
  };
  const city = same((d) => d.city);
  if (city) {
    const p = commonPrefix(codes, 4);
    return { level: "city", name: city, code: p && `${p}00` };
  }
  const province = same((d) => d.province);
  if (province) {
    const p = commonPrefix(codes, 2);
    return { level: "province", name: province, code: p && `${p}0000` };
  }
  return { level: "districts", name: [...new Set(districts.map((d) => d.name))].join("、"), code: undefined };
}

/**
 * The roll-up's report model. Towns are the districts (code and name of each district, figures its
 * total); villages are every district's villages, named with their district and town; the lists of
 * people adjusted out and of villages to replenish are every district's, likewise named. The
 * policy and election shown are the first district's (library-policy-differs says when others
 * differ); each village's quota status is its own district's.
 */
export function rollupReportModel(
  districts: readonly RollupDistrict[],
  level: { name: string; code: string | undefined },
): ReportModel {
  const models = districts.map((d) => d.model);
  const first = models[0]!;
  const categories = unionCategories(models, { ethnicity: ETHNICITY.values, political: POLITICAL_STATUS.values });
  const towns: TownRow[] = districts.map((d) => ({
    code: d.model.district.code,
    name: d.label,
    status: "正常",
    figures: d.model.total,
  }));
  const inDistrict = <T extends { townName: string }>(d: RollupDistrict, rows: readonly T[]): T[] =>
    rows.map((r) => ({ ...r, townName: `${d.label}${r.townName}` }));
  const sessions: TrainingSession[] = models.flatMap((m) => m.sessions);
  const sessionsByLevel: Record<string, number> = {};
  for (const l of TRAINING_LEVEL.values)
    sessionsByLevel[l] = models.reduce((n, m) => n + (m.sessionsByLevel[l] ?? 0), 0);
  const attendanceByMonth: MonthAttendance[] = first.attendanceByMonth.map((mo, i) => ({
    month: mo.month,
    sessions: models.reduce((n, m) => n + (m.attendanceByMonth[i]?.sessions ?? 0), 0),
    expected: models.reduce((n, m) => n + (m.attendanceByMonth[i]?.expected ?? 0), 0),
    attended: models.reduce((n, m) => n + (m.attendanceByMonth[i]?.attended ?? 0), 0),
  }));
  return {
    year: first.year,
    date: first.date,
    district: { code: level.code ?? "", name: level.name },
    scope: undefined,
    reveal: models.some((m) => m.reveal),
    policy: first.policy,
    election: first.election,
    categories,
    sessions,
    sessionsByLevel,
    sessionHours: models.reduce((n, m) => n + m.sessionHours, 0),
    attendanceByMonth,
    total: sumFigures(models.map((m) => m.total)),
    towns,
    villages: districts.flatMap((d) => inDistrict(d, d.model.villages)),
    adjusted: districts.flatMap((d) => inDistrict(d, d.model.adjusted)),
    replenishment: districts.flatMap((d) => inDistrict(d, d.model.replenishment)),
    people: [],
    persons: 0,
    pyramid: {},
    sheet: [],
    sessionIndex: new Map(),
  };
}

/** The folder of each district's own report inside the roll-up: `districts/<code>-<name>`. */
export function districtDirs(r: Pick<RollupModel, "districts">): string[] {
  const used = new Map<string, number>();
  return r.districts.map((d) => {
    const base = `${d.model.district.code}-${fileNamePart(d.model.district.name)}`;
    const n = (used.get(base) ?? 0) + 1;
    used.set(base, n);
    return `districts/${n === 1 ? base : `${base}-${n}`}`;
  });
}
