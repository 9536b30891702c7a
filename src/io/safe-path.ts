import * as fs from "node:fs";
import * as path from "node:path";
import { ReserveError } from "../diagnostics/fatal.js";
import { mkdirPrivateSync } from "./fs-ops.js";
import { displayPath } from "./layout.js";

/**
 * The library is written only inside its own folder and never through a symbolic link: a link
 * planted in the folder (or a village file replaced by one) could otherwise make the tool
 * overwrite a file elsewhere. Every write target is checked component by component, and the
 * target itself must be a regular file if it exists (a folder in its place would make the rename
 * fail half-way through a commit). `folders`, kept over the targets of one commit, holds the folders
 * already found to be folders, which are not looked at again (a province's import writes 15,000
 * files into one).
 */
export function safeTarget(root: string, rel: string, folders?: Set<string>): string {
  const normal = path.posix.normalize(rel);
  if (path.isAbsolute(normal) || normal.startsWith("..") || normal.split("/").includes("..")) {
    throw new ReserveError("unsafe-path", { path: rel, reason: "outside" });
  }
  const parts = normal.split("/");
  let cur = root;
  for (const [i, part] of parts.entries()) {
    cur = path.join(cur, part);
    if (i < parts.length - 1 && folders?.has(cur)) continue;
    let st: fs.Stats;
    try {
      st = fs.lstatSync(cur);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") continue;
      throw err;
    }
    if (st.isSymbolicLink()) throw new ReserveError("unsafe-path", { path: displayPath(cur), reason: "symlink" });
    if (i === parts.length - 1 && !st.isFile()) {
      throw new ReserveError("unsafe-path", { path: displayPath(cur), reason: "not-file" });
    }
    if (i < parts.length - 1 && st.isDirectory()) folders?.add(cur);
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
    let st: fs.Stats | undefined;
    try {
      st = fs.lstatSync(cur);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
    }
    if (st === undefined) {
      // Through fs-ops, so that a fault injected at this write fails it like any other.
      mkdirPrivateSync(cur);
      created.push(cur);
    } else if (st.isSymbolicLink() || !st.isDirectory()) {
      throw new ReserveError("unsafe-path", {
        path: displayPath(cur),
        reason: st.isSymbolicLink() ? "symlink" : "not-dir",
      });
    }
  }
  return created;
}

/**
 * True when `file` is inside `folder`, after resolving symbolic links on both sides (a path that
 * does not exist is compared as written).
 */
export function isInsideFolder(file: string, folder: string): boolean {
  const real = (p: string) => {
    try {
      return fs.realpathSync(p);
    } catch {
      return path.resolve(p);
    }
  };
  const rel = path.relative(real(folder), real(file));
  return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
}
