import * as path from "node:path";
import type { IsoDate } from "../domain/dates.js";
import { bookSources, type Library } from "../domain/library.js";
import { findTown, findVillage } from "../domain/places.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { ReserveError } from "../diagnostics/fatal.js";
import { displayPath } from "../io/layout.js";
import { changeLibrary, historyStamp, historyWrite, readConsistently, type Notice } from "../io/library-session.js";
import { loadLibraryLazy } from "../io/load-cached.js";
import type { LoadedLibrary } from "../io/load-library.js";
import {
  readPreviousReport,
  targetState,
  writeReportFolder,
  type PreviousReport,
  type WrittenReport,
} from "../io/report-write.js";
import type { Lang } from "../messages/lang.js";
import { ui } from "../messages/ui.js";
import { buildReport, PartKeys, type VillagePart } from "../reports/build.js";
import type { AdjustedOut, ReportModel } from "../reports/model.js";
import { digest, ReportKeys, reportPlan, type ReportFormat, type ReportPart } from "../reports/plan.js";
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

/**
 * What each village adds to the report (reports/build.ts VillagePart), kept beside the report's
 * state for the next run: under `basis` (the program, the year, the report date, the register and
 * policy, the sessions: everything a village's part is made from besides its people), each
 * village's part with its file's digest. A part is taken again only when both are the same.
 */
interface KeptParts {
  readonly basis: string;
  /** The distribution keys the parts' figures refer to (PartKeys). */
  readonly keys: string[];
  readonly villages: Record<string, StoredPart>;
}

type StoredPart = readonly [
  source: string,
  persons: number,
  figures: readonly number[],
  sheet: readonly (string | number)[],
  adjusted: readonly AdjustedOut[],
];

function partsBasis(library: Library, year: number, date: IsoDate): string {
  const trainings = library.trainings.map((t) => [t.year, t.file, t.sessions]);
  return digest(`${CACHE_BUILD}\0${year}\0${date}\0${JSON.stringify(library.district)}\0${JSON.stringify(trainings)}`);
}

function keptParts(text: string | undefined, basis: string): KeptParts | undefined {
  if (text === undefined) return undefined;
  try {
    const kept = JSON.parse(text) as KeptParts;
    const ok =
      kept.basis === basis &&
      Array.isArray(kept.keys) &&
      kept.keys.every((k) => typeof k === "string" && k.includes("\0")) &&
      typeof kept.villages === "object" &&
      kept.villages !== null;
    return ok ? kept : undefined;
  } catch {
    return undefined;
  }
}

function model(
  library: Library,
  options: ReportOptions,
  target: (year: number, scope: ReportModel["scope"]) => string,
): { model: ReportModel; parts: string; previous: PreviousReport } {
  const { date, year } = checkedPeriod(library, options);
  const scope = villageScope(library.district, options.villages ?? [], options.towns ?? []);
  const named = scopeOf(library, options.villages ?? [], options.towns ?? []);
  const sources = bookSources(library.books);
  const basis = partsBasis(library, year, date);
  const before = readPreviousReport(target(year, named));
  const previous = keptParts(before.parts, basis);
  const keys = new PartKeys(previous?.keys);
  const next: Record<string, StoredPart> = {};
  const taken = new Map<string, VillagePart | undefined>();
  const m = buildReport(library, {
    year,
    date,
    inScope: scope.inScope,
    ...(named && { scope: named }),
    reveal: options.reveal === true,
    keys,
    kept: (village) => {
      let part = taken.get(village);
      if (part === undefined && !taken.has(village)) {
        const k = previous && Object.hasOwn(previous.villages, village) ? previous.villages[village] : undefined;
        if (Array.isArray(k) && k.length === 5 && k[0] === sources.get(village)) {
          part = { persons: k[1], figures: k[2], sheet: k[3], adjusted: k[4] };
        }
        taken.set(village, part);
      }
      return part;
    },
    parts: (village, part) => {
      const source = sources.get(village);
      if (source !== undefined) next[village] = [source, part.persons, part.figures, part.sheet, part.adjusted];
    },
  });
  const parts = JSON.stringify({ basis, keys: keys.list, villages: next } satisfies KeptParts);
  return { model: m, parts, previous: before };
}

function defaultOut(m: Pick<ReportModel, "year" | "scope">): string {
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
    | {
        model: ReportModel;
        sources: ReadonlyMap<string, string>;
        parts: string;
        previous: PreviousReport;
        warnings: Diagnostic[];
      }
    | { errors: Diagnostic[] };
  const target = (m: Pick<ReportModel, "year" | "scope">) => path.resolve(options.cwd, options.out ?? defaultOut(m));
  const prepare = (loaded: LoadedLibrary) => {
    const errors = loadErrors(loaded);
    if (!loaded.library || errors.length > 0) return { errors: errors.length > 0 ? errors : [...loaded.diagnostics] };
    const made = model(loaded.library, options, (year, scope) => target({ year, scope }));
    return {
      ...made,
      sources: bookSources(loaded.library.books),
      warnings: loaded.diagnostics.filter((d) => d.severity !== "error"),
    };
  };
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
        summary: { persons: r.model.persons },
        changes: [{ action: "reveal" as const, reason: `report ${r.model.year} → ${shown}` }],
      };
      return { writes: [historyWrite(entry)], result: r };
    });
  } else {
    // Each book's records are decoded only when its village's part or files are made again.
    built = prepare(readConsistently(options.root, session, () => loadLibraryLazy(options.root, session)));
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
    { parts: built.parts, previous: built.previous },
  );
  return { ok: true, model: m, out: displayPath(abs, options.cwd), files, written, warnings: built.warnings };
}
