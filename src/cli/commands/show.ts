import { show } from "../../commands/show.js";
import { EXIT, type ExitCode } from "../../diagnostics/fatal.js";
import { today } from "../../io/clock.js";
import { ui } from "../../messages/ui.js";
import { shownId, shownPhone } from "../../reports/format.js";
import { reportLabels } from "../../reports/labels.js";
import type { PersonFacts, ReportModel } from "../../reports/model.js";
import { displayWidth, personDoc, personText } from "../../reports/person.js";
import type { CliContext } from "../context.js";
import { noticeText } from "../notices.js";
import { dataRoot, lockWaitMs, parseDate, parseFormat, parseYear } from "../options.js";

export interface ShowFlags {
  readonly data?: string;
  readonly village?: string[];
  readonly town?: string[];
  readonly year?: string;
  readonly date?: string;
  readonly reveal?: boolean;
  readonly format?: string;
  readonly wait?: string;
}

/** Columns aligned by display width (Chinese characters take two columns). */
function columns(rows: readonly (readonly (string | number)[])[]): string[] {
  const cells = rows.map((r) => r.map(String));
  const widths = cells[0]!.map((_, i) => Math.max(...cells.map((r) => displayWidth(r[i] ?? ""))));
  return cells.map((r) =>
    r
      .map((c, i) => c + " ".repeat(widths[i]! - displayWidth(c)))
      .join("  ")
      .trimEnd(),
  );
}

/** The person's record as JSON, ID number and phone masked unless revealed. */
function personJson(model: ReportModel, p: PersonFacts): unknown {
  const r = p.reserve;
  return {
    id: r.id,
    name: r.name,
    town: { code: p.town, name: p.townName },
    village: { code: p.village, name: p.villageName },
    date: model.date,
    age: p.age ?? null,
    inPool: p.inPool,
    pending: p.pending,
    reveal: model.reveal,
    record: {
      ...r,
      id_number: shownId(r.id_number, model.reveal),
      ...(r.phone !== undefined && { phone: shownPhone(r.phone, model.reveal) }),
    },
  };
}

export async function runShow(what: string, flags: ShowFlags, ctx: CliContext): Promise<ExitCode> {
  const format = parseFormat(flags.format, ctx.lang);
  const date = parseDate(flags.date, ctx.lang);
  const year = parseYear(flags.year, ctx.lang);
  const result = show({
    root: dataRoot(flags.data, ctx.env, ctx.cwd),
    cwd: ctx.cwd,
    today: today(),
    query: what,
    villages: flags.village ?? [],
    towns: flags.town ?? [],
    ...(date && { date }),
    ...(year && { year }),
    reveal: flags.reveal === true,
    waitMs: lockWaitMs(flags.wait, ctx.env, ctx.lang),
    onNotice: (n) => ctx.err(noticeText(n, ctx.lang)),
  });
  const t = ui(ctx.lang);
  const L = reportLabels(ctx.lang);
  const errors = result.problems.filter((d) => d.severity === "error").length;
  if (errors > 0) ctx.err(t.show.problems(errors));
  const { model } = result;
  switch (result.kind) {
    case "unknown":
      ctx.err(`reserve: ${t.show.unknown(what)}`);
      ctx.err(`  ${t.hint}${t.show.unknownHint}`);
      return EXIT.usage;
    case "ambiguous": {
      ctx.err(`reserve: ${t.show.ambiguous(what, result.matches.length)}`);
      for (const line of columns(
        result.matches.map((p) => [p.reserve.id, p.reserve.name, `${p.townName}${p.villageName}`, p.reserve.status]),
      )) {
        ctx.err(`  ${line}`);
      }
      ctx.err(`  ${t.hint}${t.show.ambiguousHint}`);
      return EXIT.usage;
    }
    case "towns": {
      const rows = model.towns.map((tw) => [
        tw.code,
        tw.name,
        tw.figures.villages,
        tw.figures.inPool,
        tw.figures.quota["below-min"],
      ]);
      if (format === "json")
        ctx.out(
          JSON.stringify(
            model.towns.map((tw) => ({
              code: tw.code,
              name: tw.name,
              villages: tw.figures.villages,
              inPool: tw.figures.inPool,
              belowMin: tw.figures.quota["below-min"],
            })),
            null,
            2,
          ),
        );
      else for (const line of columns([t.show.townsHeader, ...rows])) ctx.out(line);
      return EXIT.ok;
    }
    case "villages": {
      const status = (v: (typeof model.villages)[number]) => (v.quotaStatus ? L.quota[v.quotaStatus] : L.noQuota);
      if (format === "json") {
        ctx.out(
          JSON.stringify(
            model.villages.map((v) => ({
              code: v.code,
              name: v.name,
              town: v.town,
              inPool: v.figures.inPool,
              pending: v.figures.pending,
              quotaStatus: v.quotaStatus ?? null,
            })),
            null,
            2,
          ),
        );
      } else {
        const rows = model.villages.map((v) => [
          v.code,
          v.townName,
          v.name,
          v.figures.inPool,
          v.figures.pending,
          status(v),
        ]);
        for (const line of columns([t.show.villagesHeader, ...rows])) ctx.out(line);
      }
      return EXIT.ok;
    }
    case "person": {
      if (format === "json") ctx.out(JSON.stringify(personJson(model, result.person), null, 2));
      else {
        const style = await ctx.stdoutStyle();
        ctx.out(personText(personDoc(model, result.person, ctx.lang), style.bold));
      }
      if (model.reveal) ctx.err(t.show.revealed);
      return EXIT.ok;
    }
  }
}
