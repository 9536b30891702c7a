import { cpSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { tempDir } from "../helpers/library.js";

/**
 * The export of the bundled sample library, read by DuckDB as an analyst would: the SQL printed in
 * docs/export.md, run verbatim, gives the same per-village, per-town and structure figures as
 * `reserve report`'s summary.json; every column has the type the docs promise; and no full ID
 * number or phone of anyone in the library is anywhere in the files, unless --reveal.
 */

const ROOT = join(import.meta.dirname, "..", "..");
const NOW = "2022-01-10T00:00:00Z";
const DOC = readFileSync(join(ROOT, "docs", "export.md"), "utf8");

/** The docs' SQL block whose first line is `-- <name>`. */
function docSql(name: string): string {
  const blocks = [...DOC.matchAll(/```sql\n([\s\S]*?)```/g)].map((m) => m[1]!);
  const block = blocks.find((b) => b.startsWith(`-- ${name}\n`));
  expect(block, `docs/export.md has a SQL block starting with -- ${name}`).toBeDefined();
  return block!;
}

interface SummaryUnit {
  readonly code: string;
  readonly inPool: number;
  readonly villages: number;
  readonly quota: Record<string, number>;
  readonly quotaStatus?: string | null;
  readonly women: number;
  readonly under35: number;
  readonly partyMembers: number;
  readonly college: number;
}
interface Summary {
  readonly total: SummaryUnit;
  readonly towns: SummaryUnit[];
  readonly villages: SummaryUnit[];
}

/** Every full ID number and phone written in the library's village books. */
function personalNumbers(lib: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(lib, "villages"))) {
    const text = readFileSync(join(lib, "villages", name), "utf8");
    for (const m of text.matchAll(/^\s+(?:id_number|phone): "([^"]+)"$/gm)) out.push(m[1]!);
  }
  return out;
}

let lib: string;
let cwd: string;
let summary: Summary;
let db: DuckDBInstance;
let sql: DuckDBConnection;

async function rows(query: string): Promise<Record<string, unknown>[]> {
  const r = await sql.runAndReadAll(query);
  return r.getRowObjectsJson();
}

/** A code as DuckDB gave it (VARCHAR from Parquet, BIGINT from CSV), as text; NULL stays null. */
function code(v: unknown): string | null {
  if (v === null) return null;
  if (typeof v === "string" || typeof v === "number" || typeof v === "bigint") return String(v);
  throw new Error(`not a code: ${JSON.stringify(v)}`);
}

beforeAll(async () => {
  cwd = tempDir("reserve-export-duckdb-");
  lib = join(cwd, "data");
  cpSync(join(ROOT, "data"), lib, { recursive: true, filter: (src) => !src.includes(".reserve") });
  const env = { RESERVE_NOW: NOW };
  const report = runCli(["report", "--year", "2021", "--format", "json", "--out", "report"], { cwd, env });
  expect(report.code, report.stderr).toBe(0);
  summary = JSON.parse(readFileSync(join(cwd, "report", "summary.json"), "utf8")) as Summary;
  for (const format of ["parquet", "csv"]) {
    const r = runCli(["export", "--year", "2021", "--format", format], { cwd, env });
    expect(r.code, r.stderr).toBe(0);
  }
  db = await DuckDBInstance.create(":memory:");
  sql = await db.connect();
});

afterAll(() => {
  sql?.closeSync();
});

describe.each(["parquet", "csv"])("the docs' SQL on the %s export of the sample library", (format) => {
  const query = async (name: string) => {
    await sql.run(`SET file_search_path = '${join(cwd, "exports", `2021-${format}`)}'`);
    return rows(docSql(name).replaceAll(".parquet'", `.${format}'`));
  };

  it("counts each village's pool and quota status as the summary does", async () => {
    const got = (await query("per-village")).map((r) => [code(r.village_code), Number(r.in_pool), r.quota_status]);
    const want = summary.villages.map((v) => [v.code, v.inPool, v.quotaStatus ?? null]);
    expect(got).toEqual(want);
    expect(want.length).toBeGreaterThan(150);
  });

  it("keeps each mentor's category and posts, 一肩挑 as two posts in one cell", async () => {
    await sql.run(`SET file_search_path = '${join(cwd, "exports", `2021-${format}`)}'`);
    const got = await rows(
      `SELECT mentor_role, mentor_posts, count(*) AS n FROM 'mentoring.${format}' GROUP BY ALL ORDER BY ALL`,
    );
    const of = (role: string, posts: string | null) =>
      got.some((r) => r.mentor_role === role && r.mentor_posts === posts && Number(r.n) > 0);
    expect(of("村“两委”成员", "村党支部书记、村委会主任")).toBe(true);
    expect(of("乡镇领导干部", "乡镇组织委员")).toBe(true);
    expect(of("包村干部", null)).toBe(true);
    expect(of("其他", "村会计")).toBe(true);
  });

  it("gives each town's and the district's villages, shortfalls and pool as the summary does", async () => {
    const got = (await query("per-town")).map((r) => [
      code(r.town_code),
      Number(r.villages),
      Number(r.below_min),
      Number(r.below_target),
      Number(r.in_pool),
    ]);
    const unit = (code: string | null, f: SummaryUnit) => [
      code,
      f.villages,
      f.quota["below-min"],
      f.quota["below-target"],
      f.inPool,
    ];
    expect(got).toEqual([...summary.towns.map((t) => unit(t.code, t)), unit(null, summary.total)]);
  });

  it("gives the structure counts of every town and of the district as the summary does", async () => {
    const got = (await query("structure")).map((r) => [
      code(r.town_code),
      Number(r.pool),
      Number(r.women),
      Number(r.under_35),
      Number(r.party_members),
      Number(r.college),
    ]);
    const unit = (code: string | null, f: SummaryUnit) => [
      code,
      f.inPool,
      f.women,
      f.under35,
      f.partyMembers,
      f.college,
    ];
    expect(got).toEqual([
      ...summary.towns.filter((t) => t.inPool > 0).map((t) => unit(t.code, t)),
      unit(null, summary.total),
    ]);
  });
});

