import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";
import { runCli } from "../helpers/cli.js";
import { hanDigits, idNumber, tempDir } from "../helpers/library.js";

/**
 * Three district libraries of 中卫市 as their organisation departments would start them: `reserve
 * init` from a register CSV of their county (the county line, its towns, its villages with the
 * 城乡分类代码), then `reserve import` of a roster with Chinese headers as a township sends it. One
 * person, 马海军, is on the rosters of 沙坡头区 and 中宁县.
 *
 * `reserve init --register` takes the city and province from the official division table, and
 * its own list for the towns and villages (a test library's few villages).
 */

export const NOW = "2022-01-10T08:00:00Z";

export interface County {
  readonly code: string;
  readonly name: string;
  readonly town: string;
  readonly villages: readonly (readonly [code: string, name: string])[];
}

export const COUNTIES: readonly County[] = [
  {
    code: "640502",
    name: "沙坡头区",
    town: "滨河镇",
    villages: [
      ["640502100201", "高台村"],
      ["640502100202", "西林村"],
    ],
  },
  {
    code: "640521",
    name: "中宁县",
    town: "宁安镇",
    villages: [
      ["640521100201", "殷庄村"],
      ["640521100202", "营盘滩村"],
    ],
  },
  {
    code: "640522",
    name: "海原县",
    town: "海城镇",
    villages: [
      ["640522100201", "山门村"],
      ["640522100202", "武塬村"],
      ["640522100203", "李俊村"],
    ],
  },
];

/** The one person in two districts' pools. */
export const SHARED_ID = idNumber("640521", "19880512", 17);

const HEADER =
  "乡镇,村,村代码,姓名,性别,民族,身份证号,联系电话,学历,政治面貌,来源,方式,入库时间,帮带人,帮带人职务,帮带方式,帮带开始时间,村级摸底,乡镇推荐,县级审核";

let running = 0;

function rosterLine(
  c: County,
  village: readonly [string, string],
  name: string,
  male: boolean,
  id: string,
  phone: string,
) {
  return [
    c.town,
    village[1],
    village[0],
    name,
    male ? "男" : "女",
    "汉族",
    id,
    phone,
    "大专",
    "党员",
    "村民小组长",
    "内选",
    "2021/1/5",
    `帮${name}`,
    "包村干部",
    "一带一",
    "2021/1/5",
    "2020/10/10",
    "2020/11/10",
    "2020/12/10",
  ].join(",");
}

/** A county's register CSV, as 统计用区划代码 lists it. */
export function registerCsv(c: County): string {
  const lines = ["统计用区划代码,城乡分类代码,名称", `${c.code}000000,,${c.name}`, `${c.code}100000,,${c.town}`];
  for (const [code, name] of c.villages) lines.push(`${code},220,${name}`);
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

/** `count(i)` reserves in the i-th village; the shared person (unless not `shared`) added to 西林村 and 殷庄村. */
export function rosterCsv(c: County, count: (i: number) => number, shared = true): string {
  const lines = [HEADER];
  c.villages.forEach((v, i) => {
    for (let k = 0; k < count(i); k++) {
      running++;
      const male = k % 2 === 0;
      const id = idNumber(c.code, `1990${String((k % 9) + 1).padStart(2, "0")}1${k}`, 2 * running + (male ? 1 : 0));
      lines.push(
        rosterLine(
          c,
          v,
          `${c.name.slice(0, 1)}${v[1].slice(0, 1)}${hanDigits(String(k + 1))}号`,
          male,
          id,
          `139${String(running).padStart(8, "0")}`,
        ),
      );
    }
  });
  if (shared && c.code === "640502")
    lines.push(rosterLine(c, c.villages[1]!, "马海军", true, SHARED_ID, "13800000001"));
  if (shared && c.code === "640521")
    lines.push(rosterLine(c, c.villages[0]!, "马海军", true, SHARED_ID, "13800000001"));
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

/**
 * `reserve init` of the county in `dir/name` — from the register CSV above (a few villages), or
 * with `official` from the official division table (`--district`, every village of the county) —
 * and the roster imported.
 */
export function initDistrict(
  dir: string,
  name: string,
  c: County,
  count: (i: number) => number = () => 3,
  shared = true,
  official = false,
): string {
  const env = { RESERVE_NOW: NOW };
  let from = ["--district", c.code];
  if (!official) {
    writeFileSync(join(dir, `${c.code}-区划.csv`), registerCsv(c));
    from = ["--register", `${c.code}-区划.csv`];
  }
  const init = runCli(["init", name, ...from, "--year", "2021"], { cwd: dir, env });
  expect(init.code, init.stderr).toBe(0);
  writeFileSync(join(dir, `${c.code}-名册.csv`), rosterCsv(c, count, shared));
  const imported = runCli(["import", "--data", name, `${c.code}-名册.csv`], { cwd: dir, env });
  expect(imported.code, imported.stdout + imported.stderr).toBe(0);
  return join(dir, name);
}

/** The same three counties with villages of their official registers (for `init --district`). */
export const OFFICIAL_COUNTIES: readonly County[] = [
  {
    ...COUNTIES[0]!,
    villages: [
      ["640502100201", "西关村"],
      ["640502100202", "高庙村"],
    ],
  },
  {
    ...COUNTIES[1]!,
    villages: [
      ["640521100201", "白桥村"],
      ["640521100202", "郭庄村"],
    ],
  },
  {
    ...COUNTIES[2]!,
    villages: [
      ["640522100204", "水洼村"],
      ["640522100205", "段塬村"],
      ["640522100206", "高台村"],
    ],
  },
];

/** The three libraries in a new folder, as A (沙坡头区), B (中宁县), C (海原县). */
export function zhongwei(): string {
  const dir = tempDir("reserve-rollup-");
  initDistrict(dir, "A", COUNTIES[0]!, (i) => (i === 0 ? 3 : 1));
  initDistrict(dir, "B", COUNTIES[1]!);
  initDistrict(dir, "C", COUNTIES[2]!, (i) => [3, 4, 2][i]!);
  return dir;
}
