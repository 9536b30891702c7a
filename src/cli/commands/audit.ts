import type { AuditOptions } from "../../commands/audit.js";
import type { ExitCode } from "../../diagnostics/fatal.js";
import { today } from "../../io/clock.js";
import { beginRead } from "../../io/read-session.js";
import type { CliContext } from "../context.js";
import { noticeText } from "../notices.js";
import { dataRoots, lockWaitMs, parseDate, parseFormat, parseYear } from "../options.js";
import { sessionOf } from "../../commands/audit-session.js";

export interface AuditFlags {
  readonly data?: string | string[];
  readonly village?: string[];
  readonly town?: string[];
  readonly rule?: string[];
  readonly date?: string;
  readonly year?: string;
  readonly strict?: boolean;
  readonly format?: string;
  readonly listRules?: boolean;
}

export async function runAudit(flags: AuditFlags, ctx: CliContext): Promise<ExitCode> {
  const format = parseFormat(flags.format, ctx.lang);
  if (flags.listRules) return (await import("./audit-run.js")).listRules(ctx, format);
  // Wrong rule names are a usage error, said before the library is looked at.
  if (flags.rule && flags.rule.length > 0) (await import("./audit-run.js")).checkRuleNames(flags.rule, ctx);
  const date = parseDate(flags.date, ctx.lang);
  const year = parseYear(flags.year, ctx.lang);
  const roots = dataRoots(flags.data, ctx.env, ctx.cwd);
  if (roots.length > 1) return (await import("./rollup.js")).runRollupAudit(roots, flags, ctx);
  const root = roots[0]!;
  const options: AuditOptions = {
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
  };
  const stamp = beginRead(root, sessionOf(options));
  const { auditLibrary } = await import("./audit-run.js");
  return auditLibrary(root, options, stamp, format, ctx);
}
