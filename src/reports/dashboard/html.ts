import type { Lang } from "../../messages/lang.js";
import { NONE } from "../build.js";
import { html, pct } from "../format.js";
import { reportLabels, type ReportLabels } from "../labels.js";
import { AGE_BANDS, QUOTA_STATUSES, type QuotaStatus, type ReportModel, type VillageRow } from "../model.js";
import { BASE_CSS, pageHead } from "../page-style.js";
import { categoryLabel, scopeText } from "../summary.js";
import { barChart, dataTable, legend, line, rect, svg, text, textWidth, type Bar } from "./svg.js";

/**
 * The dashboard (看板): one self-contained HTML page — no script, no network (a Content-Security-
 * Policy forbids it), printable on A4 — with charts drawn as SVG from the report model, so every
 * number on it is a number of the summary. Each chart is an image with a title and a description
 * for screen readers, and carries its data table.
 */

export const QUOTA_COLORS: Readonly<Record<QuotaStatus, string>> = {
  "below-min": "#d64541",
  "below-target": "#f0a030",
  "at-target": "#3f9e62",
  "above-target": "#3b78c2",
};
const MEN = "#3b78c2";
const WOMEN = "#e0648a";
const BAR = "#4f7fb8";
const GRADE_COLORS: Record<string, string> = {
  excellent: "#2f8f5b",
  competent: "#3b78c2",
  basic: "#f0a030",
  incompetent: "#d64541",
  [NONE]: "#9aa3ae",
};
const MUTED = "#b7bec8";
const FUNNEL = ["#5b4b8a", "#6a5a9c", "#7a6aad", "#8b7bbd", "#9c8dcc", "#ae9fda"];

const CSS = `
${BASE_CSS}
main{padding:8px 28px 24px}
.kpis{display:grid;grid-template-columns:repeat(auto-fill,minmax(118px,1fr));gap:10px;margin:8px 0 16px;padding:0;list-style:none}
.kpi{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:10px 12px}
.kpi .v{display:block;font-size:24px;font-weight:bold;line-height:1.2}
.kpi .k{color:var(--muted);font-size:12px}
.kpi .s{color:var(--muted);font-size:12px}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(460px,1fr));gap:14px}
figure{margin:0;background:var(--card);border:1px solid var(--line);border-radius:8px;padding:12px 14px;break-inside:avoid;page-break-inside:avoid}
figure.wide{grid-column:1/-1}
figcaption h2{font-size:15px;margin:0 0 6px}
svg.chart{display:block;width:100%;height:auto;max-width:100%}
.legend{display:flex;flex-wrap:wrap;gap:4px 14px;list-style:none;margin:6px 0 0;padding:0;font-size:12px;color:var(--muted)}
.swatch{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:5px;vertical-align:-1px}
details{margin-top:6px;font-size:12px}
summary{cursor:pointer;color:var(--muted)}
table.data{border-collapse:collapse;margin-top:4px;width:100%}
table.data th,table.data td{border:1px solid var(--line);padding:2px 6px;text-align:right}
table.data th[scope=row],table.data thead th:first-child{text-align:left}
table.list td:first-child,table.list th{text-align:left}
table.list tr.short td,table.list tr.short th{color:#b3261e;font-weight:bold}
table.list th,table.list td{white-space:nowrap}
.sr-only{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
footer{color:var(--muted);font-size:12px;padding:0 28px 20px}
@page{size:A4;margin:12mm}
@media print{
  body{background:#fff;font-size:11px;-webkit-print-color-adjust:exact;print-color-adjust:exact}
  header,main,footer{padding-left:0;padding-right:0}
  .grid{grid-template-columns:1fr 1fr;gap:8px}
  .kpis{grid-template-columns:repeat(5,1fr);gap:6px}
  .kpi .v{font-size:18px}
  figure{border-color:#ccc;padding:6px 8px}
  details{display:none}
}
`.trim();

function kpi(value: string, label: string, sub = ""): string {
  return `<li class="kpi"><span class="v">${html(value)}</span><span class="k">${html(label)}</span>${
    sub ? `<br><span class="s">${html(sub)}</span>` : ""
  }</li>`;
}

function figure(content: string[], title: string, wide = false): string {
  return [
    `<figure${wide ? ' class="wide"' : ""}>`,
    `<figcaption><h2>${html(title)}</h2></figcaption>`,
    ...content,
    `</figure>`,
  ].join("\n");
}

/** Chart width in SVG units: about the width of a grid column, so that 12-unit text stays 12 px on screen and ~7 pt on paper. */
const W = 440;

