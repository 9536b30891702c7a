import type { IsoDate } from "../domain/dates.js";
import type { Evaluation, Reserve, TrainingSession, UnitStatus, VillageKind } from "../domain/model.js";
import type { GradeCode, PartyStage, RatingCode, Status } from "../domain/terms.js";

/**
 * The report model: everything `reserve report` writes, computed once from the library by
 * reports/build.ts. Renderers (Markdown, CSV tables, JSON, HTML, the evaluation sheet) only format
 * it, so every output shows the same numbers. Language-independent: labels are the renderers'.
 */

/** Where a village stands against policy.quota (in-pool reserves on the report date). */
export type QuotaStatus = "below-min" | "below-target" | "at-target" | "above-target";
export const QUOTA_STATUSES: readonly QuotaStatus[] = ["below-min", "below-target", "at-target", "above-target"];

/** Counts by category, keys in the categories' conventional order (the same keys in every unit). */
export type Counts = Readonly<Record<string, number>>;

/** Age bands of the issue (at the report date): ≤35, 36–40, 41–45, >45. */
export const AGE_BANDS = ["le35", "36-40", "41-45", "gt45"] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

/** The categories each distribution is reported in, in order. */
export interface Categories {
  readonly intake: readonly string[];
  readonly gender: readonly string[];
  readonly age: readonly string[];
  readonly ethnicity: readonly string[];
  readonly education: readonly string[];
  readonly political: readonly string[];
  readonly source: readonly string[];
  readonly targetPost: readonly string[];
  readonly mentorMode: readonly string[];
  readonly post: readonly string[];
  readonly partyStage: readonly string[];
  readonly grade: readonly string[];
  readonly reason: readonly string[];
  readonly trainingLevel: readonly string[];
}

/**
 * The figures of one unit (village, town, or the whole scope). Every count is of reserves in the
 * pool on the report date unless its comment says otherwise.
 */
export interface Figures {
  /** Villages that keep a quota (村 in force). */
  readonly villages: number;
  /** Those villages by quota status. */
  readonly quota: Readonly<Record<QuotaStatus, number>>;
  readonly inPool: number;
  /** Selected, waiting for the county review (not in the pool). */
  readonly pending: number;
  /** Adjusted out (调整出库) during the year, up to the report date. */
  readonly adjustedOut: number;
  /** Elected or appointed (已使用) during the year, up to the report date. */
  readonly used: number;
  readonly intake: Counts;
  readonly gender: Counts;
  readonly age: Counts;
  readonly ethnicity: Counts;
  readonly education: Counts;
  readonly political: Counts;
  readonly source: Counts;
  readonly targetPost: Counts;
  /** Numerators of the structure shares of policy.structure (denominator: inPool). */
  readonly women: number;
  readonly under35: number;
  readonly partyMembers: number;
  /** 大学专科 or higher. */
  readonly college: number;
  readonly training: {
    /** Sessions of the year (up to the report date) open to the unit's reserves. */
    readonly sessions: number;
    /** Seats: for each reserve, the sessions open to them. */
    readonly expected: number;
    /** Of those seats, the ones taken. */
    readonly attended: number;
    /** Reserves who attended fewer sessions in the year than policy.training.min_sessions. */
    readonly belowMin: number;
  };
  /** With a mentor on the report date. */
  readonly mentored: number;
  readonly mentorMode: Counts;
  /** In a practice post on the report date. */
  readonly posted: number;
  readonly post: Counts;
  /** Attended at least one village meeting (列席) in the year. */
  readonly meetings: number;
  readonly party: {
    /** Non-members, and members who went through the stages while in the pool. */
    readonly population: number;
    /** How many reached each stage (or a later one). */
    readonly reached: Counts;
    /** The stage each is at (`none`: no application yet). */
    readonly current: Counts;
  };
  readonly evaluation: {
    /** Reserves with an evaluation recorded for the year (including those since adjusted out). */
    readonly evaluated: number;
    /** In the pool without an evaluation for the year. */
    readonly notEvaluated: number;
    readonly grades: Counts;
    /** Adjusted out during the year, by reason. */
    readonly reasons: Counts;
  };
  readonly election: {
    /** In the pool, within the age limits on the reference date, no negative screening finding. */
    readonly eligible: number;
    readonly eligibleWomen: number;
    readonly eligibleUnder35: number;
    /** Cleared by every screening department within the window before the reference date. */
    readonly screened: number;
    /** With a 不通过 screening result within the window. */
    readonly screeningFailed: number;
    /** Villages with a quota and no eligible reserve / no eligible woman / none eligible aged ≤35. */
    readonly villagesNoEligible: number;
    readonly villagesNoWoman: number;
    readonly villagesNoUnder35: number;
  };
  /** Villages below the target, and the people they need to reach the minimum and the target. */
  readonly replenish: { readonly villages: number; readonly toMin: number; readonly toTarget: number };
}

