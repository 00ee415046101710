import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FpTree, TransactionBuffer } from './fp-tree.js';
import { PatternBases } from './pattern-bases.js';

/** Weighted transactions (ascending distinct ranks) in a buffer, in the order given. */
function transactions(list: readonly { items: readonly number[]; weight: number }[]): TransactionBuffer {
  const tx = new TransactionBuffer();
  tx.reset(
    list.reduce((s, t) => s + t.items.length, 0),
    list.length,
  );
  let end = 0;
  for (const { items, weight } of list) {
    for (const r of items) tx.items[end++] = r;
    tx.weights[tx.length] = weight;
    tx.offsets[++tx.length] = end;
  }
  return tx;
}

const weightedTransactionsArb = (nRanks: number) =>
  fc.array(
    fc.record({
      items: fc
        .uniqueArray(fc.integer({ min: 0, max: nRanks - 1 }), { maxLength: nRanks })
        .map((l) => l.sort((a, b) => a - b)),
      weight: fc.integer({ min: 1, max: 5 }),
    }),
    { maxLength: 120 },
  );

/** Each node's path from the root, read off the preorder arrays with a stack. */
function nodePaths(tree: FpTree): string[] {
  const stack: number[] = [];
  const paths: string[] = [];
  for (let n = 0; n < tree.size; n++) {
    stack.length = tree.depth[n]! - 1;
    stack.push(tree.rank[n]!);
    paths.push(stack.join(','));
  }
  return paths;
}

describe('FpTree', () => {
  it('property: one node per distinct prefix, in preorder, counted by the transactions through it', () => {
    const nRanks = 6;
    // Sorted either way round the build takes as it is; shuffled it sorts first.
    const order = fc.constantFrom('shuffled', 'prefix first', 'prefix last');
    fc.assert(
      fc.property(weightedTransactionsArb(nRanks), order, (input, how) => {
        const list =
          how === 'shuffled'
            ? input
            : [...input].sort((a, b) => compareLists(a.items, b.items, how === 'prefix first'));
        const tree = new FpTree();
        tree.build(transactions(list), nRanks);
        const want = new Map<string, number>();
        for (const { items, weight } of list) {
          for (let d = 1; d <= items.length; d++) {
            const key = items.slice(0, d).join(',');
            want.set(key, (want.get(key) ?? 0) + weight);
          }
        }
        const paths = nodePaths(tree);
        const got = new Map(paths.map((p, n) => [p, tree.count[n]!]));
        expect(got).toEqual(want);
        expect(paths).toHaveLength(want.size); // no prefix twice
        // Preorder: a node's parent is the nearest earlier node one level up, so depth grows by one at most.
        for (let n = 1; n < tree.size; n++)
          expect(tree.depth[n]!).toBeLessThanOrEqual(tree.depth[n - 1]! + 1);
        for (let r = 0; r < nRanks; r++) {
          const holding = list.filter((t) => t.items.includes(r));
          expect(tree.headCount[r]).toBe(holding.reduce((s, t) => s + t.weight, 0));
        }
        const longest = Math.max(0, ...list.map((t) => t.items.length));
        expect(tree.maxDepth).toBe(longest);
        // A single path: every prefix is a prefix of the longest transaction.
        expect(tree.size === tree.maxDepth).toBe(want.size === longest);
      }),
      { numRuns: 300 },
    );
  });

  it('gives the same tree when its buffers are reused for a different input', () => {
    fc.assert(
      fc.property(weightedTransactionsArb(9), weightedTransactionsArb(9), (first, second) => {
        const reused = new FpTree();
        reused.build(transactions(first), 9);
        reused.build(transactions(second), 9);
        const fresh = new FpTree();
        fresh.build(transactions(second), 9);
        expect(nodePaths(reused)).toEqual(nodePaths(fresh));
        expect(reused.count.subarray(0, reused.size)).toEqual(fresh.count.subarray(0, fresh.size));
        expect(reused.headCount.subarray(0, 9)).toEqual(fresh.headCount.subarray(0, 9));
      }),
      { numRuns: 100 },
    );
  });
});

describe('PatternBases', () => {
  it('property: the bases of a rank are the prefixes before it, by weight, in preorder, any budget', () => {
    const nRanks = 7;
    fc.assert(
      fc.property(weightedTransactionsArb(nRanks), fc.integer({ min: 1, max: 40 }), (list, budget) => {
        const tree = new FpTree();
        tree.build(transactions(list), nRanks);
        const bases = new PatternBases(budget);
        let collected = 0;
        for (let r = 0; r < nRanks; r++) {
          if (r >= collected) {
            collected = bases.collect(tree, r);
            expect(bases.lo).toBe(r);
            expect(collected).toBeGreaterThan(r);
          }
          const want = new Map<string, number>();
          for (const { items, weight } of list) {
            const at = items.indexOf(r);
            if (at <= 0) continue; // not there, or nothing above it
            const key = items.slice(0, at).join(',');
            want.set(key, (want.get(key) ?? 0) + weight);
          }
          const got: [string, number][] = [];
          for (let p = bases.firstPath[r - bases.lo]!; p < bases.firstPath[r - bases.lo + 1]!; p++) {
            got.push([
              Array.from(bases.items.subarray(bases.ends[p]!, bases.ends[p + 1]!)).join(','),
              bases.weights[p]!,
            ]);
          }
          expect(new Map(got)).toEqual(want);
          // One path per node, nodes in preorder: a path above a node comes after the longer paths above
          // the same rank's nodes deeper in its subtree (lexicographic, a prefix after its extensions).
          const byPath = (a: [string, number], b: [string, number]) =>
            compareLists(a[0].split(',').map(Number), b[0].split(',').map(Number), false);
          expect(got).toEqual([...got].sort(byPath));
          expect(new Set(got.map(([k]) => k)).size).toBe(got.length);
        }
      }),
      { numRuns: 300 },
    );
  });
});

/** Lexicographic, a list before or after its extensions. */
function compareLists(x: readonly number[], y: readonly number[], prefixFirst: boolean): number {
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return prefixFirst ? x.length - y.length : y.length - x.length;
}
