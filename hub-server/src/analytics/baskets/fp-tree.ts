// The FP-tree of FP-Growth as typed arrays reused from one build to the next. Transactions go in in an
// order that keeps every prefix's transactions together (lexicographic; sorted first unless they already
// are), so a transaction shares a prefix only with the one before it and nodes are made in preorder
// without ever searching among children. A node stores its rank, depth and count, no parent or child
// links: pattern-bases.ts reads every path in one sequential preorder scan.
import { TransactionSorter } from './transaction-order.js';

/** Weighted transactions over ranks: transaction t is items[offsets[t] .. offsets[t + 1]), ascending. */
export class TransactionBuffer {
  items = new Int32Array(64);
  offsets = new Int32Array(64);
  weights = new Int32Array(64);
  /** Number of transactions. */
  length = 0;

  /** Empties the buffer, with room for at least this many items and transactions. */
  reset(items: number, transactions: number): void {
    if (this.items.length < items) this.items = new Int32Array(grown(this.items.length, items));
    if (this.offsets.length < transactions + 1) {
      this.offsets = new Int32Array(grown(this.offsets.length, transactions + 1));
      this.weights = new Int32Array(this.offsets.length);
    }
    this.length = 0;
    this.offsets[0] = 0;
  }
}

export class FpTree {
  /** Number of nodes; the root is implicit and not counted. */
  size = 0;
  /** Length of the longest path, so the tree is a single path exactly when `size === maxDepth`. */
  maxDepth = 0;
  nRanks = 0;
  /** Node n (in preorder) holds rank[n], is depth[n] nodes from the root (1 for a child of the root), and
   * count[n] baskets pass through it. */
  rank = new Int32Array(64);
  depth = new Int32Array(64);
  count = new Int32Array(64);
  /** Baskets holding rank r: the sum of its nodes' counts. */
  headCount = new Int32Array(64);
  /** Nodes of rank r below the first level, and the total length of the paths above them. */
  pathCount = new Int32Array(64);
  pathVolume = new Int32Array(64);
  private readonly sorter = new TransactionSorter();
  /** The nodes along the previous transaction while building. */
  private path = new Int32Array(64);

  build(source: TransactionBuffer, nRanks: number): void {
    this.nRanks = nRanks;
    const n = source.length;
    this.reserve(source.offsets[n]!, nRanks);
    const { items, offsets, weights } = source;
    const order = isTrieOrdered(source)
      ? undefined
      : this.sorter.order({ items, offsets: offsets.subarray(0, n + 1) }, nRanks);
    const { rank, depth, count, pathCount, pathVolume, path } = this;
    pathCount.fill(0, 0, nRanks);
    pathVolume.fill(0, 0, nRanks);
    let size = 0;
    let maxDepth = 0;
    let prevStart = 0;
    let prevLen = 0;
    for (let i = 0; i < n; i++) {
      const t = order === undefined ? i : order[i]!;
      const start = offsets[t]!;
      const len = offsets[t + 1]! - start;
      const w = weights[t]!;
      const limit = len < prevLen ? len : prevLen;
      let shared = 0;
      while (shared < limit && items[start + shared] === items[prevStart + shared]) shared++;
      for (let d = 0; d < shared; d++) count[path[d]!]! += w;
      for (let d = shared; d < len; d++) {
        const node = size++;
        const r = items[start + d]!;
        rank[node] = r;
        depth[node] = d + 1;
        count[node] = w;
        path[d] = node;
        if (d > 0) {
          pathCount[r]!++;
          pathVolume[r]! += d;
        }
      }
      if (len > maxDepth) maxDepth = len;
      prevStart = start;
      prevLen = len;
    }
    this.size = size;
    this.maxDepth = maxDepth;
    const headCount = this.headCount;
    headCount.fill(0, 0, nRanks);
    for (let node = 0; node < size; node++) headCount[rank[node]!]! += count[node]!;
  }

  private reserve(nItems: number, nRanks: number): void {
    if (this.rank.length < nItems) {
      const length = grown(this.rank.length, nItems);
      this.rank = new Int32Array(length);
      this.depth = new Int32Array(length);
      this.count = new Int32Array(length);
    }
    if (this.headCount.length < nRanks + 1) {
      const length = grown(this.headCount.length, nRanks + 1);
      this.headCount = new Int32Array(length);
      this.pathCount = new Int32Array(length);
      this.pathVolume = new Int32Array(length);
      this.path = new Int32Array(length);
    }
  }
}

/**
 * True when the transactions already come in an order the build can take as it is: lexicographic with a
 * prefix either always before its extensions or always after them. Either way every prefix's
 * transactions are consecutive, so the previous transaction is the one sharing the longest prefix. A
 * pattern base read in preorder is in the second order unless its filtering dropped items.
 */
function isTrieOrdered(tx: TransactionBuffer): boolean {
  const { items, offsets } = tx;
  let prefixFirst = true;
  let prefixLast = true;
  for (let t = 1; t < tx.length; t++) {
    const a = offsets[t - 1]!;
    const b = offsets[t]!;
    const aLen = b - a;
    const bLen = offsets[t + 1]! - b;
    const n = aLen < bLen ? aLen : bLen;
    let k = 0;
    while (k < n && items[a + k] === items[b + k]) k++;
    if (k < n) {
      if (items[a + k]! > items[b + k]!) return false;
    } else if (aLen > bLen) {
      prefixFirst = false;
      if (!prefixLast) return false;
    } else if (aLen < bLen) {
      prefixLast = false;
      if (!prefixFirst) return false;
    }
  }
  return true;
}

/** A new length for a buffer of `length` that must hold `atLeast`: no slack at first, then 1.5× steps. */
export function grown(length: number, atLeast: number): number {
  return Math.max(atLeast, Math.ceil(length * 1.5));
}