export interface TownRow {
  readonly code: string;
  readonly name: string;
  readonly status: UnitStatus;
  readonly figures: Figures;
}

export interface VillageRow {
  readonly code: string;
  readonly name: string;
  readonly town: string;
  readonly townName: string;
  readonly kind: VillageKind;
  readonly status: UnitStatus;
  /** Undefined for villages without a quota (社区, merged or abolished villages still holding records). */
  readonly quotaStatus: QuotaStatus | undefined;
  readonly figures: Figures;
}

export type ScreeningState = "cleared" | "failed" | "incomplete";

/** What the report needs to know about one person, computed once. */
export interface PersonFacts {
  readonly reserve: Reserve;
  readonly town: string;
  readonly townName: string;
  readonly village: string;
  readonly villageName: string;
  /** Age on the report date; undefined when the ID number does not give a birth date. */
  readonly age: number | undefined;
  readonly ageBand: AgeBand | undefined;
  /** Age on the election's reference date (see ReportModel.election). */
  readonly ageAtElection: number | undefined;
  readonly inPool: boolean;
  readonly pending: boolean;
  readonly status: Status;
  /** Date of the last status change, if recorded. */
  readonly statusDate: IsoDate | undefined;
  /** Sessions of the year (up to the report date) the person attended. */
  readonly trainingsAttended: number;
  /** Sessions of the year open to the person, and how many of those they attended. */
  readonly trainingsExpected: number;
  readonly trainingsAttendedOpen: number;
  readonly mentorsNow: readonly {
    readonly name: string;
    readonly role: string;
    /** The mentor's posts as the roster named them (absent when only the category was given). */
    readonly posts?: readonly string[];
    readonly mode: string;
  }[];
  readonly postsNow: readonly string[];
  readonly meetingsInYear: number;
  /** Highest party-development stage reached (undefined: no application, or a member throughout). */
  readonly partyStage: PartyStage | undefined;
  /** In the party-development funnel (not a full member when entering the pool, or developed in it). */
  readonly partyPopulation: boolean;
  readonly evaluation: Evaluation | undefined;
  /** The change that adjusted the person out during the year, with the reasons counted. */
  readonly adjustedOut:
    { readonly date: IsoDate; readonly reasons: readonly string[]; readonly text: string } | undefined;
  readonly usedInYear: boolean;
  readonly screening: ScreeningState;
  readonly eligible: boolean;
  /** Moves between villages (`reserve move`), oldest first, with the villages' names from the register. */
  readonly moves: readonly PersonMove[];
}

/** A village of a move, by code and (when the register still has it) name. */
export interface MovePlace {
  readonly code: string;
  readonly name: string | undefined;
}

export interface PersonMove {
  readonly date: IsoDate;
  readonly from: MovePlace;
  readonly to: MovePlace;
  readonly reason: string;
}

/** A village's reserves in the pool on the evaluation sheet, in the model's order. */
export interface SheetVillage {
  readonly town: string;
  readonly townName: string;
  readonly village: string;
  readonly villageName: string;
  /** What the sheet shows of each reserve, one after another: internal id, name, gender, sessions attended. */
  readonly rows: readonly (string | number)[];
}

export interface AdjustedOut {
  readonly id: string;
  readonly name: string;
  readonly town: string;
  readonly townName: string;
  readonly village: string;
  readonly villageName: string;
  readonly date: IsoDate;
  readonly reasons: readonly string[];
  readonly grade: string | undefined;
  /** The year's evaluation score, when the year's evaluation is recorded. */
  readonly score: number | undefined;
}

