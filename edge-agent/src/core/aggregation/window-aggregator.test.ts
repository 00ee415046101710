import type { GatewaySettingsInput } from '@retail/contracts';
import { describe, expect, it } from 'vitest';
import {
  inTimeOrder,
  parseBodies,
  seededRandom,
  T0,
  testLayout,
  testSettings,
  walk,
} from './aggregation-test-kit.js';
import { distanceOffFloor, type TrackObservation } from './track-observation.js';
import { WindowAggregator, type WindowOutput } from './window-aggregator.js';

const MIN = 60_000;
/** The test floor (12 × 8 m) as an L-shaped shop: the 4 × 4 m corner at the top right is the street. */
const L_SHAPED: [number, number][] = [
  [0, 0],
  [8, 0],
  [8, 4],
  [12, 4],
  [12, 8],
  [0, 8],
];
const ID1 = '0a1b2c3d4e5f6a7b';

function aggregator(settings: Partial<GatewaySettingsInput> = {}, seed = 1) {
  return new WindowAggregator({
    layout: testLayout(),
    settings: testSettings(settings),
    random: seededRandom(seed),
  });
}

/** Feeds the stream and closes consecutive one-minute windows from T0, checking every body against the contract. */
function run(agg: WindowAggregator, stream: readonly TrackObservation[], windows = 1): WindowOutput[] {
  for (const obs of stream) agg.observe(obs);
  return Array.from({ length: windows }, (_, i) => {
    const out = agg.closeWindow(T0 + i * MIN, T0 + (i + 1) * MIN);
    parseBodies(out);
    return out;
  });
}

describe('WindowAggregator: heatmap', () => {
  it('two shoppers walking across two cells: distinct tracks and dwell per cell', () => {
    const a = walk('a', T0, 2000, [
      [4.5, 5.5],
      [4.5, 5.5],
      [5.5, 5.5],
    ]);
    const b = walk('b', T0 + 1000, 2000, [
      [4.5, 5.5],
      [4.5, 5.5],
      [5.5, 5.5],
    ]);
    const [out] = run(aggregator(), inTimeOrder(a, b));
    expect(out!.heatmap).toEqual({
      windowStart: T0,
      windowEnd: T0 + MIN,
      layoutVersion: 3,
      cellSize: 1,
      k: 2,
      // (4,5): 2 s + 2 s per track; (5,5): the last position, its dwell cut at 5 s per track.
      cells: [
        { col: 4, row: 5, scale: 1, shoppers: 2, dwellSeconds: 8 },
        { col: 5, row: 5, scale: 1, shoppers: 2, dwellSeconds: 10 },
      ],
      suppressedCells: 0,
    });
    // Both visits of produce (x < 6) last 4 s; the tracks time out at the close and their visits end.
    expect(out!.zones.zones).toEqual([
      {
        zoneId: 'produce',
        visits: 2,
        shoppers: 2,
        stops: 0,
        firstVisits: 2,
        dwell: { meanS: 4, p50S: 4, p90S: 4, maxS: 4 },
        peakOccupancy: 2,
      },
    ]);
  });

  it('splits dwell at the window boundary and carries the track into the next window', () => {
    const points = Array.from({ length: 21 }, () => [8.5, 4.5] as const);
    const stream = inTimeOrder(walk('a', T0 + 50_000, 1000, points), walk('b', T0 + 50_000, 1000, points));
    const [w1, w2] = run(aggregator(), stream, 2);
    expect(w1!.heatmap.cells).toEqual([{ col: 8, row: 4, scale: 1, shoppers: 2, dwellSeconds: 20 }]);
    expect(w2!.heatmap.cells).toEqual([{ col: 8, row: 4, scale: 1, shoppers: 2, dwellSeconds: 30 }]);

    const bakery1 = w1!.zones.zones.find((z) => z.zoneId === 'bakery');
    const bakery2 = w2!.zones.zones.find((z) => z.zoneId === 'bakery');
    // Open at the end of window 1 (9 s so far, not yet a stop); a stop in window 2, not a new visit.
    expect(bakery1).toMatchObject({ visits: 2, shoppers: 2, stops: 0, peakOccupancy: 2 });
    expect(bakery1!.dwell.maxS).toBe(9);
    expect(bakery2).toMatchObject({ visits: 0, shoppers: 2, stops: 2, firstVisits: 0, peakOccupancy: 2 });
    expect(bakery2!.dwell).toEqual({ meanS: 20, p50S: 20, p90S: 20, maxS: 20 });
  });

  it('merges or suppresses a lone shopper', () => {
    const [out] = run(
      aggregator(),
      walk('a', T0, 1000, [
        [1.5, 6.5],
        [2.5, 6.5],
        [9.5, 1.5],
      ]),
    );
    expect(out!.heatmap.cells).toEqual([]);
    expect(out!.heatmap.suppressedCells).toBe(3);
    expect(out!.zones.zones).toEqual([]);
    expect(out!.zones.suppressedZones).toBe(2);
  });
});

