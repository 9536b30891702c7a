import type { VillageKind } from "./model.js";

/**
 * Whether a village-level unit is a 村民委员会 (村, keeps reserves) or a 居民委员会 (社区). The
 * 统计用区划代码 rules say it in the code's last three digits — 001–199 居民委员会, 200–399 村民委员会,
 * 400–499 and 500–599 units like them (类似居委会, 类似村委会: a 虚拟社区, a farm's 生活区), which are
 * not administrative villages — and the name says it in its ending. The 城乡分类代码 does not: it
 * says whether the place is urban (111–123) or rural (210, 220), and many a 村委会 lies in a town's
 * centre (121).
 */

export type CodeKind = VillageKind | "类似社区" | "类似村";

export function kindByCode(code: string): CodeKind | undefined {
  const n = Number(code.slice(9, 12));
  if (n >= 1 && n <= 199) return "社区";
  if (n >= 200 && n <= 399) return "村";
  if (n >= 400 && n <= 499) return "类似社区";
  if (n >= 500 && n <= 599) return "类似村";
  return undefined;
}

export function kindByName(name: string): VillageKind | undefined {
  if (/(居民委员会|居委会|社区)$/.test(name)) return "社区";
  if (/村(民委员会|委会)?$/.test(name)) return "村";
  return undefined;
}

export interface UnitKind {
  readonly kind: VillageKind;
  /**
   * Why the kind wants a look: `conflict`, code and name disagree (kept as 村: a quota not owed shows
   * in the audit, a quota lost would not); `unknown`, neither says (村, for the same reason);
   * `similar`, a unit like a committee whose name does not say 村 (社区: not an administrative village).
   */
  readonly doubt?: "conflict" | "unknown" | "similar";
}

export function classifyUnit(code: string, name: string): UnitKind {
  const byCode = kindByCode(code);
  const byName = kindByName(name);
  if (byCode === "类似社区" || byCode === "类似村") {
    return byName !== undefined ? { kind: byName } : { kind: "社区", doubt: "similar" };
  }
  if (byCode !== undefined && byName !== undefined && byCode !== byName) return { kind: "村", doubt: "conflict" };
  const kind = byCode ?? byName;
  return kind === undefined ? { kind: "村", doubt: "unknown" } : { kind };
}

/**
 * The name a township writes for a unit the table names by its committee: 西关村委会, 加两村村民委员会
 * and 赵桥村民委员会 are 西关村, 加两村 and 赵桥村; 多福巷社区居委会 is 多福巷社区. Other names stay.
 */
export function everydayName(name: string): string {
  const village = /^(.+?)村?(村民委员会|村委会)$/.exec(name);
  if (village) return `${village[1]}村`;
  const community = /^(.+社区)(居民委员会|居委会)$/.exec(name);
  if (community) return community[1]!;
  return name;
}

/** 城乡分类代码 (统计用区划代码和城乡划分代码): urban 111 主城区 … 123 特殊区域, rural 210 乡中心区, 220 村庄. */
export const URBAN_RURAL_CODES = ["111", "112", "121", "122", "123", "210", "220"] as const;
export type UrbanRuralCode = (typeof URBAN_RURAL_CODES)[number];

export function isUrbanRuralCode(s: string): s is UrbanRuralCode {
  return (URBAN_RURAL_CODES as readonly string[]).includes(s);
}
