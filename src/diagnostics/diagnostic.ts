import { CODE_SEVERITY, type DiagnosticCode } from "./codes.js";

/**
 * error: the input is refused, or the library breaks a rule; warning: worth a look, never refusing
 * (--strict makes it an error); notice (提示): information about what was done or how things stand,
 * never a fault (a term rewritten to its standard form, a village still short after an import).
 */
export type Severity = "error" | "warning" | "notice";

/** Arguments a message template fills in. Values are already safe to show (masked, truncated). */
export type DiagnosticArgs = Readonly<Record<string, string | number>>;

/**
 * Where a problem is. Library files are located by a path into the YAML document, which the I/O
 * layer turns into a line and column only when the diagnostic is printed; tabular input carries
 * line and column directly.
 */
export interface Location {
  /** The file as the user would type it (relative to the working directory when inside it). */
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
  /** Path into a YAML document, e.g. ["reserves", 3, "id_number"]. */
  readonly path?: readonly (string | number)[];
  /** The column as written in a header, for tabular input. */
  readonly field?: string;
}

/** A finding: data, never thrown. Wording is produced only when printing (see messages/). */
export interface Diagnostic {
  readonly code: DiagnosticCode;
  readonly severity: Severity;
  readonly args: DiagnosticArgs;
  readonly location?: Location;
  /** Village and town codes and the person's internal id, for grouping and for JSON output. */
  readonly village?: string;
  readonly town?: string;
  readonly person?: string;
}

export function diagnostic(
  code: DiagnosticCode,
  args: DiagnosticArgs = {},
  where: Omit<Diagnostic, "code" | "args" | "severity"> & { severity?: Severity } = {},
): Diagnostic {
  const { severity, ...rest } = where;
  return { code, severity: severity ?? defaultSeverity(code), args, ...rest };
}

export function defaultSeverity(code: DiagnosticCode): Severity {
  return CODE_SEVERITY[code];
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === "error");
}

/** Orders diagnostics by file, line, column, then code, so every run prints the same bytes. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  const fa = a.location?.file ?? "";
  const fb = b.location?.file ?? "";
  if (fa !== fb) return fa < fb ? -1 : 1;
  const la = a.location?.line ?? 0;
  const lb = b.location?.line ?? 0;
  if (la !== lb) return la - lb;
  const ca = a.location?.column ?? 0;
  const cb = b.location?.column ?? 0;
  if (ca !== cb) return ca - cb;
  if (a.code !== b.code) return a.code < b.code ? -1 : 1;
  return 0;
}
