import { html } from "./format.js";

/**
 * The look the report's HTML pages share (the dashboard and the printable ledgers): colours,
 * the Chinese font stack, the page title, its date line and the personal-data notice.
 */
export const BASE_CSS = `
:root{color-scheme:light;--ink:#1f2933;--muted:#5f6b7a;--line:#e3e7ec;--card:#fff;--bg:#f4f6f9}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);font:14px/1.5 "PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Micro Hei",sans-serif}
header{padding:20px 28px 8px}
h1{font-size:22px;margin:0 0 4px}
.meta{color:var(--muted);margin:0}
.notice{margin:8px 0 0;padding:6px 10px;border-left:4px solid #9aa3ae;background:#fff;color:var(--muted);font-size:13px}
.notice.reveal{border-color:#d64541;color:#8a1f1b;background:#fdecea;font-weight:bold}
`.trim();

/**
 * The opening of every report page up to `<body>`: a page with no request to anywhere (the
 * Content-Security-Policy allows its own style and, for the printable books, its one script by hash).
 */
export function pageHead(o: { lang: string; title: string; css: string; scriptHash?: string }): string[] {
  const script = o.scriptHash === undefined ? "" : `; script-src '${o.scriptHash}'`;
  return [
    "<!doctype html>",
    `<html lang="${o.lang}">`,
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'${script}">`,
    '<meta name="generator" content="reserve">',
    `<title>${html(o.title)}</title>`,
    `<style>\n${o.css}\n</style>`,
    "</head>",
    "<body>",
  ];
}
