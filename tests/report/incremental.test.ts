import { cpSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import { report } from "../../src/commands/report.js";
import { REPORT_STATE } from "../../src/io/report-write.js";
import { REPORT_FORMATS, type ReportFormat } from "../../src/reports/plan.js";
import { runCli } from "../helpers/cli.js";
import { tempDir } from "../helpers/library.js";
import { listFiles, reportSnapshot } from "./helpers.js";

/**
 * A report after a change rewrites the files that depend on it and keeps the others as they are
 * (the same inode, the same bytes), and comes out exactly as a report written from scratch would:
 * after edits to a village's file, a person moved, a village's file deleted, the policy changed, a
 * report file edited or deleted by hand, the state damaged, another date. The sample library
 * (data/, 165 villages) is large enough for a change to touch few of its files.
 */

const DATA = join(import.meta.dirname, "..", "..", "data");
const TOWN = "640502106-永康镇";
const VILLAGE = "640502106217";

function sampleCopy(): string {
  const lib = join(tempDir("reserve-incremental-"), "library");
  cpSync(DATA, lib, { recursive: true, filter: (src) => !src.includes(`${join(DATA, ".reserve")}`) });
  return lib;
}

interface Run {
  readonly files: number;
  readonly kept: number;
}

async function write(lib: string, out: string, extra: { date?: string; formats?: ReportFormat[] } = {}): Promise<Run> {
  const r = await report({
    root: lib,
    cwd: lib,
    today: "2022-03-01",
    year: 2021,
    ...(extra.date && { date: extra.date }),
    formats: new Set(extra.formats ?? REPORT_FORMATS),
    out,
    lang: "zh",
  });
  if (!r.ok) throw new Error(r.diagnostics.map((d) => d.code).join(", "));
  return { files: r.written.files, kept: r.written.kept };
}

/** Each file's inode: a kept file is the very file of the previous run. */
function inodes(dir: string): Map<string, number> {
  return new Map(listFiles(dir).map((f) => [f, statSync(join(dir, f)).ino]));
}

function rewritten(before: Map<string, number>, after: Map<string, number>): string[] {
  return [...after].filter(([f, ino]) => f !== REPORT_STATE && before.get(f) !== ino).map(([f]) => f);
}

/** Edits a village's file as a person would in an editor (the YAML stays as written otherwise). */
function editVillage(lib: string, code: string, edit: (reserves: Record<string, unknown>[]) => void): void {
  const file = join(lib, "villages", `${code}.yaml`);
  const doc = parseDocument(readFileSync(file, "utf8"));
  const book = doc.toJS() as { reserves: Record<string, unknown>[] };
  edit(book.reserves);
  doc.set("reserves", doc.createNode(book.reserves));
  writeFileSync(file, doc.toString());
}

describe("reserve report after a change", () => {
  const lib = sampleCopy();
  const cwd = join(lib, "..");
  const out = join(cwd, "reports", "2021");
  let fresh = 0;
  /** The report as written from scratch into a folder of its own. */
  const scratch = async (extra: { date?: string; formats?: ReportFormat[] } = {}) => {
    const dir = join(cwd, `fresh-${fresh++}`);
    await write(lib, dir, extra);
    return reportSnapshot(dir);
  };

  it("writes every file the first time, and none when nothing changed", async () => {
    const first = await write(lib, out);
    expect(first.kept).toBe(0);
    const before = inodes(out);
    const times = listFiles(out).map((f) => statSync(join(out, f)).mtimeMs);
    const again = await write(lib, out);
    expect(again).toEqual({ files: first.files, kept: first.files });
    expect(inodes(out)).toEqual(before);
    expect(listFiles(out).map((f) => statSync(join(out, f)).mtimeMs)).toEqual(times);
  });

  it("rewrites the village's, its town's and the district's files after one village's file is edited", async () => {
    const before = inodes(out);
    editVillage(lib, VILLAGE, (rs) => {
      rs[0]!.phone = "13900000001";
    });
    const run = await write(lib, out);
    const village = `villages/${TOWN}/${VILLAGE}-城农村`;
    expect(rewritten(before, inodes(out)).sort()).toEqual(
      [
        "summary.md",
        "summary.csv",
        "summary.json",
        "dashboard.html",
        `towns/${TOWN}.md`,
        `towns/${TOWN}.csv`,
        `towns/${TOWN}.xlsx`,
        `${village}.md`,
        `${village}.html`,
        `${village}.xlsx`,
      ].sort(),
    );
    // The evaluation sheets list no phones: kept as they were.
    expect(run.kept).toBe(run.files - 10);
    expect(reportSnapshot(out)).toEqual(await scratch());
  });

  it("comes out as a report written from scratch after each of a series of changes", async () => {
    const steps: [string, () => void, { date?: string; formats?: ReportFormat[] }?][] = [
      [
        "a meeting recorded for someone",
        () =>
          editVillage(lib, VILLAGE, (rs) => {
            rs[1]!.meetings = [
              ...((rs[1]!.meetings as unknown[]) ?? []),
              { date: "2021-11-30", title: "村民代表会议" },
            ];
          }),
      ],
      [
        "a person moved to a village of another town",
        () => {
          let moved: Record<string, unknown> | undefined;
          editVillage(lib, VILLAGE, (rs) => {
            moved = rs.pop();
          });
          editVillage(lib, "640502100201", (rs) => {
            rs.push({
              ...moved!,
              moves: [{ date: "2021-10-01", from_village: VILLAGE, to_village: "640502100201", reason: "婚后迁居" }],
            });
          });
        },
      ],
      ["a village's file deleted", () => rmSync(join(lib, "villages", "640502101203.yaml"))],
      [
        // Not in any village's file: what a village's book shows of its people's trainings comes
        // from the year's sessions, which every file's key holds.
        "a session's title corrected in the year's trainings",
        () => {
          const file = join(lib, "trainings", "2021.yaml");
          writeFileSync(
            file,
            readFileSync(file, "utf8").replace("党史学习教育专题辅导", "党史学习教育专题辅导（第一期）"),
          );
        },
      ],
      [
        "a comment added to a village's file (its records unchanged)",
        () => writeFileSync(join(lib, "villages", "640502100201.yaml"), "# 已核对\n", { flag: "a" }),
      ],
      [
        "the district's quota raised",
        () => {
          const file = join(lib, "district.yaml");
          writeFileSync(
            file,
            readFileSync(file, "utf8").replace(
              /(\n\s+target:\s*)(\d+)/,
              (_, a: string, n: string) => `${a}${Number(n) + 1}`,
            ),
          );
        },
      ],
      ["a report file edited by hand", () => writeFileSync(join(out, `towns/${TOWN}.md`), "edited\n", { flag: "a" })],
      ["a report file deleted", () => rmSync(join(out, "dashboard.html"))],
      ["a file put into the report folder", () => writeFileSync(join(out, "towns", "笔记.txt"), "明天交\n")],
      ["the state damaged", () => writeFileSync(join(out, REPORT_STATE), '{"format":1,"files":[[1]]}\n')],
      ["another report date", () => undefined, { date: "2021-10-31" }],
      ["other formats", () => undefined, { date: "2021-10-31", formats: ["md", "csv"] }],
    ];
    const kept: Record<string, number> = {};
    for (const [what, change, extra] of steps) {
      change();
      const run = await write(lib, out, extra);
      kept[what] = run.kept;
      expect(reportSnapshot(out), what).toEqual(await scratch(extra));
    }
    // What each change let the report keep.
    expect(kept["a report file edited by hand"]).toBeGreaterThan(500);
    expect(kept["a report file deleted"]).toBeGreaterThan(500);
    expect(kept["the district's quota raised"]).toBe(0);
    expect(kept["the state damaged"]).toBe(0);
    expect(kept["another report date"]).toBe(0);
  });

  it("puts a report killed while moving its new files in place right on the next run", () => {
    const args = ["report", "--year", "2021", "--date", "2021-10-31", "--format", "md,csv", "--data", lib];
    // The program run here is the built one, which keys its files by its build.
    expect(runCli(args, { cwd, env: {} }).code).toBe(0);
    editVillage(lib, VILLAGE, (rs) => {
      rs[0]!.phone = "13900000002";
    });
    const killed = runCli(args, { cwd, env: { RESERVE_CRASH_AT: "report:moving" } });
    expect(killed.code).toBeNull();
    const next = runCli(args, { cwd, env: {} });
    expect(next.code).toBe(0);
    expect(next.stdout).toMatch(/其中 \d+ 个与上次相同，原样保留/);
    return scratch({ date: "2021-10-31", formats: ["md", "csv"] }).then((expected) =>
      expect(reportSnapshot(out)).toEqual(expected),
    );
  });
});