describe('WindowAggregator: zones', () => {
  it('a visit becoming a stop, and transitions between the most specific zones', () => {
    const route = [
      ...Array.from({ length: 8 }, () => [1.5, 6] as const), // produce, 0–14 s
      [7, 6] as const, // bakery at 16 s
      [3, 3] as const, // the end-cap inside produce at 18 s
    ];
    const stream = inTimeOrder(walk('a', T0, 2000, route), walk('b', T0, 2000, route));
    const [out] = run(aggregator(), stream);
    const zone = (id: string) => out!.zones.zones.find((z) => z.zoneId === id);
    expect(zone('produce')).toMatchObject({ visits: 4, shoppers: 2, stops: 2, peakOccupancy: 2 });
    expect(zone('produce')!.dwell.maxS).toBe(16); // entered at 0 s, first seen outside at 16 s
    expect(zone('bakery')).toMatchObject({ visits: 2, shoppers: 2, stops: 0 });
    expect(zone('end-cap')).toMatchObject({ visits: 2, shoppers: 2, stops: 0 });
    expect(out!.zones.transitions).toEqual([
      { from: 'bakery', to: 'end-cap', count: 2 },
      { from: 'produce', to: 'bakery', count: 2 },
    ]);
    expect(out!.zones.stopThresholdS).toBe(10);
    expect(out!.zones.suppressedZones).toBe(0);
  });

  it('with the product defaults, a brief pass-through is no visit and border jitter is one visit', () => {
    const route = [
      ...Array.from({ length: 8 }, () => [1.5, 6] as const), // produce, 0–3.5 s
      [7, 6] as const, // bakery for half a second: passing through
      ...Array.from({ length: 8 }, () => [1.5, 6] as const), // back in produce
    ];
    const stream = inTimeOrder(walk('a', T0, 500, route), walk('b', T0, 500, route));
    const [out] = run(aggregator({ zoneMinDwellS: 2, zoneExitGraceS: 1 }), stream);
    const zone = (id: string) => out!.zones.zones.find((z) => z.zoneId === id);
    expect(zone('produce')).toMatchObject({ visits: 2, shoppers: 2 });
    expect(zone('bakery')).toBeUndefined();
    expect(out!.zones.transitions).toEqual([]);
  });

  it('never reports a staff-only zone', () => {
    const stream = inTimeOrder(walk('a', T0, 1000, [[11, 7]]), walk('b', T0, 1000, [[11, 7]]));
    const [out] = run(aggregator(), stream);
    expect(out!.zones.zones.map((z) => z.zoneId)).toEqual(['bakery']);
  });
});

