import type { Lang } from "../messages/lang.js";
import { isOpenTo } from "./build.js";
import { md, mdTable, pct, shownId, shownPhone } from "./format.js";
import { reportLabels, type ReportLabels } from "./labels.js";
import type { TrainingSession } from "../domain/model.js";
import type { LedgerModel, PersonFacts, TownRow, VillageRow } from "./model.js";
import { peopleOfTown, peopleOfVillage, villagesOfTown } from "./model-index.js";
import { personMarkdown, type PersonDoc } from "./person.js";
import { categoryLabel } from "./summary.js";
import { table, type Cell, type Table } from "./table.js";

/**
 * The three-level ledgers below the summary: 一镇一库 (per town, every reserve one row) and
 * 一村一册 (per village, its register with mentors, posts, trainings, stage and status). The
 * person's own file (一人一档) is in person.ts.
 */

type Column = readonly [header: string, get: (f: PersonFacts) => Cell];

/**
 * The register's 帮带人 cell: each current mentor with their posts as the roster named them (or the
 * category, when only that was given) and the way of mentoring — 张振华（村党支部书记、村委会主任；一带一）.
 */
export function mentorsText(f: PersonFacts, L: ReportLabels): string {
  return f.mentorsNow
    .map((m) => L.paren(m.name, `${m.posts ? m.posts.join(L.sep) : m.role}${L.semi}${m.mode}`))
    .join("；");
}

export function statusText(f: PersonFacts, L: ReportLabels): string {
  return f.pending ? L.paren(f.status, L.f.pending) : f.status;
}

export function partyText(f: PersonFacts, L: ReportLabels): string {
  return f.partyPopulation ? (f.partyStage ?? L.noApplication) : "";
}

export function gradeText(model: LedgerModel, f: PersonFacts, L: ReportLabels): string {
  return f.evaluation?.grade ? categoryLabel(model, L, "grade", f.evaluation.grade) : "";
}

/** Every column of a person's ledger row, codes first. */
function personColumns(model: LedgerModel, L: ReportLabels): Column[] {
  const G = L.ledger;
  return [
    [L.townCode, (f) => f.town],
    [L.town, (f) => f.townName],
    [L.villageCode, (f) => f.village],
    [L.village, (f) => f.villageName],
    [G.id, (f) => f.reserve.id],
    [G.name, (f) => f.reserve.name],
    [G.gender, (f) => f.reserve.gender],
    [G.ethnicity, (f) => f.reserve.ethnicity],
    [G.age, (f) => f.age ?? ""],
    [G.idNumber, (f) => shownId(f.reserve.id_number, model.reveal)],
    [G.phone, (f) => shownPhone(f.reserve.phone, model.reveal)],
    [G.education, (f) => f.reserve.education],
    [G.political, (f) => f.reserve.political_status],
    [G.source, (f) => f.reserve.source],
    [G.intake, (f) => f.reserve.intake],
    [G.entryDate, (f) => f.reserve.entry_date ?? ""],
    [G.countyReview, (f) => f.reserve.selection.county ?? ""],
    [G.targetPost, (f) => f.reserve.target_post ?? ""],
    [G.mentors, (f) => mentorsText(f, L)],
    [G.posts, (f) => f.postsNow.join("；")],
    [G.trainings, (f) => f.trainingsAttended],
    [G.trainingsOpen, (f) => f.trainingsExpected],
    [G.partyStage, (f) => partyText(f, L)],
    [G.grade, (f) => gradeText(model, f, L)],
    [G.status, (f) => statusText(f, L)],
    [G.statusDate, (f) => f.statusDate ?? ""],
    [G.inPool, (f) => (f.inPool ? L.yes : L.no)],
  ];
}

function personTable(model: LedgerModel, L: ReportLabels, people: readonly PersonFacts[]): Table {
  const cols = personColumns(model, L);
  return table(
    cols.map(([h]) => h),
    people.map((f) => cols.map(([, get]) => get(f))),
    [L.townCode, L.villageCode, L.ledger.id, L.ledger.idNumber, L.ledger.phone],
  );
}

