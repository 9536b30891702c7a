import { audit } from "../../commands/audit.js";
import { EXIT, ReserveError, type ExitCode } from "../../diagnostics/fatal.js";
import { today } from "../../io/clock.js";
import { RULE_DESCRIPTIONS } from "../../messages/rule-descriptions.js";
import { ui } from "../../messages/ui.js";
import { RULES } from "../../rules/index.js";
import type { CliContext } from "../context.js";
import { findingJson, formatGrouped } from "../format-findings.js";
import { noticeText } from "../notices.js";
import { dataRoot, lockWaitMs, parseDate, parseFormat, parseYear } from "../options.js";

export interface AuditFlags {
  readonly data?: string;
  readonly village?: string[];
  readonly town?: string[];
  readonly rule?: string[];
  readonly date?: string;
  readonly year?: string;
  readonly strict?: boolean;
  readonly format?: string;
  readonly listRules?: boolean;
}

function listRules(ctx: CliContext, format: "text" | "json"): ExitCode {
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

export async function runAudit(flags: AuditFlags, ctx: CliContext): Promise<ExitCode> {
  const format = parseFormat(flags.format, ctx.lang);
  if (flags.listRules) return listRules(ctx, format);
  const unknown = (flags.rule ?? []).filter((name) => !RULES.some((r) => r.name === name));
  if (unknown.length > 0) {
    throw new ReserveError("usage", { detail: ui(ctx.lang).usage.unknownRule(unknown.join(", ")) });
  }
  const date = parseDate(flags.date, ctx.lang);
  const year = parseYear(flags.year, ctx.lang);
  const root = dataRoot(flags.data, ctx.env, ctx.cwd);
  const result = audit({
    root,
    cwd: ctx.cwd,
    today: today(),
    ...(date && { date }),
    ...(year && { year }),
    villages: flags.village ?? [],
    towns: flags.town ?? [],
    rules: flags.rule ?? [],
    strict: flags.strict === true,
    waitMs: lockWaitMs(undefined, ctx.env, ctx.lang),
    onNotice: (n) => ctx.err(noticeText(n, ctx.lang)),
  });
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
