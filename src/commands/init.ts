import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { cityName, type OfficialCounty } from "../domain/divisions.js";
import type { District, Town, Village } from "../domain/model.js";
import { placeNameFault } from "../domain/name-check.js";
import { cleanCell, normalizeCodeInput } from "../domain/normalize-input.js";
import { DEFAULT_POLICY } from "../domain/policy-defaults.js";
import {
  classifyUnit,
  everydayName,
  isUrbanRuralCode,
  kindByCode,
  kindByName,
  URBAN_RURAL_CODES,
} from "../domain/unit-kind.js";
import { diagnostic, hasErrors, type Diagnostic, type Location } from "../diagnostics/diagnostic.js";
import { showValue } from "../diagnostics/display.js";
import { ReserveError } from "../diagnostics/fatal.js";
import { csvRows } from "../io/csv-rows.js";
import { DIVISION_EDITION, lookupCounty, officialCounty } from "../io/division-table.js";
import { historyStamp, historyWrite } from "../io/library-session.js";
import { DISTRICT_FILE, displayPath, STATE_DIR } from "../io/layout.js";
import { acquireLock } from "../io/lock.js";
import { districtText } from "../io/serialize.js";
import { decodeText } from "../io/text-decode.js";
import { today } from "../io/clock.js";
import { refreshCache } from "../io/load-cached.js";
import { commit } from "../io/transaction.js";
import { compareWithOfficial, type RegisterDifferences } from "./init-differences.js";

export type { RegisterDifferences } from "./init-differences.js";

export interface InitOptions {
  readonly dir: string;
  /** A 统计用区划代码 CSV of the district's towns and villages. */
  readonly register?: string;
  /** A county's 6-digit code (or its name): the register comes from the official table. */
  readonly district?: string;
  readonly cwd: string;
  readonly name?: string;
  readonly year: number;
}

/** How many village-level units of each kind the register holds. */
export interface KindCounts {
  readonly villages: number;
  readonly communities: number;
  /** Units kept as 村 although their code and name disagree, or say nothing (warned about). */
  readonly doubtful: number;
}

export interface InitResult {
  readonly diagnostics: readonly Diagnostic[];
  readonly district?: District;
  readonly kinds?: KindCounts;
  /** Where the register came from: the official table, or the user's file. */
  readonly source?: "official" | "file";
  /** Given both a file and --district: how the file differs from the official table. */
  readonly differences?: RegisterDifferences;
}

const CODE_HEADERS: [string, ...string[]] = ["统计用区划代码", "区划代码", "代码", "code"];
const NAME_HEADERS: [string, ...string[]] = ["名称", "name"];
const CLASS_HEADERS = ["城乡分类代码", "城乡分类", "class"];

/** A warning for a unit whose code and name disagree about 村 / 社区, or say nothing. */
function kindDoubt(code: string, name: string, where: { location?: Location } = {}): Diagnostic | undefined {
  const k = classifyUnit(code, name);
  if (!k.doubt) return undefined;
  return diagnostic(
    "register-kind-doubt",
    { code, name: showValue(name), doubt: k.doubt, byCode: kindByCode(code) ?? "", byName: kindByName(name) ?? "" },
    where,
  );
}

export function countKinds(villages: readonly Village[], diagnostics: readonly Diagnostic[]): KindCounts {
  return {
    villages: villages.filter((v) => v.kind === "村").length,
    communities: villages.filter((v) => v.kind === "社区").length,
    doubtful: diagnostics.filter((d) => d.code === "register-kind-doubt").length,
  };
}

/**
 * Reads a division code list as published in 统计用区划代码 (one row per unit: 12-digit code, name,
 * optionally the 城乡分类代码; 9- and 6-digit codes are accepted too) into a district register. A
 * village-level unit is a 村 or a 社区 by its code's last three digits and its name
 * (domain/unit-kind.ts); the 城乡分类代码 is kept as it is, for what it says: urban or rural.
 */
