import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { indexRegister } from "../../src/domain/library.js";
import { inPool } from "../../src/domain/pool.js";
import {
  COUNTRY,
  generateDistrict,
  PROVINCE,
  scaleSpec,
  streamDistrict,
  type GeneratedVillage,
} from "../../src/generator/index.js";
import { exactFlags, Random } from "../../src/generator/random.js";
import { districtText, villageText } from "../../src/io/serialize.js";
import { districtFileSchema } from "../../src/schema/district.js";
import { checkReserveRecord } from "../../src/schema/record-checks.js";
import { buildDistrict, districtToFile } from "../../src/schema/register-checks.js";
import { reserveSchema, villageFileSchema } from "../../src/schema/village.js";

/** A reduced province: 2,000 villages in 20 towns, 6,700 reserves. */
const SPEC = scaleSpec({ villages: 2_000, reserves: 6_700, code: "649901", name: "省级规模样本区（缩减）" });

function digest(seed: number): { hash: string; villages: GeneratedVillage[] } {
  const stream = streamDistrict(SPEC, seed);
  const register = indexRegister(stream.district);
  const h = createHash("sha256").update(districtText(stream.district));
  const villages: GeneratedVillage[] = [];
  for (const g of stream.villages()) {
    if (g.book) h.update(villageText(g.book, register));
    villages.push(g);
  }
  return { hash: h.digest("hex"), villages };
}

describe("the generator at province scale", () => {
  const first = digest(7);

  it("is deterministic: the same seed gives the same bytes, another seed other bytes", () => {
    expect(digest(7).hash).toBe(first.hash);
    expect(digest(8).hash).not.toBe(first.hash);
  });

  it("makes the planned district: 2,000 villages in force, codes nesting 6 + 3 + 3, 6,700 people", () => {
    const stream = streamDistrict(SPEC, 7);
    const d = stream.district;
    expect(d.code).toBe("649901");
    expect(d.towns).toHaveLength(20);
    expect(d.towns.every((t, i) => t.code === `649901${String(i + 1).padStart(3, "0")}`)).toBe(true);
    const active = d.villages.filter((v) => v.status === "正常");
    expect(active).toHaveLength(2_000);
    expect(d.villages.every((v) => v.code.length === 12 && v.code.startsWith(v.town))).toBe(true);
    expect(stream.totals).toEqual({ villages: 2_000, reserves: 6_700, external: 1_200 });
    const people = first.villages.flatMap((g) => g.book?.reserves ?? []);
    expect(people).toHaveLength(6_700);
    expect(people.filter((r) => r.intake === "外引")).toHaveLength(1_200);
    expect(new Set(people.map((r) => r.id_number)).size).toBe(6_700);
    expect(new Set(people.map((r) => r.id)).size).toBe(6_700);
    // The register itself is valid and round-trips through district.yaml's schema.
    const file = districtFileSchema.parse(districtToFile(d));
    const built = buildDistrict(file);
    expect(built.problems).toEqual([]);
    expect(built.district).toEqual(d);
  });

  it("produces records the schemas and record checks accept (every 10th village)", () => {
    let checked = 0;
    for (const [i, g] of first.villages.entries()) {
      if (i % 10 !== 0 || !g.book) continue;
      expect(villageFileSchema.safeParse(g.book).success).toBe(true);
      for (const r of g.book.reserves) {
        const parsed = reserveSchema.safeParse(r);
        expect(parsed.success, r.id).toBe(true);
        expect(checkReserveRecord(r, "2021-12-31"), r.id).toEqual([]);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(500);
  });

  it("records the planted quota gaps where the counts put them", () => {
    const gaps = first.villages.flatMap((g) => g.planted);
    const count = (kind: string) => gaps.filter((g) => g.kind === kind).length;
    expect(count("quota-below-min")).toBe(10);
    expect(count("quota-below-target")).toBe(40);
    expect(count("education-below-floor")).toBe(4);
    for (const g of first.villages) {
      const n = (g.book?.reserves ?? []).filter((r) => inPool(r, "2021-12-31")).length;
      const kind = g.planted.find((p) => p.kind.startsWith("quota-"))?.kind;
      if (kind === "quota-below-min") expect(n).toBeLessThan(2);
      else if (kind === "quota-below-target") expect(n).toBe(2);
      else expect(n).toBeGreaterThanOrEqual(3);
    }
  });

  it("sizes the benchmark presets as asked, within 999 towns of at most 999 villages", () => {
    expect(PROVINCE.towns.reduce((s, t) => s + t.villages, 0)).toBe(15_000);
    expect(PROVINCE.reserves).toBe(50_000);
    expect(COUNTRY.towns.reduce((s, t) => s + t.villages, 0)).toBe(490_000);
    expect(COUNTRY.towns.length).toBeLessThanOrEqual(999);
    expect(Math.max(...COUNTRY.towns.map((t) => t.villages + (t.merged ?? 0)))).toBeLessThanOrEqual(799);
    expect(COUNTRY.reserves).toBe(1_500_000);
  });

  it("generates the sample in memory the same way twice", () => {
    const spec = scaleSpec({ villages: 30, reserves: 100 });
    expect(generateDistrict(spec, 1)).toEqual(generateDistrict(spec, 1));
  });
});

describe("the seeded random source", () => {
  it("gives the same sequence for the same seed on every machine", () => {
    const a = new Random(640502);
    const b = new Random(640502);
    const xs = Array.from({ length: 5 }, () => a.uint32());
    expect(Array.from({ length: 5 }, () => b.uint32())).toEqual(xs);
    expect(new Random(640502, 1).uint32()).not.toBe(xs[0]);
    expect(xs).toEqual([3910088165, 1605039856, 3732166746, 3567321512, 1160867080]);
  });

  it("makes exact shares", () => {
    const flags = exactFlags(new Random(1), 37, 10);
    expect(flags).toHaveLength(37);
    expect(flags.filter(Boolean)).toHaveLength(10);
  });
});
