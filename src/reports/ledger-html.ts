import { createHash } from "node:crypto";
import type { Lang } from "../messages/lang.js";
import { html, pct } from "./format.js";
import { reportLabels, type ReportLabels } from "./labels.js";
import { trainingGrid, villageRegister } from "./ledgers.js";
import type { LedgerModel, VillageRow } from "./model.js";
import { peopleOfVillage } from "./model-index.js";
import { BASE_CSS, pageHead } from "./page-style.js";
import type { DocSection, PersonDoc } from "./person.js";
import type { Table } from "./table.js";

/**
 * 一村一册 as a page to print and file: the village's register and the year's training sign-in
 * sheet, then every person's file (一人一档), each starting a new A4 page. One self-contained HTML
 * file per village in the look of the dashboard: nothing loaded from elsewhere (a Content-Security-
 * Policy allows only this page's own style and its one script, by hash). "打印本册" prints the
 * book; "打印此人档案" on a file prints that file alone. The print stylesheet never breaks inside a
 * table row, repeats a table's header on each page it runs onto, prints the register across the
 * page (it is wide) and the persons' files upright, and numbers the pages.
 */

/** Prints the whole book, or only the file whose print button was pressed. */
const SCRIPT =
  'for(const b of document.querySelectorAll("button[data-print]"))b.addEventListener("click",()=>{' +
  'const id=b.getAttribute("data-print");document.body.classList.toggle("print-one",id!=="all");' +
  'for(const s of document.querySelectorAll(".sheet"))s.classList.toggle("printing",s.id===id);window.print()});' +
  'addEventListener("afterprint",()=>document.body.classList.remove("print-one"));';

export const SCRIPT_HASH = `sha256-${createHash("sha256").update(SCRIPT).digest("base64")}`;

const cssString = (s: string) => `"${s.replace(/["\\\n]/g, (c) => (c === "\n" ? " " : `\\${c}`))}"`;

function css(L: ReportLabels): string {
  const P = L.print;
  const pageNumber = `${cssString(P.pageBefore)} counter(page) ${cssString(P.pageMiddle)} counter(pages) ${cssString(P.pageAfter)}`;
  return `${BASE_CSS}
.toolbar{display:flex;flex-wrap:wrap;gap:6px 14px;align-items:center;padding:10px 28px;background:var(--bg);border-bottom:1px solid var(--line)}
.toolbar .hint{color:var(--muted);font-size:12px}
button.print{font:inherit;font-size:14px;padding:5px 16px;border:1px solid #3b78c2;border-radius:6px;background:#3b78c2;color:#fff;cursor:pointer}
button.print.small{font-size:12px;padding:2px 10px;background:#fff;color:#3b78c2}
.sheet{background:var(--card);max-width:210mm;margin:16px auto;padding:12mm;border:1px solid var(--line);border-radius:8px}
.sheet.wide{max-width:297mm}
.sheet header{padding:0 0 6px}
.sheet .tools{float:right;position:relative;z-index:1}
.sheet h2{font-size:15px;margin:14px 0 6px;padding-left:8px;border-left:4px solid #3b78c2}
.sheet p{margin:6px 0}
table.ledger{border-collapse:collapse;width:100%;font-size:12px;margin:4px 0 8px}
table.ledger th,table.ledger td{border:1px solid #b4bcc6;padding:3px 6px;text-align:left;vertical-align:top}
table.ledger thead th{background:#ddebf7;font-weight:bold;white-space:nowrap}
table.ledger td.n{text-align:right;white-space:nowrap}
table.register td:nth-child(2),table.register td:nth-child(3),table.signin td:first-child{white-space:nowrap}
table.signin td{text-align:center}
table.signin td:first-child,table.signin td:last-child{text-align:left}
table.fields th{width:15%;background:var(--bg);font-weight:normal;color:var(--muted);white-space:nowrap}
table.fields td{width:35%}
.empty{color:var(--muted)}
a{color:inherit}
tr,th,td{break-inside:avoid;page-break-inside:avoid}
thead{display:table-header-group}
h1,h2{break-after:avoid;page-break-after:avoid}
@page{size:A4;margin:14mm 12mm 16mm;@bottom-center{content:${pageNumber};font-size:9pt;color:#5f6b7a}}
@page wide{size:A4 landscape;margin:12mm 12mm 14mm}
@media print{
  body{background:#fff;font-size:10.5pt;-webkit-print-color-adjust:exact;print-color-adjust:exact}
  .no-print{display:none!important}
  .sheet,.sheet.wide{max-width:none;margin:0;padding:0;border:0;border-radius:0}
  .sheet+.sheet{break-before:page}
  .sheet.wide{page:wide}
  body.print-one .sheet:not(.printing){display:none}
  body.print-one .sheet.printing{break-before:auto}
  a{text-decoration:none}
}`;
}

const personAnchor = (id: string) => `p-${id}`;

