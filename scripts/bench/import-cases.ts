/**
 * The bench's real imports (issue 16): the province roster into an empty library, beside its dry
 * run, and a roster of 200,000 rows into an empty library of its own register. Each run imports
 * into a fresh copy of the empty library (made by `reserve init`, copied by the shell that then
 * becomes the import, so the peak RSS is the import's own).
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { scaleSpec } from "../../src/generator/index.js";
import { makeData, type MadeData } from "./make-data.js";
import type { Command } from "./measure.js";

export interface ImportCase {
  readonly key: string;
  readonly label: string;
  readonly command: Command;
  readonly reference?: string;
  readonly target?: number;
  readonly rssTarget?: number;
}

/** `reserve import roster` into a fresh copy of `empty` (the copy at `into`). */
function freshImport(reserve: readonly string[], empty: string, into: string, roster: string): Command {
  const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  const run = [...reserve, "import", roster, "--data", into].map(q).join(" ");
  return { argv: ["/bin/sh", "-c", `rm -rf ${q(into)} && cp -R ${q(empty)} ${q(into)} && exec ${run}`] };
}

/** 200,000 rows: the province's shares of people per village, over 60,000 villages. */
const ROWS_200K = scaleSpec({ villages: 60_000, reserves: 203_000, code: "649903", name: "二十万行样本区" });

export function importCases(options: {
  readonly reserve: readonly string[];
  readonly work: string;
  readonly roster: string;
  readonly empty: string;
  readonly reuse: boolean;
  readonly init: (register: string, dir: string) => string;
}): ImportCase[] {
  const { reserve, work } = options;
  const dir = path.join(work, "rows-200k");
  const done = path.join(dir, "made.json");
  let made: MadeData;
  if (options.reuse && fs.existsSync(done)) made = JSON.parse(fs.readFileSync(done, "utf8")) as MadeData;
  else {
    made = makeData(ROWS_200K, dir, false);
    fs.writeFileSync(done, JSON.stringify(made));
  }
  const empty200k = options.init(made.register, dir);
  // The template libraries are never imported into; a run that failed half-way leaves only its copy.
  spawnSync("rm", ["-rf", path.join(work, "imported"), path.join(dir, "imported")]);
  return [
    {
      key: "import-real",
      label: "`reserve import` of the roster CSV into an empty library (written, cache refreshed)",
      command: freshImport(reserve, options.empty, path.join(work, "imported"), options.roster),
      reference: "import",
      target: 2.0,
      rssTarget: 300,
    },
    {
      key: "import-200k",
      label: `\`reserve import\` of a ${made.rows}-row roster (${made.villages} villages) into an empty library`,
      command: freshImport(reserve, empty200k, path.join(dir, "imported"), made.roster),
      rssTarget: 300,
    },
  ];
}
