import { spawnSync } from "node:child_process";
import { chmodSync, chownSync, cpSync, mkdirSync, readFileSync, renameSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir } from "../helpers/library.js";
import { smallImport, V1, type Workspace } from "./fixtures.js";
import { assertNoBug, cli, cliAs, content, leftovers, otherUser, type OtherUser } from "./helpers.js";

/**
 * Faults from the environment (docs/reliability.md): a full disk at every write, permissions, a
 * read-only library, symbolic links planted in the library, inputs that are not regular files, an
 * input that is itself part of the library. Each must end with exit 3 (environment) or 1 (data), a
 * message that says what is wrong, no stack trace, an unchanged library — and no delayed effect:
 * the next command must not complete a change that was reported as failed.
 */

function copyOf(w: Workspace): Workspace {
  const dir = tempDir("reserve-trust-");
  cpSync(w.dir, dir, { recursive: true });
  return { dir, root: join(dir, "data"), roster: join(dir, "roster.csv") };
}

function expectUntouched(w: Workspace, before: Record<string, string>): void {
  expect(content(w.root)).toEqual(before);
  expect(leftovers(w.root)).toEqual([]);
  // The next command finds nothing to finish.
  const next = cli(["audit", "--date", "2021-12-31"], w.dir);
  expect(next.stderr).not.toMatch(/中断|已移除无效的写入锁/);
  expect(content(w.root)).toEqual(before);
}

describe("a fault at a write: a full disk, or any other error", () => {
  const base = smallImport();
  const before = content(base.root);
  const done = copyOf(base);
  const ok = cli(["import", "roster.csv"], done.dir);
  const after = content(done.root);

  it("the import being tested changes the library", () => {
    expect(ok.code, ok.stderr).toBe(0);
    expect(after).not.toEqual(before);
  });

  it("at the N-th write, for every N: before the commit nothing changes, after it the next command completes it", () => {
    let n = 1;
    const seen = { before: 0, after: 0 };
    for (; n < 80; n++) {
      const w = copyOf(base);
      const r = cli(["import", "roster.csv"], w.dir, { RESERVE_FAULT_AT: String(n) });
      assertNoBug(r);
      if (r.code === 0) {
        expect(content(w.root)).toEqual(after);
        break;
      }
      expect(r.code, `write ${n}: ${r.stderr}`).toBe(3);
      if (/修改已确认，但未能全部写入 .*（磁盘空间不足）/.test(r.stderr)) {
        // Failed after the commit point: said so, and the next command finishes the change.
        seen.after++;
        const next = cli(["audit", "--date", "2021-12-31"], w.dir);
        assertNoBug(next);
        expect(next.stderr).toMatch(/上次被中断的写入已完成/);
        expect(content(w.root)).toEqual(after);
        expect(leftovers(w.root)).toEqual([]);
      } else {
        expect(r.stderr).toMatch(/磁盘空间不足，写入 .* 失败；库未被修改/);
        seen.before++;
        expectUntouched(w, before);
      }
    }
    // Every write of the protocol failed once: the temporary folder, new folders, each file, the
    // journal and its rename (the commit point), and each rename after it.
    expect(n).toBeLessThan(80);
    expect(seen.before).toBeGreaterThan(6);
    expect(seen.after).toBeGreaterThan(4);
  });

  it.each([
    ["EACCES", /没有权限读写/],
    ["EROFS", /在只读磁盘上/],
    ["EIO", /读写 .* 时出错（EIO）/],
  ])("any other error at a write (%s) is reported as what it is, and nothing changes", (code, message) => {
    for (const at of [1, 3]) {
      const w = copyOf(base);
      const r = cli(["import", "roster.csv"], w.dir, { RESERVE_FAULT: code, RESERVE_FAULT_AT: String(at) });
      assertNoBug(r);
      expect(r.code).toBe(3);
      expect(r.stderr).toMatch(message);
      expectUntouched(w, before);
    }
  });
});

