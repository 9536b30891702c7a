import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { listFiles, NOW, reportTexts, runReport } from "./helpers.js";

/**
 * Every output of `reserve report` on the fixture library, compared with the files kept in
 * tests/report/golden/ (review changes there as diffs; `vitest -u` rewrites them). XLSX files are
 * compared part by part, unpacked, so a change shows as a readable XML diff.
 */

const GOLDEN = join(import.meta.dirname, "golden");

/** The parts of an XLSX worth reviewing: all of the district's evaluation sheet, the sheets and workbook of the others. */
function keep(path: string): boolean {
  if (!path.includes("!")) return true;
  if (path.includes("-640502-")) return true;
  return /!xl\/(worksheets\/sheet\d+|sharedStrings|workbook)\.xml$/.test(path);
}

const golden = (lang: string, path: string) => join(GOLDEN, lang, path.replace("!", ".d/"));

describe("reserve report: golden files", () => {
  it("writes every output as reviewed (Chinese)", async () => {
    const run = runReport();
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    await expect(run.stdout).toMatchFileSnapshot(join(GOLDEN, "zh", "stdout.txt"));
    await expect(`${listFiles(run.out).join("\n")}\n`).toMatchFileSnapshot(join(GOLDEN, "zh", "FILES.txt"));
    const kept: string[] = [];
    for (const [path, text] of reportTexts(run.out)) {
      if (!keep(path)) continue;
      kept.push(path.replace("!", ".d/"));
      await expect(text, path).toMatchFileSnapshot(golden("zh", path));
    }
    // No golden file is left over from an output the report no longer writes.
    const stale = listFiles(join(GOLDEN, "zh")).filter((f) => !["stdout.txt", "FILES.txt", ...kept].includes(f));
    expect(stale).toEqual([]);
  });

  it("writes the summary, the dashboard and a village's book with its people's files in English on request", async () => {
    const run = runReport(["--lang", "en", "--format", "md,html"]);
    expect(run.code).toBe(0);
    await expect(run.stdout).toMatchFileSnapshot(join(GOLDEN, "en", "stdout.txt"));
    const texts = reportTexts(run.out);
    for (const path of [
      "summary.md",
      "dashboard.html",
      "villages/640502100-滨河镇/640502100201-沙坡村.md",
      "villages/640502100-滨河镇/640502100202-黄河村.html",
    ]) {
      await expect(texts.get(path), path).toMatchFileSnapshot(golden("en", path));
    }
  });

  it("prints one person's file on the terminal, masked the same way", async () => {
    const run = runReport(["--format", "json"]);
    const show = runCli(["show", "马英", "--data", run.lib], { cwd: run.cwd, env: { RESERVE_NOW: NOW } });
    expect(show.code).toBe(0);
    expect(show.stderr).toBe("");
    await expect(show.stdout).toMatchFileSnapshot(join(GOLDEN, "show", "马英.txt"));
    const en = runCli(["show", "640502100201-02", "--data", run.lib, "--lang", "en"], {
      cwd: run.cwd,
      env: { RESERVE_NOW: NOW },
    });
    expect(en.code).toBe(0);
    await expect(en.stdout).toMatchFileSnapshot(join(GOLDEN, "show", "640502100201-02.en.txt"));
  });
});
