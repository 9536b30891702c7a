import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { Writable } from "node:stream";
import { fileURLToPath, pathToFileURL } from "node:url";
import { main } from "../../src/cli/main.js";
import { DIAGNOSTIC_CODES, type DiagnosticCode } from "../../src/diagnostics/codes.js";
import type { Severity } from "../../src/diagnostics/diagnostic.js";
import type { CaseFile, CatalogueCase, Unreproduced } from "./case.js";

/**
 * Builds the error catalogue (docs/errors.md): every diagnostic code, area by area as
 * src/diagnostics/codes/*.ts lists them, with its reproducer case run through the real program
 * (in-process, no colour, fixed clock) so that the messages shown are the ones users see.
 */

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, "..", "..");
const CODES_DIR = join(ROOT, "src", "diagnostics", "codes");

/**
 * Areas whose every code must have a reproducer (or a reason why not); codes of other areas without
 * one are listed as such. An area joins this list when its cases are written.
 */
export const COMPLETE_AREAS: readonly string[] = ["core", "import", "rules", "cycle"];

/** The clock of every reproducer: the end of the fixtures' working year, in China. */
const NOW = "2021-12-31T12:00:00+08:00";

export interface Area {
  /** The codes file's name: core, rules, import… */
  readonly name: string;
  /** The first sentence of the doc comment on the area's codes. */
  readonly title: string;
  readonly codes: readonly { code: DiagnosticCode; severity: Severity; group: string }[];
}

/** Every area in src/diagnostics/codes/, in the order their codes appear in the code list. */
export async function loadAreas(): Promise<Area[]> {
  const areas: Area[] = [];
  for (const file of readdirSync(CODES_DIR)
    .filter((f) => f.endsWith(".ts"))
    .sort()) {
    const module = (await import(pathToFileURL(join(CODES_DIR, file)).href)) as Record<string, unknown>;
    const exported = Object.entries(module).find(([name]) => name.endsWith("_CODES"));
    if (!exported) continue;
    const severities = exported[1] as Record<DiagnosticCode, Severity>;
    const source = readFileSync(join(CODES_DIR, file), "utf8");
    const doc = new RegExp(`/\\*\\*([\\s\\S]*?)\\*/\\s*export const ${exported[0]}`).exec(source)?.[1] ?? "";
    const text = doc
      .split("\n")
      .map((l) => l.replace(/^\s*\*\s?/, "").trim())
      .join(" ")
      .trim();
    const title = (/^(.*?[.)])(\s|$)/.exec(text)?.[1] ?? text).replace(/\.$/, "");
    // Group headings are the `// …` comments above the codes in the source.
    const groups = new Map<string, string>();
    let group = "";
    for (const line of source.split("\n")) {
      const heading = /^\s*\/\/\s*(.+)$/.exec(line);
      if (heading) group = heading[1]!.trim();
      const code = /^\s*"([a-z0-9-]+)":/.exec(line);
      if (code) groups.set(code[1]!, group);
    }
    const codes = (Object.keys(severities) as DiagnosticCode[]).map((code) => ({
      code,
      severity: severities[code],
      group: groups.get(code) ?? "",
    }));
    areas.push({ name: basename(file, ".ts"), title, codes });
  }
  const position = (a: Area) => (a.codes.length === 0 ? Infinity : DIAGNOSTIC_CODES.indexOf(a.codes[0]!.code));
  return areas.sort((a, b) => position(a) - position(b) || (a.name < b.name ? -1 : 1));
}

/** Every `*.cases.ts` file next to this one. */
export async function loadCases(): Promise<{ cases: CatalogueCase[]; unreproduced: Unreproduced[] }> {
  const cases: CatalogueCase[] = [];
  const unreproduced: Unreproduced[] = [];
  for (const file of readdirSync(HERE)
    .filter((f) => f.endsWith(".cases.ts"))
    .sort()) {
    const module = (await import(pathToFileURL(join(HERE, file)).href)) as Partial<CaseFile>;
    cases.push(...(module.cases ?? []));
    unreproduced.push(...(module.unreproduced ?? []));
  }
  return { cases, unreproduced };
}

