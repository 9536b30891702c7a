import { vocabulary } from "./vocabulary.js";

/**
 * The official terms the library stores, each with the aliases accepted on input.
 * Sources: GB/T 2261.1 (gender), GB/T 3304 (ethnic groups), GB/T 4762 (political status, in the
 * short forms used on cadre forms), and the district's practice for the rest (DESIGN §1–2).
 */

export const GENDER = vocabulary("gender", [
  ["男", "male", "m", "男性"],
  ["女", "female", "f", "女性"],
]);
export type Gender = (typeof GENDER.values)[number];

/** The 56 ethnic groups in GB/T 3304 order, stored with the 族 suffix. */
export const ETHNICITY = vocabulary("ethnicity", [
  ["汉族", "汉", "han"],
  ["蒙古族", "蒙古", "mongol", "mongolian"],
  ["回族", "回", "hui"],
  ["藏族", "藏", "tibetan"],
  ["维吾尔族", "维吾尔", "uyghur", "uygur"],
  ["苗族", "苗", "miao"],
  ["彝族", "彝", "yi"],
  ["壮族", "壮", "zhuang"],
  ["布依族", "布依", "bouyei", "buyei"],
  ["朝鲜族", "朝鲜", "korean"],
  ["满族", "满", "manchu"],
  ["侗族", "侗", "dong"],
  ["瑶族", "瑶", "yao"],
  ["白族", "白", "bai"],
  ["土家族", "土家", "tujia"],
  ["哈尼族", "哈尼", "hani"],
  ["哈萨克族", "哈萨克", "kazakh"],
  ["傣族", "傣", "dai"],
  ["黎族", "黎", "li"],
  ["傈僳族", "傈僳", "lisu"],
  ["佤族", "佤", "va", "wa"],
  ["畲族", "畲", "she"],
  ["高山族", "高山", "gaoshan"],
  ["拉祜族", "拉祜", "lahu"],
  ["水族", "水", "shui"],
  ["东乡族", "东乡", "dongxiang"],
  ["纳西族", "纳西", "naxi"],
  ["景颇族", "景颇", "jingpo"],
  ["柯尔克孜族", "柯尔克孜", "kyrgyz", "kirgiz"],
  ["土族", "土", "tu", "monguor"],
  ["达斡尔族", "达斡尔", "daur"],
  ["仫佬族", "仫佬", "mulao", "mulam"],
  ["羌族", "羌", "qiang"],
  ["布朗族", "布朗", "blang"],
  ["撒拉族", "撒拉", "salar"],
  ["毛南族", "毛南", "maonan"],
  ["仡佬族", "仡佬", "gelao"],
  ["锡伯族", "锡伯", "xibe", "sibe"],
  ["阿昌族", "阿昌", "achang"],
  ["普米族", "普米", "pumi"],
  ["塔吉克族", "塔吉克", "tajik"],
  ["怒族", "怒", "nu"],
  ["乌孜别克族", "乌孜别克", "uzbek"],
  ["俄罗斯族", "俄罗斯", "russian"],
  ["鄂温克族", "鄂温克", "evenki"],
  ["德昂族", "德昂", "deang", "de'ang"],
  ["保安族", "保安", "bonan"],
  ["裕固族", "裕固", "yugur"],
  ["京族", "京", "gin", "jing"],
  ["塔塔尔族", "塔塔尔", "tatar"],
  ["独龙族", "独龙", "derung", "drung"],
  ["鄂伦春族", "鄂伦春", "oroqen"],
  ["赫哲族", "赫哲", "hezhen", "nanai"],
  ["门巴族", "门巴", "monba"],
  ["珞巴族", "珞巴", "lhoba"],
  ["基诺族", "基诺", "jino"],
]);
export type Ethnicity = (typeof ETHNICITY.values)[number];

