/**
 * `npm run bench`: the tool's commands timed beside their references, at the scales of issue 7 —
 * the bundled district, a province (~50,000 reserves, ~15,000 villages) and, with --country, the
 * whole country (~1.5 million reserves, ~490,000 villages). Every command runs once to warm up
 * (and to build the library cache), then the commands of a scale run interleaved, round after
 * round, so that a slow moment of the machine touches all of them alike. Prints one table of
 * ratios (medians) and writes it into docs/performance.md between its markers.
 *
 *   npm run bench [-- --country] [-- --rounds N] [-- --scales district,province] [-- --no-write]
 *                 [-- --reuse] (keep the data a previous run made) [-- --work DIR] (default: $TMPDIR/reserve-bench)
 *                 [-- --baseline DIR [--baseline-name NAME]] (the audit timed also with the build in DIR,
 *                 a checkout with dist/ built, on a copy of the library) [-- --skip report,import] (cases left
 *                 out: their rows are kept in the document as last measured, marked so)
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { DEFAULT_POLICY } from "../../src/domain/policy-defaults.js";
import { EDUCATION, ETHNICITY, GENDER, INTAKE, MENTOR_ROLE, POLITICAL_STATUS, SOURCE } from "../../src/domain/terms.js";
import type { Scale } from "../../src/generator/index.js";
import { RACY_NS } from "../../src/io/library-cache.js";
import { checkFindings } from "./check-findings.js";
import { importCases } from "./import-cases.js";
import { makeData, type MadeData } from "./make-data.js";
import { splitProvince } from "./split-province.js";
import { measure, median, type Command, type Sample } from "./measure.js";
import { renderDoc, renderTable, shownCommand, withSkipped, type Row, type ScaleRun } from "./render.js";

const repo = path.resolve(fileURLToPath(new URL("../..", import.meta.url)));
const node = process.execPath;
const reserve = (...args: string[]) => [node, path.join(repo, "bin", "reserve.js"), ...args];

interface Case {
  readonly key: string;
  readonly label: string;
  readonly command: Command;
  /** Done before every run of the command, untimed (an edit, the cache removed). */
  readonly prepare?: () => void | Promise<void>;
  /** The case this one is compared with, and the target ratio (none: shown for orientation). */
  readonly reference?: string;
  readonly target?: number;
  /** Peak RSS target, in MiB. */
  readonly rssTarget?: number;
}

interface ScalePlan {
  readonly scale: Scale;
  readonly title: string;
  readonly rounds: number;
  readonly cases: readonly Case[];
  /** Run after the timings: the findings of the fast paths equal the slow reference's. */
  readonly check?: () => string;
}

function vocabularyFile(dir: string): string {
  const file = path.join(dir, "vocabulary.json");
  fs.writeFileSync(
    file,
    JSON.stringify({
      quota: DEFAULT_POLICY.quota,
      gender: GENDER.values,
      ethnicity: ETHNICITY.values,
      education: EDUCATION.values,
      political_status: POLITICAL_STATUS.values,
      source: SOURCE.values,
      intake: INTAKE.values,
      mentor_role: MENTOR_ROLE.values,
    }),
  );
  return file;
}

const NODE_FLOOR: Case = { key: "node", label: "`node -e 0`", command: { argv: [node, "-e", "0"] } };

/** Another build to time beside this one (--baseline DIR: a checkout with its dist/ built). */
interface Baseline {
  readonly bin: string;
  readonly name: string;
}

/**
 * An edit as an official makes one between two audits, to one village file of `lib` that has
 * three people or more: the first person's phone changed, the last person removed (the village's
 * quota finding changes with it). Every call puts the file in the other state, so every audit after it finds
 * something changed, and the findings change with it. The file is put back by `restore`.
 */
function villageEdit(
  lib: string,
  which: "first" | "last" = "first",
): { edit: () => void; restore: () => void; settled: () => Promise<void> } {
  const dir = path.join(lib, "villages");
  const saved = `${lib}.edited-file${which === "last" ? "-last" : ""}.json`;
  let file: string;
  let original: string;
  if (fs.existsSync(saved))
    ({ file, original } = JSON.parse(fs.readFileSync(saved, "utf8")) as { file: string; original: string });
  else {
    const names = fs.readdirSync(dir).sort();
    if (which === "last") names.reverse();
    const name = names.find(
      (n) => (fs.readFileSync(path.join(dir, n), "utf8").match(/^ {2}- id:/gm) ?? []).length >= 3,
    );
    if (!name) throw new Error(`no village file with three people in ${dir}`);
    file = path.join(dir, name);
    original = fs.readFileSync(file, "utf8");
    fs.writeFileSync(saved, JSON.stringify({ file, original }));
  }
  const edited = original
    .slice(0, original.lastIndexOf("\n  - id:") + 1)
    .replace(/^( {4}phone: )"\d+"$/m, '$1"13995510099"');
  let state = false;
  let at = 0;
  return {
    edit: () => {
      state = !state;
      fs.writeFileSync(file, state ? edited : original);
      at = performance.now();
    },
    restore: () => fs.writeFileSync(file, original),
    // Until the edit is older than the caches' racy window (io/cache-state.ts).
    settled: () =>
      new Promise((r) => setTimeout(r, Math.max(0, at + Number(RACY_NS / 1_000_000n) + 200 - performance.now()))),
  };
}

