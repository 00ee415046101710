// The walkable grid on the demo supermarket: everything reachable, and distances that match the plan.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type Fixture, storeLayoutSchema } from '../layout/index.js';
import { dijkstraFrom } from './dijkstra.js';
import { accessPoint, fixtureDistanceMatrix, walkingDistanceBetweenFixtures } from './fixture-access.js';
import { buildWalkableGrid } from './walkable-grid.js';

const layout = storeLayoutSchema.parse(
  JSON.parse(
    readFileSync(new URL('../../../fixtures/stores/demo-supermarket/layout.json', import.meta.url), 'utf8'),
  ),
);
const grid = buildWalkableGrid(layout);
const fixture = (id: string): Fixture => {
  const f = layout.fixtures.find((x) => x.id === id);
  if (!f) throw new Error(`no fixture ${id} in the demo layout`);
  return f;
};

describe('demo supermarket', () => {
  it('reaches every fixture from the main entrance', () => {
    const door = layout.entrances.find((e) => e.id === 'main-entrance')!;
    const [[x0, y0], [x1, y1]] = door.line;
    const fromDoor = dijkstraFrom(grid, [(x0 + x1) / 2, (y0 + y1) / 2]);
    const unreachable = layout.fixtures.filter((f) => {
      const [x, y] = accessPoint(grid, f)!;
      const [col, row] = grid.cellOf(x, y);
      return !Number.isFinite(fromDoor[grid.indexOf(col, row)]!);
    });
    expect(unreachable.map((f) => f.id)).toEqual([]);
  });

  it('puts paint far from the brushes end-cap and pasta near its sauce', () => {
    const paint = fixture('diy-paint-wall');
    const brushes = fixture('hh-endcap-brushes');
    expect(paint.categories).toContain('Paint');
    expect(paint.zoneId).toBe('diy');
    expect(brushes.categories).toContain('Paint brushes & rollers');
    const pasta = fixture('pantry-pasta');
    const sauces = fixture('pantry-sauces');
    expect(pasta.categories).toContain('Pasta');
    expect(sauces.categories).toContain('Pasta sauces');

    const far = walkingDistanceBetweenFixtures(grid, paint, brushes)!;
    const near = walkingDistanceBetweenFixtures(grid, pasta, sauces)!;
    expect(far).toBeGreaterThan(25);
    // Both halves of one 10 m shelf, reached at the middle of each: 5 m apart along the same face.
    expect(near).toBeCloseTo(5, 6);
    expect(near).toBeLessThan(far / 5);
  });

  it('has a distance matrix that agrees with A* pair by pair', () => {
    const ids = ['diy-paint-wall', 'hh-endcap-brushes', 'pantry-pasta', 'pantry-sauces', 'lobby-flowers'];
    const matrix = fixtureDistanceMatrix(grid, ids.map(fixture));
    for (const a of ids) {
      expect(matrix.get(a, a)).toBe(0);
      for (const b of ids) {
        const expected = walkingDistanceBetweenFixtures(grid, fixture(a), fixture(b))!;
        expect(Math.abs(matrix.get(a, b)! - expected)).toBeLessThan(1e-6);
      }
    }
    expect(matrix.get('diy-paint-wall', 'nowhere')).toBeUndefined();
  });
});
