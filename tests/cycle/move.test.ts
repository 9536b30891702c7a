import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadLibrary } from "../../src/io/load-library.js";
import { baseSpec, member, V1, V2, V4 } from "../catalogue/case.js";
import { runCli } from "../helpers/cli.js";
import { makeLibrary, tempDir } from "../helpers/library.js";

/**
 * `reserve move`: the move is written in the person's file as well as in the history, the output
 * says that the internal id keeps the village of entry, a village left below the minimum is
 * named with its count, and someone who has left the pool is moved only when asked for.
 */

const NOW = "2021-12-20T04:00:00Z";

function setUp() {
  const cwd = tempDir("reserve-move-");
  const spec = baseSpec();
  const out = member(V1, 4, {
    status: "调整出库",
    status_changes: [
      { status: "在库", date: "2020-12-10", reason: "县级审核通过" },
      { status: "调整出库", date: "2021-12-18", reason: "年度测评不称职" },
    ],
  });
  makeLibrary({ ...spec, books: { ...spec.books, [V1]: [...spec.books[V1]!, out] } }, join(cwd, "data"));
  return cwd;
}

function move(cwd: string, args: readonly string[]) {
  return runCli(["move", ...args], { cwd, env: { RESERVE_NOW: NOW } });
}

function record(cwd: string, id: string) {
  const lib = loadLibrary(join(cwd, "data"), { today: "2021-12-20", cwd }).library!;
  for (const b of lib.books) {
    const r = b.reserves.find((x) => x.id === id);
    if (r) return { village: b.village, reserve: r };
  }
  throw new Error(`no ${id}`);
}

describe("reserve move", () => {
  it("writes the move in the person's file and says the internal id keeps the village of entry", () => {
    const cwd = setUp();
    const r = move(cwd, [`${V1}-01`, "--to", "黄河村", "--reason", "婚后迁居黄河村", "--date", "2021-12-01"]);
    expect([r.code, r.stderr]).toEqual([0, ""]);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(
      /^已把 测试二〇一〇一（640502100201-01）从滨河镇沙坡村调到滨河镇黄河村。变更记录：history\/2021\/20211220T040000Z-move-[0-9a-f]{8}\.yaml$/,
    );
    expect(lines.slice(1)).toEqual([
      "调动已记入本人档案（moves）。内部编号 640502100201-01 不变：前 12 位是入库时所在村（滨河镇沙坡村）的代码，不随调动改变。",
    ]);
    const moved = record(cwd, `${V1}-01`);
    expect(moved.village).toBe(V2);
    expect(moved.reserve.moves).toEqual([
      { date: "2021-12-01", from_village: V1, to_village: V2, reason: "婚后迁居黄河村" },
    ]);
    const text = readFileSync(join(cwd, "data", "villages", `${V2}.yaml`), "utf8");
    expect(text).toContain(
      '    moves:\n      - date: "2021-12-01"\n        from_village: "640502100201"\n        to_village: "640502100202"\n        reason: 婚后迁居黄河村\n',
    );
    // Moved once more, the file keeps both moves in order; the id still names 沙坡村.
    const again = move(cwd, [`${V1}-01`, "--to", "红泉村", "--reason", "随家人迁往文昌镇", "--format", "json"]);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({
      moved: true,
      id: `${V1}-01`,
      from: V2,
      to: V4,
      date: "2021-12-20",
      entryName: "滨河镇沙坡村",
      belowMin: null,
    });
    expect(record(cwd, `${V1}-01`).reserve.moves!.map((m) => [m.date, m.from_village, m.to_village])).toEqual([
      ["2021-12-01", V1, V2],
      ["2021-12-20", V2, V4],
    ]);
    // The record with its moves is a valid person's file: the audit finds no error (the
    // warnings are about 沙坡村 left with two and the fixtures' look-alike names in 红泉村).
    const audit = runCli(["audit"], { cwd, env: { RESERVE_NOW: NOW } });
    expect([audit.code, audit.stderr]).toEqual([0, ""]);
    expect(audit.stdout).toContain("共 0 个错误、4 个警告");
  });

  it("names the village moved from and its count when it falls below the minimum", () => {
    const cwd = setUp();
    const first = move(cwd, [`${V1}-01`, "--to", "黄河村", "--reason", "迁居"]);
    expect(first.stdout).not.toContain("警告");
    const second = move(cwd, [`${V1}-02`, "--to", "黄河村", "--reason", "迁居"]);
    expect(second.code).toBe(0);
    expect(second.stdout.trimEnd().split("\n").at(-1)).toBe(
      "警告 滨河镇沙坡村调出后在库 1 人，低于最低储备人数 2 人，请及时补充",
    );
    const json = move(cwd, [`${V1}-03`, "--to", "黄河村", "--reason", "迁居", "--format", "json"]);
    expect((JSON.parse(json.stdout) as { belowMin: unknown }).belowMin).toEqual({
      village: V1,
      name: "滨河镇沙坡村",
      count: 0,
      min: 2,
    });
  });

  it("refuses someone who has left the pool unless --out-of-pool is given", () => {
    const cwd = setUp();
    const before = readFileSync(join(cwd, "data", "villages", `${V1}.yaml`), "utf8");
    const r = move(cwd, [`${V1}-04`, "--to", "黄河村", "--reason", "迁居"]);
    expect([r.code, r.stdout, r.stderr]).toEqual([
      2,
      "",
      "reserve: 错误 测试二〇一〇四 的状态是“调整出库”（2021-12-18，年度测评不称职），已不在后备干部库中，未调动\n" +
        "  提示：确要把其档案移到另一个村，加上 --out-of-pool\n",
    ]);
    expect(readFileSync(join(cwd, "data", "villages", `${V1}.yaml`), "utf8")).toBe(before);
    const en = runCli(["move", `${V1}-04`, "--to", "黄河村", "--reason", "x", "--lang", "en"], {
      cwd,
      env: { RESERVE_NOW: NOW },
    });
    expect(en.stderr).toContain('has status "调整出库" (2021-12-18, 年度测评不称职) and is no longer in the pool');
    const forced = move(cwd, [`${V1}-04`, "--to", "黄河村", "--reason", "档案随本人迁往黄河村", "--out-of-pool"]);
    expect([forced.code, forced.stderr]).toEqual([0, ""]);
    // Someone outside the pool leaves no gap: no warning about 沙坡村.
    expect(forced.stdout).not.toContain("警告");
    expect(record(cwd, `${V1}-04`).village).toBe(V2);
  });

  it("refuses a date after today and an empty reason, naming the option", () => {
    const cwd = setUp();
    const future = move(cwd, [`${V1}-01`, "--to", "黄河村", "--reason", "迁居", "--date", "2022-01-05"]);
    expect([future.code, future.stderr]).toEqual([
      2,
      "reserve: 错误 调动日期 2022-01-05 晚于今天\n  提示：--date 的写法见 reserve move --help\n",
    ]);
    const empty = move(cwd, [`${V1}-01`, "--to", "黄河村", "--reason", " "]);
    expect([empty.code, empty.stderr]).toEqual([
      2,
      "reserve: 错误 调动原因（--reason）不能为空\n  提示：--reason 的写法见 reserve move --help\n",
    ]);
  });
});
