import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadLibrary } from "../../src/io/load-library.js";
import { runCli } from "../helpers/cli.js";
import { tempDir } from "../helpers/library.js";

const REGISTER = [
  "统计用区划代码,城乡分类代码,名称",
  "640502000000,,沙坡头区",
  "640502100000,,滨河镇",
  "640502100201,220,沙坡村",
  "640502100202,220,黄河村",
  "640502100001,111,滨河社区",
  "640502101000,,文昌镇",
  "640502101201,220,红泉村",
  "",
].join("\r\n");

describe("reserve init", () => {
  it("creates a library for any district from its division code list", () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, "reg.csv"), REGISTER);
    const r = runCli(["init", "lib", "--register", "reg.csv", "--year", "2021"], { cwd });
    expect([r.code, r.stderr]).toEqual([0, ""]);
    expect(r.stdout).toContain("已在 lib 新建后备干部库：2 个乡镇，4 个村。");
    const loaded = loadLibrary(join(cwd, "lib"), { today: "2021-12-31", cwd });
    expect(loaded.diagnostics).toEqual([]);
    const d = loaded.library!.district;
    expect([d.code, d.name, d.year]).toEqual(["640502", "沙坡头区", 2021]);
    expect(d.villages.map((v) => [v.code, v.name, v.town, v.kind])).toEqual([
      ["640502100001", "滨河社区", "640502100", "社区"],
      ["640502100201", "沙坡村", "640502100", "村"],
      ["640502100202", "黄河村", "640502100", "村"],
      ["640502101201", "红泉村", "640502101", "村"],
    ]);
    expect(d.policy.quota).toEqual({ min: 2, target: 3 });
    expect(readFileSync(join(cwd, "lib", ".gitignore"), "utf8")).toContain(".reserve/");
    // A fresh library has every village below the quota: audit says so.
    const audit = runCli(["audit", "--data", "lib", "--format", "json"], { cwd });
    expect((JSON.parse(audit.stdout) as { summary: { villagesBelowMin: number } }).summary.villagesBelowMin).toBe(3);
  });

  it("reads a GBK-encoded list as saved by Excel on Chinese Windows", () => {
    const cwd = tempDir();
    const gbk = new Map([["沙坡头区", "c9b3c6c2cdb7c7f8"]]);
    // 沙坡头区 in GBK, then the rest in ASCII codes and a GBK town name.
    const bytes = Buffer.concat([
      Buffer.from("640502000000,", "ascii"),
      Buffer.from(gbk.get("沙坡头区")!, "hex"),
      Buffer.from("\r\n640502100000,", "ascii"),
      Buffer.from("b1f5bad3d5f2", "hex"),
      Buffer.from("\r\n", "ascii"),
    ]);
    writeFileSync(join(cwd, "reg.csv"), bytes);
    const r = runCli(["init", "lib", "--register", "reg.csv"], { cwd });
    expect(r.code).toBe(0);
    expect(readFileSync(join(cwd, "lib", "district.yaml"), "utf8")).toMatch(/name: 沙坡头区\n/);
  });

  it("refuses a non-empty folder and a register with bad codes, creating nothing", () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, "reg.csv"), REGISTER.replace("640502100202", "64050210022"));
    const r = runCli(["init", "lib", "--register", "reg.csv"], { cwd });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/reg\.csv:5:1 \[统计用区划代码\] 错误 bad-code/);
    expect(existsSync(join(cwd, "lib"))).toBe(false);
    const again = runCli(["init", ".", "--register", "reg.csv"], { cwd });
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/已存在且不是空文件夹/);
  });
});
