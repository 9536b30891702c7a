import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { movePerson } from "../../src/commands/move.js";
import type { Reserve } from "../../src/domain/model.js";
import { ReserveError } from "../../src/diagnostics/fatal.js";
import { hanDigits, idNumber, person, snapshot, tempDir } from "../helpers/library.js";
import { importLibrary, runImport, TODAY, V1, V2 } from "./helpers.js";

const HEADER = "乡镇,村,姓名,性别,民族,身份证号,联系电话,学历,政治面貌,来源,县级审核,入库时间";

function row(
  village: string,
  name: string,
  id: string,
  extra: Partial<Record<"phone" | "edu" | "source" | "county" | "entry", string>> = {},
) {
  const male = Number(id[16]) % 2 === 1;
  return [
    "滨河镇",
    village,
    name,
    male ? "男" : "女",
    "汉族",
    id,
    extra.phone ?? "",
    extra.edu ?? "高中",
    "中共党员",
    extra.source ?? "村民小组长",
    extra.county ?? "2020-12-20",
    extra.entry ?? "2021-01-05",
  ].join(",");
}

const IDS = Array.from({ length: 8 }, (_, i) => idNumber("640502", `198${i}0${i + 1}1${i}`, 11 + 2 * i));
const ROWS = IDS.map((id, i) => row(i % 2 === 0 ? "沙坡村" : "黄河村", `测试${hanDigits(String(i))}`, id));

function write(dir: string, name: string, lines: readonly string[]): string {
  writeFileSync(join(dir, name), `${[HEADER, ...lines].join("\r\n")}\r\n`);
  return name;
}

const libraryOnly = (rel: string) => rel.startsWith("history/") || rel.startsWith(".reserve/");

function book(dir: string, village: string): Reserve[] {
  return (parse(readFileSync(join(dir, `villages/${village}.yaml`), "utf8")) as { reserves: Reserve[] }).reserves;
}

function historyEntries(dir: string): Record<string, unknown>[] {
  const root = join(dir, "history");
  if (!existsSync(root)) return [];
  return readdirSync(root, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".yaml"))
    .sort()
    .map((f) => parse(readFileSync(join(root, f), "utf8")) as Record<string, unknown>);
}

