import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { tempDir } from "../helpers/library.js";
import { listFiles } from "./helpers.js";

/** The README's main command on the bundled sample library: it runs clean and writes every output. */

const DATA = join(import.meta.dirname, "..", "..", "data");

describe.skipIf(!existsSync(join(DATA, "district.yaml")))("reserve report on the bundled sample", () => {
  it("writes every output for every town, village and person", () => {
    const cwd = tempDir("reserve-sample-report-");
    const r = runCli(["report", "--year", "2021", "--data", DATA], {
      cwd,
      env: { RESERVE_NOW: "2022-01-10T00:00:00Z" },
    });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const out = join(cwd, "reports", "2021");
    const summary = JSON.parse(readFileSync(join(out, "summary.json"), "utf8")) as {
      total: { inPool: number; villages: number };
      towns: unknown[];
      villages: unknown[];
    };
    const files = listFiles(out);
    expect(summary.total.inPool).toBeGreaterThan(400);
    for (const ext of [".md", ".csv", ".xlsx"]) {
      expect(
        files.filter((f) => f.startsWith("towns/") && f.endsWith(ext)),
        ext,
      ).toHaveLength(summary.towns.length);
    }
    // Each village: its book to print (HTML), its workbook and its Markdown.
    for (const ext of [".md", ".html", ".xlsx"]) {
      expect(
        files.filter((f) => f.startsWith("villages/") && f.endsWith(ext)),
        ext,
      ).toHaveLength(summary.villages.length);
    }
    expect(files.filter((f) => f.startsWith("villages/"))).toHaveLength(3 * summary.villages.length);
    expect(files.filter((f) => f.startsWith("evaluation/") && f.endsWith(".xlsx"))).toHaveLength(
      summary.towns.length + 1,
    );
    expect(files).toContain("dashboard.html");
    expect(r.stdout).toContain(`在库 ${summary.total.inPool} 人`);
  });
});