/** 学历, highest first. The order is the rank used by education floors and the "大专+" share. */
export const EDUCATION = vocabulary("education", [
  ["研究生", "博士", "硕士", "博士研究生", "硕士研究生", "postgraduate", "graduate", "master", "phd"],
  ["大学本科", "本科", "大学", "bachelor", "undergraduate", "university"],
  ["大学专科", "大专", "专科", "高职", "college", "junior college", "associate"],
  ["中专", "中等专科", "中职", "职高", "技校", "中技", "vocational", "secondary vocational"],
  ["高中", "普通高中", "high school", "senior high"],
  ["初中", "junior high", "middle school"],
  ["小学", "primary", "primary school", "elementary"],
]);
export type Education = (typeof EDUCATION.values)[number];

/** Rank of an education level: larger is higher. */
export function educationRank(e: Education): number {
  return EDUCATION.values.length - EDUCATION.values.indexOf(e);
}

/** GB/T 4762 in the short forms used on cadre registration forms. */
export const POLITICAL_STATUS = vocabulary("political_status", [
  ["中共党员", "党员", "中国共产党党员", "cpc member", "party member", "communist party member"],
  ["中共预备党员", "预备党员", "中国共产党预备党员", "probationary member", "probationary party member"],
  ["共青团员", "团员", "中国共产主义青年团团员", "league member", "cyl member", "youth league member"],
  ["民革党员", "民革会员", "中国国民党革命委员会会员"],
  ["民盟盟员", "中国民主同盟盟员"],
  ["民建会员", "中国民主建国会会员"],
  ["民进会员", "中国民主促进会会员"],
  ["农工党党员", "中国农工民主党党员"],
  ["致公党党员", "中国致公党党员"],
  ["九三学社社员"],
  ["台盟盟员", "台湾民主自治同盟盟员"],
  ["无党派人士", "无党派", "non-partisan", "nonpartisan"],
  ["群众", "masses", "none", "non-party", "the masses"],
]);
export type PoliticalStatus = (typeof POLITICAL_STATUS.values)[number];

export function isPartyMember(p: PoliticalStatus): boolean {
  return p === "中共党员" || p === "中共预备党员";
}

/** 来源: where a reserve was found (DESIGN §1 "Select"). */
export const SOURCE = vocabulary("source", [
  ["村民小组长", "group leader", "villager group leader"],
  ["致富能手", "致富带头人", "entrepreneur", "rich farmer", "local entrepreneur"],
  ["外出务工人员", "务工人员", "migrant worker", "migrant"],
  ["返乡大中专毕业生", "返乡大学生", "大中专毕业生", "returning graduate", "graduate returnee"],
  ["外出能人", "外出经商能人", "returning talent", "talent returnee"],
  ["复转军人", "退役军人", "复员转业军人", "veteran", "retired soldier"],
  ["其他", "other"],
]);
export type Source = (typeof SOURCE.values)[number];

/** 方式: 内选 (internal selection) or 外引 (external recruitment, "引凤还巢"). */
export const INTAKE = vocabulary("intake", [
  ["内选", "internal", "internal selection"],
  ["外引", "external", "external recruitment", "引凤还巢"],
]);
export type Intake = (typeof INTAKE.values)[number];

/**
 * 状态. 在库 and 列为考察对象 are in the pool once 县级审核 is passed; 已使用 (elected or appointed)
 * and 调整出库 (adjusted out) have left it and no longer count towards the quota.
 */
export const STATUS = vocabulary("status", [
  ["在库", "in pool", "active", "in_pool"],
  ["列为考察对象", "考察对象", "candidate", "under examination"],
  ["已使用", "当选", "已当选", "used", "elected", "appointed"],
  ["调整出库", "出库", "调出", "adjusted out", "removed", "adjusted_out"],
]);
export type Status = (typeof STATUS.values)[number];

export function statusCountsInPool(s: Status): boolean {
  return s === "在库" || s === "列为考察对象";
}

/** 培养方向: the post a reserve is being prepared for. */
export const TARGET_POST = vocabulary("target_post", [
  ["村党组织书记", "村党支部书记", "村支书", "party secretary", "branch secretary"],
  ["村委会主任", "村主任", "village director", "committee director"],
  ["村“两委”委员", "两委委员", "村两委委员", '村"两委"委员', "committee member"],
  ["村务监督委员会主任", "监委会主任", "supervision director"],
  ["村会计", "会计", "报账员", "accountant"],
]);
export type TargetPost = (typeof TARGET_POST.values)[number];

