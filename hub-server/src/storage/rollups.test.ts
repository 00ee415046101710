// Day rows are summed from the hour rows of the batch: the same totals as adding every window to
// its day directly, in the store's own time zone.
import { type MessageOf, periodStart } from '@retail/contracts';
import { describe, expect, it } from 'vitest';
import { RollupBatch } from './rollups.js';
import type { SqlValue } from './sql-driver.js';
import { statementRecorder } from './sql-script.js';

const TZ = 'Asia/Kolkata'; // +05:30: hours and days do not fall on UTC ones
const MIN = 60_000;

async function rowsWritten(batch: RollupBatch): Promise<Map<string, SqlValue[][]>> {
  const { executor, statements } = statementRecorder();
  await batch.write(executor);
  const byTable = new Map<string, SqlValue[][]>();
  for (const s of statements) {
    const table = /INSERT INTO (\w+)/.exec(s.sql)![1]!;
    const columns = /\(([^)]*)\) VALUES/.exec(s.sql)![1]!.split(',').length;
    const rows = byTable.get(table) ?? [];
    for (let i = 0; i < s.params.length; i += columns) rows.push(s.params.slice(i, i + columns));
    byTable.set(table, rows);
  }
  return byTable;
}

function zones(windowStart: number, visits: number, maxS: number, firstVisits?: number): MessageOf<'zones'> {
  return {
    v: 1,
    msgId: `gw-1:${windowStart}`,
    storeId: 's',
    gatewayId: 'gw-1',
    windowStart,
    windowEnd: windowStart + MIN,
    layoutVersion: 1,
    k: 5,
    stopThresholdS: 10,
    zones: [
      {
        zoneId: 'paint',
        visits,
        shoppers: visits,
        stops: 1,
        dwell: { meanS: 10, p50S: 10, p90S: maxS, maxS },
        peakOccupancy: visits,
        ...(firstVisits !== undefined && { firstVisits }),
      },
    ],
    transitions: [{ from: 'paint', to: 'brushes', count: visits }],
    suppressedZones: 0,
  } as MessageOf<'zones'>;
}

describe('RollupBatch', () => {
  it('sums each day from its hours, in the store time zone', async () => {
    // 10:10 and 13:50 local on one day, 00:20 local the next (18:50 UTC the day before that local midnight).
    const dayOne = Date.UTC(2026, 6, 14, 4, 40); // 10:10 IST
    const windows = [
      zones(dayOne, 5, 30, 4),
      // An older gateway's window, without first visits.
      zones(dayOne + 220 * MIN, 7, 90),
      zones(Date.UTC(2026, 6, 14, 18, 50), 11, 40, 9),
    ];
    const batch = new RollupBatch();
    for (const w of windows) batch.zones(w, TZ);
    const rows = await rowsWritten(batch);

    const zoneRows = rows.get('zone_rollup')!;
    const days = zoneRows.filter((r) => r[1] === 'day');
    expect(zoneRows.filter((r) => r[1] === 'hour')).toHaveLength(3);
    expect(days).toHaveLength(2);
    const first = days.find((r) => r[2] === periodStart(dayOne, 'day', TZ))!;
    // visits, shoppers, stops, dwell total, longest dwell, peak occupancy, windows, first visits and
    // the windows that counted them
    expect(first.slice(3)).toEqual(['paint', 12, 12, 2, 120, 90, 7, 2, 4, 1]);
    const second = days.find((r) => r[2] === periodStart(windows[2]!.windowStart, 'day', TZ))!;
    expect(second.slice(3)).toEqual(['paint', 11, 11, 1, 110, 40, 11, 1, 9, 1]);
    expect(periodStart(windows[2]!.windowStart, 'day', TZ)).toBe(Date.UTC(2026, 6, 14, 18, 30));

    const transitions = rows.get('transition_rollup')!.filter((r) => r[1] === 'day');
    expect(transitions.map((r) => r[5]).sort((a, b) => Number(a) - Number(b))).toEqual([11, 12]);
  });
});
