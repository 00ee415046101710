// The lexicographic order FP-tree building needs, without a JavaScript comparator per comparison:
// each transaction's first few ranks become one number (mixed radix, 0 meaning "ended", so a prefix
// sorts before its extensions), packed with the transaction's index into a float64 below 2^53, and
// the typed array is sorted natively. Runs that tie on those ranks and hold a longer transaction are
// sorted the same way on their next ranks; small groups use the comparator. Same order as comparing
// whole transactions.

/** Flat transactions over ranks: transaction t is items[offsets[t] .. offsets[t + 1]), ascending. */
export interface RankTransactions {
  readonly items: Int32Array;
  readonly offsets: Int32Array;
}

/** Transaction indices 0 .. n − 1 in lexicographic order of their ranks (ranks < nRanks). */
export function transactionOrder(tx: RankTransactions, nRanks: number): Uint32Array {
  const n = tx.offsets.length - 1;
  const order = new Uint32Array(n);
  for (let t = 0; t < n; t++) order[t] = t;
  sortGroup(tx, order, 0, nRanks + 1);
  return order;
}

/** Below this many transactions a group is finished with the comparator. */
const SMALL = 32;

/**
 * Sorts `ids` in place, all of which agree on their first `offset` ranks: packs the next few ranks of
 * each (with its position in `ids`), sorts natively, and recurses into runs that still tie.
 */
function sortGroup(tx: RankTransactions, ids: Uint32Array, offset: number, radix: number): void {
  const n = ids.length;
  const indexBits = Math.max(1, Math.ceil(Math.log2(n + 1)));
  const digits = Math.floor((51 - indexBits) / Math.log2(radix)); // 51: slack for log2 rounding
  if (n < SMALL || digits < 1) {
    ids.sort((a, b) => compareTransactions(tx, a, b));
    return;
  }
  const { items, offsets } = tx;
  const scale = 2 ** indexBits;
  const packed = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const t = ids[i]!;
    const start = offsets[t]! + offset;
    const len = offsets[t + 1]! - start;
    let key = 0;
    for (let d = 0; d < digits; d++) key = key * radix + (d < len ? items[start + d]! + 1 : 0);
    packed[i] = key * scale + i;
  }
  packed.sort();
  const sorted = new Uint32Array(n);
  let runStart = 0;
  let runKey = -1;
  let runLong = false;
  for (let i = 0; i <= n; i++) {
    const key = i < n ? Math.floor(packed[i]! / scale) : -2;
    if (key !== runKey) {
      // Transactions tied on these digits and longer than them need the next digits compared.
      if (runLong && i - runStart > 1) sortGroup(tx, sorted.subarray(runStart, i), offset + digits, radix);
      runStart = i;
      runKey = key;
      runLong = false;
    }
    if (i === n) break;
    const t = ids[packed[i]! - key * scale]!;
    sorted[i] = t;
    if (offsets[t + 1]! - offsets[t]! > offset + digits) runLong = true;
  }
  ids.set(sorted);
}

export function compareTransactions(tx: RankTransactions, a: number, b: number): number {
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
