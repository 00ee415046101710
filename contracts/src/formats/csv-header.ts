// Binds CSV records to the header row: finds the wanted columns by name (case-insensitive, trimmed) and
// turns each later record into trimmed cells keyed by those names. Unknown columns are ignored.
import { type CsvOptions, csvRecords } from './csv-records.js';
import type { RowResult } from './parse-result.js';
import type { TextSource } from './text-source.js';

export interface CsvColumns<R extends string, O extends string> {
  /** Lower-case names that must be in the header. */
  required: readonly R[];
  /** Lower-case names that may be; a row gets the key only when the header has the column. */
  optional?: readonly O[];
}

export type CsvCells<R extends string, O extends string = never> = Record<R, string> &
  Partial<Record<O, string>>;

function describeHeader(fields: readonly string[]): string {
  const text = fields.join(',');
  return JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text);
}

/**
 * Rows as cells keyed by column name, `line` being where the record starts. Without all required columns
 * the only result is one issue on the header line. Ignored columns may be missing from a row.
 */
export async function* csvRows<R extends string, O extends string = never>(
  source: TextSource,
  columns: CsvColumns<R, O>,
  options: CsvOptions = {},
): AsyncGenerator<RowResult<CsvCells<R, O>>> {
  const wanted: readonly string[] = [...columns.required, ...(columns.optional ?? [])];
  let header: string[] | undefined;
  // Filled from the header; read lazily by csvRecords when it reports a quoting error in a later row.
  const names: string[] = [];
  const positions: Array<[name: string, index: number]> = [];
  const records = csvRecords(source, { ...options, fieldLabel: (i) => names[i] || `column ${i + 1}` });

  for await (const record of records) {
    if (header === undefined) {
      // A header that cannot be read leaves nothing to bind rows to.
      if (!record.ok) {
        yield record;
        return;
      }
      header = record.value.map((name) => name.trim().toLowerCase());
      for (const name of wanted) {
        const index = header.indexOf(name);
        if (index >= 0) positions.push([name, index]);
      }
      // Header order, so that a short row reports its first missing column.
      positions.sort((a, b) => a[1] - b[1]);
      for (const name of record.value) names.push(name.trim()); // no spread: a garbage header may be huge
      for (const [name, index] of positions) names[index] = name;
      const missing = columns.required.filter((name) => !header?.includes(name));
      if (missing.length > 0) {
        const list = missing.map((name) => `"${name}"`).join(', ');
        const message =
          `missing required column${missing.length > 1 ? 's' : ''} ${list}: expected a header row with ` +
          `${columns.required.join(',')}, got ${describeHeader(record.value)}`;
        yield { ok: false, issue: { line: record.line, field: missing[0], message } };
        return;
      }
      continue;
    }
    if (!record.ok) {
      yield record;
      continue;
    }
    const cells: Record<string, string> = {};
    let short: string | undefined;
    for (const [name, index] of positions) {
      const value = record.value[index];
      if (value === undefined) short ??= name;
      else cells[name] = value.trim();
    }
    if (short !== undefined) {
      const message = `expected ${header.length} fields as in the header, got ${record.value.length}`;
      yield { ok: false, issue: { line: record.line, field: short, message } };
      continue;
    }
    yield { ok: true, line: record.line, value: cells as CsvCells<R, O> };
  }
  if (header === undefined) {
    const message = `expected a header row with ${columns.required.join(',')}, got an empty file`;
    yield { ok: false, issue: { line: 0, message } };
  }
}
