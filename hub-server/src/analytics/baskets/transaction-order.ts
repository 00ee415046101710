// The lexicographic order FP-tree building needs, by radix sort rather than comparisons: each
// transaction's next few ranks become one key of at most 22 bits (mixed radix, 0 meaning "ended", so a
// prefix sorts before its extensions), the keys are sorted by a least-significant-digit radix sort that
// carries the transaction indices along, and runs that tie on those ranks and hold a longer transaction
// are sorted the same way on their next ranks. Small groups use insertion sort. Same order as comparing
// whole transactions; the engine's typed-array sort is several times slower, and so is allocating
// scratch per call, hence a sorter object that keeps its buffers.

/** Flat transactions over ranks: transaction t is items[offsets[t] .. offsets[t + 1]), ascending. */
export interface RankTransactions {
  readonly items: Int32Array;
  readonly offsets: Int32Array;
}

/** Transaction indices 0 .. n − 1 in lexicographic order of their ranks (ranks < nRanks). */
export function transactionOrder(tx: RankTransactions, nRanks: number): Uint32Array {
  return new TransactionSorter().order(tx, nRanks).slice();
}

/** Below this many transactions a group is finished by insertion sort. */
const SMALL = 32;
/** Key bits per round: two radix passes of at most 11 bits. */
const KEY_BITS = 22;

export class TransactionSorter {
  private ids = new Uint32Array(64);
  private keys = new Uint32Array(64);
  private tmpKeys = new Uint32Array(64);
  private tmpIds = new Uint32Array(64);
  private readonly count = new Int32Array((1 << 11) + 2);
  private tx: RankTransactions = { items: new Int32Array(0), offsets: new Int32Array(1) };
  private radix = 1;
  private digits = 1;

  /** The order of `tx`'s transactions; a view of the sorter's buffer, valid until its next call. */
  order(tx: RankTransactions, nRanks: number): Uint32Array {
    const n = tx.offsets.length - 1;
    if (this.ids.length < n) {
      const length = Math.max(n, Math.ceil(this.ids.length * 1.5));
      this.ids = new Uint32Array(length);
      this.keys = new Uint32Array(length);
      this.tmpKeys = new Uint32Array(length);
      this.tmpIds = new Uint32Array(length);
    }
    const ids = this.ids;
    for (let t = 0; t < n; t++) ids[t] = t;
    this.tx = tx;
    this.radix = nRanks + 1;
    this.digits = 1;
    for (let span = this.radix; span * this.radix <= 2 ** KEY_BITS; span *= this.radix) this.digits++;
    this.sortGroup(0, n, 0);
    return ids.subarray(0, n);
  }

  /** Sorts ids[lo .. hi), all of which agree on their first `offset` ranks. */
  private sortGroup(lo: number, hi: number, offset: number): void {
    if (hi - lo < SMALL) {
      this.insertionSort(lo, hi, offset);
      return;
    }
    const { items, offsets } = this.tx;
    const { ids, keys, radix, digits } = this;
    let maxKey = 0;
    for (let i = lo; i < hi; i++) {
      const t = ids[i]!;
      const start = offsets[t]! + offset;
      const len = offsets[t + 1]! - start;
      let key = 0;
      for (let d = 0; d < digits; d++) key = key * radix + (d < len ? items[start + d]! + 1 : 0);
      keys[i] = key;
      if (key > maxKey) maxKey = key;
    }
    this.radixSort(lo, hi, maxKey);
    const next = offset + digits;
    let runStart = lo;
    let runLong = false;
    for (let i = lo; i <= hi; i++) {
      if (i === hi || keys[i] !== keys[runStart]) {
        // Transactions tied on these digits and longer than them need the next digits compared.
        if (runLong && i - runStart > 1) this.sortGroup(runStart, i, next);
        runStart = i;
        runLong = false;
      }
      if (i < hi) {
        const t = ids[i]!;
        if (offsets[t + 1]! - offsets[t]! > next) runLong = true;
      }
    }
  }

  /** Stable LSD radix sort of keys[lo .. hi) (all ≤ maxKey), moving ids[lo .. hi) alike. */
  private radixSort(lo: number, hi: number, maxKey: number): void {
    const n = hi - lo;
    const bits = 32 - Math.clz32(maxKey);
    if (bits === 0) return;
    // Buckets about as many as keys, so a small group does not pay for a large histogram.
    const maxWidth = Math.min(11, Math.max(4, 32 - Math.clz32(n)));
    const passes = Math.ceil(bits / maxWidth);
    const width = Math.ceil(bits / passes);
    const mask = (1 << width) - 1;
    const count = this.count;
    let srcKeys = this.keys;
    let srcIds = this.ids;
    let dstKeys = this.tmpKeys;
    let dstIds = this.tmpIds;
    for (let shift = 0; shift < bits; shift += width) {
      count.fill(0, 0, mask + 2);
      for (let i = lo; i < hi; i++) count[((srcKeys[i]! >>> shift) & mask) + 1]!++;
      if (count[((srcKeys[lo]! >>> shift) & mask) + 1] === n) continue; // one bucket: nothing moves
      count[0] = lo;
      for (let b = 1; b <= mask; b++) count[b]! += count[b - 1]!;
      for (let i = lo; i < hi; i++) {
        const k = srcKeys[i]!;
        const at = count[(k >>> shift) & mask]!++;
        dstKeys[at] = k;
        dstIds[at] = srcIds[i]!;
      }
      const keys = srcKeys;
      srcKeys = dstKeys;
      dstKeys = keys;
      const ids = srcIds;
      srcIds = dstIds;
      dstIds = ids;
    }
    if (srcKeys !== this.keys) {
      for (let i = lo; i < hi; i++) {
        this.keys[i] = srcKeys[i]!;
        this.ids[i] = srcIds[i]!;
      }
    }
  }

  private insertionSort(lo: number, hi: number, offset: number): void {
    const { ids, tx } = this;
    for (let i = lo + 1; i < hi; i++) {
      const t = ids[i]!;
      let at = i;
      while (at > lo && compareFrom(tx, ids[at - 1]!, t, offset) > 0) {
        ids[at] = ids[at - 1]!;
        at--;
      }
      ids[at] = t;
    }
  }
}

export function compareTransactions(tx: RankTransactions, a: number, b: number): number {
  return compareFrom(tx, a, b, 0);
}

/** Compares two transactions from their `offset`-th rank on. */
function compareFrom(tx: RankTransactions, a: number, b: number, offset: number): number {
  const { items, offsets } = tx;
  const aStart = offsets[a]! + offset;
  const bStart = offsets[b]! + offset;
  const aLen = offsets[a + 1]! - aStart;
  const bLen = offsets[b + 1]! - bStart;
  const n = aLen < bLen ? aLen : bLen;
  for (let i = 0; i < n; i++) {
    const d = items[aStart + i]! - items[bStart + i]!;
    if (d !== 0) return d;
  }
  return aLen - bLen;
}
