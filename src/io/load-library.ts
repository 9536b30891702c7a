import * as path from "node:path";
import type { IsoDate } from "../domain/dates.js";
import { indexRegister, type Library, type LoadedBook, type LoadedTrainingYear } from "../domain/library.js";
import type { District, Reserve, TrainingSession } from "../domain/model.js";
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import { districtFileSchema } from "../schema/district.js";
import { checkReserveRecord, type RecordProblem } from "../schema/record-checks.js";
import { buildDistrict } from "../schema/register-checks.js";
import { sessionFileSchema, trainingFileSchema } from "../schema/trainings.js";
import { checkPolicyVocabulary } from "../schema/policy-vocabulary.js";
import { reserveSchemaFor, villageFileSchema } from "../schema/village.js";
import { BUILTIN, vocabulariesOf, type Vocabularies } from "../domain/vocabulary-set.js";
import { issuesToDiagnostics } from "../schema/zod-issues.js";
import { canonicalPosition, readCanonical, type CanonicalDoc } from "./canonical-yaml.js";
import {
  DISTRICT_FILE,
  displayPath,
  TRAINING_FILE_NAME,
  TRAINING_SESSION_FILE_NAME,
  TRAINING_YEAR_FILE_NAME,
  TRAININGS_DIR,
  VILLAGE_FILE_NAME,
  VILLAGES_DIR,
} from "./layout.js";
import {
  assembleBook,
  duplicatePersonIds,
  latestBirthIn,
  listLibraryDir,
  locateFindings,
  readLibraryText,
  SessionIds,
  type BookRead,
  type DistrictRead,
  type TrainingRead,
} from "./library-files.js";
import { requireLibrary } from "./library-root.js";
import { isCollection } from "yaml";
import { positionOf, readYaml, valuePositionOf, type ParsedYaml } from "./yaml-read.js";

/**
 * Reading library files: parsing, the schemas, the checks of every record. This is the slow path
 * of loading, and the reference: `loadLibrary` reads every file afresh; the cached loader
 * (load-cached.ts) gives the same result and uses this module only for files it has not seen in
 * their present state. A file in the canonical layout is parsed by canonical-yaml.ts; any other
 * by the YAML library.
 */

export { MAX_LIBRARY_FILE_BYTES, readLibraryText } from "./library-files.js";
/** The history writer needs the schemas too (it orders keys by them). */
export { historyText } from "./serialize.js";

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

function locateCanonical(doc: CanonicalDoc, d: Diagnostic): Diagnostic {
  const loc = d.location;
  if (!loc?.path || loc.line !== undefined) return d;
  const pos = canonicalPosition(doc, loc.path, d.code);
  return { ...d, location: { ...loc, line: pos.line, column: pos.column } };
}

/** A parsed library file: its data, and how to place a diagnostic located by a YAML path. */
interface Doc {
  readonly data: unknown;
  readonly locate: (d: Diagnostic) => Diagnostic;
  readonly canonical: boolean;
}

/** Parses a file: in the canonical layout without the YAML library, otherwise with it. */
function parse(text: string, file: string): { doc?: Doc; diagnostics: Diagnostic[] } {
  const c = readCanonical(text);
  if (c) return { doc: { data: c.data, locate: (d) => locateCanonical(c, d), canonical: true }, diagnostics: [] };
  const { parsed, diagnostics } = readYaml(text, file);
  const doc = parsed && { data: parsed.data, locate: (d: Diagnostic) => locateIn(parsed, d), canonical: false };
  return { ...(doc && { doc }), diagnostics };
}

function problemsToDiagnostics(
  problems: readonly RecordProblem[],
  base: readonly (string | number)[],
  file: string,
  who: { village?: string; town?: string; person?: string },
): Diagnostic[] {
  return problems.map((p) => diagnostic(p.code, p.args, { location: { file, path: [...base, ...p.path] }, ...who }));
}

/** district.yaml from its text. */
export function readDistrictFile(text: string, file: string): DistrictRead {
  const { doc, diagnostics } = parse(text, file);
  if (!doc) return { diagnostics };
  const result = districtFileSchema.safeParse(doc.data);
  if (!result.success) {
    const ds = issuesToDiagnostics(result.error.issues, {
      input: doc.data,
      base: [],
      file,
      schema: districtFileSchema,
    });
    return { diagnostics: [...diagnostics, ...ds.map(doc.locate)], canonical: doc.canonical };
  }
  const { district, problems } = buildDistrict(result.data);
  const vocabulary = checkPolicyVocabulary(district.policy);
  return {
    diagnostics: [...diagnostics, ...problemsToDiagnostics([...problems, ...vocabulary], [], file, {}).map(doc.locate)],
    district,
    canonical: doc.canonical,
    registerAt: registerPositions(district, file, doc),
  };
}

