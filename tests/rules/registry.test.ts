import { describe, expect, it } from "vitest";
import { RULE_CODES } from "../../src/diagnostics/codes/rules.js";
import { RULE_DESCRIPTIONS } from "../../src/messages/rule-descriptions.js";
import { RULES } from "../../src/rules/index.js";

describe("the rule list", () => {
  it("gives every rule code to exactly one rule, and every rule a description in both languages", () => {
    const claimed = RULES.flatMap((r) => r.codes);
    expect([...claimed].sort()).toEqual(Object.keys(RULE_CODES).sort());
    expect(new Set(RULES.map((r) => r.name)).size).toBe(RULES.length);
    expect(Object.keys(RULE_DESCRIPTIONS).sort()).toEqual(RULES.map((r) => r.name).sort());
    for (const r of RULES) {
      expect(RULE_DESCRIPTIONS[r.name]!.zh, r.name).not.toBe("");
      expect(RULE_DESCRIPTIONS[r.name]!.en, r.name).not.toBe("");
    }
  });
});