export interface Replenishment {
  readonly town: string;
  readonly townName: string;
  readonly village: string;
  readonly villageName: string;
  readonly inPool: number;
  readonly pending: number;
  /** Adjusted out of the village during the year: why it fell short. */
  readonly adjustedOut: number;
  readonly toMin: number;
  readonly toTarget: number;
}

export interface MonthAttendance {
  readonly month: number;
  readonly sessions: number;
  readonly expected: number;
  readonly attended: number;
}

export interface ReportModel {
  readonly year: number;
  /** The day the report judges: ages, the pool, "current" mentors and posts. */
  readonly date: IsoDate;
  readonly district: {
    readonly code: string;
    readonly name: string;
    readonly city?: string;
    readonly province?: string;
  };
  /** Towns and villages the report was narrowed to (codes); undefined for the whole district. */
  readonly scope: { readonly towns: readonly string[]; readonly villages: readonly string[] } | undefined;
  /** Full ID numbers and phones are shown (--reveal). */
  readonly reveal: boolean;
  readonly policy: {
    readonly quota: { readonly min: number; readonly target: number; readonly max?: number };
    readonly structure: {
      readonly women: number;
      readonly under_35: number;
      readonly party_members: number;
      readonly college: number;
    };
    readonly minSessions: number;
    readonly age: { readonly min: number; readonly max: number };
    readonly evaluation: {
      readonly rating_labels: Readonly<Record<RatingCode, string>>;
      readonly grade_labels: Readonly<Record<GradeCode, string>>;
    };
  };
  readonly election: { readonly year: number; readonly date: IsoDate | undefined; readonly referenceDate: IsoDate };
  readonly categories: Categories;
  /** The sessions of the year up to the report date, open to the scope. */
  readonly sessions: readonly TrainingSession[];
  readonly sessionsByLevel: Counts;
  readonly sessionHours: number;
  readonly attendanceByMonth: readonly MonthAttendance[];
  readonly total: Figures;
  readonly towns: readonly TownRow[];
  readonly villages: readonly VillageRow[];
  readonly adjusted: readonly AdjustedOut[];
  readonly replenishment: readonly Replenishment[];
  /**
   * Everyone in the scope's village books, by village code then internal id. A report asked again
   * works each village's people out when a file of that village or its town is made; this list of
   * them all is only made when something reads it (reports/build.ts).
   */
  readonly people: readonly PersonFacts[];
  /** How many people `people` holds. */
  readonly persons: number;
  /** Reserves in the pool by gender and age band (`男:le35`; `none` for no band), for the dashboard. */
  readonly pyramid: Counts;
  /** The reserves in the pool as the evaluation sheets list them, village by village (village-parts.ts). */
  readonly sheet: readonly SheetVillage[];
  /** Training sessions of every year by id, for the cultivation record of a person's file. */
  readonly sessionIndex: ReadonlyMap<string, TrainingSession>;
}

/**
 * The parts of the model that do not depend on any one unit's people: what every ledger may use
 * besides its own unit's rows. The report's files are kept from one run to the next by what they
 * are made from (reports/plan.ts), so this list is also what a village's files are judged by.
 */
export const SHARED_PARTS = [
  "year",
  "date",
  "district",
  "scope",
  "reveal",
  "policy",
  "election",
  "categories",
  "sessions",
  "sessionsByLevel",
  "sessionHours",
  "sessionIndex",
] as const satisfies readonly (keyof ReportModel)[];

export type SharedModel = Pick<ReportModel, (typeof SHARED_PARTS)[number]>;

/**
 * What a unit's ledgers are made from: the shared parts and the rows of the unit itself — a
 * village's book sees that village and its people, a town's ledgers its villages and people —
 * never the figures of the whole report. The whole model is one too (the district's evaluation
 * sheet, `reserve show`).
 */
export interface LedgerModel extends SharedModel {
  readonly towns: readonly TownRow[];
  readonly villages: readonly VillageRow[];
  readonly people: readonly PersonFacts[];
}
