import { join } from "node:path";
import type { District, Reserve } from "../../src/domain/model.js";
import { DEFAULT_POLICY } from "../../src/domain/policy-defaults.js";
import { makeLibrary } from "../helpers/library.js";
import { baseSpec, member, V1, type CatalogueCase } from "./case.js";

/**
 * Reproducers of the checks across libraries (src/diagnostics/codes/rollup.ts): two libraries, the
 * base library of 沙坡头区 in `shapotou/` and a library of 中宁县 (the same small register under
 * 640521) in `zhongning/`, audited together.
 */

const AUDIT_BOTH = ["audit", "--data", "shapotou", "--data", "zhongning", "--date", "2021-12-31"] as const;

/** The small district's register and books moved to 中宁县 (640521). */
function zhongning(district: District, books: Record<string, Reserve[]>) {
  const moved = (v: unknown): unknown => JSON.parse(JSON.stringify(v).replaceAll("640502", "640521")) as unknown;
  return {
    district: { ...(moved(district) as District), name: "中宁县", city: "中卫市", province: "宁夏回族自治区" },
    books: Object.fromEntries(
      Object.entries(books).map(([code, records]) => [
        code.replace("640502", "640521"),
        records.map((r) => ({ ...(moved(r) as Reserve), id_number: r.id_number, phone: r.phone })),
      ]),
    ),
  };
}

function twoLibraries(c: {
  code: CatalogueCase["code"];
  meaning: string;
  reproducer: string;
  other: (base: ReturnType<typeof baseSpec>) => { district: District; books: Record<string, Reserve[]> };
}): CatalogueCase {
  return {
    code: c.code,
    meaning: c.meaning,
    reproducer: c.reproducer,
    args: AUDIT_BOTH,
    setup: (dir) => {
      const base = baseSpec();
      makeLibrary(base, join(dir, "shapotou"));
      makeLibrary(c.other(baseSpec()), join(dir, "zhongning"));
    },
  };
}

const others = (base: ReturnType<typeof baseSpec>) =>
  zhongning(
    base.district,
    Object.fromEntries(
      Object.entries(base.books).map(([v, records]) => [
        v,
        records.map((r, i) => ({ ...r, id_number: member(v, i + 11).id_number, phone: member(v, i + 11).phone })),
      ]),
    ),
  );

export const cases: readonly CatalogueCase[] = [
  twoLibraries({
    code: "person-in-two-districts",
    meaning:
      "The same ID number is held in the pools (在库 or 列为考察对象) of two district libraries read together. Reported on every copy, naming the other district's village and internal id; the ID number is masked.",
    reproducer: "沙坡村 of 沙坡头区 and 沙坡村 of 中宁县 both keep the person with the same ID number",
    other: (base) => {
      const o = others(base);
      const code = V1.replace("640502", "640521");
      const records = o.books[code]!;
      o.books[code] = [{ ...records[0]!, id_number: base.books[V1]![0]!.id_number }, ...records.slice(1)];
      return o;
    },
  }),
  {
    code: "village-in-two-libraries",
    meaning:
      "A village code is in the registers (district.yaml) of two libraries read together: its quota and its people would be counted twice. Reported at the village in each register.",
    reproducer:
      "a second library of 沙坡头区, made for 文昌镇 from the whole register, lists every village of the first",
    args: ["audit", "--data", "shapotou", "--data", "wenchang", "--date", "2021-12-31"],
    setup: (dir) => {
      const base = baseSpec();
      makeLibrary(base, join(dir, "shapotou"));
      const district = { ...base.district, villages: base.district.villages.filter((v) => v.code === "640502101201") };
      makeLibrary({ district, books: {} }, join(dir, "wenchang"));
    },
  },
  twoLibraries({
    code: "library-year-differs",
    meaning:
      "A library's working year (district.yaml `year`) is not the roll-up's (--year, or the first library's): its figures would be of another year.",
    reproducer: "中宁县's library has moved on to 2022",
    other: (base) => {
      const o = others(base);
      return { ...o, district: { ...o.district, year: 2022 } };
    },
  }),
  twoLibraries({
    code: "library-policy-differs",
    meaning:
      "A library's policy differs from the first library's: each village is still judged by its own district's policy, and the roll-up says whose requirements it shows.",
    reproducer: "中宁县 keeps at least 3 reserves a village instead of 2",
    other: (base) => {
      const o = others(base);
      return { ...o, district: { ...o.district, policy: { ...DEFAULT_POLICY, quota: { min: 3, target: 3 } } } };
    },
  }),
];
