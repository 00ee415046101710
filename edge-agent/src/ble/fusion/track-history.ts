// The recent floor positions of one camera track, for looking up where it was at a fix's time:
// linear interpolation across short gaps, held briefly past either end. Samples arrive in time order;
// an older one than the last is ignored (counted by the caller if it cares).

export class TrackHistory {
  #ts: number[] = [];
  #x: number[] = [];
  #y: number[] = [];
  /** Samples before this index were pruned. */
  #start = 0;

  constructor(private readonly maxGapMs: number) {}

  /** Adds a sample; false when it is older than the newest one (kept out). */
  push(ts: number, x: number, y: number): boolean {
    const n = this.#ts.length;
    if (n > this.#start && ts < this.#ts[n - 1]!) return false;
    if (n > this.#start && ts === this.#ts[n - 1]!) {
      this.#x[n - 1] = x;
      this.#y[n - 1] = y;
      return true;
    }
    this.#ts.push(ts);
    this.#x.push(x);
    this.#y.push(y);
    return true;
  }

  get size(): number {
    return this.#ts.length - this.#start;
  }

  get firstTs(): number | undefined {
    return this.size > 0 ? this.#ts[this.#start] : undefined;
  }

  get lastTs(): number | undefined {
    return this.size > 0 ? this.#ts[this.#ts.length - 1] : undefined;
  }

  /** Where the track was at `ts`; undefined outside its samples (± maxGapMs) or inside a longer gap. */
  positionAt(ts: number): [number, number] | undefined {
    const n = this.#ts.length;
    const lo0 = this.#start;
    if (n === lo0) return undefined;
    const first = this.#ts[lo0]!;
    const last = this.#ts[n - 1]!;
    if (ts <= first) return first - ts <= this.maxGapMs ? [this.#x[lo0]!, this.#y[lo0]!] : undefined;
    if (ts >= last) return ts - last <= this.maxGapMs ? [this.#x[n - 1]!, this.#y[n - 1]!] : undefined;
    // The last sample at or before ts.
    let lo = lo0;
    let hi = n - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (this.#ts[mid]! <= ts) lo = mid;
      else hi = mid;
    }
    const t0 = this.#ts[lo]!;
    const t1 = this.#ts[hi]!;
    if (t1 - t0 > this.maxGapMs) {
      if (ts - t0 <= this.maxGapMs / 2) return [this.#x[lo]!, this.#y[lo]!];
      if (t1 - ts <= this.maxGapMs / 2) return [this.#x[hi]!, this.#y[hi]!];
      return undefined;
    }
    const a = (ts - t0) / (t1 - t0);
    return [
      this.#x[lo]! + a * (this.#x[hi]! - this.#x[lo]!),
      this.#y[lo]! + a * (this.#y[hi]! - this.#y[lo]!),
    ];
  }

  /**
   * The least-squares velocity of the samples in [from, to], m/s: a straight-line fit over a couple of
   * seconds, so a tracker's per-sample jitter does not pass for walking. Undefined with fewer than 3.
   */
  velocityOver(from: number, to: number): [number, number] | undefined {
    let n = 0;
    let st = 0;
    let stt = 0;
    let sx = 0;
    let sy = 0;
    let stx = 0;
    let sty = 0;
    for (let i = this.#start; i < this.#ts.length; i++) {
      const ts = this.#ts[i]!;
      if (ts < from) continue;
      if (ts > to) break;
      const t = (ts - from) / 1000;
      n++;
      st += t;
      stt += t * t;
      sx += this.#x[i]!;
      sy += this.#y[i]!;
      stx += t * this.#x[i]!;
      sty += t * this.#y[i]!;
    }
    const den = n * stt - st * st;
    if (n < 3 || !(den > 0)) return undefined;
    return [(n * stx - st * sx) / den, (n * sty - st * sy) / den];
  }

  /** Forgets samples older than `ts`, keeping the last one before it (for interpolation). */
  pruneBefore(ts: number): void {
    const n = this.#ts.length;
    while (this.#start < n - 1 && this.#ts[this.#start + 1]! <= ts) this.#start++;
    // Compact once the dead prefix is large, so memory stays proportional to what is kept.
    if (this.#start > 1024 && this.#start > n / 2) {
      this.#ts = this.#ts.slice(this.#start);
      this.#x = this.#x.slice(this.#start);
      this.#y = this.#y.slice(this.#start);
      this.#start = 0;
    }
  }
}
