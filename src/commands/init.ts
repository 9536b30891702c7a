import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import type { District, Town, Village } from "../domain/model.js";
import { DEFAULT_POLICY } from "../domain/policy-defaults.js";
import { diagnostic, hasErrors, type Diagnostic } from "../diagnostics/diagnostic.js";
import { ReserveError } from "../diagnostics/fatal.js";
import { csvRows } from "../io/csv-rows.js";
import { historyStamp, historyWrite } from "../io/library-session.js";
import { DISTRICT_FILE, displayPath, STATE_DIR } from "../io/layout.js";
import { acquireLock } from "../io/lock.js";
import { districtText } from "../io/serialize.js";
import { decodeText } from "../io/text-decode.js";
import { today } from "../io/clock.js";
import { refreshCache } from "../io/load-cached.js";
import { commit } from "../io/transaction.js";

export interface InitOptions {
  readonly dir: string;
  readonly register: string;
  readonly cwd: string;
  readonly name?: string;
  readonly year: number;
}

export interface InitResult {
  readonly diagnostics: readonly Diagnostic[];
  readonly district?: District;
}

const CODE_HEADERS = ["统计用区划代码", "区划代码", "代码", "code"];
const NAME_HEADERS = ["名称", "name"];
const CLASS_HEADERS = ["城乡分类代码", "城乡分类", "class"];

/**
 * Reads a division code list as published in 统计用区划代码 (one row per unit: 12-digit code, name,
 * optionally the urban-rural class; 9- and 6-digit codes are accepted too) into a district register.
 * The class code 1xx marks a 居委会 (community, no quota); 2xx a 村委会. Without it, names ending in
 * 社区 or 居委会 are taken as communities.
 */
export function parseRegister(text: string, file: string, name?: string): InitResult {
  const diagnostics: Diagnostic[] = [];
  const at = (line: number, column: number, field?: string) => ({
    location: { file, line, column, ...(field && { field }) },
  });
  const rows = csvRows(text).filter((r) => r.cells.some((c) => c.trim() !== ""));
  if (rows.length === 0) return { diagnostics: [diagnostic("empty-value", { field: "code" }, at(1, 1))] };
  const header = rows[0]!.cells.map((c) => c.trim());
  const hasHeader = !/^\d+$/.test(header[0] ?? "");
  const col = (names: string[], fallback: number) => {
    if (!hasHeader) return fallback;
    return header.findIndex((h) => names.includes(h.toLowerCase()) || names.includes(h));
  };
  const codeCol = col(CODE_HEADERS, 0);
  const nameCol = col(NAME_HEADERS, header.length >= 3 ? 2 : 1);
  const classCol = hasHeader ? col(CLASS_HEADERS, -1) : header.length >= 3 ? 1 : -1;
  if (codeCol < 0 || nameCol < 0) {
    return { diagnostics: [diagnostic("missing-field", { field: codeCol < 0 ? "code" : "name" }, at(1, 1))] };
  }
  const towns = new Map<string, Town>();
  const villages: Village[] = [];
  let county: { code: string; name: string } | undefined;
  const seen = new Set<string>();
  for (const row of hasHeader ? rows.slice(1) : rows) {
    const code = (row.cells[codeCol] ?? "").trim();
    const unitName = (row.cells[nameCol] ?? "").trim();
    const cls = classCol >= 0 ? (row.cells[classCol] ?? "").trim() : "";
    const codeField = hasHeader ? header[codeCol] : undefined;
    if (!/^(\d{6}|\d{9}|\d{12})$/.test(code)) {
      diagnostics.push(
        diagnostic("bad-code", { field: "code", value: code, digits: 12 }, at(row.line, codeCol + 1, codeField)),
      );
      continue;
    }
    if (unitName === "") {
      diagnostics.push(
        diagnostic(
          "empty-value",
          { field: "name" },
          at(row.line, nameCol + 1, hasHeader ? header[nameCol] : undefined),
        ),
      );
      continue;
    }
    const full = code.padEnd(12, "0");
    if (seen.has(full)) {
      diagnostics.push(
        diagnostic("register-duplicate-code", { code, first: "" }, at(row.line, codeCol + 1, codeField)),
      );
      continue;
    }
    seen.add(full);
    if (full.endsWith("000000")) county = { code: full.slice(0, 6), name: unitName };
    else if (full.endsWith("000"))
      towns.set(full.slice(0, 9), { code: full.slice(0, 9), name: unitName, status: "正常" });
    else {
      const community = cls !== "" ? cls.startsWith("1") : /(社区|居委会|居民委员会)$/.test(unitName);
      villages.push({
        code: full,
        name: unitName,
        town: full.slice(0, 9),
        kind: community ? "社区" : "村",
        status: "正常",
      });
    }
  }
  const districtCode = county?.code ?? villages[0]?.code.slice(0, 6) ?? [...towns.keys()][0]?.slice(0, 6);
  const districtName = name ?? county?.name;
  if (districtCode === undefined || districtName === undefined) {
    diagnostics.push(diagnostic("missing-field", { field: districtCode === undefined ? "code" : "name" }, at(1, 1)));
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
          at(1, 1),
        ),
      );
    }
  }
  const district: District = {
    code: districtCode,
    name: districtName,
    year: 0,
    towns: [...towns.values()].sort((a, b) => (a.code < b.code ? -1 : 1)),
    villages: villages.sort((a, b) => (a.code < b.code ? -1 : 1)),
    policy: DEFAULT_POLICY,
  };
  return { diagnostics, district };
}

/** Creates a new library: district.yaml with the default policy, a .gitignore, the first history entry. */
export function init(options: InitOptions): InitResult {
  const dir = path.resolve(options.cwd, options.dir);
  if (fs.existsSync(dir) && (!fs.statSync(dir).isDirectory() || fs.readdirSync(dir).length > 0)) {
    throw new ReserveError("library-exists", { path: displayPath(dir, options.cwd) });
  }
  const registerPath = path.resolve(options.cwd, options.register);
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
  const parsed = parseRegister(decoded.text, shown, options.name);
  if (!parsed.district || hasErrors(parsed.diagnostics)) return parsed;
  const district: District = { ...parsed.district, year: options.year };
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
        files: [{ name: path.basename(registerPath), sha256: sha256(bytes) }],
        summary: { towns: district.towns.length, villages: district.villages.length },
        changes: [{ action: "init", reason: `${district.name}（${district.code}）` }],
      }),
    ]);
    // The first command reads the register from the cache (a country's takes long to check).
    refreshCache(dir, [register], { today: today(), cwd: options.cwd });
  } finally {
    lock.release();
  }
  return { diagnostics: parsed.diagnostics, district };
}

function sha256(b: Uint8Array): string {
  return createHash("sha256").update(b).digest("hex");
}