/** 帮带人职务: who may mentor a reserve (DESIGN §1 "Cultivate"). */
export const MENTOR_ROLE = vocabulary("mentor_role", [
  ["乡镇领导干部", "乡镇领导", "镇领导", "township leader"],
  ["包村干部", "包村领导", "village liaison cadre", "liaison cadre"],
  ["驻村第一书记", "第一书记", "first secretary"],
  ["村“两委”成员", "两委成员", "村两委成员", '村"两委"成员', "村干部", "village committee member"],
]);
export type MentorRole = (typeof MENTOR_ROLE.values)[number];

/** 帮带方式: one mentor for one reserve, or several mentors for one reserve. */
export const MENTOR_MODE = vocabulary("mentor_mode", [
  ["一带一", "1带1", "one to one", "one-to-one"],
  ["多带一", "many to one", "many-to-one"],
]);
export type MentorMode = (typeof MENTOR_MODE.values)[number];

/** 定岗锻炼岗位 (DESIGN §1 "Cultivate"). */
export const PRACTICE_POST = vocabulary("practice_post", [
  ["党小组长", "party group leader"],
  ["两委委员", "committee member post"],
  ["村民小组长", "villager group leader post"],
  ["村党支部书记助理", "书记助理", "secretary assistant"],
  ["村委会主任助理", "主任助理", "director assistant"],
]);
export type PracticePost = (typeof PRACTICE_POST.values)[number];

/** 党员发展阶段 for reserves who are not yet members, in order. */
export const PARTY_STAGE = vocabulary("party_stage", [
  ["入党申请人", "申请人", "applicant"],
  ["入党积极分子", "积极分子", "activist"],
  ["发展对象", "development candidate", "candidate for membership"],
  ["预备党员", "probationary"],
  ["党员", "full member", "member"],
]);
export type PartyStage = (typeof PARTY_STAGE.values)[number];

/** 选拔程序: the three steps every internal selection goes through, in order. */
export const SELECTION_STEP = vocabulary("selection_step", [
  ["村级摸底", "survey", "village survey"],
  ["乡镇推荐", "township", "township recommendation"],
  ["县级审核", "county", "county review", "district review"],
]);
export type SelectionStep = (typeof SELECTION_STEP.values)[number];

/** 培训层级. */
export const TRAINING_LEVEL = vocabulary("training_level", [
  ["区级", "县级", "district", "county"],
  ["镇级", "乡镇级", "乡级", "town", "township"],
  ["村级", "village"],
]);
export type TrainingLevel = (typeof TRAINING_LEVEL.values)[number];

/** 培训内容 (DESIGN §1 "Cultivate"). */
export const TRAINING_TOPIC = vocabulary("training_topic", [
  ["政治理论", "political theory"],
  ["党建知识", "party building"],
  ["政策法规", "policy and law", "laws and policies"],
  ["农村工作方法", "rural work methods"],
  ["业务知识", "professional knowledge"],
  ["技能训练", "skills", "skill training"],
]);
export type TrainingTopic = (typeof TRAINING_TOPIC.values)[number];

/** 资格联审 result. */
export const SCREENING_RESULT = vocabulary("screening_result", [
  ["通过", "pass", "passed", "clear"],
  ["不通过", "fail", "failed", "hit"],
]);
export type ScreeningResult = (typeof SCREENING_RESULT.values)[number];

/**
 * Evaluation scales are stored as stable codes; their labels live in the policy so that relabelling
 * a scale never changes stored results.
 */
export const RATING_CODES = ["good", "fair", "average", "poor"] as const;
export type RatingCode = (typeof RATING_CODES)[number];

export const GRADE_CODES = ["excellent", "competent", "basic", "incompetent"] as const;
export type GradeCode = (typeof GRADE_CODES)[number];

/** The four criteria of the annual evaluation and the reason each gives when rated poor. */
export const CRITERIA = ["study", "work", "skill", "results"] as const;
export type Criterion = (typeof CRITERIA)[number];

export const DECISIONS = ["keep", "adjust_out"] as const;
export type Decision = (typeof DECISIONS)[number];
