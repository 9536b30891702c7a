import type { DiagnosticArgs } from "../../diagnostics/diagnostic.js";
import { fieldLabel } from "../fields.js";

export type A = DiagnosticArgs;
export interface Wording {
  readonly message: (a: A) => string;
  readonly hint: (a: A) => string;
}
export type Entry = { readonly zh: Wording; readonly en: Wording };

export const zf = (a: A) => fieldLabel(a.field, "zh");
export const ef = (a: A) => fieldLabel(a.field, "en");

/** At most `n` options of a long list, so a message stays one line. */
export function some(list: string | number | undefined, n = 12, sep = "、"): string {
  const items = String(list ?? "").split("、");
  return items.length > n ? `${items.slice(0, n).join(sep)}${sep}…` : items.join(sep);
}
