// BLE RSSI logs, `ts,anchor,beacon,rssi`: one reception per row, read as a stream; plus the writer that
// produces the same format (simulators, fixtures, round-trip tests).
import { numberValue, textValue } from './cell-values.js';
import { csvRows } from './csv-header.js';
import { type CsvOptions, formatCsvRow } from './csv-records.js';
import type { RowResult } from './parse-result.js';
import { buildRows } from './row-builder.js';
import type { TextSource } from './text-source.js';
import { parseTimestamp } from './timestamps.js';

export interface RssiSample {
  /** Epoch milliseconds. */
  ts: number;
  anchor: string;
  beacon: string;
  /** dBm. */
  rssi: number;
}

export const RSSI_CSV_COLUMNS = ['ts', 'anchor', 'beacon', 'rssi'] as const;
/** Plausible received power: below -130 dBm no receiver hears anything, above +20 the log is broken. */
export const RSSI_RANGE_DBM = { min: -130, max: 20 } as const;

export function parseRssiCsv(
  source: TextSource,
  options?: CsvOptions,
): AsyncGenerator<RowResult<RssiSample>> {
  return buildRows(csvRows(source, { required: RSSI_CSV_COLUMNS }, options), (cells, reader) => ({
    ts: reader.take('ts', parseTimestamp(cells.ts))!,
    anchor: reader.take('anchor', textValue(cells.anchor, 'an anchor id'))!,
    beacon: reader.take('beacon', textValue(cells.beacon, 'a beacon id'))!,
    rssi: reader.take('rssi', numberValue(cells.rssi, { what: 'a number of dBm', ...RSSI_RANGE_DBM }))!,
  }));
}

/** One data row, without its line ending. */
export function formatRssiRow(sample: RssiSample): string {
  return formatCsvRow([String(sample.ts), sample.anchor, sample.beacon, String(sample.rssi)]);
}

/** The whole file as lines (header first), each ending in "\n"; itself a TextSource. */
export function* formatRssiCsv(samples: Iterable<RssiSample>): Generator<string> {
  yield `${RSSI_CSV_COLUMNS.join(',')}\n`;
  for (const sample of samples) yield `${formatRssiRow(sample)}\n`;
}
