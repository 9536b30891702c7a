import type { CellPosition } from "../domain/table-row.js";
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import { showValue } from "../diagnostics/display.js";

/** Lines a rewrite notice names before it says "and more". */
const SHOWN_LINES = 5;

interface Rewrite {
  readonly field: string;
  readonly value: string;
  readonly term: string;
  readonly at: CellPosition;
  count: number;
  readonly lines: number[];
}

/**
 * The cells of one file whose text was stored as a different standard term (大专 → 大学专科): never
 * silent, but one notice (`term-rewritten`) per column, written text and term, with the count and
 * the first lines, so that a roster of 2,000 rows says it in a few lines.
 */
export class TermRewrites {
  private readonly byKey = new Map<string, Rewrite>();
  /** Cells rewritten so far. */
  count = 0;

  note(column: number, field: string, value: string, term: string, line: number, at: CellPosition): void {
    if (value === term) return;
    this.count++;
    const key = `${column}\u0000${value}\u0000${term}`;
    let r = this.byKey.get(key);
    if (!r) this.byKey.set(key, (r = { field, value, term, at, count: 0, lines: [] }));
    r.count++;
    if (r.lines.length < SHOWN_LINES) r.lines.push(line);
  }

  notices(file: string): Diagnostic[] {
    return [...this.byKey.values()].map((r) =>
      diagnostic(
        "term-rewritten",
        {
          field: showValue(r.field),
          value: showValue(r.value),
          term: r.term,
          count: r.count,
          lines: r.lines.join("、"),
          shown: r.lines.length,
        },
        { location: { file, line: r.at.line, column: r.at.column, field: showValue(r.field) } },
      ),
    );
  }
}
