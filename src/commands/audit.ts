import type { IsoDate } from "../domain/dates.js";
import type { Library, LoadedBook, RegisterIndex } from "../domain/library.js";
import type { Reserve } from "../domain/model.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { officialCounty } from "../io/division-table.js";
import { duplicatePersonIds } from "../io/library-files.js";
import { readConsistently, type Notice } from "../io/library-session.js";
import { BookReader, locateCached, openFrame, type LibraryFrame } from "../io/load-cached.js";
import { villageShard } from "../io/library-cache.js";
import { RULES } from "../rules/index.js";
import type { RuleContext } from "../rules/rule.js";
import { compareForReport } from "./audit-order.js";
import {
  auditTown,
  filterFindings,
  findingsKey,
  libraryFindings,
  registerFindings,
  resolveSettings,
  unitOf,
  type AuditSettings,
  type FileFindings,
  type Period,
  type TownResult,
} from "./audit-units.js";

export interface AuditOptions {
  readonly root: string;
  readonly cwd: string;
  readonly today: IsoDate;
  readonly date?: IsoDate;
  readonly year?: number;
  readonly villages?: readonly string[];
  readonly towns?: readonly string[];
  readonly rules?: readonly string[];
  readonly strict?: boolean;
  readonly waitMs?: number;
  readonly onNotice?: (n: Notice) => void;
}

export interface AuditResult {
  readonly date: IsoDate;
  readonly year: number;
  /** Sorted: library-wide findings first, then by town, village, file, line. */
  readonly findings: readonly Diagnostic[];
  readonly errors: number;
  readonly warnings: number;
  readonly villagesBelowMin: number;
  /** Names of towns and villages for headings (empty when the register could not be read). */
  readonly names: { town(code: string): string | undefined; village(code: string): string | undefined };
}

export { compareForReport, selectRules } from "./audit-order.js";
export { sessionOf } from "./audit-session.js";
import { sessionOf } from "./audit-session.js";

/** A town whose units are to be brought up to date (audit-units.ts auditTown). */
export interface TownJob {
  readonly town: string;
  readonly names: readonly string[];
}

/** An audit once the frame is read and what the cache keeps has been looked at. */
export interface AuditPlan {
  readonly frame: LibraryFrame;
  readonly settings: AuditSettings;
  readonly period: Period;
  readonly reader: BookReader;
  /** Towns whose units all hold, as they are kept. */
  readonly done: readonly TownResult[];
  /** Towns to bring up to date, in the library's order. */
  readonly jobs: readonly TownJob[];
  /** How many files of the jobs have to be read or checked again (the others are decoded at most). */
  readonly work: number;
}

/**
 * Reads the frame and looks at what the cache keeps for every town: a town whose files are all
 * as they were when its findings were kept, under the same key, needs nothing more.
 */
export function planAudit(options: AuditOptions): AuditPlan {
  const frame = openFrame(options.root, { today: options.today, cwd: options.cwd });
  const reader = new BookReader(frame);
  const settings = resolveSettings(frame, () => peopleOf(frame, reader), options);
  const period: Period = { date: settings.date, year: settings.year };
  const key = findingsKey(frame, period);
  // Every town of the register, with files or not (its villages' quota is its own finding then).
  const groups = new Map<string, string[]>([...(frame.register?.villagesByTown.keys() ?? [])].map((t) => [t, []]));
  for (const name of frame.names) {
    const town = unitOf(frame, name);
    const list = groups.get(town);
    if (list) list.push(name);
    else groups.set(town, [name]);
  }
  const done: TownResult[] = [];
  const jobs: TownJob[] = [];
  let work = 0;
  for (const [town, names] of groups) {
    const group = reader.group(town);
    const kept = group?.key === key ? new Map(group.files.map((f) => [f.name, f])) : undefined;
    let stale = 0;
    for (const name of names) {
      const f = kept?.get(name);
      if (!f || !reader.unchanged(f)) stale++;
    }
    work += stale;
    const whole = group !== undefined && group.files.length === names.length;
    if (stale === 0 && whole && group.files.every((f, i) => f.name === names[i])) done.push({ town, group });
    else jobs.push({ town, names });
  }
  return { frame, settings, period, reader, done, jobs, work };
}

/** The records of every book, one book at a time (a country's do not fit in memory at once). */
function* peopleOf(frame: LibraryFrame, reader: BookReader): Iterable<readonly Reserve[]> {
  for (const name of frame.names) {
    const book = reader.read(name).book();
    if (book) yield book.reserves;
  }
}

/** Brings the plan's towns up to date in this thread. */
export function runHere(plan: AuditPlan): (TownResult | undefined)[] {
  return plan.jobs.map((job) => auditTown(plan.frame, plan.reader, job.town, job.names, plan.period));
}

/**
 * The audit's result from the towns brought up to date (`results`, in the order of plan.jobs; one
 * undefined when a file names another village than its own). `elsewhere` names the shards the
 * results were written to by other threads, which this one leaves as they are.
 */
