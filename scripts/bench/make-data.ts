/**
 * The bench's data (scripts/bench/bench.ts), from the seeded generator (src/generator): for a
 * scale, the district register as 统计用区划代码 CSV (for `reserve init`), the people as one CSV
 * roster with the import columns (for `reserve import` and for DuckDB), and optionally the library
 * itself as the generator makes it (rich records: selection, mentors, trainings, screening…).
 * Written village by village as generated, so memory holds one village at a time.
 *
 *   npx tsx scripts/bench/make-data.ts --scale province|country --out DIR [--library]
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { indexRegister } from "../../src/domain/library.js";
import {
  csvLine,
  registerCsv,
  ROSTER_BOM,
  ROSTER_EOL,
  ROSTER_HEADERS,
  rosterRows,
  SAMPLE_SEED,
  specForScale,
  streamDistrict,
  type GeneratorSpec,
  type Scale,
} from "../../src/generator/index.js";
import { DISTRICT_FILE, STATE_DIR, trainingFile, villageFile, VILLAGES_DIR } from "../../src/io/layout.js";
import { districtText, trainingText, villageText } from "../../src/io/serialize.js";

export interface MadeData {
  readonly register: string;
  readonly roster: string;
  readonly library?: string;
  readonly rows: number;
  readonly villages: number;
}

/** Writes the data of `scale` (or of a spec, scaleSpec's for a roster of any size) into `out` (emptied first). */
export function makeData(scale: Scale | GeneratorSpec, out: string, withLibrary: boolean): MadeData {
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(out, { recursive: true });
  const spec = typeof scale === "string" ? specForScale(scale) : scale;
  const stream = streamDistrict(spec, SAMPLE_SEED);
  const { district } = stream;
  const register = path.join(out, "register.csv");
  fs.writeFileSync(register, registerCsv(district));
  const library = withLibrary ? path.join(out, "library") : undefined;
  const registerIndex = indexRegister(district);
  if (library) {
    fs.mkdirSync(path.join(library, VILLAGES_DIR), { recursive: true });
    fs.writeFileSync(path.join(library, ".gitignore"), `${STATE_DIR}/\n`);
    fs.writeFileSync(path.join(library, DISTRICT_FILE), districtText(district));
    for (const t of stream.trainings) {
      fs.mkdirSync(path.dirname(path.join(library, trainingFile(t.year))), { recursive: true });
      fs.writeFileSync(path.join(library, trainingFile(t.year)), trainingText(t));
    }
  }
  const roster = path.join(out, "roster.csv");
  const fd = fs.openSync(roster, "w");
  let rows = 0;
  let pending: string[] = [];
  const flush = () => {
    if (pending.length > 0) fs.writeSync(fd, pending.join(""));
    pending = [];
  };
  try {
    fs.writeSync(fd, ROSTER_BOM + csvLine(ROSTER_HEADERS) + ROSTER_EOL);
    const towns = new Map(district.towns.map((t) => [t.code, t.name]));
    for (const g of stream.villages()) {
      if (!g.book) continue;
      if (library)
        fs.writeFileSync(path.join(library, villageFile(g.book.village)), villageText(g.book, registerIndex));
      for (const r of rosterRows(towns.get(g.village.town) ?? "", g.village.name, g.village.code, g.book.reserves)) {
        pending.push(csvLine(r) + ROSTER_EOL);
        rows++;
      }
      if (pending.length >= 4096) flush();
    }
    flush();
  } finally {
    fs.closeSync(fd);
  }
  return { register, roster, ...(library && { library }), rows, villages: stream.totals.villages };
}

function main(): number {
  const { values } = parseArgs({
    options: { scale: { type: "string" }, out: { type: "string" }, library: { type: "boolean" } },
  });
  const scale = values.scale as Scale | undefined;
  if (!scale || !["district", "province", "country"].includes(scale) || !values.out) {
    console.error("usage: npx tsx scripts/bench/make-data.ts --scale province|country --out DIR [--library]");
    return 2;
  }
  const started = performance.now();
  const made = makeData(scale, path.resolve(values.out), values.library === true);
  console.log(`${made.rows} rows, ${made.villages} villages in ${Math.round(performance.now() - started)} ms`);
  return 0;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.exitCode = main();
}