describe("symbolic links planted in the library are never written through", () => {
  const plant = (w: Workspace, rel: string, isDir: boolean): string => {
    const outside = join(w.dir, "outside");
    const target = join(w.root, rel);
    if (isDir) {
      renameSync(target, outside);
    } else {
      mkdirSync(outside, { recursive: true });
      writeFileSync(join(outside, "victim.yaml"), readFileSync(target));
      renameSync(target, `${target}.moved`);
    }
    symlinkSync(isDir ? outside : join(outside, "victim.yaml"), target);
    if (!isDir) renameSync(`${target}.moved`, join(w.dir, "moved.yaml"));
    return outside;
  };

  it.each([
    ["a village file", `villages/${V1}.yaml`, false, 1],
    ["the villages folder", "villages", true, 3],
  ] as const)("%s pointing outside: refused, nothing outside changes", (_what, rel, isDir, exit) => {
    const w = smallImport();
    const outside = plant(w, rel, isDir);
    const before = content(w.root);
    const outsideBefore = content(outside);
    const r = cli(["import", "roster.csv"], w.dir);
    assertNoBug(r);
    expect(r.code).toBe(exit);
    expect(r.stderr).toMatch(/符号链接/);
    expect(content(outside)).toEqual(outsideBefore);
    expect(content(w.root)).toEqual(before);
    expect(leftovers(w.root)).toEqual([]);
  });

  it.each([["history"], [".reserve"]])("%s pointing outside: refused with exit 3", (rel) => {
    const w = smallImport();
    const outside = join(w.dir, "outside");
    mkdirSync(outside);
    symlinkSync(outside, join(w.root, rel));
    const before = content(w.root);
    const r = cli(["import", "roster.csv"], w.dir);
    assertNoBug(r);
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toMatch(/符号链接/);
    expect(content(outside)).toEqual({});
    expect(content(w.root)).toEqual(before);
  });

  it("the transaction folder pointing outside: refused with exit 3, never followed", () => {
    const w = smallImport();
    const outside = join(w.dir, "outside");
    mkdirSync(outside);
    writeFileSync(join(outside, "1.new"), "keep me\n");
    writeFileSync(join(outside, "journal.json"), "{}");
    mkdirSync(join(w.root, ".reserve"));
    symlinkSync(outside, join(w.root, ".reserve", "tx"));
    const outsideBefore = content(outside);
    const before = content(w.root);
    for (const args of [["import", "roster.csv"], ["audit"]]) {
      const r = cli(args, w.dir);
      assertNoBug(r);
      expect(r.code, r.stderr).toBe(3);
      expect(r.stderr).toMatch(/拒绝写入 \.reserve\/tx：它是符号链接/);
    }
    expect(content(outside)).toEqual(outsideBefore);
    expect(content(w.root)).toEqual(before);
  });

  it("a target that is a folder where a file should be: refused before anything is committed", () => {
    const w = smallImport();
    mkdirSync(join(w.root, ".reserve", "generation"), { recursive: true });
    const before = content(w.root);
    const r = cli(["import", "roster.csv"], w.dir);
    assertNoBug(r);
    expect(r.code, r.stderr).toBe(3);
    expect(content(w.root)).toEqual(before);
    expect(leftovers(w.root)).toEqual([]);
  });
});

describe("inputs that are not regular files", () => {
  it.each([
    ["/dev/zero", () => "/dev/zero"],
    ["a FIFO", (dir: string) => (spawnSync("mkfifo", [join(dir, "fifo.csv")]), "fifo.csv")],
    ["a folder", (dir: string) => (mkdirSync(join(dir, "folder.csv")), "folder.csv")],
    ["a missing file", () => "missing.csv"],
  ])("%s is refused at once with exit 1", (_what, make) => {
    const w = smallImport();
    const input = make(w.dir);
    const before = content(w.root);
    const started = Date.now();
    const r = cli(["import", input], w.dir);
    assertNoBug(r);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/file-unreadable/);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(content(w.root)).toEqual(before);
  });

  it.each([
    ["a village file", `data/villages/${V1}.yaml`],
    ["a roster copied into the library", "data/roster.csv"],
    ["a roster reached through a link into the library", "link/roster.csv"],
  ])("an input inside the library (%s) is refused with exit 1", (_what, input) => {
    const w = smallImport();
    cpSync(w.roster, join(w.root, "roster.csv"));
    symlinkSync(w.root, join(w.dir, "link"));
    const before = content(w.root);
    const r = cli(["import", input], w.dir);
    assertNoBug(r);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/input-in-library/);
    expect(content(w.root)).toEqual(before);
  });
});

