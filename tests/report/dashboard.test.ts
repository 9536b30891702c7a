import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { withBrowser } from "../../scripts/chromium.js";
import { runReport } from "./helpers.js";

/**
 * The dashboard opened in a real browser (Debian's chromium, headless): every chart renders with
 * the number of bars or cells the fixture implies, with accessible names and data tables, no
 * console errors and no request leaving the page; it fits an A4 page when printed. A screenshot
 * and a PDF are saved in test-output/ for a person to look at.
 */

const OUTPUT = join(import.meta.dirname, "..", "..", "test-output");

interface Chart {
  id: string;
  role: string | null;
  width: number;
  height: number;
  title: string;
  desc: string;
  table: number;
}

interface Summary {
  total: { inPool: number; villages: number };
  towns: { figures?: unknown; villages: number }[];
}

describe("the dashboard in a browser", () => {
  it("renders every chart, accessibly, offline, and prints on A4", async () => {
    const run = runReport(["--format", "html,json"]);
    expect(run.code).toBe(0);
    const summary = JSON.parse(readFileSync(join(run.out, "summary.json"), "utf8")) as Summary;
    const url = pathToFileURL(join(run.out, "dashboard.html")).href;
    mkdirSync(OUTPUT, { recursive: true });

    await withBrowser(async (context) => {
      const errors: string[] = [];
      const requests: string[] = [];
      await context.route("**/*", (route) => {
        const u = route.request().url();
        if (u === url) return route.continue();
        requests.push(u);
        return route.abort();
      });
      const page = await context.newPage();
      page.on("console", (m) => {
        if (m.type() === "error" || m.type() === "warning") errors.push(m.text());
      });
      page.on("pageerror", (e) => errors.push(e.message));
      await page.goto(url);
      // Page-side code is written as text: the project compiles without the DOM's types.
      const inPage = async <T>(expression: string) => (await page.evaluate(expression)) as T;

      const count = (selector: string) => page.locator(selector).count();
      // Quota status per town: one row per town with villages, one segment per non-empty status.
      expect(await count("#chart-quota g.row")).toBe(2);
      expect(await count("#chart-quota rect.seg")).toBe(4);
      // One cell per village with a quota, coloured by status, the in-pool count inside.
      expect(await count("#chart-coverage rect.cell")).toBe(summary.total.villages);
      const cells = await inPage<[string, number][]>(
        `[...document.querySelectorAll("#chart-coverage rect.cell")].map((e) => [e.getAttribute("data-status"), Number(e.getAttribute("data-value"))])`,
      );
      expect(cells).toEqual([
        ["below-target", 2],
        ["at-target", 3],
        ["above-target", 4],
        ["below-min", 0],
      ]);
      expect(await count("#chart-pyramid rect.bar")).toBe(8);
      expect(await count("#chart-education rect.bar")).toBe(7);
      expect(await count("#chart-source rect.bar")).toBe(7);
      expect(await count("#chart-training rect.bar")).toBe(5);
      expect(await count("#chart-funnel rect.bar")).toBe(6);
      expect(await count("#chart-grades rect.bar")).toBe(5);
      // Same numbers as the summary.
      const pyramid = await inPage<number>(
        `[...document.querySelectorAll("#chart-pyramid rect.bar")].reduce((n, e) => n + Number(e.getAttribute("data-value")), 0)`,
      );
      expect(pyramid).toBe(summary.total.inPool);
      expect(await page.locator(".kpi .v").first().textContent()).toBe(String(summary.total.inPool));

      // Every chart is drawn (has a size), is an image with a name and a description, and has a data table.
      const charts = await inPage<Chart[]>(`[...document.querySelectorAll("svg.chart")].map((svg) => {
        const box = svg.getBoundingClientRect();
        return {
          id: svg.id,
          role: svg.getAttribute("role"),
          width: box.width,
          height: box.height,
          title: document.getElementById(svg.getAttribute("aria-labelledby"))?.textContent ?? "",
          desc: document.getElementById(svg.getAttribute("aria-describedby"))?.textContent ?? "",
          table: svg.closest("figure")?.querySelectorAll("table.data tbody tr").length ?? 0,
        };
      })`);
      expect(charts.map((c) => c.id)).toEqual([
        "chart-quota",
        "chart-pyramid",
        "chart-coverage",
        "chart-education",
        "chart-source",
        "chart-training",
        "chart-funnel",
        "chart-grades",
      ]);
      for (const c of charts) {
        expect(c.role, c.id).toBe("img");
        expect(c.width, c.id).toBeGreaterThan(200);
        expect(c.height, c.id).toBeGreaterThan(20);
        expect(c.title.length, c.id).toBeGreaterThan(2);
        expect(c.desc.length, c.id).toBeGreaterThan(c.title.length);
        expect(c.table, c.id).toBeGreaterThan(0);
      }
      expect(await page.locator("html").getAttribute("lang")).toBe("zh-CN");
      await page.screenshot({ path: join(OUTPUT, "dashboard.png"), fullPage: true });

      // Printed on A4 (210 mm, 12 mm margins ≈ 703 CSS px): nothing wider than the page.
      await page.emulateMedia({ media: "print" });
      await page.setViewportSize({ width: 703, height: 1000 });
      const overflow = await inPage<number>("document.documentElement.scrollWidth - window.innerWidth");
      expect(overflow).toBeLessThanOrEqual(0);
      await page.pdf({ path: join(OUTPUT, "dashboard.pdf"), format: "A4", printBackground: true });

      expect(errors).toEqual([]);
      expect(requests).toEqual([]);
    });
  });
});
