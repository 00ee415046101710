import type { Entrance } from '@retail/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { testLayout } from './aggregation-test-kit.js';
import { DEFAULT_LINE_BAND_M, EntranceCounter, sideOf } from './line-crossing.js';

// The test store's door: x = 1 from y = 3 down to y = 0, the store (x > 1) on its left.
const door = testLayout().entrances;

/** A walk through its waypoints, [ms, x], as a camera sees it: a position every 200 ms. */
function everyFrame(path: readonly [number, number][]): [number, number][] {
  const out: [number, number][] = [];
  path.forEach(([t1, x1], i) => {
    if (i === 0) return;
    const [t0, x0] = path[i - 1]!;
    for (let t = t0; t < t1; t += 200) out.push([t, x0 + ((x1 - x0) * (t - t0)) / (t1 - t0)]);
  });
  out.push(path.at(-1)!);
  return out;
}

describe('sideOf', () => {
  it('is positive on the left of the directed line, as the layout defines it', () => {
    const line = door[0]!.line;
    expect(sideOf(line, [2, 1])).toBeGreaterThan(0);
    expect(sideOf(line, [0, 1])).toBeLessThan(0);
    expect(sideOf(line, [1, 7])).toBe(0);
  });
});

describe('EntranceCounter', () => {
  it('counts crossing the door inward as in and outward as out', () => {
    const counter = new EntranceCounter({ entrances: door });
    counter.move('a', 0.5, 1.5);
    counter.move('a', 1.5, 1.5); // in
    counter.move('b', 2, 2);
    counter.move('b', 0.2, 2.5); // out
    expect(counter.close()).toEqual([{ entranceId: 'door', in: 1, out: 1 }]);
    counter.move('a', 2.5, 1); // still inside: nothing
    expect(counter.close()).toEqual([{ entranceId: 'door', in: 0, out: 0 }]);
  });

  it('follows `inside` when the store is on the right of the line', () => {
    const flipped: Entrance[] = [
      { ...door[0]!, line: [door[0]!.line[1], door[0]!.line[0]], inside: 'right' },
    ];
    const counter = new EntranceCounter({ entrances: flipped });
    counter.move('a', 0.5, 1.5);
    counter.move('a', 1.5, 1.5);
    expect(counter.close()).toEqual([{ entranceId: 'door', in: 1, out: 0 }]);
  });

  it('counts a track jittering on the threshold once, when it leaves the band', () => {
    const counter = new EntranceCounter({ entrances: door, bandM: 0.1 });
    for (const x of [0.5, 0.95, 1.05, 0.97, 1.08, 0.99, 1.6]) counter.move('a', x, 1);
    expect(counter.close()).toEqual([{ entranceId: 'door', in: 1, out: 0 }]);
  });

  it('ignores a track passing beside the end of the line, and forgets ended tracks', () => {
    const counter = new EntranceCounter({ entrances: door });
    counter.move('a', 0.5, 5);
    counter.move('a', 1.5, 5); // crosses x = 1 at y = 5, past the door's end at y = 3
    counter.move('b', 0.5, 1);
    counter.forget('b');
    counter.move('b', 1.5, 1); // a new track appearing inside has crossed nothing
    expect(counter.close()).toEqual([{ entranceId: 'door', in: 0, out: 0 }]);
  });
});

