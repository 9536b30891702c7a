import { afterEach, expect } from "vitest";
import { takeRunsWithStack } from "./cli.js";

/**
 * Set up for every test file (vitest.config.ts): after each test, no run of the CLI it made (see
 * noteCliRun in cli.ts) printed a stack trace or the words for a bug. One assertion over the
 * whole suite's CLI runs, so that no test has to remember to ask.
 */
afterEach(() => {
  expect(takeRunsWithStack(), "a run of the CLI printed a stack trace").toEqual([]);
});
