import type { IsoDate } from "./dates.js";
import type {
  Criterion,
  Decision,
  Education,
  Ethnicity,
  Gender,
  GradeCode,
  Intake,
  MentorMode,
  MentorRole,
  PartyStage,
  PoliticalStatus,
  PracticePost,
  RatingCode,
  ScreeningResult,
  Source,
  Status,
  TargetPost,
  TrainingLevel,
  TrainingTopic,
  VocabularyName,
} from "./terms.js";

/**
 * The district register (district.yaml): the administrative units the pool is kept for, and the
 * district's policy. Codes follow 统计用区划代码: 6-digit county, 3-digit town, 3-digit village.
 */
export interface District {
  readonly code: string;
  readonly name: string;
  readonly city?: string;
  readonly province?: string;
  /** The working year: the year audits and reports look at unless told otherwise. */
  readonly year: number;
  readonly towns: readonly Town[];
  readonly villages: readonly Village[];
  readonly policy: Policy;
}

export type UnitStatus = "正常" | "已合并" | "已撤销";

export interface Town {
  readonly code: string;
  readonly name: string;
  readonly status: UnitStatus;
  readonly replaced_by?: string;
  readonly changed?: IsoDate;
}

/** 村 (村民委员会) keep reserves; 社区 (居民委员会) may be listed but carry no quota. */
export type VillageKind = "村" | "社区";

export interface Village {
  readonly code: string;
  readonly name: string;
  readonly town: string;
  readonly kind: VillageKind;
  /**
   * 城乡分类代码 where the register gives it: whether the place is urban (111–123) or rural (210,
   * 220). It does not say whether the unit is a 村 or a 社区 (domain/unit-kind.ts).
   */
  readonly urban_rural?: string;
  readonly status: UnitStatus;
  /** The village it was merged into, when status is 已合并. */
  readonly replaced_by?: string;
  readonly changed?: IsoDate;
}

/** Every threshold is the district's to change; defaults in domain/policy-defaults.ts. */
export interface Policy {
  readonly quota: { readonly min: number; readonly target: number; readonly max?: number };
  readonly age: {
    readonly min: number;
    readonly max: number;
    /** A different upper limit for some education levels (e.g. younger for 大学本科+). */
    readonly max_by_education?: Partial<Record<Education, number>>;
  };
  /** Below this level is a warning. */
  readonly education_floor: Education;
  /** Sources that count as external recruitment (外引); all others are internal (内选). */
  readonly external_sources: readonly Source[];
  readonly training: { readonly min_sessions: number };
  readonly mentoring: {
    readonly max_reserves_per_mentor: number;
    readonly roles: readonly MentorRole[];
  };
  /** Months a non-member may stay at a stage before it counts as overdue. */
  readonly party_stage_months: Partial<Record<PartyStage, number>>;
  /** Minimum shares of the in-pool reserves, per village and per town (below is a warning). */
  readonly structure: {
    readonly women: number;
    readonly under_35: number;
    readonly party_members: number;
    readonly college: number;
  };
  readonly screening: ScreeningPolicy;
  readonly evaluation: EvaluationPolicy;
  readonly election: { readonly year: number; readonly date?: IsoDate; readonly next_year?: number };
  /** Terms and synonyms the district adds to the built-in tables (domain/vocabulary-set.ts). */
  readonly vocabulary?: Partial<Record<VocabularyName, readonly VocabularyAddition[]>>;
}

/**
 * A term or synonyms a district adds to a table: synonyms for an existing term, or a new term (in
 * an open table) with what it counts as.
 */
export interface VocabularyAddition {
  readonly term: string;
  readonly synonyms?: readonly string[];
  /** For a new 学历 or 政治面貌: the built-in term it is counted as. */
  readonly counts_as?: string;
  /** For a new 帮带人职务: its category (乡镇领导干部, 包村干部, 驻村第一书记, 村“两委”成员 or 其他). */
  readonly category?: string;
}

/** 资格联审: a versioned negative list and the departments that attest to it. */
export interface ScreeningPolicy {
  readonly list: string;
  /** An attestation older than this many days before the election date no longer counts. */
  readonly window_days: number;
  readonly departments: readonly string[];
  readonly negative_list: readonly string[];
}

