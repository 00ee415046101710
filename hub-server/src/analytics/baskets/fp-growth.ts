// FP-Growth (Han, Pei & Yin, 2000) over dense item ids. Each FP-tree lives in parallel typed arrays
// (item, count, parent, node-link) plus a header table per item; there are no per-node objects.
// Inside the miner items are ranks (0 = most frequent), so a path from the root has ascending ranks.
import {
  checkMiningOptions,
  compareItemsets,
  type FrequentItemset,
  type MiningOptions,
  minCountFor,
} from './itemset.js';

/** Weighted transactions over ranks, flat: transaction t is items[offsets[t] .. offsets[t + 1]), ascending. */
interface Transactions {
  readonly items: Int32Array;
  readonly offsets: Int32Array;
  readonly weights: Uint32Array;
}

/** Node 0 is the root. `headFirst[r]` starts the linked list (via `nextSameItem`) of rank r's nodes. */
interface FpTree {
  readonly item: Int32Array;
  readonly count: Uint32Array;
  readonly parent: Int32Array;
  readonly nextSameItem: Int32Array;
  readonly headFirst: Int32Array;
  readonly headCount: Uint32Array;
}

interface Miner {
  readonly minCount: number;
  readonly maxLength: number;
  readonly itemOfRank: Uint32Array;
  readonly suffix: Int32Array;
  readonly out: FrequentItemset[];
}

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
  const { itemOfRank, rankOfItem } = rankFrequentItems(baskets, minCount);
  const nRanks = itemOfRank.length;
  const miner: Miner = {
    minCount,
    maxLength,
    itemOfRank,
    suffix: new Int32Array(Math.min(maxLength, nRanks)),
    out: [],
  };
  mineTree(buildTree(encodeBaskets(baskets, rankOfItem), nRanks), nRanks, 0, miner);
  return miner.out.sort((a, b) => compareItemsets(a.items, b.items));
}

/** Frequent single items ranked by count descending, ties by id, so the result does not depend on input order. */
function rankFrequentItems(baskets: readonly Uint32Array[], minCount: number) {
  let maxId = -1;
  for (const basket of baskets) for (const id of basket) if (id > maxId) maxId = id;
  const counts = new Uint32Array(maxId + 1);
  const seenIn = new Int32Array(maxId + 1).fill(-1);
  baskets.forEach((basket, b) => {
    for (const id of basket) {
      if (seenIn[id] !== b) {
        seenIn[id] = b;
        counts[id]!++;
      }
    }
  });
  const frequent: number[] = [];
  counts.forEach((c, id) => {
    if (c >= minCount) frequent.push(id);
  });
  frequent.sort((a, b) => counts[b]! - counts[a]! || a - b);
  const rankOfItem = new Int32Array(maxId + 1).fill(-1);
  frequent.forEach((id, rank) => {
    rankOfItem[id] = rank;
  });
  return { itemOfRank: Uint32Array.from(frequent), rankOfItem };
}

/** Baskets as transactions of distinct frequent ranks; baskets left empty are dropped. */
function encodeBaskets(baskets: readonly Uint32Array[], rankOfItem: Int32Array): Transactions {
  let total = 0;
  for (const basket of baskets) total += basket.length;
  const items = new Int32Array(total);
  const offsets = new Int32Array(baskets.length + 1);
  const seenIn = new Int32Array(rankOfItem.length).fill(-1);
  let end = 0;
  let t = 0;
  baskets.forEach((basket, b) => {
    const start = end;
    for (const id of basket) {
      const rank = rankOfItem[id]!;
      if (rank >= 0 && seenIn[id] !== b) {
        seenIn[id] = b;
        items[end++] = rank;
      }
    }
    if (end > start) {
      items.subarray(start, end).sort();
      offsets[++t] = end;
    }
  });
  return { items, offsets: offsets.subarray(0, t + 1), weights: new Uint32Array(t).fill(1) };
}

/**
 * Builds an FP-tree over ranks 0 .. nRanks - 1. Transactions are inserted in lexicographic order,
 * so a transaction shares a prefix only with the one before it: the shared part of the path is
 * re-counted and the rest appended, with no search among children.
 */
