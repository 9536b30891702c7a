import * as path from "node:path";
import type { AuditOptions } from "../../commands/audit.js";
import type { ExitCode } from "../../diagnostics/fatal.js";
import { readMemo, takeSnapshot, writeMemo } from "../../io/audit-memo.js";
import { today } from "../../io/clock.js";
import { beginRead, unchangedSince } from "../../io/read-session.js";
import type { CliContext } from "../context.js";
import { noticeText } from "../notices.js";
import { dataRoots, lockWaitMs, parseDate, parseFormat, parseYear } from "../options.js";
import { wantsColour } from "../style.js";
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
  const session = sessionOf(options);
  const stamp = beginRead(root, session);
  // The question asked, and everything else the printed answer depends on (see io/audit-memo.ts).
  const key =
    ctx.env.RESERVE_AUDIT_MEMO === "0"
      ? undefined
      : JSON.stringify({
          root: path.resolve(root),
          cwd: ctx.cwd,
          generation: stamp,
          today: options.today,
          date: date ?? null,
          year: year ?? null,
          villages: options.villages,
          towns: options.towns,
          rules: options.rules,
          strict: options.strict,
          format,
          lang: ctx.lang,
          colour: wantsColour(process.stdout, ctx.env),
        });
  const before = key === undefined ? undefined : takeSnapshot(root);
  if (key !== undefined && before) {
    const memo = readMemo(root, key, before);
    if (memo) {
      for (const line of memo.lines) ctx.out(line);
      return memo.code as ExitCode;
    }
  }
  const lines: string[] = [];
  const recording: CliContext = {
    ...ctx,
    out: (text) => {
      lines.push(text);
      ctx.out(text);
    },
  };
  const { auditLibrary } = await import("./audit-run.js");
  const code = await auditLibrary(root, options, stamp, format, before ? recording : ctx);
  if (key !== undefined && before && unchangedSince(root, stamp)) writeMemo(root, key, before, { lines, code });
  return code;
}