function quotaByTown(model: ReportModel, L: ReportLabels): string {
  const width = W;
  const rowH = 28;
  const top = 6;
  const towns = model.towns.filter((t) => t.figures.villages > 0);
  const labelW = Math.max(60, ...towns.map((t) => textWidth(t.name))) + 12;
  const totalW = 64;
  const plotW = width - labelW - totalW;
  const max = Math.max(1, ...towns.map((t) => t.figures.villages));
  const body: string[] = [];
  towns.forEach((t, i) => {
    const y = top + i * rowH;
    let x = labelW;
    const segs: string[] = [];
    for (const s of QUOTA_STATUSES) {
      const n = t.figures.quota[s];
      if (n === 0) continue;
      const w = (plotW * n) / max;
      segs.push(
        rect(x, y + 4, w, rowH - 8, QUOTA_COLORS[s], {
          cls: "seg",
          tip: `${t.name} ${L.quota[s]} ${n}`,
          data: { status: s, value: n },
        }),
      );
      if (w >= 18)
        segs.push(text(x + w / 2, y + rowH / 2 + 4, String(n), { anchor: "middle", fill: "#fff", size: 11 }));
      x += w;
    }
    body.push(
      `<g class="row" data-town="${t.code}">`,
      text(labelW - 8, y + rowH / 2 + 4, t.name, { anchor: "end" }),
      ...segs,
      text(x + 6, y + rowH / 2 + 4, `${t.figures.villages} ${L.dash.villagesUnit}`, { fill: "#444" }),
      `</g>`,
    );
  });
  const height = top * 2 + rowH * Math.max(1, towns.length);
  const counts = towns
    .map((t) => `${t.name} ${QUOTA_STATUSES.map((s) => `${L.quota[s]} ${t.figures.quota[s]}`).join(L.sep)}`)
    .join("；");
  return figure(
    [
      svg("chart-quota", width, height, L.dash.quotaByTown, L.dash.quotaDesc(counts || L.dash.noData), [
        line(labelW, top, labelW, height - top),
        ...body,
      ]),
      legend(QUOTA_STATUSES.map((s) => ({ label: L.quotaLong(s, model.policy.quota), color: QUOTA_COLORS[s] }))),
      dataTable(
        L.dash.dataTable,
        [L.town, L.f.villages, ...QUOTA_STATUSES.map((s) => L.quota[s]), L.f.inPool],
        [
          ...towns.map((t) => [
            t.name,
            t.figures.villages,
            ...QUOTA_STATUSES.map((s) => t.figures.quota[s]),
            t.figures.inPool,
          ]),
          [L.total, model.total.villages, ...QUOTA_STATUSES.map((s) => model.total.quota[s]), model.total.inPool],
        ],
      ),
    ],
    L.dash.quotaByTown,
  );
}

function coverageGrid(model: ReportModel, L: ReportLabels): string {
  const width = 900;
  const cell = 22;
  const gap = 4;
  const villages = model.villages.filter((v) => v.quotaStatus !== undefined);
  // Grouped once: a province has 15,000 villages in 150 towns.
  const byTown = new Map<string, VillageRow[]>();
  for (const v of villages) {
    const list = byTown.get(v.town);
    if (list) list.push(v);
    else byTown.set(v.town, [v]);
  }
  const towns = model.towns.filter((t) => byTown.has(t.code));
  const labelW = Math.max(60, ...towns.map((t) => textWidth(t.name))) + 12;
  const perRow = Math.max(1, Math.floor((width - labelW + gap) / (cell + gap)));
  const body: string[] = [];
  let y = 6;
  for (const t of towns) {
    const vs = byTown.get(t.code)!;
    body.push(`<g class="town" data-town="${t.code}">`, text(labelW - 8, y + cell / 2 + 4, t.name, { anchor: "end" }));
    vs.forEach((v, i) => {
      const cx = labelW + (i % perRow) * (cell + gap);
      const cy = y + Math.floor(i / perRow) * (cell + gap);
      const status = v.quotaStatus!;
      body.push(
        rect(cx, cy, cell, cell, QUOTA_COLORS[status], {
          cls: "cell",
          rx: 3,
          tip: L.dash.villageTip(v.townName, v.name, v.figures.inPool, L.quota[status]),
          data: { village: v.code, status, value: v.figures.inPool },
        }),
        text(cx + cell / 2, cy + cell / 2 + 4, String(v.figures.inPool), { anchor: "middle", fill: "#fff", size: 11 }),
      );
    });
    body.push(`</g>`);
    y += Math.ceil(vs.length / perRow) * (cell + gap) + 6;
  }
  const height = Math.max(y, 30);
  const counts = QUOTA_STATUSES.map((s) => `${L.quota[s]} ${model.total.quota[s]}`).join(L.sep);
  return figure(
    [
      svg("chart-coverage", width, height, L.dash.coverage, L.dash.coverageDesc(villages.length, counts), body),
      legend(
        QUOTA_STATUSES.map((s) => ({
          label: `${L.quotaLong(s, model.policy.quota)} ${model.total.quota[s]}`,
          color: QUOTA_COLORS[s],
        })),
      ),
      dataTable(
        L.dash.dataTable,
        [L.village, L.town, L.villageCode, L.f.inPool, L.quotaStatus],
        villages.map((v) => [v.name, v.townName, v.code, v.figures.inPool, L.quota[v.quotaStatus!]]),
      ),
    ],
    L.dash.coverage,
    true,
  );
}

