import * as path from "node:path";
import type { IsoDate } from "../domain/dates.js";
import { bookSources, type Library } from "../domain/library.js";
import { findTown, findVillage } from "../domain/places.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { ReserveError } from "../diagnostics/fatal.js";
import { displayPath } from "../io/layout.js";
import { changeLibrary, historyStamp, historyWrite, openLibrary, type Notice } from "../io/library-session.js";
import type { LoadedLibrary } from "../io/load-library.js";
import { targetState, writeReportFolder, type WrittenReport } from "../io/report-write.js";
import type { Lang } from "../messages/lang.js";
import { ui } from "../messages/ui.js";
import { buildReport } from "../reports/build.js";
import type { ReportModel } from "../reports/model.js";
import { ReportKeys, reportPlan, type ReportFormat, type ReportPart } from "../reports/plan.js";
import { checkedPeriod } from "./period.js";
import { villageScope } from "./scope.js";
import { sessionFor } from "../io/read-session.js";
import { CACHE_BUILD } from "../io/cache-state.js";

export interface ReportOptions {
  readonly root: string;
  readonly cwd: string;
  readonly today: IsoDate;
  readonly year?: number;
  readonly date?: IsoDate;
  readonly villages?: readonly string[];
  readonly towns?: readonly string[];
  readonly formats: ReadonlySet<ReportFormat>;
  /** The folder to write into; default reports/<year> (reports/<year>-<codes> for a narrowed report). */
  readonly out?: string;
  readonly reveal?: boolean;
  readonly lang: Lang;
  readonly waitMs?: number;
  readonly onNotice?: (n: Notice) => void;
}

export type ReportResult =
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] }
  | {
      readonly ok: true;
      readonly model: ReportModel;
      /** The folder written, as shown to the user. */
      readonly out: string;
      /** What was written, without the contents (which were let go as soon as written). */
      readonly files: readonly { readonly part: ReportPart; readonly path: string }[];
      readonly written: WrittenReport;
      /** Warnings met while loading (errors stop the report). */
      readonly warnings: readonly Diagnostic[];
    };

/** Load problems that make the numbers untrustworthy: every error (warnings are reported, not fatal). */
function loadErrors(loaded: LoadedLibrary): Diagnostic[] {
  return loaded.diagnostics.filter((d) => d.severity === "error");
}

function scopeOf(library: Library, villages: readonly string[], towns: readonly string[]) {
  const district = library.district;
  if (villages.length === 0 && towns.length === 0) return undefined;
  const townCodes = towns.flatMap((t) => {
    const found = findTown(district, t);
    return found.ok ? [found.value.code] : [];
  });
  const villageCodes = villages.flatMap((v) => {
    const found = findVillage(district, v);
    return found.ok ? [found.value.code] : [];
  });
  return { towns: [...new Set(townCodes)].sort(), villages: [...new Set(villageCodes)].sort() };
}

function model(library: Library, options: ReportOptions): ReportModel {
  const { date, year } = checkedPeriod(library, options);
  const scope = villageScope(library.district, options.villages ?? [], options.towns ?? []);
  const named = scopeOf(library, options.villages ?? [], options.towns ?? []);
  return buildReport(library, {
    year,
    date,
    inScope: scope.inScope,
    ...(named && { scope: named }),
    reveal: options.reveal === true,
  });
}

function defaultOut(m: ReportModel): string {
  if (!m.scope) return path.join("reports", String(m.year));
  const codes = [...m.scope.towns, ...m.scope.villages];
  const slug = codes.length <= 3 ? codes.join("+") : `${codes.slice(0, 3).join("+")}+${codes.length - 3}`;
  return path.join("reports", `${m.year}-${slug}`);
}

const inside = (child: string, parent: string) => {
  const rel = path.relative(parent, child);
  return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
};

/**
 * Writes the year's reports. Reading takes no lock; with --reveal the library is opened for a
 * change instead, so that the `reveal` entry is in the history before any full value is written.
 */
export async function report(options: ReportOptions): Promise<ReportResult> {
  const t = ui(options.lang).report;
  const session = sessionFor("report", options);
  let built:
    { model: ReportModel; sources: ReadonlyMap<string, string>; warnings: Diagnostic[] } | { errors: Diagnostic[] };
  const prepare = (loaded: LoadedLibrary) => {
    const errors = loadErrors(loaded);
    if (!loaded.library || errors.length > 0) return { errors: errors.length > 0 ? errors : [...loaded.diagnostics] };
    return {
      model: model(loaded.library, options),
      sources: bookSources(loaded.library.books),
      warnings: loaded.diagnostics.filter((d) => d.severity !== "error"),
    };
  };
  const target = (m: ReportModel) => path.resolve(options.cwd, options.out ?? defaultOut(m));
  const checkTarget = (abs: string) => {
    const shown = displayPath(abs, options.cwd);
    if (inside(abs, options.root) || inside(options.root, abs)) {
      throw new ReserveError("usage", { detail: t.insideLibrary(shown), option: "--out" });
    }
    const state = targetState(abs);
    if (state === "foreign") throw new ReserveError("usage", { detail: t.notReportFolder(shown), option: "--out" });
    if (state === "not-dir") throw new ReserveError("usage", { detail: t.notDirectory(shown), option: "--out" });
  };
  if (options.reveal) {
    built = changeLibrary(options.root, session, (loaded) => {
      const r = prepare(loaded);
      if ("errors" in r) return { writes: [], result: r };
      const abs = target(r.model);
      checkTarget(abs);
      const { at, by } = historyStamp();
      const shown = displayPath(abs, options.cwd);
      const entry = {
        at,
        by,
        command: "report",
        reason: "--reveal",
        summary: { persons: r.model.people.length },
        changes: [{ action: "reveal" as const, reason: `report ${r.model.year} → ${shown}` }],
      };
      return { writes: [historyWrite(entry)], result: r };
    });
  } else {
    built = prepare(openLibrary(options.root, session));
  }
  if ("errors" in built) return { ok: false, diagnostics: built.errors };
  const m = built.model;
  const abs = target(m);
  checkTarget(abs);
  const files: { part: ReportPart; path: string }[] = [];
  const written = await writeReportFolder(
    abs,
    (function* () {
      for (const f of reportPlan(
        m,
        options.formats,
        options.lang,
        new ReportKeys(m, options.lang, CACHE_BUILD, built.sources),
      )) {
        files.push({ part: f.part, path: f.path });
        yield f;
      }
    })(),
  );
  return { ok: true, model: m, out: displayPath(abs, options.cwd), files, written, warnings: built.warnings };
}
