import { CRITERIA, GRADE_CODES } from "../domain/terms.js";
import type { Lang } from "../messages/lang.js";
import { md, mdTable, shownId, shownPhone } from "./format.js";
import { reportLabels } from "./labels.js";
import type { MovePlace, PersonFacts, SharedModel } from "./model.js";

/**
 * 一人一档: one person's full file — identity (ID number and phone masked unless revealed),
 * selection steps, cultivation record, evaluations and every status change with its reason. Built
 * once as a document of sections, then written as Markdown (the report) or as plain text (`reserve
 * show` on the terminal).
 */

export type DocSection =
  | { readonly title: string; readonly kind: "fields"; readonly rows: readonly (readonly [string, string])[] }
  | {
      readonly title: string;
      readonly kind: "table";
      readonly header: readonly string[];
      readonly rows: readonly (readonly string[])[];
      readonly empty: string;
    }
  | { readonly title: string; readonly kind: "text"; readonly text: string };

export interface PersonDoc {
  readonly title: string;
  readonly subtitle: string;
  readonly notice: string;
  readonly sections: readonly DocSection[];
}

export function personDoc(model: SharedModel, f: PersonFacts, lang: Lang): PersonDoc {
  const L = reportLabels(lang);
  const P = L.person;
  const r = f.reserve;
  const sep = L.sep;
  const partyStage = f.partyPopulation ? (f.partyStage ?? L.noApplication) : "";
  const statusText = f.pending ? L.paren(r.status, L.f.pending) : r.status;
  const identity: [string, string][] = [
    [L.ledger.id, r.id],
    [L.ledger.name, r.name],
    [L.ledger.gender, r.gender],
    [L.ledger.ethnicity, r.ethnicity],
    [L.ledger.age, P.age(f.age)],
    [L.ledger.idNumber, shownId(r.id_number, model.reveal)],
    [L.ledger.phone, shownPhone(r.phone, model.reveal) || P.none],
    [L.ledger.education, r.education],
    [L.ledger.political, r.political_status],
    [L.ledger.source, r.source],
    [L.ledger.intake, r.intake],
    [P.town, L.paren(f.townName, f.town)],
    [P.village, L.paren(f.villageName, f.village)],
    [L.ledger.entryDate, r.entry_date ?? P.none],
    [L.ledger.targetPost, r.target_post ?? L.noTargetPost],
    [P.specialties, r.specialties?.join(sep) || P.none],
    [L.ledger.status, statusText],
    [L.paren(L.ledger.inPool, model.date), f.inPool ? L.yes : L.no],
  ];
  if (partyStage) identity.push([L.ledger.partyStage, partyStage]);
  const place = (p: MovePlace) => (p.name === undefined ? p.code : L.paren(p.name, p.code));
  const sel = r.selection;
  const sections: DocSection[] = [
    { title: P.identity, kind: "fields", rows: identity },
    {
      title: P.selection,
      kind: "fields",
      rows: [
        [P.survey, sel.survey ?? P.notDone],
        [P.township, sel.township ?? P.notDone],
        [P.county, sel.county ?? P.notDone],
      ],
    },
    {
      title: P.mentors,
      kind: "table",
      header: [L.ledger.mentors, P.role, P.mode, P.from, P.to],
      // The posts as the roster named them, with the category they count as: 村党支部书记、村委会主任（村“两委”成员）.
      rows: (r.mentors ?? []).map((m) => [
        m.name,
        m.posts && m.posts.length > 0 ? L.paren(m.posts.join(sep), m.role) : m.role,
        m.mode,
        m.from,
        m.to ?? P.current,
      ]),
      empty: P.none,
    },
    {
      title: P.posts,
      kind: "table",
      header: [L.f.post, P.from, P.to],
      rows: (r.posts ?? []).map((p) => [p.post, p.from, p.to ?? P.current]),
      empty: P.none,
    },
    {
      title: P.meetings,
      kind: "table",
      header: [P.date, P.title],
      rows: (r.meetings ?? []).map((m) => [m.date, m.title]),
      empty: P.none,
    },
    {
      title: P.trainings,
      kind: "table",
      header: [P.date, L.ledger.id, P.title, P.level, P.hours],
      rows: [...new Set(r.trainings ?? [])]
        .map((id) => {
          const s = model.sessionIndex.get(id);
          return s ? [s.date, s.id, s.title, s.level, String(s.hours)] : ["", id, P.unknownSession, "", ""];
        })
        .sort((a, b) => (a[0]! < b[0]! ? -1 : a[0]! > b[0]! ? 1 : a[1]! < b[1]! ? -1 : 1)),
      empty: P.none,
    },
    {
      title: P.party,
      kind: "table",
      header: [P.stage, P.date],
      rows: (r.party ?? []).map((p) => [p.stage, p.date]),
      empty: P.none,
    },
    {
      title: P.screening,
      kind: "table",
      header: [P.department, P.date, P.result, P.item],
      rows: (r.screening ?? []).map((a) => [a.department, a.date, a.result, a.item ?? ""]),
      empty: P.none,
    },
    {
      title: P.evaluations,
      kind: "table",
      header: [
        P.evalYear,
        ...CRITERIA.map((c) => P.criteria[c] ?? c),
        P.votes,
        P.raters,
        P.trainingRate,
        P.score,
        P.grade,
        P.decision,
        P.reasons,
        P.note,
      ],
      rows: Object.keys(r.evaluations ?? {})
        .sort()
        .map((year) => {
          const e = r.evaluations![year]!;
          const votes = e.votes
            ? GRADE_CODES.map((g) => `${model.policy.evaluation.grade_labels[g]} ${e.votes![g]}`).join(" / ")
            : "";
          return [
            year,
            ...CRITERIA.map((c) => (e.ratings[c] ? model.policy.evaluation.rating_labels[e.ratings[c]] : "")),
            votes,
            e.raters === undefined ? "" : String(e.raters),
            e.training_rate === undefined ? "" : `${Math.round(e.training_rate * 100)}%`,
            e.score === undefined ? "" : String(e.score),
            e.grade ? model.policy.evaluation.grade_labels[e.grade] : "",
            e.decision ? (P.decisions[e.decision] ?? e.decision) : "",
            (e.reasons ?? []).join(sep),
            e.note ?? "",
          ];
        }),
      empty: P.none,
    },
    {
      title: P.statusChanges,
      kind: "table",
      header: [P.date, P.status, P.reason],
      rows: (r.status_changes ?? []).map((c) => [c.date ?? "", c.status, c.reason ?? ""]),
      empty: P.none,
    },
    {
      title: P.moves,
      kind: "table",
      header: [P.date, P.movedFrom, P.movedTo, P.reason],
      rows: f.moves.map((m) => [m.date, place(m.from), place(m.to), m.reason]),
      empty: P.none,
    },
  ];
  if (r.note !== undefined) sections.push({ title: P.note, kind: "text", text: r.note });
  return {
    title: L.ledger.personTitle(r.name),
    subtitle: `${f.townName} ${f.villageName} · ${r.id} · ${L.reportDate}${L.colon}${model.date}`,
    notice: model.reveal ? L.revealed : L.masked,
    sections,
  };
}