/**
 * Where each town and village of the register is written (line, column pairs, in the order of
 * RegisterIndex.paths: each town, then its villages), for the findings about them (quota,
 * structure) without reading district.yaml again.
 */
function registerPositions(district: District, file: string, doc: Doc): Uint32Array {
  const register = indexRegister(district);
  const out: number[] = [];
  const put = (path: (string | number)[]) => {
    const at = doc.locate(diagnostic("quota-below-min", {}, { location: { file, path } })).location!;
    out.push(at.line!, at.column!);
  };
  district.towns.forEach((t, ti) => {
    put(["towns", ti]);
    (register.villagesByTown.get(t.code) ?? []).forEach((_, vi) => put(["towns", ti, "villages", vi]));
  });
  return Uint32Array.from(out);
}

/** villages/<name> from its text, checked on `today` against the library's vocabularies. */
export function readBookFile(
  text: string,
  name: string,
  file: string,
  today: IsoDate,
  vocabularies: Vocabularies = BUILTIN,
): BookRead {
  const reserveSchema = reserveSchemaFor(vocabularies);
  const fileCode = VILLAGE_FILE_NAME.exec(name)![1]!;
  const who = { village: fileCode };
  const { doc, diagnostics: yamlProblems } = parse(text, file);
  const diagnostics = yamlProblems.map((d) => ({ ...d, ...who }));
  if (!doc) return { diagnostics, latestBirth: "" };
  const top = villageFileSchema.safeParse(doc.data);
  if (!top.success) {
    const ds = issuesToDiagnostics(top.error.issues, {
      input: doc.data,
      base: [],
      file,
      schema: villageFileSchema,
      ...who,
    });
    const raw = (doc.data as { reserves?: unknown } | null)?.reserves;
    return {
      diagnostics: [...diagnostics, ...ds.map(doc.locate)],
      latestBirth: Array.isArray(raw) ? latestBirthIn(raw) : "",
    };
  }
  const local: Diagnostic[] = [];
  if (top.data.village !== fileCode) {
    local.push(
      diagnostic(
        "village-file-name",
        { name, expected: `${top.data.village}.yaml` },
        { location: { file, path: ["village"] }, ...who },
      ),
    );
  }
  const unknownAt = diagnostics.length + local.length;
  let complete = true;
  const reserves: Reserve[] = [];
  const indexes: number[] = [];
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
    indexes.push(i);
    local.push(
      ...problemsToDiagnostics(checkReserveRecord(r.data, today), ["reserves", i], file, { ...who, person: r.data.id }),
    );
  });
  const villageAt = doc.locate(diagnostic("village-unknown", {}, { location: { file, path: ["village"] } })).location!;
  return {
    diagnostics: [...diagnostics, ...local.map(doc.locate)],
    book: {
      village: top.data.village,
      reserves,
      complete,
      ...(complete ? {} : { indexes }),
      villageAt: { line: villageAt.line!, column: villageAt.column! },
      unknownAt,
    },
    latestBirth: latestBirthIn(top.data.reserves),
    canonical: doc.canonical,
  };
}

/** trainings/<name> from its text: a year's file (2021.yaml) or one session's (<id>.yaml). */
export function readTrainingFile(text: string, name: string, file: string): TrainingRead {
  const session = TRAINING_SESSION_FILE_NAME.exec(name);
  if (session) return readSessionFile(text, session[1]!, file);
  const { doc, diagnostics } = parse(text, file);
  if (!doc) return { diagnostics };
  const result = trainingFileSchema.safeParse(doc.data);
  if (!result.success) {
    const ds = issuesToDiagnostics(result.error.issues, {
      input: doc.data,
      base: [],
      file,
      schema: trainingFileSchema,
    });
    return { diagnostics: [...diagnostics, ...ds.map(doc.locate)], canonical: doc.canonical };
  }
  const out = [...diagnostics];
  const fileYear = Number(TRAINING_YEAR_FILE_NAME.exec(name)![1]);
  if (result.data.year !== fileYear) {
    out.push(
      doc.locate(
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
      out.push(
        doc.locate(
          diagnostic(
            "training-duplicate-session",
            { id: s.id, first: "" },
            { location: { file, path: ["sessions", i, "id"] } },
          ),
        ),
      );
    }
    seen.add(s.id);
    sessions.push(s);
  });
  return { diagnostics: out, year: { year: result.data.year, sessions }, canonical: doc.canonical };
}

