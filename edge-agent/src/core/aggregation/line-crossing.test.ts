import type { Entrance } from '@retail/contracts';
import { describe, expect, it } from 'vitest';
import { testLayout } from './aggregation-test-kit.js';
import { EntranceCounter, sideOf } from './line-crossing.js';

// The test store's door: x = 1 from y = 3 down to y = 0, the store (x > 1) on its left.
const door = testLayout().entrances;

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
