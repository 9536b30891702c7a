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
  readonly env?: Readonly<Record<string, string>>;
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly rssMiB?: number;
  readonly reference?: string;
  readonly ratio?: number;
  readonly target?: number;
  readonly rssTarget?: number;
  /** Set on a row a run skipped (--skip) and kept from the run before: when that was measured. */
  readonly kept?: string;
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
      r.kept === undefined ? r.label : `${r.label} (${r.kept})`,
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

/** A command line with the machine's paths shortened, so the document reads the same anywhere. */
export function shownCommand(
  argv: readonly string[],
  repo: string,
  work: string,
  env: Readonly<Record<string, string>> = {},
): string {
  const assignments = Object.entries(env).map(([k, v]) => `${k}=${v} `);
  return (
    assignments.join("") +
    argv
      .map((a, i) => (i === 0 && path.basename(a) === "node" ? "node" : a))
      .map((a) =>
        a
          .split(work)
          .join("$WORK")
          .split(repo + path.sep)
          .join(""),
      )
      .join(" ")
  );
}

/** One scale's results as kept in the document: a later run of other scales keeps them. */
export interface ScaleRun {
  readonly scale: string;
  /** When, on what, at which commit, how many rounds. */
  readonly measured: string;
  readonly rows: readonly Row[];
  readonly checks: readonly string[];
}

const ORDER = ["district", "province", "country"];
const DATA = /<!-- bench:data (.*?) -->/s;

function previousRuns(previous: string): ScaleRun[] {
  const m = DATA.exec(previous);
  if (!m) return [];
  try {
    return JSON.parse(m[1]!) as ScaleRun[];
  } catch {
    return [];
  }
}

/**
 * A scale's rows in the order of its cases: those measured now, and of the cases skipped (--skip)
 * the rows of the last run that measured them, marked with when that was — so that timing a few
 * rows again does not drop the others from the document.
 */
export function withSkipped(
  previous: string,
  scale: string,
  labels: readonly string[],
  measured: readonly Row[],
): Row[] {
  const before = previousRuns(previous).find((r) => r.scale === scale);
  const now = new Map(measured.map((r) => [r.label, r]));
  const then = new Map((before?.rows ?? []).map((r) => [r.label, r]));
  const when = before?.measured.split(";")[0] ?? "";
  return labels.flatMap((label) => {
    const row = now.get(label);
    if (row) return [row];
    const old = then.get(label);
    if (!old) return [];
    return [{ ...old, kept: old.kept ?? `not timed again: ${when}` }];
  });
}

/** The measured part of docs/performance.md: this run's scales, and the others as last measured. */
export function renderDoc(previous: string, runs: readonly ScaleRun[]): string {
  const fresh = new Set(runs.map((r) => r.scale));
  const all = [...previousRuns(previous).filter((r) => !fresh.has(r.scale)), ...runs].sort(
    (a, b) => ORDER.indexOf(a.scale) - ORDER.indexOf(b.scale),
  );
  const rows = all.flatMap((r) => r.rows);
  const commands = [...new Set(rows.map((r) => `- ${r.scale}: \`${r.argv.join(" ")}\``))];
  // JSON cannot hold "-->" once dashes are escaped, so the comment cannot end early.
  const data = JSON.stringify(all).replaceAll("--", "-\\u002d");
  const measured = [
    BEGIN,
    "",
    ...all.map((r) => `- **${r.scale}**: ${r.measured}`),
    "",
    renderTable(rows),
    "",
    ...all.flatMap((r) => (r.checks.length > 0 ? [...r.checks, ""] : [])),
    "<details><summary>The commands timed ($WORK is the bench's scratch folder)</summary>",
    "",
    ...commands,
    "",
    "</details>",
    "",
    `<!-- bench:data ${data} -->`,
    END,
  ].join("\n");
  const begin = previous.indexOf(BEGIN);
  const end = previous.indexOf(END);
  if (begin !== -1 && end > begin) return previous.slice(0, begin) + measured + previous.slice(end + END.length);
  return `# Performance\n\n${measured}\n`;
}