class Capture extends Writable {
  text = "";
  override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

/** One language's rendering of a finding: the whole output line, the message and the hint. */
export interface Shown {
  readonly line: string;
  readonly message: string;
  readonly hint: string;
}

export interface Reproduced {
  readonly case: CatalogueCase;
  readonly severity: Severity;
  /** Where the finding points (`file:line:col`), and the lines of that file around it. */
  readonly location?: string;
  readonly excerpt?: { readonly file: string; readonly lines: readonly { n: number; text: string; mark: boolean }[] };
  readonly zh: Shown;
  readonly en: Shown;
}

const SEVERITY_WORDS: Record<string, Severity> = { 错误: "error", 警告: "warning", error: "error", warning: "warning" };

/** Finds the finding with `code` in the program's output (stdout and stderr, as `formatFinding` writes it). */
function findIn(output: string, code: string): (Shown & { location: string; severity: Severity }) | undefined {
  const lines = output.split("\n");
  const pattern = new RegExp(`^(\\S+)(?: \\[[^\\]]*\\])? (错误|警告|error|warning) ${code} (.*)$`);
  for (let i = 0; i < lines.length; i++) {
    const m = pattern.exec(lines[i]!);
    if (!m) continue;
    const hint = (lines[i + 1] ?? "").replace(/^\s+(提示：|hint: )/, "");
    return { line: lines[i]!, message: m[3]!, hint, location: m[1]!, severity: SEVERITY_WORDS[m[2]!]! };
  }
  return undefined;
}

async function runIn(dir: string, args: readonly string[], lang: "zh" | "en"): Promise<string> {
  const stdout = new Capture();
  const stderr = new Capture();
  const env = { NO_COLOR: "1", RESERVE_LANG: lang, RESERVE_USER: "catalogue", RESERVE_NOW: NOW, PATH: "" };
  const saved = process.env.RESERVE_NOW;
  process.env.RESERVE_NOW = NOW;
  try {
    await main(args, env, dir, { stdout, stderr });
  } finally {
    if (saved === undefined) delete process.env.RESERVE_NOW;
    else process.env.RESERVE_NOW = saved;
  }
  return `${stdout.text}\n${stderr.text}`;
}

const MAX_EXCERPT_WIDTH = 100;

function excerptOf(dir: string, location: string): Reproduced["excerpt"] {
  const m = /^(.+):(\d+):(\d+)$/.exec(location);
  if (!m) return undefined;
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(readFileSync(join(dir, m[1]!)));
  } catch {
    return undefined;
  }
  const all = text.split("\n");
  const at = Number(m[2]);
  const from = Math.max(1, at - 3);
  const to = Math.min(all.length, at + 3);
  const lines = [];
  for (let n = from; n <= to; n++) {
    const raw = all[n - 1]!.replace(/\r$/, "");
    const cut = [...raw].length > MAX_EXCERPT_WIDTH ? `${[...raw].slice(0, MAX_EXCERPT_WIDTH).join("")}…` : raw;
    if (n === to && cut === "" && n !== at) continue;
    lines.push({ n, text: cut, mark: n === at });
  }
  return { file: m[1]!, lines };
}

