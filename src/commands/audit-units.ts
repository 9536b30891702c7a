import { createHash } from "node:crypto";
import type { IsoDate } from "../domain/dates.js";
import type { Library, LoadedBook } from "../domain/library.js";
import type { District, Reserve } from "../domain/model.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { officialCounty } from "../io/division-table.js";
import { duplicatePersonIds } from "../io/library-files.js";
import {
  locateCached,
  type BookReader,
  type BookState,
  type KeptFile,
  type KeptGroup,
  type LibraryFrame,
} from "../io/load-cached.js";
import { KEY_WORDS, keyNumber } from "../io/record-keys.js";
import { duplicatesRule } from "../rules/duplicates.js";
import { RULES } from "../rules/index.js";
import { mentoringRule } from "../rules/mentoring.js";
import { officialRegisterRule } from "../rules/official-register.js";
import { quotaRule } from "../rules/quota.js";
import type { Rule, RuleContext } from "../rules/rule.js";
import { structureRule } from "../rules/structure.js";
import { auditPeriod, checkAskedYear, heldYears } from "./period.js";
import { villageScope } from "./scope.js";

/**
 * The audit in units that are worked out apart and kept apart (io/load-cached.ts keeps them in
 * the library cache beside the readings they come from), so that after one village file changes
 * only that village and its town are checked again:
 *
 * - a village: the loader's findings in its file, and every rule's findings about it alone (its
 *   records, its quota, its structure, its merged status) — kept with the file's reading;
 * - a town: what compares its villages with each other — people who look alike
 *   (`possible-duplicate`), mentors' loads, the town's structure totals, and the quota of its
 *   registered villages that have no book — kept per town, under the state of its files;
 * - the library: ID numbers and internal ids used in two places, found each time from the record
 *   keys kept in the cache (io/record-keys.ts) and compared exactly on the few records they meet;
 * - the register: its villages against the official division table (`village-not-official`),
 *   which depends on district.yaml alone and is kept under the frame's key.
 *
 * Every finding is worked out for the whole library, every rule and the warnings as warnings;
 * --village, --town, --rule and --strict are applied to what is printed (filterFindings), so they
 * never make anything be worked out again. What the units depend on beyond their files — the
 * register and policy, the training files, the audit date and year — is the key they are kept
 * under (findingsKey). tests/perf/incremental.test.ts checks the findings against the slow
 * reference after random edits, finding by finding and in the printed text.
 */

/** What the user asked for, resolved against the district. */
export interface AuditSettings {
  readonly date: IsoDate;
  readonly year: number;
  /** The villages in scope; undefined for all. */
  readonly codes: ReadonlySet<string> | undefined;
  readonly rules: readonly string[];
  readonly strict: boolean;
}

/**
 * `people` gives the records of every book, a town's books at a time (a country's do not fit in
 * memory at once): read only to refuse a year asked for that is outside the working and training
 * years.
 */
export function resolveSettings(
  frame: LibraryFrame,
  people: () => Iterable<readonly Reserve[]>,
  options: {
    readonly today: IsoDate;
    readonly date?: IsoDate;
    readonly year?: number;
    readonly villages?: readonly string[];
    readonly towns?: readonly string[];
    readonly rules?: readonly string[];
    readonly strict?: boolean;
  },
): AuditSettings {
  let date = options.date ?? options.today;
  let year = options.year ?? Number(date.slice(0, 4));
  let codes: ReadonlySet<string> | undefined;
  if (frame.district) {
    const working = frame.district.year;
    ({ date, year } = auditPeriod(working, options));
    checkAskedYear(options, year, heldYears(working, frame.trainings), () =>
      heldYears(working, frame.trainings, people()),
    );
    codes = villageScope(frame.district, options.villages ?? [], options.towns ?? []).codes;
  }
  return { date, year, codes, rules: options.rules ?? [], strict: options.strict === true };
}

/** The audit period, which is all the units depend on of what the user asked. */
export interface Period {
  readonly date: IsoDate;
  readonly year: number;
}

