import {
  audit,
  finishAudit,
  planAudit,
  runHere,
  shardsOf,
  type AuditOptions,
  type AuditPlan,
} from "../../commands/audit.js";
import type { TownResult } from "../../commands/audit-units.js";
import { unchangedSince } from "../../io/library-session.js";
import { WorkerRunner, workerCount, workerFile } from "../audit-workers.js";
import { EXIT, ReserveError, type ExitCode } from "../../diagnostics/fatal.js";
import { RULE_DESCRIPTIONS } from "../../messages/rule-descriptions.js";
import { ui } from "../../messages/ui.js";
import { RULES } from "../../rules/index.js";
import type { CliContext } from "../context.js";
import { findingJson, formatGrouped } from "../format-findings.js";

/** The audit itself, and --list-rules: loaded only when asked for. */

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

/** From how many village files to read or check again the work goes to worker threads. */
const WORKERS_FROM = 1000;

export async function auditLibrary(
  root: string,
  options: AuditOptions,
  stamp: string,
  format: "text" | "json",
  ctx: CliContext,
): Promise<ExitCode> {
  const plan = planAudit(options);
  const workers = workerCount(ctx.env);
  const file = workerFile();
  const threads =
    file !== undefined && workers.count > 0 && plan.jobs.length > 0
      ? workers.forced || plan.work >= WORKERS_FROM
      : false;
  let result = threads
    ? finishAudit(plan, await onWorkers(plan, file!, workers.count), shardsOf(plan.jobs))
    : finishAudit(plan, runHere(plan));
  // A commit while reading: read again as any reader does.
  if (!unchangedSince(root, stamp)) result = audit(options);
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

/** The plan's towns brought up to date on worker threads, the largest asked for first. */
async function onWorkers(plan: AuditPlan, file: string, count: number): Promise<(TownResult | undefined)[]> {
  const { frame, period } = plan;
  const runner = new WorkerRunner(file, count, { root: frame.root, cwd: frame.cwd, today: frame.today, period });
  try {
    const order = plan.jobs.map((_, i) => i).sort((a, b) => plan.jobs[b]!.names.length - plan.jobs[a]!.names.length);
    const results = new Array<Promise<TownResult | undefined>>(plan.jobs.length);
    for (const i of order) results[i] = runner.town(plan.jobs[i]!);
    return await Promise.all(results);
  } finally {
    await runner.close();
  }
}
