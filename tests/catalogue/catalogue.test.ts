import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { RULE_CODES } from "../../src/diagnostics/codes/rules.js";
import { buildCatalogue, type Catalogue } from "./catalogue.js";

describe("the error catalogue (docs/errors.md)", () => {
  let catalogue: Catalogue;
  beforeAll(async () => {
    catalogue = await buildCatalogue();
  }, 120_000);

  it("has a reproducer that really shows every code of the finished areas", () => {
    expect(catalogue.problems).toEqual([]);
  });

  it("lists every audit rule code with its wording in both languages", () => {
    for (const code of Object.keys(RULE_CODES)) {
      expect(catalogue.markdown, code).toMatch(
        new RegExp(`#### \`${code}\`\\n\\n\\*\\*(error|warning)\\*\\* — [^\\n]+\\n\\nReproducer:`),
      );
      expect(catalogue.markdown).toMatch(new RegExp(` (错误|警告) ${code} `));
      expect(catalogue.markdown).toMatch(new RegExp(` (error|warning) ${code} `));
    }
  });

  it("is what `npm run errors` writes (run it when this fails)", () => {
    const onDisk = readFileSync(new URL("../../docs/errors.md", import.meta.url), "utf8");
    expect(onDisk).toBe(catalogue.markdown);
  });
});
