import { describe, expect, it } from 'vitest';
import { peakOverlap, releaseZones, ZoneStats, type ZoneTally } from './zone-stats.js';

const W1 = { start: 0, end: 60_000 };
const W2 = { start: 60_000, end: 120_000 };
const tally = (tallies: ZoneTally[], zoneId: string) => tallies.find((t) => t.zoneId === zoneId)!;

describe('ZoneStats', () => {
  it('counts a visit as a stop once, in the window where it reaches the threshold', () => {
    const stats = new ZoneStats({ zoneIds: ['bakery'], stopThresholdS: 10 });
    stats.update('t1', 50_000, ['bakery'], W1);
    stats.update('t1', 58_000, ['bakery'], W1);
    const first = tally(stats.close(W1), 'bakery');
    expect(first).toMatchObject({ visits: 1, shoppers: 1, stops: 0, durationsMs: [8000], peakOccupancy: 1 });

    stats.update('t1', 61_000, ['bakery'], W2); // 11 s in: now a stop
    const closed = stats.update('t1', 65_000, [], W2); // leaves
    expect(closed).toEqual([{ zoneId: 'bakery', enterTs: 50_000, exitTs: 65_000 }]);
    const second = tally(stats.close(W2), 'bakery');
    // Not a new entry; one stop; the full duration now that the visit closed.
    expect(second).toMatchObject({
      visits: 0,
      shoppers: 1,
      stops: 1,
      durationsMs: [15_000],
      peakOccupancy: 1,
    });
  });

  it('reports open visits with their duration so far and peak occupancy over concurrent tracks', () => {
    const stats = new ZoneStats({ zoneIds: ['produce', 'end-cap'], stopThresholdS: 10 });
    stats.update('a', 1000, ['produce'], W1);
    stats.update('b', 2000, ['produce', 'end-cap'], W1);
    stats.update('a', 3000, [], W1);
    stats.update('c', 3000, ['produce'], W1);
    stats.update('b', 9000, ['produce', 'end-cap'], W1);
    const tallies = stats.close(W1);
    expect(tally(tallies, 'produce')).toEqual({
      zoneId: 'produce',
      visits: 3,
      shoppers: 3,
      stops: 0,
      durationsMs: [2000, 7000, 0], // a closed; b and c still open at the window end
      peakOccupancy: 2, // a leaves at 3 s as c enters
    });
    expect(tally(tallies, 'end-cap')).toMatchObject({ visits: 1, shoppers: 1, durationsMs: [7000] });
  });

  it('does not report again a visit whose track was last seen before the window and then timed out', () => {
    const stats = new ZoneStats({ zoneIds: ['bakery'], stopThresholdS: 10 });
    stats.update('t1', 59_000, ['bakery'], W1);
    expect(tally(stats.close(W1), 'bakery').shoppers).toBe(1);
    expect(stats.endTrack('t1', W2)).toEqual([{ zoneId: 'bakery', enterTs: 59_000, exitTs: 59_000 }]);
    expect(tally(stats.close(W2), 'bakery')).toMatchObject({
      shoppers: 0,
      durationsMs: [],
      peakOccupancy: 0,
    });
  });

  it('forgets a staff track without a trace', () => {
    const stats = new ZoneStats({ zoneIds: ['bakery'], stopThresholdS: 10 });
    stats.update('s', 1000, ['bakery'], W1);
    stats.close(W1);
    stats.forget('s');
    expect(stats.endTrack('s', W2)).toEqual([]);
  });
});

describe('peakOverlap', () => {
  it('treats intervals as half-open', () => {
    expect(
      peakOverlap([
        [0, 10],
        [10, 20],
        [5, 15],
      ]),
    ).toBe(2);
    expect(peakOverlap([])).toBe(0);
  });
});

describe('releaseZones', () => {
  const t = (zoneId: string, shoppers: number): ZoneTally => ({
    zoneId,
    visits: shoppers + 1,
    shoppers,
    stops: 1,
    durationsMs: [1000, 3000],
    peakOccupancy: 2,
  });

  it('suppresses zones under k, leaves out empty ones, and publishes the rest', () => {
    const out = releaseZones([t('a', 0), t('b', 4), t('c', 5)], { k: 5, release: (n) => n });
    expect(out.suppressedZones).toBe(1);
    expect(out.zones).toEqual([
      {
        zoneId: 'c',
        visits: 6,
        shoppers: 5,
        stops: 1,
        dwell: { meanS: 2, p50S: 1, p90S: 3, maxS: 3 },
        peakOccupancy: 2,
      },
    ]);
  });
});
