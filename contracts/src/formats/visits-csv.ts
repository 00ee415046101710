// Zone visits, `session_id,loyalty_id,zone_id,enter_ts,exit_ts`: one row per visit of a shopper session
// to a zone; loyalty_id is empty for anonymous sessions. Visits of a session must come in time order.
import { describeText, textValue } from './cell-values.js';
import { csvRows } from './csv-header.js';
import type { CsvOptions } from './csv-records.js';
import type { RowResult } from './parse-result.js';
import { buildRows } from './row-builder.js';
import type { TextSource } from './text-source.js';
import { parseTimestamp } from './timestamps.js';

export interface ZoneVisit {
  sessionId: string;
  loyaltyId?: string;
  zoneId: string;
  /** Epoch milliseconds. */
  enterTs: number;
  /** Epoch milliseconds, >= enterTs. */
  exitTs: number;
}

export const VISITS_CSV_COLUMNS = ['session_id', 'loyalty_id', 'zone_id', 'enter_ts', 'exit_ts'] as const;

/** Rows in file order. Keeps the last accepted enter time of each session (memory grows with sessions). */
export function parseVisitsCsv(
  source: TextSource,
  options?: CsvOptions,
): AsyncGenerator<RowResult<ZoneVisit>> {
  const lastEnter = new Map<string, { ts: number; line: number }>();
  return buildRows(csvRows(source, { required: VISITS_CSV_COLUMNS }, options), (cells, reader) => {
    const visit: ZoneVisit = {
      sessionId: reader.take('session_id', textValue(cells.session_id, 'a session id'))!,
      zoneId: reader.take('zone_id', textValue(cells.zone_id, 'a zone id'))!,
      enterTs: reader.take('enter_ts', parseTimestamp(cells.enter_ts))!,
      exitTs: reader.take('exit_ts', parseTimestamp(cells.exit_ts))!,
    };
    if (cells.loyalty_id) visit.loyaltyId = cells.loyalty_id;
    if (reader.issues.length > 0) return visit;

    if (visit.exitTs < visit.enterTs) {
      reader.fail(
        'exit_ts',
        `expected a time not before enter_ts ${cells.enter_ts}, got ${describeText(cells.exit_ts)}`,
      );
      return visit;
    }
    const previous = lastEnter.get(visit.sessionId);
    if (previous !== undefined && visit.enterTs < previous.ts) {
      const message =
        `expected visits of session ${describeText(visit.sessionId)} in time order, ` +
        `got ${describeText(cells.enter_ts)}, before the visit on line ${previous.line}`;
      reader.fail('enter_ts', message);
      return visit;
    }
    lastEnter.set(visit.sessionId, { ts: visit.enterTs, line: reader.line });
    return visit;
  });
}