function buildTree(tx: Transactions, nRanks: number): FpTree {
  const { items, offsets, weights } = tx;
  const nTx = offsets.length - 1;
  const order = new Uint32Array(nTx);
  let maxLen = 0;
  for (let t = 0; t < nTx; t++) {
    order[t] = t;
    maxLen = Math.max(maxLen, offsets[t + 1]! - offsets[t]!);
  }
  order.sort((a, b) => compareTransactions(tx, a, b));

  const capacity = items.length + 1;
  const tree: FpTree = {
    item: new Int32Array(capacity),
    count: new Uint32Array(capacity),
    parent: new Int32Array(capacity),
    nextSameItem: new Int32Array(capacity),
    headFirst: new Int32Array(nRanks).fill(-1),
    headCount: new Uint32Array(nRanks),
  };
  tree.item[0] = -1;
  tree.parent[0] = -1;
  const path = new Int32Array(maxLen + 1); // path[d] = node at depth d of the previous transaction
  let size = 1;
  let prevStart = 0;
  let prevEnd = 0;
  for (const t of order) {
    const start = offsets[t]!;
    const len = offsets[t + 1]! - start;
    const w = weights[t]!;
    const limit = Math.min(len, prevEnd - prevStart);
    let shared = 0;
    while (shared < limit && items[start + shared] === items[prevStart + shared]) shared++;
    for (let d = 1; d <= shared; d++) tree.count[path[d]!]! += w;
    for (let d = shared + 1; d <= len; d++) {
      const node = size++;
      const rank = items[start + d - 1]!;
      tree.item[node] = rank;
      tree.count[node] = w;
      tree.parent[node] = path[d - 1]!;
      tree.nextSameItem[node] = tree.headFirst[rank]!;
      tree.headFirst[rank] = node;
      path[d] = node;
    }
    for (let k = start; k < start + len; k++) tree.headCount[items[k]!]! += w;
    prevStart = start;
    prevEnd = start + len;
  }
  return tree;
}

function compareTransactions(tx: Transactions, a: number, b: number): number {
  const { items, offsets } = tx;
  const aStart = offsets[a]!;
  const bStart = offsets[b]!;
  const aLen = offsets[a + 1]! - aStart;
  const bLen = offsets[b + 1]! - bStart;
  const n = Math.min(aLen, bLen);
  for (let i = 0; i < n; i++) {
    const d = items[aStart + i]! - items[bStart + i]!;
    if (d !== 0) return d;
  }
  return aLen - bLen;
}

/** Reports every frequent rank below nRanks with the current suffix, then mines its conditional tree. */
function mineTree(tree: FpTree, nRanks: number, depth: number, miner: Miner): void {
  for (let rank = 0; rank < nRanks; rank++) {
    const count = tree.headCount[rank]!;
    if (count < miner.minCount) continue;
    miner.suffix[depth] = rank;
    const items = Uint32Array.from(miner.suffix.subarray(0, depth + 1), (r) => miner.itemOfRank[r]!);
    miner.out.push({ items: items.sort(), count });
    if (depth + 1 >= miner.maxLength) continue;
    const base = conditionalPatternBase(tree, rank, miner.minCount);
    // Paths above `rank` hold only smaller ranks, so the conditional tree needs `rank` header slots.
    if (base !== undefined) mineTree(buildTree(base, rank), rank, depth + 1, miner);
  }
}

/**
 * The prefix paths of `rank`'s nodes, weighted by those nodes' counts, keeping only the items
 * frequent among them; undefined when none is.
 */
function conditionalPatternBase(tree: FpTree, rank: number, minCount: number): Transactions | undefined {
  const { item, count, parent, nextSameItem } = tree;
  const counts = new Uint32Array(rank);
  let nPaths = 0;
  let total = 0;
  for (let node = tree.headFirst[rank]!; node !== -1; node = nextSameItem[node]!) {
    const w = count[node]!;
    nPaths++;
    for (let p = parent[node]!; p !== 0; p = parent[p]!) {
      counts[item[p]!]! += w;
      total++;
    }
  }
  if (!counts.some((c) => c >= minCount)) return undefined;

  const items = new Int32Array(total);
  const offsets = new Int32Array(nPaths + 1);
  const weights = new Uint32Array(nPaths);
  let end = 0;
  let t = 0;
  for (let node = tree.headFirst[rank]!; node !== -1; node = nextSameItem[node]!) {
    let len = 0;
    for (let p = parent[node]!; p !== 0; p = parent[p]!) if (counts[item[p]!]! >= minCount) len++;
    if (len === 0) continue;
    // Walking up gives descending ranks; fill from the back to store them ascending.
    let k = end + len;
    for (let p = parent[node]!; p !== 0; p = parent[p]!)
      if (counts[item[p]!]! >= minCount) items[--k] = item[p]!;
    end += len;
    weights[t] = count[node]!;
    offsets[++t] = end;
  }
  return { items, offsets: offsets.subarray(0, t + 1), weights: weights.subarray(0, t) };
}