function pyramid(model: ReportModel, L: ReportLabels): string {
  const width = W;
  const rowH = 30;
  const top = 24;
  const mid = width / 2;
  const labelW = 84;
  const half = mid - labelW / 2 - 44;
  // Oldest at the top, youngest at the bottom, as population pyramids are drawn.
  const bands = [...AGE_BANDS].reverse().filter((b) => model.categories.age.includes(b));
  if (model.categories.age.includes(NONE)) bands.push(NONE as never);
  const byBand = (gender: "男" | "女", band: string) => model.pyramid[`${gender}:${band}`] ?? 0;
  const rows = bands.map((b) => ({ band: b, men: byBand("男", b), women: byBand("女", b) }));
  const max = Math.max(1, ...rows.flatMap((r) => [r.men, r.women]));
  const body: string[] = [
    text(mid - labelW / 2 - 4, 14, L.dash.men, { anchor: "end", fill: MEN, weight: "bold" }),
    text(mid + labelW / 2 + 4, 14, L.dash.women, { fill: WOMEN, weight: "bold" }),
  ];
  rows.forEach((r, i) => {
    const y = top + i * rowH;
    const wm = (half * r.men) / max;
    const ww = (half * r.women) / max;
    const label = L.age[r.band] ?? r.band;
    body.push(
      rect(mid - labelW / 2 - wm, y + 4, wm, rowH - 8, MEN, {
        cls: "bar",
        tip: `${L.dash.men} ${label} ${r.men}`,
        data: { value: r.men },
      }),
      text(mid - labelW / 2 - wm - 6, y + rowH / 2 + 4, String(r.men), { anchor: "end", fill: "#444" }),
      text(mid, y + rowH / 2 + 4, label, { anchor: "middle" }),
      rect(mid + labelW / 2, y + 4, ww, rowH - 8, WOMEN, {
        cls: "bar",
        tip: `${L.dash.women} ${label} ${r.women}`,
        data: { value: r.women },
      }),
      text(mid + labelW / 2 + ww + 6, y + rowH / 2 + 4, String(r.women), { fill: "#444" }),
    );
  });
  const height = top + rowH * rows.length + 6;
  const items = rows
    .map((r) => `${L.age[r.band] ?? r.band} ${L.dash.men} ${r.men}${L.sep}${L.dash.women} ${r.women}`)
    .join("；");
  return figure(
    [
      svg("chart-pyramid", width, height, L.dash.pyramid, L.dash.pyramidDesc(items), body),
      dataTable(
        L.dash.dataTable,
        [L.f.ageBands, L.dash.men, L.dash.women, L.total],
        [
          ...rows.map((r) => [L.age[r.band] ?? r.band, r.men, r.women, r.men + r.women]),
          [L.total, model.total.gender["男"] ?? 0, model.total.gender["女"] ?? 0, model.total.inPool],
        ],
      ),
    ],
    L.dash.pyramid,
  );
}

function composition(
  model: ReportModel,
  L: ReportLabels,
  id: string,
  title: string,
  keys: readonly string[],
  counts: Readonly<Record<string, number>>,
): string {
  const T = model.total.inPool;
  const bars: Bar[] = keys.map((k) => ({
    label: k,
    value: counts[k] ?? 0,
    note: L.paren(String(counts[k] ?? 0), pct(counts[k] ?? 0, T)),
    color: BAR,
  }));
  const items = bars.map((b) => `${b.label} ${b.note}`).join("；");
  return figure(
    [
      barChart(id, title, L.dash.barsDesc(title, items), bars, W),
      dataTable(
        L.dash.dataTable,
        [title, L.f.inPool, L.f.share("")],
        keys.map((k) => [k, counts[k] ?? 0, pct(counts[k] ?? 0, T)]),
      ),
    ],
    title,
  );
}

