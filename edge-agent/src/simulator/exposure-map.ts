// Which fixtures a shopper standing on a cell can see: every fixture whose outline lies within the
// exposure radius of the cell centre. Precomputed once per layout as compact per-cell lists.
import type { Fixture, WalkableGrid } from '@retail/contracts';
import { boundsOf, pointPolygonDistance } from '@retail/contracts';

export interface ExposureMap {
  /** Fixture indices (into layout.fixtures) near a cell, nearest first. */
  near(cell: number): Int16Array;
}

export function buildExposureMap(
  grid: WalkableGrid,
  fixtures: readonly Fixture[],
  radius: number,
): ExposureMap {
  const n = grid.cols * grid.rows;
  const lists: { fixture: number; d: number }[][] = Array.from({ length: n }, () => []);
  const s = grid.cellSize;
  fixtures.forEach((f, index) => {
    if (f.skus.length === 0) return;
    const [minX, minY, maxX, maxY] = boundsOf(f.polygon);
    const [c0, r0] = grid.cellOf(minX - radius, minY - radius);
    const [c1, r1] = grid.cellOf(maxX + radius, maxY + radius);
    for (let row = r0; row <= r1; row++) {
      for (let col = c0; col <= c1; col++) {
        if (!grid.isWalkable(col, row)) continue;
        const d = pointPolygonDistance([(col + 0.5) * s, (row + 0.5) * s], f.polygon);
        if (d <= radius) lists[grid.indexOf(col, row)]!.push({ fixture: index, d });
      }
    }
  });
  const offsets = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) offsets[i + 1] = offsets[i]! + lists[i]!.length;
  const items = new Int16Array(offsets[n]!);
  lists.forEach((list, i) => {
    list.sort((a, b) => a.d - b.d || a.fixture - b.fixture);
    list.forEach((e, k) => {
      items[offsets[i]! + k] = e.fixture;
    });
  });
  return { near: (cell) => items.subarray(offsets[cell]!, offsets[cell + 1]!) };
}
