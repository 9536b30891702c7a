import { STATE_DIR } from "./layout.js";

/** Where the derived state beside a library lives, and what makes it valid (library-cache.ts). */

export const CACHE_DIR = `${STATE_DIR}/cache`;

/** How close to its reading a file's modification time makes its entry racily clean. */
export const RACY_NS = 3_000_000_000n;

declare const __RESERVE_BUILD__: string | undefined;
/** Entries are valid only for the code that wrote them; from the sources, one shared label. */
export const CACHE_BUILD = typeof __RESERVE_BUILD__ === "string" ? __RESERVE_BUILD__ : "sources";

/** The wall clock in nanoseconds, on the scale of file times. */
export function nowNs(): bigint {
  return BigInt(Date.now()) * 1_000_000n;
}
