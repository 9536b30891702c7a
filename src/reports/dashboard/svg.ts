import { html } from "../format.js";

/**
 * Small SVG building blocks for the dashboard's charts. Every chart is drawn here, from numbers, with
 * no script and no library: the page stays self-contained, prints as it shows, and the same report
 * gives the same bytes. Text is escaped; coordinates are rounded to a tenth of a pixel.
 */

export const FONT = 12;

/** A coordinate or length rounded to 0.1 px, written without trailing zeros. */
export function px(n: number): string {
  return String(Math.round(n * 10) / 10);
}

/** Approximate width of a label: CJK and full-width characters one em, others about half. */
export function textWidth(s: string, size = FONT): number {
  let w = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    w += cp >= 0x2e80 ? size : cp === 0x20 ? size * 0.3 : size * 0.58;
  }
  return w;
}

export interface TextOptions {
  readonly anchor?: "start" | "middle" | "end";
  readonly size?: number;
  readonly fill?: string;
  readonly weight?: "bold";
  readonly cls?: string;
}

export function text(x: number, y: number, s: string, o: TextOptions = {}): string {
  const attrs = [
    `x="${px(x)}"`,
    `y="${px(y)}"`,
    o.anchor && o.anchor !== "start" ? `text-anchor="${o.anchor}"` : "",
    o.size && o.size !== FONT ? `font-size="${o.size}"` : "",
    o.fill ? `fill="${o.fill}"` : "",
    o.weight ? `font-weight="${o.weight}"` : "",
    o.cls ? `class="${o.cls}"` : "",
  ].filter(Boolean);
  return `<text ${attrs.join(" ")}>${html(s)}</text>`;
}

/** A rectangle; `tip` becomes a <title> (a tooltip, and the element's accessible name). */
export function rect(
  x: number,
  y: number,
  w: number,
  h: number,
  fill: string,
  o: { cls?: string; tip?: string; rx?: number; data?: Record<string, string | number> } = {},
): string {
  const attrs = [
    o.cls ? `class="${o.cls}"` : "",
    `x="${px(x)}"`,
    `y="${px(y)}"`,
    `width="${px(Math.max(0, w))}"`,
    `height="${px(Math.max(0, h))}"`,
    o.rx ? `rx="${o.rx}"` : "",
    `fill="${fill}"`,
    ...Object.entries(o.data ?? {}).map(([k, v]) => `data-${k}="${html(v)}"`),
  ].filter(Boolean);
  return o.tip ? `<rect ${attrs.join(" ")}><title>${html(o.tip)}</title></rect>` : `<rect ${attrs.join(" ")}/>`;
}

export function line(x1: number, y1: number, x2: number, y2: number, stroke = "#c8ced6"): string {
  return `<line x1="${px(x1)}" y1="${px(y1)}" x2="${px(x2)}" y2="${px(y2)}" stroke="${stroke}"/>`;
}

/**
 * An accessible chart: role="img" with the title as its name and the description as its
 * description (both also inside the SVG as <title>/<desc>).
 */
export function svg(id: string, width: number, height: number, title: string, desc: string, body: string[]): string {
  return [
    `<svg id="${id}" class="chart" viewBox="0 0 ${px(width)} ${px(height)}" width="${px(width)}" height="${px(height)}" role="img" aria-labelledby="${id}-title" aria-describedby="${id}-desc" aria-label="${html(title)}" font-size="${FONT}" fill="#333">`,
    `<title id="${id}-title">${html(title)}</title>`,
    `<desc id="${id}-desc">${html(desc)}</desc>`,
    ...body,
    `</svg>`,
  ].join("\n");
}

export interface Bar {
  readonly label: string;
  readonly value: number;
  /** Shown at the bar's end, e.g. "12（30.0%）". */
  readonly note: string;
  readonly color: string;
}

/** Horizontal bars, one row each, labels on the left, values on the right. */
export function barChart(id: string, title: string, desc: string, bars: readonly Bar[], width = 560): string {
  const rowH = 24;
  const top = 8;
  const labelW = Math.max(60, ...bars.map((b) => textWidth(b.label))) + 12;
  const noteW = Math.max(40, ...bars.map((b) => textWidth(b.note))) + 12;
  const plotW = width - labelW - noteW;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const height = top * 2 + rowH * bars.length;
  const body: string[] = [];
  bars.forEach((b, i) => {
    const y = top + i * rowH;
    const w = (plotW * b.value) / max;
    body.push(
      text(labelW - 8, y + rowH / 2 + 4, b.label, { anchor: "end" }),
      rect(labelW, y + 4, w, rowH - 8, b.color, { cls: "bar", tip: `${b.label} ${b.note}`, data: { value: b.value } }),
      text(labelW + w + 6, y + rowH / 2 + 4, b.note, { fill: "#444" }),
    );
  });
  body.unshift(line(labelW, top, labelW, height - top));
  return svg(id, width, height, title, desc, body);
}

/** A legend as HTML (keeps the SVGs simple and wraps on narrow screens). */
export function legend(items: readonly { label: string; color: string }[]): string {
  return `<ul class="legend">${items
    .map((i) => `<li><span class="swatch" style="background:${i.color}"></span>${html(i.label)}</li>`)
    .join("")}</ul>`;
}

/** A data table: the chart's numbers for screen readers, copying and checking. */
export function dataTable(
  caption: string,
  header: readonly string[],
  rows: readonly (readonly (string | number)[])[],
): string {
  const head = `<tr>${header.map((h) => `<th scope="col">${html(h)}</th>`).join("")}</tr>`;
  const body = rows
    .map(
      (r) =>
        `<tr>${r.map((c, i) => (i === 0 ? `<th scope="row">${html(c)}</th>` : `<td>${html(c)}</td>`)).join("")}</tr>`,
    )
    .join("\n");
  return `<details><summary>${html(caption)}</summary>\n<table class="data">\n<thead>${head}</thead>\n<tbody>\n${body}\n</tbody>\n</table>\n</details>`;
}
