import * as path from "node:path";
import type { IsoDate } from "../domain/dates.js";
import type { Library } from "../domain/library.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { ReserveError } from "../diagnostics/fatal.js";
import { flatCsvText, labelsCsvText, parquetBytes } from "../io/flat-write.js";
import { displayPath } from "../io/layout.js";
import { changeLibrary, historyStamp, historyWrite, openLibrary, type Notice } from "../io/library-session.js";
import type { LoadedLibrary } from "../io/load-library.js";
import { sessionFor } from "../io/read-session.js";
import { madeFiles, targetState, writeReportFolder, type WrittenReport } from "../io/report-write.js";
import type { Lang } from "../messages/lang.js";
import { ui } from "../messages/ui.js";
import { buildReport } from "../reports/build.js";
import { exportTables, type FlatTable } from "../reports/export-tables.js";
import type { ReportFile } from "../reports/plan.js";
import { auditPeriod } from "./period.js";

export const EXPORT_FORMATS = ["csv", "parquet"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportOptions {
  readonly root: string;
  readonly cwd: string;
  readonly today: IsoDate;
  readonly year?: number;
  readonly date?: IsoDate;
  readonly format: ExportFormat;
  /** The folder to write into; default exports/<year>-<format>. */
  readonly out?: string;
  readonly reveal?: boolean;
  readonly lang: Lang;
  readonly waitMs?: number;
  readonly onNotice?: (n: Notice) => void;
}

export interface ExportedTable {
  readonly name: string;
  readonly file: string;
  readonly rows: number;
}

export type ExportResult =
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] }
  | {
      readonly ok: true;
      readonly year: number;
      readonly date: IsoDate;
      readonly out: string;
      readonly tables: readonly ExportedTable[];
      readonly written: WrittenReport;
      readonly reveal: boolean;
      readonly warnings: readonly Diagnostic[];
    };

/** The file that says what the folder holds: the tables, their columns and types, the day judged. */
export const MANIFEST = "export.json";
export const LABELS = "labels.csv";

const inside = (child: string, parent: string) => {
  const rel = path.relative(parent, child);
  return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
};

/** Refuses an export folder inside (or around) a library, or one that holds files of its own. */
export function checkExportTarget(abs: string, roots: readonly string[], cwd: string, lang: Lang): void {
  const t = ui(lang).report;
  const shown = displayPath(abs, cwd);
  for (const root of roots) {
    if (inside(abs, root) || inside(root, abs)) throw new ReserveError("usage", { detail: t.insideLibrary(shown) });
  }
  const state = targetState(abs);
  if (state === "foreign") throw new ReserveError("usage", { detail: t.notReportFolder(shown) });
  if (state === "not-dir") throw new ReserveError("usage", { detail: t.notDirectory(shown) });
}

interface Built {
  readonly tables: FlatTable[];
  readonly library: Library;
  readonly year: number;
  readonly date: IsoDate;
  readonly warnings: Diagnostic[];
}

function build(loaded: LoadedLibrary, options: ExportOptions): Built | { errors: Diagnostic[] } {
  const errors = loaded.diagnostics.filter((d) => d.severity === "error");
  if (!loaded.library || errors.length > 0) return { errors: errors.length > 0 ? errors : [...loaded.diagnostics] };
  const library = loaded.library;
  const { year, date } = auditPeriod(library.district.year, options);
  const reveal = options.reveal === true;
  const model = buildReport(library, { year, date, reveal });
  const sessions = [...library.trainings]
    .sort((a, b) => a.year - b.year)
    .flatMap((t) =>
      [...t.sessions].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : 1)),
    );
  return {
    tables: exportTables(library.district, model, sessions, reveal),
    library,
    year,
    date,
    warnings: loaded.diagnostics.filter((d) => d.severity !== "error"),
  };
}

function manifest(b: Built, format: ExportFormat, reveal: boolean): string {
  const d = b.library.district;
  const doc = {
    export: "reserve flat tables",
    version: 1,
    district: {
      code: d.code,
      name: d.name,
      ...(d.city !== undefined && { city: d.city }),
      ...(d.province !== undefined && { province: d.province }),
    },
    year: b.year,
    date: b.date,
    masked: !reveal,
    format,
    tables: b.tables.map((t) => ({
      name: t.name,
      file: `${t.name}.${format}`,
      rows: t.rows.length,
      label: { zh: t.zh, en: t.en },
      columns: t.columns.map((c) => ({ name: c.name, type: c.type, label: { zh: c.zh, en: c.en } })),
    })),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/**
 * Writes the library as flat tables (docs/export.md). Reading takes no lock; with --reveal the
 * library is opened for a change instead, so that the `reveal` entry is in the history before any
 * full value is written — as `reserve report --reveal` does.
 */
export async function exportLibrary(options: ExportOptions): Promise<ExportResult> {
  const session = sessionFor("export", options);
  const reveal = options.reveal === true;
  const target = (b: Built) =>
    path.resolve(options.cwd, options.out ?? path.join("exports", `${b.year}-${options.format}`));
  let built: Built | { errors: Diagnostic[] };
  if (reveal) {
    built = changeLibrary<Built | { errors: Diagnostic[] }>(options.root, session, (loaded) => {
      const b = build(loaded, options);
      if ("errors" in b) return { writes: [], result: b };
      const abs = target(b);
      checkExportTarget(abs, [options.root], options.cwd, options.lang);
      const { at, by } = historyStamp();
      const entry = {
        at,
        by,
        command: "export",
        reason: "--reveal",
        summary: { persons: b.tables.find((t) => t.name === "reserves")?.rows.length ?? 0 },
        changes: [
          {
            action: "reveal" as const,
            reason: `export ${b.year} ${options.format} → ${displayPath(abs, options.cwd)}`,
          },
        ],
      };
      return { writes: [historyWrite(entry)], result: b };
    });
  } else {
    built = build(openLibrary(options.root, session), options);
  }
  if ("errors" in built) return { ok: false, diagnostics: built.errors };
  const b = built;
  const abs = target(b);
  checkExportTarget(abs, [options.root], options.cwd, options.lang);
  const files: ReportFile[] = [
    { path: MANIFEST, kind: "text", text: manifest(b, options.format, reveal) },
    { path: LABELS, kind: "text", text: labelsCsvText(b.tables) },
  ];
  for (const t of b.tables) {
    const file = `${t.name}.${options.format}`;
    files.push(
      options.format === "parquet"
        ? { path: file, kind: "bytes", bytes: parquetBytes(t) }
        : { path: file, kind: "text", text: flatCsvText(t) },
    );
  }
  const written = await writeReportFolder(abs, madeFiles(files), { state: false });
  return {
    ok: true,
    year: b.year,
    date: b.date,
    out: displayPath(abs, options.cwd),
    tables: b.tables.map((t) => ({ name: t.name, file: `${t.name}.${options.format}`, rows: t.rows.length })),
    written,
    reveal,
    warnings: b.warnings,
  };
}
