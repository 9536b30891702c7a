import * as fs from "node:fs";
import * as path from "node:path";
import type { IsoDate } from "../domain/dates.js";
import { bookSources, type Library } from "../domain/library.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { ReserveError } from "../diagnostics/fatal.js";
import { displayPath } from "../io/layout.js";
import { openLibrary, type Notice } from "../io/library-session.js";
import { locateCached } from "../io/load-cached.js";
import { sessionFor } from "../io/read-session.js";
import { CACHE_BUILD } from "../io/cache-state.js";
import { writeReportFolder, type WrittenReport } from "../io/report-write.js";
import type { Lang } from "../messages/lang.js";
import { ui } from "../messages/ui.js";
import { buildReport } from "../reports/build.js";
import type { ReportFormat, ReportPart } from "../reports/plan.js";
import { libraryNames, rollupChecks, type RollupLibrary } from "../reports/rollup-checks.js";
import { rollupLevel, rollupReportModel, type RollupDistrict, type RollupModel } from "../reports/rollup-model.js";
import { rollupPlan } from "../reports/rollup-summary.js";
import { auditWithBooks, type AuditOptions, type AuditResult } from "./audit.js";
import { checkExportTarget } from "./export.js";
import { auditPeriod } from "./period.js";

/**
 * Several district libraries read at once (`--data A --data B …`): the city's (or province's)
 * roll-up report, and the audit of every library with the checks across them. Each library is only
 * read, as any reader reads it (no lock; an interrupted write is finished first) — each may be a
 * git checkout of its district's repository. See docs/export.md.
 */

export interface RollupOptions {
  /** The libraries, as resolved paths, in the order given. */
  readonly roots: readonly string[];
  readonly cwd: string;
  readonly today: IsoDate;
  readonly year?: number;
  readonly date?: IsoDate;
  readonly waitMs?: number;
  readonly onNotice?: (n: Notice) => void;
}

/** The same folder given twice is a slip, not two districts. */
function distinctRoots(options: RollupOptions, lang: Lang): void {
  const seen = new Map<string, string>();
  for (const root of options.roots) {
    let real = root;
    try {
      real = fs.realpathSync(root);
    } catch {
      // A folder that does not exist is reported by the loader.
    }
    const before = seen.get(real);
    if (before !== undefined) {
      throw new ReserveError("usage", {
        detail: ui(lang).rollup.sameLibrary(displayPath(before, options.cwd), displayPath(root, options.cwd)),
      });
    }
    seen.set(real, root);
  }
}

interface Loaded {
  readonly root: string;
  readonly shown: string;
  readonly library: Library | undefined;
  readonly diagnostics: readonly Diagnostic[];
}

function loadAll(options: RollupOptions, command: string): Loaded[] {
  return options.roots.map((root) => {
    const loaded = openLibrary(root, sessionFor(command, options));
    return {
      root,
      shown: displayPath(root, options.cwd),
      library: loaded.library,
      diagnostics: loaded.diagnostics,
    };
  });
}

/** The checks across the libraries that could be read, placed at file, line and column. */
function crossFindings(loaded: readonly Loaded[], year: number, cwd: string): Diagnostic[] {
  const libs: RollupLibrary[] = loaded.flatMap((l) => (l.library ? [{ root: l.shown, library: l.library }] : []));
  return locateCached(rollupChecks(libs, year), { cwd });
}

export interface RollupReportOptions extends RollupOptions {
  readonly formats: ReadonlySet<ReportFormat>;
  /** Each district's whole report under districts/, not only its summary and dashboard. */
  readonly ledgers?: boolean;
  /** Default reports/<year>-<city or province code>. */
  readonly out?: string;
  readonly lang: Lang;
}

export type RollupReportResult =
  | { readonly ok: false; readonly libraries: readonly { root: string; diagnostics: readonly Diagnostic[] }[] }
  | {
      readonly ok: true;
      readonly rollup: RollupModel;
      readonly out: string;
      readonly files: readonly { readonly part: ReportPart; readonly path: string }[];
      readonly written: WrittenReport;
      readonly warnings: number;
    };

/**
 * The roll-up report: each library's report model (the numbers of its own `reserve report`), the
 * level above them, and the findings across them; written as one report folder with each
 * district's own report under `districts/`. A library with errors stops it, as for one library.
 */
