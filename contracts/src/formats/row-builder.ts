// Turns parsed records into typed rows: every bad cell of a row becomes its own issue naming line and
// column, so one pass over a file reports all that is wrong with it.
import type { ValueResult } from './cell-values.js';
import type { ParseIssue, RowResult } from './parse-result.js';

/** Collects the issues of one row while its cells are converted. */
export class CellReader {
  readonly issues: ParseIssue[] = [];

  constructor(readonly line: number) {}

  /** The value, or undefined after recording an issue; a row with issues is never yielded. */
  take<T>(field: string, result: ValueResult<T>): T | undefined {
    if (result.ok) return result.value;
    this.fail(field, result.message);
    return undefined;
  }

  /** A problem that concerns the row rather than one cell's syntax (e.g. exit before enter). */
  fail(field: string, message: string): void {
    this.issues.push({ line: this.line, field, message });
  }
}

/**
 * Passes issues through and builds a row from each record. `build` may return a half-filled row (or
 * undefined) when it recorded issues; that row is dropped and the issues are yielded instead.
 */
export async function* buildRows<C, T>(
  records: AsyncIterable<RowResult<C>>,
  build: (cells: C, reader: CellReader) => T | undefined,
): AsyncGenerator<RowResult<T>> {
  for await (const record of records) {
    if (!record.ok) {
      yield record;
      continue;
    }
    const reader = new CellReader(record.line);
    const value = build(record.value, reader);
    if (reader.issues.length === 0 && value !== undefined) yield { ok: true, line: record.line, value };
    else for (const issue of reader.issues) yield { ok: false, issue };
  }
}
