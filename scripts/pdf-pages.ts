import type { Page } from "playwright-core";

/**
 * Where things land on the printed pages of an HTML page, as Chromium prints it. Markers are
 * links (`https://m/<section>/<table>/<row>/top|bottom`, `…/<table>/head`, `…/title`) placed
 * at the top and bottom edge of each table row's first cell, in each table's header and in each
 * section's title, without changing the layout; Chromium writes every link of a printed page as a
 * link annotation of that page (a repeated table header carries its link onto every page), so the
 * PDF tells on which pages each row begins and ends.
 */

export const MARK = "https://m/";

/** Adds the markers to the page (page-side code is written as text: the project compiles without the DOM's types). */
export async function addMarkers(page: Page): Promise<void> {
  await page.evaluate(`(() => {
    const style = document.createElement("style");
    style.textContent = "td,th{position:relative} h1{position:relative} a.mark{position:absolute;left:0;width:3px;height:3px;display:block}";
    document.head.append(style);
    const mark = (parent, href, edge) => {
      const a = document.createElement("a");
      a.className = "mark";
      a.href = "${MARK}" + href;
      a.style[edge] = "0";
      parent.append(a);
    };
    document.querySelectorAll("section.sheet").forEach((section, si) => {
      mark(section.querySelector("h1"), si + "/title", "top");
      section.querySelectorAll("table").forEach((table, ti) => {
        const head = table.querySelector("thead th");
        if (head) mark(head, si + "/" + ti + "/head", "top");
        table.querySelectorAll("tbody tr").forEach((tr, ri) => {
          mark(tr.firstElementChild, si + "/" + ti + "/" + ri + "/top", "top");
          mark(tr.firstElementChild, si + "/" + ti + "/" + ri + "/bottom", "bottom");
        });
      });
    });
  })()`);
}

export interface PrintedPage {
  /** Width and height in points (A4 upright: 595 × 842). */
  readonly width: number;
  readonly height: number;
  /** The markers on the page (without the prefix). */
  readonly marks: readonly string[];
}

/** The pages of a PDF written by Chromium (Skia): page objects in order, their size and link annotations. */
export function printedPages(pdf: Buffer): PrintedPage[] {
  const text = pdf.toString("latin1");
  const objects = new Map<string, string>();
  for (const m of text.matchAll(/(\d+) 0 obj\n([\s\S]*?)\nendobj/g)) objects.set(m[1]!, m[2]!);
  const catalog = [...objects.values()].find((o) => o.includes("/Type /Catalog"));
  const root = catalog === undefined ? undefined : /\/Pages (\d+) 0 R/.exec(catalog)?.[1];
  if (root === undefined) throw new Error("no page tree in the PDF");
  const refs = (list: string | undefined) => [...(list ?? "").matchAll(/(\d+) 0 R/g)].map((m) => m[1]!);
  // Skia groups the pages under intermediate /Pages nodes: the leaves, in order, are the pages.
  const leaves = (id: string): string[] => {
    const node = objects.get(id) ?? "";
    return /\/Type \/Pages\b/.test(node) ? refs(/\/Kids \[([^\]]*)\]/.exec(node)?.[1]).flatMap(leaves) : [id];
  };
  return leaves(root).map((id) => {
    const page = objects.get(id)!;
    const box = /\/MediaBox \[([^\]]*)\]/.exec(page)![1]!.trim().split(/\s+/).map(Number);
    const marks = refs(/\/Annots \[([^\]]*)\]/.exec(page)?.[1])
      .map((a) => /\/URI \(([^)]*)\)/.exec(objects.get(a) ?? "")?.[1] ?? "")
      .filter((u) => u.startsWith(MARK))
      .map((u) => u.slice(MARK.length));
    return { width: box[2]! - box[0]!, height: box[3]! - box[1]!, marks };
  });
}

/** The pages (1-based) each marker is on. */
export function markPages(pages: readonly PrintedPage[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  pages.forEach((p, i) => {
    for (const m of p.marks) out.set(m, [...(out.get(m) ?? []), i + 1]);
  });
  return out;
}
