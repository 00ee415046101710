// The in-memory index of waiting messages: by sequence number, in order overall and per kind, with a
// running byte total, so the bound, the drop policy and the publisher never scan the whole queue.

export interface IndexEntry {
  readonly seq: number;
  readonly kind: string;
  readonly bytes: number;
}

/**
 * Sorted sequence numbers with lazy deletion: removing marks nothing, `isLive` decides, and dead
 * numbers are skipped at the ends and swept out once they outnumber the live ones.
 */
class SortedSeqs {
  #a: number[] = [];
  #head = 0;
  #dead = 0;

  constructor(private readonly isLive: (seq: number) => boolean) {}

  add(seq: number): void {
    const a = this.#a;
    if (a.length === this.#head || seq > a[a.length - 1]!) {
      a.push(seq);
      return;
    }
    const i = this.#lowerBound(seq);
    if (a[i] === seq)
      this.#dead--; // a dead copy comes back to life
    else a.splice(i, 0, seq);
  }

  removed(liveCount: number): void {
    this.#dead++;
    if (this.#dead > 1024 && this.#dead > liveCount) {
      this.#a = this.#a.slice(this.#head).filter(this.isLive);
      this.#head = 0;
      this.#dead = 0;
    }
  }

  first(): number | undefined {
    const a = this.#a;
    while (this.#head < a.length && !this.isLive(a[this.#head]!)) {
      this.#head++;
      this.#dead--;
    }
    if (this.#head > 4096 && this.#head * 2 > a.length) {
      this.#a = a.slice(this.#head);
      this.#head = 0;
    }
    return this.#a[this.#head];
  }

  last(): number | undefined {
    const a = this.#a;
    while (a.length > this.#head && !this.isLive(a[a.length - 1]!)) {
      a.pop();
      this.#dead--;
    }
    return a.length > this.#head ? a[a.length - 1] : undefined;
  }

  /** The smallest live number above `seq`. */
  after(seq: number): number | undefined {
    const a = this.#a;
    for (let i = this.#upperBound(seq); i < a.length; i++) if (this.isLive(a[i]!)) return a[i];
    return undefined;
  }

  #lowerBound(seq: number): number {
    let lo = this.#head;
    let hi = this.#a.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.#a[mid]! < seq) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  #upperBound(seq: number): number {
    let lo = this.#head;
    let hi = this.#a.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.#a[mid]! <= seq) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

export class PendingIndex<E extends IndexEntry> {
  readonly #bySeq = new Map<number, E>();
  readonly #all = new SortedSeqs((seq) => this.#bySeq.has(seq));
  readonly #byKind = new Map<string, { seqs: SortedSeqs; count: number }>();
  #bytes = 0;

  get size(): number {
    return this.#bySeq.size;
  }

  /** Sum of the entries' `bytes`. */
  get bytes(): number {
    return this.#bytes;
  }

  get(seq: number): E | undefined {
    return this.#bySeq.get(seq);
  }

  has(seq: number): boolean {
    return this.#bySeq.has(seq);
  }

  add(e: E): void {
    if (this.#bySeq.has(e.seq)) throw new Error(`sequence number ${e.seq} is already waiting`);
    this.#bySeq.set(e.seq, e);
    this.#bytes += e.bytes;
    this.#all.add(e.seq);
    let k = this.#byKind.get(e.kind);
    if (!k) {
      const kind = e.kind;
      k = { seqs: new SortedSeqs((seq) => this.#bySeq.get(seq)?.kind === kind), count: 0 };
      this.#byKind.set(kind, k);
    }
    k.seqs.add(e.seq);
    k.count++;
  }

  remove(seq: number): E | undefined {
    const e = this.#bySeq.get(seq);
    if (!e) return undefined;
    this.#bySeq.delete(seq);
    this.#bytes -= e.bytes;
    this.#all.removed(this.#bySeq.size);
    const k = this.#byKind.get(e.kind)!;
    k.count--;
    k.seqs.removed(k.count);
    return e;
  }

  /** Lowest sequence number, overall or of one kind. */
  oldest(kind?: string): E | undefined {
    const seq = kind === undefined ? this.#all.first() : this.#byKind.get(kind)?.seqs.first();
    return seq === undefined ? undefined : this.#bySeq.get(seq);
  }

  /** Highest sequence number, overall or of one kind. */
  newest(kind?: string): E | undefined {
    const seq = kind === undefined ? this.#all.last() : this.#byKind.get(kind)?.seqs.last();
    return seq === undefined ? undefined : this.#bySeq.get(seq);
  }

  /** Kinds with at least one entry. */
  *kinds(): Generator<string> {
    for (const [kind, k] of this.#byKind) if (k.count > 0) yield kind;
  }

  /** Entries above `seq`, in order; safe to use while entries are added and removed. */
  *after(seq = -1): Generator<E> {
    let cur = seq;
    for (;;) {
      const next = this.#all.after(cur);
      if (next === undefined) return;
      cur = next;
      const e = this.#bySeq.get(next);
      if (e) yield e;
    }
  }
}
