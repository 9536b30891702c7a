import * as path from "node:path";
import { init } from "../../commands/init.js";
import { hasErrors } from "../../diagnostics/diagnostic.js";
import { EXIT, ReserveError, type ExitCode } from "../../diagnostics/fatal.js";
import { today } from "../../io/clock.js";
import { DIVISION_EDITION } from "../../io/division-table.js";
import { displayPath } from "../../io/layout.js";
import { ui } from "../../messages/ui.js";
import type { CliContext } from "../context.js";
import { formatFinding } from "../format-findings.js";
import { parseYear } from "../options.js";

export async function runInit(
  dir: string,
  flags: { register?: string; district?: string; name?: string; year?: string },
  ctx: CliContext,
): Promise<ExitCode> {
  const t = ui(ctx.lang).init;
  if (flags.register === undefined && flags.district === undefined) {
    throw new ReserveError("usage", { detail: t.needSource });
  }
  const year = parseYear(flags.year, ctx.lang) ?? Number(today().slice(0, 4));
  const result = init({
    dir,
    cwd: ctx.cwd,
    year,
    ...(flags.register !== undefined && { register: flags.register }),
    ...(flags.district !== undefined && { district: flags.district }),
    ...(flags.name && { name: flags.name }),
  });
  if (result.diagnostics.length > 0) {
    const style = await ctx.stderrStyle();
    for (const d of result.diagnostics) ctx.err(formatFinding(d, ctx.lang, style));
  }
  const district = result.district;
  if (!district || hasErrors(result.diagnostics)) {
    throw new ReserveError("bad-register", { file: flags.register! });
  }
  const place = `${district.province ?? ""}${district.city ?? ""}`;
  ctx.out(
    t.created(
      displayPath(path.resolve(ctx.cwd, dir), ctx.cwd),
      { name: district.name, code: district.code, place },
      district.towns.length,
      district.villages.length,
    ),
  );
  if (result.source === "official") ctx.out(t.fromOfficial(DIVISION_EDITION));
  if (result.kinds) ctx.out(t.kinds(result.kinds.villages, result.kinds.communities, result.kinds.doubtful));
  const diff = result.differences;
  if (diff) {
    ctx.out(t.differences(diff.edition, diff.added.length, diff.missing.length, diff.renamed.length));
    for (const u of diff.added) ctx.out(t.added(u.code, u.name));
    for (const u of diff.missing) ctx.out(t.missing(u.code, u.name));
    for (const u of diff.renamed) ctx.out(t.renamed(u.code, u.official, u.name));
  }
  ctx.out(t.next);
  return EXIT.ok;
}
