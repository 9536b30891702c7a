import type { IsoDate } from "../domain/dates.js";

/**
 * A spreadsheet described as data. Renderers (pure) build it; src/io/xlsx-write.ts turns it into
 * the bytes of an .xlsx file. Only what the project's sheets need: one header row per sheet, typed
 * columns, locked and unlocked cells, data validation, print settings.
 */

/**
 * How a column's cells are written:
 * - `locked-text`: filled in, protected, stored as text (codes and ids stay text);
 * - `locked`: filled in, protected, numbers as numbers;
 * - `input-text`: left for the user (unlocked), text;
 * - `input-number`: left for the user (unlocked), whole numbers;
 * - `text`, `value`, `wrap`: the same as `locked-text` and `locked` on a sheet that is not
 *   protected (ledgers to read and print), `wrap` being text that wraps within its width.
 */
export type ColumnStyle = "locked-text" | "locked" | "input-text" | "input-number" | "text" | "value" | "wrap";

export interface SheetColumnSpec {
  readonly header: string;
  /** In the spreadsheet's unit: the width of one digit (a Chinese character takes about two). */
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
  /** Printed on A4 across (wide tables) or upright; always one page wide. */
  readonly orientation: "landscape" | "portrait";
  /** Printed at the top of every page. */
  readonly printHeader: string;
  /** Printed at the bottom of every page (&P page, &N pages). */
  readonly printFooter: string;
  /** Printed at the bottom left of every page (the personal-data notice of a ledger). */
  readonly printNote?: string;
}

export interface WorkbookSpec {
  readonly title: string;
  /** Written as the document's creation date, so the same report gives the same bytes. */
  readonly date: IsoDate;
  readonly sheets: readonly SheetSpec[];
}