/**
 * The audit as users meet it: after one village file was edited (the headline), asked again with
 * nothing changed, and the first audit of the library (no cache). With a baseline, each row again
 * for the baseline's build, on a copy of the library of its own (the builds' caches differ).
 */
function auditCases(
  lib: string,
  o: {
    reference: string;
    editTarget: number;
    firstTarget?: number;
    first: boolean;
    rssTarget?: number;
    baseline?: Baseline;
    restore: (() => void)[];
  },
): Case[] {
  const rows = (bin: string, at: string, suffix: string, key: string): Case[] => {
    const argv = [node, bin, "audit", "--data", at];
    const edit = villageEdit(at);
    o.restore.push(edit.restore);
    const cache = path.join(at, ".reserve", "cache");
    // The headline first (what people do all day: edit one village, ask again), then nothing
    // changed, then the first run. The edit is timed after a round's first run rebuilt the cache.
    const cases: Case[] = [
      {
        key: `edit${key}`,
        label: `**\`reserve audit\` after one village file was edited** (a phone changed, a person removed)${suffix}`,
        command: { argv, ok: [0, 1] },
        prepare: edit.edit,
        reference: o.reference,
        ...(!suffix && { target: o.editTarget }),
        ...(o.rssTarget !== undefined && { rssTarget: o.rssTarget }),
      },
      {
        key: `same${key}`,
        label: `\`reserve audit\`, nothing changed${suffix}`,
        command: { argv, ok: [0, 1] },
        // Asked again: once the last edit is old enough to be trusted, after an audit of this state.
        prepare: async () => {
          await edit.settled();
          spawnSync(argv[0]!, argv.slice(1), { stdio: "ignore" });
        },
        reference: o.reference,
        ...(o.rssTarget !== undefined && { rssTarget: o.rssTarget }),
      },
    ];
    if (o.first) {
      cases.push({
        key: `first${key}`,
        label: `\`reserve audit\`, first run (no cache)${suffix}`,
        command: { argv, ok: [0, 1] },
        prepare: () => fs.rmSync(cache, { recursive: true, force: true }),
        reference: o.reference,
        ...(o.firstTarget !== undefined && !suffix && { target: o.firstTarget }),
      });
    }
    return cases;
  };
  const own = rows(path.join(repo, "bin", "reserve.js"), lib, "", "");
  if (!o.baseline) return own;
  const copy = `${lib}-baseline`;
  if (!fs.existsSync(copy)) {
    fs.cpSync(lib, copy, { recursive: true, filter: (src) => !src.includes(`${path.sep}.reserve`) });
  }
  const theirs = rows(o.baseline.bin, copy, ` — baseline ${o.baseline.name}`, "-baseline");
  return own.flatMap((c, i) => [c, theirs[i]!]);
}

/**
 * The report as users meet it: after one village file was edited (the headline: the report keeps
 * every file that does not depend on it), asked again with nothing changed, and the first report
 * into an empty folder. The edit is to another village than the audit rows edit, so that the two
 * do not undo each other's changes between rounds.
 */
function reportCases(
  lib: string,
  out: string,
  o: { reference: string; editTarget: number; restore: (() => void)[]; label?: string },
): Case[] {
  const argv = reserve("report", "--year", "2021", "--data", lib, "--out", out);
  const edit = villageEdit(lib, "last");
  o.restore.push(edit.restore);
  const what = o.label ?? "`reserve report --year 2021`";
  return [
    {
      key: "report-edit",
      label: `**${what} after one village file was edited** (the files that depend on it rewritten, the others kept)`,
      command: { argv },
      prepare: edit.edit,
      reference: o.reference,
      target: o.editTarget,
    },
    {
      key: "report-same",
      label: `${what}, nothing changed`,
      command: { argv },
      prepare: async () => {
        await edit.settled();
        spawnSync(argv[0]!, argv.slice(1), { stdio: "ignore" });
      },
      reference: o.reference,
    },
    {
      key: "report",
      label: `${what}, first run (no previous report)`,
      command: { argv },
      prepare: () => fs.rmSync(out, { recursive: true, force: true }),
      reference: o.reference,
    },
  ];
}

