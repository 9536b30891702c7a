import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import type { SlowPath } from "./slow-path.js";

/**
 * In the bundle (scripts/bundle.mjs puts this module in place of slow-path-loader.ts): the slow
 * path is dist/slow.js, loaded synchronously on first use (Node ≥ 20.19 requires ES modules). This
 * code sits in dist/ or in dist/chunks/.
 */
export function loadSlowPath(): SlowPath {
  const here = import.meta.url;
  const file = fileURLToPath(new URL(here.includes("/chunks/") ? "../slow.js" : "./slow.js", here));
  return createRequire(here)(file) as SlowPath;
}