describe("merging rosters into the library", () => {
  it("importing the same data again changes nothing, not even the history", async () => {
    const work = tempDir("reserve-merge-");
    const dir = importLibrary({});
    const file = write(work, "r.csv", ROWS);
    expect((await runImport(dir, [file], { cwd: work })).status).toBe("imported");
    const after = snapshot(dir, { skip: (rel) => rel.startsWith(".reserve/") });
    const again = await runImport(dir, [file], { cwd: work });
    expect(again.status).toBe("unchanged");
    expect(again.totals).toEqual({ rows: 8, added: 0, updated: 0, unchanged: 8, rewritten: 0 });
    expect(snapshot(dir, { skip: (rel) => rel.startsWith(".reserve/") })).toEqual(after);
  });

  it("gives the same library whatever the order of the rows (internal ids follow the ID numbers)", async () => {
    const work = tempDir("reserve-merge-");
    const first = importLibrary({});
    await runImport(first, [write(work, "sorted.csv", ROWS)], { cwd: work });
    const expected = snapshot(first, { skip: libraryOnly });
    expect(book(first, V1).map((r) => [r.id, r.id_number])).toEqual(
      IDS.filter((_, i) => i % 2 === 0)
        .sort()
        .map((id, k) => [`${V1}-0${k + 1}`, id]),
    );
    await fc.assert(
      fc.asyncProperty(fc.shuffledSubarray(ROWS, { minLength: ROWS.length, maxLength: ROWS.length }), async (rows) => {
        const dir = importLibrary({});
        await runImport(dir, [write(work, "shuffled.csv", rows)], { cwd: work });
        expect(snapshot(dir, { skip: libraryOnly })).toEqual(expected);
      }),
      { numRuns: 8 },
    );
  });

  it("numbers new people after the highest number used for the village anywhere in the library", async () => {
    const moved = person(V1, 7, { id_number: idNumber("640502", "19700101", 71) });
    const dir = importLibrary({ [V1]: [person(V1, 1), person(V1, 2)], [V2]: [moved] });
    const work = tempDir("reserve-merge-");
    await runImport(dir, [write(work, "r.csv", [ROWS[0]!])], { cwd: work });
    expect(book(dir, V1).map((r) => r.id)).toEqual([`${V1}-01`, `${V1}-02`, `${V1}-08`]);
  });

  it("updates keep the internal id and the record's history; empty cells erase nothing; history keeps the old values", async () => {
    const known = person(V1, 3, {
      id_number: IDS[0]!,
      gender: "男",
      phone: "13900000003",
      evaluations: { "2021": { ratings: { study: "good" } } },
    });
    const dir = importLibrary({ [V1]: [known] });
    const work = tempDir("reserve-merge-");
    const file = write(work, "r.csv", [row("沙坡村", "测试〇", IDS[0]!, { edu: "研究生", county: "", entry: "" })]);
    const result = await runImport(dir, [file], { cwd: work, reason: "2021年信息更新" });
    expect(result.villages.map((v) => [v.code, v.added, v.updated, v.unchanged])).toEqual([[V1, 0, 1, 0]]);
    const [after] = book(dir, V1);
    expect(after).toMatchObject({
      id: known.id,
      name: "测试〇",
      education: "研究生",
      phone: "13900000003",
      selection: known.selection,
      status_changes: known.status_changes,
      evaluations: known.evaluations,
    });
    const [entry] = historyEntries(dir);
    expect([typeof entry?.at, typeof entry?.by]).toEqual(["string", "string"]);
    expect(entry).toMatchObject({
      command: "import",
      reason: "2021年信息更新",
      files: [
        {
          name: "r.csv",
          sha256: createHash("sha256")
            .update(readFileSync(join(work, file)))
            .digest("hex"),
          rows: 1,
        },
      ],
      summary: { rows: 1, added: 0, updated: 1, unchanged: 0, villages: 1 },
      changes: [
        { action: "update", village: V1, person: known.id, before: { name: known.name, education: known.education } },
      ],
    });
  });

  it("enters new people in the pool only with a county review (or entry) date; others await the review", async () => {
    const work = tempDir("reserve-merge-");
    const dir = importLibrary({});
    const result = await runImport(
      dir,
      [
        write(work, "r.csv", [
          row("沙坡村", "甲", IDS[0]!),
          row("沙坡村", "乙", IDS[2]!, { county: "", entry: "2021-01-08" }),
          row("沙坡村", "丙", IDS[4]!, { county: "", entry: "", source: "复转军人" }),
        ]),
      ],
      { cwd: work },
    );
    expect(result.villages.map((v) => [v.added, v.inPool, v.pending])).toEqual([[3, 2, 1]]);
    const people = book(dir, V1);
    expect(people.map((r) => [r.name, r.selection.county, r.status, r.status_changes?.length ?? 0, r.intake])).toEqual([
      ["甲", "2020-12-20", "在库", 1, "内选"],
      ["乙", "2021-01-08", "在库", 1, "内选"],
      ["丙", undefined, "在库", 0, "外引"],
    ]);
    // Later the third passes the review: the change is recorded with its date.
    await runImport(
      dir,
      [write(work, "r2.csv", [row("沙坡村", "丙", IDS[4]!, { county: "2021-06-01", entry: "", source: "复转军人" })])],
      {
        cwd: work,
      },
    );
    expect(book(dir, V1)[2]!.status_changes).toEqual([{ status: "在库", date: "2021-06-01", reason: "县级审核通过" }]);
  });

  it("a dry run shows the same outcome and writes nothing", async () => {
    const work = tempDir("reserve-merge-");
    const dir = importLibrary({});
    const before = snapshot(dir);
    const file = write(work, "r.csv", ROWS.slice(0, 3));
    const dry = await runImport(dir, [file], { cwd: work, dryRun: true });
    expect(dry.status).toBe("dry-run");
    expect(snapshot(dir)).toEqual(before);
    const real = await runImport(dir, [file], { cwd: work });
    expect(real.villages).toEqual(dry.villages);
    expect(real.quota).toEqual(dry.quota);
    expect(dry.quota.map((d) => [d.village, d.code])).toEqual([
      [V1, "quota-below-target"],
      [V2, "quota-below-min"],
    ]);
  });

  it("a rejected run leaves the library byte-identical, with no temporary or lock files", async () => {
    const work = tempDir("reserve-merge-");
    const dir = importLibrary({});
    const before = snapshot(dir);
    const good = write(work, "good.csv", ROWS);
    const bad = write(work, "bad.csv", [
      row("沙坡村", "错", IDS[0]!.slice(0, 17) + (IDS[0]!.endsWith("1") ? "2" : "1")),
    ]);
    const result = await runImport(dir, [good, bad], { cwd: work });
    expect(result.status).toBe("rejected");
    expect(result.errors).toBe(1);
    expect(snapshot(dir)).toEqual(before);
    expect(existsSync(join(dir, ".reserve/lock"))).toBe(false);
    expect(existsSync(join(dir, ".reserve/tx"))).toBe(false);
  });

  it("refuses to write into a library that has errors of its own", async () => {
    const dir = importLibrary({ [V1]: [person(V1, 1)] });
    writeFileSync(
      join(dir, `villages/${V1}.yaml`),
      readFileSync(join(dir, `villages/${V1}.yaml`), "utf8").replace("gender: ", "gendr: "),
    );
    const before = snapshot(dir);
    const work = tempDir("reserve-merge-");
    const result = await runImport(dir, [write(work, "r.csv", ROWS)], { cwd: work });
    expect(result.status).toBe("library-invalid");
    expect(result.diagnostics.map((d) => d.code)).toContain("unknown-key");
    expect(snapshot(dir)).toEqual(before);
  });
});

