import { cpSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { decodeMemo, encodeMemo, readMemo, takeSnapshot, writeMemo } from "../../src/io/audit-memo.js";
import { CACHE_DIR, RACY_NS } from "../../src/io/library-cache.js";
import { runCli } from "../helpers/cli.js";
import { tempDir } from "../helpers/library.js";

/**
 * The audit's memo (src/io/audit-memo.ts): what an audit printed is printed again only while every
 * file it read is exactly as it was, and for exactly the same question. The library is the bundled
 * sample, with its 43 planted findings.
 */

const NOW = "2021-12-01T10:00:00+08:00";
const DATA = join(import.meta.dirname, "..", "..", "data");
const BOOK = "villages/640502100201.yaml";
/** Ten seconds on: files written by the test are then old enough to be trusted. */
const later = () => BigInt(Date.now()) * 1_000_000n + 10_000_000_000n;

function copySample(): string {
  const dir = tempDir("reserve-memo-");
  cpSync(DATA, join(dir, "lib"), { recursive: true, filter: (src) => !src.includes(".reserve") });
  return dir;
}

function audit(cwd: string, args: readonly string[] = [], env: Record<string, string> = {}) {
  return runCli(["audit", "--data", "lib", ...args], { cwd, env: { RESERVE_NOW: NOW, ...env } });
}

function memoFiles(lib: string): string[] {
  return readdirSync(join(lib, CACHE_DIR)).filter((n) => n.endsWith(".memo"));
}

describe("the memo's record of the library", () => {
  it("is used while nothing changed, and not after an edit, a new file or a removed one", () => {
    const lib = join(copySample(), "lib");
    const before = takeSnapshot(lib, later())!;
    expect(before.racy).toBe(false);
    expect(before.names).toContain(BOOK);
    expect(before.names).toContain("district.yaml");
    // readMemo finds nothing until writeMemo has kept something.
    expect(readMemo(lib, "k", before)).toBeUndefined();
    // The cache folder exists once an audit has run; make it as one would.
    audit(join(lib, ".."), [], { RESERVE_AUDIT_MEMO: "0" });
    writeMemo(lib, "k", before, { lines: ["a", "b"], code: 1 });
    expect(readMemo(lib, "k", takeSnapshot(lib, later())!)).toEqual({ lines: ["a", "b"], code: 1 });
    expect(readMemo(lib, "another question", takeSnapshot(lib, later())!)).toBeUndefined();

    // Same size, modification time put back: only the change time tells, and it is enough.
    const file = join(lib, BOOK);
    const text = readFileSync(file, "utf8");
    const { atime, mtime } = statSync(file);
    writeFileSync(file, text.replace("汉族", "回族"));
    expect(readFileSync(file, "utf8").length).toBe(text.length);
    utimesSync(file, atime, mtime);
    expect(readMemo(lib, "k", takeSnapshot(lib, later())!)).toBeUndefined();

    writeMemo(lib, "k", takeSnapshot(lib, later())!, { lines: ["c"], code: 0 });
    expect(readMemo(lib, "k", takeSnapshot(lib, later())!)?.lines).toEqual(["c"]);
    writeFileSync(join(lib, "villages", "说明.txt"), "not a book");
    expect(readMemo(lib, "k", takeSnapshot(lib, later())!)).toBeUndefined();
    rmSync(join(lib, "villages", "说明.txt"));
    // The same names again, but the folder itself was changed meanwhile: not trusted either.
    expect(readMemo(lib, "k", takeSnapshot(lib, later())!)).toBeUndefined();
    writeMemo(lib, "k", takeSnapshot(lib, later())!, { lines: ["d"], code: 0 });
    expect(readMemo(lib, "k", takeSnapshot(lib, later())!)?.lines).toEqual(["d"]);
    rmSync(join(lib, "trainings"), { recursive: true });
    expect(readMemo(lib, "k", takeSnapshot(lib, later())!)).toBeUndefined();
  });

  it("is not kept when a file was modified too recently for its times to tell a change", () => {
    const lib = join(copySample(), "lib");
    audit(join(lib, ".."), [], { RESERVE_AUDIT_MEMO: "0" });
    const now = takeSnapshot(lib)!;
    expect(now.racy).toBe(true);
    writeMemo(lib, "k", now, { lines: ["x"], code: 0 });
    expect(memoFiles(lib)).toEqual([]);
    // The same files, looked at once the window has passed, are trusted.
    expect(takeSnapshot(lib, now.takenAt + RACY_NS + 1_000_000_000n)!.racy).toBe(false);
  });

  it("is ignored when damaged, and round-trips through its encoding", () => {
    const lib = join(copySample(), "lib");
    audit(join(lib, ".."), [], { RESERVE_AUDIT_MEMO: "0" });
    const snap = takeSnapshot(lib, later())!;
    writeMemo(lib, "k", snap, { lines: ["ok"], code: 1 });
    const [name] = memoFiles(lib);
    const file = join(lib, CACHE_DIR, name!);
    const bytes = readFileSync(file);
    const decoded = decodeMemo(bytes)!;
    expect(decoded.lines).toEqual(["ok"]);
    expect(encodeMemo(decoded).equals(bytes)).toBe(true);
    for (const at of [0, 9, 20, Math.floor(bytes.length / 2), bytes.length - 1]) {
      const damaged = Buffer.from(bytes);
      damaged[at] = damaged[at]! ^ 0x5a;
      expect(decodeMemo(damaged), `byte ${at}`).toBeUndefined();
    }
    writeFileSync(file, bytes.subarray(0, bytes.length - 3));
    expect(readMemo(lib, "k", snap)).toBeUndefined();
  });
});

describe("reserve audit with its memo", () => {
  let work: string;
  let fresh: { text: string; json: string; en: string };

  beforeAll(async () => {
    work = copySample();
    // Files copied a moment ago are too new to be trusted; wait out the window once.
    await new Promise((r) => setTimeout(r, Number(RACY_NS / 1_000_000n) + 200));
    const off = { RESERVE_AUDIT_MEMO: "0" };
    fresh = {
      text: audit(work, [], off).stdout,
      json: audit(work, ["--format", "json"], off).stdout,
      en: audit(work, ["--lang", "en"], off).stdout,
    };
  }, 30_000);

  it("answers a question asked again from the memo: the same output and exit code", () => {
    const first = audit(work);
    expect(first.code).toBe(1);
    expect(first.stdout).toBe(fresh.text);
    expect(first.stdout).toMatch(/共 \d+ 个错误、\d+ 个警告；4 个村低于最低储备人数/);
    const lib = join(work, "lib");
    expect(memoFiles(lib)).toHaveLength(1);
    // Another question (format, language) is another memo, never the first one's answer.
    expect(audit(work, ["--format", "json"]).stdout).toBe(fresh.json);
    expect(audit(work, ["--lang", "en"]).stdout).toBe(fresh.en);
    expect(memoFiles(lib)).toHaveLength(3);

    // The text printed comes from the memo: a memo changed behind the tool's back is what it prints.
    const printed = (n: string) => `${decodeMemo(readFileSync(join(lib, CACHE_DIR, n)))!.lines.join("\n")}\n`;
    const file = join(
      lib,
      CACHE_DIR,
      memoFiles(lib).find((n) => printed(n) === fresh.text)!,
    );
    const memo = decodeMemo(readFileSync(file))!;
    writeFileSync(file, encodeMemo({ ...memo, lines: ["（来自备忘）"], code: 0 }));
    const replayed = audit(work);
    expect(replayed.stdout).toBe("（来自备忘）\n");
    expect(replayed.code).toBe(0);

    // Once a book is edited, the audit works its findings out again.
    const book = join(lib, BOOK);
    writeFileSync(book, readFileSync(book, "utf8").replace(/^ {4}phone: .*\n/m, ""));
    const after = audit(work);
    expect(after.stdout).not.toContain("（来自备忘）");
    expect(after.stdout).toBe(audit(work, [], { RESERVE_AUDIT_MEMO: "0" }).stdout);
  });

  it("is not used with RESERVE_AUDIT_MEMO=0, and the library itself is never written", () => {
    const lib = join(work, "lib");
    const before = readdirSync(join(lib, "villages")).map((n) => statSync(join(lib, "villages", n)).mtimeMs);
    const file = join(lib, CACHE_DIR, memoFiles(lib)[0]!);
    const memo = decodeMemo(readFileSync(file))!;
    writeFileSync(file, encodeMemo({ ...memo, lines: ["（来自备忘）"] }));
    expect(audit(work, [], { RESERVE_AUDIT_MEMO: "0" }).stdout).not.toContain("（来自备忘）");
    expect(readdirSync(join(lib, "villages")).map((n) => statSync(join(lib, "villages", n)).mtimeMs)).toEqual(before);
  });
});