describe('EntranceCounter: no double counting', () => {
  it('counts a shopper who steps back out and in again once', () => {
    const counter = new EntranceCounter({ entrances: door });
    for (const x of [0.5, 1.6, 0.8, 1.5, 2.5]) counter.move('a', x, 1);
    expect(counter.close()).toEqual([{ entranceId: 'door', in: 1, out: 0 }]);
  });

  it('counts nothing for a shopper inside who steps out for a moment', () => {
    const counter = new EntranceCounter({ entrances: door });
    for (const x of [3, 2, 0.7, 1.4, 2]) counter.move('a', x, 1);
    expect(counter.close()).toEqual([{ entranceId: 'door', in: 0, out: 0 }]);
  });

  it('with times, also ignores a longer step back that returns within settleMs', () => {
    const path: [number, number][] = [
      [0, 0.5],
      [1000, 1.6], // crosses in: pending until 3 s have passed
      [2000, 2],
      [4500, 2.2], // counted in
      [5000, 0], // a metre out to fetch a trolley
      [6000, 1.5], // back in within 3 s: the excursion is void
      [7000, 3],
    ];
    const timed = new EntranceCounter({ entrances: door, settleMs: 3000 });
    for (const [ts, x] of everyFrame(path)) timed.move('a', x, 1, ts);
    expect(timed.close()).toEqual([{ entranceId: 'door', in: 1, out: 0 }]);
    // Distance alone counts the excursion: out and in again.
    const untimed = new EntranceCounter({ entrances: door });
    for (const [, x] of path) untimed.move('a', x, 1);
    expect(untimed.close()).toEqual([{ entranceId: 'door', in: 2, out: 1 }]);
  });

  it('counts a pending crossing when the track goes unseen past the line, and whoever comes back starts there', () => {
    // Out through the door and out of sight for a second; then, under the same id (the tracker took
    // them for the one who left), someone walks in from outside.
    const path: [number, number][] = [
      [0, 2.5],
      [1000, 0.3], // out: pending
      [2000, 0.3], // the same frame row: unseen in between (a gap of 1 s)
      [3200, 2], // in
      [6400, 2.5],
    ];
    const counter = new EntranceCounter({ entrances: door, settleMs: 3000 });
    const seen = everyFrame(path).filter(([ts]) => ts <= 1000 || ts >= 2000);
    for (const [ts, x] of seen) counter.move('a', x, 1, ts);
    expect(counter.close()).toEqual([{ entranceId: 'door', in: 1, out: 1 }]);
    // Seen all along, the same walk out and back in within settleMs is an excursion: nothing.
    const excursion = new EntranceCounter({ entrances: door, settleMs: 3000 });
    for (const [ts, x] of everyFrame(path)) excursion.move('a', x, 1, ts);
    expect(excursion.close()).toEqual([{ entranceId: 'door', in: 0, out: 0 }]);
    // A gap inside, or with nothing pending, counts nothing.
    const inside = new EntranceCounter({ entrances: door });
    for (const [ts, x] of [
      [0, 2],
      [5000, 2.5],
    ] as const)
      inside.move('b', x, 1, ts);
    expect(inside.close()).toEqual([{ entranceId: 'door', in: 0, out: 0 }]);
  });

  it('counts a pending crossing when the track ends, not when it is discarded', () => {
    const counter = new EntranceCounter({ entrances: door });
    for (const x of [0.5, 1.3]) counter.move('a', x, 1); // 0.3 m in, then lost by the tracker
    for (const x of [0.5, 1.3]) counter.move('s', x, 2);
    expect(counter.close()).toEqual([{ entranceId: 'door', in: 0, out: 0 }]);
    counter.forget('a');
    counter.discard('s');
    expect(counter.close()).toEqual([{ entranceId: 'door', in: 1, out: 0 }]);
  });

  // Paths inside the door's span (y 0.2–2.8), so every change of side is a crossing of the line.
  const path = fc.array(
    fc.record({
      x: fc.double({ min: -1.5, max: 3.5, noNaN: true }),
      y: fc.double({ min: 0.2, max: 2.8, noNaN: true }),
    }),
    { minLength: 1, maxLength: 40 },
  );
  const sideAt = (x: number) => (Math.abs(x - 1) <= DEFAULT_LINE_BAND_M ? 0 : x > 1 ? 1 : -1);

  it('counts alternate in and out, and their net is where the track ended up', () => {
    fc.assert(
      fc.property(path, fc.boolean(), (points, timed) => {
        const counter = new EntranceCounter({ entrances: door });
        const events: ('in' | 'out')[] = [];
        const record = () => {
          const [c] = counter.close();
          for (let k = 0; k < c!.in; k++) events.push('in');
          for (let k = 0; k < c!.out; k++) events.push('out');
        };
        points.forEach((p, i) => {
          counter.move('a', p.x, p.y, timed ? i * 700 : undefined);
          record();
        });
        counter.forget('a');
        record();
        for (let k = 1; k < events.length; k++) expect(events[k]).not.toBe(events[k - 1]);
        const sides = points.map((p) => sideAt(p.x)).filter((s) => s !== 0);
        const net = events.filter((e) => e === 'in').length - events.filter((e) => e === 'out').length;
        const first = sides[0] ?? 0;
        const last = sides.at(-1) ?? 0;
        expect(net).toBe((last === 1 ? 1 : 0) - (first === 1 ? 1 : 0));
      }),
    );
  });

  it('never counts wobbles that stay within settleM beyond the line while the track lives', () => {
    const wobble = fc.array(
      fc.record({
        x: fc.double({ min: 0, max: 1.49, noNaN: true }),
        y: fc.double({ min: 0.2, max: 2.8, noNaN: true }),
      }),
      { maxLength: 40 },
    );
    fc.assert(
      fc.property(wobble, (points) => {
        const counter = new EntranceCounter({ entrances: door, settleM: 0.5 });
        counter.move('a', 0, 1); // outside
        for (const p of points) counter.move('a', p.x, p.y);
        expect(counter.close()).toEqual([{ entranceId: 'door', in: 0, out: 0 }]);
      }),
    );
  });
});
