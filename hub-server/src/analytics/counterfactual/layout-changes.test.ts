import { describe, expect, it } from 'vitest';
import { applyLayoutChanges } from './layout-changes.js';
import { shelf, squareAt } from './test-fixtures.js';

const fixtures = [shelf('f1', 'a', ['A', 'B']), shelf('f2', 'b', ['C']), shelf('f3', 'c', ['B'])];

describe('applyLayoutChanges', () => {
  it('moves a fixture, leaving the input untouched', () => {
    const [f1] = applyLayoutChanges(fixtures, [
      { kind: 'move-fixture', fixtureId: 'f1', toZoneId: 'c', polygon: squareAt(25, 8) },
    ]);
    expect(f1).toMatchObject({ zoneId: 'c', polygon: squareAt(25, 8), skus: ['A', 'B'] });
    expect(fixtures[0]!.zoneId).toBe('a');
  });

  it('swaps two fixtures’ places, each keeping its goods', () => {
    const out = applyLayoutChanges(fixtures, [{ kind: 'swap-fixtures', fixtureIds: ['f1', 'f2'] }]);
    expect(out.map((f) => [f.id, f.zoneId, f.skus.join()])).toEqual([
      ['f1', 'b', 'A,B'],
      ['f2', 'a', 'C'],
      ['f3', 'c', 'B'],
    ]);
    expect(out[0]!.polygon).toEqual(fixtures[1]!.polygon);
  });

  it('moves a SKU off every fixture, off one, or adds a facing', () => {
    const skus = (changes: Parameters<typeof applyLayoutChanges>[1]) =>
      applyLayoutChanges(fixtures, changes).map((f) => f.skus.join());
    expect(skus([{ kind: 'move-sku', item: 'B', toFixtureId: 'f2' }])).toEqual(['A', 'C,B', '']);
    expect(skus([{ kind: 'move-sku', item: 'B', toFixtureId: 'f2', fromFixtureId: 'f3' }])).toEqual([
      'A,B',
      'C,B',
      '',
    ]);
    expect(skus([{ kind: 'move-sku', item: 'A', toFixtureId: 'f3', keep: true }])).toEqual([
      'A,B',
      'C',
      'B,A',
    ]);
  });

  it('moves categories in the fixtures’ category lists', () => {
    const out = applyLayoutChanges(
      [shelf('f1', 'a', [], { categories: ['Paint'] }), shelf('f2', 'b', [])],
      [{ kind: 'move-category', item: 'Paint', toFixtureId: 'f2' }],
    );
    expect(out.map((f) => f.categories)).toEqual([[], ['Paint']]);
  });

  it('refuses unknown fixtures', () => {
    expect(() =>
      applyLayoutChanges(fixtures, [{ kind: 'move-sku', item: 'A', toFixtureId: 'nope' }]),
    ).toThrow(/unknown fixture "nope"/);
  });
});
