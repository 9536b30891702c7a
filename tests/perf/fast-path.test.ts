import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { lookupHelp } from "../../src/cli/fast-help.js";
import { commandNames, helpForms, printed, renderHelpTable } from "../../src/cli/help-table.js";
import { builtFile, noteCliRun } from "../helpers/cli.js";

/**
 * bin/ answers help and --version from texts rendered at build time (src/cli/fast.ts): they must
 * be exactly what the program prints, in both languages, however the language is chosen.
 */

function spawn(file: string, args: readonly string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [builtFile(file), ...args], {
    encoding: "utf8",
    env: { PATH: process.env.PATH ?? "", NO_COLOR: "1", ...env },
  });
  noteCliRun(args, r);
  return { stdout: r.stdout, stderr: r.stderr, code: r.status };
}

describe("pre-rendered help and version", () => {
  it("equal what the program prints, for every form, language and way of choosing it", async () => {
    const table = await renderHelpTable();
    const forms = helpForms(commandNames());
    expect(forms.length).toBeGreaterThan(20);
    for (const argv of forms) {
      for (const [prefix, env] of [
        [[], {}],
        [[], { RESERVE_LANG: "en" }],
        [["--lang", "en"], {}],
        [["--lang=en"], { RESERVE_LANG: "zh" }],
        [["--lang", "zh"], { RESERVE_LANG: "en" }],
      ] as const) {
        const args = [...prefix, ...argv];
        const hit = lookupHelp(table, args, env);
        expect(hit, args.join(" ")).toBeDefined();
        expect(hit).toEqual(await printed(args, env));
      }
    }
  });

  it("leave everything else to the program", async () => {
    const table = await renderHelpTable();
    for (const args of [
      ["audit"],
      ["audit", "--help", "--lang", "en"],
      ["--lang"],
      ["--lang", "--help"],
      ["help", "no-such-command"],
      ["-V", "extra"],
    ]) {
      expect(lookupHelp(table, args, {}), args.join(" ")).toBeUndefined();
    }
  });

  it("are what the built program prints, and the built entry runs the program for the rest", () => {
    for (const args of [["--help"], ["--version"], ["--lang", "en", "audit", "-h"], [], ["help", "report"]]) {
      expect(spawn("fast.cjs", args), args.join(" ")).toEqual(spawn("cli.js", args));
    }
    expect(spawn("fast.cjs", ["audit", "--list-rules"])).toEqual(spawn("cli.js", ["audit", "--list-rules"]));
    expect(spawn("fast.cjs", ["no-such-command"])).toEqual(spawn("cli.js", ["no-such-command"]));
  });
});
