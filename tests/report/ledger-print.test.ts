import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { withBrowser } from "../../scripts/chromium.js";
import type { Reserve, TrainingYear } from "../../src/domain/model.js";
import { idNumber, makeLibrary } from "../helpers/library.js";
import { fixtureDistrict, T1, V1, V4 } from "./fixture.js";
import { runReport } from "./helpers.js";
import { addMarkers, markPages, printedPages, type PrintedPage } from "../../scripts/pdf-pages.js";

/**
 * The village books (一村一册 with every person's 一人一档) printed by Debian's chromium: the
 * register across an A4 page, each person's file upright and starting a new page, no table row
 * split over two pages, a long table's header repeated on every page it runs onto; the print
 * buttons print the book or one file alone; nothing is loaded from elsewhere and the one script
 * runs under the page's Content-Security-Policy. The PDFs are kept in test-output/ to look at.
 *
 * The library is a large village, as a township that kept every applicant on its books has: 28
 * reserves with one to seven mentors (rows of the register one to seven lines tall), and a reserve of another village who attended 36 sessions in
 * two years, so that tables run over several pages.
 */

const OUTPUT = join(import.meta.dirname, "..", "..", "test-output");

const TITLES = [
  "学习贯彻党的十九届五中全会精神专题培训",
  "村级组织建设与“四议两公开”工作法",
  "乡村振兴政策解读",
  "枸杞种植与滩羊养殖实用技术",
];

function year(y: number, n: number): TrainingYear {
  return {
    year: y,
    sessions: Array.from({ length: n }, (_, i) => ({
      id: `${y}-${String(i + 1).padStart(2, "0")}`,
      date: `${y}-${String(Math.floor(i / 2) + 1).padStart(2, "0")}-${i % 2 === 0 ? "10" : "24"}`,
      title: TITLES[i % TITLES.length]!,
      level: i % 3 === 0 ? "区级" : "镇级",
      ...(i % 3 === 0 ? {} : { unit: T1 }),
      topics: ["政治理论"],
      hours: 4,
    })),
  };
}

const MENTORS: NonNullable<Reserve["mentors"]> = [
  { name: "李书记", role: "乡镇领导干部", mode: "多带一", from: "2021-01-05" },
  { name: "张主任", role: "包村干部", mode: "多带一", from: "2021-03-01" },
  { name: "周书记", role: "驻村第一书记", mode: "多带一", from: "2021-03-01" },
  { name: "马支书", role: "村“两委”成员", mode: "多带一", from: "2021-04-01" },
  { name: "杨委员", role: "村“两委”成员", mode: "多带一", from: "2021-04-01" },
  { name: "何主任", role: "乡镇领导干部", mode: "多带一", from: "2021-05-01" },
  { name: "韩书记", role: "包村干部", mode: "多带一", from: "2021-06-01" },
];

function reserve(village: string, n: number, fields: Partial<Reserve> = {}): Reserve {
  const woman = n % 2 === 0;
  return {
    id: `${village}-${String(n).padStart(2, "0")}`,
    name: `${woman ? "马" : "王"}${"一二三四五六七八九十"[n % 10]}${"甲乙丙丁"[n % 4]}`,
    gender: woman ? "女" : "男",
    ethnicity: n % 3 === 0 ? "回族" : "汉族",
    id_number: idNumber("640502", `19${80 + (n % 15)}0${(n % 9) + 1}15`, woman ? n * 2 : n * 2 + 1),
    phone: `1390000${String(n).padStart(4, "0")}`,
    education: "高中",
    political_status: "中共党员",
    source: "外出务工人员",
    intake: "内选",
    selection: { survey: "2020-10-10", township: "2020-11-10", county: "2020-12-10" },
    entry_date: "2020-12-10",
    status: "在库",
    status_changes: [{ status: "在库", date: "2020-12-10", reason: "县级审核通过" }],
    target_post: "村“两委”委员",
    mentors: MENTORS.slice(0, 1 + (n % MENTORS.length)),
    posts: [{ post: "村民小组长", from: "2021-03-01" }],
    trainings: ["2021-01", "2021-04", "2021-07"],
    ...fields,
  };
}

function bigLibrary(): string {
  const sessions2021 = year(2021, 24);
  const sessions2020 = year(2020, 12);
  const everything = [...sessions2020.sessions, ...sessions2021.sessions].map((s) => s.id);
  return makeLibrary({
    district: fixtureDistrict(),
    books: {
      [V1]: Array.from({ length: 28 }, (_, i) => reserve(V1, i + 1)),
      [V4]: [reserve(V4, 1, { trainings: everything.filter((id) => !id.endsWith("-02") || id.startsWith("2020")) })],
    },
    trainings: [sessions2020, sessions2021],
  });
}

const run = runReport(["--format", "html"], { lib: bigLibrary() });
const bookOf = (town: string, village: string) => join(run.out, "villages", town, `${village}.html`);

interface Opened {
  readonly page: Page;
  readonly errors: string[];
  readonly requests: string[];
}

async function open(file: string, fn: (o: Opened) => Promise<void>): Promise<void> {
  const url = pathToFileURL(file).href;
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
    await fn({ page, errors, requests });
  });
}

async function print(page: Page, name: string): Promise<PrintedPage[]> {
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  mkdirSync(OUTPUT, { recursive: true });
  writeFileSync(join(OUTPUT, name), pdf);
  return printedPages(pdf);
}

