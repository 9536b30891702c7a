import type { Lang } from "../messages/lang.js";
import { NONE } from "./build.js";
import { md, mdTable, pct, pctValue, policyPct } from "./format.js";
import { reportLabels, type ReportLabels } from "./labels.js";
import {
  QUOTA_STATUSES,
  type Categories,
  type Counts,
  type Figures,
  type ReportModel,
  type SharedModel,
} from "./model.js";
import { table, type Cell, type Table } from "./table.js";

/**
 * The district summary (区委信息库 overview) in its three forms — Markdown to read and print, a CSV
 * table (one row per unit: the scope's total, each town, each village; every figure a column) and
 * JSON — all from the one report model.
 */

type Dim = keyof Categories | "partyCurrent";

/** The label of a category key in a distribution. */
export function categoryLabel(model: SharedModel, L: ReportLabels, dim: Dim, key: string): string {
  if (dim === "age") return L.age[key] ?? key;
  if (dim === "grade")
    return key === NONE
      ? L.ungraded
      : ((model.policy.evaluation.grade_labels as Readonly<Record<string, string>>)[key] ?? key);
  if (key !== NONE) return key;
  if (dim === "targetPost") return L.noTargetPost;
  if (dim === "partyCurrent") return L.noApplication;
  if (dim === "reason") return L.noReason;
  return L.none;
}

export function scopeText(model: ReportModel, L: ReportLabels): string {
  if (!model.scope) return L.wholeDistrict;
  const names = [
    ...model.towns.filter((t) => model.scope!.towns.includes(t.code)).map((t) => t.name),
    ...model.villages.filter((v) => model.scope!.villages.includes(v.code)).map((v) => `${v.townName}${v.name}`),
  ];
  return names.join("、") || L.wholeDistrict;
}

function totalLabel(model: ReportModel, L: ReportLabels): string {
  return model.scope ? L.scopeTotal : L.total;
}

/** Units whose share is below a policy minimum, as "滨河镇（15.0%）". */
function shortTowns(model: ReportModel, L: ReportLabels, get: (f: Figures) => number, min: number): string {
  return model.towns
    .filter((t) => t.figures.inPool > 0 && get(t.figures) / t.figures.inPool < min)
    .map((t) => L.paren(t.name, pct(get(t.figures), t.figures.inPool)))
    .join(L.sep);
}

