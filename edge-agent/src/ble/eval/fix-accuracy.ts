// How good a positioner's fixes are against the simulated truth, in the terms fusion cares about: the
// error (median, p90) overall and per zone of the store, how honest the reported sigmas are (the mean
// of d²/2σ², 1 when honest — fusion's costs are in these units), and the lag at which the fixes agree
// best with where the beacon really was (a smoothing positioner runs behind the walker). Pure.
import { pointInPolygon, type StoreLayout } from '@retail/contracts';
import { positionAt } from '../../emulator/population.js';
import type { Trajectory } from '../../simulator/truth.js';
import type { BeaconFix } from '../ble-types.js';
import { quantile } from '../positioning/causal-replay.js';

export interface ZoneAccuracy {
  zoneId: string;
  fixes: number;
  medianErrorM: number;
  p90ErrorM: number;
}

export interface FixAccuracy {
  /** Fixes judged (their beacon's truth known at the fix time). */
  fixes: number;
  medianErrorM: number;
  p90ErrorM: number;
  meanErrorM: number;
  /** Median of the sigmas the positioner reported, m. */
  medianSigmaM: number;
  /** Mean over fixes of min(d², 25σ²)/(2σ²) at the truth `fixLagMs` earlier: ≈1 when the sigmas are honest. */
  meanNormalisedError2: number;
  /** The lag (of those tried) at which the median error is smallest, ms, and that error. */
  bestLagMs: number;
  medianErrorAtBestLagM: number;
  /** Per zone of the layout where the beacon really was ('(none)' outside every zone), worst first. */
  byZone: ZoneAccuracy[];
}

const LAGS_MS = [0, 500, 1000, 1500, 2000, 3000, 4000] as const;
const round3 = (v: number) => Math.round(v * 1000) / 1000;

/** Collects fixes one at a time (no need to keep them) and summarises. */
export class FixAccuracyMeter {
  readonly #truthOf: (beacon: string) => Trajectory | undefined;
  readonly #zones: StoreLayout['zones'];
  readonly #fixLagMs: number;
  readonly #errors: number[] = [];
  readonly #sigmas: number[] = [];
  readonly #lagErrors: number[][] = LAGS_MS.map(() => []);
  readonly #zoneErrors = new Map<string, number[]>();
  #normalisedSum = 0;

  constructor(o: {
    truthOf: (beacon: string) => Trajectory | undefined;
    layout: Pick<StoreLayout, 'zones'>;
    /** The lag fusion assumes, for the sigma-honesty figure. */
    fixLagMs: number;
  }) {
    this.#truthOf = o.truthOf;
    this.#zones = o.layout.zones;
    this.#fixLagMs = o.fixLagMs;
  }

  add(fix: BeaconFix): void {
    const t = this.#truthOf(fix.beacon);
    const p = t && positionAt(t, fix.ts);
    if (!t || !p) return;
    const e = Math.hypot(fix.x - p[0], fix.y - p[1]);
    this.#errors.push(e);
    this.#sigmas.push(fix.sigmaM);
    const zone = this.#zones.find((z) => pointInPolygon(p, z.polygon))?.id ?? '(none)';
    const list = this.#zoneErrors.get(zone) ?? [];
    this.#zoneErrors.set(zone, list);
    list.push(e);
    const lagged = positionAt(t, fix.ts - this.#fixLagMs) ?? p;
    const s2 = Math.max(fix.sigmaM, 1e-3) ** 2;
    const d2 = (fix.x - lagged[0]) ** 2 + (fix.y - lagged[1]) ** 2;
    this.#normalisedSum += Math.min(d2, 25 * s2) / (2 * s2);
    LAGS_MS.forEach((lag, i) => {
      const q = positionAt(t, fix.ts - lag);
      if (q) this.#lagErrors[i]?.push(Math.hypot(fix.x - q[0], fix.y - q[1]));
    });
  }

  summary(): FixAccuracy {
    const n = this.#errors.length;
    const lagMedians = this.#lagErrors.map((e) => quantile(e, 0.5));
    let best = 0;
    lagMedians.forEach((m, i) => {
      if (m < (lagMedians[best] as number)) best = i;
    });
    const byZone = [...this.#zoneErrors]
      .map(([zoneId, e]) => ({
        zoneId,
        fixes: e.length,
        medianErrorM: round3(quantile(e, 0.5)),
        p90ErrorM: round3(quantile(e, 0.9)),
      }))
      .sort((a, b) => b.medianErrorM - a.medianErrorM);
    return {
      fixes: n,
      medianErrorM: round3(quantile(this.#errors, 0.5)),
      p90ErrorM: round3(quantile(this.#errors, 0.9)),
      meanErrorM: round3(n > 0 ? this.#errors.reduce((s, e) => s + e, 0) / n : Number.NaN),
      medianSigmaM: round3(quantile(this.#sigmas, 0.5)),
      meanNormalisedError2: round3(n > 0 ? this.#normalisedSum / n : Number.NaN),
      bestLagMs: LAGS_MS[best] ?? 0,
      medianErrorAtBestLagM: round3(lagMedians[best] ?? Number.NaN),
      byZone,
    };
  }
}
