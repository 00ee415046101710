import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type ClosedVisit,
  peakOverlap,
  REACH_MEMORY_MS,
  releaseZones,
  ZoneStats,
  type ZoneTally,
} from './zone-stats.js';

const W1 = { start: 0, end: 60_000 };
const W2 = { start: 60_000, end: 120_000 };
/** A zone's tally as counts: its shoppers (distinct tracks) and its visits' durations in order. */
const tally = (tallies: ZoneTally[], zoneId: string) => {
  const { tracks, durations, ...rest } = tallies.find((t) => t.zoneId === zoneId)!;
  return { ...rest, shoppers: tracks.size, durationsMs: [...durations.values()] };
};

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
      firstVisits: 3,
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
    expect(stats.trackedVisitors).toBe(0);
  });

  it("counts a track's first visit to a zone once, however often it comes back, across windows", () => {
    const stats = new ZoneStats({ zoneIds: ['bakery', 'dairy'], stopThresholdS: 10 });
    // a: bakery, out, bakery again, dairy; b: bakery once.
    stats.update('a', 1000, ['bakery'], W1);
    stats.update('a', 2000, [], W1);
    stats.update('a', 3000, ['bakery'], W1);
    stats.update('b', 3000, ['bakery'], W1);
    const w1 = stats.close(W1);
    expect(tally(w1, 'bakery')).toMatchObject({ visits: 3, shoppers: 2, firstVisits: 2 });
    stats.update('a', 61_000, ['dairy'], W2);
    stats.update('a', 62_000, ['bakery'], W2);
    const w2 = stats.close(W2);
    expect(tally(w2, 'bakery')).toMatchObject({ visits: 1, firstVisits: 0 });
    expect(tally(w2, 'dairy')).toMatchObject({ visits: 1, firstVisits: 1 });
  });

  it('remembers the zones of an ended track for an hour: the tracker never reuses an id', () => {
    const stats = new ZoneStats({ zoneIds: ['bakery'], stopThresholdS: 10 });
    stats.update('a', 1000, ['bakery'], W1);
    stats.update('b', 1000, ['bakery'], W1);
    stats.close(W1);
    stats.endTrack('a', W2);
    stats.endTrack('b', W2);
    // Back after it was taken to have left (silent too long): the same shopper, not a new one.
    stats.update('a', 70_000, ['bakery'], W2);
    expect(tally(stats.close(W2), 'bakery')).toMatchObject({ visits: 1, firstVisits: 0 });
    stats.endTrack('a', W2);
    expect(stats.trackedVisitors).toBe(2);
    const later = { start: W2.end + REACH_MEMORY_MS, end: W2.end + REACH_MEMORY_MS + 60_000 };
    stats.close(later);
    expect(stats.trackedVisitors).toBe(0);
  });

  it('counts a first visit only once the presence is a visit (minimum dwell)', () => {
    const stats = new ZoneStats({ zoneIds: ['bakery'], stopThresholdS: 10, minDwellS: 2, exitGraceS: 0 });
    stats.update('a', 1000, ['bakery'], W1); // a pass-through: not a visit
    stats.update('a', 1500, [], W1);
    stats.update('a', 5000, ['bakery'], W1);
    stats.update('a', 8000, ['bakery'], W1); // a visit from here
    expect(tally(stats.close(W1), 'bakery')).toMatchObject({ visits: 1, firstVisits: 1 });
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
    tracks: new Set(Array.from({ length: shoppers }, (_, i) => `t${i}`)),
    stops: 1,
    firstVisits: shoppers,
    durations: new Map([
      ['t0@0', 1000],
      ['t1@0', 3000],
    ]),
    peakOccupancy: 2,
  });

  it('suppresses zones under k, leaves out empty ones, and publishes the rest', () => {
    const out = releaseZones([t('a', 0), t('b', 4), t('c', 5)], { k: 5, release: (n) => n });
    expect(out.suppressedZones).toBe(1);
    expect(out.withheld.map((w) => w.zoneId)).toEqual(['b']);
    expect(out.zones).toEqual([
      {
        zoneId: 'c',
        visits: 6,
        shoppers: 5,
        stops: 1,
        firstVisits: 5,
        dwell: { meanS: 2, p50S: 1, p90S: 3, maxS: 3 },
        peakOccupancy: 2,
      },
    ]);
  });
});

