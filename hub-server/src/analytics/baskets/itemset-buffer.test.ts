import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareItemsets } from './itemset.js';
import { ItemsetBuffer } from './itemset-buffer.js';

describe('ItemsetBuffer', () => {
  it('property: gives back every itemset added, ids ascending, shortest first then lexicographic', () => {
    const itemsets = fc.array(
      fc.record({
        ids: fc.uniqueArray(fc.integer({ min: 0, max: 5000 }), { minLength: 1, maxLength: 9 }),
        count: fc.integer({ min: 1, max: 1_000_000 }),
      }),
      { maxLength: 300 },
    );
    fc.assert(
      fc.property(itemsets, (list) => {
        const buffer = new ItemsetBuffer();
        const scratch = new Int32Array(16).fill(-1);
        for (const { ids, count } of list) {
          scratch.set(ids);
          buffer.add(scratch, ids.length, count);
        }
        const got = buffer.toSorted();
        const want = list
          .map(({ ids, count }) => ({ items: Uint32Array.from(ids).sort(), count }))
          .sort((a, b) => compareItemsets(a.items, b.items) || a.count - b.count);
        expect(got.map((s) => [[...s.items], s.count])).toEqual(want.map((s) => [[...s.items], s.count]));
        for (const s of got) expect(s.items).toBeInstanceOf(Uint32Array);
      }),
      { numRuns: 200 },
    );
  });

  it('returns nothing when nothing was added', () => {
    expect(new ItemsetBuffer().toSorted()).toEqual([]);
  });
});
