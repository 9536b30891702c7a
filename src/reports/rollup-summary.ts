import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { Lang } from "../messages/lang.js";
import { renderDiagnostic } from "../messages/render.js";
import { ui } from "../messages/ui.js";
import { dashboardHtmlFor } from "./rollup-dashboard.js";
import { md, mdTable } from "./format.js";
import type { ReportModel } from "./model.js";
import {
  digest,
  ReportKeys,
  reportPlan,
  type PlannedFile,
  type ReportFile,
  type ReportFormat,
  type ReportPart,
} from "./plan.js";
import { rollupLabels } from "./rollup-labels.js";
import { districtDirs, type RollupModel } from "./rollup-model.js";
import { summaryJson, summaryMarkdown, summaryTable } from "./summary.js";
import { table, type Cell, type Table } from "./table.js";

/**
 * The roll-up's summary in its three forms and its files. The Markdown is the district summary's
 * (summaryMarkdown) over the roll-up's model — a row per district and the total — with the list of
 * the districts' libraries and the findings across them; the CSV stacks the districts' own summary
 * tables under the total's row; the JSON is the summary's JSON with the districts and the findings.
 */

export function findingLine(d: Diagnostic, lang: Lang): string {
  const { message, hint } = renderDiagnostic(d, lang);
  const l = d.location;
  const where = l ? `${l.file}:${l.line ?? 1}:${l.column ?? 1}` : "reserve";
  const t = ui(lang);
  return `- \`${where}\` ${t.severity[d.severity]} ${d.code} ${md(message)}\n  ${md(`${t.hint}${hint}`)}`;
}

export function rollupMarkdown(r: RollupModel, lang: Lang): string {
  const L = rollupLabels(lang, r.level);
  const R = L.rollup;
  const base = summaryMarkdown(r.model, lang, L);
  const dirs = districtDirs(r);
  const libraries = [
    `## ${R.districtsTitle}`,
    "",
    mdTable(
      [L.town, L.townCode, R.libraryFolder, R.workingYear, L.f.inPool, R.districtReport],
      r.districts.map((d, i) => [
        d.label,
        d.model.district.code,
        d.root,
        d.workingYear,
        d.model.total.inPool,
        `${dirs[i]}/summary.md`,
      ]),
      ["l", "l", "l", "r", "r", "l"],
    ),
    "",
  ];
  const notes = r.findings.filter((d) => d.code === "library-year-differs" || d.code === "library-policy-differs");
  if (notes.length > 0) {
    libraries.push(...notes.map((d) => `> ${R.note}${L.colon}${md(renderDiagnostic(d, lang).message)}`), "");
  }
  const at = base.indexOf("\n## ");
  const head = at < 0 ? base : base.slice(0, at + 1);
  const body = at < 0 ? "" : base.slice(at + 1);
  const findings = [`## ${R.findingsTitle}`, ""];
  if (r.findings.length === 0) findings.push(md(R.findingsNone));
  else findings.push(md(R.findingsIntro(r.findings.length)), "", ...r.findings.map((d) => findingLine(d, lang)));
  return `${head}${libraries.join("\n")}\n${body.trimEnd()}\n\n${findings.join("\n")}\n`;
}

/** A district's model as the roll-up writes its rows: the roll-up's categories and policy wording. */
function alike(m: ReportModel, r: RollupModel): ReportModel {
  return { ...m, categories: r.model.categories, policy: r.model.policy };
}

export function rollupTable(r: RollupModel, lang: Lang): Table {
  const L = rollupLabels(lang, r.level);
  const total = summaryTable(r.model, lang);
  const totalRow: Cell[] = [...total.rows[0]!];
  totalRow[0] = L.levels.district;
  const rows: (readonly Cell[])[] = [totalRow];
  for (const d of r.districts) {
    const [own, ...units] = summaryTable(alike(d.model, r), lang).rows;
    const named: Cell[] = [...own!];
    named[3] = d.label;
    rows.push(named, ...units);
  }
  const plain = summaryTable(r.districts[0]!.model, lang);
  return table(
    total.header,
    rows,
    [...plain.textColumns].map((i) => total.header[i]!),
  );
}

