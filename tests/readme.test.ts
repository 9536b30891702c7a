import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "./helpers/cli.js";
import { tempDir } from "./helpers/library.js";

const ROOT = new URL("..", import.meta.url).pathname;
const README = readFileSync(join(ROOT, "README.md"), "utf8");

/** The text of the README's code block that starts with `first`. */
function block(first: string): string {
  const start = README.indexOf(first);
  expect(start, `README block starting with ${first}`).toBeGreaterThan(-1);
  return README.slice(start, README.indexOf("```", start));
}

describe("README", () => {
  it("opens with the two commands: the main job on the sample, and the tests as CI runs them", () => {
    const lines = README.split("\n").slice(2, 6);
    expect(lines[0]).toBe("```sh");
    expect(lines[1]).toMatch(/^npm ci && npx reserve report --year 2021\s+#/);
    const ci = readFileSync(join(ROOT, ".ci", "run"), "utf8");
    const testCommand = /^(bash scripts\/install-browser\.sh && npm ci && npm test)\s+#/.exec(lines[2]!)?.[1];
    expect(testCommand).toBeDefined();
    expect(ci).toContain(`\n${testCommand}\n`);
  });

  it("shows an error exactly as the tool prints it", () => {
    const dir = tempDir();
    cpSync(join(ROOT, "data"), join(dir, "data"), { recursive: true });
    const file = join(dir, "data", "villages", "640502100201.yaml");
    const text = readFileSync(file, "utf8");
    // The last digit of the first person's ID number mistyped: one more (or 0 for 9, 1 for X).
    const id = /id_number: "(\d{17})([\dX])"/.exec(text)!;
    const typo = id[2] === "X" ? "1" : String((Number(id[2]) + 1) % 10);
    const edited = text
      .replace("    ethnicity: 汉族", "    ethnic: 汉族")
      .replace(id[0], `id_number: "${id[1]}${typo}"`);
    expect(edited).not.toBe(text);
    writeFileSync(file, edited);
    const shown = block("$ reserve audit --village 西关村");
    const r = runCli(["audit", "--village", "西关村"], { cwd: dir });
    expect(r.code).toBe(1);
    expect(`$ reserve audit --village 西关村\n${r.stdout}`).toBe(shown);
  });
});
