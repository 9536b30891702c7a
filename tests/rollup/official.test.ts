import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { tempDir } from "../helpers/library.js";
import { initDistrict, NOW, OFFICIAL_COUNTIES, SHARED_ID } from "./helpers.js";

/**
 * Issue 15's acceptance as it reads: three libraries made with `reserve init --district` 640502 /
 * 640521 / 640522 (中卫市, every village of their official registers) plus imports, one person
 * imported into two of them.
 */

const env = { RESERVE_NOW: NOW };
const ALL = ["--data", "A", "--data", "B", "--data", "C"];
let dir: string;

beforeAll(() => {
  dir = tempDir("reserve-rollup-official-");
  OFFICIAL_COUNTIES.forEach((c, i) => initDistrict(dir, "ABC"[i]!, c, () => 3, true, true));
}, 120_000);

function numbers(v: unknown, prefix = "", out = new Map<string, number>()): Map<string, number> {
  if (typeof v === "number") out.set(prefix, v);
  else if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) numbers(x, `${prefix}.${k}`, out);
  return out;
}

describe("three official registers of 中卫市", () => {
  it("audit names the person's two places, masked, and exits 1", () => {
    const r = runCli(["audit", ...ALL, "--format", "json"], { cwd: dir, env });
    expect(r.code).toBe(1);
    const found = (JSON.parse(r.stdout) as { findings: { code: string; message: string }[] }).findings.filter(
      (f) => f.code === "person-in-two-districts",
    );
    expect(
      found.map((f) => f.message.includes("沙坡头区滨河镇高庙村") && f.message.includes("中宁县宁安镇白桥村")),
    ).toEqual([true, true]);
    expect(r.stdout).not.toContain(SHARED_ID);
    expect(r.stdout).toContain(`${SHARED_ID.slice(0, 6)}********${SHARED_ID.slice(14)}`);
  });

  it("report writes a 中卫市 summary whose totals equal the sum of the three districts' own reports", () => {
    const r = runCli(["report", "--year", "2021", ...ALL, "--out", "OUT"], { cwd: dir, env });
    expect(r.code, r.stderr).toBe(0);
    const city = JSON.parse(readFileSync(join(dir, "OUT", "summary.json"), "utf8")) as {
      city: { code: string; name: string };
      total: unknown;
    };
    expect(city.city).toEqual({ code: "640500", name: "中卫市" });
    const sum = new Map<string, number>();
    for (const lib of ["A", "B", "C"]) {
      const own = runCli(["report", "--year", "2021", "--data", lib, "--format", "json", "--out", `own-${lib}`], {
        cwd: dir,
        env,
      });
      expect(own.code, own.stderr).toBe(0);
      const total = (JSON.parse(readFileSync(join(dir, `own-${lib}`, "summary.json"), "utf8")) as { total: unknown })
        .total;
      for (const [k, v] of numbers(total)) sum.set(k, (sum.get(k) ?? 0) + v);
    }
    const shares = (k: string) => k.startsWith(".shares");
    const total = [...numbers(city.total)].filter(([k]) => !shares(k));
    expect(total).toEqual([...sum].filter(([k]) => !shares(k)));
    // Every village of the three registers counts: 沙坡头区 162, 中宁县 133, 海原县's, all with a quota.
    expect(Number(new Map(total).get(".villages"))).toBeGreaterThan(400);
  });
});