/** 一镇一库 as a table: every reserve of the town, one row each, with codes and the key fields. */
export function townTable(model: LedgerModel, town: TownRow, lang: Lang): Table {
  return personTable(model, reportLabels(lang), peopleOfTown(model, town.code));
}

function header(model: LedgerModel, L: ReportLabels, title: string): string[] {
  return [
    `# ${md(title)}`,
    "",
    `${L.reportDate}${L.colon}${model.date}`,
    "",
    `> ${md(model.reveal ? L.revealed : L.masked)}`,
    "",
  ];
}

/** 一镇一库 to read and print: the town's figures, then each village's reserves. */
export function townMarkdown(model: LedgerModel, town: TownRow, lang: Lang): string {
  const L = reportLabels(lang);
  const G = L.ledger;
  const f = town.figures;
  const out = header(model, L, G.townTitle(town.name, model.year));
  out.push(
    mdTable(
      [L.townCode, L.f.villages, ...model.categories.intake, L.f.inPool, L.f.pending, L.f.adjustedOut, L.f.used],
      [
        [
          town.code,
          f.villages,
          ...model.categories.intake.map((k) => f.intake[k] ?? 0),
          f.inPool,
          f.pending,
          f.adjustedOut,
          f.used,
        ],
      ],
      ["l", "r", ...model.categories.intake.map(() => "r" as const), "r", "r", "r", "r"],
    ),
    "",
  );
  for (const v of villagesOfTown(model, town.code)) {
    const status = v.quotaStatus ? L.quota[v.quotaStatus] : L.noQuota;
    out.push(
      `## ${md(L.paren(v.name, v.code))}`,
      "",
      md(G.villageSummary(v.figures.inPool, v.figures.pending, status)),
      "",
    );
    const people = peopleOfVillage(model, v.code);
    if (people.length === 0) {
      out.push(md(G.noReserves), "");
      continue;
    }
    out.push(
      mdTable(
        [G.id, G.name, G.gender, G.age, G.education, G.political, G.source, G.targetPost, G.status],
        people.map((p) => [
          p.reserve.id,
          p.reserve.name,
          p.reserve.gender,
          p.age ?? "",
          p.reserve.education,
          p.reserve.political_status,
          p.reserve.source,
          p.reserve.target_post ?? "",
          statusText(p, L),
        ]),
      ),
      "",
    );
  }
  return `${out.join("\n").trimEnd()}\n`;
}

/** The columns of the village register as the Markdown and HTML ledgers print it (no ID numbers). */
export function villageRegister(model: LedgerModel, people: readonly PersonFacts[], L: ReportLabels): Table {
  const G = L.ledger;
  return table(
    [
      G.seq,
      G.id,
      G.name,
      G.gender,
      G.age,
      G.education,
      G.political,
      G.source,
      G.targetPost,
      G.mentors,
      G.posts,
      G.trainings,
      G.partyStage,
      G.grade,
      G.status,
    ],
    people.map((p, i) => [
      i + 1,
      p.reserve.id,
      p.reserve.name,
      p.reserve.gender,
      p.age ?? "",
      p.reserve.education,
      p.reserve.political_status,
      p.reserve.source,
      p.reserve.target_post ?? "",
      mentorsText(p, L),
      p.postsNow.join("；"),
      `${p.trainingsAttendedOpen}/${p.trainingsExpected}`,
      partyText(p, L),
      gradeText(model, p, L),
      statusText(p, L),
    ]),
    [G.id],
  );
}

/**
 * The village register as a spreadsheet keeps it: the printed columns and the person's ethnicity,
 * ID number and phone (masked unless revealed), intake, and the year's trainings as two numbers.
 */