/** Section of a marker (`<section>/…`): 0 is the village's register page, 1… the persons' files. */
const sectionOf = (mark: string) => Number(mark.split("/")[0]);
const landscape = (p: PrintedPage) => p.width > p.height;

describe("the village book printed", () => {
  it("was written", () => {
    expect(run.code).toBe(0);
  });

  it("prints on A4: the register across, each file upright on a new page, no row split, headers repeated", async () => {
    await open(bookOf("640502100-滨河镇", "640502100201-沙坡村"), async ({ page, errors, requests }) => {
      await addMarkers(page);
      const pages = await print(page, "village-book.pdf");
      const where = markPages(pages);
      for (const p of pages)
        expect([Math.round(Math.min(p.width, p.height)), Math.round(Math.max(p.width, p.height))]).toEqual([595, 842]);

      // Every table row begins and ends on the same page.
      const rows = [...where.keys()].filter((m) => m.endsWith("/top"));
      expect(rows.length).toBeGreaterThan(28 * 10);
      for (const top of rows) {
        const bottom = top.replace(/top$/, "bottom");
        expect(where.get(top), top).toHaveLength(1);
        expect(where.get(bottom), bottom).toEqual(where.get(top));
      }

      // Every page a table's rows are on shows the table's header (the field lists have none).
      const headed = new Set(
        await page.evaluate<string[]>(
          `[...document.querySelectorAll("section.sheet")].flatMap((s, si) => [...s.querySelectorAll("table")].flatMap((t, ti) => t.tHead ? [si + "/" + ti] : []))`,
        ),
      );
      expect(headed.size).toBeGreaterThan(28 * 4);
      const tables = new Map<string, Set<number>>();
      for (const top of rows) {
        const t = top.split("/").slice(0, 2).join("/");
        tables.set(t, new Set([...(tables.get(t) ?? []), ...where.get(top)!]));
      }
      const long = [...tables].filter(([, on]) => on.size > 1).map(([t]) => t);
      expect(long).toContain("0/0"); // the register runs over more than one page
      for (const [t, on] of tables) if (headed.has(t)) expect(new Set(where.get(`${t}/head`)), t).toEqual(on);

      // The register page(s) across the page, the persons' files upright.
      const sections = 1 + 28;
      for (let s = 0; s < sections; s++) {
        const on = pages.filter((p) => p.marks.some((m) => sectionOf(m) === s));
        expect(on.length, `section ${s}`).toBeGreaterThan(0);
        for (const p of on) expect(landscape(p), `section ${s}`).toBe(s === 0);
      }
      // Each file starts a page of its own: nothing of the sections before it on that page or later.
      for (let s = 1; s < sections; s++) {
        const first = where.get(`${s}/title`)![0]!;
        const before = [...where].filter(([m]) => sectionOf(m) < s).flatMap(([, on]) => on);
        const own = [...where].filter(([m]) => sectionOf(m) === s).flatMap(([, on]) => on);
        expect(Math.max(...before), `file ${s}`).toBeLessThan(first);
        expect(Math.min(...own), `file ${s}`).toBe(first);
      }
      expect(errors).toEqual([]);
      expect(requests).toEqual([]);
    });
  });

  it("repeats the header of a person's long table on each page, without splitting a row", async () => {
    await open(bookOf("640502101-文昌镇", "640502101201-红泉村"), async ({ page }) => {
      await addMarkers(page);
      const pages = await print(page, "person-long.pdf");
      const where = markPages(pages);
      // The trainings table of the one file (section 1): 35 sessions attended.
      const trainings = await page.evaluate<number>(
        `[...document.querySelectorAll("section.person table")].findIndex((t) => t.querySelectorAll("tbody tr").length === 35)`,
      );
      expect(trainings).toBeGreaterThan(0);
      const on = new Set(
        [...where].filter(([m]) => m.startsWith(`1/${trainings}/`) && m.endsWith("/top")).flatMap(([, p]) => p),
      );
      expect(on.size).toBeGreaterThan(1);
      expect(new Set(where.get(`1/${trainings}/head`))).toEqual(on);
      for (const [m, p] of where) if (m.endsWith("/top")) expect(where.get(m.replace(/top$/, "bottom")), m).toEqual(p);
    });
  });

  it("prints the whole book, or one person's file alone, with one click", async () => {
    await open(bookOf("640502100-滨河镇", "640502100201-沙坡村"), async ({ page, errors }) => {
      await addMarkers(page);
      // The browser's print dialog is replaced by a note of what was printed.
      await page.evaluate(`window.printed = []; window.print = () => window.printed.push(document.body.className)`);
      const printed = () => page.evaluate<string[]>("window.printed");

      await page.getByRole("button", { name: "打印此人档案" }).nth(4).click();
      expect(await printed()).toEqual(["print-one"]);
      const one = await print(page, "one-file.pdf");
      expect(one.length).toBeGreaterThan(0);
      const shown = new Set(one.flatMap((p) => p.marks.map(sectionOf)));
      expect([...shown]).toEqual([5]);
      expect(one.every((p) => !landscape(p))).toBe(true);

      // After the dialog closes the page is the whole book again.
      await page.evaluate(`dispatchEvent(new Event("afterprint"))`);
      await page.getByRole("button", { name: "打印本册" }).click();
      expect(await printed()).toEqual(["print-one", ""]);
      const all = await print(page, "whole-book.pdf");
      expect(new Set(all.flatMap((p) => p.marks.map(sectionOf))).size).toBe(29);
      expect(errors).toEqual([]);
    });
  });
});
