// Fits the log-distance model per anchor from calibration samples: rssi = A − 10·n·log10(d) is linear in
// (A, n), so ordinary least squares on (−10·log10 d, rssi) pairs. n is kept within sane bounds; an anchor
// with too few samples falls back to the fit pooled over all anchors, or to the defaults.
import type { AnchorSpec } from '../ble-types.js';
import type { CalibrationSample } from './calibration-set.js';
import { DEFAULT_BEACON_HEIGHT_M, DEFAULT_PATH_LOSS, distance3d, type PathLoss } from './log-distance.js';

export interface PathLossFit extends PathLoss {
  anchor: string;
  /** Samples the fit used. */
  samples: number;
  /** Root-mean-square residual of the fit, dB (NaN when nothing was fitted). */
  rmsDb: number;
  /** 'fit' on the anchor's own data, 'pooled' on every anchor's, 'default' without data. */
  source: 'fit' | 'pooled' | 'default';
}

export interface CalibrationFitOptions {
  /** Height of the calibration phone above the floor, metres. */
  beaconHeightM: number;
  /** Fewer samples than this (or too little spread in distance) and an anchor is not fitted alone. */
  minSamples: number;
  exponentRange: { min: number; max: number };
  rssiAt1mRange: { min: number; max: number };
  defaults: PathLoss;
}

export const DEFAULT_CALIBRATION_FIT: CalibrationFitOptions = {
  beaconHeightM: DEFAULT_BEACON_HEIGHT_M,
  minSamples: 30,
  exponentRange: { min: 1.2, max: 6 },
  rssiAt1mRange: { min: -100, max: -20 },
  defaults: DEFAULT_PATH_LOSS,
};

interface Pairs {
  u: number[];
  rssi: number[];
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/** Least squares of rssi = A + n·u, n clamped (then A refitted); undefined when u has no spread. */
function leastSquares(p: Pairs, o: CalibrationFitOptions): { model: PathLoss; rmsDb: number } | undefined {
  const m = p.u.length;
  if (m < 2) return undefined;
  let su = 0;
  let sr = 0;
  for (let i = 0; i < m; i++) {
    su += p.u[i] as number;
    sr += p.rssi[i] as number;
  }
  const mu = su / m;
  const mr = sr / m;
  let suu = 0;
  let sur = 0;
  for (let i = 0; i < m; i++) {
    const du = (p.u[i] as number) - mu;
    suu += du * du;
    sur += du * ((p.rssi[i] as number) - mr);
  }
  // u = −10·log10 d: a spread under 1 dB-equivalent means every sample sat at about the same distance.
  if (suu / m < 1) return undefined;
  const exponent = clamp(sur / suu, o.exponentRange.min, o.exponentRange.max);
  const rssiAt1m = clamp(mr - exponent * mu, o.rssiAt1mRange.min, o.rssiAt1mRange.max);
  let sse = 0;
  for (let i = 0; i < m; i++) sse += ((p.rssi[i] as number) - rssiAt1m - exponent * (p.u[i] as number)) ** 2;
  return { model: { rssiAt1m, exponent }, rmsDb: Math.sqrt(sse / m) };
}

/** One fit per anchor, in anchor order. */
export function fitPathLoss(
  anchors: readonly AnchorSpec[],
  samples: readonly CalibrationSample[],
  options: Partial<CalibrationFitOptions> = {},
): PathLossFit[] {
  const o = { ...DEFAULT_CALIBRATION_FIT, ...options };
  const perAnchor: Pairs[] = anchors.map(() => ({ u: [], rssi: [] }));
  const pooled: Pairs = { u: [], rssi: [] };
  for (const s of samples) {
    anchors.forEach((anchor, a) => {
      const rssi = s.rssi[a];
      if (rssi === undefined || Number.isNaN(rssi)) return;
      const u = -10 * Math.log10(Math.max(distance3d(anchor, s.x, s.y, o.beaconHeightM), 0.1));
      perAnchor[a]?.u.push(u);
      perAnchor[a]?.rssi.push(rssi);
      pooled.u.push(u);
      pooled.rssi.push(rssi);
    });
  }
  const pooledFit = pooled.u.length >= o.minSamples ? leastSquares(pooled, o) : undefined;
  return anchors.map((anchor, a) => {
    const pairs = perAnchor[a] ?? { u: [], rssi: [] };
    const own = pairs.u.length >= o.minSamples ? leastSquares(pairs, o) : undefined;
    if (own)
      return { anchor: anchor.id, ...own.model, samples: pairs.u.length, rmsDb: own.rmsDb, source: 'fit' };
    if (pooledFit)
      return {
        anchor: anchor.id,
        ...pooledFit.model,
        samples: pairs.u.length,
        rmsDb: pooledFit.rmsDb,
        source: 'pooled',
      };
    return {
      anchor: anchor.id,
      ...o.defaults,
      samples: pairs.u.length,
      rmsDb: Number.NaN,
      source: 'default',
    };
  });
}

/** The anchors with their fitted calibration written in, ready for the positioner. */
export function withPathLoss(anchors: readonly AnchorSpec[], fits: readonly PathLossFit[]): AnchorSpec[] {
  return anchors.map((anchor) => {
    const fit = fits.find((f) => f.anchor === anchor.id);
    return fit ? { ...anchor, rssiAt1m: fit.rssiAt1m, pathLossExponent: fit.exponent } : { ...anchor };
  });
}
