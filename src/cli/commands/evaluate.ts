import { evaluateSheets, type EvaluateResult } from "../../commands/evaluate.js";
import { auditPeriod, checkedPeriod } from "../../commands/period.js";
import { GRADE_CODES } from "../../domain/terms.js";
import { EXIT, ReserveError, type ExitCode } from "../../diagnostics/fatal.js";
import { today } from "../../io/clock.js";
import { openLibrary } from "../../io/library-session.js";
import { ui } from "../../messages/ui.js";
import type { CliContext } from "../context.js";
import { findingJson, formatFinding } from "../format-findings.js";
import { noticeText } from "../notices.js";
import { dataRoot, lockWaitMs, parseDate, parseFormat, parseYear } from "../options.js";

export interface EvaluateFlags {
  readonly data?: string;
  readonly year?: string;
  readonly date?: string;
  readonly dryRun?: boolean;
  readonly format?: string;
  readonly sheet?: string;
  readonly reason?: string;
  readonly wait?: string;
}

function json(result: EvaluateResult, ctx: CliContext): string {
  return JSON.stringify(
    {
      status: result.status,
      year: result.year,
      date: result.date,
      summary: { ...result.totals, errors: result.errors, warnings: result.warnings, omitted: result.omitted },
      files: result.files.map((f) => ({
        file: f.file,
        format: f.format ?? null,
        encoding: f.encoding ?? null,
        sheet: f.sheet ?? null,
        rows: f.rows,
        sha256: f.sha256 ?? null,
      })),
      people: result.people.map((p) => ({ ...p, adjusted: p.adjusted ?? null })),
      adjusted: result.adjusted.map((p) => ({ ...p, adjusted: p.adjusted ?? null })),
      replenishment: result.replenishment,
      history: result.historyFile ?? null,
      diagnostics: result.diagnostics.map((d) => findingJson(d, ctx.lang)),
    },
    null,
    2,
  );
}

async function text(result: EvaluateResult, labels: Record<string, string>, ctx: CliContext): Promise<void> {
  const t = ui(ctx.lang);
  const e = t.evaluate;
  const errStyle = await ctx.stderrStyle();
  for (const d of result.diagnostics) ctx.err(formatFinding(d, ctx.lang, errStyle));
  if (result.omitted > 0) ctx.err(t.import.omitted(result.omitted, result.diagnostics.length));
  if (result.status === "library-invalid") return;
  if (result.status === "rejected") {
    ctx.err(`reserve: ${errStyle.error(t.severity.error)} ${e.rejected(result.errors, result.warnings)}`);
    return;
  }
  const style = await ctx.stdoutStyle();
  ctx.out(t.import.files(result.files.length));
  const width = Math.max(...result.files.map((f) => f.file.length));
  for (const f of result.files) ctx.out(`  ${f.file.padEnd(width)}  ${t.import.file(f)}`);
  const sep = ctx.lang === "zh" ? "、" : ", ";
  const grades = GRADE_CODES.filter((g) => result.totals.grades[g] > 0)
    .map((g) => `${labels[g] ?? g} ${result.totals.grades[g]}`)
    .join(sep);
  ctx.out(e.heading(result.year, result.date, result.people.length, grades));
  ctx.out(e.counts(result.totals));
  if (result.totals.notDue > 0) ctx.out(e.notDue(result.totals.notDue));
  if (result.adjusted.length > 0) {
    ctx.out(style.bold(e.adjusted(result.adjusted.length)));
    for (const p of result.adjusted) {
      const reasons = p.reasons.join(sep);
      ctx.out(
        `  ${e.person(p)}  ${e.grade(labels[p.grade] ?? p.grade, p.score)}  ${reasons}${p.adjusted === "before" ? e.before : ""}`,
      );
    }
  }
  if (result.replenishment.length > 0) {
    ctx.out(style.bold(e.replenishment(result.replenishment.length)));
    for (const s of result.replenishment) ctx.out(`  ${e.shortage(s)}`);
  } else ctx.out(e.noShortage);
  if (result.warnings > 0) ctx.out(e.warnings(result.warnings));
  if (result.status === "dry-run") ctx.out(e.dryRun);
  else if (result.status === "unchanged") ctx.out(e.unchanged);
  else ctx.out(e.evaluated(result.totals.adjustedOut, result.historyFile ?? ""));
}

export async function runEvaluate(files: string[], flags: EvaluateFlags, ctx: CliContext): Promise<ExitCode> {
  const format = parseFormat(flags.format, ctx.lang);
  const date = parseDate(flags.date, ctx.lang);
  const year = parseYear(flags.year, ctx.lang);
  const root = dataRoot(flags.data, ctx.env, ctx.cwd);
  const now = today();
  const waitMs = lockWaitMs(flags.wait, ctx.env, ctx.lang);
  const onNotice = (n: Parameters<typeof noticeText>[0]) => ctx.err(noticeText(n, ctx.lang));
  // The working year and the grade labels come from the library; a library with errors is
  // reported by the evaluation itself.
  const loaded = openLibrary(root, { today: now, cwd: ctx.cwd, command: "evaluate", waitMs, onNotice });
  const district = loaded.library?.district;
  const asked = { today: now, ...(date && { date }), ...(year && { year }) };
  const period = loaded.library
    ? checkedPeriod(loaded.library, asked)
    : auditPeriod(district?.year ?? Number(now.slice(0, 4)), asked);
  if (period.date.slice(0, 4) !== String(period.year).padStart(4, "0")) {
    throw new ReserveError("usage", {
      detail: ui(ctx.lang).evaluate.badDate(period.date, period.year),
      option: "--date",
    });
  }
  const result = await evaluateSheets({
    root,
    cwd: ctx.cwd,
    files,
    year: period.year,
    date: period.date,
    today: now,
    dryRun: flags.dryRun === true,
    ...(flags.sheet !== undefined && { sheet: flags.sheet }),
    ...(flags.reason !== undefined && flags.reason.trim() !== "" && { reason: flags.reason.trim() }),
    waitMs,
    onNotice,
  });
  if (format === "json") ctx.out(json(result, ctx));
  else await text(result, { ...(district?.policy.evaluation.grade_labels ?? {}) }, ctx);
  if (result.status === "library-invalid" && format === "text") throw new ReserveError("library-invalid");
  return result.status === "rejected" || result.status === "library-invalid" ? EXIT.data : EXIT.ok;
}