export function rollupJson(r: RollupModel, lang: Lang): string {
  const doc = JSON.parse(summaryJson(r.model)) as Record<string, unknown> & { towns: Record<string, unknown>[] };
  const { towns, district, ...rest } = doc;
  const out = {
    ...rest,
    report: "reserve roll-up",
    level: r.level,
    [r.level === "districts" ? "region" : r.level]: district,
    districts: towns.map((t, i) => ({
      ...t,
      library: r.districts[i]!.root,
      workingYear: r.districts[i]!.workingYear,
      city: r.districts[i]!.model.district.city ?? null,
      province: r.districts[i]!.model.district.province ?? null,
    })),
    findings: r.findings.map((d) => {
      const { message, hint } = renderDiagnostic(d, lang);
      return {
        code: d.code,
        severity: d.severity,
        town: d.town ?? null,
        village: d.village ?? null,
        person: d.person ?? null,
        file: d.location?.file ?? null,
        line: d.location?.line ?? null,
        column: d.location?.column ?? null,
        message,
        hint,
      };
    }),
  };
  return `${JSON.stringify(out, null, 2)}\n`;
}

/** What the level above reads of each district by default. */
const FIGURES: ReadonlySet<ReportPart> = new Set(["summary", "dashboard"]);

/**
 * The roll-up's files: its summary and dashboard, then in each district's folder under
 * `districts/` that district's summary and dashboard — what the level above reads — or, with
 * `ledgers`, its whole report (the files a `reserve report` of that library writes: the towns' and
 * villages' ledgers with every person's file, the evaluation sheets). The roll-up's own
 * files are made from the districts' models (each as its key of everything, plan.ts ReportKeys),
 * the level and the findings across them; `build` names the program, as for one library.
 */
export function* rollupPlan(
  r: RollupModel,
  formats: ReadonlySet<ReportFormat>,
  lang: Lang,
  build: string,
  ledgers = false,
): Generator<PlannedFile, void, undefined> {
  const has = (f: ReportFormat) => formats.has(f);
  const keys = r.districts.map((d) => new ReportKeys(d.model, lang, build, d.sources));
  const { level, name, code, year, date, findings } = r;
  const about = {
    level,
    name,
    code,
    year,
    date,
    findings,
    districts: r.districts.map((d) => [d.root, d.label, d.workingYear]),
  };
  const key = digest([build, lang, JSON.stringify(about), ...keys.map((k) => k.all)].join("\0"));
  const top = (part: "summary" | "dashboard", path: string, make: () => ReportFile): PlannedFile => ({
    part,
    path,
    key,
    make,
  });
  if (has("md"))
    yield top("summary", "summary.md", () => ({ path: "summary.md", kind: "text", text: rollupMarkdown(r, lang) }));
  if (has("csv"))
    yield top("summary", "summary.csv", () => ({ path: "summary.csv", kind: "csv", table: rollupTable(r, lang) }));
  if (has("json"))
    yield top("summary", "summary.json", () => ({ path: "summary.json", kind: "text", text: rollupJson(r, lang) }));
  if (has("html")) {
    yield top("dashboard", "dashboard.html", () => ({
      path: "dashboard.html",
      kind: "text",
      text: dashboardHtmlFor(r, lang),
    }));
  }
  const dirs = districtDirs(r);
  for (const [i, d] of r.districts.entries()) {
    for (const f of reportPlan(d.model, formats, lang, keys[i]!, ledgers ? undefined : FIGURES)) {
      const path = `${dirs[i]}/${f.path}`;
      yield { ...f, path, make: () => ({ ...f.make(), path }) };
    }
  }
}
