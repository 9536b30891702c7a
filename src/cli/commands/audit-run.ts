import { audit, namesOf, summarise, type AuditOptions } from "../../commands/audit.js";
import { auditPart, resolveSettings, type AuditSettings } from "../../commands/audit-parts.js";
import { planParts } from "../../commands/audit-plan.js";
import { unchangedSince } from "../../io/library-session.js";
import { loadPart, openFrame, type LibraryFrame } from "../../io/load-cached.js";
import {
  InThreadRunner,
  WorkerRunner,
  workerCount,
  workerFile,
  type PartOutput,
  type PartRunner,
} from "../audit-parts-run.js";
import { colourStyle, wantsColour } from "../style.js";
import { EXIT, ReserveError, type ExitCode } from "../../diagnostics/fatal.js";
import { RULE_DESCRIPTIONS } from "../../messages/rule-descriptions.js";
import { ui } from "../../messages/ui.js";
import { RULES } from "../../rules/index.js";
import type { CliContext } from "../context.js";
import { findingJson, formatGrouped } from "../format-findings.js";

/**
 * The audit itself, loaded only when it has work to do: an audit answered from its memo
 * (io/audit-memo.ts) needs none of the loader, the rules or the workers.
 */

export function listRules(ctx: CliContext, format: "text" | "json"): ExitCode {
  const rules = RULES.map((r) => ({
    name: r.name,
    codes: r.codes,
    description: RULE_DESCRIPTIONS[r.name]?.[ctx.lang] ?? "",
  }));
  if (format === "json") ctx.out(JSON.stringify(rules, null, 2));
  else {
    const width = Math.max(...rules.map((r) => r.name.length));
    for (const r of rules) ctx.out(`${r.name.padEnd(width)}  ${r.description}`);
  }
  return EXIT.ok;
}

/** Throws the usage error for rule names that are not rules. */
export function checkRuleNames(names: readonly string[], ctx: CliContext): void {
  const unknown = names.filter((name) => !RULES.some((r) => r.name === name));
  if (unknown.length > 0) {
    throw new ReserveError("usage", { detail: ui(ctx.lang).usage.unknownRule(unknown.join(", ")), option: "--rule" });
  }
}

/** Libraries with more village files than this are audited in parts (a town at a time). */
const PARTS_FROM = 2000;

export async function auditLibrary(
  root: string,
  options: AuditOptions,
  stamp: string,
  format: "text" | "json",
  ctx: CliContext,
): Promise<ExitCode> {
  const frame = openFrame(root, { today: options.today, cwd: ctx.cwd });
  const settings = resolveSettings(frame, options);
  const forced = ctx.env.RESERVE_AUDIT_PARTS;
  if (forced === "1" || (forced !== "0" && frame.names.length >= PARTS_FROM && frame.register)) {
    return auditInParts(frame, settings, stamp, format, ctx);
  }
  const whole = { names: frame.names, order: [], whole: true, withFrame: true, ghosts: [], extra: [] };
  const findings = auditPart(frame, whole, settings);
  // A commit while reading: read again as any reader does.
  const result = unchangedSince(root, stamp) ? summarise(frame, settings, findings) : audit(options);
  const t = ui(ctx.lang);
  if (format === "json") {
    ctx.out(
      JSON.stringify(
        {
          date: result.date,
          year: result.year,
          summary: { errors: result.errors, warnings: result.warnings, villagesBelowMin: result.villagesBelowMin },
          findings: result.findings.map((d) => findingJson(d, ctx.lang)),
        },
        null,
        2,
      ),
    );
  } else if (result.findings.length > 0) {
    const style = await ctx.stdoutStyle();
    ctx.out(t.audit.header(result.date, result.year));
    ctx.out(formatGrouped(result.findings, ctx.lang, style, result.names));
    ctx.out("");
    ctx.out(t.audit.summary(result.errors, result.warnings, result.villagesBelowMin));
  }
  return result.errors > 0 ? EXIT.data : EXIT.ok;
}

