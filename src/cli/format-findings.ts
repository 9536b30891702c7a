import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { Lang } from "../messages/lang.js";
import { renderDiagnostic } from "../messages/render.js";
import { ui } from "../messages/ui.js";
import type { Style } from "./style.js";

/** `file:line:col` as editors and terminals recognise it. */
export function locationText(d: Diagnostic): string {
  const l = d.location;
  if (!l) return "reserve";
  return `${l.file}:${l.line ?? 1}:${l.column ?? 1}`;
}

/** One finding: `file:line:col severity CODE message`, then the hint on its own indented line. */
export function formatFinding(d: Diagnostic, lang: Lang, style: Style): string {
  const t = ui(lang);
  const { message, hint } = renderDiagnostic(d, lang);
  const sev =
    d.severity === "error"
      ? style.error(t.severity.error)
      : d.severity === "warning"
        ? style.warning(t.severity.warning)
        : style.dim(t.severity.notice);
  const column = d.location?.field ? ` [${d.location.field}]` : "";
  return `${style.location(locationText(d))}${column} ${sev} ${d.code} ${message}\n  ${style.dim(`${t.hint}${hint}`)}`;
}

export interface Names {
  town(code: string): string | undefined;
  village(code: string): string | undefined;
}

/** Findings grouped under town and village headings, in the order given. */
export function formatGrouped(findings: readonly Diagnostic[], lang: Lang, style: Style, names: Names): string {
  const t = ui(lang);
  const lines: string[] = [];
  let town: string | undefined | null = null;
  let village: string | undefined | null = null;
  for (const d of findings) {
    if (d.town !== town || (d.town === undefined && town === null)) {
      town = d.town;
      village = null;
      const title = d.town ? `${names.town(d.town) ?? ""}（${d.town}）` : t.audit.libraryFiles;
      if (lines.length > 0) lines.push("");
      lines.push(style.bold(`== ${title} ==`));
    }
    if (d.village !== undefined && d.village !== village) {
      village = d.village;
      lines.push(style.bold(`-- ${names.village(d.village) ?? ""}（${d.village}）--`));
    }
    lines.push(formatFinding(d, lang, style));
  }
  return lines.join("\n");
}

/** The stable JSON form of a finding (README "JSON output"). No ID numbers: only the internal id. */
export function findingJson(d: Diagnostic, lang: Lang) {
  const { message, hint } = renderDiagnostic(d, lang);
  return {
    code: d.code,
    severity: d.severity,
    town: d.town ?? null,
    village: d.village ?? null,
    person: d.person ?? null,
    file: d.location?.file ?? null,
    line: d.location?.line ?? null,
    column: d.location?.column ?? null,
    field: d.location?.field ?? null,
    message,
    hint,
  };
}

/** A command refused for its library's errors: the errors, then what was refused and what to do. */
export function refusalLines(
  diagnostics: readonly Diagnostic[],
  refused: string,
  hint: string,
  lang: Lang,
  style: Style,
): string[] {
  const t = ui(lang);
  return [
    ...diagnostics.map((d) => formatFinding(d, lang, style)),
    `reserve: ${style.error(t.severity.error)} ${refused}`,
    `  ${style.dim(`${t.hint}${hint}`)}`,
  ];
}
