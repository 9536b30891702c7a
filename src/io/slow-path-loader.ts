import * as slow from "./load-library.js";

/** From the sources (tests, scripts): the slow path is imported like any module. */
export function loadSlowPath(): typeof slow {
  return slow;
}