function trainingByMonth(model: ReportModel, L: ReportLabels): string {
  const width = W;
  const height = 220;
  const left = 36;
  const bottom = 40;
  const top = 20;
  const plotH = height - top - bottom;
  const slot = (width - left - 8) / 12;
  const body: string[] = [];
  for (const p of [0, 50, 100]) {
    const y = top + plotH - (plotH * p) / 100;
    body.push(
      line(left, y, width - 8, y, p === 0 ? "#9aa3ae" : "#e3e7ec"),
      text(left - 6, y + 4, `${p}%`, { anchor: "end", size: 10, fill: "#666" }),
    );
  }
  for (const m of model.attendanceByMonth) {
    const x = left + (m.month - 1) * slot;
    body.push(
      text(x + slot / 2, height - bottom + 16, L.cultivation.monthName(m.month), { anchor: "middle", size: 11 }),
    );
    if (m.expected === 0) continue;
    const rate = m.attended / m.expected;
    const h = plotH * rate;
    const y = top + plotH - h;
    body.push(
      rect(x + slot * 0.18, y, slot * 0.64, h, BAR, {
        cls: "bar",
        tip: `${L.cultivation.monthName(m.month)} ${L.paren(pct(m.attended, m.expected), L.dash.rateOf(m.attended, m.expected))}`,
        data: { month: m.month, value: Math.round(rate * 1000) / 10 },
      }),
      text(x + slot / 2, y - 4, pct(m.attended, m.expected), { anchor: "middle", size: 10, fill: "#444" }),
      text(x + slot / 2, height - bottom + 30, `${m.sessions} ${L.dash.sessionsUnit}`, {
        anchor: "middle",
        size: 10,
        fill: "#666",
      }),
    );
  }
  const items = model.attendanceByMonth
    .filter((m) => m.expected > 0)
    .map((m) => `${L.cultivation.monthName(m.month)} ${pct(m.attended, m.expected)}`)
    .join("；");
  const T = model.total.training;
  return figure(
    [
      svg("chart-training", width, height, L.dash.training, L.dash.trainingDesc(items || L.dash.noData), body),
      `<p class="meta">${html(L.cultivation.rateLine(pct(T.attended, T.expected), T.attended, T.expected))}</p>`,
      dataTable(
        L.dash.dataTable,
        [L.cultivation.month, L.f.sessions, L.f.expected, L.f.attended, L.f.rate],
        model.attendanceByMonth.map((m) => [
          L.cultivation.monthName(m.month),
          m.sessions,
          m.expected,
          m.attended,
          pct(m.attended, m.expected),
        ]),
      ),
    ],
    L.dash.training,
  );
}

function funnel(model: ReportModel, L: ReportLabels): string {
  const width = W;
  const rowH = 30;
  const top = 6;
  const p = model.total.party;
  const steps = [
    { label: L.f.partyPopulation, value: p.population },
    ...model.categories.partyStage.map((s) => ({ label: s, value: p.reached[s] ?? 0 })),
  ];
  const max = Math.max(1, p.population);
  const labelW = Math.max(...steps.map((s) => textWidth(s.label))) + 12;
  const plotW = width - labelW - 50;
  const center = labelW + plotW / 2;
  const body: string[] = [];
  steps.forEach((s, i) => {
    const y = top + i * rowH;
    const w = (plotW * s.value) / max;
    body.push(
      text(labelW - 8, y + rowH / 2 + 4, s.label, { anchor: "end" }),
      rect(center - w / 2, y + 3, w, rowH - 6, FUNNEL[i % FUNNEL.length]!, {
        cls: "bar",
        tip: `${s.label} ${s.value}`,
        data: { value: s.value },
      }),
      text(center, y + rowH / 2 + 4, String(s.value), {
        anchor: "middle",
        fill: s.value > 0 && w > 24 ? "#fff" : "#333",
        size: 11,
      }),
    );
  });
  const height = top * 2 + rowH * steps.length;
  const items = steps.map((s) => `${s.label} ${s.value}`).join("；");
  return figure(
    [
      svg("chart-funnel", width, height, L.dash.funnel, L.dash.funnelDesc(items), body),
      `<p class="meta">${html(L.cultivation.partyNote)}</p>`,
      dataTable(
        L.dash.dataTable,
        [L.cultivation.party, L.f.inPool],
        steps.map((s) => [s.label, s.value]),
      ),
    ],
    L.dash.funnel,
  );
}

