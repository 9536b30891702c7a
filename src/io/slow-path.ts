import type * as SlowModule from "./load-library.js";
import { loadSlowPath } from "./slow-path-loader.js";

/**
 * The slow path of loading (load-library.ts: the YAML library, the schemas) is loaded only when a
 * file must be read afresh, so that a library read from the cache never loads it. From the
 * sources it is an ordinary import (slow-path-loader.ts); the bundle (scripts/bundle.mjs) builds
 * it as dist/slow.js and loads it synchronously on first use (slow-path-loader.bundle.ts).
 */
export type SlowPath = typeof SlowModule;

let slow: SlowPath | undefined;

export function slowPath(): SlowPath {
  return (slow ??= loadSlowPath());
}
