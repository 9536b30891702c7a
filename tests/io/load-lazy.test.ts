import { cpSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadLibraryCached, loadLibraryLazy } from "../../src/io/load-cached.js";
import { tempDir } from "../helpers/library.js";

/**
 * The library with its records decoded on first use (what `reserve report` loads) is the library
 * loadLibraryCached gives, record for record and finding for finding — also when an internal id is
 * used again in another village's file, which the lazy load finds from the record keys alone.
 */

const DATA = join(import.meta.dirname, "..", "..", "data");
const TODAY = "2021-12-31";

function loads(root: string): { cached: string; lazy: string } {
  const options = { today: TODAY, cwd: root };
  const json = (l: ReturnType<typeof loadLibraryCached>) =>
    JSON.stringify({
      diagnostics: l.diagnostics,
      books: l.library?.books.map((b) => ({ ...b, reserves: b.reserves })),
    });
  // The lazy load second, from the cache the first one wrote, and the other way round.
  const lazyCold = json(loadLibraryLazy(root, options));
  const cached = json(loadLibraryCached(root, options));
  const lazy = json(loadLibraryLazy(root, options));
  expect(lazyCold).toBe(cached);
  return { cached, lazy };
}

describe("loadLibraryLazy", () => {
  it("gives the books and findings loadLibraryCached gives, with an internal id used twice", () => {
    const cwd = tempDir("reserve-load-lazy-");
    const root = join(cwd, "library");
    cpSync(DATA, root, { recursive: true, filter: (src) => !src.includes(`${join(DATA, ".reserve")}`) });
    try {
      const clean = loads(root);
      expect(clean.lazy).toBe(clean.cached);
      expect(clean.cached).not.toContain("person-id-duplicate");
      // A record copied into another village's file as an office would paste it, id and all.
      const from = readFileSync(join(root, "villages", "640502106217.yaml"), "utf8");
      const record = from.slice(
        from.indexOf("\n  - id:") + 1,
        from.indexOf("\n  - id:", from.indexOf("\n  - id:") + 1) + 1,
      );
      const to = join(root, "villages", "640502100201.yaml");
      writeFileSync(to, `${readFileSync(to, "utf8").trimEnd()}\n${record}`);
      const twice = loads(root);
      expect(twice.lazy).toBe(twice.cached);
      expect(twice.cached).toContain("person-id-duplicate");
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  });
});