function duckdb(roster: string, vocab: string): Case {
  return {
    key: "duckdb",
    label: "DuckDB SQL audit of the roster CSV",
    command: { argv: [node, path.join(repo, "scripts/bench/duckdb-audit.mjs"), roster, vocab] },
  };
}

function ioFloor(key: string, what: string, at: string): Case {
  return {
    key,
    label: `read ${what} with fs, count lines`,
    command: { argv: [node, path.join(repo, "scripts/bench/read-bytes.mjs"), at] },
  };
}

/** An empty library of the scale's register (`reserve init`), for `import --dry-run`. */
function initLibrary(register: string, dir: string): string {
  const lib = path.join(dir, "empty");
  fs.rmSync(lib, { recursive: true, force: true });
  const [file, ...args] = reserve("init", lib, "--register", register, "--year", "2021");
  const r = spawnSync(file!, args, { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`reserve init failed:\n${r.stderr}`);
  return lib;
}

function districtPlan(
  work: string,
  rounds: number,
  audit: { baseline?: Baseline; restore: (() => void)[] },
): ScalePlan {
  const lib = path.join(work, "library");
  fs.rmSync(lib, { recursive: true, force: true });
  fs.cpSync(path.join(repo, "data"), lib, { recursive: true, filter: (src) => !src.includes(`${path.sep}.reserve`) });
  const made = madeData("district", path.join(work, "made"), false, false);
  const vocab = vocabularyFile(work);
  const out = path.join(work, "reports");
  return {
    scale: "district",
    title: "district (bundled data/: 165 villages, 538 records)",
    rounds,
    cases: [
      NODE_FLOOR,
      ioFloor("io", "the library", lib),
      { key: "help", label: "`reserve --help`", command: { argv: reserve("--help") }, reference: "node", target: 1.3 },
      {
        key: "version",
        label: "`reserve --version`",
        command: { argv: reserve("--version") },
        reference: "node",
        target: 1.3,
      },
      ...auditCases(lib, { reference: "node", editTarget: 2.0, first: true, ...audit }),
      ...reportCases(lib, out, {
        reference: "node",
        editTarget: 3.0,
        restore: audit.restore,
        label: "`reserve report --year 2021` (md, csv, json, html, xlsx)",
      }),
      { ...duckdb(made.roster, vocab), label: `DuckDB SQL audit of the roster CSV (${made.rows} rows)` },
    ],
  };
}

/**
 * The scale's data, made afresh, or with --reuse taken from a previous run that finished making it
 * (the country's takes minutes; the generator is seeded, so it would make the same bytes).
 */
function madeData(scale: Scale, dir: string, withLibrary: boolean, reuse: boolean): MadeData {
  const done = path.join(dir, "made.json");
  if (reuse && fs.existsSync(done)) return JSON.parse(fs.readFileSync(done, "utf8")) as MadeData;
  const made = makeData(scale, dir, withLibrary);
  fs.writeFileSync(done, JSON.stringify(made));
  return made;
}

function largePlan(
  scale: "province" | "country",
  work: string,
  rounds: number,
  reuse: boolean,
  audit: { baseline?: Baseline; restore: (() => void)[] },
): ScalePlan {
  const started = performance.now();
  const made = madeData(scale, path.join(work, "made"), true, reuse);
  const lib = made.library!;
  console.error(
    `  ${scale}: ${made.rows} roster rows, ${made.villages} villages generated in ${seconds(performance.now() - started)}`,
  );
  const empty = initLibrary(made.register, work);
  const vocab = vocabularyFile(work);
  const mib = (fs.statSync(made.roster).size / 2 ** 20).toFixed(0);
  const cases: Case[] = [
    NODE_FLOOR,
    ioFloor("io-roster", `the roster CSV (${mib} MiB)`, made.roster),
    ioFloor("io-library", "the library's files", lib),
    { ...duckdb(made.roster, vocab), label: `DuckDB SQL audit of the roster CSV (${made.rows} rows)` },
    ...auditCases(lib, {
      reference: "duckdb",
      editTarget: scale === "province" ? 1.0 : 1.5,
      // A country's first audit takes a quarter of an hour: timed on request only.
      first: scale === "province",
      firstTarget: 3.0,
      ...(scale === "country" && { rssTarget: 1536 }),
      ...audit,
    }),
  ];
  // The same people as 50 district-sized libraries, rolled up (--data given once per library); run
  // in the folder that holds them, so the command line stays short.
  const split = scale === "province" ? splitProvince(path.join(work, "split"), 50) : [];
  const dataArgs = split.flatMap((d) => ["--data", path.basename(d)]);
  const splitDir = path.join(work, "split");
  if (scale === "province") {
    cases.push({
      key: "rollup-audit",
      label:
        "`reserve audit --data L1 … --data L50`: the same people as 50 district libraries, with the checks across them",
      command: { argv: reserve("audit", ...dataArgs), cwd: splitDir, ok: [0, 1] },
      reference: "duckdb",
    });
  }
  if (scale === "province") {
    cases.push(
      ...reportCases(lib, path.join(work, "reports"), { reference: "duckdb", editTarget: 2.0, restore: audit.restore }),
    );
    cases.push({
      key: "rollup-report",
      label: "`reserve report --year 2021 --data L1 … --data L50`: the province's roll-up of 50 district libraries",
      command: {
        argv: reserve("report", "--year", "2021", ...dataArgs, "--out", path.join(work, "rollup-reports")),
        cwd: splitDir,
      },
      reference: "report-same",
      target: 1.0,
    });
  }
  cases.push({
    key: "import",
    label: "`reserve import --dry-run` of the roster CSV into an empty library",
    command: { argv: reserve("import", made.roster, "--data", empty, "--dry-run"), ok: [0, 1] },
    reference: "duckdb",
    ...(scale === "country" && { target: 2.0, rssTarget: 1024 }),
  });
  // The real import beside its dry run, and one of 200,000 rows (scripts/bench/import-cases.ts).
  if (scale === "province") {
    cases.push(...importCases({ reserve: reserve(), work, roster: made.roster, empty, reuse, init: initLibrary }));
  }
  return {
    scale,
    title:
      scale === "province"
        ? `province (${made.villages} villages, ${made.rows} people on the roster)`
        : `country (${made.villages} villages, ${made.rows} people on the roster)`,
    rounds,
    cases,
    ...(scale === "province" && { check: () => checkFindings(lib, work) }),
  };
}

/** A command line with many `--data` options shown as the first, "…" and the last. */
function shortData(argv: readonly string[]): string[] {
  const at = argv.flatMap((a, i) => (a === "--data" ? [i] : []));
  if (at.length <= 3) return [...argv];
  const first = at[0]!;
  const last = at[at.length - 1]!;
  return [...argv.slice(0, first + 2), "…", ...argv.slice(last)];
}

function seconds(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

async function runPlan(plan: ScalePlan): Promise<Row[]> {
  const samples = new Map<string, Sample[]>(plan.cases.map((c) => [c.key, []]));
  const once = async (c: Case): Promise<Sample> => {
    await c.prepare?.();
    const s = await measure(c.command);
    if (!(c.command.ok ?? [0]).includes(s.code)) {
      throw new Error(`${c.command.argv.join(" ")} exited ${s.code}:\n${s.stderr}`);
    }
    return s;
  };
  // Files written less than RACY_NS ago are not trusted by the caches (io/library-cache.ts): let
  // the freshly made library age past that first, as any library does between two commands.
  await new Promise((r) => setTimeout(r, Number(RACY_NS / 1_000_000n) + 500));
  console.error(`  ${plan.scale}: warming up (first runs build the library cache)`);
  for (const c of plan.cases) await once(c);
  for (let round = 1; round <= plan.rounds; round++) {
    console.error(`  ${plan.scale}: round ${round}/${plan.rounds}`);
    for (const c of plan.cases) samples.get(c.key)!.push(await once(c));
  }
  const stats = new Map(
    plan.cases.map((c) => {
      const xs = samples.get(c.key)!;
      const ms = xs.map((s) => s.ms);
      const rss = xs.flatMap((s) => (s.rssKiB === undefined ? [] : [s.rssKiB]));
      return [
        c.key,
        {
          median: median(ms),
          min: Math.min(...ms),
          max: Math.max(...ms),
          ...(rss.length > 0 && { rssMiB: Math.max(...rss) / 1024 }),
        },
      ];
    }),
  );
  return plan.cases.map((c) => {
    const own = stats.get(c.key)!;
    const ref = c.reference ? stats.get(c.reference) : undefined;
    return {
      scale: plan.scale,
      label: c.label,
      argv: c.command.argv,
      ...(c.command.env && { env: c.command.env }),
      ...own,
      ...(ref &&
        c.reference && {
          reference: plan.cases.find((x) => x.key === c.reference)!.label,
          ratio: own.median / ref.median,
        }),
      ...(c.target !== undefined && { target: c.target }),
      ...(c.rssTarget !== undefined && { rssTarget: c.rssTarget }),
    };
  });
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      country: { type: "boolean" },
      scales: { type: "string" },
      rounds: { type: "string" },
      "no-write": { type: "boolean" },
      work: { type: "string" },
      reuse: { type: "boolean" },
      baseline: { type: "string" },
      "baseline-name": { type: "string" },
      skip: { type: "string" },
    },
  });
  let baseline: Baseline | undefined;
  if (values.baseline !== undefined) {
    const dir = path.resolve(values.baseline);
    const head = spawnSync("git", ["rev-parse", "--short", "HEAD"], { cwd: dir, encoding: "utf8" }).stdout.trim();
    baseline = {
      bin: path.join(dir, "bin", "reserve.js"),
      name: values["baseline-name"] ?? (head || path.basename(dir)),
    };
  }
  const scales = (values.scales ?? (values.country ? "district,province,country" : "district,province")).split(",");
  const rounds = values.rounds === undefined ? undefined : Number(values.rounds);
  const work = path.resolve(values.work ?? path.join(os.tmpdir(), "reserve-bench"));
  if (!fs.existsSync(path.join(repo, "dist", "cli.js"))) {
    console.error("dist/ is missing: run `npm run build` first (npm run bench does).");
    return 2;
  }
  const doc = path.join(repo, "docs", "performance.md");
  const previousDoc = fs.existsSync(doc) ? fs.readFileSync(doc, "utf8") : "";
  const runs: ScaleRun[] = [];
  const commit = spawnSync("git", ["rev-parse", "--short", "HEAD"], { cwd: repo, encoding: "utf8" }).stdout.trim();
  for (const scale of scales) {
    const dir = path.join(work, scale);
    fs.mkdirSync(dir, { recursive: true });
    console.error(`${scale}:`);
    const planRounds = rounds ?? (scale === "district" ? 9 : scale === "province" ? 5 : 2);
    const restore: (() => void)[] = [];
    const audit = { ...(baseline && { baseline }), restore };
    let plan =
      scale === "district"
        ? districtPlan(dir, planRounds, audit)
        : scale === "province" || scale === "country"
          ? largePlan(scale, dir, planRounds, values.reuse === true, audit)
          : undefined;
    if (!plan) {
      console.error(`unknown scale ${scale}: district, province or country`);
      return 2;
    }
    const skip = (values.skip ?? "").split(",").filter((k) => k !== "");
    const labels = plan.cases.map((c) => c.label);
    if (skip.length > 0) plan = { ...plan, cases: plan.cases.filter((c) => !skip.includes(c.key)) };
    let rows: Row[];
    try {
      rows = (await runPlan(plan)).map((r) => ({ ...r, argv: [shownCommand(shortData(r.argv), repo, work, r.env)] }));
    } finally {
      for (const r of restore) r();
    }
    if (skip.length > 0) rows = withSkipped(previousDoc, scale, labels, rows);
    const checks: string[] = [];
    if (plan.check) {
      console.error(`  ${scale}: comparing the audit's findings with the slow reference path`);
      checks.push(plan.check());
    }
    const day = new Date().toISOString().slice(0, 10);
    runs.push({
      scale,
      measured:
        `${day} at commit ${commit || "?"} on ${machine()}; ${planRounds} rounds after one warm-up run of ` +
        "every command; medians.",
      rows,
      checks,
    });
  }
  console.log(renderTable(runs.flatMap((r) => r.rows)));
  for (const c of runs.flatMap((r) => r.checks)) console.log(`\n${c}`);
  if (!values["no-write"]) {
    fs.writeFileSync(doc, renderDoc(previousDoc, runs));
    // Laid out as the repository's format check wants it (npm test runs that check).
    spawnSync(process.execPath, [path.join(repo, "node_modules", "prettier", "bin", "prettier.cjs"), "--write", doc], {
      stdio: "ignore",
    });
    console.error("written: docs/performance.md (the scales of this run; others as last measured)");
  }
  return 0;
}

function machine(): string {
  const cpus = os.cpus();
  const gib = (os.totalmem() / 2 ** 30).toFixed(0);
  return `${cpus[0]?.model.trim() ?? "unknown CPU"}, ${cpus.length} cores, ${gib} GiB; Node ${process.version}; ${os.type()} ${os.release()}`;
}

process.exitCode = await main();
