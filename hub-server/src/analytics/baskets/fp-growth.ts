// FP-Growth (Han, Pei & Yin, 2000) over dense item ids. Each FP-tree lives in one typed array of
// fixed-size node records (parent, rank, count, depth, node-link) plus a header table per item; there
// are no per-node objects.
// Inside the miner items are ranks (0 = most frequent), so a path from the root has ascending ranks.
import {
  checkMiningOptions,
  compareItemsets,
  type FrequentItemset,
  type MiningOptions,
  minCountFor,
} from './itemset.js';
import { transactionOrder } from './transaction-order.js';

/** Weighted transactions over ranks, flat: transaction t is items[offsets[t] .. offsets[t + 1]), ascending. */
interface Transactions {
  readonly items: Int32Array;
  readonly offsets: Int32Array;
  readonly weights: Uint32Array;
}

/**
 * Node n is the record nodes[n * NODE .. n * NODE + NODE): its fields side by side, so the walk up a
 * prefix path (the miner's hot loop, jumping across a tree of millions of nodes) touches one cache
 * line per node instead of one per field. Node 0 is the root. `headFirst[r]` starts the list (via
 * NEXT) of rank r's nodes. Counts are int32: at most the number of baskets.
 */
interface FpTree {
  readonly nodes: Int32Array;
  readonly headFirst: Int32Array;
  readonly headCount: Uint32Array;
}

const NODE = 5;
const PARENT = 0;
const RANK = 1;
const COUNT = 2;
/** Nodes from the root (root 0), so a node's prefix path holds depth − 1 items. */
const DEPTH = 3;
const NEXT = 4;

interface Miner {
  readonly minCount: number;
  readonly maxLength: number;
  readonly itemOfRank: Uint32Array;
  readonly suffix: Int32Array;
  readonly out: FrequentItemset[];
  /** Reused buffers for conditional pattern bases: each base is dead once its tree is built. */
  readonly scratch: Scratch;
  /** Node buffers by recursion depth: the tree mined at depth d is dead once the loop at d moves on. */
  readonly nodePool: Int32Array[];
}

interface Scratch {
  raw: Int32Array;
  items: Int32Array;
  offsets: Int32Array;
  weights: Uint32Array;
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
    scratch: {
      raw: new Int32Array(0),
      items: new Int32Array(0),
      offsets: new Int32Array(0),
      weights: new Uint32Array(0),
    },
    nodePool: [],
  };
  mineTree(buildTree(encodeBaskets(baskets, rankOfItem), nRanks, miner.nodePool, 0), nRanks, 0, miner);
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
function buildTree(tx: Transactions, nRanks: number, pool: Int32Array[], depth: number): FpTree {
  const { items, offsets, weights } = tx;
  const nTx = offsets.length - 1;
  let maxLen = 0;
  for (let t = 0; t < nTx; t++) maxLen = Math.max(maxLen, offsets[t + 1]! - offsets[t]!);
  const order = transactionOrder(tx, nRanks);

  // offsets[nTx], not items.length: a conditional base's buffers are reused and may be longer.
  // Every field of every node is written when the node is made, so a pooled buffer needs no clearing.
  const capacity = offsets[nTx]! + 1;
  if ((pool[depth]?.length ?? -1) < NODE * capacity) pool[depth] = new Int32Array(NODE * capacity);
  const nodes = pool[depth]!;
  const tree: FpTree = {
    nodes,
    headFirst: new Int32Array(nRanks).fill(-1),
    headCount: new Uint32Array(nRanks),
  };
  const { headFirst, headCount } = tree;
  nodes[PARENT] = -1;
  nodes[RANK] = -1;
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
    for (let d = 1; d <= shared; d++) nodes[path[d]! * NODE + COUNT]! += w;
    for (let d = shared + 1; d <= len; d++) {
      const node = size++;
      const at = node * NODE;
      const rank = items[start + d - 1]!;
      nodes[at + PARENT] = path[d - 1]!;
      nodes[at + RANK] = rank;
      nodes[at + COUNT] = w;
      nodes[at + DEPTH] = d;
      nodes[at + NEXT] = headFirst[rank]!;
      headFirst[rank] = node;
      path[d] = node;
    }
    for (let k = start; k < start + len; k++) headCount[items[k]!]! += w;
    prevStart = start;
    prevEnd = start + len;
  }
  return tree;
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
    const base = conditionalPatternBase(tree, rank, miner.minCount, miner.scratch);
    // Paths above `rank` hold only smaller ranks, so the conditional tree needs `rank` header slots.
    if (base !== undefined)
      mineTree(buildTree(base, rank, miner.nodePool, depth + 1), rank, depth + 1, miner);
  }
}

/**
 * The prefix paths of `rank`'s nodes, weighted by those nodes' counts, keeping only the items
 * frequent among them; undefined when none is. One walk up the tree copies every path into `raw`
 * (counting items as it goes); the filtering then reads `raw` sequentially instead of walking again.
 * The result lives in the reused scratch buffers, valid until the next call.
 */
function conditionalPatternBase(
  tree: FpTree,
  rank: number,
  minCount: number,
  scratch: Scratch,
): Transactions | undefined {
  const { nodes } = tree;
  let total = 0;
  let nPaths = 0;
  for (let node = tree.headFirst[rank]!; node !== -1; node = nodes[node * NODE + NEXT]!) {
    total += nodes[node * NODE + DEPTH]! - 1;
    nPaths++;
  }
  if (total === 0) return undefined;
  if (scratch.raw.length < total) {
    scratch.raw = new Int32Array(grown(total));
    scratch.items = new Int32Array(scratch.raw.length);
  }
  if (scratch.offsets.length < nPaths + 1) {
    scratch.offsets = new Int32Array(grown(nPaths + 1));
    scratch.weights = new Uint32Array(scratch.offsets.length);
  }
  const { raw, items, offsets, weights } = scratch;
  const counts = new Uint32Array(rank);
  let end = 0;
  for (let node = tree.headFirst[rank]!; node !== -1; node = nodes[node * NODE + NEXT]!) {
    const w = nodes[node * NODE + COUNT]!;
    for (let p = nodes[node * NODE + PARENT]!; p !== 0; p = nodes[p * NODE + PARENT]!) {
      const r = nodes[p * NODE + RANK]!;
      raw[end++] = r;
      counts[r]! += w;
    }
  }
  if (!counts.some((c) => c >= minCount)) return undefined;

  // raw holds each path leaf-to-root (descending ranks); keep the frequent ones, ascending.
  let from = 0;
  let out = 0;
  let t = 0;
  offsets[0] = 0;
  for (let node = tree.headFirst[rank]!; node !== -1; node = nodes[node * NODE + NEXT]!) {
    const to = from + nodes[node * NODE + DEPTH]! - 1;
    const start = out;
    for (let k = to - 1; k >= from; k--) {
      const r = raw[k]!;
      if (counts[r]! >= minCount) items[out++] = r;
    }
    from = to;
    if (out === start) continue;
    weights[t] = nodes[node * NODE + COUNT]!;
    offsets[++t] = out;
  }
  return { items, offsets: offsets.subarray(0, t + 1), weights: weights.subarray(0, t) };
}

function grown(atLeast: number): number {
  return Math.max(atLeast, 1024, Math.ceil(atLeast * 1.5));
}
