// RSSI filtering for one (anchor, beacon) link: a Hampel test over the last few raw values rejects
// spikes (a reflection, a body in the way for one packet), then a 1-D Kalman filter on dBm smooths
// what is left. Its variance grows with time since the last reception, so stale links weigh less.

export interface RssiFilterOptions {
  /** Raw values the Hampel test looks back over (including the new one). */
  window: number;
  /** A value further than this many robust sigmas from the window median is an outlier. */
  hampelSigmas: number;
  /** Floor for the robust sigma, dB: keeps a quiet link from rejecting ordinary noise. */
  minSpreadDb: number;
  /** Measurement noise of one reception, dB². */
  measurementVarDb2: number;
  /** How fast the true level drifts as people walk, dB² per second. */
  processVarDb2PerS: number;
}

export const DEFAULT_RSSI_FILTER: RssiFilterOptions = {
  window: 7,
  hampelSigmas: 3,
  minSpreadDb: 2,
  measurementVarDb2: 16,
  processVarDb2PerS: 8,
};

/** Median of the first `n` entries of `values` (copied, so the ring buffer stays in time order). */
function medianOf(values: Float64Array, n: number, scratch: Float64Array): number {
  for (let i = 0; i < n; i++) scratch[i] = values[i] as number;
  const s = scratch.subarray(0, n).sort();
  const mid = n >> 1;
  return n % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

export class RssiFilter {
  /** Filtered level, dBm; NaN before the first reception. */
  private level = Number.NaN;
  private variance = 0;
  private lastTs = Number.NaN;
  private readonly ring: Float64Array;
  private readonly scratch: Float64Array;
  private readonly deviations: Float64Array;
  private count = 0;
  private next = 0;
  /** Receptions the Hampel test rejected. */
  rejected = 0;

  constructor(private readonly options: RssiFilterOptions = DEFAULT_RSSI_FILTER) {
    this.ring = new Float64Array(options.window);
    this.scratch = new Float64Array(options.window);
    this.deviations = new Float64Array(options.window);
  }

  /** Takes one reception; returns false when it was rejected as a spike. */
  push(ts: number, rssi: number): boolean {
    const o = this.options;
    this.ring[this.next] = rssi;
    this.next = (this.next + 1) % o.window;
    this.count = Math.min(this.count + 1, o.window);
    if (this.count >= 3) {
      const med = medianOf(this.ring, this.count, this.scratch);
      for (let i = 0; i < this.count; i++) this.deviations[i] = Math.abs((this.ring[i] as number) - med);
      const mad = medianOf(this.deviations, this.count, this.scratch);
      const spread = Math.max(1.4826 * mad, o.minSpreadDb);
      if (Math.abs(rssi - med) > o.hampelSigmas * spread) {
        this.rejected++;
        return false;
      }
    }
    if (Number.isNaN(this.level)) {
      this.level = rssi;
      this.variance = o.measurementVarDb2;
    } else {
      const dt = Math.max(0, ts - this.lastTs) / 1000;
      const prior = this.variance + o.processVarDb2PerS * dt;
      const gain = prior / (prior + o.measurementVarDb2);
      this.level += gain * (rssi - this.level);
      this.variance = (1 - gain) * prior;
    }
    this.lastTs = Math.max(ts, Number.isNaN(this.lastTs) ? ts : this.lastTs);
    return true;
  }

  /** Epoch ms of the last accepted reception; NaN when none. */
  get lastSeen(): number {
    return this.lastTs;
  }

  /** The smoothed level, dBm (NaN before any reception). */
  get value(): number {
    return this.level;
  }

  /** Variance of the level as of `ts`, dB²: grows with the time since the last reception. */
  varianceAt(ts: number): number {
    return this.variance + (this.options.processVarDb2PerS * Math.max(0, ts - this.lastTs)) / 1000;
  }
}
