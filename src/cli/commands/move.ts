import { movePerson } from "../../commands/move.js";
import { EXIT, ReserveError, type ExitCode } from "../../diagnostics/fatal.js";
import { today } from "../../io/clock.js";
import { ui } from "../../messages/ui.js";
import type { CliContext } from "../context.js";
import { findingJson, formatFinding } from "../format-findings.js";
import { noticeText } from "../notices.js";
import { dataRoot, lockWaitMs, parseDate, parseFormat } from "../options.js";

export interface MoveFlags {
  readonly to?: string;
  readonly reason?: string;
  readonly data?: string;
  readonly format?: string;
  readonly wait?: string;
  readonly date?: string;
  readonly outOfPool?: boolean;
}

export async function runMove(person: string, flags: MoveFlags, ctx: CliContext): Promise<ExitCode> {
  const t = ui(ctx.lang).move;
  const format = parseFormat(flags.format, ctx.lang);
  const reason = (flags.reason ?? "").trim();
  if (reason === "") throw new ReserveError("usage", { detail: t.emptyReason, option: "--reason" });
  const now = today();
  const date = parseDate(flags.date, ctx.lang);
  if (date !== undefined && date > now)
    throw new ReserveError("usage", { detail: t.futureDate(date), option: "--date" });
  const result = movePerson({
    root: dataRoot(flags.data, ctx.env, ctx.cwd),
    cwd: ctx.cwd,
    today: now,
    person,
    to: flags.to!,
    reason,
    ...(date !== undefined && { date }),
    outOfPool: flags.outOfPool === true,
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
    switch (r.kind) {
      case "unknown-person":
        throw new ReserveError("usage", { detail: t.unknownPerson(r.person), option: "PERSON" });
      case "same-village":
        throw new ReserveError("usage", { detail: t.sameVillage(r.name, r.village), option: "--to" });
      case "inactive-village":
        throw new ReserveError("usage", { detail: t.inactiveVillage(r.village, r.status), option: "--to" });
      case "not-in-pool":
        throw new ReserveError("usage", {
          detail: t.notInPool(r.name, r.status, r.date, r.reason),
          option: "--out-of-pool",
          hint: t.notInPoolHint,
        });
    }
  }
  const below = result.belowMin;
  if (format === "json") {
    const { id, name, from, to, fromName, toName, date: moved, entryName, historyFile } = result;
    ctx.out(
      JSON.stringify(
        {
          moved: true,
          id,
          name,
          from,
          to,
          fromName,
          toName,
          date: moved,
          entryName,
          history: historyFile,
          belowMin: below ?? null,
        },
        null,
        2,
      ),
    );
    return EXIT.ok;
  }
  ctx.out(t.moved(result.name, result.id, result.fromName, result.toName, result.historyFile));
  ctx.out(t.idKept(result.id, result.entryName));
  if (below) {
    const style = await ctx.stdoutStyle();
    ctx.out(`${style.warning(ui(ctx.lang).severity.warning)} ${t.belowMin(below.name, below.count, below.min)}`);
  }
  return EXIT.ok;
}
