// Ground-truth beacon positions, `ts,beacon,x,y` in metres: what positioning accuracy is measured against.
import { numberValue, textValue } from './cell-values.js';
import { csvRows } from './csv-header.js';
import type { CsvOptions } from './csv-records.js';
import type { RowResult } from './parse-result.js';
import { buildRows } from './row-builder.js';
import type { TextSource } from './text-source.js';
import { parseTimestamp } from './timestamps.js';

export interface BeaconTruth {
  /** Epoch milliseconds. */
  ts: number;
  beacon: string;
  /** Metres in the store frame. */
  x: number;
  y: number;
}

export const TRUTH_CSV_COLUMNS = ['ts', 'beacon', 'x', 'y'] as const;

export function parseTruthCsv(
  source: TextSource,
  options?: CsvOptions,
): AsyncGenerator<RowResult<BeaconTruth>> {
  return buildRows(csvRows(source, { required: TRUTH_CSV_COLUMNS }, options), (cells, reader) => ({
    ts: reader.take('ts', parseTimestamp(cells.ts))!,
    beacon: reader.take('beacon', textValue(cells.beacon, 'a beacon id'))!,
    x: reader.take('x', numberValue(cells.x, { what: 'a number of metres' }))!,
    y: reader.take('y', numberValue(cells.y, { what: 'a number of metres' }))!,
  }));
}
