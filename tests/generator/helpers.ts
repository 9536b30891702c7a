import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Library } from "../../src/domain/library.js";
import { generateDistrict, SAMPLE_SEED, SHAPOTOU, type GeneratedDistrict } from "../../src/generator/index.js";
import { loadLibrary, type LoadedLibrary } from "../../src/io/load-library.js";

export const ROOT = resolve(fileURLToPath(new URL("../..", import.meta.url)));
export const DATA = join(ROOT, "data");
export const REGISTER_CSV = join(ROOT, "examples", "640502-register.csv");

/** The audit's day for the sample: the last day of its working year. */
export const SAMPLE_DATE = "2021-12-31";

let sample: GeneratedDistrict | undefined;
/** The bundled sample regenerated in memory (the same seed as the committed data/). */
export function sampleInMemory(): GeneratedDistrict {
  sample ??= generateDistrict(SHAPOTOU, SAMPLE_SEED);
  return sample;
}

let loaded: LoadedLibrary | undefined;
/** The committed data/ as the tool reads it. */
export function loadedSample(): LoadedLibrary {
  loaded ??= loadLibrary(DATA, { today: SAMPLE_DATE, cwd: ROOT });
  return loaded;
}

export function sampleLibrary(): Library {
  const lib = loadedSample().library;
  if (!lib) throw new Error("data/district.yaml could not be read");
  return lib;
}

export function text(path: string): string {
  return readFileSync(path, "utf8");
}
