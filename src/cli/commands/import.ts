import { importRosters, type ImportResult } from "../../commands/import.js";
import { EXIT, ReserveError, type ExitCode } from "../../diagnostics/fatal.js";
import { today } from "../../io/clock.js";
import { renderDiagnostic } from "../../messages/render.js";
import { ui } from "../../messages/ui.js";
import type { CliContext } from "../context.js";
import { findingJson, formatFinding } from "../format-findings.js";
import { noticeText } from "../notices.js";
import { dataRoot, lockWaitMs, parseFormat } from "../options.js";
import { importProgress } from "../progress.js";

export interface ImportFlags {
  readonly data?: string;
  readonly dryRun?: boolean;
  readonly format?: string;
  readonly sheet?: string;
  readonly reason?: string;
  readonly wait?: string;
}

function json(result: ImportResult, ctx: CliContext): string {
  return JSON.stringify(
    {
      status: result.status,
      date: result.date,
      summary: {
        ...result.totals,
        errors: result.errors,
        warnings: result.warnings,
        notices: result.notices,
        omitted: result.omitted,
      },
      files: result.files.map((f) => ({
        file: f.file,
        format: f.format ?? null,
        encoding: f.encoding ?? null,
        delimiter: f.delimiter ?? null,
        sheet: f.sheet ?? null,
        rows: f.rows,
        sha256: f.sha256 ?? null,
      })),
      villages: result.villages,
      quota: result.quota.map((d) => {
        const { message, hint } = renderDiagnostic(d, ctx.lang);
        return { code: d.code, severity: d.severity, town: d.town ?? null, village: d.village ?? null, message, hint };
      }),
      history: result.historyFile ?? null,
      diagnostics: result.diagnostics.map((d) => findingJson(d, ctx.lang)),
    },
    null,
    2,
  );
}

/** Prints what was read and, per village, what changed and how many now count; then the outcome. */
async function text(result: ImportResult, ctx: CliContext): Promise<void> {
  const t = ui(ctx.lang).import;
  const errStyle = await ctx.stderrStyle();
  for (const d of result.diagnostics) ctx.err(formatFinding(d, ctx.lang, errStyle));
  if (result.omitted > 0) ctx.err(t.omitted(result.omitted, result.diagnostics.length));
  if (result.status === "library-invalid") return;
  if (result.status === "rejected") {
    ctx.err(`reserve: ${errStyle.error(ui(ctx.lang).severity.error)} ${t.rejected(result.errors, result.warnings)}`);
    return;
  }
  const style = await ctx.stdoutStyle();
  ctx.out(t.files(result.files.length));
  const width = Math.max(...result.files.map((f) => f.file.length));
  for (const f of result.files) ctx.out(`  ${f.file.padEnd(width)}  ${t.file(f)}`);
  if (result.villages.length > 0) {
    ctx.out(t.villages);
    for (const v of result.villages) ctx.out(`  ${t.place(v.townName, v.name, v.code)}  ${t.village(v)}`);
  }
  if (result.quota.length > 0) {
    // How the library stands after an accepted import: information, not a fault of the run.
    ctx.out(style.bold(t.quota));
    for (const d of result.quota) ctx.out(`  ${renderDiagnostic(d, ctx.lang).message}`);
  }
  if (result.totals.rewritten > 0) ctx.out(t.rewritten(result.totals.rewritten));
  if (result.warnings > 0) ctx.out(t.warnings(result.warnings));
  if (result.status === "dry-run") ctx.out(t.dryRun);
  else if (result.status === "unchanged") ctx.out(t.unchanged(result.totals.rows));
  else ctx.out(t.imported(result.totals, result.historyFile ?? ""));
}

export async function runImport(files: string[], flags: ImportFlags, ctx: CliContext): Promise<ExitCode> {
  const format = parseFormat(flags.format, ctx.lang);
  const root = dataRoot(flags.data, ctx.env, ctx.cwd);
  const waitMs = lockWaitMs(flags.wait, ctx.env, ctx.lang);
  // With --format json too: the JSON goes to stdout, and the line is gone from stderr before it.
  const progress = importProgress(ctx.stderrTerminal, { lang: ctx.lang, env: ctx.env });
  let result: ImportResult;
  try {
    result = await importRosters({
      root,
      cwd: ctx.cwd,
      files,
      today: today(),
      dryRun: flags.dryRun === true,
      ...(flags.sheet !== undefined && { sheet: flags.sheet }),
      ...(flags.reason !== undefined && flags.reason.trim() !== "" && { reason: flags.reason.trim() }),
      waitMs,
      onNotice: (n) => {
        progress.clear();
        ctx.err(noticeText(n, ctx.lang));
      },
      onProgress: progress.tick,
    });
  } finally {
    // Before the summary, the problems or a fatal error, so that they read as in a pipe.
    progress.stop();
  }
  if (format === "json") ctx.out(json(result, ctx));
  else await text(result, ctx);
  if (result.status === "library-invalid" && format === "text") throw new ReserveError("library-invalid");
  return result.status === "rejected" || result.status === "library-invalid" ? EXIT.data : EXIT.ok;
}
