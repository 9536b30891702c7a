import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadLibrary } from "../../src/io/load-library.js";
import { baseSpec, V1, V2, V4 } from "../catalogue/case.js";
import { runCli } from "../helpers/cli.js";
import { makeLibrary, tempDir } from "../helpers/library.js";
import { csv } from "./helpers.js";

/**
 * Issue 18: a district keeps its library in git, and each town records its own trainings on a
 * branch of its own. The two branches must merge with plain `git merge`, without a conflict, and
 * the merged library must audit clean and report — which a running number per year (2021-13 on
 * both branches, in the same trainings/2021.yaml) could not give.
 */

const NOW = "2021-12-20T04:00:00Z";

function git(cwd: string, ...args: string[]): string {
  const r = spawnSync("git", ["-c", "user.name=组织办", "-c", "user.email=office@example.invalid", ...args], {
    cwd,
    encoding: "utf8",
    env: { PATH: process.env.PATH ?? "", GIT_CONFIG_NOSYSTEM: "1", HOME: cwd, LANG: "C" },
  });
  if (r.status !== 0) throw new Error(`git ${args.join(" ")}: ${r.stdout}${r.stderr}`);
  return r.stdout;
}

function reserve(cwd: string, args: readonly string[], now = NOW) {
  return runCli(args, { cwd, env: { RESERVE_NOW: now } });
}

/** A town's sign-in sheet: its own session, and the district's winter session its people attended. */
function sheet(town: string, people: readonly string[], hours: number): string {
  return csv([
    "培训日期,培训主题,培训层级,举办单位,培训内容,学时,内部编号,签名",
    `2021/11/20,冬训：乡村振兴政策解读,镇级,${town},政策法规,${hours},${people[0]},`,
    ...people.slice(1).map((p) => `,,,,,,${p},`),
    `2021/12/03,全区后备干部冬训班,区级,,政治理论、党建知识,8,${people[0]},`,
    ...people.slice(1).map((p) => `,,,,,,${p},`),
  ]);
}

describe("two towns record their trainings on two git branches", () => {
  it("merge with plain git merge, audit clean and report", () => {
    const cwd = tempDir("reserve-git-");
    const lib = join(cwd, "data");
    makeLibrary(baseSpec(), lib);
    writeFileSync(join(cwd, ".gitignore"), ".reserve/\n");
    git(cwd, "init", "-q", "-b", "main");
    git(cwd, "add", ".");
    git(cwd, "commit", "-q", "-m", "区委信息库");
    expect(reserve(cwd, ["audit"]).code).toBe(0);

    // 滨河镇 on its branch, the same morning as 文昌镇.
    git(cwd, "checkout", "-q", "-b", "binhe");
    writeFileSync(join(cwd, "滨河镇签到表.csv"), sheet("滨河镇", [`${V1}-01`, `${V1}-02`, `${V2}-01`], 3));
    const a = reserve(cwd, ["record", "training", "滨河镇签到表.csv"]);
    expect([a.code, a.stderr]).toEqual([0, ""]);
    git(cwd, "add", "data");
    git(cwd, "commit", "-q", "-m", "滨河镇 11 月、12 月培训签到");

    // 文昌镇 on its own branch, made from main before 滨河镇's was merged.
    git(cwd, "checkout", "-q", "-b", "wenchang", "main");
    writeFileSync(join(cwd, "文昌镇签到表.csv"), sheet("文昌镇", [`${V4}-01`, `${V4}-02`], 4));
    const b = reserve(cwd, ["record", "training", "文昌镇签到表.csv"], "2021-12-20T04:00:01Z");
    expect([b.code, b.stderr]).toEqual([0, ""]);
    git(cwd, "add", "data");
    git(cwd, "commit", "-q", "-m", "文昌镇 11 月、12 月培训签到");

    git(cwd, "checkout", "-q", "main");
    git(cwd, "merge", "-q", "--no-edit", "binhe");
    // Plain git merge: throws (and the test fails) on any conflict.
    git(cwd, "merge", "-q", "--no-edit", "wenchang");
    expect(git(cwd, "status", "--porcelain", "--untracked-files=no")).toBe("");

    // Each town's session is a file of its own; the district's session, recorded by both towns
    // with the same day, title and hours, is the same file on both branches.
    const files = readdirSync(join(lib, "trainings")).sort();
    expect(files).toEqual([
      "2021-11-20-640502100-ff3b.yaml",
      "2021-11-20-640502101-ff3b.yaml",
      "2021-12-03-640502-c3d8.yaml",
      "2021.yaml",
    ]);
    const loaded = loadLibrary(lib, { today: "2021-12-20", cwd });
    expect(loaded.diagnostics).toEqual([]);
    const attended = (id: string) =>
      loaded
        .library!.books.flatMap((bk) => bk.reserves)
        .filter((r) => r.trainings?.includes(id))
        .map((r) => r.id);
    expect(attended("2021-11-20-640502100-ff3b")).toEqual([`${V1}-01`, `${V1}-02`, `${V2}-01`]);
    expect(attended("2021-11-20-640502101-ff3b")).toEqual([`${V4}-01`, `${V4}-02`]);
    expect(attended("2021-12-03-640502-c3d8")).toEqual([`${V1}-01`, `${V1}-02`, `${V2}-01`, `${V4}-01`, `${V4}-02`]);
    expect(readFileSync(join(lib, "trainings", "2021-11-20-640502101-ff3b.yaml"), "utf8")).toContain("hours: 4\n");

    const audit = reserve(cwd, ["audit"]);
    expect([audit.code, audit.stdout, audit.stderr]).toEqual([0, "", ""]);
    const report = reserve(cwd, ["report", "--year", "2021", "--format", "md", "--out", "reports"]);
    expect([report.code, report.stderr]).toEqual([0, ""]);
    const summary = readdirSync(join(cwd, "reports"));
    expect(summary.length).toBeGreaterThan(0);
  }, 60_000);
});