/** The key findings are kept under: the frame they were worked out against, and the period. */
export function findingsKey(frame: LibraryFrame, period: Period): string {
  return createHash("sha1").update(`${frame.basis}\n${period.date}\n${period.year}`).digest("hex");
}

/** Findings that compare villages of a town with each other: the town's unit. */
const TOWN_CODES = new Set<string>(["possible-duplicate", "mentor-overloaded", "town-structure-below"]);
/** Findings that compare records anywhere in the library: the library's unit. */
const LIBRARY_CODES = new Set<string>(["person-in-two-villages", "person-entered-twice"]);
/** Findings about the register alone: the register's unit. */
const REGISTER_CODES = new Set<string>(officialRegisterRule.codes);
const QUOTA_CODES = new Set<string>(quotaRule.codes);

/** Whether a finding is about a village alone (not its town's, the library's or the register's). */
function villageCode(d: Diagnostic): boolean {
  return !TOWN_CODES.has(d.code) && !LIBRARY_CODES.has(d.code) && !REGISTER_CODES.has(d.code);
}

/** The rules with findings about a village alone: the others' would all be left out (duplicates'). */
const VILLAGE_RULES = RULES.filter((r) => r.codes.some((code) => villageCode({ code } as Diagnostic)));

/** The unit a village file belongs to: its village's town in the register, "" for none. */
export function unitOf(frame: LibraryFrame, name: string): string {
  return frame.register?.villages.get(name.slice(0, 12))?.town ?? "";
}

function context(frame: LibraryFrame, district: District, books: readonly LoadedBook[], period: Period): RuleContext {
  const library: Library = {
    district,
    districtFile: frame.districtFile,
    books: [...books],
    trainings: frame.trainings,
  };
  return {
    library,
    register: frame.register!,
    policy: district.policy,
    date: period.date,
    year: period.year,
    books: new Map(books.map((b) => [b.village, b])),
    inScope: () => true,
  };
}

function run(rules: readonly Rule[], ctx: RuleContext, keep: (d: Diagnostic) => boolean): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const rule of rules) for (const d of rule.check(ctx)) if (keep(d)) out.push(d);
  return out;
}

/**
 * Villages' units: for each state, the loader's findings in its file, then the rules' findings
 * about its book alone, located. The rules run once for all of them (a village's findings do not
 * depend on the other books: those that do are the town's and the library's). Their files must
 * name their own villages (see auditTown).
 */
export function villageFindings(frame: LibraryFrame, states: readonly BookState[], period: Period): Diagnostic[][] {
  const out = states.map((s) => [...s.diagnostics]);
  if (!frame.district || !frame.register) return out;
  const register = frame.register;
  const at = new Map<string, number>();
  const books: LoadedBook[] = [];
  states.forEach((s, i) => {
    const book = s.book();
    if (!book) return;
    at.set(book.village, i);
    books.push(book);
  });
  if (books.length === 0) return out;
  const villages = books.flatMap((b) => register.villages.get(b.village) ?? []);
  const ctx = context(frame, { ...frame.district, towns: [], villages }, books, period);
  const found = run(VILLAGE_RULES, ctx, villageCode);
  for (const d of locateCached(found, frame)) out[at.get(d.village ?? "") ?? -1]?.push(d);
  return out;
}

/** A district cut down to one town, for the rules that go through the register's villages. */
function townDistrict(frame: LibraryFrame, town: string): District {
  const district = frame.district!;
  if (town === "") return { ...district, towns: [], villages: [] };
  return {
    ...district,
    towns: district.towns.filter((t) => t.code === town),
    villages: frame.register!.villagesByTown.get(town) ?? [],
  };
}

