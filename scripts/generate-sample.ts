/**
 * Writes a generated library (src/generator) to disk.
 *
 *   npm run sample                  the bundled sample: data/ and examples/640502-register.csv
 *   npm run sample -- --out DIR [--scale district|province|country] [--seed N]
 *                     [--register FILE] [--roster FILE]
 *
 * The same seed always gives the same bytes. Large scales are written village by village as they
 * are generated, so memory holds the register and one village at a time, not the people.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { indexRegister } from "../src/domain/library.js";
import type { VillageBook } from "../src/domain/model.js";
import {
  csvLine,
  districtHistory,
  registerCsv,
  ROSTER_BOM,
  ROSTER_EOL,
  ROSTER_HEADERS,
  rosterRows,
  SAMPLE_SEED,
  specForScale,
  streamDistrict,
  type PlantedGap,
  type Scale,
} from "../src/generator/index.js";
import {
  DISTRICT_FILE,
  HISTORY_DIR,
  STATE_DIR,
  trainingFile,
  TRAININGS_DIR,
  villageFile,
  VILLAGES_DIR,
} from "../src/io/layout.js";
import { historyWrite } from "../src/io/library-session.js";
import { districtText, trainingText, villageText } from "../src/io/serialize.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** The same text `reserve init` writes, so a generated library looks like one the tool made. */
const GITIGNORE = `# 工具的临时状态（锁、未完成的写入、缓存），不属于库\n${STATE_DIR}/\n`;

export interface SampleOptions {
  readonly out: string;
  readonly scale: Scale;
  readonly seed: number;
  /** Where to write the register as 统计用区划代码 CSV (for `reserve init --register`). */
  readonly register?: string;
  /** Where to write one CSV roster with the import columns (people in the pool or pending). */
  readonly roster?: string;
}

export interface SampleSummary {
  readonly files: number;
  readonly villages: number;
  readonly books: number;
  readonly reserves: number;
  readonly planted: readonly PlantedGap[];
  readonly ms: number;
}

/**
 * Empties the parts of the library the generator owns. Refuses a folder that holds something
 * other than a library, so a mistyped --out never wipes unrelated files.
 */
function prepare(out: string): void {
  if (fs.existsSync(out)) {
    const entries = fs.readdirSync(out).filter((n) => n !== ".gitignore" && n !== STATE_DIR);
    if (entries.length > 0 && !entries.includes(DISTRICT_FILE)) {
      throw new Error(`${out} is not empty and holds no ${DISTRICT_FILE}: refusing to write a library into it`);
    }
    for (const name of [DISTRICT_FILE, VILLAGES_DIR, TRAININGS_DIR, HISTORY_DIR]) {
      fs.rmSync(path.join(out, name), { recursive: true, force: true });
    }
  }
  fs.mkdirSync(path.join(out, VILLAGES_DIR), { recursive: true });
}

function write(root: string, rel: string, content: string): void {
  const abs = path.join(root, rel);
  fs.mkdirSync(path.dirname(abs), { recursive: true });
  fs.writeFileSync(abs, content);
}

export function writeSample(options: SampleOptions): SampleSummary {
  const started = performance.now();
  const spec = specForScale(options.scale);
  const stream = streamDistrict(spec, options.seed);
  const { district } = stream;
  const register = indexRegister(district);
  const out = options.out;
  prepare(out);
  let files = 0;
  const put = (rel: string, content: string) => {
    write(out, rel, content);
    files++;
  };
  put(".gitignore", GITIGNORE);
  put(DISTRICT_FILE, districtText(district));
  for (const t of stream.trainings) put(trainingFile(t.year), trainingText(t));
  if (options.register) {
    fs.mkdirSync(path.dirname(options.register), { recursive: true });
    fs.writeFileSync(options.register, registerCsv(district));
  }
  let roster: number | undefined;
  if (options.roster) {
    fs.mkdirSync(path.dirname(options.roster), { recursive: true });
    roster = fs.openSync(options.roster, "w");
    fs.writeSync(roster, ROSTER_BOM + csvLine(ROSTER_HEADERS) + ROSTER_EOL);
  }
  const towns = new Map(district.towns.map((t) => [t.code, t.name]));
  const kept: VillageBook[] = [];
  const planted: PlantedGap[] = [];
  let books = 0;
  let reserves = 0;
  try {
    for (const g of stream.villages()) {
      planted.push(...g.planted);
      if (!g.book) continue;
      put(villageFile(g.book.village), villageText(g.book, register));
      books++;
      reserves += g.book.reserves.length;
      if (spec.detailedHistory) kept.push(g.book);
      if (roster !== undefined) {
        const rows = rosterRows(towns.get(g.village.town) ?? "", g.village.name, g.village.code, g.book.reserves);
        if (rows.length > 0) fs.writeSync(roster, rows.map((r) => csvLine(r) + ROSTER_EOL).join(""));
      }
    }
  } finally {
    if (roster !== undefined) fs.closeSync(roster);
  }
  for (const entry of districtHistory(stream, spec.detailedHistory ? kept : undefined)) {
    const { target, content } = historyWrite(entry);
    put(target, content);
  }
  return {
    files,
    villages: stream.totals.villages,
    books,
    reserves,
    planted,
    ms: Math.round(performance.now() - started),
  };
}

function main(): number {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        out: { type: "string" },
        scale: { type: "string", default: "district" },
        seed: { type: "string" },
        register: { type: "string" },
        roster: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
    }));
  } catch (err) {
    console.error((err as Error).message);
    return 2;
  }
  if (values.help) {
    console.log(
      "usage: npm run sample -- [--out DIR] [--scale district|province|country] [--seed N] [--register FILE] [--roster FILE]",
    );
    return 0;
  }
  const scale = values.scale as Scale;
  if (!["district", "province", "country"].includes(scale)) {
    console.error(`--scale must be district, province or country, not ${values.scale}`);
    return 2;
  }
  const seed = values.seed === undefined ? SAMPLE_SEED : Number(values.seed);
  if (!Number.isSafeInteger(seed)) {
    console.error(`--seed must be an integer, not ${values.seed}`);
    return 2;
  }
  // Without --out the bundled sample is refreshed; a large library must say where it goes.
  const bundled = values.out === undefined;
  if (bundled && scale !== "district") {
    console.error("--out DIR is required for --scale province and country (data/ holds the bundled sample)");
    return 2;
  }
  const options: SampleOptions = {
    out: bundled ? path.join(ROOT, "data") : path.resolve(values.out!),
    scale,
    seed,
    ...(bundled
      ? { register: path.join(ROOT, "examples", "640502-register.csv") }
      : values.register !== undefined && { register: path.resolve(values.register) }),
    ...(values.roster !== undefined && { roster: path.resolve(values.roster) }),
  };
  try {
    const s = writeSample(options);
    console.log(
      `${path.relative(process.cwd(), options.out) || "."}: ${s.files} files, ${s.villages} villages (${s.books} with reserves), ${s.reserves} reserves, seed ${seed}, ${s.ms} ms`,
    );
    const byKind = new Map<string, number>();
    for (const g of s.planted) byKind.set(g.kind, (byKind.get(g.kind) ?? 0) + 1);
    console.log(`planted gaps: ${[...byKind].map(([k, n]) => `${k} ${n}`).join(", ") || "none"}`);
    if (s.planted.length <= 50)
      for (const g of s.planted) console.log(`  ${g.kind} ${g.village}${g.person ? ` ${g.person}` : ""}`);
    return 0;
  } catch (err) {
    console.error((err as Error).message);
    return 1;
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.exitCode = main();
}