export interface EvaluationPolicy {
  /** Month and day (MM-DD) of the evaluation year by which evaluations are due. */
  readonly due: string;
  readonly rating_labels: Readonly<Record<RatingCode, string>>;
  readonly rating_points: Readonly<Record<RatingCode, number>>;
  readonly criteria_weights: Readonly<Record<Criterion, number>>;
  readonly poor_reasons: Readonly<Record<Criterion, string>>;
  /** Shares of the final score: the four criteria, the democratic vote, training attendance. */
  readonly components: { readonly criteria: number; readonly democratic: number; readonly training: number };
  readonly vote_points: Readonly<Record<GradeCode, number>>;
  readonly grade_labels: Readonly<Record<GradeCode, string>>;
  /** Lowest score for each grade; below `basic` is incompetent. */
  readonly grade_bands: { readonly excellent: number; readonly competent: number; readonly basic: number };
}

/** The three selection steps and their dates. */
export interface Selection {
  /** 村级摸底 */
  readonly survey?: IsoDate;
  /** 乡镇推荐 */
  readonly township?: IsoDate;
  /** 县级审核: only people past this step are in the pool. */
  readonly county?: IsoDate;
}

export interface Mentorship {
  readonly name: string;
  /** The category of the mentor's posts (the one the mentoring rule judges). */
  readonly role: MentorRole;
  /** The mentor's posts as the roster named them (several for 一肩挑); absent when only the category was given. */
  readonly posts?: readonly string[];
  readonly mode: MentorMode;
  readonly from: IsoDate;
  readonly to?: IsoDate;
}

export interface PracticeAssignment {
  readonly post: PracticePost;
  readonly from: IsoDate;
  readonly to?: IsoDate;
}

/** 列席: a village meeting the reserve attended. */
export interface MeetingAttendance {
  readonly date: IsoDate;
  readonly title: string;
}

export interface PartyStep {
  readonly stage: PartyStage;
  readonly date: IsoDate;
}

export interface StatusChange {
  readonly status: Status;
  readonly date?: IsoDate;
  readonly reason?: string;
}

/**
 * A move to another village (`reserve move`). The internal id stays as it was: it names the
 * village the person entered the pool in, not the one they are in now.
 */
export interface VillageMove {
  readonly date: IsoDate;
  readonly from_village: string;
  readonly to_village: string;
  readonly reason: string;
}

export interface ScreeningAttestation {
  readonly department: string;
  readonly date: IsoDate;
  readonly result: ScreeningResult;
  /** The negative-list item found, when the result is 不通过. */
  readonly item?: string;
}

export interface Evaluation {
  readonly date?: IsoDate;
  readonly ratings: Partial<Record<Criterion, RatingCode>>;
  readonly votes?: Readonly<Record<GradeCode, number>>;
  readonly raters?: number;
  readonly training_rate?: number;
  readonly score?: number;
  readonly grade?: GradeCode;
  readonly decision?: Decision;
  readonly reasons?: readonly string[];
  /** The evaluation sheet's note (备注), as the township wrote it. */
  readonly note?: string;
}

/** One person's file (一人一档). */
export interface Reserve {
  /** Stable internal id: `<village code>-<sequence>`, never the ID number; never reused. */
  readonly id: string;
  readonly name: string;
  readonly gender: Gender;
  readonly ethnicity: Ethnicity;
  readonly id_number: string;
  readonly phone?: string;
  readonly education: Education;
  readonly political_status: PoliticalStatus;
  readonly source: Source;
  readonly intake: Intake;
  readonly selection: Selection;
  readonly entry_date?: IsoDate;
  readonly target_post?: TargetPost;
  readonly specialties?: readonly string[];
  readonly mentors?: readonly Mentorship[];
  readonly posts?: readonly PracticeAssignment[];
  readonly meetings?: readonly MeetingAttendance[];
  readonly party?: readonly PartyStep[];
  readonly screening?: readonly ScreeningAttestation[];
  /** Training session ids attended (defined in trainings/). */
  readonly trainings?: readonly string[];
  readonly status: Status;
  readonly status_changes?: readonly StatusChange[];
  /** Moves between villages, oldest first. */
  readonly moves?: readonly VillageMove[];
  /** Keyed by year, e.g. "2021". */
  readonly evaluations?: Readonly<Record<string, Evaluation>>;
  readonly note?: string;
}

/** 一村一册: the reserves kept for one village. */
export interface VillageBook {
  readonly village: string;
  readonly reserves: readonly Reserve[];
}

export interface TrainingSession {
  readonly id: string;
  readonly date: IsoDate;
  readonly title: string;
  readonly level: TrainingLevel;
  /** Town or village code for 镇级 and 村级 sessions. */
  readonly unit?: string;
  readonly topics: readonly TrainingTopic[];
  readonly hours: number;
}

export interface TrainingYear {
  readonly year: number;
  readonly sessions: readonly TrainingSession[];
}