/** Village files per request of the first pass. */
const KEY_BATCH = 400;

/**
 * A large library, a part at a time (commands/audit-parts.ts): a first pass reads every book's
 * keys (and brings the cache up to date), the parts are planned, then each part is checked and
 * printed in order as soon as it and those before it are done — memory holds a few parts, not the
 * library. The output is what the whole-library audit prints. Readers take no lock: a commit that
 * happens meanwhile is reported (the findings printed may mix both states), never passed over.
 */
async function auditInParts(
  frame: LibraryFrame,
  settings: AuditSettings,
  stamp: string,
  format: "text" | "json",
  ctx: CliContext,
): Promise<ExitCode> {
  const colour = wantsColour(process.stdout, ctx.env);
  const render = { lang: ctx.lang, format, colour };
  const names = namesOf(frame.register);
  const count = workerCount(ctx.env);
  const file = workerFile();
  const runner: PartRunner =
    file !== undefined && count > 0
      ? new WorkerRunner(file, count, { root: frame.root, cwd: frame.cwd, today: frame.today, settings, render })
      : new InThreadRunner(frame, settings, render, await colourStyle(colour), names);
  const t = ui(ctx.lang);
  try {
    const batches: string[][] = [];
    for (const name of frame.names) {
      const last = batches[batches.length - 1];
      if (last && last.length < KEY_BATCH && last[0]!.slice(0, 9) === name.slice(0, 9)) last.push(name);
      else batches.push([name]);
    }
    const files = (await Promise.all(batches.map((b) => runner.keys(b)))).flat();
    const parts = planParts(frame, files, (list) => loadPart(frame, list).books) ?? [
      { names: frame.names, order: [], whole: true, withFrame: true, ghosts: [], extra: [] },
    ];
    // Parts are asked for a little ahead of printing, so workers stay busy and few wait in memory.
    const ahead = Math.max(2, 2 * count);
    const outputs = new Map<number, Promise<PartOutput>>();
    const ask = (i: number) => {
      if (i < parts.length && !outputs.has(i)) outputs.set(i, runner.part(parts[i]!));
    };
    let errors = 0;
    let warnings = 0;
    let below = 0;
    let printed = false;
    const json = new JsonFindings();
    for (let i = 0; i < parts.length; i++) {
      for (let k = i; k <= i + ahead; k++) ask(k);
      const out = await outputs.get(i)!;
      outputs.delete(i);
      errors += out.errors;
      warnings += out.warnings;
      below += out.below;
      if (format === "json") json.add(out.json);
      else if (out.text) {
        // Parts follow each other as the towns of one listing: a blank line between them.
        ctx.out(printed ? "" : t.audit.header(settings.date, settings.year));
        ctx.out(out.text);
        printed = true;
      }
    }
    if (!unchangedSince(frame.root, stamp)) {
      throw new ReserveError("io-error", { path: frame.districtFile, reason: "changed while read" });
    }
    if (format === "json") {
      const summary = { errors, warnings, villagesBelowMin: below };
      json.print(ctx, { date: settings.date, year: settings.year, summary });
    } else if (printed) {
      ctx.out("");
      ctx.out(t.audit.summary(errors, warnings, below));
    }
    return errors > 0 ? EXIT.data : EXIT.ok;
  } finally {
    await runner.close();
  }
}

/** The findings of the JSON output, kept until the summary (which comes first) is known. */
class JsonFindings {
  private readonly items: string[] = [];

  add(items: readonly string[]): void {
    for (const item of items) this.items.push(item);
  }

  print(ctx: CliContext, head: { date: string; year: number; summary: object }): void {
    const text = JSON.stringify({ ...head, findings: [] }, null, 2);
    if (this.items.length === 0) {
      ctx.out(text);
      return;
    }
    ctx.out(`${text.slice(0, text.lastIndexOf("[]"))}[`);
    for (let i = 0; i < this.items.length; i++)
      ctx.out(i + 1 < this.items.length ? `${this.items[i]},` : this.items[i]!);
    ctx.out("  ]\n}");
  }
}