describe('ZoneStats: minimum dwell and exit grace', () => {
  const options = { zoneIds: ['bakery'], stopThresholdS: 10, minDwellS: 2, exitGraceS: 1 };
  const ALL = { start: 0, end: 1_000_000 };

  it('does not count a pass-through shorter than the minimum dwell', () => {
    const stats = new ZoneStats(options);
    for (const ts of [1000, 1500, 2000, 2500]) stats.update('t', ts, ['bakery'], ALL);
    expect(stats.update('t', 4000, [], ALL)).toEqual([]);
    expect(tally(stats.close(ALL), 'bakery')).toMatchObject({
      visits: 0,
      shoppers: 0,
      durationsMs: [],
      peakOccupancy: 0,
    });
  });

  it('makes one visit of a track jittering on the border, from entry to the exit that lasted', () => {
    const stats = new ZoneStats(options);
    const path: [number, boolean][] = [
      [0, true],
      [500, false], // out for less than 1 s: still the same visit
      [1000, true],
      [3000, true], // 3 s since entry: now a visit
      [3500, false],
      [4200, true],
      [6000, false], // leaves for good
      [6500, false],
      [7000, false], // outside for 1 s: the visit ends, at 6 s
    ];
    const closed = path.flatMap(([ts, inside]) => stats.update('t', ts, inside ? ['bakery'] : [], ALL));
    expect(closed).toEqual([{ zoneId: 'bakery', enterTs: 0, exitTs: 6000 }]);
    expect(tally(stats.close(ALL), 'bakery')).toMatchObject({ visits: 1, shoppers: 1, durationsMs: [6000] });
  });

  it('counts the entry in the window where the visit is confirmed', () => {
    const stats = new ZoneStats(options);
    stats.update('t', 59_000, ['bakery'], W1);
    expect(tally(stats.close(W1), 'bakery')).toMatchObject({ visits: 0, shoppers: 0 });
    stats.update('t', 61_500, ['bakery'], W2);
    expect(tally(stats.close(W2), 'bakery')).toMatchObject({ visits: 1, shoppers: 1, durationsMs: [2500] });
  });

  it('ends a visit with a pending exit at its first observation outside when the track ends', () => {
    const stats = new ZoneStats(options);
    for (const ts of [0, 1000, 2000, 3000]) stats.update('t', ts, ['bakery'], ALL);
    stats.update('t', 3400, [], ALL);
    expect(stats.endTrack('t', ALL)).toEqual([{ zoneId: 'bakery', enterTs: 0, exitTs: 3400 }]);
    // A presence never confirmed leaves nothing.
    stats.update('u', 0, ['bakery'], ALL);
    expect(stats.endTrack('u', ALL)).toEqual([]);
  });

  /** The rules restated offline: presences are runs of inside observations split by an outside
   * spell whose first observation is at least `grace` before the next inside one (or before a later
   * outside one); a presence is a visit when its last inside observation is `minDwell` after its first. */
  function referenceVisits(
    obs: readonly { ts: number; inside: boolean }[],
    minDwellMs: number,
    graceMs: number,
  ) {
    const visits: { enterTs: number; exitTs: number }[] = [];
    let start: number | undefined;
    let lastIn = 0;
    let firstOut: number | undefined;
    const finish = () => {
      if (start !== undefined && lastIn - start >= minDwellMs)
        visits.push({ enterTs: start, exitTs: firstOut ?? lastIn });
      start = undefined;
      firstOut = undefined;
    };
    for (const o of obs) {
      if (start === undefined) {
        if (o.inside) start = lastIn = o.ts;
        continue;
      }
      if (!o.inside) {
        firstOut ??= o.ts;
        // Split once any later observation is grace after the spell began.
        if (o.ts - firstOut >= graceMs) finish();
        continue;
      }
      if (firstOut !== undefined && o.ts - firstOut >= graceMs) {
        finish();
        start = o.ts;
      }
      firstOut = undefined;
      lastIn = o.ts;
    }
    finish();
    return visits;
  }

  it('agrees with the offline statement of the rules, zone by zone', () => {
    const observations = fc.array(
      fc.record({ dt: fc.integer({ min: 0, max: 1500 }), a: fc.boolean(), b: fc.boolean() }),
      { maxLength: 60 },
    );
    const seconds = fc.constantFrom(0, 0.5, 1, 2, 3);
    fc.assert(
      fc.property(observations, seconds, seconds, (steps, minDwellS, exitGraceS) => {
        const stats = new ZoneStats({ zoneIds: ['a', 'b'], stopThresholdS: 10, minDwellS, exitGraceS });
        let ts = 0;
        const timeline = steps.map((s) => {
          ts += s.dt;
          return { ts, a: s.a, b: s.b };
        });
        const closed: ClosedVisit[] = [];
        for (const o of timeline) {
          const inside = [...(o.a ? ['a'] : []), ...(o.b ? ['b'] : [])];
          closed.push(...stats.update('t', o.ts, inside, ALL));
        }
        closed.push(...stats.endTrack('t', ALL));
        const tallies = stats.close(ALL);
        for (const zoneId of ['a', 'b'] as const) {
          const expected = referenceVisits(
            timeline.map((o) => ({ ts: o.ts, inside: o[zoneId] })),
            minDwellS * 1000,
            exitGraceS * 1000,
          );
          const got = closed
            .filter((v) => v.zoneId === zoneId)
            .map(({ enterTs, exitTs }) => ({ enterTs, exitTs }));
          expect(got).toEqual(expected);
          expect(tally(tallies, zoneId).visits).toBe(expected.length);
          expect(tally(tallies, zoneId).shoppers).toBe(expected.length > 0 ? 1 : 0);
          for (const v of got) expect(v.exitTs - v.enterTs).toBeGreaterThanOrEqual(minDwellS * 1000);
        }
      }),
      { numRuns: 300 },
    );
  });
});
