import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { makeLibrary, person } from "../helpers/library.js";
import { fixtureLibrary, V1, V2, V4 } from "./fixture.js";
import { NOW } from "./helpers.js";

/** `reserve show`: one person's file by internal id or name; namesakes; lists of towns and villages. */

const env = { RESERVE_NOW: NOW };

describe("reserve show", () => {
  const lib = fixtureLibrary();

  it("finds a person by internal id or by name, ignoring spaces typed around or inside the name", () => {
    const byId = runCli(["show", `${V2}-01`, "--data", lib], { cwd: lib, env });
    const byName = runCli(["show", " 马 英 ", "--data", lib], { cwd: lib, env });
    expect(byId.code).toBe(0);
    expect(byName.stdout).toBe(byId.stdout);
    expect(byId.stdout).toMatch(/^马英 后备干部档案（一人一档）/);
    expect(byId.stdout).toContain("【年度测评】");
  });

  it("lists namesakes and asks which one is meant; --village picks one", () => {
    const twins = makeLibrary({
      books: {
        [V1]: [person(V1, 1, { name: "张伟" })],
        [V4]: [person(V4, 1, { name: "张伟" })],
      },
    });
    const r = runCli(["show", "张伟", "--data", twins], { cwd: twins, env });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("有 2 个人叫“张伟”");
    expect(r.stderr).toContain(`${V1}-01`);
    expect(r.stderr).toContain(`${V4}-01`);
    expect(r.stdout).toBe("");
    const one = runCli(["show", "张伟", "--data", twins, "--village", "文昌镇/红泉村"], { cwd: twins, env });
    expect(one.code).toBe(0);
    expect(one.stdout).toContain(`${V4}-01`);
  });

  it("says plainly when nobody matches (exit 2) and changes nothing", () => {
    const r = runCli(["show", "查无此人", "--data", lib], { cwd: lib, env });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("找不到“查无此人”");
    expect(existsSync(join(lib, "history"))).toBe(false);
  });

  it("lists towns and villages, as text and as JSON", () => {
    const towns = runCli(["show", "towns", "--data", lib], { cwd: lib, env });
    expect(towns.stdout.split("\n").filter(Boolean)).toEqual([
      "乡镇代码   乡镇    行政村  在库  低于最低的村",
      "640502100  滨河镇  2       6     0",
      "640502101  文昌镇  2       4     1",
    ]);
    const villages = runCli(["show", "villages", "--data", lib, "--town", "滨河镇", "--format", "json"], {
      cwd: lib,
      env,
    });
    const list = JSON.parse(villages.stdout) as { code: string; inPool: number; quotaStatus: string | null }[];
    expect(list.map((v) => [v.code, v.inPool, v.quotaStatus])).toEqual([
      [V1, 2, "below-target"],
      [V2, 3, "at-target"],
      ["640502100203", 1, null],
    ]);
  });

  it("prints the record as JSON with the ID number and phone masked", () => {
    const r = runCli(["show", `${V1}-01`, "--data", lib, "--format", "json"], { cwd: lib, env });
    const doc = JSON.parse(r.stdout) as { record: { id_number: string; phone: string }; inPool: boolean; age: number };
    expect(doc.record.id_number).toMatch(/^640502\*{8}\d{3}[\dX]$/);
    expect(doc.record.phone).toMatch(/^139\*{4}\d{4}$/);
    expect(doc.inPool).toBe(true);
    expect(doc.age).toBe(36);
  });
});
