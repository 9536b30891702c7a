/**
 * The bench's functional check at full scale: `reserve audit --format json` (for a large library,
 * on worker threads the first time, then from the findings kept in the cache) must list exactly the findings of the slow reference
 * path (tests/helpers/reference-audit.ts: every file through the YAML library and the schemas,
 * the whole library at once, no cache). A difference stops the bench: fast and wrong is no result.
 */
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { isDeepStrictEqual } from "node:util";
import { todayInChina } from "../../src/domain/dates.js";
import { comparable, referenceAudit } from "../../tests/helpers/reference-audit.js";

const NOW = "2021-12-01T10:00:00+08:00";

export function checkFindings(lib: string, work: string): string {
  const bin = path.resolve(import.meta.dirname, "..", "..", "bin", "reserve.js");
  const started = performance.now();
  const run = spawnSync(process.execPath, [bin, "audit", "--data", lib, "--format", "json"], {
    cwd: work,
    encoding: "utf8",
    maxBuffer: 1 << 30,
    env: { ...process.env, RESERVE_NOW: NOW, NO_COLOR: "1" },
  });
  if (run.status !== 0 && run.status !== 1) throw new Error(`reserve audit exited ${run.status}:\n${run.stderr}`);
  const fast = JSON.parse(run.stdout) as { summary: unknown; findings: unknown[] };
  const fastMs = performance.now() - started;

  const t = performance.now();
  const reference = referenceAudit({ root: lib, cwd: work, today: todayInChina(new Date(NOW)) });
  const slowMs = performance.now() - t;
  const expected = comparable(reference.findings);

  if (!isDeepStrictEqual(fast.summary, reference.summary) || !isDeepStrictEqual(fast.findings, expected)) {
    const at = expected.findIndex((f, i) => !isDeepStrictEqual(f, fast.findings[i]));
    throw new Error(
      `reserve audit and the reference path differ: ${fast.findings.length} findings against ${expected.length}; ` +
        `first difference at ${at}:\n${JSON.stringify(fast.findings[at])}\n${JSON.stringify(expected[at])}`,
    );
  }
  const { errors, warnings, villagesBelowMin } = reference.summary;
  return (
    `Same findings: \`reserve audit --format json\` on the province library (from the findings kept in the cache) and the ` +
    `slow reference path (tests/helpers/reference-audit.ts: every file through the YAML library and the schemas, ` +
    `no cache) list the same ${expected.length} findings — ${errors} errors, ${warnings} warnings, ` +
    `${villagesBelowMin} villages below the minimum (audit date from RESERVE_NOW=${NOW}; ` +
    `${(fastMs / 1000).toFixed(1)} s against ${(slowMs / 1000).toFixed(1)} s).`
  );
}
