import { readFileSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { TrainingSession } from "../../src/domain/model.js";
import { sessionFile } from "../../src/io/layout.js";
import { loadLibraryCached } from "../../src/io/load-cached.js";
import { loadLibrary } from "../../src/io/load-library.js";
import { sessionText } from "../../src/io/serialize.js";
import { makeLibrary, person } from "../helpers/library.js";

/**
 * trainings/ as both loaders read it: a year's file of an older library (2021.yaml, ids 2021-01 …)
 * beside sessions in files of their own (trainings/<id>.yaml); the cached loader and the reference
 * give the same sessions and the same findings, at the same places, cold and warm.
 */

const V1 = "640502100201";
const TODAY = "2021-12-31";
const OLD = new Date("2021-06-01T00:00:00Z");
const ID = "2021-11-20-640502100-ff3b";

const SESSION: TrainingSession = {
  id: ID,
  date: "2021-11-20",
  title: "冬训：乡村振兴政策解读",
  level: "镇级",
  unit: "640502100",
  topics: ["政策法规", "农村工作方法"],
  hours: 3,
};

function library(files: Record<string, string>) {
  const dir = makeLibrary({
    books: { [V1]: [person(V1, 1, { trainings: ["2021-01", "2021-02", ID] }), person(V1, 2)] },
  });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, "trainings", name), text);
  for (const name of ["2021.yaml", ...Object.keys(files)]) utimesSync(join(dir, "trainings", name), OLD, OLD);
  return dir;
}

type Tuple = [string | undefined, number | undefined, number | undefined, string];

/** The findings of both loaders (cached cold, then warm), which must agree with the reference. */
function findings(dir: string): Tuple[] {
  const flat = (l: ReturnType<typeof loadLibrary>): Tuple[] =>
    l.diagnostics.map((d) => [d.location?.file, d.location?.line, d.location?.column, d.code]);
  const reference = loadLibrary(dir, { today: TODAY, cwd: dir });
  const cold = loadLibraryCached(dir, { today: TODAY, cwd: dir });
  const warm = loadLibraryCached(dir, { today: TODAY, cwd: dir });
  expect(cold).toEqual(reference);
  expect(warm).toEqual(reference);
  return flat(reference);
}

describe("training files", () => {
  it("reads a session's own file beside the year's file, as a training of its year", () => {
    const dir = library({ [`${ID}.yaml`]: sessionText(SESSION) });
    expect(findings(dir)).toEqual([]);
    const trainings = loadLibrary(dir, { today: TODAY, cwd: dir }).library!.trainings;
    expect(trainings.map((t) => [t.file, t.year, t.sessions.length])).toEqual([
      [`trainings/${ID}.yaml`, 2021, 1],
      ["trainings/2021.yaml", 2021, 12],
    ]);
    expect(trainings[0]!.sessions[0]).toEqual(SESSION);
  });

  it("reports a session file named for another id, at the id", () => {
    const dir = library({ "2021-11-20-640502100-0001.yaml": sessionText(SESSION) });
    expect(findings(dir)).toEqual([["trainings/2021-11-20-640502100-0001.yaml", 2, 5, "training-file-name"]]);
  });

  it("reports an id held by two files where it comes again, naming the first", () => {
    const dir = library({ [`${ID}.yaml`]: sessionText(SESSION) });
    const year = join(dir, "trainings", "2021.yaml");
    writeFileSync(year, readFileSync(year, "utf8").replace('id: "2021-11"', `id: "${ID}"`));
    utimesSync(year, OLD, OLD);
    const lines = readFileSync(year, "utf8").split("\n");
    const line = lines.findIndex((l) => l.includes(ID)) + 1;
    expect(findings(dir)).toEqual([
      ["trainings/2021.yaml", line, lines[line - 1]!.indexOf('"') + 1, "training-duplicate-session"],
    ]);
    const d = loadLibrary(dir, { today: TODAY, cwd: dir }).diagnostics[0]!;
    expect(d.args).toEqual({ id: ID, first: `trainings/${ID}.yaml` });
  });

  it("reports an id twice in the year's file, and a hand-written session file outside the schema", () => {
    const dir = library({
      [sessionFile("2021-12-03-640502-c3d8").slice("trainings/".length)]:
        "# 手工补录\nid: '2021-12-03-640502-c3d8'\ndate: '2021-12-03'\ntitle: 全区冬训班\nlevel: 省级   # 待核\ntopics: [政治理论]\nhours: 8\n",
    });
    const year = join(dir, "trainings", "2021.yaml");
    writeFileSync(year, readFileSync(year, "utf8").replace('id: "2021-12"', 'id: "2021-11"'));
    utimesSync(year, OLD, OLD);
    const lines = readFileSync(year, "utf8").split("\n");
    const line = lines.lastIndexOf('  - id: "2021-11"') + 1;
    expect(findings(dir)).toEqual([
      ["trainings/2021-12-03-640502-c3d8.yaml", 5, 8, "bad-term"],
      ["trainings/2021.yaml", line, 9, "training-duplicate-session"],
    ]);
  });
});