describe('WindowAggregator: k-hold', () => {
  /** One shopper a minute, alone in the bakery, in each of `minutes` windows from `from`. */
  const quiet = (from: number, minutes: number) =>
    Array.from({ length: minutes }, (_, i) =>
      walk(`q${i}`, from + i * MIN + 10_000, 2000, [
        [8.5, 5.5],
        [8.5, 5.5],
        [8.5, 5.5],
      ]),
    );
  const closeEach = (agg: WindowAggregator, from: number, minutes: number, final = false) =>
    Array.from({ length: minutes }, (_, i) =>
      agg.closeWindow(from + i * MIN, from + (i + 1) * MIN, { final: final && i === minutes - 1 }),
    );
  const bakery = (out: WindowOutput) => out.zones.zones.find((z) => z.zoneId === 'bakery');

  it('publishes a quiet zone once k shoppers have been seen, with every window it held', () => {
    const agg = aggregator({ kAnonymity: 3 });
    for (const obs of inTimeOrder(...quiet(T0, 3))) agg.observe(obs);
    const [w1, w2, w3] = closeEach(agg, T0, 3);
    for (const w of [w1!, w2!]) {
      expect(bakery(w)).toBeUndefined();
      expect(w.zones.suppressedZones).toBe(1);
      expect(w.heatmap.cells).toEqual([]);
    }
    expect(bakery(w3!)).toMatchObject({ visits: 3, shoppers: 3, firstVisits: 3, dwell: { maxS: 4 } });
    expect(w3!.zones.suppressedZones).toBe(0);
    // Each shopper's 4 s (two steps) and the 5 s its last position earns, in one cell.
    expect(w3!.heatmap.cells).toEqual([{ col: 8, row: 5, scale: 1, shoppers: 3, dwellSeconds: 27 }]);
  });

  it('holds nothing past the store hour: UTC here, and a half-hour zone moves the boundary', () => {
    const from = T0 + 58 * MIN; // 00:58–01:01 UTC
    const utc = aggregator({ kAnonymity: 2 });
    for (const obs of inTimeOrder(...quiet(from + MIN, 2))) utc.observe(obs);
    const outs = closeEach(utc, from, 3);
    expect(outs.map((w) => bakery(w)?.shoppers)).toEqual([undefined, undefined, undefined]);

    // 06:28–06:31 in Kolkata (UTC+5:30): the same hour, so the two shoppers are published together.
    const kolkata = new WindowAggregator({
      layout: testLayout({ timezone: 'Asia/Kolkata' }),
      settings: testSettings({ kAnonymity: 2 }),
      random: seededRandom(1),
    });
    for (const obs of inTimeOrder(...quiet(from + MIN, 2))) kolkata.observe(obs);
    expect(closeEach(kolkata, from, 3).map((w) => bakery(w)?.shoppers)).toEqual([undefined, undefined, 2]);
  });

  it('holds nothing past the last window', () => {
    const agg = aggregator({ kAnonymity: 2 });
    for (const obs of inTimeOrder(...quiet(T0, 1))) agg.observe(obs);
    closeEach(agg, T0, 1, true);
    for (const obs of inTimeOrder(...quiet(T0 + MIN, 1))) agg.observe(obs);
    expect(bakery(agg.closeWindow(T0 + MIN, T0 + 2 * MIN))).toBeUndefined();
  });

  it('a held track found to be staff no longer counts towards k', () => {
    const agg = aggregator({ kAnonymity: 2 });
    const [first, second] = quiet(T0, 2);
    const s = first!.map((o) => ({ ...o, trackId: 's' }));
    for (const obs of s) agg.observe(obs);
    expect(bakery(agg.closeWindow(T0, T0 + MIN))).toBeUndefined(); // s alone: held
    for (const obs of inTimeOrder(second!, [{ trackId: 's', ts: T0 + MIN + 1000, x: 1, y: 1, staff: true }]))
      agg.observe(obs);
    // Without the purge, s and the new shopper would make k = 2.
    expect(bakery(agg.closeWindow(T0 + MIN, T0 + 2 * MIN))).toBeUndefined();
  });
});