/** `labels` words the units for a level other than a district's (the city's roll-up, reports/rollup-labels.ts). */
export function summaryMarkdown(model: ReportModel, lang: Lang, L: ReportLabels = reportLabels(lang)): string {
  const sep = L.sep;
  const c = model.categories;
  const T = model.total;
  const q = model.policy.quota;
  const out: string[] = [];
  const rowsByTown = (cells: (f: Figures) => (string | number)[]) => [
    ...model.towns.map((t) => [t.name, ...cells(t.figures)]),
    [totalLabel(model, L), ...cells(T)],
  ];
  const distTable = (dim: keyof Categories, get: (f: Figures) => Counts, extra?: [string, (f: Figures) => string]) => {
    const keys = c[dim];
    const header = [L.town, ...keys.map((k) => categoryLabel(model, L, dim, k)), ...(extra ? [extra[0]] : [])];
    const rows = rowsByTown((f) => [...keys.map((k) => get(f)[k] ?? 0), ...(extra ? [extra[1](f)] : [])]);
    return mdTable(
      header,
      rows,
      header.map((_, i) => (i === 0 ? "l" : "r")),
    );
  };
  const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
  const right = (n: number): ("l" | "r")[] => Array.from({ length: n }, (_, i) => (i === 0 ? "l" : "r"));

  out.push(`# ${md(L.title(model.district.name, model.year))}`, "");
  out.push(`${L.reportDate}${L.colon}${model.date} · ${L.scope}${L.colon}${md(scopeText(model, L))}`, "");
  out.push(`> ${model.reveal ? L.revealed : L.masked}`, "");
  out.push(md(L.dateNote), "");

  // 一、总体情况
  out.push(`## ${L.sections.overview}`, "");
  out.push(
    mdTable(
      [L.overview.measure, L.overview.value],
      [
        [L.f.villages, T.villages],
        ...QUOTA_STATUSES.map((s) => [L.quotaLong(s, q), T.quota[s]] as [string, number]),
        [L.f.inPool, T.inPool],
        [L.f.pending, T.pending],
        [L.f.adjustedOut, T.adjustedOut],
        [L.f.used, T.used],
        ...c.intake.map((k) => [`${L.f.intake}${L.colon}${k}`, T.intake[k] ?? 0] as [string, number]),
      ],
      ["l", "r"],
    ),
    "",
  );
  out.push(`### ${cap(L.overview.byTown)}`, "");
  const overviewHeader = [
    L.town,
    L.townCode,
    L.f.villages,
    ...QUOTA_STATUSES.map((s) => L.quota[s]),
    L.f.inPool,
    L.f.pending,
    L.f.adjustedOut,
    L.f.used,
    ...c.intake,
  ];
  const overviewCells = (f: Figures) => [
    f.villages,
    ...QUOTA_STATUSES.map((s) => f.quota[s]),
    f.inPool,
    f.pending,
    f.adjustedOut,
    f.used,
    ...c.intake.map((k) => f.intake[k] ?? 0),
  ];
  out.push(
    mdTable(
      overviewHeader,
      [
        ...model.towns.map((t) => [t.name, t.code, ...overviewCells(t.figures)]),
        [totalLabel(model, L), "", ...overviewCells(T)],
      ],
      overviewHeader.map((_, i) => (i < 2 ? "l" : "r")),
    ),
    "",
  );

  // 二、队伍结构
  out.push(`## ${L.sections.structure}`, "");
  const s = model.policy.structure;
  const shares: [string, (f: Figures) => number, number][] = [
    [L.f.women, (f) => f.women, s.women],
    [L.f.under35, (f) => f.under35, s.under_35],
    [L.f.partyMembers, (f) => f.partyMembers, s.party_members],
    [L.f.college, (f) => f.college, s.college],
  ];
  out.push(`### ${cap(L.overview.structureHeading)}`, "");
  out.push(
    mdTable(
      [L.overview.measure, L.overview.value, L.overview.requirement, L.overview.shortTowns],
      shares.map(([label, get, min]) => [
        label,
        L.paren(String(get(T)), pct(get(T), T.inPool)),
        L.overview.atLeast(policyPct(min)),
        shortTowns(model, L, get, min) || L.none,
      ]),
      ["l", "r", "l", "l"],
    ),
    "",
  );
  out.push(`### ${cap(`${L.f.gender}${sep}${L.f.ageBands}`)}`, "");
  {
    const header = [
      L.town,
      ...c.gender,
      L.f.share(L.f.women),
      ...c.age.map((k) => L.age[k] ?? k),
      L.f.share(L.f.under35),
    ];
    const rows = rowsByTown((f) => [
      ...c.gender.map((k) => f.gender[k] ?? 0),
      pct(f.women, f.inPool),
      ...c.age.map((k) => f.age[k] ?? 0),
      pct(f.under35, f.inPool),
    ]);
    out.push(mdTable(header, rows, right(header.length)), "");
  }
  out.push(
    `### ${cap(L.f.ethnicity)}`,
    "",
    distTable("ethnicity", (f) => f.ethnicity),
    "",
  );
  out.push(
    `### ${cap(L.f.education)}`,
    "",
    distTable("education", (f) => f.education, [L.f.share(L.f.college), (f) => pct(f.college, f.inPool)]),
    "",
  );
  out.push(
    `### ${cap(L.f.political)}`,
    "",
    distTable("political", (f) => f.political, [L.f.share(L.f.partyMembers), (f) => pct(f.partyMembers, f.inPool)]),
    "",
  );
  out.push(
    `### ${cap(L.f.source)}`,
    "",
    distTable("source", (f) => f.source),
    "",
  );
  out.push(
    `### ${cap(L.f.targetPost)}`,
    "",
    distTable("targetPost", (f) => f.targetPost),
    "",
  );

  // 三、培养情况
  out.push(`## ${L.sections.cultivation}`, "");
  const levels = c.trainingLevel
    .filter((l) => (model.sessionsByLevel[l] ?? 0) > 0)
    .map((l) => `${l} ${model.sessionsByLevel[l]}`)
    .join(sep);
  out.push(
    md(L.cultivation.sessionsLine(model.sessions.length, levels || L.none, model.sessionHours)),
    "",
    md(L.cultivation.rateLine(pct(T.training.attended, T.training.expected), T.training.attended, T.training.expected)),
    "",
  );
  out.push(`### ${cap(L.cultivation.trainingAndMentoring)}`, "");
  {
    const header = [
      L.town,
      L.f.sessions,
      L.f.expected,
      L.f.attended,
      L.f.rate,
      L.f.belowMin(model.policy.minSessions),
      L.f.mentored,
      L.f.mentoring,
      ...c.mentorMode,
      L.f.posted,
      L.f.posting,
      L.f.meetings,
    ];
    const rows = rowsByTown((f) => [
      f.training.sessions,
      f.training.expected,
      f.training.attended,
      pct(f.training.attended, f.training.expected),
      f.training.belowMin,
      f.mentored,
      pct(f.mentored, f.inPool),
      ...c.mentorMode.map((k) => f.mentorMode[k] ?? 0),
      f.posted,
      pct(f.posted, f.inPool),
      f.meetings,
    ]);
    out.push(mdTable(header, rows, right(header.length)), "");
  }
  out.push(
    `### ${cap(L.paren(L.f.posted, L.f.post))}`,
    "",
    distTable("post", (f) => f.post),
    "",
  );
  out.push(`### ${cap(L.cultivation.byMonth)}`, "");
  out.push(
    mdTable(
      [L.cultivation.month, L.f.sessions, L.f.expected, L.f.attended, L.f.rate],
      model.attendanceByMonth.map((m) => [
        L.cultivation.monthName(m.month),
        m.sessions,
        m.expected,
        m.attended,
        pct(m.attended, m.expected),
      ]),
      right(5),
    ),
    "",
  );
  out.push(`### ${cap(L.cultivation.party)}`, "", md(L.cultivation.partyNote), "");
  {
    const header = [L.town, L.f.partyPopulation, ...c.partyStage];
    const rows = rowsByTown((f) => [f.party.population, ...c.partyStage.map((k) => f.party.reached[k] ?? 0)]);
    out.push(mdTable(header, rows, right(header.length)), "");
  }

  // 四、年度测评
  out.push(`## ${L.sections.evaluation}`, "");
  {
    const header = [
      L.town,
      L.f.evaluated,
      ...c.grade.map((k) => categoryLabel(model, L, "grade", k)),
      L.f.notEvaluated,
      L.f.adjustedOut,
    ];
    const rows = rowsByTown((f) => [
      f.evaluation.evaluated,
      ...c.grade.map((k) => f.evaluation.grades[k] ?? 0),
      f.evaluation.notEvaluated,
      f.adjustedOut,
    ]);
    out.push(`### ${cap(L.evaluation.byTown)}`, "", mdTable(header, rows, right(header.length)), "");
    if (T.evaluation.notEvaluated > 0) out.push(md(L.evaluation.notYet(T.evaluation.notEvaluated)), "");
  }
  out.push(`### ${cap(L.evaluation.adjustedList)}`, "");
  if (model.adjusted.length === 0) out.push(md(L.evaluation.adjustedNone), "");
  else {
    out.push(
      mdTable(
        [
          L.town,
          L.village,
          L.ledger.id,
          L.ledger.name,
          L.evaluation.date,
          L.evaluation.reasons,
          L.f.grade,
          L.person.score,
        ],
        model.adjusted.map((a) => [
          a.townName,
          a.villageName,
          a.id,
          a.name,
          a.date,
          a.reasons.map((r) => categoryLabel(model, L, "reason", r)).join(sep),
          a.grade ? categoryLabel(model, L, "grade", a.grade) : L.none,
          a.score === undefined ? L.none : a.score.toFixed(1),
        ]),
      ),
      "",
    );
    out.push(`### ${cap(L.evaluation.reasonTally)}`, "");
    out.push(
      mdTable(
        [L.f.reason, L.f.adjustedOut],
        c.reason.map((k) => [categoryLabel(model, L, "reason", k), T.evaluation.reasons[k] ?? 0]),
        ["l", "r"],
      ),
      "",
    );
  }
  out.push(`### ${cap(L.evaluation.replenishment)}`, "");
  if (model.replenishment.length === 0) out.push(md(L.evaluation.replenishmentNone), "");
  else {
    out.push(
      mdTable(
        [
          L.town,
          L.village,
          L.villageCode,
          L.f.inPool,
          L.f.pending,
          L.f.adjustedOut,
          L.evaluation.toMin,
          L.evaluation.toTarget,
        ],
        model.replenishment.map((r) => [
          r.townName,
          r.villageName,
          r.village,
          r.inPool,
          r.pending,
          r.adjustedOut,
          r.toMin,
          r.toTarget,
        ]),
        ["l", "l", "l", "r", "r", "r", "r", "r"],
      ),
      "",
    );
  }

  // 五、换届准备
  out.push(`## ${L.sections.election}`, "");
  out.push(md(L.election.line(model.election.year, model.election.date, model.election.referenceDate)), "");
  out.push(md(L.election.definition), "");
  {
    const header = [
      L.town,
      L.f.inPool,
      L.f.eligible,
      L.f.eligibleWomen,
      L.f.eligibleUnder35,
      L.f.screened,
      L.f.screeningFailed,
      L.f.villagesNoEligible,
      L.f.villagesNoWoman,
      L.f.villagesNoUnder35,
    ];
    const rows = rowsByTown((f) => [
      f.inPool,
      f.election.eligible,
      f.election.eligibleWomen,
      f.election.eligibleUnder35,
      f.election.screened,
      f.election.screeningFailed,
      f.election.villagesNoEligible,
      f.election.villagesNoWoman,
      f.election.villagesNoUnder35,
    ]);
    out.push(mdTable(header, rows, right(header.length)), "");
  }
  out.push(`### ${cap(L.election.gaps)}`, "");
  const gaps = model.villages.filter(
    (v) =>
      v.quotaStatus !== undefined &&
      v.figures.election.villagesNoEligible +
        v.figures.election.villagesNoWoman +
        v.figures.election.villagesNoUnder35 >
        0,
  );
  if (gaps.length === 0) out.push(md(L.election.gapsNone), "");
  else {
    out.push(
      mdTable(
        [L.town, L.village, L.villageCode, L.f.eligible, L.election.lacks],
        gaps.map((v) => [
          v.townName,
          v.name,
          v.code,
          v.figures.election.eligible,
          [
            v.figures.election.villagesNoEligible ? L.election.noEligible : "",
            v.figures.election.villagesNoWoman ? L.election.noWoman : "",
            v.figures.election.villagesNoUnder35 ? L.election.noUnder35 : "",
          ]
            .filter(Boolean)
            .join(sep),
        ]),
        ["l", "l", "l", "r", "l"],
      ),
      "",
    );
  }

  // 附表
  out.push(`## ${L.sections.villages}`, "");
  {
    const header = [
      L.town,
      L.village,
      L.villageCode,
      L.quotaStatus,
      L.f.inPool,
      L.f.pending,
      L.f.women,
      L.f.under35,
      L.f.partyMembers,
      L.f.college,
      L.f.rate,
      L.f.mentored,
      L.f.posted,
      L.f.eligible,
    ];
    const rows = model.villages.map((v) => {
      const f = v.figures;
      return [
        v.townName,
        v.name,
        v.code,
        v.quotaStatus ? L.quota[v.quotaStatus] : L.noQuota,
        f.inPool,
        f.pending,
        f.women,
        f.under35,
        f.partyMembers,
        f.college,
        pct(f.training.attended, f.training.expected),
        f.mentored,
        f.posted,
        f.election.eligible,
      ];
    });
    out.push(
      mdTable(
        header,
        rows,
        header.map((_, i) => (i < 4 ? "l" : "r")),
      ),
      "",
    );
  }
  return `${out.join("\n").trimEnd()}\n`;
}

