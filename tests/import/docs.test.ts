import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROSTER_COLUMNS } from "../../src/domain/import-columns.js";
import { IMPORT_CODES } from "../../src/diagnostics/codes/import.js";
import { runCli } from "../helpers/cli.js";
import { makeLibrary, tempDir } from "../helpers/library.js";
import { formattedWithVocabularies } from "../docs/vocabulary-doc.js";
import { importDistrict, knownPeople } from "./helpers.js";

const DOC = readFileSync(join(import.meta.dirname, "../../docs/import.md"), "utf8");

/** The fenced blocks of the page after `heading`, in order. */
function blocks(heading: string): string[] {
  const rest = DOC.slice(DOC.indexOf(heading));
  return [...rest.matchAll(/```[a-z]*\n([\s\S]*?)\n```/g)].map((m) => m[1]!);
}

describe("docs/import.md", () => {
  it("prints the worked example exactly as the tool does, and the history entry it writes", () => {
    const [csv, rejected, imported] = blocks("### A worked example");
    const [history] = blocks("## The history");
    const work = tempDir("reserve-docs-");
    makeLibrary({ district: importDistrict(), books: knownPeople() }, join(work, "data"));
    const env = { RESERVE_NOW: "2021-12-31T02:00:00Z", RESERVE_USER: "乡镇组织委员" };
    // As Excel saves "CSV UTF-8": a byte-order mark and CRLF.
    const save = (text: string) =>
      writeFileSync(join(work, "滨河镇.csv"), `\ufeff${text.split("\n").join("\r\n")}\r\n`);
    save(csv!);
    const bad = runCli(["import", "滨河镇.csv"], { cwd: work, env });
    expect([bad.code, bad.stdout, bad.stderr]).toEqual([1, "", `${rejected}\n`]);
    save(
      csv!
        .replace("640502199001010111", "640502199001010113")
        .replace(",大学在读,", ",大学本科,")
        .replace("滨河镇,新墩村,王五", "滨河镇,黄河村,王五")
        .replace(",44201,", ",,"),
    );
    const ok = runCli(["import", "滨河镇.csv", "--reason", "2021年县级审核通过名单"], { cwd: work, env });
    expect([ok.code, ok.stdout]).toEqual([0, `${imported}\n`]);
    expect(ok.stderr).toMatch(/^滨河镇\.csv:4:6 \[身份证号\] 警告 person-left-pool /m);
    expect(ok.stderr.match(/ 说明 term-rewritten /g)).toHaveLength(3);
    const dir = join(work, "data/history/2021");
    const file = readdirSync(dir).find((f) => f.includes("-import-"))!;
    expect(readFileSync(join(dir, file), "utf8")).toBe(`${history}\n`);
  });

  it("lists every vocabulary as its table has it (run `npm run docs:vocabulary` when this fails)", async () => {
    const file = join(import.meta.dirname, "../../docs/import.md");
    expect(DOC).toContain("#### 学历 `education` — GB/T 4658-2006");
    expect(await formattedWithVocabularies(DOC, file)).toBe(DOC);
  });

  it("documents every column and every import code", () => {
    for (const c of ROSTER_COLUMNS) {
      expect(DOC, c.key).toContain(`| ${c.zh} `);
      expect(DOC, c.key).toContain(`\`${c.key}\``);
    }
    for (const code of Object.keys(IMPORT_CODES)) expect(DOC, code).toContain(`\`${code}\``);
  });
});