export async function rollupReport(options: RollupReportOptions): Promise<RollupReportResult> {
  distinctRoots(options, options.lang);
  const loaded = loadAll(options, "report");
  const refused = loaded
    .map((l) => ({ root: l.shown, diagnostics: l.diagnostics.filter((d) => d.severity === "error") }))
    .filter((l, i) => l.diagnostics.length > 0 || !loaded[i]!.library);
  if (refused.length > 0) {
    return {
      ok: false,
      libraries: refused.map((r) => ({
        root: r.root,
        diagnostics: r.diagnostics.length > 0 ? r.diagnostics : loaded.find((l) => l.shown === r.root)!.diagnostics,
      })),
    };
  }
  const libraries = loaded.map((l) => l.library!);
  const { year, date } = auditPeriod(libraries[0]!.district.year, options);
  const names = libraryNames(loaded.map((l) => ({ root: l.shown, library: l.library! })));
  const districts: RollupDistrict[] = libraries.map((library, i) => ({
    root: loaded[i]!.shown,
    label: names[i]!,
    workingYear: library.district.year,
    model: buildReport(library, { year, date }),
    sources: bookSources(library.books),
  }));
  const level = rollupLevel(districts.map((d) => d.model.district));
  const rollup: RollupModel = {
    ...level,
    year,
    date,
    districts,
    model: rollupReportModel(districts, level),
    findings: crossFindings(loaded, year, options.cwd),
  };
  const abs = path.resolve(options.cwd, options.out ?? path.join("reports", `${year}-${level.code ?? "rollup"}`));
  checkExportTarget(abs, options.roots, options.cwd, options.lang);
  const files: { part: ReportPart; path: string }[] = [];
  const written = await writeReportFolder(
    abs,
    (function* () {
      for (const f of rollupPlan(rollup, options.formats, options.lang, CACHE_BUILD, options.ledgers === true)) {
        files.push({ part: f.part, path: f.path });
        yield f;
      }
    })(),
  );
  const warnings = loaded.reduce((n, l) => n + l.diagnostics.filter((d) => d.severity !== "error").length, 0);
  return { ok: true, rollup, out: displayPath(abs, options.cwd), files, written, warnings };
}

export interface RollupAuditOptions extends RollupOptions {
  readonly strict?: boolean;
  readonly lang: Lang;
}

export interface RollupAuditResult {
  readonly date: IsoDate;
  readonly year: number;
  readonly libraries: readonly {
    readonly root: string;
    readonly label: string;
    readonly code: string | undefined;
    readonly result: AuditResult;
  }[];
  /** Findings across the libraries. */
  readonly findings: readonly Diagnostic[];
  readonly errors: number;
  readonly warnings: number;
  readonly villagesBelowMin: number;
}

/**
 * Every library audited as `reserve audit` audits it (commands/audit.ts, through its cache), and
 * the checks across them on the books read in the same read — each library is read once.
 */
export function rollupAudit(options: RollupAuditOptions): RollupAuditResult {
  distinctRoots(options, options.lang);
  const loaded: Loaded[] = [];
  const results = options.roots.map((root) => {
    const o: AuditOptions = {
      root,
      cwd: options.cwd,
      today: options.today,
      ...(options.date && { date: options.date }),
      ...(options.year && { year: options.year }),
      strict: options.strict === true,
      ...(options.waitMs !== undefined && { waitMs: options.waitMs }),
      ...(options.onNotice && { onNotice: options.onNotice }),
    };
    const { result, library } = auditWithBooks(o);
    loaded.push({ root, shown: displayPath(root, options.cwd), library, diagnostics: [] });
    return result;
  });
  const first = loaded.find((l) => l.library)?.library;
  const { year } = first ? auditPeriod(first.district.year, options) : results[0]!;
  const severity = (d: Diagnostic): Diagnostic =>
    options.strict && d.severity === "warning" ? { ...d, severity: "error" } : d;
  const findings = crossFindings(loaded, year, options.cwd).map(severity);
  const names = libraryNames(
    loaded.map((l) => ({
      root: l.shown,
      library: l.library ?? ({ district: { name: l.shown } } as unknown as Library),
    })),
  );
  const count = (s: string) =>
    results.reduce((n, r) => n + (s === "error" ? r.errors : r.warnings), 0) +
    findings.filter((d) => d.severity === s).length;
  return {
    date: results[0]!.date,
    year: results[0]!.year,
    libraries: results.map((result, i) => ({
      root: loaded[i]!.shown,
      label: names[i]!,
      code: loaded[i]!.library?.district.code,
      result,
    })),
    findings,
    errors: count("error"),
    warnings: count("warning"),
    villagesBelowMin: results.reduce((n, r) => n + r.villagesBelowMin, 0),
  };
}