describe('WindowAggregator: entrances', () => {
  it('counts crossing the door inward and outward, exactly', () => {
    const inward = walk('a', T0, 1000, [
      [0.5, 1.5],
      [1.5, 1.5],
    ]);
    const outward = walk('b', T0, 1000, [
      [2, 2],
      [0.3, 2],
    ]);
    const [out] = run(aggregator({ epsilon: 0.1 }), inTimeOrder(inward, outward));
    expect(out!.counts).toEqual({
      windowStart: T0,
      windowEnd: T0 + MIN,
      layoutVersion: 3,
      entrances: [{ entranceId: 'door', in: 1, out: 1 }],
    });
  });
});

describe('WindowAggregator: paths', () => {
  it('publishes an opted-in shopper’s visits, closed once the track times out', () => {
    const ids = { rotatingIds: [ID1] };
    const stream = walk(
      'a',
      T0,
      2000,
      [
        [1.5, 6],
        [1.5, 6],
        [1.5, 6],
        [7, 6],
        [7, 6],
      ],
      ids,
    );
    const [out] = run(aggregator(), stream);
    expect(out!.paths).toEqual({
      windowStart: T0,
      windowEnd: T0 + MIN,
      layoutVersion: 3,
      paths: [
        {
          pathId: expect.stringMatching(/^[0-9a-f]{16}$/),
          rotatingIds: [ID1],
          visits: [
            { zoneId: 'produce', enterTs: T0, exitTs: T0 + 6000 },
            { zoneId: 'bakery', enterTs: T0 + 6000, exitTs: T0 + 8000 },
          ],
          closed: true,
        },
      ],
    });
  });

  it('keeps the path id across windows and closes the path where endTrack puts its end', () => {
    const agg = aggregator();
    const ids = { rotatingIds: [ID1] };
    for (const obs of walk(
      'a',
      T0 + 55_000,
      2000,
      [
        [1.5, 6],
        [1.5, 6],
        [1.5, 6],
        [7, 6],
      ],
      ids,
    ))
      agg.observe(obs);
    agg.endTrack('a', T0 + 62_000);
    const w1 = agg.closeWindow(T0, T0 + MIN);
    const w2 = agg.closeWindow(T0 + MIN, T0 + 2 * MIN);
    expect(w1.paths.paths).toEqual([expect.objectContaining({ visits: [], closed: false })]);
    expect(w2.paths.paths).toEqual([
      {
        pathId: w1.paths.paths[0]!.pathId,
        rotatingIds: [ID1],
        visits: [
          { zoneId: 'produce', enterTs: T0 + 55_000, exitTs: T0 + 61_000 },
          { zoneId: 'bakery', enterTs: T0 + 61_000, exitTs: T0 + 61_000 },
        ],
        closed: true,
      },
    ]);
  });

  it('publishes no paths when publishPaths is off', () => {
    const [out] = run(
      aggregator({ publishPaths: false }),
      walk('a', T0, 1000, [[1, 6]], { rotatingIds: [ID1] }),
    );
    expect(out!.paths.paths).toEqual([]);
  });
});

