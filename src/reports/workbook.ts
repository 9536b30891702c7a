import type { IsoDate } from "../domain/dates.js";

/**
 * A spreadsheet described as data. Renderers (pure) build it; src/io/xlsx-write.ts turns it into
 * the bytes of an .xlsx file. Only what the project's sheets need: one header row, typed columns,
 * locked and unlocked cells, data validation, print settings.
 */

/**
 * How a column's cells are written:
 * - `locked-text`: filled in, protected, stored as text (codes and ids stay text);
 * - `locked`: filled in, protected, numbers as numbers;
 * - `input-text`: left for the user (unlocked), text;
 * - `input-number`: left for the user (unlocked), whole numbers.
 */
export type ColumnStyle = "locked-text" | "locked" | "input-text" | "input-number";

export interface SheetColumnSpec {
  readonly header: string;
  readonly width: number;
  readonly style: ColumnStyle;
}

export type ValidationRule =
  | { readonly type: "list"; readonly values: readonly string[] }
  | { readonly type: "whole"; readonly min: number; readonly max: number };

export interface ValidationSpec {
  /** 0-based, inclusive column range; applies to every data row. */
  readonly firstColumn: number;
  readonly lastColumn: number;
  readonly rule: ValidationRule;
  readonly promptTitle: string;
  readonly prompt: string;
  readonly errorTitle: string;
  readonly error: string;
}

export interface SheetSpec {
  readonly name: string;
  readonly columns: readonly SheetColumnSpec[];
  /** Data rows below the header; null leaves a cell empty. */
  readonly rows: readonly (readonly (string | number | null)[])[];
  readonly validations: readonly ValidationSpec[];
  /** Protect the sheet: locked cells cannot be changed, unlocked ones can. */
  readonly protect: boolean;
  /** Printed at the top of every page. */
  readonly printHeader: string;
  /** Printed at the bottom of every page (&P page, &N pages). */
  readonly printFooter: string;
}

export interface WorkbookSpec {
  readonly title: string;
  /** Written as the document's creation date, so the same report gives the same bytes. */
  readonly date: IsoDate;
  readonly sheet: SheetSpec;
}
