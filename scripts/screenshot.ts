// `npm run screenshot`: renders the bundled sample library (data/) in Debian's chromium and saves
// docs/dashboard.png (the dashboard) and docs/ledger-register.png, docs/ledger-person.png (two
// printed pages of a village's book: its register, across the page, and the first person's file).
// The book is printed to PDF exactly as an office prints it and the pages are shown by chromium's
// own PDF viewer. Deterministic: the report date is the end of the library's working year (or
// --date), and the pages have no clock in them.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { loadLibrary } from "../src/io/load-library.js";
import { buildReport } from "../src/reports/build.js";
import { dashboardHtml } from "../src/reports/dashboard/html.js";
import { villageBookHtml } from "../src/reports/ledger-html.js";
import { peopleOfVillage } from "../src/reports/model-index.js";
import { personDoc } from "../src/reports/person.js";
import { withBrowser } from "./chromium.js";
import { printedPages } from "./pdf-pages.js";

const root = new URL("..", import.meta.url).pathname;
const data = join(root, "data");
const docs = join(root, "docs");

const loaded = loadLibrary(data, { today: "9999-12-31", cwd: root });
const errors = loaded.diagnostics.filter((d) => d.severity === "error");
if (!loaded.library || errors.length > 0) {
  console.error(`data/ has ${errors.length} errors; run reserve audit --data data`);
  process.exit(1);
}
const year = loaded.library.district.year;
const model = buildReport(loaded.library, { year, date: `${year}-12-31` });
// The book of the first village with a full register: at the target, every reserve in the pool.
const village =
  model.villages.find((v) => v.quotaStatus === "at-target" && v.figures.pending === 0) ?? model.villages[0]!;
const people = peopleOfVillage(model, village.code);
const docsOf = people.map((p) => ({ id: p.reserve.id, doc: personDoc(model, p, "zh") }));

const dir = mkdtempSync(join(tmpdir(), "reserve-screenshot-"));
const dashboard = join(dir, "dashboard.html");
const book = join(dir, "book.html");
const pdf = join(dir, "book.pdf");
writeFileSync(dashboard, dashboardHtml(model, "zh"));
writeFileSync(book, villageBookHtml(model, village, docsOf, "zh"));
mkdirSync(docs, { recursive: true });
await withBrowser(async (context) => {
  const tab = await context.newPage();
  await tab.goto(pathToFileURL(dashboard).href);
  await tab.screenshot({ path: join(docs, "dashboard.png"), fullPage: true });
  await tab.goto(pathToFileURL(book).href);
  const pages = printedPages(await tab.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true }));
  // The register is printed across the page; the first person's file is the first upright page.
  const firstFile = pages.findIndex((p) => p.height > p.width) + 1;
  const shots: [string, number, { width: number; height: number }][] = [
    ["ledger-register.png", 1, { width: 1000, height: 720 }],
    ["ledger-person.png", firstFile, { width: 720, height: 1000 }],
  ];
  for (const [name, page, size] of shots) {
    // A new tab for each: the viewer reads the page number only when it opens the document.
    const viewer = await context.newPage();
    await viewer.setViewportSize(size);
    await viewer.goto(`${pathToFileURL(pdf).href}#page=${page}&toolbar=0&navpanes=0&view=Fit`);
    // The viewer draws the page after the document has loaded.
    await viewer.waitForTimeout(2000);
    await viewer.screenshot({ path: join(docs, name) });
    await viewer.close();
  }
});
rmSync(dir, { recursive: true, force: true });
console.log(
  `wrote docs/dashboard.png (${model.total.inPool} reserves in ${model.total.villages} villages, ${year}), ` +
    `docs/ledger-register.png and docs/ledger-person.png (${village.townName} ${village.name})`,
);
