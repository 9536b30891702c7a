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
/** A year's sessions in one file (the layout of libraries before session files): 2021.yaml. */
export const TRAINING_YEAR_FILE_NAME = /^(\d{4})\.yaml$/;
/** One session in a file named by its id (domain/training-session.ts): 2021-11-20-640502100-3fa2.yaml. */
export const TRAINING_SESSION_FILE_NAME = /^(\d{4}-\d{2}-\d{2}-(?:\d{6}|\d{9}|\d{12})-[0-9a-f]{4,8})\.yaml$/;
/** Either kind of training file. */
export const TRAINING_FILE_NAME = /^(?:\d{4}|\d{4}-\d{2}-\d{2}-(?:\d{6}|\d{9}|\d{12})-[0-9a-f]{4,8})\.yaml$/;

export function villageFile(code: string): string {
  return `${VILLAGES_DIR}/${code}.yaml`;
}

export function trainingFile(year: number | string): string {
  return `${TRAININGS_DIR}/${year}.yaml`;
}

/** The file of a session with an id of the dated form (one file per session). */
export function sessionFile(id: string): string {
  return `${TRAININGS_DIR}/${id}.yaml`;
}

/**
 * Where a loaded session lives, from the file it was read from (as shown): its year's file, or a
 * file of its own.
 */
export function trainingTarget(shown: string): string {
  return `${TRAININGS_DIR}/${shown.slice(shown.lastIndexOf("/") + 1)}`;
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
