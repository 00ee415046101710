// The shape every file-format parser returns: rows that parsed, and for each that did not,
// where (1-based line, field name) and why. Parsers never throw on bad input.

export interface ParseIssue {
  /** 1-based line number in the source; 0 when the problem concerns the whole file. */
  line: number;
  /** The column or JSON path that is wrong, when one is. */
  field?: string;
  message: string;
}

export type RowResult<T> = { ok: true; line: number; value: T } | { ok: false; issue: ParseIssue };

export interface Collected<T> {
  rows: T[];
  issues: ParseIssue[];
}

/** Human-readable form, e.g. `line 12, field "rssi": expected a number, got "abc"`. */
export function formatIssue(issue: ParseIssue): string {
  const where = issue.line > 0 ? `line ${issue.line}` : 'file';
  return issue.field ? `${where}, field "${issue.field}": ${issue.message}` : `${where}: ${issue.message}`;
}

/** Drains a streaming parser into memory; for small files and tests. Large files should be consumed row by row. */
export async function collect<T>(results: AsyncIterable<RowResult<T>>): Promise<Collected<T>> {
  const rows: T[] = [];
  const issues: ParseIssue[] = [];
  for await (const r of results) {
    if (r.ok) rows.push(r.value);
    else issues.push(r.issue);
  }
  return { rows, issues };
}
