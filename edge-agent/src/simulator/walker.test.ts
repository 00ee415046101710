import { buildWalkableGrid, type Vec2, WalkableGrid } from '@retail/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { LegCache } from './leg-cache.js';
import { segmentClear } from './path-smoothing.js';
import { streamOf } from './random-streams.js';
import { loadDemo } from './simulator-test-kit.js';
import { Walker } from './walker.js';

interface Sample {
  ts: number;
  x: number;
  y: number;
}

function record(grid: WalkableGrid, start: Vec2, startMs: number): { walker: Walker; samples: Sample[] } {
  const samples: Sample[] = [];
  const walker = new Walker({
    grid,
    random: streamOf('walker-test'),
    intervalMs: 500,
    startMs,
    start,
    onSample: (ts, x, y) => samples.push({ ts, x, y }),
  });
  return { walker, samples };
}

describe('Walker', () => {
  let grid: WalkableGrid;
  beforeAll(async () => {
    grid = buildWalkableGrid((await loadDemo()).layout);
  });

  it('samples a walk on walkable cells, on the 500 ms grid, at about the walking speed', () => {
    const legs = new LegCache(grid);
    const from = { key: 'a', point: grid.centreOf(14, 96) };
    const to = { key: 'b', point: grid.centreOf(150, 30) };
    const leg = legs.leg(from, to)!;
    const { walker, samples } = record(grid, from.point, 1_000_123);
    walker.walk(leg.points, 1.2);
    expect(walker.now).toBeCloseTo(1_000_123 + (leg.length / 1.2) * 1000, 6);
    expect(samples[0]!.ts).toBe(1_000_500);
    samples.forEach((s, i) => {
      expect(s.ts).toBe(1_000_500 + 500 * i);
      const [col, row] = grid.cellOf(s.x, s.y);
      expect(grid.isWalkable(col, row)).toBe(true);
      if (i > 0) {
        const prev = samples[i - 1]!;
        expect(segmentClear(grid, [prev.x, prev.y], [s.x, s.y])).toBe(true);
        // 0.6 m per half second, give or take the sway.
        expect(Math.hypot(s.x - prev.x, s.y - prev.y)).toBeLessThan(1.1);
      }
    });
    const path = samples
      .slice(1)
      .reduce((sum, s, i) => sum + Math.hypot(s.x - samples[i]!.x, s.y - samples[i]!.y), 0);
    expect(path / ((samples.length - 1) * 0.5)).toBeGreaterThan(1.1);
    expect(path / ((samples.length - 1) * 0.5)).toBeLessThan(1.6);
  });

  it('browses near the spot while dwelling, and carries the time on without gaps', () => {
    const start = grid.centreOf(14, 96);
    const { walker, samples } = record(grid, start, 0);
    walker.dwell(60_000);
    walker.dwell(1_250);
    expect(walker.now).toBe(61_250);
    expect(samples.map((s) => s.ts)).toEqual(Array.from({ length: 123 }, (_, i) => i * 500));
    for (const s of samples) expect(Math.hypot(s.x - start[0], s.y - start[1])).toBeLessThan(1.2);
  });

  it('never leaves the floor, even in a one-cell corridor', () => {
    // A 1-cell-wide corridor: every sideways sway must fall back onto the corridor.
    const cells = new Uint8Array(10 * 3);
    for (let c = 0; c < 10; c++) cells[10 + c] = 1;
    const corridor = new WalkableGrid(0.25, 10, 3, cells);
    const { walker, samples } = record(corridor, [0.125, 0.375], 0);
    walker.walk(
      [
        [0.125, 0.375],
        [2.375, 0.375],
      ],
      1,
    );
    walker.dwell(5000);
    expect(samples.length).toBeGreaterThan(10);
    for (const s of samples) {
      expect(s.y).toBeGreaterThanOrEqual(0.25);
      expect(s.y).toBeLessThan(0.5);
    }
  });
});
