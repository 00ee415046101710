// RSS fingerprinting: a radio map of mean RSSI vectors at known floor points (calibration samples
// averaged per grid cell), and weighted k-nearest-neighbour matching in signal space. Anchors heard on
// one side only count as heard at the sensitivity floor on the other. k is chosen by leave-one-out.
import type { CalibrationSample } from './calibration-set.js';

export interface RadioMapPoint {
  x: number;
  y: number;
  /** Mean RSSI per anchor (anchor-list order), NaN where never heard. */
  rssi: Float64Array;
}

export interface RadioMap {
  points: RadioMapPoint[];
  k: number;
}

export interface FingerprintOptions {
  /** Calibration samples are averaged over square cells of this size, metres. */
  cellSizeM: number;
  /** Stand-in for "not heard", dBm. */
  missingDbm: number;
  /** Largest k leave-one-out tries. */
  maxK: number;
}

export const DEFAULT_FINGERPRINT: FingerprintOptions = { cellSizeM: 0.5, missingDbm: -100, maxK: 12 };

export interface FingerprintEstimate {
  x: number;
  y: number;
  /** Weighted spread of the neighbours' positions, metres. */
  sigmaM: number;
}

/** One map point per occupied cell: mean position and mean RSSI per anchor of the samples in it. */
export function buildRadioMapPoints(
  samples: readonly CalibrationSample[],
  anchorCount: number,
  cellSizeM = DEFAULT_FINGERPRINT.cellSizeM,
): RadioMapPoint[] {
  const cells = new Map<string, { x: number; y: number; n: number; sum: Float64Array; heard: Uint32Array }>();
  for (const s of samples) {
    const key = `${Math.floor(s.x / cellSizeM)},${Math.floor(s.y / cellSizeM)}`;
    let c = cells.get(key);
    if (!c) {
      c = { x: 0, y: 0, n: 0, sum: new Float64Array(anchorCount), heard: new Uint32Array(anchorCount) };
      cells.set(key, c);
    }
    c.x += s.x;
    c.y += s.y;
    c.n++;
    for (let a = 0; a < anchorCount; a++) {
      const v = s.rssi[a] as number;
      if (Number.isNaN(v)) continue;
      c.sum[a] = (c.sum[a] as number) + v;
      c.heard[a] = (c.heard[a] as number) + 1;
    }
  }
  return [...cells.values()].map((c) => {
    const rssi = new Float64Array(anchorCount);
    for (let a = 0; a < anchorCount; a++) {
      const n = c.heard[a] as number;
      // Heard in under half the samples: treat as not heard, like a live query would mostly see it.
      rssi[a] = n * 2 >= c.n ? (c.sum[a] as number) / n : Number.NaN;
    }
    return { x: c.x / c.n, y: c.y / c.n, rssi };
  });
}

/** RMS difference in dB over the anchors heard by either side. */
export function signalDistance(a: Float64Array, b: Float64Array, missingDbm: number): number {
  let sum = 0;
  let n = 0;
  for (let i = 0; i < a.length; i++) {
    const va = a[i] as number;
    const vb = b[i] as number;
    const ha = !Number.isNaN(va);
    const hb = !Number.isNaN(vb);
    if (!ha && !hb) continue;
    const d = (ha ? Math.max(va, missingDbm) : missingDbm) - (hb ? Math.max(vb, missingDbm) : missingDbm);
    sum += d * d;
    n++;
  }
  return n === 0 ? Infinity : Math.sqrt(sum / n);
}

