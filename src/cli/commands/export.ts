import { EXPORT_FORMATS, exportLibrary, type ExportFormat } from "../../commands/export.js";
import { EXIT, ReserveError, type ExitCode } from "../../diagnostics/fatal.js";
import { today } from "../../io/clock.js";
import { ui } from "../../messages/ui.js";
import type { CliContext } from "../context.js";
import { refusalLines } from "../format-findings.js";
import { noticeText } from "../notices.js";
import { dataRoot, lockWaitMs, parseDate, parseYear } from "../options.js";
import { byteSize } from "./report.js";

export interface ExportFlags {
  readonly data?: string;
  readonly year?: string;
  readonly format?: string;
  readonly out?: string;
  readonly date?: string;
  readonly reveal?: boolean;
  readonly wait?: string;
}

function parseExportFormat(value: string | undefined, ctx: CliContext): ExportFormat {
  const v = (value ?? "csv").trim().toLowerCase();
  if (!(EXPORT_FORMATS as readonly string[]).includes(v)) {
    throw new ReserveError("usage", { detail: ui(ctx.lang).export.badFormat(value ?? "") });
  }
  return v as ExportFormat;
}

export async function runExport(flags: ExportFlags, ctx: CliContext): Promise<ExitCode> {
  const format = parseExportFormat(flags.format, ctx);
  const date = parseDate(flags.date, ctx.lang);
  const year = parseYear(flags.year, ctx.lang);
  const result = await exportLibrary({
    root: dataRoot(flags.data, ctx.env, ctx.cwd),
    cwd: ctx.cwd,
    today: today(),
    ...(date && { date }),
    ...(year && { year }),
    format,
    ...(flags.out !== undefined && { out: flags.out }),
    reveal: flags.reveal === true,
    lang: ctx.lang,
    waitMs: lockWaitMs(flags.wait, ctx.env, ctx.lang),
    onNotice: (n) => ctx.err(noticeText(n, ctx.lang)),
  });
  const t = ui(ctx.lang);
  if (!result.ok) {
    const style = await ctx.stderrStyle();
    for (const line of refusalLines(result.diagnostics, t.export.refused, t.export.refusedHint, ctx.lang, style))
      ctx.err(line);
    return EXIT.data;
  }
  const style = await ctx.stdoutStyle();
  ctx.out(t.export.header(result.date, result.year));
  ctx.out(t.export.written(result.out, result.written.files, byteSize(result.written.bytes)));
  for (const tb of result.tables) ctx.out(`  ${t.export.table(tb.file, tb.rows)}`);
  ctx.out(t.export.labels);
  if (result.warnings.length > 0) ctx.err(t.report.warnings(result.warnings.length));
  if (result.reveal) ctx.out(style.warning(t.export.revealed));
  return EXIT.ok;
}
