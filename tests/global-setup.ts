import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
// @ts-expect-error -- plain ESM script without types
import { bundle } from "../scripts/bundle.mjs";

/**
 * Builds the CLI (and the test drivers) once per test run into a private folder, so that tests
 * spawn the real bundled program and parallel runs never share a build.
 */
export default async function setup(): Promise<() => void> {
  const dir = mkdtempSync(join(tmpdir(), "reserve-test-build-"));
  await (bundle as (out: string, entries: Record<string, string>) => Promise<void>)(dir, {
    cli: "src/cli/entry.ts",
    "write-driver": "tests/helpers/write-driver.ts",
    "lock-driver": "tests/trust/lock-driver.ts",
  });
  process.env.RESERVE_TEST_BUILD = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
