import * as fs from "node:fs";
import * as path from "node:path";
import { ReserveError } from "../diagnostics/fatal.js";
import { DISTRICT_FILE, displayPath } from "./layout.js";

/**
 * Whether a folder is a library, asked before anything is read from it or written into it: a
 * command given the wrong folder must leave it as it was (no state folder, lock, journal or cache
 * in somebody's documents) and say which folder it looked for. Every way into a library — the
 * lock (read-session.ts withLock), a reader's start (beginRead) and the loaders — asks here first.
 *
 * A folder that does not exist (the most common first mistake: no ./data where the command is
 * run, or a mistyped --data) is told apart from one that exists but holds no district.yaml.
 */
export function requireLibrary(root: string, cwd: string = process.cwd()): void {
  // The folder is used as given (relative to the process, as every other file access); `cwd` is
  // where paths are shown from.
  const abs = path.resolve(root);
  const shown = { path: displayPath(abs, cwd), abs };
  let st: fs.Stats;
  try {
    st = fs.statSync(abs);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    // ENOTDIR: a part of the path is a file, so the folder cannot exist either.
    if (code === "ENOENT" || code === "ENOTDIR") throw new ReserveError("library-not-found", shown);
    if (code === "EACCES" || code === "EPERM") throw new ReserveError("permission-denied", { path: shown.path });
    throw err;
  }
  if (!st.isDirectory()) throw new ReserveError("no-library", { ...shown, reason: "not-dir" });
  try {
    fs.statSync(path.join(abs, DISTRICT_FILE));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "EACCES" || code === "EPERM") throw new ReserveError("permission-denied", { path: shown.path });
    throw new ReserveError("no-library", { ...shown, reason: "no-register" });
  }
}