/** Indices and distances of the k nearest map points, nearest first; `skip` is left out. */
function nearest(
  points: readonly RadioMapPoint[],
  query: Float64Array,
  k: number,
  missingDbm: number,
  skip = -1,
): { index: number[]; dist: number[] } {
  const index: number[] = [];
  const dist: number[] = [];
  for (let i = 0; i < points.length; i++) {
    if (i === skip) continue;
    const d = signalDistance(query, (points[i] as RadioMapPoint).rssi, missingDbm);
    if (index.length === k && d >= (dist[k - 1] as number)) continue;
    let j = Math.min(index.length, k - 1);
    if (index.length < k) {
      index.push(i);
      dist.push(d);
    }
    while (j > 0 && (dist[j - 1] as number) > d) {
      index[j] = index[j - 1] as number;
      dist[j] = dist[j - 1] as number;
      j--;
    }
    index[j] = i;
    dist[j] = d;
  }
  return { index, dist };
}

/** Weighted mean of the first k neighbours (weights 1/(distance + 0.5 dB)). */
function combine(points: readonly RadioMapPoint[], nn: { index: number[]; dist: number[] }, k: number) {
  let sw = 0;
  let sx = 0;
  let sy = 0;
  const m = Math.min(k, nn.index.length);
  for (let j = 0; j < m; j++) {
    const p = points[nn.index[j] as number] as RadioMapPoint;
    const w = 1 / ((nn.dist[j] as number) + 0.5);
    sw += w;
    sx += w * p.x;
    sy += w * p.y;
  }
  const x = sx / sw;
  const y = sy / sw;
  let spread = 0;
  for (let j = 0; j < m; j++) {
    const p = points[nn.index[j] as number] as RadioMapPoint;
    spread += ((p.x - x) ** 2 + (p.y - y) ** 2) / ((nn.dist[j] as number) + 0.5);
  }
  return { x, y, sigmaM: Math.sqrt(spread / sw / 2) };
}

export function locateByFingerprint(
  map: RadioMap,
  query: Float64Array,
  missingDbm = DEFAULT_FINGERPRINT.missingDbm,
): FingerprintEstimate | undefined {
  if (map.points.length === 0) return undefined;
  const nn = nearest(map.points, query, map.k, missingDbm);
  if (nn.index.length === 0 || !Number.isFinite(nn.dist[0] as number)) return undefined;
  const est = combine(map.points, nn, map.k);
  return { ...est, sigmaM: Math.max(est.sigmaM, 0.25) };
}

/** Mean leave-one-out error for k = 1..maxK; the k with the smallest error wins. */
export function chooseKByLeaveOneOut(
  points: readonly RadioMapPoint[],
  maxK = DEFAULT_FINGERPRINT.maxK,
  missingDbm = DEFAULT_FINGERPRINT.missingDbm,
): { k: number; meanErrorM: number[] } {
  const kMax = Math.max(1, Math.min(maxK, points.length - 1));
  const totals = new Array<number>(kMax).fill(0);
  for (let i = 0; i < points.length; i++) {
    const p = points[i] as RadioMapPoint;
    const nn = nearest(points, p.rssi, kMax, missingDbm, i);
    if (nn.index.length === 0) continue;
    for (let k = 1; k <= kMax; k++) {
      const est = combine(points, nn, k);
      totals[k - 1] = (totals[k - 1] as number) + Math.hypot(est.x - p.x, est.y - p.y);
    }
  }
  const meanErrorM = totals.map((t) => t / Math.max(1, points.length));
  let k = 1;
  for (let i = 1; i < kMax; i++) if ((meanErrorM[i] as number) < (meanErrorM[k - 1] as number)) k = i + 1;
  return { k, meanErrorM };
}

/** The radio map from calibration samples, with k chosen by leave-one-out. */
export function buildRadioMap(
  samples: readonly CalibrationSample[],
  anchorCount: number,
  options: Partial<FingerprintOptions> = {},
): RadioMap & { looErrorM: number } {
  const o = { ...DEFAULT_FINGERPRINT, ...options };
  const points = buildRadioMapPoints(samples, anchorCount, o.cellSizeM);
  const { k, meanErrorM } = chooseKByLeaveOneOut(points, o.maxK, o.missingDbm);
  return { points, k, looErrorM: meanErrorM[k - 1] ?? Number.NaN };
}
