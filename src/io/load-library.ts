import * as fs from "node:fs";
import * as path from "node:path";
import type { IsoDate } from "../domain/dates.js";
import {
  indexRegister,
  type Library,
  type LoadedBook,
  type LoadedTrainingYear,
  type RegisterIndex,
} from "../domain/library.js";
import type { District, Reserve, TrainingSession } from "../domain/model.js";
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import { ReserveError } from "../diagnostics/fatal.js";
import { districtFileSchema } from "../schema/district.js";
import { checkReserveRecord, type RecordProblem } from "../schema/record-checks.js";
import { buildDistrict } from "../schema/register-checks.js";
import { trainingFileSchema } from "../schema/trainings.js";
import { reserveSchema, villageFileSchema } from "../schema/village.js";
import { issuesToDiagnostics } from "../schema/zod-issues.js";
import {
  DISTRICT_FILE,
  displayPath,
  TRAINING_FILE_NAME,
  TRAININGS_DIR,
  VILLAGE_FILE_NAME,
  VILLAGES_DIR,
} from "./layout.js";
import { isCollection } from "yaml";
import { positionOf, readYaml, valuePositionOf, type ParsedYaml } from "./yaml-read.js";

/** Library files larger than this are refused before reading (a country register is ~60 MB). */
export const MAX_LIBRARY_FILE_BYTES = 256 * 1024 * 1024;

export interface LoadOptions {
  /** The date ID numbers are checked against (a birth date after it is impossible). */
  readonly today: IsoDate;
  readonly cwd?: string;
}

export interface LoadedLibrary {
  readonly root: string;
  /** Undefined when district.yaml itself cannot be used; the diagnostics say why. */
  readonly library: Library | undefined;
  /** Problems found while reading, already located by line and column. */
  readonly diagnostics: readonly Diagnostic[];
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** Reads a library file as UTF-8 text (a BOM is tolerated), or says why it cannot. */
export function readLibraryText(abs: string, shown: string): { text?: string; diagnostic?: Diagnostic } {
  const at = { location: { file: shown, line: 1, column: 1 } };
  let st: fs.Stats;
  try {
    st = fs.lstatSync(abs);
  } catch (err) {
    return {
      diagnostic: diagnostic("file-unreadable", { reason: (err as NodeJS.ErrnoException).code ?? "error" }, at),
    };
  }
  if (st.isSymbolicLink()) return { diagnostic: diagnostic("file-unreadable", { reason: "symlink" }, at) };
  if (!st.isFile()) return { diagnostic: diagnostic("file-unreadable", { reason: "not-file" }, at) };
  if (st.size > MAX_LIBRARY_FILE_BYTES) {
    return { diagnostic: diagnostic("file-too-large", { size: st.size, max: MAX_LIBRARY_FILE_BYTES }, at) };
  }
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(abs);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? "error";
    if (code === "EACCES" || code === "EPERM") throw new ReserveError("permission-denied", { path: shown });
    return { diagnostic: diagnostic("file-unreadable", { reason: code }, at) };
  }
  try {
    const text = utf8.decode(bytes);
    return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
  } catch {
    return { diagnostic: diagnostic("file-encoding", {}, at) };
  }
}

/**
 * A finding about a key, or about a whole list or record, is shown where that key is written; a
 * finding about a value, where the value starts.
 */
function pointsAtKey(parsed: ParsedYaml, d: Diagnostic): boolean {
  if (d.code === "unknown-key" || d.code === "missing-field") return true;
  const node = parsed.doc.getIn(d.location!.path!, true);
  return isCollection(node);
}

/** Fills in line and column for diagnostics located by a YAML path. */
export function locateIn(parsed: ParsedYaml, d: Diagnostic): Diagnostic {
  const loc = d.location;
  if (!loc?.path || loc.line !== undefined) return d;
  const pos = pointsAtKey(parsed, d) ? positionOf(parsed, loc.path) : valuePositionOf(parsed, loc.path);
  return { ...d, location: { ...loc, line: pos.line, column: pos.column } };
}

function problemsToDiagnostics(
  problems: readonly RecordProblem[],
  base: readonly (string | number)[],
  file: string,
  who: { village?: string; town?: string; person?: string },
): Diagnostic[] {
  return problems.map((p) => diagnostic(p.code, p.args, { location: { file, path: [...base, ...p.path] }, ...who }));
}