export function parseRegister(
  text: string,
  file: string,
  options: { readonly name?: string; readonly official?: OfficialCounty } = {},
): InitResult {
  const diagnostics: Diagnostic[] = [];
  const at = (line: number, column: number, field?: string) => ({
    location: { file, line, column, ...(field && { field }) },
  });
  const all = csvRows(text);
  if (!Array.isArray(all)) return { diagnostics: [diagnostic("csv-quote", {}, at(all.badQuoteAt, 1))] };
  const rows = all.filter((r) => r.cells.some((c) => c.trim() !== ""));
  if (rows.length === 0) {
    return { diagnostics: [diagnostic("empty-value", { field: CODE_HEADERS[0] }, at(1, 1))] };
  }
  const header = rows[0]!.cells.map((c) => cleanCell(c));
  const hasHeader = !/^\d+$/.test(normalizeCodeInput(header[0] ?? ""));
  const col = (names: string[], fallback: number) => {
    if (!hasHeader) return fallback;
    return header.findIndex((h) => names.includes(h.toLowerCase()) || names.includes(h));
  };
  const codeCol = col(CODE_HEADERS, 0);
  const nameCol = col(NAME_HEADERS, header.length >= 3 ? 2 : 1);
  const classCol = hasHeader ? col(CLASS_HEADERS, -1) : header.length >= 3 ? 1 : -1;
  if (codeCol < 0 || nameCol < 0) {
    const field = codeCol < 0 ? CODE_HEADERS[0] : NAME_HEADERS[0];
    return { diagnostics: [diagnostic("missing-field", { field }, at(1, 1))] };
  }
  const label = (c: number) => (hasHeader ? header[c] : undefined);
  const towns = new Map<string, Town>();
  const villages: Village[] = [];
  let county: { code: string; name: string } | undefined;
  const seen = new Map<string, number>();
  for (const row of hasHeader ? rows.slice(1) : rows) {
    const code = normalizeCodeInput(row.cells[codeCol] ?? "");
    const unitName = cleanCell(row.cells[nameCol] ?? "");
    const cls = classCol >= 0 ? normalizeCodeInput(row.cells[classCol] ?? "") : "";
    const atName = at(row.line, nameCol + 1, label(nameCol));
    if (!/^(\d{6}|\d{9}|\d{12})$/.test(code)) {
      diagnostics.push(
        diagnostic(
          "bad-code",
          { field: label(codeCol) ?? CODE_HEADERS[0], value: showValue(code), digits: 12 },
          at(row.line, codeCol + 1, label(codeCol)),
        ),
      );
      continue;
    }
    if (unitName === "") {
      diagnostics.push(diagnostic("empty-value", { field: label(nameCol) ?? NAME_HEADERS[0] }, atName));
      continue;
    }
    const full = code.padEnd(12, "0");
    const first = seen.get(full);
    if (first !== undefined) {
      diagnostics.push(
        diagnostic(
          "register-duplicate-code",
          { code, first: `${file}:${first}` },
          at(row.line, codeCol + 1, label(codeCol)),
        ),
      );
      continue;
    }
    seen.set(full, row.line);
    const level = full.endsWith("000000") ? "county" : full.endsWith("000") ? "town" : "village";
    const fault = placeNameFault(unitName);
    if (fault) {
      diagnostics.push(diagnostic("name-unsafe", { what: level, value: showValue(unitName), fault }, atName));
      continue;
    }
    if (level === "county") county = { code: full.slice(0, 6), name: unitName };
    else if (level === "town") towns.set(full.slice(0, 9), { code: full.slice(0, 9), name: unitName, status: "正常" });
    else {
      if (cls !== "" && !isUrbanRuralCode(cls)) {
        diagnostics.push(
          diagnostic(
            "bad-term",
            { field: label(classCol) ?? "urban_rural", value: showValue(cls), allowed: URBAN_RURAL_CODES.join("、") },
            at(row.line, classCol + 1, label(classCol)),
          ),
        );
        continue;
      }
      const doubt = kindDoubt(full, unitName, atName);
      if (doubt) diagnostics.push(doubt);
      villages.push({
        code: full,
        name: unitName,
        town: full.slice(0, 9),
        kind: classifyUnit(full, unitName).kind,
        ...(cls !== "" && { urban_rural: cls }),
        status: "正常",
      });
    }
  }
  const official = options.official;
  const districtCode =
    county?.code ?? villages[0]?.code.slice(0, 6) ?? [...towns.keys()][0]?.slice(0, 6) ?? official?.code;
  if (districtCode === undefined) {
    diagnostics.push(diagnostic("register-county-missing", {}, at(1, 1)));
    return { diagnostics };
  }
  const sameCounty = official?.code === districtCode ? official : undefined;
  const districtName = options.name ?? county?.name ?? sameCounty?.name;
  if (districtName === undefined) {
    diagnostics.push(diagnostic("register-county-missing", { suggest: districtCode }, at(1, 1)));
    return { diagnostics };
  }
  for (const v of villages) {
    if (!towns.has(v.town)) {
      diagnostics.push(diagnostic("town-unknown", { town: v.town }, at(1, 1)));
      towns.set(v.town, { code: v.town, name: v.town, status: "正常" });
    }
  }
  for (const code of [...towns.keys(), ...villages.map((v) => v.code)]) {
    if (!code.startsWith(districtCode)) {
      diagnostics.push(
        diagnostic(
          "register-code-prefix",
          { code, parent: districtCode, kind: code.length === 9 ? "town" : "village" },
          at(seen.get(code.padEnd(12, "0")) ?? 1, codeCol + 1, label(codeCol)),
        ),
      );
    }
  }
  const district: District = {
    code: districtCode,
    name: districtName,
    ...(sameCounty?.city !== undefined && { city: sameCounty.city }),
    ...(sameCounty && { province: sameCounty.province }),
    year: 0,
    towns: [...towns.values()].sort((a, b) => (a.code < b.code ? -1 : 1)),
    villages: villages.sort((a, b) => (a.code < b.code ? -1 : 1)),
    policy: DEFAULT_POLICY,
  };
  return { diagnostics, district, kinds: countKinds(district.villages, diagnostics), source: "file" };
}

