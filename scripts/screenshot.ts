// `npm run screenshot`: renders the dashboard of the bundled sample library (data/) in Debian's
// chromium and saves docs/dashboard.png for the README. Deterministic: the report date is the end
// of the library's working year (or --date), and the page has no clock in it.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { loadLibrary } from "../src/io/load-library.js";
import { buildReport } from "../src/reports/build.js";
import { dashboardHtml } from "../src/reports/dashboard/html.js";
import { withBrowser } from "./chromium.js";

const root = new URL("..", import.meta.url).pathname;
const data = join(root, "data");
const out = join(root, "docs", "dashboard.png");

const loaded = loadLibrary(data, { today: "9999-12-31", cwd: root });
const errors = loaded.diagnostics.filter((d) => d.severity === "error");
if (!loaded.library || errors.length > 0) {
  console.error(`data/ has ${errors.length} errors; run reserve audit --data data`);
  process.exit(1);
}
const year = loaded.library.district.year;
const model = buildReport(loaded.library, { year, date: `${year}-12-31` });
const dir = mkdtempSync(join(tmpdir(), "reserve-screenshot-"));
const page = join(dir, "dashboard.html");
writeFileSync(page, dashboardHtml(model, "zh"));
mkdirSync(join(root, "docs"), { recursive: true });
await withBrowser(async (context) => {
  const tab = await context.newPage();
  await tab.goto(pathToFileURL(page).href);
  await tab.screenshot({ path: out, fullPage: true });
});
rmSync(dir, { recursive: true, force: true });
console.log(`wrote docs/dashboard.png (${model.total.inPool} reserves in ${model.total.villages} villages, ${year})`);
