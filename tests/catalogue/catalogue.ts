import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { Writable } from "node:stream";
import { fileURLToPath, pathToFileURL } from "node:url";
import { main } from "../../src/cli/main.js";
import { noteCliRun } from "../helpers/cli.js";
import { DIAGNOSTIC_CODES, type DiagnosticCode } from "../../src/diagnostics/codes.js";
import type { Severity } from "../../src/diagnostics/diagnostic.js";
import { FATAL_EXIT, type FatalCode } from "../../src/diagnostics/fatal.js";
import type { CaseFile, CatalogueCase, FatalCase, Unreproduced } from "./case.js";

/**
 * Builds the error catalogue (docs/errors.md): every diagnostic code, area by area as
 * src/diagnostics/codes/*.ts lists them, and every error that stops a command
 * (src/diagnostics/fatal.ts), each with its reproducer case run through the real program
 * (in-process, or in a process of its own when it injects a fault; no colour, fixed clock) so that
 * the messages shown are the ones users see. A code without a reproducer (or a stated reason why
 * it cannot have one) is a problem, so the page can neither miss a code nor drift.
 */

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, "..", "..");
const CODES_DIR = join(ROOT, "src", "diagnostics", "codes");

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
export async function loadCases(): Promise<{
  cases: CatalogueCase[];
  unreproduced: Unreproduced[];
  fatal: FatalCase[];
}> {
  const cases: CatalogueCase[] = [];
  const unreproduced: Unreproduced[] = [];
  const fatal: FatalCase[] = [];
  for (const file of readdirSync(HERE)
    .filter((f) => f.endsWith(".cases.ts"))
    .sort()) {
    const module = (await import(pathToFileURL(join(HERE, file)).href)) as Partial<CaseFile>;
    cases.push(...(module.cases ?? []));
    unreproduced.push(...(module.unreproduced ?? []));
    fatal.push(...(module.fatal ?? []));
  }
  return { cases, unreproduced, fatal };
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

const SEVERITY_WORDS: Record<string, Severity> = {
  错误: "error",
  警告: "warning",
  说明: "notice",
  error: "error",
  warning: "warning",
  note: "notice",
};

/** Finds the finding with `code` in the program's output (stdout and stderr, as `formatFinding` writes it). */
function findIn(output: string, code: string): (Shown & { location: string; severity: Severity }) | undefined {
  const lines = output.split("\n");
  const pattern = new RegExp(`^(\\S+)(?: \\[[^\\]]*\\])? (错误|警告|说明|error|warning|note) ${code} (.*)$`);
  for (let i = 0; i < lines.length; i++) {
    const m = pattern.exec(lines[i]!);
    if (!m) continue;
    const hint = (lines[i + 1] ?? "").replace(/^\s+(提示：|hint: )/, "");
    return { line: lines[i]!, message: m[3]!, hint, location: m[1]!, severity: SEVERITY_WORDS[m[2]!]! };
  }
  return undefined;
}

/**
 * The command line that starts the CLI in a process of its own: the bundle the test set-up built,
 * or the sources through tsx when the catalogue is written by `npm run errors`.
 */
export function cliCommand(): string[] {
  const build = process.env.RESERVE_TEST_BUILD;
  return build
    ? [join(build, "cli.js")]
    : ["--import", import.meta.resolve("tsx"), join(ROOT, "src", "cli", "entry.ts")];
}

/** Runs the CLI in a process of its own, with `env` added, as the reproducers' user and clock. */
export function runSpawned(
  dir: string,
  args: readonly string[],
  lang: "zh" | "en",
  env: Readonly<Record<string, string>> = {},
): { output: string; code: number | null } {
  const r = spawnSync(process.execPath, [...cliCommand(), ...args], {
    cwd: dir,
    encoding: "utf8",
    env: {
      PATH: process.env.PATH ?? "",
      NO_COLOR: "1",
      RESERVE_LANG: lang,
      RESERVE_USER: "catalogue",
      RESERVE_NOW: NOW,
      ...env,
    },
  });
  noteCliRun(args, r);
  return { output: `${r.stdout}\n${r.stderr}`, code: r.status };
}

async function runIn(dir: string, args: readonly string[], lang: "zh" | "en"): Promise<string> {
  const stdout = new Capture();
  const stderr = new Capture();
  const env = { NO_COLOR: "1", RESERVE_LANG: lang, RESERVE_USER: "catalogue", RESERVE_NOW: NOW, PATH: "" };
  const saved = process.env.RESERVE_NOW;
  process.env.RESERVE_NOW = NOW;
  try {
    await main(args, env, dir, { stdout, stderr });
    noteCliRun(args, { stderr: stderr.text, stdout: stdout.text });
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
    // A file too large to show (a reproducer of a size limit) is not read.
    if (statSync(join(dir, m[1]!)).size > 1 << 20) return undefined;
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
  // Each language in a folder of its own: a case may succeed and change it (init with a warning).
  const dirs = [mkdtempSync(join(tmpdir(), "reserve-catalogue-")), mkdtempSync(join(tmpdir(), "reserve-catalogue-"))];
  const [dir, enDir] = dirs as [string, string];
  try {
    c.setup(dir);
    c.setup(enDir);
    const zh = findIn(await runIn(dir, c.args, "zh"), c.code);
    const en = findIn(await runIn(enDir, c.args, "en"), c.code);
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
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  }
}

/** A fatal error as a reproducer printed it: `reserve: 错误 <message>`, then the hint. */
export interface ReproducedFatal {
  readonly case: FatalCase;
  readonly exit: number | null;
  readonly zh: Shown;
  readonly en: Shown;
}

/** The fatal message in the output: the last `reserve: <severity> …` line and the hint under it. */
function findFatal(output: string): Shown | undefined {
  const lines = output.split("\n");
  for (let i = lines.length - 1; i >= 0; i--) {
    const m = /^reserve: (?:错误|error) (.*)$/.exec(lines[i]!);
    if (!m) continue;
    const hint = (lines[i + 1] ?? "").replace(/^\s+(提示：|hint: )/, "");
    return { line: lines[i]!, message: m[1]!, hint };
  }
  return undefined;
}

/** The working folder of the fatal cases, where a message shows it in full. */
const OFFICE = "/home/zuzhibu/后备干部";

/** Runs a fatal case in a fresh folder, in both languages; paths into that folder are shown relative to it. */
export async function reproduceFatal(c: FatalCase): Promise<ReproducedFatal | undefined> {
  const dir = mkdtempSync(join(tmpdir(), "reserve-catalogue-"));
  const real = realpathSync(dir);
  // An absolute path a message shows on purpose, in brackets beside the path as typed, is shown
  // as it would be on an office computer rather than as the temporary folder.
  const office = (p: string) =>
    p.startsWith(`${real}/`)
      ? OFFICE + p.slice(real.length)
      : p.startsWith(`${dir}/`)
        ? OFFICE + p.slice(dir.length)
        : p;
  const relative = (text: string) =>
    text
      .replace(/([（(])(\/[^）)]*)([）)])/g, (_all, open: string, p: string, close: string) => open + office(p) + close)
      .replaceAll(`${real}/`, "")
      .replaceAll(`${dir}/`, "")
      .replaceAll(real, ".");
  try {
    c.setup(dir);
    const run = async (lang: "zh" | "en") => {
      if (c.env) return runSpawned(dir, c.args, lang, c.env);
      const stdout = new Capture();
      const stderr = new Capture();
      const saved = { now: process.env.RESERVE_NOW, cwd: process.cwd() };
      process.env.RESERVE_NOW = NOW;
      // Messages show paths relative to the working directory, as they do for a user in `dir`.
      process.chdir(dir);
      try {
        const code = await main(
          c.args,
          {
            NO_COLOR: "1",
            RESERVE_LANG: lang,
            RESERVE_USER: "catalogue",
            RESERVE_NOW: NOW,
            RESERVE_LOCK_WAIT: "0",
            PATH: "",
          },
          dir,
          { stdout, stderr },
        );
        noteCliRun(c.args, { stderr: stderr.text, stdout: stdout.text });
        return { output: `${stdout.text}\n${stderr.text}`, code };
      } finally {
        process.chdir(saved.cwd);
        if (saved.now === undefined) delete process.env.RESERVE_NOW;
        else process.env.RESERVE_NOW = saved.now;
      }
    };
    const zh = await run("zh");
    const en = await run("en");
    const zhShown = findFatal(relative(zh.output));
    const enShown = findFatal(relative(en.output));
    if (!zhShown || !enShown) return undefined;
    return { case: c, exit: zh.code, zh: zhShown, en: enShown };
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
  const { cases, unreproduced, fatal } = await loadCases();
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
  const fatalCodes = Object.keys(FATAL_EXIT) as FatalCode[];
  const fatalByCode = new Map<string, FatalCase>();
  for (const c of fatal) {
    if (fatalByCode.has(c.code)) problems.push(`two fatal cases for ${c.code}`);
    fatalByCode.set(c.code, c);
  }
  const fatalReproduced = new Map<string, ReproducedFatal>();
  for (const c of fatalByCode.values()) {
    const r = await reproduceFatal(c);
    if (!r) problems.push(`the fatal case for ${c.code} does not stop with an error (reserve ${c.args.join(" ")})`);
    else if (r.exit !== FATAL_EXIT[c.code]) {
      problems.push(`the fatal case for ${c.code} exits ${r.exit}, not ${FATAL_EXIT[c.code]}`);
    } else fatalReproduced.set(c.code, r);
  }
  for (const code of fatalCodes) if (!fatalByCode.has(code)) problems.push(`${code} (fatal) has no reproducer case`);

  out.push("| Area | Codes | Reproduced |");
  out.push("|---|---|---|");
  for (const a of areas) {
    const n = a.codes.filter((c) => reproduced.has(c.code)).length;
    out.push(`| [${cell(a.title)}](#${a.name}) | ${a.codes.length} | ${n} |`);
  }
  out.push(`| [Errors that stop a command](#fatal) | ${fatalCodes.length} | ${fatalReproduced.size} |`);
  for (const area of areas) {
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
          // Every code of every area, and every fatal code below, needs one: a new code without a
          // reproducer fails tests/catalogue/catalogue.test.ts.
          problems.push(`${code} (${area.name}) has no reproducer case`);
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
  out.push("");
  out.push('<a id="fatal"></a>');
  out.push("");
  out.push("## Errors that stop a command");
  out.push("");
  out.push(
    "Codes in `src/diagnostics/fatal.ts`. These are not findings about a place in a file but the reason a whole command stopped: printed as `reserve: 错误 …` (`reserve: error …` in English) with a hint under it, and an exit code of their own — 2 for usage, 1 for data, 3 for the environment (docs/reliability.md). Reproducers that need a failing disk use the fault injection of `src/io/fs-ops.ts` (`RESERVE_FAULT`, `RESERVE_FAULT_AT`, `RESERVE_CRASH_AT`), shown before the command.",
  );
  out.push("");
  out.push("| Code | Exit | Meaning |");
  out.push("|---|---|---|");
  for (const code of fatalCodes) {
    const c = fatalByCode.get(code);
    out.push(`| [\`${code}\`](#fatal-${code}) | ${FATAL_EXIT[code]} | ${cell(c?.meaning ?? "(no reproducer yet)")} |`);
  }
  for (const code of fatalCodes) {
    out.push("");
    out.push(`<a id="fatal-${code}"></a>`);
    out.push("");
    out.push(`#### \`${code}\``);
    out.push("");
    const r = fatalReproduced.get(code);
    if (!r) {
      out.push(`**exit ${FATAL_EXIT[code]}** — no reproducer yet.`);
      continue;
    }
    out.push(`**exit ${FATAL_EXIT[code]}** — ${r.case.meaning}`);
    out.push("");
    out.push(`Reproducer: ${r.case.reproducer}.`);
    out.push("");
    const env = Object.entries(r.case.env ?? {})
      .map(([k, v]) => `${k}=${v} `)
      .join("");
    out.push(fence("console", `$ ${env}reserve ${r.case.args.join(" ")}`));
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
  for (const u of unreproduced)
    if (!known.has(u.code)) problems.push(`${u.code} is listed as unreproduced but unknown`);
  return { markdown: `${out.join("\n")}\n`, problems };
}