/**
 * The register of a county as the official table gives it, in the names a township writes
 * (西关村委会 is 西关村; domain/unit-kind.ts). The table carries no 城乡分类代码.
 */
export function registerFromOfficial(official: OfficialCounty, name?: string): InitResult {
  const diagnostics: Diagnostic[] = [];
  const villages: Village[] = official.villages.map((v) => {
    const doubt = kindDoubt(v.code, v.name);
    if (doubt) diagnostics.push(doubt);
    return {
      code: v.code,
      name: everydayName(v.name),
      town: v.code.slice(0, 9),
      kind: classifyUnit(v.code, v.name).kind,
      status: "正常",
    };
  });
  const district: District = {
    code: official.code,
    name: name ?? official.name,
    ...(official.city !== undefined && { city: official.city }),
    province: official.province,
    year: 0,
    towns: official.towns.map((t) => ({ code: t.code, name: t.name, status: "正常" })),
    villages,
    policy: DEFAULT_POLICY,
  };
  return { diagnostics, district, kinds: countKinds(villages, diagnostics), source: "official" };
}

/** The official county --district names, or a usage error naming the counties meant most likely. */
function officialFor(input: string): OfficialCounty {
  const found = lookupCounty(input);
  const county = found.ok ? officialCounty(found.county.code) : undefined;
  if (!found.ok || !county) {
    const near = found.ok ? [found.county] : found.near;
    throw new ReserveError("district-unknown", {
      code: showValue(input),
      kind: found.ok ? "unknown" : found.kind,
      edition: DIVISION_EDITION,
      near: near.map((c) => `${c.code} ${c.name}（${c.province}${cityName(c.city) ?? ""}）`).join("、"),
    });
  }
  return county;
}

