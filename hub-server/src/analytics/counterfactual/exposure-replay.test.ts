import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { distanceToPolygon, type ObservedPath, replayExposure } from './exposure-replay.js';
import { applyLayoutChanges } from './layout-changes.js';
import { shelf, squareAt } from './test-fixtures.js';

const zones = (...z: string[]): ObservedPath => ({ kind: 'zones', zones: new Set(z) });
const fixtures = [shelf('f1', 'a', ['A']), shelf('f2', 'b', ['B']), shelf('f3', 'c', ['C'])];

describe('replayExposure', () => {
  it('replays zone paths: moving B into zone a exposes it to everyone who walks a', () => {
    const paths = [zones('a'), zones('a', 'b'), zones('a', 'c'), zones('c')];
    const after = applyLayoutChanges(fixtures, [{ kind: 'move-sku', item: 'B', toFixtureId: 'f1' }]);
    const r = replayExposure(paths, fixtures, after, { level: 'sku' });
    expect(r.sessions).toBe(4);
    expect(r.items).toEqual([
      { item: 'B', before: 0.25, after: 0.75, change: 0.5, sessionsBefore: 1, sessionsAfter: 3 },
      { item: 'A', before: 0.75, after: 0.75, change: 0, sessionsBefore: 3, sessionsAfter: 3 },
      { item: 'C', before: 0.5, after: 0.5, change: 0, sessionsBefore: 2, sessionsAfter: 2 },
    ]);
  });

  it('replays trajectories against fixture outlines within a radius', () => {
    // One shopper walks along y = 2 from x = 0 to x = 10: passes f1 (centre 5,5; edge at y = 4.5) at 2.5 m.
    const walk: ObservedPath = {
      kind: 'trajectory',
      points: Array.from({ length: 11 }, (_, x) => [x, 2] as const),
    };
    const moved = applyLayoutChanges(fixtures, [
      { kind: 'move-fixture', fixtureId: 'f3', toZoneId: 'a', polygon: squareAt(8, 3) },
    ]);
    const r = replayExposure([walk], fixtures, moved, { level: 'sku', radiusMetres: 2, items: ['A', 'C'] });
    expect(r.items.map((i) => [i.item, i.before, i.after])).toEqual([
      ['C', 0, 1],
      ['A', 0, 0],
    ]);
    const wider = replayExposure([walk], fixtures, fixtures, { level: 'sku', radiusMetres: 3, items: ['A'] });
    expect(wider.items[0]!.before).toBe(1);
  });

  it('property: an extra facing never lowers any item’s exposure, and unchanged layouts change nothing', () => {
    const pathArb = fc.array(fc.subarray(['a', 'b', 'c'], { minLength: 1 }), { maxLength: 30 });
    fc.assert(
      fc.property(
        pathArb,
        fc.constantFrom('A', 'B', 'C'),
        fc.constantFrom('f1', 'f2', 'f3'),
        (ps, item, to) => {
          const paths = ps.map((z) => zones(...z));
          const after = applyLayoutChanges(fixtures, [
            { kind: 'move-sku', item, toFixtureId: to, keep: true },
          ]);
          for (const row of replayExposure(paths, fixtures, after, { level: 'sku' }).items) {
            expect(row.change).toBeGreaterThanOrEqual(0);
          }
          for (const row of replayExposure(paths, fixtures, fixtures, { level: 'sku' }).items) {
            expect(row.change).toBe(0);
          }
        },
      ),
    );
  });
});

describe('distanceToPolygon', () => {
  it('is 0 inside, else the distance to the nearest edge or corner', () => {
    const sq = squareAt(0, 0, 1);
    expect(distanceToPolygon([0.5, 0], sq)).toBe(0);
    expect(distanceToPolygon([3, 0], sq)).toBe(2);
    expect(distanceToPolygon([4, 5], sq)).toBe(5);
  });
});
