import * as path from "node:path";
import { EXIT, ReserveError, type ExitCode } from "../../diagnostics/fatal.js";
import { displayPath } from "../../io/layout.js";
import { templateCsv, templateXlsx, writeNewFile } from "../../io/roster-template.js";
import { ui } from "../../messages/ui.js";
import type { CliContext } from "../context.js";

export interface TemplateFlags {
  readonly out?: string;
  readonly format?: string;
}

/** `reserve template`: the CSV to standard output, or either format to a new file. */
export async function runTemplate(flags: TemplateFlags, ctx: CliContext): Promise<ExitCode> {
  const t = ui(ctx.lang).template;
  const format = (flags.format ?? (flags.out && /\.xlsx$/i.test(flags.out) ? "xlsx" : "csv")).toLowerCase();
  if (format !== "csv" && format !== "xlsx") throw new ReserveError("usage", { detail: t.badFormat(format) });
  if (flags.out === undefined) {
    if (format === "xlsx") throw new ReserveError("usage", { detail: t.needsOut });
    ctx.out(templateCsv().replace(/\r\n$/, ""));
    return EXIT.ok;
  }
  const abs = path.resolve(ctx.cwd, flags.out);
  const shown = displayPath(abs, ctx.cwd);
  const data = format === "xlsx" ? await templateXlsx(t) : templateCsv();
  const outcome = writeNewFile(abs, shown, data);
  if (outcome !== "written") {
    throw new ReserveError("usage", { detail: outcome === "exists" ? t.exists(shown) : t.noFolder(shown) });
  }
  ctx.out(t.written(shown));
  return EXIT.ok;
}
