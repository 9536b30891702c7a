import type { Lang } from "../messages/lang.js";
import { renderDiagnostic } from "../messages/render.js";
import { QUOTA_COLORS } from "./dashboard/html.js";
import { barChart, dataTable, legend, rect, svg, text, textWidth } from "./dashboard/svg.js";
import { html, pct } from "./format.js";
import { pageHead } from "./page-style.js";
import { QUOTA_STATUSES, type Figures } from "./model.js";
import { rollupLabels, type RollupLabels } from "./rollup-labels.js";
import { districtDirs, type RollupModel } from "./rollup-model.js";

/**
 * The roll-up's dashboard: one self-contained page (no script, nothing fetched) with the whole's
 * key figures, each district's quota status, pool and structure side by side, the findings across
 * districts, and links to each district's own dashboard. Charts come from the dashboard's SVG
 * building blocks (reports/dashboard/svg.ts), the numbers from the roll-up's model.
 */

const CSS = `
:root{color-scheme:light;--ink:#1f2933;--muted:#5f6b7a;--line:#e3e7ec;--card:#fff;--bg:#f4f6f9}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);font:14px/1.5 "PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Micro Hei",sans-serif}
header{padding:20px 28px 8px}
h1{font-size:22px;margin:0 0 4px}
.meta{color:var(--muted);margin:0}
.notice{margin:8px 0 0;padding:6px 10px;border-left:4px solid #9aa3ae;background:#fff;color:var(--muted);font-size:13px}
main{padding:8px 28px 24px}
.kpis{display:grid;grid-template-columns:repeat(auto-fill,minmax(118px,1fr));gap:10px;margin:8px 0 16px;padding:0;list-style:none}
.kpi{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:10px 12px}
.kpi .v{display:block;font-size:24px;font-weight:bold;line-height:1.2}
.kpi .k{color:var(--muted);font-size:12px}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(460px,1fr));gap:14px}
figure{margin:0;background:var(--card);border:1px solid var(--line);border-radius:8px;padding:12px 14px;break-inside:avoid}
figure.wide{grid-column:1/-1}
figcaption h2{font-size:15px;margin:0 0 6px}
svg.chart{display:block;width:100%;height:auto}
.legend{display:flex;flex-wrap:wrap;gap:4px 14px;list-style:none;margin:6px 0 0;padding:0;font-size:12px;color:var(--muted)}
.swatch{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:5px;vertical-align:-1px}
details{margin-top:6px;font-size:12px}
summary{cursor:pointer;color:var(--muted)}
table.data{border-collapse:collapse;margin-top:4px;width:100%}
table.data th,table.data td{border:1px solid var(--line);padding:2px 6px;text-align:right}
table.data th[scope=row],table.data thead th:first-child{text-align:left}
ul.findings{margin:0;padding-left:18px}
ul.findings li.error{color:#b3261e}
footer{color:var(--muted);font-size:12px;padding:0 28px 20px}
@page{size:A4;margin:12mm}
@media print{body{background:#fff;font-size:11px;-webkit-print-color-adjust:exact;print-color-adjust:exact}.grid{grid-template-columns:1fr 1fr;gap:8px}details{display:none}}
`.trim();

const W = 440;
const BAR = "#4f7fb8";

function figure(content: string[], title: string, wide = false): string {
  return [
    `<figure${wide ? ' class="wide"' : ""}>`,
    `<figcaption><h2>${html(title)}</h2></figcaption>`,
    ...content,
    `</figure>`,
  ].join("\n");
}

function kpi(value: string, label: string): string {
  return `<li class="kpi"><span class="v">${html(value)}</span><span class="k">${html(label)}</span></li>`;
}

function quotaByDistrict(r: RollupModel, L: RollupLabels): string {
  const rows = r.model.towns;
  const rowH = 28;
  const top = 6;
  const labelW = Math.max(60, ...rows.map((t) => textWidth(t.name))) + 12;
  const plotW = W - labelW - 40;
  const max = Math.max(1, ...rows.map((t) => t.figures.villages));
  const body: string[] = [];
  rows.forEach((t, i) => {
    const y = top + i * rowH;
    body.push(text(labelW - 8, y + rowH / 2 + 4, t.name, { anchor: "end" }));
    let x = labelW;
    for (const s of QUOTA_STATUSES) {
      const n = t.figures.quota[s];
      const w = (plotW * n) / max;
      if (n > 0) body.push(rect(x, y + 5, w, rowH - 10, QUOTA_COLORS[s], { tip: `${t.name} ${L.quota[s]} ${n}` }));
      x += w;
    }
    body.push(text(x + 6, y + rowH / 2 + 4, String(t.figures.villages), { fill: "#444" }));
  });
  const counts = QUOTA_STATUSES.map((s) => `${L.quota[s]} ${r.model.total.quota[s]}`).join(L.sep);
  return figure(
    [
      svg(
        "chart-quota",
        W,
        top * 2 + rowH * Math.max(1, rows.length),
        L.rollup.dashQuota,
        L.dash.quotaDesc(counts),
        body,
      ),
      legend(QUOTA_STATUSES.map((s) => ({ label: L.quota[s], color: QUOTA_COLORS[s] }))),
      dataTable(
        L.dash.dataTable,
        [L.town, L.f.villages, ...QUOTA_STATUSES.map((s) => L.quota[s]), L.f.inPool],
        rows.map((t) => [
          t.name,
          t.figures.villages,
          ...QUOTA_STATUSES.map((s) => t.figures.quota[s]),
          t.figures.inPool,
        ]),
      ),
    ],
    L.rollup.dashQuota,
  );
}

