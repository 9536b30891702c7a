import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { DiagnosticCode } from "../../src/diagnostics/codes.js";
import type { FatalCode } from "../../src/diagnostics/fatal.js";
import type { Reserve } from "../../src/domain/model.js";
import { idNumber, makeLibrary, person, smallDistrict, type LibrarySpec } from "../helpers/library.js";

/**
 * The error catalogue (docs/errors.md) is made from reproducer cases: one per diagnostic code, each
 * a tiny situation set up in an empty folder and the command that shows the code there. The
 * catalogue runs every case and prints what the program really says, so the page cannot drift from
 * the code. Cases live in `tests/catalogue/<area>.cases.ts` files, each exporting `cases` (and, for
 * codes that cannot be shown cheaply, `unreproduced`); every such file is picked up.
 */
export interface CatalogueCase {
  readonly code: DiagnosticCode;
  /** What the code means, for the reader of the catalogue (one or two sentences). */
  readonly meaning: string;
  /** The situation the reproducer sets up, in a few words. */
  readonly reproducer: string;
  /** Creates the reproducer in `dir`, an empty folder that is the working directory of `args`. */
  readonly setup: (dir: string) => void;
  /** The command shown and run in `dir`, without the leading `reserve`. */
  readonly args: readonly string[];
}

/** A code whose reproducer would be impractical (e.g. a file of 256 MB), with the reason. */
export interface Unreproduced {
  readonly code: DiagnosticCode;
  readonly meaning: string;
  readonly why: string;
}

/**
 * A reproducer of an error that stops a command as a whole (src/diagnostics/fatal.ts): printed as
 * `reserve: 错误 …` with a hint, and an exit code of its own.
 */
export interface FatalCase {
  readonly code: FatalCode;
  readonly meaning: string;
  readonly reproducer: string;
  readonly setup: (dir: string) => void;
  readonly args: readonly string[];
  /**
   * Environment of the run (fault injection, read once at start-up): such a case runs in a process
   * of its own rather than in the catalogue's.
   */
  readonly env?: Readonly<Record<string, string>>;
}

export interface CaseFile {
  readonly cases?: readonly CatalogueCase[];
  readonly unreproduced?: readonly Unreproduced[];
  readonly fatal?: readonly FatalCase[];
}

// ---------------------------------------------------------------------------------------------
// Helpers for cases about the library. The library is written to `<dir>/data` (the default
// location), so the command runs as a user would type it and paths print as `data/...`.

export const V1 = "640502100201"; // 滨河镇沙坡村
export const V2 = "640502100202"; // 滨河镇黄河村
export const V3 = "640502100203"; // 滨河镇新墩村 (merged into 黄河村)
export const V4 = "640502101201"; // 文昌镇红泉村

/** Audits as of the end of the fixtures' working year. */
export const AUDIT = ["audit", "--date", "2021-12-31"] as const;

/**
 * `person(village, n)` with an ID number and phone fixed by village and n (the fixtures number them
 * by a running counter), so the catalogue prints the same whatever ran before it.
 */
export function member(village: string, n: number, more: Partial<Reserve> = {}): Reserve {
  const male = n % 2 === 1;
  const index = (Number(village.slice(6, 9)) % 10) * 200 + (Number(village.slice(9)) % 10) * 20 + n;
  const seq = 2 * index + (male ? 1 : 0);
  return person(village, n, {
    id_number: idNumber("640502", `19${87 + (n % 10)}0${1 + (n % 9)}1${n % 10}`, seq),
    phone: `139${village.slice(9)}${String(n).padStart(5, "0")}`,
    ...more,
  });
}

/** The clean base library: three compliant reserves in each active village of the small district. */
export function baseSpec(): { district: ReturnType<typeof smallDistrict>; books: Record<string, Reserve[]> } {
  return {
    district: smallDistrict(),
    books: Object.fromEntries([V1, V2, V4].map((v) => [v, [member(v, 1), member(v, 2), member(v, 3)]])),
  };
}

/** Replaces the first `from` in a file of the library; a case whose text is gone fails loudly. */
export function replaceIn(dir: string, file: string, from: string | RegExp, to: string): void {
  const abs = join(dir, "data", file);
  const text = readFileSync(abs, "utf8");
  const next = text.replace(from, to);
  if (next === text) throw new Error(`catalogue case: ${String(from)} not found in ${file}`);
  writeFileSync(abs, next);
}

/**
 * A case about the library: the base library, changed by `change` (data) and then `edit` (the
 * written text, for things the model cannot express), audited with `args` (default: AUDIT).
 */
export function libraryCase(c: {
  code: DiagnosticCode;
  meaning: string;
  reproducer: string;
  change?: (base: ReturnType<typeof baseSpec>) => LibrarySpec;
  edit?: (dir: string) => void;
  args?: readonly string[];
}): CatalogueCase {
  return {
    code: c.code,
    meaning: c.meaning,
    reproducer: c.reproducer,
    args: c.args ?? AUDIT,
    setup: (dir) => {
      const base = baseSpec();
      makeLibrary(c.change ? c.change(base) : base, join(dir, "data"));
      c.edit?.(dir);
    },
  };
}

/** The base books with some records of one village replaced (by position) or added. */
export function withRecords(
  base: ReturnType<typeof baseSpec>,
  village: string,
  change: (records: Reserve[]) => Reserve[],
): Record<string, Reserve[]> {
  return { ...base.books, [village]: change([...(base.books[village] ?? [])]) };
}