function grades(model: ReportModel, L: ReportLabels): string {
  const e = model.total.evaluation;
  const bars: Bar[] = [
    ...model.categories.grade.map((g) => ({
      label: categoryLabel(model, L, "grade", g),
      value: e.grades[g] ?? 0,
      note: String(e.grades[g] ?? 0),
      color: GRADE_COLORS[g] ?? BAR,
    })),
    { label: L.dash.notEvaluated, value: e.notEvaluated, note: String(e.notEvaluated), color: MUTED },
  ];
  const items = bars.map((b) => `${b.label} ${b.value}`).join("；");
  return figure(
    [
      barChart("chart-grades", L.dash.grades, L.dash.barsDesc(L.dash.grades, items), bars, W),
      dataTable(
        L.dash.dataTable,
        [L.f.grade, L.f.evaluated],
        bars.map((b) => [b.label, b.value]),
      ),
    ],
    L.dash.grades,
  );
}

/** The villages to replenish, as a plain table beside the charts (what leaders act on first). */
function replenishment(model: ReportModel, L: ReportLabels): string {
  const rows = model.replenishment;
  const body =
    rows.length === 0
      ? `<p class="meta">${html(L.evaluation.replenishmentNone)}</p>`
      : [
          '<table class="data list" id="replenishment">',
          `<thead><tr>${[
            L.town,
            L.village,
            L.f.inPool,
            L.f.pending,
            L.f.adjustedOut,
            L.evaluation.toMin,
            L.evaluation.toTarget,
          ]
            .map((h) => `<th scope="col">${html(h)}</th>`)
            .join("")}</tr></thead>`,
          "<tbody>",
          ...rows.map(
            (r) =>
              `<tr class="${r.toMin > 0 ? "short" : ""}"><td>${html(r.townName)}</td><th scope="row">${html(r.villageName)}</th><td>${r.inPool}</td><td>${r.pending}</td><td>${r.adjustedOut}</td><td>${r.toMin}</td><td>${r.toTarget}</td></tr>`,
          ),
          "</tbody>",
          "</table>",
        ].join("\n");
  return figure([body], L.evaluation.replenishment);
}

export function dashboardHtml(model: ReportModel, lang: Lang): string {
  const L = reportLabels(lang);
  const T = model.total;
  const title = L.dashboardTitle(model.district.name, model.year);
  const atMin = T.quota["below-target"] + T.quota["at-target"] + T.quota["above-target"];
  const c = model.categories;
  const parts = [
    ...pageHead({ lang: L.lang, title, css: CSS }),
    "<header>",
    `<h1>${html(title)}</h1>`,
    `<p class="meta">${html(`${L.reportDate}${L.colon}${model.date} · ${L.scope}${L.colon}${scopeText(model, L)}`)}</p>`,
    `<p class="notice${model.reveal ? " reveal" : ""}">${html(model.reveal ? L.revealed : L.masked)}</p>`,
    "</header>",
    "<main>",
    `<h2 class="sr-only">${html(L.dash.overview)}</h2>`,
    '<ul class="kpis">',
    kpi(String(T.inPool), L.dash.kpi.inPool, `${L.f.pending} ${T.pending}`),
    kpi(`${atMin}/${T.villages}`, L.dash.kpi.covered, `${L.quota["below-min"]} ${T.quota["below-min"]}`),
    kpi(pct(T.women, T.inPool), L.dash.kpi.women, `${T.women}`),
    kpi(pct(T.under35, T.inPool), L.dash.kpi.under35, `${T.under35}`),
    kpi(pct(T.partyMembers, T.inPool), L.dash.kpi.party, `${T.partyMembers}`),
    kpi(pct(T.college, T.inPool), L.dash.kpi.college, `${T.college}`),
    kpi(
      pct(T.training.attended, T.training.expected),
      L.dash.kpi.rate,
      L.dash.rateOf(T.training.attended, T.training.expected),
    ),
    kpi(pct(T.mentored, T.inPool), L.dash.kpi.mentoring, `${T.mentored}`),
    kpi(String(T.election.eligible), L.dash.kpi.eligible, `${model.election.year}`),
    "</ul>",
    '<div class="grid">',
    quotaByTown(model, L),
    pyramid(model, L),
    coverageGrid(model, L),
    composition(model, L, "chart-education", L.dash.education, c.education, T.education),
    composition(model, L, "chart-source", L.dash.source, c.source, T.source),
    trainingByMonth(model, L),
    funnel(model, L),
    grades(model, L),
    replenishment(model, L),
    "</div>",
    "</main>",
    `<footer>${html(L.dash.footer(model.date))} ${html(L.dash.printHint)}</footer>`,
    "</body>",
    "</html>",
  ];
  return `${parts.join("\n")}\n`;
}
