import { recordCultivation, type RecordResult } from "../../commands/record.js";
import { recordKind } from "../../domain/cultivation-columns.js";
import { EXIT, ReserveError, type ExitCode } from "../../diagnostics/fatal.js";
import { today } from "../../io/clock.js";
import { ui } from "../../messages/ui.js";
import type { CliContext } from "../context.js";
import { findingJson, formatFinding } from "../format-findings.js";
import { noticeText } from "../notices.js";
import { dataRoot, lockWaitMs, parseFormat } from "../options.js";

export interface RecordFlags {
  readonly data?: string;
  readonly dryRun?: boolean;
  readonly format?: string;
  readonly sheet?: string;
  readonly reason?: string;
  readonly wait?: string;
}

function json(result: RecordResult, ctx: CliContext): string {
  return JSON.stringify(
    {
      status: result.status,
      kind: result.kind,
      summary: { ...result.totals, errors: result.errors, warnings: result.warnings, omitted: result.omitted },
      files: result.files.map((f) => ({
        file: f.file,
        format: f.format ?? null,
        encoding: f.encoding ?? null,
        sheet: f.sheet ?? null,
        rows: f.rows,
        sha256: f.sha256 ?? null,
      })),
      sessions: result.sessions.map((s) => ({ ...s.session, created: s.created })),
      political_status: result.political,
      history: result.historyFile ?? null,
      diagnostics: result.diagnostics.map((d) => findingJson(d, ctx.lang)),
    },
    null,
    2,
  );
}

async function text(result: RecordResult, ctx: CliContext): Promise<void> {
  const t = ui(ctx.lang);
  const errStyle = await ctx.stderrStyle();
  for (const d of result.diagnostics) ctx.err(formatFinding(d, ctx.lang, errStyle));
  if (result.omitted > 0) ctx.err(t.import.omitted(result.omitted, result.diagnostics.length));
  if (result.status === "library-invalid") return;
  if (result.status === "rejected") {
    ctx.err(`reserve: ${errStyle.error(t.severity.error)} ${t.record.rejected(result.errors, result.warnings)}`);
    return;
  }
  ctx.out(t.import.files(result.files.length));
  const width = Math.max(...result.files.map((f) => f.file.length));
  for (const f of result.files) ctx.out(`  ${f.file.padEnd(width)}  ${t.import.file(f)}`);
  ctx.out(t.record.totals(result.kind, result.totals));
  for (const s of result.sessions) {
    ctx.out(`  ${s.created ? t.record.sessionCreated(s.session) : t.record.sessionUpdated(s.session)}`);
  }
  if (result.political > 0) ctx.out(t.record.political(result.political));
  if (result.warnings > 0) ctx.out(t.record.warnings(result.warnings));
  if (result.status === "dry-run") ctx.out(t.record.dryRun);
  else if (result.status === "unchanged") ctx.out(t.record.unchanged);
  else ctx.out(t.record.recorded(result.historyFile ?? ""));
}

export async function runRecord(
  kindInput: string,
  files: string[],
  flags: RecordFlags,
  ctx: CliContext,
): Promise<ExitCode> {
  const format = parseFormat(flags.format, ctx.lang);
  const kind = recordKind(kindInput);
  if (!kind) throw new ReserveError("usage", { detail: ui(ctx.lang).record.badKind(kindInput), option: "KIND" });
  const result = await recordCultivation({
    root: dataRoot(flags.data, ctx.env, ctx.cwd),
    cwd: ctx.cwd,
    kind,
    files,
    today: today(),
    dryRun: flags.dryRun === true,
    ...(flags.sheet !== undefined && { sheet: flags.sheet }),
    ...(flags.reason !== undefined && flags.reason.trim() !== "" && { reason: flags.reason.trim() }),
    waitMs: lockWaitMs(flags.wait, ctx.env, ctx.lang),
    onNotice: (n) => ctx.err(noticeText(n, ctx.lang)),
  });
  if (format === "json") ctx.out(json(result, ctx));
  else await text(result, ctx);
  if (result.status === "library-invalid" && format === "text") throw new ReserveError("library-invalid");
  return result.status === "rejected" || result.status === "library-invalid" ? EXIT.data : EXIT.ok;
}
