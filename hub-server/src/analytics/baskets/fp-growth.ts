// FP-Growth (Han, Pei & Yin, 2000) over dense item ids, on typed arrays reused across the recursion:
// basket-encoding.ts ranks the items, fp-tree.ts builds each tree from weighted transactions,
// pattern-bases.ts reads a tree's conditional pattern bases in one preorder scan, and itemset-buffer.ts
// packs the results and orders them once at the end. A tree that is a single path is not mined further:
// every combination of its nodes is emitted directly. Inside the miner items are ranks: at the top 0 is
// the most frequent item; in a conditional tree the ranks are those frequent in its pattern base,
// renumbered 0, 1, … in the same order, so every path stays ascending and the header and sort radix small.
import { encodeBaskets } from './basket-encoding.js';
import { FpTree, TransactionBuffer } from './fp-tree.js';
import { checkMiningOptions, type FrequentItemset, type MiningOptions, minCountFor } from './itemset.js';
import { ItemsetBuffer } from './itemset-buffer.js';
import { PatternBases } from './pattern-bases.js';

/**
 * All itemsets contained in at least `minCountFor(minSupport, baskets.length)` baskets, up to
 * `maxLength` items, each sorted by id, listed shortest first then lexicographically.
 * Baskets may hold repeats and be unsorted; ids should be dense (memory grows with the largest id).
 */
export function mineFrequentItemsets(
  baskets: readonly Uint32Array[],
  options: MiningOptions,
): FrequentItemset[] {
  const maxLength = checkMiningOptions(options);
  if (baskets.length === 0) return [];
  const minCount = minCountFor(options.minSupport, baskets.length);
  const top = newLevel();
  top.itemIds = encodeBaskets(baskets, minCount, top.base);
  const nRanks = top.itemIds.length;
  const miner = new Miner(minCount, maxLength, nRanks);
  miner.mine(top, nRanks);
  return miner.out.toSorted();
}

/** One level of the recursion: a pattern base, its tree, the tree's bases, and the item id of each rank. */
interface Level {
  readonly base: TransactionBuffer;
  readonly tree: FpTree;
  readonly bases: PatternBases;
  itemIds: Int32Array;
  /** Per rank of the tree, all zero between uses: item counts in a pattern base, then new ranks + 1. */
  scratch: Int32Array;
}

function newLevel(): Level {
  return {
    base: new TransactionBuffer(),
    tree: new FpTree(),
    bases: new PatternBases(),
    itemIds: new Int32Array(64),
    scratch: new Int32Array(64),
  };
}

class Miner {
  readonly out = new ItemsetBuffer();
  /** Levels below the top, by depth: each is reused for every conditional tree at its depth. */
  private readonly levels: Level[] = [];
  /** Item ids of the itemset being extended; no itemset is longer than the number of frequent items. */
  private readonly suffix: Int32Array;

  constructor(
    private readonly minCount: number,
    private readonly maxLength: number,
    nRanks: number,
  ) {
    this.suffix = new Int32Array(nRanks + 1);
  }

  /** Builds the tree of `level`'s base and reports every itemset ending in the current suffix. */
  mine(level: Level, nRanks: number, depth = 0): void {
    const { tree, bases } = level;
    tree.build(level.base, nRanks);
    if (tree.size === 0) return;
    if (tree.size === tree.maxDepth) {
      this.emitSinglePath(level, depth);
      return;
    }
    if (level.scratch.length < nRanks) level.scratch = new Int32Array(nRanks);
    const { headCount } = tree;
    const extend = depth + 1 < this.maxLength;
    let collected = 0; // bases are held for ranks bases.lo .. collected − 1
    for (let rank = 0; rank < nRanks; rank++) {
      const count = headCount[rank]!;
      if (count < this.minCount) continue;
      this.suffix[depth] = level.itemIds[rank]!;
      this.out.add(this.suffix, depth + 1, count);
      if (!extend || tree.pathCount[rank] === 0) continue;
      if (rank >= collected) collected = bases.collect(tree, rank);
      this.levels[depth + 1] ??= newLevel();
      const next = this.levels[depth + 1]!;
      const nextRanks = this.project(level, rank, next);
      if (nextRanks > 0) this.mine(next, nextRanks, depth + 1);
    }
  }

  /**
   * Writes the conditional pattern base of `rank` (the paths above its nodes, weighted by their counts,
   * keeping only items frequent among them, renumbered) into `next`; returns its number of ranks.
   */
  private project(level: Level, rank: number, next: Level): number {
    const { bases, scratch, itemIds } = level;
    const { items, ends, weights } = bases;
    const first = bases.firstPath[rank - bases.lo]!;
    const last = bases.firstPath[rank - bases.lo + 1]!;
    for (let p = first; p < last; p++) {
      const w = weights[p]!;
      const end = ends[p + 1]!;
      for (let k = ends[p]!; k < end; k++) scratch[items[k]!]! += w;
    }
    if (next.itemIds.length < rank) next.itemIds = new Int32Array(rank);
    const nextIds = next.itemIds;
    let nRanks = 0;
    for (let r = 0; r < rank; r++) {
      if (scratch[r]! >= this.minCount) {
        nextIds[nRanks] = itemIds[r]!;
        scratch[r] = ++nRanks;
      } else scratch[r] = 0;
    }
    if (nRanks === 0) return 0;
    next.base.reset(ends[last]! - ends[first]!, last - first);
    const { items: out, offsets, weights: outWeights } = next.base;
    let end = 0;
    let t = 0;
    for (let p = first; p < last; p++) {
      const start = end;
      const to = ends[p + 1]!;
      for (let k = ends[p]!; k < to; k++) {
        const renumbered = scratch[items[k]!]!;
        if (renumbered !== 0) out[end++] = renumbered - 1;
      }
      if (end === start) continue;
      outWeights[t] = weights[p]!;
      offsets[++t] = end;
    }
    next.base.length = t;
    scratch.fill(0, 0, rank);
    return nRanks;
  }

  /** A tree that is one path: every combination of its nodes, counted at its deepest node, is frequent. */
  private emitSinglePath(level: Level, depth: number): void {
    const { tree, itemIds } = level;
    // Nodes of a single path are made root first, so node i is at depth i + 1.
    const ids = new Int32Array(tree.size);
    const counts = new Int32Array(tree.size);
    for (let node = 0; node < tree.size; node++) {
      ids[node] = itemIds[tree.rank[node]!]!;
      counts[node] = tree.count[node]!;
    }
    this.emitCombinations(ids, counts, 0, depth);
  }

  private emitCombinations(ids: Int32Array, counts: Int32Array, first: number, length: number): void {
    for (let i = first; i < ids.length; i++) {
      if (counts[i]! < this.minCount) return; // counts only fall along a path
      this.suffix[length] = ids[i]!;
      this.out.add(this.suffix, length + 1, counts[i]!);
      if (length + 1 < this.maxLength) this.emitCombinations(ids, counts, i + 1, length + 1);
    }
  }
}
