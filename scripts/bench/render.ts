/**
 * The bench's table, and docs/performance.md around it: the measured part is rewritten between
 * its markers on every run; what is written by hand around it (what the profile shows, the next
 * steps) stays.
 */
import * as path from "node:path";

export interface Row {
  readonly scale: string;
  readonly label: string;
  readonly argv: readonly string[];
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly rssMiB?: number;
  readonly reference?: string;
  readonly ratio?: number;
  readonly target?: number;
  readonly rssTarget?: number;
}

const BEGIN = "<!-- bench:begin (written by npm run bench) -->";
const END = "<!-- bench:end -->";

function time(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 100_000) return `${(ms / 1000).toFixed(2)} s`;
  return `${(ms / 1000).toFixed(0)} s`;
}

function verdict(r: Row): string {
  const parts: string[] = [];
  if (r.target !== undefined && r.ratio !== undefined) {
    parts.push(
      r.ratio <= r.target
        ? `met (≤ ${r.target})`
        : `**not met** (≤ ${r.target}: ${(r.ratio / r.target).toFixed(2)}× over)`,
    );
  }
  if (r.rssTarget !== undefined && r.rssMiB !== undefined) {
    parts.push(r.rssMiB <= r.rssTarget ? `RSS met (≤ ${r.rssTarget} MiB)` : `**RSS not met** (≤ ${r.rssTarget} MiB)`);
  }
  return parts.join("; ");
}

export function renderTable(rows: readonly Row[]): string {
  const head = "| scale | command | median | min – max | peak RSS | ÷ reference | ratio | target |";
  const rule = "|---|---|--:|--:|--:|---|--:|---|";
  const lines = rows.map((r) =>
    [
      r.scale,
      r.label,
      time(r.median),
      `${time(r.min)} – ${time(r.max)}`,
      r.rssMiB === undefined ? "" : `${r.rssMiB.toFixed(0)} MiB`,
      r.reference ?? "",
      r.ratio === undefined ? "" : r.ratio.toFixed(2),
      verdict(r),
    ].join(" | "),
  );
  return [head, rule, ...lines.map((l) => `| ${l} |`)].join("\n");
}

/** The command lines, with the machine's paths shortened so the document reads the same anywhere. */
function commands(rows: readonly Row[], repo: string, work: string): string {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const r of rows) {
    const line = r.argv
      .map((a, i) => (i === 0 && path.basename(a) === "node" ? "node" : a))
      .map((a) =>
        a
          .split(work)
          .join("$WORK")
          .split(repo + path.sep)
          .join(""),
      )
      .join(" ");
    if (seen.has(line)) continue;
    seen.add(line);
    out.push(`- ${r.scale}: \`${line}\``);
  }
  return out.join("\n");
}

export function renderDoc(
  previous: string,
  rows: readonly Row[],
  checks: readonly string[],
  context: { machine: string; date: string; rounds: string; repo: string; work: string },
): string {
  const measured = [
    BEGIN,
    "",
    `Measured ${context.date} on ${context.machine}. ${context.rounds}`,
    "",
    renderTable(rows),
    "",
    ...(checks.length > 0 ? [...checks, ""] : []),
    "<details><summary>The commands timed ($WORK is the bench's scratch folder)</summary>",
    "",
    commands(rows, context.repo, context.work),
    "",
    "</details>",
    "",
    END,
  ].join("\n");
  const begin = previous.indexOf(BEGIN);
  const end = previous.indexOf(END);
  if (begin !== -1 && end > begin) return previous.slice(0, begin) + measured + previous.slice(end + END.length);
  return `# Performance\n\n${measured}\n`;
}
