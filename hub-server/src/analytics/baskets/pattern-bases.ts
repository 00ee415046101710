// The conditional pattern bases of an FP-tree — for each rank, the path above each of its nodes with
// that node's count — for a run of ranks at once, by one sequential preorder scan of the tree holding
// the current path on a small stack. Walking parent links from each node instead jumps across a tree of
// millions of nodes, a cache miss per step, and was most of the time on large inputs.
import { type FpTree, grown } from './fp-tree.js';

export class PatternBases {
  /** First rank held, and one past the last. */
  lo = 0;
  hi = 0;
  /** Path p is items[ends[p] .. ends[p + 1]) (ascending ranks) with weight weights[p]. */
  items = new Int32Array(64);
  ends = new Int32Array(64);
  weights = new Int32Array(64);
  /** Paths of rank r are firstPath[r − lo] .. firstPath[r − lo + 1), in preorder of their nodes. */
  firstPath = new Int32Array(64);
  private itemCursor = new Int32Array(64);
  private pathCursor = new Int32Array(64);
  private stack = new Int32Array(64);

  /** @param budget most path items held at once (a single rank above it is still taken whole). */
  constructor(private readonly budget = 1 << 23) {}

  /** Collects the bases of ranks lo, lo + 1, … while they fit the budget; returns the end of the run. */
  collect(tree: FpTree, lo: number): number {
    const { pathCount, pathVolume, nRanks } = tree;
    let hi = lo;
    let volume = 0;
    let paths = 0;
    while (hi < nRanks && (hi === lo || volume + pathVolume[hi]! <= this.budget)) {
      volume += pathVolume[hi]!;
      paths += pathCount[hi]!;
      hi++;
    }
    this.lo = lo;
    this.hi = hi;
    this.reserve(volume, paths, hi - lo, tree.maxDepth);
    const { itemCursor, pathCursor, firstPath, ends } = this;
    let item = 0;
    let path = 0;
    for (let r = lo; r < hi; r++) {
      firstPath[r - lo] = path;
      itemCursor[r - lo] = item;
      pathCursor[r - lo] = path;
      item += pathVolume[r]!;
      path += pathCount[r]!;
    }
    firstPath[hi - lo] = path;
    ends[paths] = volume;
    this.scan(tree);
    return hi;
  }

  private scan(tree: FpTree): void {
    const { rank, depth, count, size } = tree;
    const { items, ends, weights, itemCursor, pathCursor, stack, lo, hi } = this;
    for (let node = 0; node < size; node++) {
      const d = depth[node]! - 1; // items above the node
      const r = rank[node]!;
      stack[d] = r;
      if (r < lo || r >= hi || d === 0) continue;
      const p = pathCursor[r - lo]!++;
      const at = itemCursor[r - lo]!;
      ends[p] = at;
      weights[p] = count[node]!;
      for (let k = 0; k < d; k++) items[at + k] = stack[k]!;
      itemCursor[r - lo] = at + d;
    }
  }

  private reserve(volume: number, paths: number, ranks: number, maxDepth: number): void {
    if (this.items.length < volume) this.items = new Int32Array(grown(this.items.length, volume));
    if (this.ends.length < paths + 1) {
      this.ends = new Int32Array(grown(this.ends.length, paths + 1));
      this.weights = new Int32Array(this.ends.length);
    }
    if (this.firstPath.length < ranks + 1) {
      this.firstPath = new Int32Array(grown(this.firstPath.length, ranks + 1));
      this.itemCursor = new Int32Array(this.firstPath.length);
      this.pathCursor = new Int32Array(this.firstPath.length);
    }
    if (this.stack.length < maxDepth) this.stack = new Int32Array(grown(this.stack.length, maxDepth));
  }
}