/**
 * A table with a header row. Numbers are right-aligned; the register's name links to the person's
 * file further down the book. Column alignment otherwise comes from the stylesheet (by table and
 * column), so that a cell is only its text.
 */
function tableHtml(t: Pick<Table, "header" | "rows">, cls: string, link = -1): string {
  let out = `<table class="ledger ${cls}"><thead><tr>`;
  for (const h of t.header) out += `<th>${html(h)}</th>`;
  out += "</tr></thead><tbody>";
  for (const row of t.rows) {
    out += "<tr>";
    for (let i = 0; i < row.length; i++) {
      const v = row[i]!;
      if (typeof v === "number") out += `<td class="n">${v}</td>`;
      else if (i === link) out += `<td><a href="#${html(personAnchor(String(row[1])))}">${html(v)}</a></td>`;
      else out += `<td>${html(v)}</td>`;
    }
    out += "</tr>";
  }
  return `${out}</tbody></table>`;
}

function section(s: DocSection): string {
  const head = `<h2>${html(s.title)}</h2>`;
  if (s.kind === "text") return `${head}<p>${html(s.text)}</p>`;
  if (s.kind === "fields") {
    const rows: string[] = [];
    for (let i = 0; i < s.rows.length; i += 2) {
      const pair = s.rows.slice(i, i + 2).map(([k, v]) => `<th scope="row">${html(k)}</th><td>${html(v)}</td>`);
      if (pair.length === 1) pair.push("<th></th><td></td>");
      rows.push(`<tr>${pair.join("")}</tr>`);
    }
    return `${head}<table class="ledger fields"><tbody>${rows.join("")}</tbody></table>`;
  }
  if (s.rows.length === 0) return `${head}<p class="empty">${html(s.empty)}</p>`;
  return head + tableHtml(s, "records");
}

/** One person's file as a section of the book: its own print button, header and sections. */
export function personSection(doc: PersonDoc, id: string, L: ReportLabels, reveal: boolean): string {
  const anchor = html(personAnchor(id));
  return [
    `<section class="sheet person" id="${anchor}">`,
    `<div class="tools no-print"><button type="button" class="print small" data-print="${anchor}">${html(L.print.person)}</button></div>`,
    `<header><h1>${html(doc.title)}</h1><p class="meta">${html(doc.subtitle)}</p>`,
    `<p class="notice${reveal ? " reveal" : ""}">${html(doc.notice)}</p></header>`,
    ...doc.sections.map(section),
    "</section>",
  ].join("\n");
}

/** The village's book: its register page, then the files of its people in register order. */
export function villageBookHtml(
  model: LedgerModel,
  village: VillageRow,
  docs: readonly { readonly id: string; readonly doc: PersonDoc }[],
  lang: Lang,
): string {
  const L = reportLabels(lang);
  const G = L.ledger;
  const title = G.villageTitle(village.townName, village.name, model.year);
  const status = village.quotaStatus ? L.quotaLong(village.quotaStatus, model.policy.quota) : L.noQuota;
  const people = peopleOfVillage(model, village.code);
  const body: string[] = [
    `<section class="sheet wide village" id="village">`,
    `<header><h1>${html(title)}</h1>`,
    `<p class="meta">${html(
      `${L.villageCode}${L.colon}${village.code} · ${L.townCode}${L.colon}${village.town} · ${L.reportDate}${L.colon}${model.date}`,
    )}</p>`,
    `<p class="notice${model.reveal ? " reveal" : ""}">${html(model.reveal ? L.revealed : L.masked)}</p></header>`,
    `<p>${html(G.villageSummary(village.figures.inPool, village.figures.pending, status))}</p>`,
    `<h2>${html(G.register)}</h2>`,
  ];
  if (people.length === 0) body.push(`<p class="empty">${html(G.noReserves)}</p>`);
  else {
    body.push(tableHtml(villageRegister(model, people, L), "register", 2));
    const training = trainingGrid(model, village, people, L);
    body.push(`<h2>${html(G.trainingGrid)}</h2>`);
    if (training.sessions.length === 0) body.push(`<p class="empty">${html(L.none)}</p>`);
    else body.push(tableHtml(training.grid, "signin"), tableHtml(training.list, "sessions"));
    const rate = pct(village.figures.training.attended, village.figures.training.expected);
    body.push(`<p>${html(`${L.f.rate}${L.colon}${rate}`)}</p>`);
  }
  body.push("</section>");
  for (const { id, doc } of docs) body.push(personSection(doc, id, L, model.reveal));
  return `${[
    ...pageHead({ lang: L.lang, title, css: css(L), scriptHash: SCRIPT_HASH }),
    `<div class="toolbar no-print"><button type="button" class="print" data-print="all">${html(L.print.book)}</button><span class="hint">${html(L.print.hint)}</span></div>`,
    ...body,
    `<script>${SCRIPT}</script>`,
    "</body>",
    "</html>",
  ].join("\n")}\n`;
}
