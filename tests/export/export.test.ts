import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { makeLibrary, person, tempDir } from "../helpers/library.js";

/** `reserve export` on small libraries: the CSV layout, free text, exact bytes, refusals. */

const NOW = "2022-02-01T08:00:00Z";
const V1 = "640502100201";
const V2 = "640502101201";

function library(): string {
  return makeLibrary({
    books: {
      [V1]: [
        person(V1, 1, { note: "本人电话 13912345678，身份证 640502198701011234 已核对" }),
        person(V1, 2, { selection: { survey: "2021-10-01", township: "2021-11-01" } }),
      ],
      [V2]: [person(V2, 1)],
    },
  });
}

function exportTo(lib: string, args: readonly string[]) {
  const cwd = tempDir("reserve-export-cwd-");
  const r = runCli(["export", "--data", lib, "--year", "2021", ...args], { cwd, env: { RESERVE_NOW: NOW } });
  return { ...r, cwd };
}

const csvRows = (text: string) =>
  text
    .replace(/^\uFEFF/, "")
    .split("\r\n")
    .filter(Boolean)
    .map((l) => l.split(","));

describe("reserve export --format csv", () => {
  it("writes one English header row, codes as they are, derived columns for the day judged", () => {
    const r = exportTo(library(), []);
    expect(r.code, r.stderr).toBe(0);
    const dir = join(r.cwd, "exports", "2021-csv");
    const text = readFileSync(join(dir, "reserves.csv"), "utf8");
    expect(text.startsWith("\uFEFFdistrict_code,town_code,village_code,person_id,name,")).toBe(true);
    const [header, ...rows] = csvRows(text);
    const at = (row: string[], col: string) => row[header!.indexOf(col)];
    expect(
      rows.map((row) => [at(row, "village_code"), at(row, "person_id"), at(row, "in_pool"), at(row, "pending")]),
    ).toEqual([
      [V1, `${V1}-01`, "true", "false"],
      [V1, `${V1}-02`, "false", "true"],
      [V2, `${V2}-01`, "true", "false"],
    ]);
    expect(at(rows[1]!, "county_date")).toBe("");
    const labels = csvRows(readFileSync(join(dir, "labels.csv"), "utf8"));
    expect(labels[0]).toEqual(["table", "column", "type", "label_zh", "label_en"]);
    expect(labels).toContainEqual(["reserves", "county_date", "date", "县级审核日期", "county review (县级审核)"]);
    expect(readdirSync(dir).sort()).toEqual([
      ".reserve-report",
      "evaluations.csv",
      "export.json",
      "labels.csv",
      "meetings.csv",
      "mentoring.csv",
      "party_steps.csv",
      "posts.csv",
      "reserves.csv",
      "screening.csv",
      "status_changes.csv",
      "training_attendance.csv",
      "training_sessions.csv",
      "villages.csv",
    ]);
  });

  it("masks ID numbers and mobile numbers written into free text, unless revealed", () => {
    const lib = library();
    const masked = exportTo(lib, []);
    const note = readFileSync(join(masked.cwd, "exports", "2021-csv", "reserves.csv"), "utf8");
    expect(note).toContain("本人电话 139****5678，身份证 640502********1234 已核对");
    expect(note).not.toContain("13912345678");
    const revealed = exportTo(lib, ["--reveal"]);
    expect(revealed.code, revealed.stderr).toBe(0);
    expect(readFileSync(join(revealed.cwd, "exports", "2021-csv", "reserves.csv"), "utf8")).toContain(
      "本人电话 13912345678，身份证 640502198701011234 已核对",
    );
  });

  it("gives the same bytes for the same library and day, in both formats", () => {
    const lib = library();
    for (const format of ["csv", "parquet"]) {
      const a = exportTo(lib, ["--format", format]);
      const b = exportTo(lib, ["--format", format]);
      const dir = (cwd: string) => join(cwd, "exports", `2021-${format}`);
      const files = readdirSync(dir(a.cwd)).sort();
      expect(readdirSync(dir(b.cwd)).sort()).toEqual(files);
      for (const f of files)
        expect(readFileSync(join(dir(b.cwd), f)).equals(readFileSync(join(dir(a.cwd), f)))).toBe(true);
    }
  });
});

describe("reserve export refuses", () => {
  it("a library with errors (exit 1), listing them, and writes nothing", () => {
    const lib = library();
    const file = join(lib, "villages", `${V1}.yaml`);
    writeFileSync(file, readFileSync(file, "utf8").replace("gender: 男", "gender: 未知"));
    const r = exportTo(lib, []);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`villages/${V1}.yaml:`);
    expect(r.stderr).toContain("未导出");
    expect(readdirSync(r.cwd)).toEqual([]);
  });

  it("an unknown format and a folder inside the library (exit 2)", () => {
    const lib = library();
    const bad = exportTo(lib, ["--format", "xlsx"]);
    expect([bad.code, bad.stderr.trim()]).toEqual([
      2,
      "reserve: 错误 导出格式“xlsx”无效，可选 csv 或 parquet\n  提示：用法见 reserve export --help",
    ]);
    const inside = exportTo(lib, ["--out", join(lib, "exports")]);
    expect(inside.code).toBe(2);
    expect(inside.stderr).toContain("不能写在库文件夹中");
  });
});