describe('WindowAggregator: input hygiene', () => {
  it('drops staff before anything is aggregated, even observations seen before the tag', () => {
    const crowd = inTimeOrder(
      walk('a', T0, 1000, [
        [4.5, 5.5],
        [5.5, 5.5],
        [0.5, 1.5],
      ]),
      walk('b', T0, 1000, [
        [4.5, 5.5],
        [5.5, 5.5],
        [1.5, 1.5],
      ]),
    );
    const staff = [
      ...walk(
        's',
        T0,
        1000,
        [
          [4.5, 5.5],
          [0.5, 2],
          [1.5, 2],
        ],
        { rotatingIds: [ID1] },
      ),
      { trackId: 's', ts: T0 + 3000, x: 7, y: 7, staff: true },
    ];
    const [without] = run(aggregator(), crowd);
    const [withStaff] = run(aggregator(), inTimeOrder(crowd, staff));
    const { ignored, received, ...bodies } = withStaff!;
    const { ignored: ignoredWithout, received: receivedWithout, ...expected } = without!;
    expect(bodies).toEqual(expected);
    expect(received - receivedWithout).toBe(4);
    expect(ignored.staff).toBe(4); // the tagged observation and the three before it
    expect(ignoredWithout.staff).toBe(0);
  });

  it('counts and ignores malformed, out-of-order and late observations; keeps later ones for the next window', () => {
    const agg = aggregator();
    agg.observe({ trackId: 'a', ts: T0 + 5000, x: 1, y: 1 });
    agg.observe({ trackId: 'a', ts: T0 + 4000, x: 1, y: 1 }); // out of order
    agg.observe({ trackId: '', ts: T0, x: 1, y: 1 });
    agg.observe({ trackId: 'b', ts: T0, x: Number.NaN, y: 1 });
    agg.observe({ trackId: 'c', ts: T0 - 1, x: 1, y: 1 }); // before the window the caller closes
    agg.observe({ trackId: 'd', ts: T0 + MIN + 1, x: 1, y: 1 }); // belongs to the next window
    const w1 = agg.closeWindow(T0, T0 + MIN);
    expect(w1.ignored).toMatchObject({ invalid: 2, outOfOrder: 1, outsideWindow: 1 });
    agg.observe({ trackId: 'e', ts: T0 + MIN - 1, x: 1, y: 1 }); // late: its window is closed
    const w2 = agg.closeWindow(T0 + MIN, T0 + 2 * MIN);
    expect(w2.ignored).toMatchObject({ invalid: 0, outOfOrder: 0, outsideWindow: 1 });
    expect(w1.heatmap.suppressedCells).toBe(1); // track a, alone in its cell: held
    // Track d, alone in the same cell, with a's dwell held there from the first window: k = 2 together.
    expect(w2.heatmap.suppressedCells).toBe(0);
    expect(w2.heatmap.cells).toEqual([{ col: 1, row: 1, scale: 1, shoppers: 2, dwellSeconds: 10 }]);
  });

  it('drops positions farther off the floor than projection error explains; nearer ones count at its edge', () => {
    // Two passers-by 3 m outside the front wall (seen through the shop window), and two shoppers at
    // the wall whose positions land 0.4 m outside it.
    const street = ['p', 'q'].map((id) =>
      walk(id, T0, 2000, [
        [4.5, -3],
        [6.5, -3],
        [8.5, -3],
      ]),
    );
    const wall = ['a', 'b'].map((id) =>
      walk(id, T0 + 500, 2000, [
        [5.5, -0.4],
        [5.5, -0.4],
        [5.5, -0.4],
      ]),
    );
    const [out] = run(aggregator(), inTimeOrder(...street, ...wall));
    expect(out!.ignored.offFloor).toBe(6);
    expect(out!.heatmap.cells).toEqual([{ col: 5, row: 0, scale: 1, shoppers: 2, dwellSeconds: 18 }]);
    expect(out!.heatmap.suppressedCells).toBe(0);
  });

  it('measures how far a point lies off the floor: its rectangle, or its walkable areas where drawn', () => {
    const floor = testLayout().floor;
    expect(distanceOffFloor(5, 4, floor)).toBe(0);
    expect(distanceOffFloor(12, 8, floor)).toBe(0);
    expect(distanceOffFloor(5, -3, floor)).toBe(3);
    expect(distanceOffFloor(15, 12, floor)).toBe(5);
    const shaped = { ...floor, walkable: [L_SHAPED] };
    expect(distanceOffFloor(5, 4, shaped)).toBe(0);
    expect(distanceOffFloor(11, 1, shaped)).toBe(3);
    expect(distanceOffFloor(8.5, 3.5, shaped)).toBe(0.5);
  });

  it('drops a position in the street corner an L-shaped floor leaves out', () => {
    const layout = testLayout();
    const agg = new WindowAggregator({
      layout: { ...layout, floor: { ...layout.floor, walkable: [L_SHAPED] } },
      settings: testSettings(),
      random: seededRandom(1),
    });
    const [out] = run(agg, [...walk('p', T0, 1000, [[11, 1]]), ...walk('q', T0 + 500, 1000, [[8.5, 3.5]])]);
    expect(out!.ignored.offFloor).toBe(1);
  });

  it('throws only on windows that cannot be', () => {
    const agg = aggregator();
    expect(() => agg.closeWindow(T0, T0)).toThrow(RangeError);
    expect(() => agg.closeWindow(T0, T0 + 25 * 3600_000)).toThrow(RangeError);
    expect(() => agg.closeWindow(T0 + 0.5, T0 + MIN)).toThrow(RangeError);
    agg.closeWindow(T0, T0 + MIN);
    expect(() => agg.closeWindow(T0 + 1000, T0 + 2 * MIN)).toThrow(/before the end of the last one/);
    expect(() => agg.closeWindow(T0 + 2 * MIN, T0 + 3 * MIN)).not.toThrow(); // a gap is allowed
  });

  it('ends every track on a final close', () => {
    const agg = aggregator();
    agg.observe({ trackId: 'a', ts: T0 + 59_000, x: 1, y: 6, rotatingIds: [ID1] });
    expect(agg.closeWindow(T0, T0 + MIN).paths.paths[0]!.closed).toBe(false);
    agg.observe({ trackId: 'a', ts: T0 + 61_000, x: 1, y: 6 });
    expect(agg.closeWindow(T0 + MIN, T0 + 2 * MIN, { final: true }).paths.paths[0]!.closed).toBe(true);
    expect(agg.liveTracks).toBe(0);
  });
});

