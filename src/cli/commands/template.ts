import * as path from "node:path";
import { templateDistrict, templateKind, templateSpec } from "../../commands/template.js";
import { EXIT, ReserveError, type ExitCode } from "../../diagnostics/fatal.js";
import { today } from "../../io/clock.js";
import { displayPath } from "../../io/layout.js";
import { templateCsv, templateXlsx, writeNewFile } from "../../io/roster-template.js";
import { ui } from "../../messages/ui.js";
import type { CliContext } from "../context.js";
import { formatFinding } from "../format-findings.js";
import { noticeText } from "../notices.js";
import { dataRoot, lockWaitMs } from "../options.js";

export interface TemplateFlags {
  readonly out?: string;
  readonly format?: string;
  readonly data?: string;
  readonly town?: string[];
}

/**
 * `reserve template [KIND]`: the CSV to standard output, or either format to a new file. A library
 * is read only when asked for by --data or --town (a blank template needs none), and then only
 * into a workbook: a CSV file cannot offer drop-downs.
 */
export async function runTemplate(
  kindInput: string | undefined,
  flags: TemplateFlags,
  ctx: CliContext,
): Promise<ExitCode> {
  const t = ui(ctx.lang).template;
  const kind = templateKind(kindInput);
  if (!kind) throw new ReserveError("usage", { detail: t.badKind(kindInput ?? ""), option: "KIND" });
  const format = (flags.format ?? (flags.out && /\.xlsx$/i.test(flags.out) ? "xlsx" : "csv")).toLowerCase();
  if (format !== "csv" && format !== "xlsx") {
    throw new ReserveError("usage", { detail: t.badFormat(format), option: "--format" });
  }
  const towns = flags.town ?? [];
  const fromLibrary = flags.data !== undefined || towns.length > 0;
  if (fromLibrary && format !== "xlsx") {
    throw new ReserveError("usage", {
      detail: t.placesNeedXlsx,
      option: flags.data !== undefined ? "--data" : "--town",
    });
  }
  if (flags.out === undefined) {
    if (format === "xlsx") throw new ReserveError("usage", { detail: t.needsOut, option: "--out" });
    ctx.out(templateCsv(templateSpec(kind)).replace(/\r\n$/, ""));
    return EXIT.ok;
  }
  let spec = templateSpec(kind);
  if (fromLibrary) {
    const got = templateDistrict({
      root: dataRoot(flags.data, ctx.env, ctx.cwd),
      cwd: ctx.cwd,
      today: today(),
      waitMs: lockWaitMs(undefined, ctx.env, ctx.lang),
      onNotice: (n) => ctx.err(noticeText(n, ctx.lang)),
    });
    if ("diagnostics" in got) {
      const style = await ctx.stderrStyle();
      for (const d of got.diagnostics) ctx.err(formatFinding(d, ctx.lang, style));
      throw new ReserveError("library-invalid");
    }
    spec = templateSpec(kind, got.district, towns);
  }
  const abs = path.resolve(ctx.cwd, flags.out);
  const shown = displayPath(abs, ctx.cwd);
  const data = format === "xlsx" ? await templateXlsx(t.sheets(kind), spec) : templateCsv(spec);
  const outcome = writeNewFile(abs, shown, data);
  if (outcome !== "written") {
    throw new ReserveError("usage", {
      detail: outcome === "exists" ? t.exists(shown) : t.noFolder(shown),
      option: "--out",
      hint: outcome === "exists" ? t.existsHint : t.noFolderHint,
    });
  }
  ctx.out(t.written(kind, shown, spec.villages?.length ?? 0));
  return EXIT.ok;
}