const user = otherUser();
const skip = "skip" in user ? user.skip : undefined;

describe.skipIf(skip !== undefined)(`permissions, as an unprivileged user${skip ? ` (skipped: ${skip})` : ""}`, () => {
  const nobody = user as OtherUser;
  const NOBODY = 65534;

  /** The workspace readable by everyone and owned by root: nobody may read but not write it. */
  function readOnlyWorkspace(): Workspace {
    const w = smallImport();
    spawnSync("chmod", ["-R", "a+rX", w.dir]);
    return w;
  }

  /** The workspace owned by nobody, so that it may write. */
  function ownedWorkspace(): Workspace {
    const w = smallImport();
    spawnSync("chown", ["-R", `${NOBODY}:${NOBODY}`, w.dir]);
    return w;
  }

  it("a read-only library folder: exit 3, permission denied, nothing changed", () => {
    const w = readOnlyWorkspace();
    const before = content(w.root);
    const r = cliAs(nobody, ["import", "roster.csv"], w.dir);
    assertNoBug(r);
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toMatch(/没有权限/);
    expect(content(w.root)).toEqual(before);
  });

  it("an unreadable roster: exit 3 naming the file", () => {
    const w = ownedWorkspace();
    chmodSync(w.roster, 0o200);
    const before = content(w.root);
    const r = cliAs(nobody, ["import", "roster.csv"], w.dir);
    assertNoBug(r);
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toMatch(/没有权限读写 roster\.csv/);
    expect(content(w.root)).toEqual(before);
  });

  it("an unreadable village file: exit 3, nothing changed", () => {
    const w = ownedWorkspace();
    chmodSync(join(w.root, "villages", `${V1}.yaml`), 0o200);
    const before = content(w.root);
    const r = cliAs(nobody, ["import", "roster.csv"], w.dir);
    assertNoBug(r);
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toMatch(/没有权限/);
    expect(content(w.root)).toEqual(before);
  });

  it.each([["villages"], ["history"]])(
    "a folder of the library (%s) that cannot be written: exit 3, and the failed import never takes effect later",
    (folder) => {
      const w = ownedWorkspace();
      mkdirSync(join(w.root, "history"), { recursive: true });
      chownSync(join(w.root, "history"), NOBODY, NOBODY);
      chownSync(join(w.root, folder), 0, 0);
      chmodSync(join(w.root, folder), 0o755);
      const before = content(w.root);
      const r = cliAs(nobody, ["import", "roster.csv"], w.dir);
      assertNoBug(r);
      expect(r.code, r.stderr).toBe(3);
      expect(r.stderr).toMatch(/没有权限/);
      expect(content(w.root)).toEqual(before);
      // Once the folder is writable again, nothing of the refused import appears.
      chownSync(join(w.root, folder), NOBODY, NOBODY);
      const next = cliAs(nobody, ["audit", "--date", "2021-12-31"], w.dir);
      assertNoBug(next);
      expect(content(w.root)).toEqual(before);
      expect(leftovers(w.root)).toEqual([]);
    },
  );

  it("a committed change that cannot be completed says so, and is completed once the folder is writable", () => {
    const w = ownedWorkspace();
    const done = copyOf(w);
    expect(cli(["import", "roster.csv"], done.dir).code).toBe(0);
    const after = content(done.root);
    const killed = cliAs(nobody, ["import", "roster.csv"], w.dir, { RESERVE_CRASH_AT: "tx:after-journal" });
    expect(killed.code).toBe(null);
    chownSync(join(w.root, "villages"), 0, 0);
    const stuck = cliAs(nobody, ["audit", "--date", "2021-12-31"], w.dir);
    assertNoBug(stuck);
    expect(stuck.code, stuck.stderr).toBe(3);
    expect(stuck.stderr).toMatch(/修改已确认，但未能全部写入 .*（没有权限）；下次运行 reserve 时会自动完成/);
    chownSync(join(w.root, "villages"), NOBODY, NOBODY);
    const next = cliAs(nobody, ["audit", "--date", "2021-12-31"], w.dir);
    assertNoBug(next);
    expect(next.stderr).toMatch(/上次被中断的写入已完成/);
    expect(content(w.root)).toEqual(after);
    expect(leftovers(w.root)).toEqual([]);
  });
});