describe("moving a person is explicit and recorded", () => {
  it("moves with a reason, keeps the internal id, and the next import finds the person in the new village", async () => {
    const dir = importLibrary({ [V1]: [person(V1, 1, { id_number: IDS[0]!, gender: "男" }), person(V1, 2)] });
    const work = tempDir("reserve-merge-");
    const file = write(work, "r.csv", [row("黄河村", "测试〇", IDS[0]!)]);
    expect((await runImport(dir, [file], { cwd: work })).diagnostics.map((d) => d.code)).toEqual([
      "person-in-other-village",
    ]);
    const moved = movePerson({
      root: dir,
      cwd: dir,
      today: TODAY,
      person: IDS[0]!,
      to: "滨河镇/黄河村",
      reason: "婚后迁居黄河村",
    });
    expect(moved).toMatchObject({ ok: true, id: `${V1}-01`, from: V1, to: V2, toName: "滨河镇黄河村" });
    expect(book(dir, V1).map((r) => r.id)).toEqual([`${V1}-02`]);
    expect(book(dir, V2).map((r) => r.id)).toEqual([`${V1}-01`]);
    expect(historyEntries(dir).at(-1)).toMatchObject({
      command: "move",
      reason: "婚后迁居黄河村",
      changes: [{ action: "move", person: `${V1}-01`, from: V1, to: V2, reason: "婚后迁居黄河村" }],
    });
    const again = await runImport(dir, [file], { cwd: work });
    expect(again.diagnostics).toEqual([]);
    expect(again.villages.map((v) => [v.code, v.added, v.updated, v.unchanged])).toEqual([[V2, 0, 1, 0]]);
  });

  it("refuses an unknown person, the same village, a merged village, an unknown one", () => {
    const dir = importLibrary({ [V1]: [person(V1, 1)] });
    const move = (p: string, to: string) =>
      movePerson({ root: dir, cwd: dir, today: TODAY, person: p, to, reason: "x" });
    expect(move("640502100201-09", V2)).toMatchObject({ ok: false, refusal: { kind: "unknown-person" } });
    expect(move(`${V1}-01`, V1)).toMatchObject({ ok: false, refusal: { kind: "same-village" } });
    expect(move(`${V1}-01`, "640502100203")).toMatchObject({ ok: false, refusal: { kind: "inactive-village" } });
    expect(() => move(`${V1}-01`, "不存在村")).toThrow(ReserveError);
  });
});