export function finishAudit(
  plan: AuditPlan,
  results: readonly (TownResult | undefined)[],
  elsewhere?: ReadonlySet<string>,
): AuditResult {
  const { frame, reader, period } = plan;
  const skip = elsewhere && ((shard: string) => elsewhere.has(shard));
  const whole =
    results.some((r) => r === undefined) ||
    plan.done.some((t) => t.group.files.some((f) => f.village !== undefined && f.village !== f.name.slice(0, 12)));
  if (whole) {
    const findings = wholeLibrary(frame, reader, period);
    reader.flush(skip);
    return summarise(frame, plan.settings, findings);
  }
  const fresh = results as TownResult[];
  for (const t of fresh) reader.keepGroup(t.town, t.group);
  const towns = [...plan.done, ...fresh];
  const byName = new Map<string, FileFindings>();
  for (const t of towns) for (const f of t.group.files) byName.set(f.name, f);
  const files = frame.names.map((n) => byName.get(n)!);
  const library = libraryFindings(frame, files, reader, period);
  const register = registerFindings(frame, reader, period);
  reader.flush(skip);
  const findings: Diagnostic[] = [...frame.before];
  for (const f of files) for (const d of f.findings) findings.push(d);
  findings.push(...frame.after, ...library.loader, ...library.rules, ...register);
  for (const t of towns) for (const d of t.group.findings) findings.push(d);
  return summarise(frame, plan.settings, findings);
}

/** The shards the files of `jobs` are kept in. */
export function shardsOf(jobs: readonly TownJob[]): Set<string> {
  return new Set(jobs.flatMap((j) => j.names.map(villageShard)));
}

/**
 * A library with a file that names another village than its own, audited whole as the reference
 * does: then the town of a file's findings is not the town of its records, and units do not hold.
 */
function wholeLibrary(frame: LibraryFrame, reader: BookReader, period: Period): Diagnostic[] {
  const findings: Diagnostic[] = [...frame.before];
  const books: LoadedBook[] = [];
  for (const name of frame.names) {
    const state = reader.read(name);
    findings.push(...state.diagnostics);
    const book = state.book();
    if (book) books.push(book);
  }
  findings.push(...frame.after);
  const dupes = duplicatePersonIds(books, frame.register);
  if (dupes.length > 0) findings.push(...locateCached(dupes, frame));
  const district = frame.district;
  if (district && frame.register) {
    const ctx: RuleContext = {
      library: { district, districtFile: frame.districtFile, books, trainings: frame.trainings },
      register: frame.register,
      policy: district.policy,
      date: period.date,
      year: period.year,
      books: new Map(books.map((b) => [b.village, b])),
      inScope: () => true,
      official: () => officialCounty(district.code),
    };
    const found: Diagnostic[] = [];
    for (const rule of RULES) for (const d of rule.check(ctx)) found.push(d);
    findings.push(...locateCached(found, frame));
  }
  return findings;
}

/**
 * Checks the library: every file re-validated (or read from the cache when unchanged), then every
 * rule — each village and town worked out again only when something it depends on changed
 * (audit-units.ts). Pure apart from reading the library and its cache; printing and exit codes
 * are the CLI's.
 */
export function audit(options: AuditOptions): AuditResult {
  return readConsistently(options.root, sessionOf(options), () => {
    const plan = planAudit(options);
    return finishAudit(plan, runHere(plan));
  });
}

/**
 * The audit, and the library with every village book as read for it, in one consistent read: for
 * a caller that checks the books further (the roll-up's checks across libraries), so that each
 * library is read once. Books whose readings the audit kept are decoded from the cache.
 */
export function auditWithBooks(options: AuditOptions): { result: AuditResult; library: Library | undefined } {
  return readConsistently(options.root, sessionOf(options), () => {
    const plan = planAudit(options);
    const result = finishAudit(plan, runHere(plan));
    const { frame, reader } = plan;
    const library = frame.district && {
      district: frame.district,
      districtFile: frame.districtFile,
      books: frame.names.flatMap((n) => reader.read(n).book() ?? []),
      trainings: frame.trainings,
    };
    return { result, library };
  });
}

/** The result from all the findings: those asked for, sorted. */
export function summarise(frame: LibraryFrame, settings: AuditSettings, all: Diagnostic[]): AuditResult {
  const findings = filterFindings(frame, all, settings).sort(compareForReport);
  let errors = 0;
  let warnings = 0;
  const below = new Set<string | undefined>();
  for (const d of findings) {
    if (d.severity === "error") errors++;
    else warnings++;
    if (d.code === "quota-below-min") below.add(d.village);
  }
  return {
    date: settings.date,
    year: settings.year,
    findings,
    errors,
    warnings,
    villagesBelowMin: below.size,
    names: namesOf(frame.register),
  };
}

export function namesOf(register: RegisterIndex | undefined): AuditResult["names"] {
  return {
    town: (code) => register?.towns.get(code)?.name,
    village: (code) => register?.villages.get(code)?.name,
  };
}
