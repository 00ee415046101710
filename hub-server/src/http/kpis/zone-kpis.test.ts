import type { StoreLayout } from '@retail/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyTemperature, median, zoneKpis } from './zone-kpis.js';

const square = (x: number, size: number): [number, number][] => [
  [x, 0],
  [x + size, 0],
  [x + size, size],
  [x, size],
];

const layout = {
  zones: [
    { id: 'a', name: 'A', kind: 'department', polygon: square(0, 10) },
    { id: 'b', name: 'B', kind: 'aisle', polygon: square(10, 10) },
    { id: 'c', name: 'C', kind: 'display', polygon: square(20, 10) },
    { id: 'staff', name: 'Staff', kind: 'staff-only', polygon: square(30, 10) },
  ],
} as unknown as StoreLayout;

const total = (zoneId: string, visits: number, stops = 0, dwellTotalS = 0) => ({
  zoneId,
  visits,
  stops,
  dwellTotalS,
  dwellMaxS: 0,
  peakOccupancy: 0,
  // Windows from gateways too old to count first visits: exposure from visits.
  firstVisits: 0,
  windows: 10,
  firstVisitWindows: 0,
});

describe('zone KPIs', () => {
  it('derives rates and marks hot and cold shopper zones against the median', () => {
    const rows = zoneKpis({
      layout,
      totals: [total('a', 400, 100, 4000), total('b', 100), total('c', 10), total('staff', 1)],
      entries: 200,
      conversion: { a: 0.25 },
    });
    const a = rows.find((r) => r.zoneId === 'a')!;
    expect(a).toMatchObject({ areaM2: 100, stopRate: 0.25, avgDwellS: 10, exposure: 1, conversion: 0.25 });
    expect(a).toMatchObject({ reached: null, exposureBasis: 'visits' });
    expect(rows.find((r) => r.zoneId === 'b')).toMatchObject({ exposure: 0.5, conversion: null });
    expect(Object.fromEntries(rows.map((r) => [r.zoneId, r.temperature]))).toEqual({
      a: 'hot',
      b: 'normal',
      c: 'cold',
      staff: null,
    });
  });

  it('compares only zones the cameras see at least half of: an unwatched zone is not cold', () => {
    const seen = (zoneId: string, share: number) => ({
      zoneId,
      seen: share,
      level: share === 0 ? ('none' as const) : ('partial' as const),
      cameras: share === 0 ? [] : ['cam-1'],
      sharedByGateways: 0,
    });
    const rows = zoneKpis({
      layout,
      totals: [total('a', 400), total('b', 100), total('c', 10)],
      entries: 200,
      coverage: [seen('a', 0.8), seen('b', 0.6), seen('c', 0.3), seen('staff', 0)],
    });
    // Against a and b alone (median 250): a is hot; c, seen in a corner, is not compared.
    expect(Object.fromEntries(rows.map((r) => [r.zoneId, r.temperature]))).toEqual({
      a: 'hot',
      b: 'cold',
      c: null,
      staff: null,
    });
    expect(rows.find((r) => r.zoneId === 'c')?.coverage).toEqual({
      seen: 0.3,
      level: 'partial',
      cameras: ['cam-1'],
      sharedByGateways: 0,
    });
  });

  it('measures exposure by the shoppers a zone reached where every window counted them', () => {
    const counted = (zoneId: string, visits: number, firstVisits: number, firstVisitWindows = 10) => ({
      ...total(zoneId, visits),
      firstVisits,
      firstVisitWindows,
    });
    const rows = zoneKpis({
      layout,
      // a: 300 visits by 150 shoppers of 200; b: more shoppers than the doors counted; c: a range that
      // began before its gateway counted first visits.
      totals: [counted('a', 300, 150), counted('b', 260, 230), counted('c', 90, 40, 6)],
      entries: 200,
    });
    const by = new Map(rows.map((r) => [r.zoneId, r]));
    expect(by.get('a')).toMatchObject({ reached: 150, exposure: 0.75, exposureBasis: 'first-visits' });
    expect(by.get('b')).toMatchObject({ reached: 230, exposure: 1 });
    expect(by.get('c')).toMatchObject({ reached: null, exposure: 0.45, exposureBasis: 'visits' });
    // Nobody came: nobody reached.
    expect(by.get('staff')).toMatchObject({ reached: 0, exposure: 0, exposureBasis: 'first-visits' });
  });

  it('lists layout zones without traffic, and zones only the roll-ups know', () => {
    const rows = zoneKpis({ layout, totals: [total('gone', 3)], entries: 0 });
    expect(rows.map((r) => r.zoneId)).toEqual(['a', 'b', 'c', 'staff', 'gone']);
    expect(rows.find((r) => r.zoneId === 'a')).toMatchObject({ visits: 0, stopRate: null, exposure: null });
    expect(rows.find((r) => r.zoneId === 'gone')).toMatchObject({
      name: 'gone',
      kind: null,
      temperature: null,
    });
  });

  it('classifies the same whatever the overall traffic level', () => {
    fc.assert(
      fc.property(
        // Densities in hundredths: subnormal doubles would underflow to 0 when scaled, which is no traffic change.
        fc.array(
          fc.integer({ min: 0, max: 100_000 }).map((n) => n / 100),
          { minLength: 1, maxLength: 12 },
        ),
        fc.double({ min: 0.01, max: 100, noNaN: true }),
        (densities, k) => {
          const zones = densities.map((d, i) => ({ zoneId: `z${i}`, visitsPerM2: d }));
          const scaled = densities.map((d, i) => ({ zoneId: `z${i}`, visitsPerM2: d * k }));
          const a = classifyTemperature(zones, 1.5, 0.5);
          const b = classifyTemperature(scaled, 1.5, 0.5);
          for (const z of zones) {
            const d = z.visitsPerM2;
            const m = median(densities);
            // Away from the thresholds, where rounding could tip a zone either way.
            if (Math.abs(d - 1.5 * m) > 1e-6 * (1 + d) && Math.abs(d - 0.5 * m) > 1e-6 * (1 + d))
              expect(b.get(z.zoneId)).toBe(a.get(z.zoneId));
          }
        },
      ),
    );
  });

  it('calls nothing hot or cold when no zone has traffic', () => {
    const t = classifyTemperature(
      [
        { zoneId: 'a', visitsPerM2: 0 },
        { zoneId: 'b', visitsPerM2: 0 },
      ],
      1.5,
      0.5,
    );
    expect([...t.values()]).toEqual(['normal', 'normal']);
  });
});
