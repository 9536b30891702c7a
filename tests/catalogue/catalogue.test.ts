import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { DIAGNOSTIC_CODES } from "../../src/diagnostics/codes.js";
import { RULE_CODES } from "../../src/diagnostics/codes/rules.js";
import { FATAL_EXIT } from "../../src/diagnostics/fatal.js";
import { buildCatalogue, type Catalogue } from "./catalogue.js";

describe("the error catalogue (docs/errors.md)", () => {
  let catalogue: Catalogue;
  beforeAll(async () => {
    catalogue = await buildCatalogue();
  }, 120_000);

  it("has a reproducer that really shows every code of every area, and every fatal code", () => {
    expect(catalogue.problems).toEqual([]);
  });

  it("shows every code with a reproducer and its exact wording in both languages", () => {
    for (const code of DIAGNOSTIC_CODES) {
      expect(catalogue.markdown, code).toMatch(
        new RegExp(`#### \`${code}\`\n\n\\*\\*(error|warning|notice)\\*\\* — [^\n]+\n\nReproducer:`),
      );
      expect(catalogue.markdown, code).toMatch(new RegExp(` (错误|警告|说明) ${code} `));
      expect(catalogue.markdown, code).toMatch(new RegExp(` (error|warning|note) ${code} `));
    }
    for (const [code, exit] of Object.entries(FATAL_EXIT)) {
      expect(catalogue.markdown, code).toMatch(
        new RegExp(
          `#### \`${code}\`\n\n\\*\\*exit ${exit}\\*\\* — [^\n]+\n\nReproducer:[^\n]+\n\n\`\`\`console\n\\$ [^\n]+\n\`\`\`\n\nOutput:\n\n\`\`\`text\nreserve: 错误 [^\n]+\nreserve: error [^\n]+\n\`\`\`\n\nHow to fix:\n\n- [^\n]+\n- [^\n]+`,
        ),
      );
    }
  });

  it("lists every audit rule code with its wording in both languages", () => {
    for (const code of Object.keys(RULE_CODES)) {
      expect(catalogue.markdown, code).toMatch(
        new RegExp(`#### \`${code}\`\\n\\n\\*\\*(error|warning|notice)\\*\\* — [^\\n]+\\n\\nReproducer:`),
      );
      expect(catalogue.markdown).toMatch(new RegExp(` (错误|警告|说明) ${code} `));
      expect(catalogue.markdown).toMatch(new RegExp(` (error|warning|note) ${code} `));
    }
  });

  it("is what `npm run errors` writes (run it when this fails)", () => {
    const onDisk = readFileSync(new URL("../../docs/errors.md", import.meta.url), "utf8");
    expect(onDisk).toBe(catalogue.markdown);
  });
});