/** Runs a case in a fresh folder, in Chinese and in English; undefined when the code does not show. */
export async function reproduce(c: CatalogueCase): Promise<Reproduced | undefined> {
  const dir = mkdtempSync(join(tmpdir(), "reserve-catalogue-"));
  try {
    c.setup(dir);
    const zh = findIn(await runIn(dir, c.args, "zh"), c.code);
    const en = findIn(await runIn(dir, c.args, "en"), c.code);
    if (!zh || !en) return undefined;
    const excerpt = excerptOf(dir, zh.location);
    return {
      case: c,
      severity: zh.severity,
      location: zh.location,
      ...(excerpt && { excerpt }),
      zh: { line: zh.line, message: zh.message, hint: zh.hint },
      en: { line: en.line, message: en.message, hint: en.hint },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface Catalogue {
  readonly markdown: string;
  /** What keeps the catalogue from being complete and true; empty when all is well. */
  readonly problems: readonly string[];
}

const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");
const fence = (lang: string, body: string) => `\`\`\`${lang}\n${body}\n\`\`\``;

/** Runs every case and writes the catalogue. */
export async function buildCatalogue(): Promise<Catalogue> {
  const areas = await loadAreas();
  const { cases, unreproduced } = await loadCases();
  const problems: string[] = [];
  const known = new Set<string>(DIAGNOSTIC_CODES);
  const byCode = new Map<string, CatalogueCase>();
  for (const c of cases) {
    if (!known.has(c.code)) problems.push(`a case for ${c.code}, which is not a diagnostic code`);
    else if (byCode.has(c.code)) problems.push(`two cases for ${c.code}`);
    byCode.set(c.code, c);
  }
  const skipped = new Map(unreproduced.map((u) => [u.code as string, u]));
  const reproduced = new Map<string, Reproduced>();
  for (const c of byCode.values()) {
    const r = await reproduce(c);
    if (r) reproduced.set(c.code, r);
    else problems.push(`the case for ${c.code} does not produce it (reserve ${c.args.join(" ")})`);
  }

  const out: string[] = [];
  out.push("# Error catalogue");
  out.push("");
  out.push(
    "<!-- Generated by `npm run errors` (scripts/generate-error-catalogue.ts) from the reproducer cases in tests/catalogue/*.cases.ts. Do not edit by hand: tests/catalogue/catalogue.test.ts fails when this page is stale. -->",
  );
  out.push("");
  out.push(
    "Every problem `reserve` reports has a stable code. This page lists them all, area by area: what the code means, a minimal reproducer (the situation, the command, and the lines of the file the finding points at), the exact message in Chinese and in English as the reproducer prints it, and how to fix it (the hint printed under the message). Severities are the defaults; `reserve audit --strict` turns warnings into errors. The JSON output (`--format json`) carries the same code, severity, place and wording.",
  );
  out.push("");
  out.push(
    "Reproducers of library problems start from a small clean library — 沙坡头区 with 滨河镇 (沙坡村, 黄河村, and 新墩村 merged into 黄河村) and 文昌镇 (红泉村, 文昌社区), three compliant reserves in each active village, the default policy, the twelve 2021 training sessions (tests/helpers/library.ts) — in the folder `data`, change one thing, and run the command in the folder above it, on 2021-12-31.",
  );
  out.push("");
  out.push("| Area | Codes | Reproduced |");
  out.push("|---|---|---|");
  for (const a of areas) {
    const n = a.codes.filter((c) => reproduced.has(c.code)).length;
    out.push(`| [${cell(a.title)}](#${a.name}) | ${a.codes.length} | ${n} |`);
  }
  for (const area of areas) {
    const complete = COMPLETE_AREAS.includes(area.name);
    out.push("");
    out.push(`<a id="${area.name}"></a>`);
    out.push("");
    out.push(`## ${area.title}`);
    out.push("");
    out.push(`Codes in \`src/diagnostics/codes/${area.name}.ts\`.`);
    if (area.codes.length === 0) {
      out.push("");
      out.push("No codes yet.");
      continue;
    }
    out.push("");
    out.push("| Code | Severity | Meaning |");
    out.push("|---|---|---|");
    for (const { code, severity } of area.codes) {
      const meaning = byCode.get(code)?.meaning ?? skipped.get(code)?.meaning ?? "(no reproducer yet)";
      out.push(`| [\`${code}\`](#${code}) | ${severity} | ${cell(meaning)} |`);
    }
    let group = "";
    for (const { code, severity, group: g } of area.codes) {
      if (g !== group && g !== "") {
        group = g;
        out.push("");
        out.push(`### ${g}`);
      }
      out.push("");
      out.push(`<a id="${code}"></a>`);
      out.push("");
      out.push(`#### \`${code}\``);
      out.push("");
      const r = reproduced.get(code);
      const skip = skipped.get(code);
      if (!r) {
        if (skip) out.push(`**${severity}** — ${skip.meaning} No reproducer: ${skip.why}.`);
        else {
          out.push(`**${severity}** — no reproducer yet.`);
          if (complete) problems.push(`${code} (${area.name}) has no reproducer case`);
        }
        continue;
      }
      if (r.severity !== severity) problems.push(`${code} printed as ${r.severity}, but its default is ${severity}`);
      out.push(`**${severity}** — ${r.case.meaning}`);
      out.push("");
      out.push(`Reproducer: ${r.case.reproducer}.`);
      out.push("");
      out.push(fence("console", `$ reserve ${r.case.args.join(" ")}`));
      if (r.excerpt) {
        out.push("");
        out.push(`\`${r.excerpt.file}\`:`);
        out.push("");
        const width = String(r.excerpt.lines[r.excerpt.lines.length - 1]!.n).length;
        out.push(
          fence(
            "text",
            r.excerpt.lines.map((l) => `${l.mark ? ">" : " "}${String(l.n).padStart(width)} | ${l.text}`).join("\n"),
          ),
        );
      }
      out.push("");
      out.push("Output:");
      out.push("");
      out.push(fence("text", `${r.zh.line}\n${r.en.line}`));
      out.push("");
      out.push("How to fix:");
      out.push("");
      out.push(`- ${r.zh.hint}`);
      out.push(`- ${r.en.hint}`);
    }
  }
  for (const u of unreproduced)
    if (!known.has(u.code)) problems.push(`${u.code} is listed as unreproduced but unknown`);
  return { markdown: `${out.join("\n")}\n`, problems };
}
