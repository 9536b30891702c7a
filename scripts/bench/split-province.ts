/**
 * The bench's province as district-sized libraries, for timing the roll-up beside the same people
 * in one library: the generator's province (seeded, so the same people as the one library the bench
 * makes) with its towns dealt out, three by three, to `parts` libraries. Each gets a district code
 * of its own (towns, villages and internal ids recoded to it, as a real district's would be), a city
 * (five districts each) and one province, the register of its towns, the year's trainings and the
 * policy. Written village by village as generated.
 *
 *   npx tsx scripts/bench/split-province.ts --out DIR [--parts 50]
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { indexRegister, type RegisterIndex } from "../../src/domain/library.js";
import type { District } from "../../src/domain/model.js";
import { PROVINCE, SAMPLE_SEED, streamDistrict } from "../../src/generator/index.js";
import { DISTRICT_FILE, STATE_DIR, trainingFile, villageFile, VILLAGES_DIR } from "../../src/io/layout.js";
import { districtText, trainingText, villageText } from "../../src/io/serialize.js";

/** Writes the libraries into `out` (emptied first) and returns their folders, in order. */
export function splitProvince(out: string, parts = 50): string[] {
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(out, { recursive: true });
  const stream = streamDistrict(PROVINCE, SAMPLE_SEED);
  const whole = stream.district;
  const perPart = Math.ceil(whole.towns.length / parts);
  const old = whole.code;
  const partOfTown = new Map(whole.towns.map((t, i) => [t.code, Math.floor(i / perPart)]));
  const codeOf = (i: number) =>
    `64${String(50 + Math.floor(i / 5)).padStart(2, "0")}${String((i % 5) + 1).padStart(2, "0")}`;
  const recode = (code: string, i: number) => (code.startsWith(old) ? codeOf(i) + code.slice(old.length) : code);
  const libs: { dir: string; register: RegisterIndex }[] = [];
  for (let i = 0; i < parts; i++) {
    const dir = path.join(out, `lib-${String(i + 1).padStart(2, "0")}`);
    const towns = whole.towns.filter((t) => partOfTown.get(t.code) === i);
    const codes = new Set(towns.map((t) => t.code));
    const district: District = {
      code: codeOf(i),
      name: `规模样本${i + 1}区`,
      city: `规模样本${Math.floor(i / 5) + 1}市`,
      province: "规模样本省",
      year: whole.year,
      policy: whole.policy,
      towns: towns.map((t) => ({ ...t, code: recode(t.code, i) })),
      villages: whole.villages
        .filter((v) => codes.has(v.town))
        .map((v) => ({
          ...v,
          code: recode(v.code, i),
          town: recode(v.town, i),
          ...(v.replaced_by !== undefined && { replaced_by: recode(v.replaced_by, i) }),
        })),
    };
    fs.mkdirSync(path.join(dir, VILLAGES_DIR), { recursive: true });
    fs.writeFileSync(path.join(dir, ".gitignore"), `${STATE_DIR}/\n`);
    fs.writeFileSync(path.join(dir, DISTRICT_FILE), districtText(district));
    for (const t of stream.trainings) {
      fs.mkdirSync(path.dirname(path.join(dir, trainingFile(t.year))), { recursive: true });
      fs.writeFileSync(path.join(dir, trainingFile(t.year)), trainingText(t));
    }
    libs.push({ dir, register: indexRegister(district) });
  }
  for (const g of stream.villages()) {
    if (!g.book) continue;
    const i = partOfTown.get(g.village.town)!;
    const book = {
      village: recode(g.book.village, i),
      reserves: g.book.reserves.map((r) => ({ ...r, id: recode(r.id, i) })),
    };
    fs.writeFileSync(path.join(libs[i]!.dir, villageFile(book.village)), villageText(book, libs[i]!.register));
  }
  return libs.map((l) => l.dir);
}

function main(): number {
  const { values } = parseArgs({ options: { out: { type: "string" }, parts: { type: "string" } } });
  if (!values.out) {
    console.error("usage: npx tsx scripts/bench/split-province.ts --out DIR [--parts 50]");
    return 2;
  }
  const started = performance.now();
  const dirs = splitProvince(path.resolve(values.out), values.parts === undefined ? 50 : Number(values.parts));
  console.log(`${dirs.length} libraries in ${Math.round(performance.now() - started)} ms`);
  return 0;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.exitCode = main();
}
