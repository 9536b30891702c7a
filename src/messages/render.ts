import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { ReserveError } from "../diagnostics/fatal.js";
import { DIAGNOSTIC_MESSAGES } from "./diagnostics.js";
import { FATAL_MESSAGES } from "./fatal.js";
import type { Lang } from "./lang.js";

export interface Rendered {
  readonly message: string;
  readonly hint: string;
}

export function renderDiagnostic(d: Diagnostic, lang: Lang): Rendered {
  const w = DIAGNOSTIC_MESSAGES[d.code][lang];
  return { message: w.message(d.args), hint: w.hint(d.args) };
}

export function renderFatal(e: ReserveError, lang: Lang): Rendered {
  const w = FATAL_MESSAGES[e.code][lang];
  return { message: w.message(e.args), hint: w.hint(e.args) };
}