/** Reads --register: the file's bytes and the register in it. */
function readRegisterFile(
  options: InitOptions,
  official: OfficialCounty | undefined,
): InitResult & { bytes?: Buffer; file?: string } {
  const registerPath = path.resolve(options.cwd, options.register!);
  const shown = displayPath(registerPath, options.cwd);
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(registerPath);
  } catch (err) {
    return {
      diagnostics: [
        diagnostic(
          "file-unreadable",
          { reason: (err as NodeJS.ErrnoException).code ?? "error" },
          { location: { file: shown, line: 1, column: 1 } },
        ),
      ],
    };
  }
  const decoded = decodeText(bytes);
  if (!decoded)
    return { diagnostics: [diagnostic("file-encoding", {}, { location: { file: shown, line: 1, column: 1 } })] };
  const parsed = parseRegister(decoded.text, shown, {
    ...(options.name !== undefined && { name: options.name }),
    ...(official && { official }),
  });
  if (official && parsed.district && parsed.district.code !== official.code) {
    throw new ReserveError("district-mismatch", {
      file: shown,
      found: `${parsed.district.name}（${parsed.district.code}）`,
      district: `${official.name}（${official.code}）`,
    });
  }
  return { ...parsed, bytes, file: path.basename(registerPath) };
}

/**
 * Creates a new library: district.yaml with the default policy, a .gitignore, the first history
 * entry. The register comes from the official table (--district), or from the user's file
 * (--register), which wins when both are given: then the result says how the two differ.
 */
export function init(options: InitOptions): InitResult {
  const dir = path.resolve(options.cwd, options.dir);
  if (fs.existsSync(dir) && (!fs.statSync(dir).isDirectory() || fs.readdirSync(dir).length > 0)) {
    throw new ReserveError("library-exists", { path: displayPath(dir, options.cwd) });
  }
  const official = options.district !== undefined ? officialFor(options.district) : undefined;
  const read = options.register !== undefined ? readRegisterFile(options, official) : undefined;
  const parsed = read ?? registerFromOfficial(official!, options.name);
  if (!parsed.district || hasErrors(parsed.diagnostics)) return parsed;
  // A file of a county the table holds: city and province from the table.
  const lookedUp = read && !official ? officialCounty(parsed.district.code) : undefined;
  const place = lookedUp && {
    ...(lookedUp.city !== undefined && { city: lookedUp.city }),
    province: lookedUp.province,
  };
  const district: District = { ...parsed.district, ...place, year: options.year };
  const differences = read && official ? compareWithOfficial(district, official) : undefined;
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const lock = acquireLock(dir, { command: "init", waitMs: 0 });
  try {
    const { at, by } = historyStamp();
    const register = { target: DISTRICT_FILE, content: districtText(district) };
    commit(dir, [
      register,
      { target: ".gitignore", content: `# 工具的临时状态（锁、未完成的写入、缓存），不属于库\n${STATE_DIR}/\n` },
      historyWrite({
        at,
        by,
        command: "init",
        ...(read?.bytes && { files: [{ name: read.file!, sha256: sha256(read.bytes) }] }),
        ...(!read && { reason: `统计用区划代码 ${DIVISION_EDITION} 年版` }),
        summary: { towns: district.towns.length, villages: district.villages.length },
        changes: [{ action: "init", reason: `${district.name}（${district.code}）` }],
      }),
    ]);
    // The first command reads the register from the cache (a country's takes long to check).
    refreshCache(dir, [register], { today: today(), cwd: options.cwd });
  } finally {
    lock.release();
  }
  return {
    diagnostics: parsed.diagnostics,
    district,
    kinds: parsed.kinds ?? countKinds(district.villages, parsed.diagnostics),
    source: parsed.source ?? "file",
    ...(differences && { differences }),
  };
}

function sha256(b: Uint8Array): string {
  return createHash("sha256").update(b).digest("hex");
}