/** The measures of the summary table: one column each, in order. */
function measures(model: ReportModel, L: ReportLabels): [string, (f: Figures) => Cell][] {
  const c = model.categories;
  const dist = (dim: keyof Categories, title: string, get: (f: Figures) => Counts): [string, (f: Figures) => Cell][] =>
    c[dim].map((k) => [`${title}:${categoryLabel(model, L, dim, k)}`, (f) => get(f)[k] ?? 0]);
  return [
    [L.f.villages, (f) => f.villages],
    ...QUOTA_STATUSES.map((s): [string, (f: Figures) => Cell] => [L.quota[s], (f) => f.quota[s]]),
    [L.f.inPool, (f) => f.inPool],
    [L.f.pending, (f) => f.pending],
    [L.f.adjustedOut, (f) => f.adjustedOut],
    [L.f.used, (f) => f.used],
    ...dist("intake", L.f.intake, (f) => f.intake),
    ...dist("gender", L.f.gender, (f) => f.gender),
    [L.f.share(L.f.women), (f) => pct(f.women, f.inPool)],
    ...dist("age", L.f.ageBands, (f) => f.age),
    [L.f.share(L.f.under35), (f) => pct(f.under35, f.inPool)],
    ...dist("ethnicity", L.f.ethnicity, (f) => f.ethnicity),
    ...dist("education", L.f.education, (f) => f.education),
    [L.f.share(L.f.college), (f) => pct(f.college, f.inPool)],
    ...dist("political", L.f.political, (f) => f.political),
    [L.f.share(L.f.partyMembers), (f) => pct(f.partyMembers, f.inPool)],
    ...dist("source", L.f.source, (f) => f.source),
    ...dist("targetPost", L.f.targetPost, (f) => f.targetPost),
    [L.f.sessions, (f) => f.training.sessions],
    [L.f.expected, (f) => f.training.expected],
    [L.f.attended, (f) => f.training.attended],
    [L.f.rate, (f) => pct(f.training.attended, f.training.expected)],
    [L.f.belowMin(model.policy.minSessions), (f) => f.training.belowMin],
    [L.f.mentored, (f) => f.mentored],
    [L.f.mentoring, (f) => pct(f.mentored, f.inPool)],
    ...dist("mentorMode", L.f.mentorMode, (f) => f.mentorMode),
    [L.f.posted, (f) => f.posted],
    [L.f.posting, (f) => pct(f.posted, f.inPool)],
    ...dist("post", L.f.post, (f) => f.post),
    [L.f.meetings, (f) => f.meetings],
    [L.f.partyPopulation, (f) => f.party.population],
    ...dist("partyStage", L.f.partyReached, (f) => f.party.reached),
    [L.f.evaluated, (f) => f.evaluation.evaluated],
    ...dist("grade", L.f.grade, (f) => f.evaluation.grades),
    [L.f.notEvaluated, (f) => f.evaluation.notEvaluated],
    ...dist("reason", L.f.reason, (f) => f.evaluation.reasons),
    [L.f.eligible, (f) => f.election.eligible],
    [L.f.eligibleWomen, (f) => f.election.eligibleWomen],
    [L.f.eligibleUnder35, (f) => f.election.eligibleUnder35],
    [L.f.screened, (f) => f.election.screened],
    [L.f.screeningFailed, (f) => f.election.screeningFailed],
    [L.f.villagesNoEligible, (f) => f.election.villagesNoEligible],
    [L.f.villagesNoWoman, (f) => f.election.villagesNoWoman],
    [L.f.villagesNoUnder35, (f) => f.election.villagesNoUnder35],
    [L.f.replenishVillages, (f) => f.replenish.villages],
    [L.f.toMin, (f) => f.replenish.toMin],
    [L.f.toTarget, (f) => f.replenish.toTarget],
  ];
}

