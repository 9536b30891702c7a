import type { District, Town, Village } from "../domain/model.js";
import { classifyUnit, everydayName } from "../domain/unit-kind.js";
import { officialCounty } from "../io/division-table.js";
import { placeName, PLACE_NAME_CAPACITY } from "./names.js";
import type { Random } from "./random.js";
import type { GeneratorSpec } from "./spec.js";

/**
 * The district register of a generated library: towns with their codes, villages numbered the way
 * 统计用区划代码 numbers them (居委会 from 001, 村委会 from 201), a few villages merged the year
 * before into a neighbour of the same town.
 */
export function buildRegister(spec: GeneratorSpec, rng: Random): District {
  if (spec.official) return officialRegister(spec, rng);
  const towns: Town[] = [];
  const villages: Village[] = [];
  const townNames = new Set(spec.towns.flatMap((t) => (t.name ? [t.name.replace(/[镇乡]$/, "")] : [])));
  let villageNames = new Set<string>();
  const namesOfTown = new Map<string, Set<string>>();
  for (const [ti, t] of spec.towns.entries()) {
    if (!t.code.startsWith(spec.district.code) || t.code.length !== 9) {
      throw new Error(`town code ${t.code} does not nest in ${spec.district.code}`);
    }
    const name = t.name ?? `${placeName(rng, townNames)}${ti % 9 === 8 ? "乡" : "镇"}`;
    towns.push({ code: t.code, name, status: "正常" });
    if (spec.uniqueNames === "town") villageNames = new Set();
    namesOfTown.set(t.code, villageNames);
    const communities = t.communities ?? 0;
    const total = t.villages + (t.merged ?? 0);
    if (total + (t.abolished ?? 0) + communities > PLACE_NAME_CAPACITY)
      throw new Error(`too many villages in town ${t.code}`);
    for (let i = 0; i < communities; i++) {
      villages.push({
        code: `${t.code}${String(i + 1).padStart(3, "0")}`,
        name: `${placeName(rng, villageNames)}社区`,
        town: t.code,
        kind: "社区",
        status: "正常",
      });
    }
    // 201–999 leaves room for 799 村委会; a synthetic town with more numbers them from 001.
    const first = total <= 799 ? 201 : 1;
    if (first === 1 && communities > 0) throw new Error(`town ${t.code} has too many units for its codes`);
    if (first + total + (t.abolished ?? 0) - 1 > 999) throw new Error(`town ${t.code} has more than 999 villages`);
    const own: Village[] = [];
    for (let i = 0; i < total; i++) {
      own.push({
        code: `${t.code}${String(first + i).padStart(3, "0")}`,
        name: `${placeName(rng, villageNames)}村`,
        town: t.code,
        kind: "村",
        status: "正常",
      });
    }
    const mergedAt = new Set(rng.sample([...own.keys()], t.merged ?? 0));
    const survivors = own.filter((_, i) => !mergedAt.has(i));
    for (const [i, v] of own.entries()) {
      if (!mergedAt.has(i)) villages.push(v);
      else {
        villages.push({
          ...v,
          status: "已合并",
          replaced_by: rng.pick(survivors).code,
          changed: rng.date(`${spec.year - 1}-03-01`, `${spec.year - 1}-09-30`),
        });
      }
    }
  }
  // Abolished villages are numbered after the town's others and named after every other unit is, so
  // that adding one leaves the rest of the register as it was.
  for (const t of spec.towns) {
    const abolished = t.abolished ?? 0;
    if (abolished === 0) continue;
    const names = namesOfTown.get(t.code)!;
    const total = t.villages + (t.merged ?? 0);
    const first = total <= 799 ? 201 : 1;
    const at = villages.findLastIndex((v) => v.town === t.code) + 1;
    const added: Village[] = [];
    for (let i = 0; i < abolished; i++) {
      added.push({
        code: `${t.code}${String(first + total + i).padStart(3, "0")}`,
        name: `${placeName(rng, names)}村`,
        town: t.code,
        kind: "村",
        status: "已撤销",
        changed: rng.date(`${spec.year - 1}-03-01`, `${spec.year - 1}-09-30`),
      });
    }
    villages.splice(at, 0, ...added);
  }
  return {
    code: spec.district.code,
    name: spec.district.name,
    ...(spec.district.city !== undefined && { city: spec.district.city }),
    ...(spec.district.province !== undefined && { province: spec.district.province }),
    year: spec.year,
    towns,
    villages,
    policy: spec.policy,
  };
}

/**
 * The county's register from the official division table (统计用区划代码 2023): its towns and
 * village-level units as `reserve init --district` writes them, and beside them, as history, the
 * merged and abolished villages the spec asks for (the table lists only units in force), numbered
 * after the town's last 村委会 and given made-up names.
 */
function officialRegister(spec: GeneratorSpec, rng: Random): District {
  const county = officialCounty(spec.district.code);
  if (!county) throw new Error(`${spec.district.code} is not a county of the official table`);
  const villages: Village[] = [];
  for (const t of county.towns) {
    const own: Village[] = county.villages
      .filter((u) => u.code.startsWith(t.code))
      .map((u) => ({
        code: u.code,
        name: everydayName(u.name),
        town: t.code,
        kind: classifyUnit(u.code, u.name).kind,
        status: "正常",
      }));
    villages.push(...own);
    const ts = spec.towns.find((x) => x.code === t.code);
    const retired = (ts?.merged ?? 0) + (ts?.abolished ?? 0);
    if (retired === 0) continue;
    const taken = new Set(own.map((v) => v.name.replace(/村$/, "")));
    const active = own.filter((v) => v.kind === "村");
    let next = Math.max(200, ...own.map((v) => Number(v.code.slice(9)))) + 1;
    for (let i = 0; i < retired; i++) {
      const merged = i < (ts?.merged ?? 0);
      villages.push({
        code: `${t.code}${String(next++).padStart(3, "0")}`,
        name: `${placeName(rng, taken)}村`,
        town: t.code,
        kind: "村",
        status: merged ? "已合并" : "已撤销",
        ...(merged && { replaced_by: rng.pick(active).code }),
        changed: rng.date(`${spec.year - 1}-03-01`, `${spec.year - 1}-09-30`),
      });
    }
  }
  return {
    code: county.code,
    name: county.name,
    ...(county.city !== undefined && { city: county.city }),
    province: county.province,
    year: spec.year,
    towns: county.towns.map((t) => ({ code: t.code, name: t.name, status: "正常" })),
    villages,
    policy: spec.policy,
  };
}

/**
 * The register as 统计用区划代码 publishes it, for `reserve init --register`: 12-digit codes, the
 * urban-rural class where the register knows it (the official table carries none; blank then).
 * Merged and abolished villages are no longer in the published list, so they are left out (the
 * list has no column for a unit's status).
 */
export function registerCsv(d: District): string {
  const lines = ["统计用区划代码,城乡分类代码,名称", `${d.code}000000,,${d.name}`];
  const byTown = new Map<string, Village[]>();
  for (const v of d.villages) {
    if (v.status !== "正常") continue;
    const list = byTown.get(v.town);
    if (list) list.push(v);
    else byTown.set(v.town, [v]);
  }
  for (const t of [...d.towns].sort((a, b) => (a.code < b.code ? -1 : 1))) {
    lines.push(`${t.code}000,,${t.name}`);
    const own = (byTown.get(t.code) ?? []).sort((a, b) => (a.code < b.code ? -1 : 1));
    for (const v of own) lines.push(`${v.code},${v.urban_rural ?? ""},${v.name}`);
  }
  return `${lines.join("\n")}\n`;
}
