import { describe, expect, it } from "vitest";
import { checkCharacter, checkResidentId, idFacts, upgradeLegacyId } from "../../src/domain/resident-id.js";

describe("GB 11643 resident ID numbers", () => {
  // The two worked examples printed in GB 11643-1999 itself.
  it.each([
    ["11010519491231002X", "X"],
    ["440524188001010014", "4"],
  ])("computes the published check character of %s", (id, check) => {
    expect(checkCharacter(id.slice(0, 17))).toBe(check);
    expect(checkResidentId(id, "2021-12-31")).toEqual({ ok: true, facts: idFacts(id) });
  });

  it("reads birth date, gender and region from the number", () => {
    expect(idFacts("11010519491231002X")).toEqual({ region: "110105", birth: "1949-12-31", gender: "女" });
    expect(idFacts("440524188001010014")).toEqual({ region: "440524", birth: "1880-01-01", gender: "男" });
  });

  it("names the expected check character when it is wrong", () => {
    expect(checkResidentId("110105194912310021", "2021-12-31")).toEqual({
      ok: false,
      problem: { kind: "check", expected: "X", found: "1" },
    });
  });

  it("rejects a lowercase x: normalisation happens before the check", () => {
    expect(checkResidentId("11010519491231002x", "2021-12-31")).toMatchObject({
      ok: false,
      problem: { kind: "characters", position: 18 },
    });
  });

  it.each([
    ["1101051949123100", { kind: "length", length: 16 }],
    ["11010519491231002XX", { kind: "length", length: 19 }],
    ["1101051949A231002X", { kind: "characters", position: 11 }],
    ["991051194912310028", { kind: "province", prefix: "99" }],
    ["110105194902300027", { kind: "birth-date", text: "19490230" }],
    ["6.40502E+17", { kind: "scientific" }],
  ])("reports %s as %o", (id, problem) => {
    expect(checkResidentId(id, "2021-12-31")).toEqual({ ok: false, problem });
  });

  it("refuses a birth date after the reference day and before 1850", () => {
    const future = `640502202201010${"01"}`;
    const withCheck = future.slice(0, 17) + checkCharacter(future.slice(0, 17));
    expect(checkResidentId(withCheck, "2021-12-31")).toEqual({
      ok: false,
      problem: { kind: "birth-future", birth: "2022-01-01" },
    });
    const old = "64050218491231001";
    expect(checkResidentId(old + checkCharacter(old), "2021-12-31")).toEqual({
      ok: false,
      problem: { kind: "birth-too-early", birth: "1849-12-31" },
    });
  });

  it("upgrades a 15-digit number by inserting 19 and a check character", () => {
    expect(upgradeLegacyId("110105491231002")).toBe("11010519491231002X");
    expect(checkResidentId("110105491231002", "2021-12-31")).toEqual({
      ok: false,
      problem: { kind: "legacy15", upgraded: "11010519491231002X" },
    });
    expect(upgradeLegacyId("110105490231002")).toBeUndefined();
  });
});