/**
 * The file as Markdown, its title a heading of `level` (1 on its own; 2 inside the village's book,
 * which carries the personal-data notice once for all its files).
 */
export function personMarkdown(doc: PersonDoc, level = 1): string {
  const h = "#".repeat(level);
  const out: string[] = [`${h} ${md(doc.title)}`, "", md(doc.subtitle), ""];
  if (level === 1) out.push(`> ${md(doc.notice)}`, "");
  for (const s of doc.sections) {
    out.push(`${h}# ${md(s.title)}`, "");
    if (s.kind === "fields") out.push(mdTable(["", ""], s.rows), "");
    else if (s.kind === "text") out.push(md(s.text), "");
    else if (s.rows.length === 0) out.push(md(s.empty), "");
    else out.push(mdTable(s.header, s.rows), "");
  }
  return `${out.join("\n").trimEnd()}\n`;
}

/** Columns a character takes on a terminal: 2 for East Asian wide and full-width characters. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    const wide =
      (cp >= 0x1100 && cp <= 0x115f) ||
      (cp >= 0x2e80 && cp <= 0xa4cf && cp !== 0x303f) ||
      (cp >= 0xac00 && cp <= 0xd7a3) ||
      (cp >= 0xf900 && cp <= 0xfaff) ||
      (cp >= 0xfe30 && cp <= 0xfe4f) ||
      (cp >= 0xff00 && cp <= 0xff60) ||
      (cp >= 0xffe0 && cp <= 0xffe6) ||
      (cp >= 0x20000 && cp <= 0x3fffd);
    w += wide ? 2 : 1;
  }
  return w;
}

function pad(s: string, width: number): string {
  return s + " ".repeat(Math.max(0, width - displayWidth(s)));
}

/** Control characters a terminal would act on are shown as U+XXXX, never passed through. */
function safe(s: string): string {
  let out = "";
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    out += cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) ? `U+${cp.toString(16).toUpperCase().padStart(4, "0")}` : ch;
  }
  return out;
}

/** The file as plain text for a terminal: labelled fields, aligned columns. */
export function personText(doc: PersonDoc, bold: (s: string) => string = (s) => s): string {
  const out: string[] = [bold(safe(doc.title)), safe(doc.subtitle), safe(doc.notice)];
  for (const s of doc.sections) {
    out.push("", bold(`【${safe(s.title)}】`));
    if (s.kind === "text") out.push(`  ${safe(s.text)}`);
    else if (s.kind === "fields") {
      const w = Math.max(...s.rows.map(([k]) => displayWidth(safe(k))));
      for (const [k, v] of s.rows) out.push(`  ${pad(safe(k), w)}  ${safe(v)}`);
    } else if (s.rows.length === 0) out.push(`  ${safe(s.empty)}`);
    else {
      const rows = [s.header, ...s.rows].map((row) => row.map(safe));
      const widths = s.header.map((_, i) => Math.max(...rows.map((row) => displayWidth(row[i] ?? ""))));
      for (const row of rows) out.push(`  ${row.map((c, i) => pad(c, widths[i]!)).join("  ")}`.trimEnd());
    }
  }
  return out.join("\n");
}