function poolByDistrict(r: RollupModel, L: RollupLabels): string {
  const bars = r.model.towns.map((t) => ({
    label: t.name,
    value: t.figures.inPool,
    note: String(t.figures.inPool),
    color: BAR,
  }));
  const items = bars.map((b) => `${b.label} ${b.value}`).join(L.sep);
  return figure(
    [barChart("chart-pool", L.rollup.dashPool, L.dash.barsDesc(L.rollup.dashPool, items), bars, W)],
    L.rollup.dashPool,
  );
}

function shares(r: RollupModel, L: RollupLabels): string {
  const cols: [string, (f: Figures) => string][] = [
    [L.f.inPool, (f) => String(f.inPool)],
    [L.f.share(L.f.women), (f) => pct(f.women, f.inPool)],
    [L.f.share(L.f.under35), (f) => pct(f.under35, f.inPool)],
    [L.f.share(L.f.partyMembers), (f) => pct(f.partyMembers, f.inPool)],
    [L.f.share(L.f.college), (f) => pct(f.college, f.inPool)],
    [L.f.rate, (f) => pct(f.training.attended, f.training.expected)],
    [L.f.mentoring, (f) => pct(f.mentored, f.inPool)],
    [L.f.eligible, (f) => String(f.election.eligible)],
  ];
  const head = `<tr>${[L.town, ...cols.map(([h]) => h)].map((h) => `<th scope="col">${html(h)}</th>`).join("")}</tr>`;
  const row = (name: string, f: Figures) =>
    `<tr><th scope="row">${html(name)}</th>${cols.map(([, get]) => `<td>${html(get(f))}</td>`).join("")}</tr>`;
  const body = [...r.model.towns.map((t) => row(t.name, t.figures)), row(L.total, r.model.total)].join("\n");
  return figure(
    [`<table class="data">\n<thead>${head}</thead>\n<tbody>\n${body}\n</tbody>\n</table>`],
    L.rollup.dashShares,
    true,
  );
}

function findings(r: RollupModel, L: RollupLabels, lang: Lang): string {
  const items =
    r.findings.length === 0
      ? [`<p>${html(L.rollup.findingsNone)}</p>`]
      : [
          '<ul class="findings">',
          ...r.findings.map((d) => {
            const where = d.location ? `${d.location.file}:${d.location.line ?? 1}` : "";
            return `<li class="${d.severity}">${html(renderDiagnostic(d, lang).message)} <small>${html(where)}</small></li>`;
          }),
          "</ul>",
        ];
  return figure(items, L.rollup.dashboardFindings, true);
}

export function dashboardHtmlFor(r: RollupModel, lang: Lang): string {
  const L = rollupLabels(lang, r.level);
  const T = r.model.total;
  const title = L.dashboardTitle(r.name, r.year);
  const atMin = T.quota["below-target"] + T.quota["at-target"] + T.quota["above-target"];
  const dirs = districtDirs(r);
  const links = r.districts
    .map((d, i) => `<li><a href="${html(`${dirs[i]}/dashboard.html`)}">${html(d.label)}</a></li>`)
    .join("");
  const parts = [
    ...pageHead({ lang: L.lang, title, css: CSS }),
    "<header>",
    `<h1>${html(title)}</h1>`,
    `<p class="meta">${html(`${L.reportDate}${L.colon}${r.date} · ${L.scope}${L.colon}${L.wholeDistrict}（${r.districts.map((d) => d.label).join(L.sep)}）`)}</p>`,
    `<p class="notice">${html(L.masked)}</p>`,
    "</header>",
    "<main>",
    '<ul class="kpis">',
    kpi(String(T.inPool), L.dash.kpi.inPool),
    kpi(`${atMin}/${T.villages}`, L.dash.kpi.covered),
    kpi(pct(T.women, T.inPool), L.dash.kpi.women),
    kpi(pct(T.under35, T.inPool), L.dash.kpi.under35),
    kpi(pct(T.partyMembers, T.inPool), L.dash.kpi.party),
    kpi(pct(T.college, T.inPool), L.dash.kpi.college),
    kpi(pct(T.training.attended, T.training.expected), L.dash.kpi.rate),
    kpi(String(r.findings.filter((d) => d.severity === "error").length), L.rollup.dashboardFindings),
    "</ul>",
    '<div class="grid">',
    quotaByDistrict(r, L),
    poolByDistrict(r, L),
    shares(r, L),
    findings(r, L, lang),
    figure([`<ul>${links}</ul>`], L.rollup.dashLinks, true),
    "</div>",
    "</main>",
    `<footer>${html(L.dash.footer(r.date))} ${html(L.dash.printHint)}</footer>`,
    "</body>",
    "</html>",
  ];
  return `${parts.join("\n")}\n`;
}
