// The DuckDB reference of `npm run bench`: the audit a data-savvy user would write in SQL over the
// same people as one CSV roster — group by village and the quota rule, duplicate ID numbers, the
// ID number's check character and birth date, and the enumerated columns. Plain JavaScript so that
// its timing is DuckDB's, not a TypeScript loader's.
//
//   node scripts/bench/duckdb-audit.mjs ROSTER.csv VOCABULARY.json
import { readFileSync } from "node:fs";
import { DuckDBInstance } from "@duckdb/node-api";

const [csv, vocabFile] = process.argv.slice(2);
if (!csv || !vocabFile) {
  console.error("usage: node scripts/bench/duckdb-audit.mjs ROSTER.csv VOCABULARY.json");
  process.exit(2);
}
const vocab = JSON.parse(readFileSync(vocabFile, "utf8"));
const str = (s) => `'${String(s).replaceAll("'", "''")}'`;
const list = (values) => `(${values.map(str).join(", ")})`;
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const checkSum = WEIGHTS.map((w, i) => `${w} * (ascii(substr(id, ${i + 1}, 1)) - 48)`).join(" + ");

const instance = await DuckDBInstance.create(":memory:");
const db = await instance.connect();
await db.run(`CREATE TEMP TABLE roster AS SELECT * FROM read_csv(${str(csv)}, header = true, all_varchar = true)`);
await db.run(`CREATE TEMP VIEW people AS SELECT *, upper("身份证号") AS id FROM roster`);
const queries = {
  // 每个行政村至少 2 人、目标 3 人: people with an entry date count (县级审核 passed).
  quota: `SELECT count(*) FILTER (WHERE n < ${vocab.quota.min}) AS below_min,
                 count(*) FILTER (WHERE n >= ${vocab.quota.min} AND n < ${vocab.quota.target}) AS below_target
          FROM (SELECT "村代码", count("入库时间") AS n FROM people GROUP BY "村代码")`,
  duplicates: `SELECT count(*) AS ids, coalesce(sum(n), 0) AS rows
               FROM (SELECT id, count(*) AS n FROM people GROUP BY id HAVING count(*) > 1)`,
  ids: `SELECT
          count(*) FILTER (WHERE NOT regexp_full_match(id, '[0-9]{17}[0-9X]')) AS bad_format,
          count(*) FILTER (WHERE regexp_full_match(id, '[0-9]{17}[0-9X]')
             AND substr(id, 18, 1) <> substr('10X98765432', ((${checkSum}) % 11) + 1, 1)) AS bad_check,
          count(*) FILTER (WHERE regexp_full_match(id, '[0-9]{17}[0-9X]')
             AND try_strptime(substr(id, 7, 8), '%Y%m%d') IS NULL) AS bad_birth,
          count(*) FILTER (WHERE regexp_full_match(id, '[0-9]{17}[0-9X]')
             AND ((ascii(substr(id, 17, 1)) - 48) % 2 = 1) <> ("性别" = '男')) AS gender_mismatch
        FROM people`,
  terms: `SELECT
          count(*) FILTER (WHERE "性别" NOT IN ${list(vocab.gender)}) AS gender,
          count(*) FILTER (WHERE "民族" NOT IN ${list(vocab.ethnicity)}) AS ethnicity,
          count(*) FILTER (WHERE "学历" NOT IN ${list(vocab.education)}) AS education,
          count(*) FILTER (WHERE "政治面貌" NOT IN ${list(vocab.political_status)}) AS political_status,
          count(*) FILTER (WHERE "来源" NOT IN ${list(vocab.source)}) AS source,
          count(*) FILTER (WHERE "方式" NOT IN ${list(vocab.intake)}) AS intake,
          count(*) FILTER (WHERE "帮带人职务" IS NOT NULL AND len(list_filter(string_split_regex("帮带人职务", '[、，,；;/]'),
             lambda r: r NOT IN ${list(vocab.mentor_role)})) > 0) AS mentor_role,
          count(*) FILTER (WHERE "入库时间" IS NOT NULL AND try_strptime("入库时间", '%Y-%m-%d') IS NULL) AS entry_date,
          count(*) FILTER (WHERE "联系电话" IS NOT NULL
             AND NOT regexp_full_match("联系电话", '1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8}')) AS phone,
          count(*) FILTER (WHERE "村代码" IS NULL OR NOT regexp_full_match("村代码", '[0-9]{12}')) AS village_code
        FROM people`,
};
const out = {};
for (const [name, sql] of Object.entries(queries)) {
  const reader = await db.runAndReadAll(sql);
  const [row] = reader.getRowObjectsJson();
  out[name] = row;
}
console.log(JSON.stringify(out));