function listDir(root: string, dir: string, pattern: RegExp, cwd: string, diagnostics: Diagnostic[]): string[] {
  const abs = path.join(root, dir);
  let names: string[];
  try {
    names = fs.readdirSync(abs);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw err;
  }
  const out: string[] = [];
  for (const name of names.sort()) {
    if (name.startsWith(".")) continue;
    if (pattern.test(name)) out.push(name);
    else if (name.endsWith(".yaml") || name.endsWith(".yml")) {
      diagnostics.push(
        diagnostic(
          "village-file-name",
          { name, expected: dir === VILLAGES_DIR ? "village" : "year" },
          {
            location: { file: displayPath(path.join(abs, name), cwd), line: 1, column: 1 },
          },
        ),
      );
    }
  }
  return out;
}

function loadDistrict(root: string, cwd: string, diagnostics: Diagnostic[]): { district?: District; file: string } {
  const abs = path.join(root, DISTRICT_FILE);
  const file = displayPath(abs, cwd);
  const { text, diagnostic: problem } = readLibraryText(abs, file);
  if (problem) {
    diagnostics.push(problem);
    return { file };
  }
  const { parsed, diagnostics: yamlProblems } = readYaml(text!, file);
  diagnostics.push(...yamlProblems);
  if (!parsed) return { file };
  const result = districtFileSchema.safeParse(parsed.data);
  if (!result.success) {
    const ds = issuesToDiagnostics(result.error.issues, {
      input: parsed.data,
      base: [],
      file,
      schema: districtFileSchema,
    });
    diagnostics.push(...ds.map((d) => locateIn(parsed, d)));
    return { file };
  }
  const { district, problems } = buildDistrict(result.data);
  diagnostics.push(...problemsToDiagnostics(problems, [], file, {}).map((d) => locateIn(parsed, d)));
  return { district, file };
}

function loadBook(
  root: string,
  name: string,
  cwd: string,
  register: RegisterIndex | undefined,
  today: IsoDate,
  diagnostics: Diagnostic[],
): LoadedBook | undefined {
  const abs = path.join(root, VILLAGES_DIR, name);
  const file = displayPath(abs, cwd);
  const fileCode = VILLAGE_FILE_NAME.exec(name)![1]!;
  const town = register?.villages.get(fileCode)?.town;
  const { text, diagnostic: problem } = readLibraryText(abs, file);
  if (problem) {
    diagnostics.push({ ...problem, village: fileCode, ...(town && { town }) });
    return undefined;
  }
  const { parsed, diagnostics: yamlProblems } = readYaml(text!, file);
  diagnostics.push(...yamlProblems.map((d) => ({ ...d, village: fileCode, ...(town && { town }) })));
  if (!parsed) return undefined;
  const local: Diagnostic[] = [];
  const who = { village: fileCode, ...(town && { town }) };
  const top = villageFileSchema.safeParse(parsed.data);
  if (!top.success) {
    local.push(
      ...issuesToDiagnostics(top.error.issues, {
        input: parsed.data,
        base: [],
        file,
        schema: villageFileSchema,
        ...who,
      }),
    );
    diagnostics.push(...local.map((d) => locateIn(parsed, d)));
    return undefined;
  }
  if (top.data.village !== fileCode) {
    local.push(
      diagnostic(
        "village-file-name",
        { name, expected: `${top.data.village}.yaml` },
        { location: { file, path: ["village"] }, ...who },
      ),
    );
  }
  if (register && !register.villages.has(top.data.village)) {
    local.push(
      diagnostic("village-unknown", { code: top.data.village }, { location: { file, path: ["village"] }, ...who }),
    );
  }
  let complete = true;
  const reserves: Reserve[] = [];
  top.data.reserves.forEach((raw, i) => {
    const rawId = (raw as { id?: unknown } | null)?.id;
    const person = typeof rawId === "string" ? rawId : undefined;
    const r = reserveSchema.safeParse(raw);
    if (!r.success) {
      complete = false;
      if (raw !== null && typeof raw === "object") {
        const partial = checkReserveRecord(raw, today);
        local.push(...problemsToDiagnostics(partial, ["reserves", i], file, { ...who, ...(person && { person }) }));
      }
      local.push(
        ...issuesToDiagnostics(r.error.issues, {
          input: raw,
          base: ["reserves", i],
          file,
          schema: reserveSchema,
          ...who,
          ...(person && { person }),
        }),
      );
      return;
    }
    reserves.push(r.data);
    local.push(
      ...problemsToDiagnostics(checkReserveRecord(r.data, today), ["reserves", i], file, { ...who, person: r.data.id }),
    );
  });
  diagnostics.push(...local.map((d) => locateIn(parsed, d)));
  return { village: top.data.village, reserves, file, complete };
}