/**
 * The summary as one table: a row for the scope's total, one per town, one per village (codes on
 * every row, so sorting and filtering in a spreadsheet keep the hierarchy); every figure a column.
 */
export function summaryTable(model: ReportModel, lang: Lang): Table {
  const L = reportLabels(lang);
  const ms = measures(model, L);
  const header = [
    L.level,
    L.districtCode,
    L.townCode,
    L.town,
    L.villageCode,
    L.village,
    L.quotaStatus,
    ...ms.map(([h]) => h),
  ];
  const d = model.district.code;
  const rows: Cell[][] = [
    [L.levels.district, d, "", totalLabel(model, L), "", "", "", ...ms.map(([, get]) => get(model.total))],
    ...model.towns.map((t) => [L.levels.town, d, t.code, t.name, "", "", "", ...ms.map(([, get]) => get(t.figures))]),
    ...model.villages.map((v) => [
      L.levels.village,
      d,
      v.town,
      v.townName,
      v.code,
      v.name,
      v.quotaStatus ? L.quota[v.quotaStatus] : L.noQuota,
      ...ms.map(([, get]) => get(v.figures)),
    ]),
  ];
  return table(header, rows, [L.districtCode, L.townCode, L.villageCode]);
}

/** The summary as JSON: the model's figures with their units, stable keys, no personal data but names. */
export function summaryJson(model: ReportModel): string {
  const unit = (f: Figures) => ({
    ...f,
    shares: {
      women: pctValue(f.women, f.inPool),
      under35: pctValue(f.under35, f.inPool),
      partyMembers: pctValue(f.partyMembers, f.inPool),
      college: pctValue(f.college, f.inPool),
      training: pctValue(f.training.attended, f.training.expected),
      mentoring: pctValue(f.mentored, f.inPool),
      posts: pctValue(f.posted, f.inPool),
    },
  });
  const doc = {
    report: "reserve summary",
    year: model.year,
    date: model.date,
    district: model.district,
    scope: model.scope ?? null,
    reveal: model.reveal,
    policy: model.policy,
    election: { ...model.election, date: model.election.date ?? null },
    categories: model.categories,
    training: {
      sessions: model.sessions.length,
      byLevel: model.sessionsByLevel,
      hours: model.sessionHours,
      byMonth: model.attendanceByMonth,
    },
    total: unit(model.total),
    towns: model.towns.map((t) => ({ code: t.code, name: t.name, status: t.status, ...unit(t.figures) })),
    villages: model.villages.map((v) => ({
      code: v.code,
      name: v.name,
      town: v.town,
      kind: v.kind,
      status: v.status,
      quotaStatus: v.quotaStatus ?? null,
      ...unit(v.figures),
    })),
    adjusted: model.adjusted.map((a) => ({ ...a, grade: a.grade ?? null, score: a.score ?? null })),
    replenishment: model.replenishment,
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