/** A town's unit ("" for the books of villages the register does not know), located. */
export function townFindings(
  frame: LibraryFrame,
  town: string,
  books: readonly LoadedBook[],
  period: Period,
): Diagnostic[] {
  if (!frame.district || !frame.register) return [];
  const ctx = context(frame, townDistrict(frame, town), books, period);
  const rules = [duplicatesRule, mentoringRule, structureRule, quotaRule];
  // The quota of a village with a book is the village's own finding.
  const found = run(
    rules,
    ctx,
    (d) => TOWN_CODES.has(d.code) || (QUOTA_CODES.has(d.code) && !ctx.books.has(d.village ?? "")),
  );
  return locateCached(found, frame);
}

/** One village file as the checks across the library need it, with its unit's findings. */
export type FileFindings = KeptFile;

export interface TownResult {
  readonly town: string;
  /** What is kept for the town: its files (in the order of the names asked for), its findings. */
  readonly group: KeptGroup;
}

/**
 * Brings a town's unit and its villages' units up to date: each book read through the cache; a
 * village worked out again unless its file has the content it had when its findings were kept
 * under the same key; the town worked out again unless all its files do. The caller keeps the
 * result. Undefined when a file names another village than its own (then the library is audited
 * whole).
 */
export function auditTown(
  frame: LibraryFrame,
  reader: BookReader,
  town: string,
  names: readonly string[],
  period: Period,
): TownResult | undefined {
  const key = findingsKey(frame, period);
  const before = reader.group(town);
  const usable = before?.key === key ? before : undefined;
  const old = new Map(usable?.files.map((f) => [f.name, f]));
  const states = names.map((n) => reader.read(n));
  if (states.some((s) => s.village !== undefined && s.village !== s.fileCode)) return undefined;
  let same = usable !== undefined && usable.files.length === states.length;
  const kept = states.map((s, i) => {
    const prev = old.get(s.name);
    const holds = prev !== undefined && s.hash !== undefined && prev.hash === s.hash;
    if (!holds || usable?.files[i]?.name !== s.name) same = false;
    return holds ? prev.findings : undefined;
  });
  const stale = states.filter((_, i) => kept[i] === undefined);
  const worked = villageFindings(frame, stale, period);
  let next = 0;
  const files = states.map((s, i): FileFindings => {
    return {
      name: s.name,
      stamp: s.stamp ?? new BigInt64Array(0),
      hash: s.hash ?? "",
      racy: s.racy,
      ...(s.village !== undefined && { village: s.village }),
      ...(s.indexes && { indexes: s.indexes }),
      keys: s.keys,
      findings: kept[i] ?? worked[next++]!,
    };
  });
  const findings =
    same && usable
      ? usable.findings
      : townFindings(
          frame,
          town,
          states.flatMap((s) => s.book() ?? []),
          period,
        );
  return { town, group: { key, files, findings } };
}

/** The numbers whose value occurs more than once (0 left out). */
function repeated(values: Float64Array): Set<number> {
  const sorted = values.slice().sort();
  const out = new Set<number>();
  for (let i = 1; i < sorted.length; i++) {
    const v = sorted[i]!;
    if (v !== 0 && v === sorted[i - 1]) out.add(v);
  }
  return out;
}

/**
 * The library's unit: the same internal id in two records (the loader's `person-id-duplicate`)
 * and the same ID number held twice (the duplicates rule), found from the record keys of every
 * file (in file order) and worked out on the books whose keys meet — or kept from the last time,
 * when those books are as they were.
 */