function loadTrainingYear(
  root: string,
  name: string,
  cwd: string,
  diagnostics: Diagnostic[],
): LoadedTrainingYear | undefined {
  const abs = path.join(root, TRAININGS_DIR, name);
  const file = displayPath(abs, cwd);
  const { text, diagnostic: problem } = readLibraryText(abs, file);
  if (problem) {
    diagnostics.push(problem);
    return undefined;
  }
  const { parsed, diagnostics: yamlProblems } = readYaml(text!, file);
  diagnostics.push(...yamlProblems);
  if (!parsed) return undefined;
  const result = trainingFileSchema.safeParse(parsed.data);
  if (!result.success) {
    const ds = issuesToDiagnostics(result.error.issues, {
      input: parsed.data,
      base: [],
      file,
      schema: trainingFileSchema,
    });
    diagnostics.push(...ds.map((d) => locateIn(parsed, d)));
    return undefined;
  }
  const fileYear = Number(TRAINING_FILE_NAME.exec(name)![1]);
  if (result.data.year !== fileYear) {
    diagnostics.push(
      locateIn(
        parsed,
        diagnostic(
          "training-year-mismatch",
          { year: result.data.year, fileYear },
          { location: { file, path: ["year"] } },
        ),
      ),
    );
  }
  const seen = new Set<string>();
  const sessions: TrainingSession[] = [];
  result.data.sessions.forEach((s, i) => {
    if (seen.has(s.id)) {
      diagnostics.push(
        locateIn(
          parsed,
          diagnostic("training-duplicate-session", { id: s.id }, { location: { file, path: ["sessions", i, "id"] } }),
        ),
      );
    }
    seen.add(s.id);
    sessions.push(s);
  });
  return { year: result.data.year, sessions, file };
}

/** The same internal id in two records (anywhere in the library). */
function duplicatePersonIds(books: readonly LoadedBook[], register: RegisterIndex | undefined): Diagnostic[] {
  const first = new Map<string, string>();
  const out: Diagnostic[] = [];
  for (const book of books) {
    book.reserves.forEach((r, i) => {
      const prev = first.get(r.id);
      if (prev !== undefined) {
        const town = register?.villages.get(book.village)?.town;
        out.push(
          diagnostic(
            "person-id-duplicate",
            { id: r.id, first: prev },
            {
              location: { file: book.file, path: ["reserves", i, "id"] },
              village: book.village,
              ...(town && { town }),
              person: r.id,
            },
          ),
        );
      } else first.set(r.id, book.file);
    });
  }
  return out;
}

/**
 * Reads and validates every file of the library. Problems are collected, never thrown; only an
 * environment failure (permission) stops the load.
 */
export function loadLibrary(root: string, options: LoadOptions): LoadedLibrary {
  const cwd = options.cwd ?? process.cwd();
  if (!fs.existsSync(path.join(root, DISTRICT_FILE))) {
    throw new ReserveError("no-library", { path: displayPath(root, cwd) });
  }
  const diagnostics: Diagnostic[] = [];
  const { district, file: districtFile } = loadDistrict(root, cwd, diagnostics);
  const register = district ? indexRegister(district) : undefined;
  const books: LoadedBook[] = [];
  for (const name of listDir(root, VILLAGES_DIR, VILLAGE_FILE_NAME, cwd, diagnostics)) {
    const book = loadBook(root, name, cwd, register, options.today, diagnostics);
    if (book) books.push(book);
  }
  const trainings: LoadedTrainingYear[] = [];
  for (const name of listDir(root, TRAININGS_DIR, TRAINING_FILE_NAME, cwd, diagnostics)) {
    const year = loadTrainingYear(root, name, cwd, diagnostics);
    if (year) trainings.push(year);
  }
  const dupes = duplicatePersonIds(books, register);
  if (dupes.length > 0) diagnostics.push(...locateAll(dupes, cwd));
  const library = district ? { district, districtFile, books, trainings } : undefined;
  return { root, library, diagnostics };
}

/**
 * Fills in line and column for diagnostics that rules located by YAML path. Each file involved is
 * parsed once more; files without findings are not touched, so a clean audit parses nothing here.
 */
export function locateAll(diagnostics: readonly Diagnostic[], cwd: string = process.cwd()): Diagnostic[] {
  const byFile = new Map<string, ParsedYaml | null>();
  return diagnostics.map((d) => {
    const loc = d.location;
    if (!loc?.path || loc.line !== undefined) return d;
    let parsed = byFile.get(loc.file);
    if (parsed === undefined) {
      const abs = path.isAbsolute(loc.file) ? loc.file : path.resolve(cwd, loc.file);
      const { text } = readLibraryText(abs, loc.file);
      parsed = text === undefined ? null : (readYaml(text, loc.file).parsed ?? null);
      byFile.set(loc.file, parsed);
    }
    return parsed ? locateIn(parsed, d) : { ...d, location: { ...loc, line: 1, column: 1 } };
  });
}
