import type { IsoDate } from "../domain/dates.js";
import type { Library, LoadedBook } from "../domain/library.js";
import type { District, Reserve } from "../domain/model.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { officialCounty } from "../io/division-table.js";
import { duplicatePersonIds } from "../io/library-files.js";
import { loadPart, locateCached, type LibraryFrame } from "../io/load-cached.js";
import type { RuleContext } from "../rules/rule.js";
import { compareForReport, selectRules } from "./audit-order.js";
import { auditPeriod, checkAskedYear, heldYears } from "./period.js";
import { villageScope } from "./scope.js";

/**
 * The audit of one part of a library: the village books of one town, read and checked on their
 * own, so that a country's library is audited a town at a time in bounded memory, by several
 * workers at once (cli/commands/audit.ts). Every rule is local to a town except two checks across
 * the whole library, which the caller prepares from the records' keys (io/record-keys.ts):
 *
 * - the same ID number held in two towns (rules/duplicates.ts): the records of other towns that
 *   share an ID number with this part's records come in as `ghosts` — out of scope, so they get
 *   no findings, but they are there to be named and counted as the rule names and counts them;
 * - the same internal id in two books (the loader's `person-id-duplicate`): found by the caller and
 *   passed in as `extra` findings.
 *
 * A part may also be the whole library (a small one, or one whose files do not say which town they
 * belong to): then it is exactly `audit()` of commands/audit.ts. tests/perf/audit-paths.test.ts checks
 * that a library audited in parts gives the findings of the whole-library audit and of the slow
 * reference path.
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

export function resolveSettings(
  frame: LibraryFrame,
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
      heldYears(working, frame.trainings, peopleOf(frame)),
    );
    codes = villageScope(frame.district, options.villages ?? [], options.towns ?? []).codes;
  }
  return { date, year, codes, rules: options.rules ?? [], strict: options.strict === true };
}

/** The records of every book, a town's books at a time (a country's do not fit in memory at once). */
function* peopleOf(frame: LibraryFrame): Iterable<readonly Reserve[]> {
  const names = frame.names;
  for (let i = 0; i < names.length;) {
    let j = i + 1;
    while (j < names.length && names[j]!.slice(0, 9) === names[i]!.slice(0, 9)) j++;
    for (const book of loadPart(frame, names.slice(i, j)).books) yield book.reserves;
    i = j;
  }
}

/** A record of another part, with what the duplicates rule reads of it. */
export interface GhostRecord {
  /** Its place in its file's list. */
  readonly index: number;
  readonly reserve: Pick<Reserve, "id" | "name" | "id_number" | "status">;
}

/** The ghost records of one book of another part. */
export interface GhostBook {
  readonly file: string;
  readonly village: string;
  /** The book's place among all village files (file-name order), to keep the library's order. */
  readonly order: number;
  readonly records: readonly GhostRecord[];
}

export interface PartInput {
  /** The part's village files, in file-name order, and their places among all village files. */
  readonly names: readonly string[];
  readonly order: readonly number[];
  /** The part's town; undefined for the library-wide part (books of villages not in the register). */
  readonly town?: string;
  /** The whole library in one part. */
  readonly whole: boolean;
  /** Whether the part reports the problems of district.yaml, the file lists and the trainings. */
  readonly withFrame: boolean;
  readonly ghosts: readonly GhostBook[];
  /** Findings across parts that belong here (person-id-duplicate), not yet located. */
  readonly extra: readonly Diagnostic[];
}

/** A district cut down to one town, for the rules that go through the register's villages. */
function partDistrict(frame: LibraryFrame, town: string | undefined): District {
  const district = frame.district!;
  if (town === undefined) return { ...district, towns: [], villages: [] };
  return {
    ...district,
    towns: district.towns.filter((t) => t.code === town),
    villages: frame.register!.villagesByTown.get(town) ?? [],
  };
}

/** A ghost book as rules see it: its records out of scope, not in the pool (no mentor loads). */
function ghostBook(g: GhostBook): LoadedBook {
  const reserves = g.records.map((r) => ({ ...r.reserve, selection: {} }) as unknown as Reserve);
  return { village: g.village, file: g.file, complete: true, reserves, indexes: g.records.map((r) => r.index) };
}

/** The part's findings: located, in scope, sorted as the audit prints them. */
export function auditPart(
  frame: LibraryFrame,
  input: PartInput,
  s: AuditSettings,
  /** Given the part's books as read, for a caller that checks them further (the roll-up). */
  onBooks?: (books: readonly LoadedBook[]) => void,
): Diagnostic[] {
  // A part of a library split in parts was checked by the first pass (audit-plan.ts) just before.
  const { books, diagnostics, laidOut } = loadPart(frame, input.names, { trusted: !input.whole });
  onBooks?.(books);
  let findings: Diagnostic[] = [];
  if (input.withFrame) findings.push(...frame.before);
  for (const d of diagnostics) findings.push(d);
  if (input.withFrame) findings.push(...frame.after);
  const located = [...(input.whole ? duplicatePersonIds(books, frame.register) : []), ...input.extra];
  if (located.length > 0) for (const d of locateCached(located, frame.cwd, laidOut, frame)) findings.push(d);

  const register = frame.register;
  if (frame.district && register) {
    const codes = s.codes;
    if (codes) findings = findings.filter((d) => d.village === undefined || codes.has(d.village));
    let all: LoadedBook[] = books;
    let inPart: (code: string) => boolean = () => true;
    if (!input.whole) {
      const mine = new Set<string>(books.map((b) => b.village));
      for (const v of register.villagesByTown.get(input.town ?? "") ?? []) mine.add(v.code);
      inPart = (code) => mine.has(code);
      if (input.ghosts.length > 0) {
        const ordered = books.map((b, i) => ({ book: b, order: input.order[i]! }));
        for (const g of input.ghosts) ordered.push({ book: ghostBook(g), order: g.order });
        ordered.sort((a, b) => a.order - b.order);
        all = ordered.map((o) => o.book);
      }
    }
    const library: Library = {
      district: input.whole ? frame.district : partDistrict(frame, input.town),
      districtFile: frame.districtFile,
      books: all,
      trainings: frame.trainings,
    };
    const ctx: RuleContext = {
      library,
      register,
      policy: frame.district.policy,
      date: s.date,
      year: s.year,
      books: new Map(all.map((b) => [b.village, b])),
      inScope: (v) => (codes === undefined || codes.has(v.code)) && inPart(v.code),
      official: () => officialCounty(frame.district!.code),
    };
    const ruleFindings: Diagnostic[] = [];
    for (const rule of selectRules(s.rules)) for (const d of rule.check(ctx)) ruleFindings.push(d);
    for (const d of locateCached(ruleFindings, frame.cwd, laidOut, frame)) findings.push(d);
  }
  if (s.strict) findings = findings.map((d) => (d.severity === "warning" ? { ...d, severity: "error" as const } : d));
  return findings.sort(compareForReport);
}
