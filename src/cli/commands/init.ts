import * as path from "node:path";
import { init } from "../../commands/init.js";
import { hasErrors } from "../../diagnostics/diagnostic.js";
import { EXIT, ReserveError, type ExitCode } from "../../diagnostics/fatal.js";
import { today } from "../../io/clock.js";
import { displayPath } from "../../io/layout.js";
import { ui } from "../../messages/ui.js";
import type { CliContext } from "../context.js";
import { formatFinding } from "../format-findings.js";
import { parseYear } from "../options.js";

export async function runInit(
  dir: string,
  flags: { register?: string; name?: string; year?: string },
  ctx: CliContext,
): Promise<ExitCode> {
  const year = parseYear(flags.year, ctx.lang) ?? Number(today().slice(0, 4));
  const result = init({
    dir,
    register: flags.register!,
    cwd: ctx.cwd,
    year,
    ...(flags.name && { name: flags.name }),
  });
  if (result.diagnostics.length > 0) {
    const style = await ctx.stderrStyle();
    for (const d of result.diagnostics) ctx.err(formatFinding(d, ctx.lang, style));
  }
  if (!result.district || hasErrors(result.diagnostics)) {
    throw new ReserveError("bad-register", { file: flags.register! });
  }
  const t = ui(ctx.lang).init;
  ctx.out(
    t.created(
      displayPath(path.resolve(ctx.cwd, dir), ctx.cwd),
      result.district.towns.length,
      result.district.villages.length,
    ),
  );
  ctx.out(t.next);
  return EXIT.ok;
}