describe("the Parquet export's types", () => {
  it("keeps dates as DATE, counts as integers, codes and ID numbers as strings", async () => {
    const dir = join(cwd, "exports", "2021-parquet");
    const types = async (table: string): Promise<Record<string, unknown>> =>
      Object.fromEntries(
        (await rows(`DESCRIBE SELECT * FROM '${join(dir, `${table}.parquet`)}'`)).map((r): [string, unknown] => [
          String(code(r.column_name)),
          r.column_type,
        ]),
      );
    const reserves = await types("reserves");
    expect([
      reserves.district_code,
      reserves.village_code,
      reserves.person_id,
      reserves.id_number,
      reserves.phone,
      reserves.county_date,
      reserves.age,
      reserves.in_pool,
    ]).toEqual(["VARCHAR", "VARCHAR", "VARCHAR", "VARCHAR", "VARCHAR", "DATE", "INTEGER", "BOOLEAN"]);
    const villages = await types("villages");
    expect([villages.quota_min, villages.changed, villages.has_quota]).toEqual(["INTEGER", "DATE", "BOOLEAN"]);
    const evaluations = await types("evaluations");
    expect([evaluations.year, evaluations.votes_excellent, evaluations.score]).toEqual([
      "INTEGER",
      "INTEGER",
      "DOUBLE",
    ]);
    const manifest = JSON.parse(readFileSync(join(dir, "export.json"), "utf8")) as {
      tables: { name: string; columns: { name: string; type: string }[] }[];
    };
    for (const t of manifest.tables) {
      const described = await types(t.name);
      expect(Object.keys(described)).toEqual(t.columns.map((c) => c.name));
    }
  });
});

describe("masking in every table", () => {
  it("writes no full ID number or phone of anyone in the library, in any file of either format", async () => {
    const numbers = personalNumbers(lib);
    expect(numbers.length).toBeGreaterThan(1000);
    for (const format of ["parquet", "csv"]) {
      const dir = join(cwd, "exports", `2021-${format}`);
      const files = readdirSync(dir).filter((f) => !f.startsWith("."));
      expect(files.length).toBe(13);
      const texts = files.map(
        (f) => readFileSync(join(dir, f)).toString("latin1") + readFileSync(join(dir, f), "utf8"),
      );
      if (format === "parquet") {
        for (const f of files.filter((n) => n.endsWith(".parquet"))) {
          texts.push(JSON.stringify(await rows(`SELECT * FROM '${join(dir, f)}'`)));
        }
      }
      const all = texts.join("\n");
      const leaked = numbers.filter((n) => all.includes(n));
      expect(leaked).toEqual([]);
    }
    const masked = await rows(
      `SELECT id_number, phone FROM '${join(cwd, "exports", "2021-parquet", "reserves.parquet")}' LIMIT 1`,
    );
    expect(masked[0]!.id_number).toMatch(/^\d{6}\*{8}[\dX]{4}$/);
    expect(masked[0]!.phone).toMatch(/^1\d{2}\*{4}\d{4}$/);
  });

  it("with --reveal writes the full values, after recording the reveal in the library's history", async () => {
    const entriesIn = () =>
      readdirSync(join(lib, "history"), { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".yaml"));
    const before = entriesIn().length;
    const r = runCli(["export", "--year", "2021", "--format", "parquet", "--reveal", "--out", "revealed"], {
      cwd,
      env: { RESERVE_NOW: NOW },
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("已记入库的变更记录");
    const files = entriesIn();
    expect(files.length).toBe(before + 1);
    const entries = files.filter((f) => /-export-[0-9a-f]{8}\.yaml$/.test(f));
    expect(entries).toHaveLength(1);
    const entry = readFileSync(join(lib, "history", entries[0]!), "utf8");
    expect(entry).toContain("action: reveal");
    expect(entry).toContain("export 2021 parquet → revealed");
    const got = await rows(`SELECT id_number FROM '${join(cwd, "revealed", "reserves.parquet")}'`);
    const [masked] = await rows(
      `SELECT count(*) AS n FROM '${join(cwd, "exports", "2021-parquet", "reserves.parquet")}'`,
    );
    expect(got.length).toBe(Number(masked!.n));
    const numbers = new Set(personalNumbers(lib));
    expect(got.filter((g) => !numbers.has(String(g.id_number)))).toEqual([]);
    const manifest = JSON.parse(readFileSync(join(cwd, "revealed", "export.json"), "utf8")) as { masked: boolean };
    expect(manifest.masked).toBe(false);
  });
});
