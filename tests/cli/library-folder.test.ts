import { mkdirSync, readdirSync, realpathSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { ReserveError, type FatalCode } from "../../src/diagnostics/fatal.js";
import { rosterCsv, rosterRows } from "../../src/generator/index.js";
import { renderFatal } from "../../src/messages/render.js";
import { runCli } from "../helpers/cli.js";
import { person, tempDir } from "../helpers/library.js";

/**
 * The most common first mistake: a command run where there is no library (no ./data where it is
 * run, a mistyped --data, a --data that names some other folder). Every command says which folder
 * it looked for, as typed and in full, tells a missing folder from one that is not a library,
 * exits 2 — and writes nothing anywhere: no state folder, lock, journal or cache in the folder.
 */

const V1 = "640502100201";
const ROSTER = "名册.csv";

/** Every command that opens a library, the ones that write first (they take the lock) among them. */
const COMMANDS: readonly (readonly string[])[] = [
  ["import", ROSTER],
  ["import", ROSTER, "--dry-run"],
  ["record", "training", ROSTER],
  ["record", "training", ROSTER, "--dry-run"],
  ["evaluate", "--year", "2021", ROSTER],
  ["move", `${V1}-01`, "--to", "640502100202", "--reason", "工作调动"],
  ["report"],
  ["report", "--reveal"],
  ["audit"],
  ["show", "villages"],
  ["show", `${V1}-01`, "--reveal"],
];

/** Every file and folder below `dir`, folders marked with a slash (an empty .reserve/ counts). */
function tree(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const abs = join(d, name);
      const rel = relative(dir, abs);
      if (statSync(abs).isDirectory()) {
        out.push(`${rel}/`);
        walk(abs);
      } else out.push(rel);
    }
  };
  walk(dir);
  return out;
}

/** What the CLI prints for a fatal error, in Chinese without colour (main.ts). */
function printed(code: FatalCode, args: Record<string, string>): string {
  const { message, hint } = renderFatal(new ReserveError(code, args), "zh");
  return `reserve: 错误 ${message}\n  提示：${hint}\n`;
}

/** A township office's folder: the roster on the desktop, and a folder of documents. */
function office(): string {
  const dir = realpathSync(tempDir("reserve-no-library-"));
  writeFileSync(join(dir, ROSTER), rosterCsv(rosterRows("滨河镇", "沙坡村", V1, [person(V1, 1)])));
  mkdirSync(join(dir, "文档"));
  writeFileSync(join(dir, "文档", "通知.txt"), "关于做好村级后备力量培养工作的通知\n");
  return dir;
}

describe("a command run where there is no library", () => {
  it.each(COMMANDS.map((c) => [c.join(" "), c] as const))(
    "%s: names the missing ./data as typed and in full, exit 2, creates nothing",
    (_name, args) => {
      const dir = office();
      const before = tree(dir);
      const r = runCli(args, { cwd: dir });
      expect([r.code, r.stdout, r.stderr]).toEqual([
        2,
        "",
        printed("library-not-found", { path: "data", abs: join(dir, "data"), source: "default" }),
      ]);
      expect(tree(dir)).toEqual(before);
    },
  );

  it.each(COMMANDS.map((c) => [c.join(" "), c] as const))(
    "%s: a mistyped --data is named as typed, exit 2, creates nothing",
    (_name, args) => {
      const dir = office();
      mkdirSync(join(dir, "data"));
      const before = tree(dir);
      const r = runCli([...args, "--data", "../dta"], { cwd: join(dir, "文档") });
      expect([r.code, r.stdout, r.stderr]).toEqual([
        2,
        "",
        printed("library-not-found", { path: "../dta", abs: join(dir, "dta"), source: "flag" }),
      ]);
      expect(tree(dir)).toEqual(before);
    },
  );

  it.each(COMMANDS.map((c) => [c.join(" "), c] as const))(
    "%s: a folder that exists but is not a library is refused and left exactly as it was",
    (_name, args) => {
      const dir = office();
      const before = tree(dir);
      const r = runCli([...args, "--data", "文档"], { cwd: dir });
      expect([r.code, r.stdout, r.stderr]).toEqual([
        2,
        "",
        printed("no-library", { path: "文档", abs: join(dir, "文档"), reason: "no-register", source: "flag" }),
      ]);
      expect(tree(dir)).toEqual(before);
    },
  );

  it("names the folder RESERVE_DATA gives, and a file given as the library, without writing", () => {
    const dir = office();
    const before = tree(dir);
    const env = runCli(["import", ROSTER], { cwd: dir, env: { RESERVE_DATA: "库" } });
    expect([env.code, env.stderr]).toEqual([
      2,
      printed("library-not-found", { path: "库", abs: join(dir, "库"), source: "env" }),
    ]);
    const file = runCli(["import", ROSTER, "--data", ROSTER], { cwd: dir });
    expect([file.code, file.stderr]).toEqual([
      2,
      printed("no-library", { path: ROSTER, abs: join(dir, ROSTER), reason: "not-dir", source: "flag" }),
    ]);
    // A folder below a file cannot exist: not found, rather than a system error.
    const below = runCli(["import", ROSTER, `--data=${ROSTER}/data`], { cwd: dir });
    expect([below.code, below.stderr]).toEqual([
      2,
      printed("library-not-found", { path: `${ROSTER}/data`, abs: join(dir, ROSTER, "data"), source: "flag" }),
    ]);
    expect(tree(dir)).toEqual(before);
  });

  it("in English too, the folder as typed and in full", () => {
    const dir = office();
    const r = runCli(["audit", "--lang", "en", "--data", "dta"], { cwd: dir });
    const { message, hint } = renderFatal(
      new ReserveError("library-not-found", { path: "dta", abs: join(dir, "dta"), source: "flag" }),
      "en",
    );
    expect([r.code, r.stderr]).toEqual([2, `reserve: error ${message}\n  hint: ${hint}\n`]);
    expect(message).toContain(`dta given with --data does not exist (${join(dir, "dta")})`);
  });
});
