import { rollupAudit, rollupReport } from "../../commands/rollup.js";
import { EXIT, ReserveError, type ExitCode } from "../../diagnostics/fatal.js";
import { today } from "../../io/clock.js";
import { ui } from "../../messages/ui.js";
import { displayWidth } from "../../reports/person.js";
import type { CliContext } from "../context.js";
import { findingJson, formatFinding, formatGrouped, refusalLines } from "../format-findings.js";
import { noticeText } from "../notices.js";
import { lockWaitMs, parseDate, parseFormat, parseYear } from "../options.js";
import type { AuditFlags } from "./audit.js";
import { byteSize, parseReportFormats, type ReportFlags } from "./report.js";

/** `reserve report` and `reserve audit` given several libraries (`--data A --data B …`). */

/** Options that narrow one library's run have no meaning across several. */
function refuseNarrowing(flags: Record<string, unknown>, names: readonly string[], ctx: CliContext): void {
  for (const name of names) {
    const v = flags[name];
    if (v === true || (Array.isArray(v) && v.length > 0)) {
      throw new ReserveError("usage", { detail: ui(ctx.lang).rollup.oneLibraryOnly(`--${name}`) });
    }
  }
}

export async function runRollupReport(
  roots: readonly string[],
  flags: ReportFlags,
  ctx: CliContext,
): Promise<ExitCode> {
  refuseNarrowing(flags as Record<string, unknown>, ["village", "town", "reveal"], ctx);
  const formats = parseReportFormats(flags.format, ctx);
  const date = parseDate(flags.date, ctx.lang);
  const year = parseYear(flags.year, ctx.lang);
  const result = await rollupReport({
    roots,
    cwd: ctx.cwd,
    today: today(),
    ...(date && { date }),
    ...(year && { year }),
    formats,
    ledgers: flags.ledgers === true,
    ...(flags.out !== undefined && { out: flags.out }),
    lang: ctx.lang,
    waitMs: lockWaitMs(flags.wait, ctx.env, ctx.lang),
    onNotice: (n) => ctx.err(noticeText(n, ctx.lang)),
  });
  const t = ui(ctx.lang);
  if (!result.ok) {
    const style = await ctx.stderrStyle();
    const found = result.libraries.flatMap((lib) => lib.diagnostics);
    const refused = t.rollup.refused(result.libraries.length);
    for (const line of refusalLines(found, refused, t.report.refusedHint, ctx.lang, style)) ctx.err(line);
    return EXIT.data;
  }
  const r = result.rollup;
  ctx.out(t.rollup.header(r.name, r.date, r.year, r.districts.length));
  ctx.out(t.report.written(result.out, result.written.files, byteSize(result.written.bytes), result.written.kept));
  const of = (part: string) => result.files.filter((f) => f.part === part && !f.path.startsWith("districts/"));
  const rows: [string, string][] = [];
  if (of("summary").length > 0)
    rows.push([
      t.report.parts.summary,
      of("summary")
        .map((f) => f.path)
        .join("、"),
    ]);
  if (of("dashboard").length > 0)
    rows.push([
      t.report.parts.dashboard,
      of("dashboard")
        .map((f) => f.path)
        .join("、"),
    ]);
  rows.push(["districts/", t.rollup.districts(r.districts.length, flags.ledgers === true)]);
  const width = Math.max(...rows.map(([k]) => displayWidth(k)));
  for (const [k, v] of rows) ctx.out(`  ${k}${" ".repeat(width - displayWidth(k))}  ${v}`);
  const T = r.model.total;
  ctx.out(t.report.figures(T.inPool, T.villages, T.quota["below-min"], T.quota["below-target"]));
  const errors = r.findings.filter((d) => d.severity === "error").length;
  ctx.out(t.rollup.findings(errors, r.findings.length - errors));
  if (result.warnings > 0) ctx.err(t.report.warnings(result.warnings));
  return EXIT.ok;
}

export async function runRollupAudit(roots: readonly string[], flags: AuditFlags, ctx: CliContext): Promise<ExitCode> {
  refuseNarrowing(flags as Record<string, unknown>, ["village", "town", "rule"], ctx);
  const format = parseFormat(flags.format, ctx.lang);
  const date = parseDate(flags.date, ctx.lang);
  const year = parseYear(flags.year, ctx.lang);
  const result = rollupAudit({
    roots,
    cwd: ctx.cwd,
    today: today(),
    ...(date && { date }),
    ...(year && { year }),
    strict: flags.strict === true,
    lang: ctx.lang,
    waitMs: lockWaitMs(undefined, ctx.env, ctx.lang),
    onNotice: (n) => ctx.err(noticeText(n, ctx.lang)),
  });
  const t = ui(ctx.lang);
  const summary = { errors: result.errors, warnings: result.warnings, villagesBelowMin: result.villagesBelowMin };
  if (format === "json") {
    const doc = {
      date: result.date,
      year: result.year,
      summary,
      libraries: result.libraries.map((l) => ({
        library: l.root,
        district: l.code ?? null,
        name: l.label,
        date: l.result.date,
        year: l.result.year,
        summary: { errors: l.result.errors, warnings: l.result.warnings, villagesBelowMin: l.result.villagesBelowMin },
        findings: l.result.findings.map((d) => findingJson(d, ctx.lang)),
      })),
      findings: result.findings.map((d) => findingJson(d, ctx.lang)),
    };
    ctx.out(JSON.stringify(doc, null, 2));
  } else if (result.errors + result.warnings > 0) {
    const style = await ctx.stdoutStyle();
    ctx.out(t.audit.header(result.date, result.year));
    for (const l of result.libraries) {
      if (l.result.findings.length === 0) continue;
      ctx.out("");
      ctx.out(style.bold(t.rollup.library(l.label, l.code ?? "", l.root)));
      ctx.out(formatGrouped(l.result.findings, ctx.lang, style, l.result.names));
    }
    if (result.findings.length > 0) {
      ctx.out("");
      ctx.out(style.bold(t.rollup.across));
      for (const d of result.findings) ctx.out(formatFinding(d, ctx.lang, style));
    }
    ctx.out("");
    ctx.out(t.rollup.summary(result.errors, result.warnings, result.villagesBelowMin, result.libraries.length));
  }
  const failing = result.errors > 0 || (flags.strict === true && result.warnings > 0);
  return failing ? EXIT.data : EXIT.ok;
}
