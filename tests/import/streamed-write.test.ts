import { spawnSync } from "node:child_process";
import { cpSync, existsSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { importRosters } from "../../src/commands/import.js";
import type * as Session from "../../src/io/library-session.js";
import { builtFile, noteCliRun } from "../helpers/cli.js";
import { tempDir } from "../helpers/library.js";
import { cli, content, generatedImport, leftovers, NOW, TODAY } from "../trust/helpers.js";

/**
 * An import of many villages stages each village file as it is made (src/commands/import.ts
 * villageWrites, src/io/transaction.ts commit) and flushes the files past the first ones together.
 * The library it leaves must be the one the whole-list path left, byte for byte, cache included;
 * killed or failing while it stages, the library is as it was.
 */

const lists = vi.hoisted(() => ({ on: false }));

// The whole-list path: the writes gathered into one array before the commit, as every import did.
vi.mock("../../src/io/library-session.js", async (original) => {
  const real = await original<typeof Session>();
  return {
    ...real,
    changeLibrary: ((root, options, fn) =>
      real.changeLibrary(root, options, (loaded) => {
        const change = fn(loaded);
        return lists.on ? { ...change, writes: [...change.writes] } : change;
      })) as typeof real.changeLibrary,
  };
});

afterEach(() => {
  lists.on = false;
});

// More villages than the transaction flushes one by one (FLUSH_EACH), some already in the library.
const g = generatedImport({ villages: 150, reserves: 520, preloaded: 25 });
const before = content(g.root);

function copyOf(): string {
  const dir = join(tempDir("reserve-stream-"), "lib");
  cpSync(g.root, dir, { recursive: true });
  return dir;
}

async function imported(asList: boolean) {
  const root = copyOf();
  lists.on = asList;
  const saved = process.env.RESERVE_NOW;
  process.env.RESERVE_NOW = NOW;
  try {
    const result = await importRosters({ root, cwd: root, files: [g.roster], today: TODAY, waitMs: 0 });
    return { root, result };
  } finally {
    if (saved === undefined) delete process.env.RESERVE_NOW;
    else process.env.RESERVE_NOW = saved;
  }
}

describe("an import of many villages, streamed", () => {
  it("writes the same library, history and summary as the whole-list path", async () => {
    const streamed = await imported(false);
    const listed = await imported(true);
    expect(streamed.result.status).toBe("imported");
    expect(listed.result.status).toBe("imported");
    const after = content(streamed.root);
    const villages = Object.keys(after).filter((k) => k.startsWith("villages/") && after[k] !== before[k]);
    expect(villages.length).toBeGreaterThan(100);
    expect(Object.keys(after).filter((k) => k.startsWith("history/") && !(k in before))).toHaveLength(1);
    expect(after).toEqual(content(listed.root));
    expect(streamed.result.villages).toEqual(listed.result.villages);
    expect(streamed.result.quota).toEqual(listed.result.quota);
    expect(streamed.result.historyFile).toBe(listed.result.historyFile);
    expect(leftovers(streamed.root)).toEqual([]);
  });

  it("leaves a cache the next command trusts: its answers are those of the library read afresh", async () => {
    const { root } = await imported(false);
    expect(readdirSync(join(root, ".reserve", "cache")).some((n) => n.startsWith("villages-"))).toBe(true);
    const afresh = copyOf();
    rmSync(afresh, { recursive: true });
    cpSync(root, afresh, { recursive: true, filter: (src) => !src.includes(".reserve") });
    // The findings as text (their JSON is over the 1 MiB a test's child output may be).
    const cached = cli(["audit", "--data", root], root);
    const read = cli(["audit", "--data", afresh], afresh);
    expect(cached.stdout.length).toBeGreaterThan(0);
    expect(cached.stdout.length).toBeLessThan(2 ** 19);
    expect(cached.code).toBe(read.code);
    expect(cached.stdout).toBe(read.stdout);
  });
});

describe("an import of many villages interrupted while it stages", () => {
  const run = (root: string, env: Record<string, string>) => {
    const r = spawnSync(process.execPath, [builtFile("cli.js"), "import", g.roster, "--data", root], {
      encoding: "utf8",
      env: { PATH: process.env.PATH ?? "", NO_COLOR: "1", RESERVE_NOW: NOW, RESERVE_USER: "tester", ...env },
    });
    noteCliRun(["import", g.roster], r);
    return r;
  };

  // 100: staged without its own flush; tx:after-temps: all staged, the batch flushed, no journal yet.
  it.each(["tx:after-temp:100", "tx:after-temps"])("killed at %s, the next command undoes it", (point) => {
    const root = copyOf();
    expect(run(root, { RESERVE_CRASH_AT: point }).signal).toBe("SIGKILL");
    expect(existsSync(join(root, ".reserve", "tx", "100.new"))).toBe(true);
    const next = cli(["show", "towns", "--data", root], root);
    expect(next.stderr).toMatch(/已撤销/);
    expect(content(root)).toEqual(before);
    expect(leftovers(root)).toEqual([]);
  });

  it("failing to write its 120th file, it reports the disk's error and changes nothing", () => {
    const root = copyOf();
    // The transaction folder is the first write, then one temporary file each.
    const r = run(root, { RESERVE_FAULT_AT: "121" });
    expect(r.status).toBe(3);
    expect(r.stderr).toMatch(/ENOSPC|空间/);
    expect(content(root)).toEqual(before);
    expect(leftovers(root)).toEqual([]);
  });
});
