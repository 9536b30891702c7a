import { ymd } from "../domain/dates.js";
import type { TrainingSession, TrainingYear } from "../domain/model.js";
import type { TrainingLevel, TrainingTopic } from "../domain/terms.js";

type Plan = readonly [
  month: number,
  day: number,
  level: TrainingLevel,
  title: string,
  topics: TrainingTopic[],
  hours: number,
];

/**
 * The year's programme: one session a month, 12 in all (DESIGN §1 "Cultivate"), district, town and
 * village level mixed, covering the six topics. 镇级 and 村级 sessions follow one district-wide
 * programme that every town (or village) runs on the same day, so they carry no single `unit`.
 */
const PROGRAMME: readonly Plan[] = [
  [1, 20, "区级", "学习贯彻党的十九届五中全会精神专题培训", ["政治理论"], 8],
  [2, 24, "镇级", "村级组织建设与“四议两公开”工作法", ["党建知识", "农村工作方法"], 4],
  [3, 18, "区级", "党史学习教育专题辅导", ["政治理论", "党建知识"], 8],
  [4, 22, "村级", "村务公开与村级财务管理", ["业务知识"], 3],
  [5, 20, "镇级", "乡村振兴政策解读", ["政策法规"], 4],
  [6, 17, "区级", "《中华人民共和国民法典》与农村矛盾纠纷化解", ["政策法规", "农村工作方法"], 6],
  [7, 15, "村级", "枸杞、硒砂瓜种植与滩羊养殖实用技术", ["技能训练"], 3],
  [8, 19, "镇级", "村“两委”换届政策与选举程序", ["政策法规", "业务知识"], 4],
  [9, 16, "区级", "农村电商与村集体经济发展", ["业务知识", "技能训练"], 8],
  [10, 21, "镇级", "基层党组织“三会一课”与党员发展工作", ["党建知识"], 4],
  [11, 11, "村级", "移风易俗与乡风文明建设", ["农村工作方法"], 3],
  [12, 16, "区级", "学习贯彻党的十九届六中全会精神暨年度述职", ["政治理论", "党建知识"], 8],
];

/** Session ids are `<year>-<month>`: 2021-01 … 2021-12. */
export function trainingYear(year: number): TrainingYear {
  const sessions: TrainingSession[] = PROGRAMME.map(([month, day, level, title, topics, hours]) => ({
    id: `${year}-${String(month).padStart(2, "0")}`,
    date: ymd(year, month, day),
    title,
    level,
    topics,
    hours,
  }));
  return { year, sessions };
}
