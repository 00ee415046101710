import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeBaskets } from './basket-encoding.js';
import { TransactionBuffer } from './fp-tree.js';

function decoded(base: TransactionBuffer, itemIds: Int32Array): number[][] {
  const out: number[][] = [];
  for (let t = 0; t < base.length; t++) {
    expect(base.weights[t]).toBe(1);
    const ranks = Array.from(base.items.subarray(base.offsets[t]!, base.offsets[t + 1]!));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b)); // ascending ranks
    out.push(ranks.map((r) => itemIds[r]!));
  }
  return out;
}

describe('encodeBaskets', () => {
  it('ranks items by basket count (ties by id), drops infrequent items, repeats and emptied baskets', () => {
    const baskets = [[7, 3, 7], [3], [9, 1000], [1000, 3, 1000], [9]].map((b) => Uint32Array.from(b));
    const base = new TransactionBuffer();
    const itemIds = encodeBaskets(baskets, 2, base);
    expect([...itemIds]).toEqual([3, 9, 1000]); // 3 in three baskets; 9 and 1000 in two each; 7 in one
    expect(decoded(base, itemIds)).toEqual([[3], [3], [9, 1000], [3, 1000], [9]]);
  });

  it('property: each basket becomes its distinct frequent items, most frequent first', () => {
    const basketsArb = fc.array(fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 30 }), {
      maxLength: 80,
    });
    fc.assert(
      fc.property(basketsArb, fc.integer({ min: 1, max: 6 }), (lists, minCount) => {
        const counts = new Map<number, number>();
        for (const l of lists) for (const id of new Set(l)) counts.set(id, (counts.get(id) ?? 0) + 1);
        const ranked = [...counts]
          .filter(([, c]) => c >= minCount)
          .sort((a, b) => b[1] - a[1] || a[0] - b[0])
          .map(([id]) => id);
        const base = new TransactionBuffer();
        const itemIds = encodeBaskets(
          lists.map((l) => Uint32Array.from(l)),
          minCount,
          base,
        );
        expect([...itemIds]).toEqual(ranked);
        const rank = new Map(ranked.map((id, r) => [id, r]));
        const want = lists
          .map((l) =>
            [...new Set(l)].filter((id) => rank.has(id)).sort((a, b) => rank.get(a)! - rank.get(b)!),
          )
          .filter((l) => l.length > 0);
        expect(decoded(base, itemIds)).toEqual(want);
      }),
      { numRuns: 200 },
    );
  });
});