/** trainings/<id>.yaml: one session, whose id is the file's name. */
function readSessionFile(text: string, nameId: string, file: string): TrainingRead {
  const { doc, diagnostics } = parse(text, file);
  if (!doc) return { diagnostics };
  const result = sessionFileSchema.safeParse(doc.data);
  if (!result.success) {
    const ds = issuesToDiagnostics(result.error.issues, {
      input: doc.data,
      base: [],
      file,
      schema: sessionFileSchema,
    });
    return { diagnostics: [...diagnostics, ...ds.map(doc.locate)], canonical: doc.canonical };
  }
  const out = [...diagnostics];
  const s = result.data;
  if (s.id !== nameId) {
    out.push(
      doc.locate(
        diagnostic("training-file-name", { name: `${nameId}.yaml`, id: s.id }, { location: { file, path: ["id"] } }),
      ),
    );
  }
  return {
    diagnostics: out,
    year: { year: Number(s.date.slice(0, 4)), sessions: [s] },
    canonical: doc.canonical,
  };
}

/** Reads a file's text and hands it to `read`; a file that cannot be read gives its problem. */
function readFile<T extends { diagnostics: readonly Diagnostic[] }>(
  abs: string,
  file: string,
  read: (text: string) => T,
): T | { diagnostics: readonly Diagnostic[] } {
  const { text, diagnostic: problem } = readLibraryText(abs, file);
  if (problem) return { diagnostics: [problem] };
  return read(text!);
}

/**
 * Reads and validates every file of the library, without the cache: the reference the cached
 * loader is tested against. Problems are collected, never thrown; only an environment failure
 * (permission) stops the load.
 */
export function loadLibrary(root: string, options: LoadOptions): LoadedLibrary {
  const cwd = options.cwd ?? process.cwd();
  requireLibrary(root, cwd);
  const diagnostics: Diagnostic[] = [];
  const districtAbs = path.join(root, DISTRICT_FILE);
  const districtFile = displayPath(districtAbs, cwd);
  const d = readFile(districtAbs, districtFile, (text) => readDistrictFile(text, districtFile)) as DistrictRead;
  diagnostics.push(...d.diagnostics);
  const district = d.district;
  const register = district ? indexRegister(district) : undefined;
  const vocabularies = district ? vocabulariesOf(district.policy) : BUILTIN;
  const books: LoadedBook[] = [];
  for (const name of listLibraryDir(root, VILLAGES_DIR, VILLAGE_FILE_NAME, cwd, diagnostics)) {
    const abs = path.join(root, VILLAGES_DIR, name);
    const file = displayPath(abs, cwd);
    const fileCode = VILLAGE_FILE_NAME.exec(name)![1]!;
    const { text, hash, diagnostic: problem } = readLibraryText(abs, file);
    const read: BookRead = problem
      ? { diagnostics: [{ ...problem, village: fileCode }], latestBirth: "" }
      : readBookFile(text!, name, file, options.today, vocabularies);
    const { diagnostics: ds, book } = assembleBook(read, fileCode, file, register, hash);
    diagnostics.push(...ds);
    if (book) books.push(book);
  }
  const trainings: LoadedTrainingYear[] = [];
  const sessionIds = new SessionIds();
  for (const name of listLibraryDir(root, TRAININGS_DIR, TRAINING_FILE_NAME, cwd, diagnostics)) {
    const abs = path.join(root, TRAININGS_DIR, name);
    const file = displayPath(abs, cwd);
    const read = readFile(abs, file, (text) => readTrainingFile(text, name, file)) as TrainingRead;
    diagnostics.push(...read.diagnostics);
    if (read.year) {
      trainings.push({ ...read.year, file });
      sessionIds.add(name, file, read.year.sessions);
    }
  }
  if (sessionIds.duplicates.length > 0) diagnostics.push(...locateAll(sessionIds.duplicates, cwd));
  const dupes = duplicatePersonIds(books, register);
  if (dupes.length > 0) diagnostics.push(...locateAll(dupes, cwd));
  const library = district ? { district, districtFile, books, trainings } : undefined;
  return { root, library, diagnostics };
}

/**
 * Fills in line and column for diagnostics located by YAML path. Each file involved is read once
 * more; files without findings are not touched, so a clean audit reads nothing here.
 */
export function locateAll(diagnostics: readonly Diagnostic[], cwd: string = process.cwd()): Diagnostic[] {
  return locateFindings(diagnostics, cwd, (rest) => locateWithYaml(rest, cwd));
}

/** locateAll for files not in the canonical layout: the YAML library places each finding. */
export function locateWithYaml(diagnostics: readonly Diagnostic[], cwd: string): Diagnostic[] {
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
