import * as path from "node:path";

/**
 * Where things live inside a library folder. File names come from codes and years, never from
 * names typed by users.
 */
export const DISTRICT_FILE = "district.yaml";
export const VILLAGES_DIR = "villages";
export const TRAININGS_DIR = "trainings";
export const HISTORY_DIR = "history";
/** Tool state that is not part of the library: lock, unfinished transaction, cache. Never committed. */
export const STATE_DIR = ".reserve";
export const LOCK_FILE = `${STATE_DIR}/lock`;
export const TX_DIR = `${STATE_DIR}/tx`;
export const JOURNAL_FILE = `${TX_DIR}/journal.json`;
export const GENERATION_FILE = `${STATE_DIR}/generation`;

export const VILLAGE_FILE_NAME = /^(\d{12})\.yaml$/;
export const TRAINING_FILE_NAME = /^(\d{4})\.yaml$/;

export function villageFile(code: string): string {
  return `${VILLAGES_DIR}/${code}.yaml`;
}

export function trainingFile(year: number | string): string {
  return `${TRAININGS_DIR}/${year}.yaml`;
}

/**
 * A path as the user would type it: relative to the working directory when the file is below it,
 * with forward slashes, so messages are the same on every machine that runs in the same place.
 */
export function displayPath(absolute: string, cwd: string = process.cwd()): string {
  const rel = path.relative(cwd, absolute);
  const shown = rel === "" ? "." : rel.startsWith("..") || path.isAbsolute(rel) ? absolute : rel;
  return shown.split(path.sep).join("/");
}