describe('WindowAggregator: noise', () => {
  const crowd = () =>
    inTimeOrder(
      ...Array.from({ length: 6 }, (_, i) =>
        walk(`t${i}`, T0 + i * 100, 1500, [
          [4.5, 5.5],
          [5.5, 5.5],
          [7, 6],
          [1.5, 1.5],
          [0.5, 1.5],
        ]),
      ),
    );

  it('records ε, noises published counts, and keeps entrance counts exact', () => {
    const [exact] = run(aggregator(), crowd());
    const [noisy] = run(aggregator({ epsilon: 0.5 }), crowd());
    expect(noisy!.heatmap.epsilon).toBe(0.5);
    expect(noisy!.zones.epsilon).toBe(0.5);
    expect(exact!.heatmap).not.toHaveProperty('epsilon');
    // Thresholding happens on the true counts: the same cells and zones are published.
    const where = (o: WindowOutput) => o.heatmap.cells.map((c) => [c.col, c.row, c.scale]);
    expect(where(noisy!)).toEqual(where(exact!));
    expect(noisy!.zones.zones.map((z) => z.zoneId)).toEqual(exact!.zones.zones.map((z) => z.zoneId));
    expect(noisy!.heatmap.cells.map((c) => c.shoppers)).not.toEqual(
      exact!.heatmap.cells.map((c) => c.shoppers),
    );
    expect(noisy!.counts).toEqual(exact!.counts);
    expect(exact!.counts.entrances).toEqual([{ entranceId: 'door', in: 0, out: 6 }]);
  });

  it('is deterministic: same input and seed, same output', () => {
    const a = run(aggregator({ epsilon: 1 }, 42), crowd(), 2);
    const b = run(aggregator({ epsilon: 1 }, 42), crowd(), 2);
    const c = run(aggregator({ epsilon: 1 }, 43), crowd(), 2);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });
});
