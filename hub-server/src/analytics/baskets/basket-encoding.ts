// The top of FP-Growth: baskets of item ids (unsorted, possibly with repeats) to transactions of ranks,
// 0 being the most frequent item, with the infrequent items dropped.
import type { TransactionBuffer } from './fp-tree.js';

/**
 * Ranks the items found in at least `minCount` baskets (count descending, ties by id, so the result
 * does not depend on input order) and writes the baskets into `base` as weight-1 transactions of their
 * distinct frequent ranks, ascending; baskets left empty are dropped. Returns the item id of each rank.
 */
export function encodeBaskets(
  baskets: readonly Uint32Array[],
  minCount: number,
  base: TransactionBuffer,
): Int32Array {
  // One pass counts each item once per basket, the arrays growing with the largest id seen.
  let counts: Int32Array = new Int32Array(256);
  let seenIn: Int32Array = new Int32Array(256).fill(-1);
  for (let b = 0; b < baskets.length; b++) {
    const basket = baskets[b]!;
    for (let k = 0; k < basket.length; k++) {
      const id = basket[k]!;
      if (id >= counts.length) [counts, seenIn] = grownCounts(counts, seenIn, id);
      if (seenIn[id] !== b) {
        seenIn[id] = b;
        counts[id]!++;
      }
    }
  }
  const maxId = counts.length - 1;
  const frequent: number[] = [];
  let total = 0; // frequent items over all baskets, repeats not counted: exactly what is written below
  for (let id = 0; id <= maxId; id++) {
    if (counts[id]! >= minCount) {
      frequent.push(id);
      total += counts[id]!;
    }
  }
  frequent.sort((a, b) => counts[b]! - counts[a]! || a - b);
  const rankOfItem = counts; // reused: rank + 1, or 0 for an infrequent item
  rankOfItem.fill(0);
  frequent.forEach((id, rank) => {
    rankOfItem[id] = rank + 1;
  });

  base.reset(total, Math.min(total, baskets.length));
  const { items, offsets, weights } = base;
  seenIn.fill(-1);
  let end = 0;
  let t = 0;
  for (let b = 0; b < baskets.length; b++) {
    const basket = baskets[b]!;
    const start = end;
    for (let k = 0; k < basket.length; k++) {
      const id = basket[k]!;
      const rank = rankOfItem[id]! - 1;
      if (rank < 0 || seenIn[id] === b) continue;
      seenIn[id] = b;
      items[end++] = rank;
    }
    sortRun(items, start, end);
    if (end > start) {
      weights[t] = 1;
      offsets[++t] = end;
    }
  }
  base.length = t;
  return Int32Array.from(frequent);
}

/** Sorts a[start .. end) ascending: insertion sort for a short basket, the native sort for a long one. */
function sortRun(a: Int32Array, start: number, end: number): void {
  if (end - start > 16) {
    a.subarray(start, end).sort();
    return;
  }
  for (let i = start + 1; i < end; i++) {
    const x = a[i]!;
    let at = i;
    while (at > start && a[at - 1]! > x) {
      a[at] = a[at - 1]!;
      at--;
    }
    a[at] = x;
  }
}

/** Counts and last-seen arrays long enough for `id`. */
function grownCounts(counts: Int32Array, seenIn: Int32Array, id: number): [Int32Array, Int32Array] {
  const length = Math.max(id + 1, counts.length * 2);
  const moreCounts = new Int32Array(length);
  moreCounts.set(counts);
  const moreSeen = new Int32Array(length).fill(-1);
  moreSeen.set(seenIn);
  return [moreCounts, moreSeen];
}
