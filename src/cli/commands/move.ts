import { movePerson } from "../../commands/move.js";
import { EXIT, ReserveError, type ExitCode } from "../../diagnostics/fatal.js";
import { today } from "../../io/clock.js";
import { ui } from "../../messages/ui.js";
import type { CliContext } from "../context.js";
import { findingJson, formatFinding } from "../format-findings.js";
import { noticeText } from "../notices.js";
import { dataRoot, lockWaitMs, parseFormat } from "../options.js";

export interface MoveFlags {
  readonly to?: string;
  readonly reason?: string;
  readonly data?: string;
  readonly format?: string;
  readonly wait?: string;
}

export async function runMove(person: string, flags: MoveFlags, ctx: CliContext): Promise<ExitCode> {
  const t = ui(ctx.lang).move;
  const format = parseFormat(flags.format, ctx.lang);
  const reason = (flags.reason ?? "").trim();
  if (reason === "") throw new ReserveError("usage", { detail: t.emptyReason });
  const result = movePerson({
    root: dataRoot(flags.data, ctx.env, ctx.cwd),
    cwd: ctx.cwd,
    today: today(),
    person,
    to: flags.to!,
    reason,
    waitMs: lockWaitMs(flags.wait, ctx.env, ctx.lang),
    onNotice: (n) => ctx.err(noticeText(n, ctx.lang)),
  });
  if (!result.ok && "diagnostics" in result) {
    if (format === "json") {
      ctx.out(
        JSON.stringify({ moved: false, diagnostics: result.diagnostics.map((d) => findingJson(d, ctx.lang)) }, null, 2),
      );
      return EXIT.data;
    }
    const style = await ctx.stderrStyle();
    for (const d of result.diagnostics) ctx.err(formatFinding(d, ctx.lang, style));
    throw new ReserveError("library-invalid");
  }
  if (!result.ok) {
    const r = result.refusal;
    const detail =
      r.kind === "unknown-person"
        ? t.unknownPerson(r.person)
        : r.kind === "same-village"
          ? t.sameVillage(r.name, r.village)
          : t.inactiveVillage(r.village, r.status);
    throw new ReserveError("usage", { detail });
  }
  if (format === "json") {
    const { id, name, from, to, fromName, toName, historyFile } = result;
    ctx.out(JSON.stringify({ moved: true, id, name, from, to, fromName, toName, history: historyFile }, null, 2));
  } else ctx.out(t.moved(result.name, result.id, result.fromName, result.toName, result.historyFile));
  return EXIT.ok;
}
