import { join } from "node:path";
import { importRosters, type ImportOptions, type ImportResult } from "../../src/commands/import.js";
import type { District, Reserve } from "../../src/domain/model.js";
import { makeLibrary, person, smallDistrict } from "../helpers/library.js";

export const TODAY = "2021-12-31";
export const FIXTURES = join(import.meta.dirname, "fixtures");
export const ERRORS = join(FIXTURES, "errors");

export const V1 = "640502100201";
export const V2 = "640502100202";
export const V3 = "640502101201";

/** ID numbers used by the fixtures (tests/import/fixtures/errors). */
export const M1 = "640502199001010113";
export const F1 = "640502199203040222";
export const M2 = "640502198808080337";
export const F2 = "640502199505050426";

/** smallDistrict plus a second 黄河村 (in 文昌镇) and an abolished 旧城村. */
export function importDistrict(): District {
  const base = smallDistrict();
  return {
    ...base,
    villages: [
      ...base.villages,
      { code: "640502101202", name: "黄河村", town: "640502101", kind: "村", status: "正常" },
      { code: "640502101203", name: "旧城村", town: "640502101", kind: "村", status: "已撤销", changed: "2020-03-01" },
    ],
  };
}

/** M2 (王五) is a reserve of 黄河村; F1 (李芳) left 沙坡村's pool. Nothing depends on test order. */
export function knownPeople(): Record<string, Reserve[]> {
  return {
    [V1]: [
      person(V1, 1, {
        id_number: F1,
        name: "李芳",
        phone: "13900000101",
        gender: "女",
        status: "调整出库",
        status_changes: [
          { status: "在库", date: "2021-01-05", reason: "县级审核通过" },
          { status: "调整出库", date: "2021-06-30", reason: "外出务工" },
        ],
      }),
    ],
    [V2]: [person(V2, 1, { id_number: M2, name: "王五", gender: "男", phone: "13900000201" })],
  };
}

export function importLibrary(books: Record<string, Reserve[]> = knownPeople()): string {
  return makeLibrary({ district: importDistrict(), books });
}

export function runImport(
  root: string,
  files: readonly string[],
  options: Partial<ImportOptions> = {},
): Promise<ImportResult> {
  return importRosters({ root, cwd: ERRORS, files, today: TODAY, waitMs: 0, ...options });
}

/** [line, column as written in the header (or #number), code]: what the error tests compare. */
export function tuples(result: ImportResult): [number | undefined, string, string][] {
  return result.diagnostics.map((d) => [d.location?.line, d.location?.field ?? `#${d.location?.column ?? ""}`, d.code]);
}
