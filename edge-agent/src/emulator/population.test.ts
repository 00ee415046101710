import type { Entrance } from '@retail/contracts';
import { describe, expect, it } from 'vitest';
import { sideOf } from '../core/aggregation/line-crossing.js';
import type { ShopperTruth, StaffTruth, Trajectory } from '../simulator/truth.js';
import { Population, positionAt } from './population.js';

const door: Entrance = {
  id: 'door',
  name: 'Door',
  line: [
    [0, 10],
    [4, 10],
  ],
  inside: 'right',
};

function trajectory(startTs: number, points: [number, number][]): Trajectory {
  return { startTs, intervalMs: 500, xy: Float64Array.from(points.flat()) };
}

function shopper(t: Trajectory, speedMps = 1): ShopperTruth {
  return { trajectory: t, speedMps } as ShopperTruth;
}

describe('positionAt', () => {
  it('interpolates between samples and is undefined outside the trajectory', () => {
    const t = trajectory(1000, [
      [0, 0],
      [1, 2],
      [3, 2],
    ]);
    expect(positionAt(t, 999)).toBeUndefined();
    expect(positionAt(t, 1000)).toEqual([0, 0]);
    expect(positionAt(t, 1250)).toEqual([0.5, 1]);
    expect(positionAt(t, 2000)).toEqual([3, 2]);
    expect(positionAt(t, 2001)).toBeUndefined();
    expect(positionAt(trajectory(0, [[4, 5]]), 0)).toEqual([4, 5]);
  });
});

describe('Population', () => {
  it('finds who is on the floor at a time, shoppers and staff', () => {
    const day = {
      shoppers: [
        shopper(
          trajectory(0, [
            [1, 1],
            [1, 2],
          ]),
        ),
        shopper(
          trajectory(60_000, [
            [2, 2],
            [2, 3],
          ]),
        ),
      ],
      staff: [
        {
          staffId: 's',
          trajectory: trajectory(
            0,
            Array.from({ length: 300 }, () => [5, 5]),
          ),
        } as StaffTruth,
      ],
    };
    const pop = new Population(day);
    expect(pop.at(250).map((p) => [p.person, p.x, p.y])).toEqual([
      [0, 1, 1.5],
      [2, 5, 5],
    ]);
    expect(pop.at(60_000).map((p) => pop.people[p.person]!.kind)).toEqual(['shopper', 'staff']);
    expect(pop.at(200_000)).toEqual([]);
    expect([pop.startTs, pop.endTs]).toEqual([0, 149_500]);
  });

  it('walks shoppers up to the door they appear at and away from the one they leave by', () => {
    // In through the door 0.3 m outside the line (y > 10 is outside), round, and out again.
    const t = trajectory(10_000, [
      [2, 10.3],
      [2, 9.8],
      [2, 9.3],
      [2, 9.8],
      [2, 10.3],
    ]);
    const pop = new Population({ shoppers: [shopper(t, 1)], staff: [] }, { entrances: [door], approachM: 2 });
    expect(pop.people[0]).toMatchObject({ startTs: 8000, endTs: 14_000 });
    const before = pop.at(9000)[0]!;
    expect([before.x, before.y]).toEqual([2, 11.3]);
    const after = pop.at(13_500)[0]!;
    expect([after.x, after.y]).toEqual([2, 11.8]);
    // Both left of the line: outside, as the door's inside is on its right.
    for (const p of [before, after]) expect(sideOf(door.line, [p.x, p.y])).toBeGreaterThan(0);
    expect(pop.at(7999)).toEqual([]);
  });

  it('leaves people who start away from every door as they are', () => {
    const t = trajectory(0, [
      [2, 5],
      [2, 6],
    ]);
    const pop = new Population({ shoppers: [shopper(t)], staff: [] }, { entrances: [door] });
    expect(pop.people[0]).toMatchObject({ startTs: 0, endTs: 500 });
  });
});
