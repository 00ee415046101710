import {
  collect,
  type PosLineItem,
  parsePosCsv,
  parseTruthCsv,
  parseVisitsCsv,
  type ZoneVisit,
} from '@retail/contracts';
import { describe, expect, it } from 'vitest';
import { posCsv, trajectoryCsvChunks, visitsCsv } from './csv-writers.js';
import type { DayTruth } from './truth.js';

describe('csv writers', () => {
  it('write POS lines the POS parser reads back unchanged', async () => {
    const lines: PosLineItem[] = [
      {
        transactionId: 't1',
        sku: 'A,1',
        loyaltyId: '6345000000112345',
        timestamp: 1_773_133_200_123,
        storeId: 's',
        quantity: 2,
        price: 3.49,
      },
      {
        transactionId: 't1',
        sku: 'B "x"',
        timestamp: 1_773_133_200_123,
        storeId: 's',
        quantity: 1,
        price: 0,
      },
    ];
    for (const format of ['iso', 'ms'] as const) {
      const { rows, issues } = await collect(parsePosCsv([posCsv(lines, format)]));
      expect(issues).toEqual([]);
      expect(rows).toEqual(lines);
    }
  });

  it('write visits the visits parser reads back unchanged', async () => {
    const visits: ZoneVisit[] = [
      { sessionId: 's1', loyaltyId: '6345000000112345', zoneId: 'produce', enterTs: 1000, exitTs: 5000 },
      { sessionId: 's1', loyaltyId: '6345000000112345', zoneId: 'pantry', enterTs: 5500, exitTs: 5500 },
      { sessionId: 's2', zoneId: 'produce', enterTs: 2000, exitTs: 3000 },
    ];
    for (const format of ['iso', 'ms'] as const) {
      const { rows, issues } = await collect(parseVisitsCsv([visitsCsv(visits, format)]));
      expect(issues).toEqual([]);
      expect(rows).toEqual(visits);
    }
  });

  it('write trajectories as beacon truth, shoppers by session and staff by tag', async () => {
    const day = {
      shoppers: [
        {
          sessionId: 's1',
          trajectory: { startTs: 1000, intervalMs: 500, xy: Float64Array.of(1, 2, 1.5, 2.25) },
        },
      ],
      staff: [
        {
          staffId: 'staff-1',
          beaconId: 'staff-0001',
          trajectory: { startTs: 0, intervalMs: 500, xy: Float64Array.of(30, 3) },
        },
        { staffId: 'staff-4', trajectory: { startTs: 0, intervalMs: 500, xy: Float64Array.of(10, 10) } },
      ],
    } as unknown as DayTruth;
    const text = [...trajectoryCsvChunks(day)].join('');
    const { rows, issues } = await collect(parseTruthCsv([text]));
    expect(issues).toEqual([]);
    expect(rows).toEqual([
      { ts: 1000, beacon: 's1', x: 1, y: 2 },
      { ts: 1500, beacon: 's1', x: 1.5, y: 2.25 },
      { ts: 0, beacon: 'staff-0001', x: 30, y: 3 },
      { ts: 0, beacon: 'staff-4', x: 10, y: 10 },
    ]);
    const tagged = [...trajectoryCsvChunks(day, { shoppers: false, taggedStaffOnly: true })].join('');
    expect(tagged).toBe('ts,beacon,x,y\n0,staff-0001,30,3\n');
  });
});
