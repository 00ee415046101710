// Laws of walking distance on random rectangular floors with random rectangular obstacles.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Vec2 } from '../geometry.js';
import { shortestPath } from './a-star.js';
import { dijkstraFrom } from './dijkstra.js';
import { nearestWalkableCell } from './nearest-walkable.js';
import { type Rect, rectLayout } from './test-layouts.js';
import { buildWalkableGrid, type WalkableGrid } from './walkable-grid.js';

const TOL = 1e-9;

const floorArb = fc
  .record({
    width: fc.integer({ min: 2, max: 12 }),
    depth: fc.integer({ min: 2, max: 12 }),
    cellSize: fc.constantFrom(0.25, 0.5),
  })
  .chain(({ width, depth, cellSize }) => {
    const rectArb = fc
      .tuple(
        fc.double({ min: 0, max: width, noNaN: true }),
        fc.double({ min: 0, max: depth, noNaN: true }),
        fc.double({ min: 0.2, max: Math.max(0.2, width / 2), noNaN: true }),
        fc.double({ min: 0.2, max: Math.max(0.2, depth / 2), noNaN: true }),
      )
      .map(([x, y, w, h]): Rect => [x, y, Math.min(width, x + w), Math.min(depth, y + h)])
      .filter(([x0, y0, x1, y1]) => x1 - x0 > 0.05 && y1 - y0 > 0.05);
    const pointArb = fc.tuple(
      fc.double({ min: 0, max: width, noNaN: true }),
      fc.double({ min: 0, max: depth, noNaN: true }),
    );
    return fc.record({
      grid: fc
        .tuple(fc.array(rectArb, { maxLength: 5 }), fc.array(rectArb, { maxLength: 5 }))
        .map(([fixtures, obstacles]) =>
          buildWalkableGrid(rectLayout({ width, depth, fixtures, obstacles }), { cellSize }),
        ),
      a: pointArb,
      b: pointArb,
      c: pointArb,
    });
  });

const dist = (grid: WalkableGrid, p: Vec2, q: Vec2) => shortestPath(grid, p, q)?.distance;

describe('walking distance laws', () => {
  it('is symmetric', () => {
    fc.assert(
      fc.property(floorArb, ({ grid, a, b }) => {
        const ab = dist(grid, a, b);
        const ba = dist(grid, b, a);
        if (ab === undefined || ba === undefined) return expect(ab).toBe(ba);
        expect(Math.abs(ab - ba)).toBeLessThan(TOL);
      }),
    );
  });

  it('is at least the straight line between the snapped points', () => {
    fc.assert(
      fc.property(floorArb, ({ grid, a, b }) => {
        const r = shortestPath(grid, a, b);
        if (!r) return;
        const [p, q] = [r.path[0]!, r.path.at(-1)!];
        expect(r.distance).toBeGreaterThanOrEqual(Math.hypot(q[0] - p[0], q[1] - p[1]) - TOL);
      }),
    );
  });

  it('satisfies the triangle inequality through a third point', () => {
    fc.assert(
      fc.property(floorArb, ({ grid, a, b, c }) => {
        const ab = dist(grid, a, b);
        const bc = dist(grid, b, c);
        if (ab === undefined || bc === undefined) return;
        const ac = dist(grid, a, c);
        expect(ac).toBeDefined();
        expect(ac!).toBeLessThanOrEqual(ab + bc + TOL);
      }),
    );
  });

  it('steps only between adjacent walkable cells, never across a corner, and adds up to the distance', () => {
    fc.assert(
      fc.property(floorArb, ({ grid, a, b }) => {
        const r = shortestPath(grid, a, b);
        if (!r) return;
        const cells = r.path.map(([x, y]) => grid.cellOf(x, y));
        let length = 0;
        cells.forEach(([col, row], i) => {
          expect(grid.isWalkable(col, row)).toBe(true);
          if (i === 0) return;
          const [pc, pr] = cells[i - 1]!;
          const dc = col - pc;
          const dr = row - pr;
          expect(Math.max(Math.abs(dc), Math.abs(dr))).toBe(1);
          if (dc !== 0 && dr !== 0) {
            expect(grid.isWalkable(pc + dc, pr)).toBe(true);
            expect(grid.isWalkable(pc, pr + dr)).toBe(true);
          }
          length += Math.hypot(dc, dr) * grid.cellSize;
        });
        const snaps = nearestWalkableCell(grid, a)!.snap + nearestWalkableCell(grid, b)!.snap;
        expect(Math.abs(r.distance - (length + snaps))).toBeLessThan(1e-6);
      }),
    );
  });

  it('agrees with Dijkstra', () => {
    fc.assert(
      fc.property(floorArb, ({ grid, a, b }) => {
        const target = nearestWalkableCell(grid, b);
        const r = shortestPath(grid, a, b);
        if (!target) return expect(r).toBeUndefined();
        const d = dijkstraFrom(grid, a)[target.index]! + target.snap;
        if (!r) return expect(d).toBe(Infinity);
        expect(Math.abs(r.distance - d)).toBeLessThan(1e-6);
      }),
    );
  });
});
