import { report } from "../../commands/report.js";
import { EXIT, ReserveError, type ExitCode } from "../../diagnostics/fatal.js";
import { today } from "../../io/clock.js";
import { ui } from "../../messages/ui.js";
import { reportLabels } from "../../reports/labels.js";
import { REPORT_FORMATS, type ReportFormat, type ReportPart } from "../../reports/plan.js";
import { displayWidth } from "../../reports/person.js";
import { scopeText } from "../../reports/summary.js";
import type { CliContext } from "../context.js";
import { refusalLines } from "../format-findings.js";
import { noticeText } from "../notices.js";
import { dataRoots, lockWaitMs, parseDate, parseYear } from "../options.js";

export interface ReportFlags {
  readonly data?: string | string[];
  readonly year?: string;
  readonly out?: string;
  readonly village?: string[];
  readonly town?: string[];
  readonly format?: string;
  readonly date?: string;
  readonly reveal?: boolean;
  readonly ledgers?: boolean;
  readonly wait?: string;
}

/** `--format md,csv`: a comma-separated subset of the report formats; all when absent. */
export function parseReportFormats(value: string | undefined, ctx: CliContext): Set<ReportFormat> {
  if (value === undefined) return new Set(REPORT_FORMATS);
  const parts = value
    .split(",")
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  const bad = parts.filter((p) => !(REPORT_FORMATS as readonly string[]).includes(p));
  if (parts.length === 0 || bad.length > 0) {
    throw new ReserveError("usage", {
      detail: ui(ctx.lang).report.badFormats(bad.join(",") || value),
      option: "--format",
    });
  }
  return new Set(parts as ReportFormat[]);
}

/** A file size as the terminal shows it. */
export function byteSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export async function runReport(flags: ReportFlags, ctx: CliContext): Promise<ExitCode> {
  const roots = dataRoots(flags.data, ctx.env, ctx.cwd);
  if (roots.length > 1) return (await import("./rollup.js")).runRollupReport(roots, flags, ctx);
  if (flags.ledgers) throw new ReserveError("usage", { detail: ui(ctx.lang).rollup.severalLibrariesOnly("--ledgers") });
  const formats = parseReportFormats(flags.format, ctx);
  const date = parseDate(flags.date, ctx.lang);
  const year = parseYear(flags.year, ctx.lang);
  const result = await report({
    root: roots[0]!,
    cwd: ctx.cwd,
    today: today(),
    ...(date && { date }),
    ...(year && { year }),
    villages: flags.village ?? [],
    towns: flags.town ?? [],
    formats,
    ...(flags.out !== undefined && { out: flags.out }),
    reveal: flags.reveal === true,
    lang: ctx.lang,
    waitMs: lockWaitMs(flags.wait, ctx.env, ctx.lang),
    onNotice: (n) => ctx.err(noticeText(n, ctx.lang)),
  });
  const t = ui(ctx.lang);
  if (!result.ok) {
    const style = await ctx.stderrStyle();
    for (const line of refusalLines(result.diagnostics, t.report.refused, t.report.refusedHint, ctx.lang, style))
      ctx.err(line);
    return EXIT.data;
  }
  const { model, files } = result;
  const L = reportLabels(ctx.lang);
  const style = await ctx.stdoutStyle();
  ctx.out(t.report.header(model.date, model.year, scopeText(model, L)));
  ctx.out(t.report.written(result.out, result.written.files, byteSize(result.written.bytes), result.written.kept));
  const of = (part: ReportPart) => files.filter((f) => f.part === part).map((f) => f.path);
  const rows: [string, string][] = [];
  const summary = of("summary");
  if (summary.length > 0) rows.push([t.report.parts.summary, summary.join(L.sep)]);
  if (of("dashboard").length > 0) rows.push([t.report.parts.dashboard, of("dashboard").join(L.sep)]);
  if (of("town").length > 0) rows.push([t.report.parts.town, L.paren("towns/", t.report.towns(model.towns.length))]);
  if (of("village").length > 0) {
    rows.push([t.report.parts.village, L.paren("villages/", t.report.villages(model.villages.length))]);
  }
  // Each person's file (一人一档) is in the village's book.
  if (of("village").some((p) => !p.endsWith(".xlsx")) && model.persons > 0)
    rows.push([t.report.parts.person, L.paren("villages/", t.report.persons(model.persons))]);
  const sheets = of("evaluation");
  if (sheets.length > 0) {
    const kinds = [...new Set(sheets.map((p) => p.slice(p.lastIndexOf(".") + 1).toUpperCase()))].join(L.sep);
    const units = new Set(sheets.map((p) => p.slice(0, p.lastIndexOf(".")))).size;
    rows.push([t.report.parts.evaluation, L.paren("evaluation/", t.report.sheets(units, kinds))]);
  }
  const width = Math.max(...rows.map(([k]) => displayWidth(k)));
  for (const [k, v] of rows) ctx.out(`  ${k}${" ".repeat(width - displayWidth(k))}  ${v}`);
  const T = model.total;
  ctx.out(t.report.figures(T.inPool, T.villages, T.quota["below-min"], T.quota["below-target"]));
  if (result.warnings.length > 0) ctx.err(t.report.warnings(result.warnings.length));
  if (model.reveal) ctx.out(style.warning(t.report.revealed));
  return EXIT.ok;
}