export function libraryFindings(
  frame: LibraryFrame,
  files: readonly FileFindings[],
  reader: BookReader,
  period: Period,
): { loader: Diagnostic[]; rules: Diagnostic[] } {
  let total = 0;
  for (const f of files) total += f.keys.length / KEY_WORDS;
  const ids = new Float64Array(total);
  const numbers = new Float64Array(total);
  const fileOf = new Int32Array(total);
  let n = 0;
  files.forEach((f, i) => {
    for (let k = 0; k < f.keys.length; k += KEY_WORDS) {
      ids[n] = keyNumber(f.keys[k]!, f.keys[k + 1]!);
      numbers[n] = keyNumber(f.keys[k + 2]!, f.keys[k + 3]!);
      fileOf[n] = i;
      n++;
    }
  });
  const idRepeats = repeated(ids);
  const numberRepeats = repeated(numbers);
  if (idRepeats.size === 0 && numberRepeats.size === 0) return { loader: [], rules: [] };
  const byIds = new Set<number>();
  const byNumbers = new Set<number>();
  for (let r = 0; r < total; r++) {
    if (idRepeats.has(ids[r]!)) byIds.add(fileOf[r]!);
    if (numberRepeats.has(numbers[r]!)) byNumbers.add(fileOf[r]!);
  }
  const wanted = [...new Set([...byIds, ...byNumbers])].sort((a, b) => a - b);
  // What they come to depends on those files only: kept until one of them changes.
  const digest = createHash("sha1").update(findingsKey(frame, period));
  for (const i of wanted) {
    const f = files[i]!;
    digest.update(`\n${f.name} ${f.hash} ${byIds.has(i) ? 1 : 0}${byNumbers.has(i) ? 1 : 0}`);
  }
  const hash = digest.digest("hex");
  const kept = reader.kept("library", hash);
  if (kept?.length === 2) return { loader: kept[0]!, rules: kept[1]! };
  const books = new Map<number, LoadedBook>();
  for (const i of wanted) {
    const book = reader.read(files[i]!.name).book();
    if (book) books.set(i, book);
  }
  const pick = (set: Set<number>) => [...set].sort((a, b) => a - b).flatMap((i) => books.get(i) ?? []);
  const loader = locateCached(duplicatePersonIds(pick(byIds), frame.register), frame);
  let rules: Diagnostic[] = [];
  if (frame.district && frame.register && byNumbers.size > 0) {
    const ctx = context(frame, frame.district, pick(byNumbers), period);
    rules = locateCached(
      run([duplicatesRule], ctx, (d) => LIBRARY_CODES.has(d.code)),
      frame,
    );
  }
  reader.keep("library", hash, [loader, rules]);
  return { loader, rules };
}

/**
 * The register's unit: its villages in use against the official division table of the county
 * (read only when this is worked out: the first audit, or after district.yaml changed).
 */
export function registerFindings(frame: LibraryFrame, reader: BookReader, period: Period): Diagnostic[] {
  const district = frame.district;
  if (!district || !frame.register) return [];
  const key = findingsKey(frame, period);
  const kept = reader.kept("register", key);
  if (kept?.length === 1) return kept[0]!;
  const ctx: RuleContext = { ...context(frame, district, [], period), official: () => officialCounty(district.code) };
  const found = locateCached(
    run([officialRegisterRule], ctx, () => true),
    frame,
  );
  reader.keep("register", key, [found]);
  return found;
}

/**
 * The findings printed for what the user asked: the villages in scope (a town's own figures only
 * when all its active villages are), the rules asked for, warnings as errors with --strict.
 */
export function filterFindings(frame: LibraryFrame, findings: readonly Diagnostic[], s: AuditSettings): Diagnostic[] {
  let out = [...findings];
  const codes = s.codes;
  if (codes) {
    const whole = new Map<string, boolean>();
    const townInScope = (town: string) => {
      let all = whole.get(town);
      if (all === undefined) {
        const active = (frame.register?.villagesByTown.get(town) ?? []).filter((v) => v.status === "正常");
        all = active.every((v) => codes.has(v.code));
        whole.set(town, all);
      }
      return all;
    };
    out = out.filter((d) =>
      d.village !== undefined
        ? codes.has(d.village)
        : d.code !== "town-structure-below" || (d.town !== undefined && townInScope(d.town)),
    );
  }
  if (s.rules.length > 0) {
    const ruleCodes = new Set<string>(RULES.flatMap((r) => r.codes));
    const asked = new Set<string>(RULES.filter((r) => s.rules.includes(r.name)).flatMap((r) => r.codes));
    out = out.filter((d) => !ruleCodes.has(d.code) || asked.has(d.code));
  }
  if (s.strict) out = out.map((d) => (d.severity === "warning" ? { ...d, severity: "error" as const } : d));
  return out;
}
