// Frequent itemsets as the miner finds them, packed into one growing buffer (no object per itemset
// while mining), then put in canonical order and made into FrequentItemset values once, at the end.
import type { FrequentItemset } from './itemset.js';
import { transactionOrder } from './transaction-order.js';

export class ItemsetBuffer {
  /** Itemset i is items[offsets[i]] = its length n, then its n ids ascending. */
  private items = new Int32Array(1024);
  private offsets = new Int32Array(256);
  private counts = new Int32Array(256);
  private length = 0;
  /** Above every value stored (ids and lengths), the radix of the final sort. */
  private bound = 1;

  /** Adds the itemset ids[0 .. n) (distinct ids < 2^31, any order) found in `count` baskets. */
  add(ids: Int32Array, n: number, count: number): void {
    const start = this.offsets[this.length]!;
    const end = start + n + 1;
    if (end > this.items.length) this.items = grownCopy(this.items, end);
    if (this.length + 2 > this.offsets.length) {
      this.offsets = grownCopy(this.offsets, this.length + 2);
      this.counts = grownCopy(this.counts, this.length + 2);
    }
    const items = this.items;
    items[start] = n;
    let bound = Math.max(this.bound, n + 1);
    // Insertion sort into place: itemsets are short.
    for (let i = 0; i < n; i++) {
      const id = ids[i]!;
      if (id >= bound) bound = id + 1;
      let k = start + 1 + i;
      while (k > start + 1 && items[k - 1]! > id) {
        items[k] = items[k - 1]!;
        k--;
      }
      items[k] = id;
    }
    this.bound = bound;
    this.counts[this.length] = count;
    this.offsets[++this.length] = end;
  }

  /** The itemsets shortest first, then lexicographically by id; their `items` are views of one buffer. */
  toSorted(): FrequentItemset[] {
    const { items, counts, length } = this;
    const offsets = this.offsets.subarray(0, length + 1);
    // Each itemset starts with its length, so lexicographic order is the canonical order.
    const order = transactionOrder({ items, offsets }, this.bound);
    const flat = new Uint32Array(offsets[length]! - length);
    const out = new Array<FrequentItemset>(length);
    let p = 0;
    for (let i = 0; i < length; i++) {
      const t = order[i]!;
      const start = offsets[t]! + 1;
      const end = offsets[t + 1]!;
      const from = p;
      for (let k = start; k < end; k++) flat[p++] = items[k]!;
      out[i] = { items: flat.subarray(from, p), count: counts[t]! };
    }
    return out;
  }
}

function grownCopy(a: Int32Array, atLeast: number): Int32Array<ArrayBuffer> {
  const next = new Int32Array(Math.max(atLeast, Math.ceil(a.length * 1.5)));
  next.set(a);
  return next;
}
