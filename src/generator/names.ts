import type { Ethnicity, Gender } from "../domain/terms.js";
import type { Random } from "./random.js";

/**
 * Synthetic names. Surnames follow the usual frequencies (回族 families in Ningxia are most often
 * 马, then 杨, 李, 丁, 海, 金…); given names are drawn character by character, so the people are
 * plausible but not anybody in particular.
 */

const HAN_SURNAMES = weightedList(
  "王9 李8 张8 刘6 陈4 杨4 赵3 黄2 周2 吴2 徐2 孙2 马3 朱2 胡2 郭2 何1 高2 林1 罗1 郑1 梁1 谢1 宋1 唐1 许1 韩1 冯1 邓1 曹1 彭1 田1 董1 袁1 潘1 蒋1 蔡1 余1 杜1 魏1 吕1 丁1 任1 沈1 姚1 卢1 姜1 崔1 陆1 范1 金1 石1 贾1 白1 孟1 秦1 薛1 闫1 段1 雷1 侯1 史1 贺1 郝1 万1 常1 鲁1 俞1 樊1 柴1",
);

const HUI_SURNAMES = weightedList(
  "马24 杨6 李5 丁4 海3 金3 王4 白3 冶2 纳2 穆2 虎2 锁2 哈1 苏2 田2 何2 周1 黑1 沙1 撒1 喇1 拜1 者1 洪1 米1 兰1 摆1",
);

const MALE_CHARS = [
  ..."伟强军磊勇杰涛斌超明刚平辉鹏华飞鑫波宁亮林峰建国文学志海成龙东兵彬旭晨浩宇俊凯帅瑞忠福贵荣生德武富有万金银玉山川江河春秋永长新利和安泉庆仁义礼智信广虎彪云雷振兴",
];

const FEMALE_CHARS = [
  ..."芳娟敏静丽燕艳霞玲萍红梅琴英慧婷雪倩兰凤洁蓉莉娜琳晶瑶颖佳悦欣月春秀桂花翠巧美丹云霞宁璐蕊薇彤雯妮荷菊香珍珠玉金银淑惠君",
];

/** 维吾尔族 and 哈萨克族 names are written given name · father's name, with U+00B7 between them. */
const UYGHUR_MALE = [
  "艾力",
  "买买提",
  "吐尔逊",
  "阿卜杜拉",
  "艾尔肯",
  "努尔艾力",
  "热合曼",
  "亚森",
  "伊力哈木",
  "阿迪力",
];
const UYGHUR_FEMALE = ["古丽米拉", "阿依古丽", "热娜古丽", "帕提古丽", "米娜瓦尔", "努尔尼沙", "再努尔", "阿依努尔"];
const UYGHUR_FATHERS = ["买买提", "吐尔洪", "艾山", "依明", "肉孜", "阿不都", "司马义", "玉素甫", "卡德尔", "铁木尔"];

/** Surnames heard among 蒙古族, 满族, 东乡族 and 土族 families who live in Ningxia. */
const OTHER_SURNAMES = ["白", "包", "宝", "关", "佟", "那", "赵", "马", "李", "安", "鲁", "祁"];

/** "王9 李8" → [["王", 9], ["李", 8]]: long frequency tables stay readable on a few lines. */
function weightedList(text: string): [string, number][] {
  return text.split(" ").map((t) => {
    const m = /^(\D+)(\d+)$/.exec(t)!;
    return [m[1]!, Number(m[2])];
  });
}

export const MIDDLE_DOT = "\u00b7";

export function personName(rng: Random, gender: Gender, ethnicity: Ethnicity): string {
  if (ethnicity === "维吾尔族" || ethnicity === "哈萨克族") {
    const given = rng.pick(gender === "男" ? UYGHUR_MALE : UYGHUR_FEMALE);
    return `${given}${MIDDLE_DOT}${rng.pick(UYGHUR_FATHERS)}`;
  }
  const surname =
    ethnicity === "回族"
      ? rng.weighted(HUI_SURNAMES)
      : ethnicity === "汉族"
        ? rng.weighted(HAN_SURNAMES)
        : rng.pick(OTHER_SURNAMES);
  const chars = gender === "男" ? MALE_CHARS : FEMALE_CHARS;
  const first = rng.pick(chars);
  if (rng.chance(0.25)) return surname + first;
  let second = rng.pick(chars);
  while (second === first && rng.chance(0.9)) second = rng.pick(chars);
  return surname + first + second;
}

const PLACE_FIRST = [
  ..."红黄沙河泉园枣柳杏丰永兴胜团高长双石金龙宏和平安康富裕美景深新东西南北上下前后中大小旧清白青绿曙春福",
];

const PLACE_SECOND = [
  ..."滩墩桥渠湾梁台堡庄营寨井泉沟川塘园林坪岗水湖崖口源光丰盛乐宁和安胜利民星明光华联田窑坡洼圈峰店集套场",
];

/** A two-character place name not yet in `taken` (which it joins). */
export function placeName(rng: Random, taken: Set<string>): string {
  for (;;) {
    const a = rng.pick(PLACE_FIRST);
    const b = rng.pick(PLACE_SECOND);
    if (a === b) continue;
    const name = a + b;
    if (!taken.has(name)) {
      taken.add(name);
      return name;
    }
  }
}

/** How many distinct two-character place names placeName can make. */
export const PLACE_NAME_CAPACITY = PLACE_FIRST.length * new Set(PLACE_SECOND).size;