export function villageRegisterTable(model: LedgerModel, people: readonly PersonFacts[], L: ReportLabels): Table {
  const G = L.ledger;
  return table(
    [
      G.seq,
      G.id,
      G.name,
      G.gender,
      G.ethnicity,
      G.age,
      G.idNumber,
      G.phone,
      G.education,
      G.political,
      G.source,
      G.intake,
      G.targetPost,
      G.mentors,
      G.posts,
      G.trainings,
      G.trainingsOpen,
      G.partyStage,
      G.grade,
      G.status,
    ],
    people.map((p, i) => [
      i + 1,
      p.reserve.id,
      p.reserve.name,
      p.reserve.gender,
      p.reserve.ethnicity,
      p.age ?? "",
      shownId(p.reserve.id_number, model.reveal),
      shownPhone(p.reserve.phone, model.reveal),
      p.reserve.education,
      p.reserve.political_status,
      p.reserve.source,
      p.reserve.intake,
      p.reserve.target_post ?? "",
      mentorsText(p, L),
      p.postsNow.join("；"),
      p.trainingsAttendedOpen,
      p.trainingsExpected,
      partyText(p, L),
      gradeText(model, p, L),
      statusText(p, L),
    ]),
    [G.id, G.idNumber, G.phone],
  );
}

/** The year's sessions open to a village, and who of its people signed in to each. */
export interface TrainingGrid {
  readonly sessions: readonly TrainingSession[];
  /** The sign-in sheet: a name, a mark per session, the person's total. */
  readonly grid: Table;
  /** The sessions themselves: id, date, title, level, hours. */
  readonly list: Table;
}

export function trainingGrid(
  model: LedgerModel,
  village: VillageRow,
  people: readonly PersonFacts[],
  L: ReportLabels,
): TrainingGrid {
  const G = L.ledger;
  const sessions = model.sessions.filter((s) => isOpenTo(s, village.town, village.code));
  return {
    sessions,
    grid: table(
      [G.name, ...sessions.map((s) => s.id.slice(5)), G.trainingTotal],
      people.map((p) => {
        const attended = new Set(p.reserve.trainings ?? []);
        const marks = sessions.map((s) => (attended.has(s.id) ? G.attendedMark : ""));
        return [p.reserve.name, ...marks, `${marks.filter(Boolean).length}/${sessions.length}`];
      }),
    ),
    list: table(
      [G.id, L.person.date, L.person.title, L.person.level, L.person.hours],
      sessions.map((s) => [s.id, s.date, s.title, s.level, s.hours]),
      [G.id],
    ),
  };
}

/**
 * 一村一册 as text, for a report kept in git to show its changes as diffs: the register, the year's
 * training attendance, then every person's file (一人一档), as the village's printed book has them.
 */
export function villageMarkdown(
  model: LedgerModel,
  village: VillageRow,
  docs: readonly { readonly doc: PersonDoc }[],
  lang: Lang,
): string {
  const L = reportLabels(lang);
  const G = L.ledger;
  const out = header(model, L, G.villageTitle(village.townName, village.name, model.year));
  const status = village.quotaStatus ? L.quotaLong(village.quotaStatus, model.policy.quota) : L.noQuota;
  out.push(
    `${L.villageCode}${L.colon}${village.code} · ${L.townCode}${L.colon}${village.town}`,
    "",
    md(G.villageSummary(village.figures.inPool, village.figures.pending, status)),
    "",
  );
  const people = peopleOfVillage(model, village.code);
  out.push(`## ${G.register}`, "");
  if (people.length === 0) {
    out.push(md(G.noReserves));
    return `${out.join("\n").trimEnd()}\n`;
  }
  const register = villageRegister(model, people, L);
  out.push(mdTable(register.header, register.rows), "");
  const training = trainingGrid(model, village, people, L);
  out.push(`## ${G.trainingGrid}`, "");
  if (training.sessions.length === 0) out.push(L.none, "");
  else {
    out.push(
      mdTable(training.grid.header, training.grid.rows),
      "",
      mdTable(training.list.header, training.list.rows),
      "",
    );
  }
  const rate = pct(village.figures.training.attended, village.figures.training.expected);
  out.push(`${L.f.rate}${L.colon}${rate}`, "");
  for (const { doc } of docs) out.push(personMarkdown(doc, 2));
  return `${out.join("\n").trimEnd()}\n`;
}
