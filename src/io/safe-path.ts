import * as fs from "node:fs";
import * as path from "node:path";
import { ReserveError } from "../diagnostics/fatal.js";
import { displayPath } from "./layout.js";

/**
 * The library is written only inside its own folder and never through a symbolic link: a link
 * planted in the folder (or a village file replaced by one) could otherwise make the tool
 * overwrite a file elsewhere. Every write target is checked component by component.
 */
export function safeTarget(root: string, rel: string): string {
  const normal = path.posix.normalize(rel);
  if (path.isAbsolute(normal) || normal.startsWith("..") || normal.split("/").includes("..")) {
    throw new ReserveError("unsafe-path", { path: rel, reason: "outside" });
  }
  let cur = root;
  for (const part of normal.split("/")) {
    cur = path.join(cur, part);
    let st: fs.Stats;
    try {
      st = fs.lstatSync(cur);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") continue;
      throw err;
    }
    if (st.isSymbolicLink()) throw new ReserveError("unsafe-path", { path: displayPath(cur), reason: "symlink" });
  }
  return cur;
}

/** Creates the directories leading to a target (inside the library), owner-only. */
export function ensureParentDirs(root: string, rel: string): string[] {
  const created: string[] = [];
  const parts = path.posix
    .dirname(path.posix.normalize(rel))
    .split("/")
    .filter((p) => p !== ".");
  let cur = root;
  for (const part of parts) {
    cur = path.join(cur, part);
    try {
      fs.mkdirSync(cur, { mode: 0o700 });
      created.push(cur);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const st = fs.lstatSync(cur);
      if (st.isSymbolicLink() || !st.isDirectory()) {
        throw new ReserveError("unsafe-path", {
          path: displayPath(cur),
          reason: st.isSymbolicLink() ? "symlink" : "not-dir",
        });
      }
    }
  }
  return created;
}
