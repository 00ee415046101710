// When shoppers come in: a non-homogeneous Poisson process over the opening hours. The intensity is a
// flat base plus Gaussian peaks (lunch, after work), each peak carrying a stated share of the day's
// expected arrivals. Sampled exactly as a Poisson count with independent times from the normalised
// intensity, which is the same process as thinning but needs no rate bound.
import { normal, poisson, type Random } from './random-streams.js';
import type { Scenario } from './scenario-schema.js';
import type { TradingDay } from './scenario-time.js';

const MS_PER_MINUTE = 60_000;

export interface ArrivalProfile {
  /** First and last moment a shopper may come in, UTC ms. */
  fromMs: number;
  toMs: number;
  /** Expected arrivals in [fromMs, toMs]. */
  expected: number;
  peaks: readonly { atMs: number; sigmaMs: number; share: number }[];
}

export function arrivalProfile(scenario: Scenario, day: TradingDay): ArrivalProfile {
  const toMs = Math.max(
    day.openMs,
    day.closeMs - scenario.arrivals.lastEntryMinutesBeforeClose * MS_PER_MINUTE,
  );
  return {
    fromMs: day.openMs,
    toMs,
    expected: scenario.arrivals.perDay,
    peaks: scenario.arrivals.peaks.map((p) => ({
      atMs: day.midnightMs + p.at * MS_PER_MINUTE,
      sigmaMs: p.widthMinutes * MS_PER_MINUTE,
      share: p.share,
    })),
  };
}

function baseShare(profile: ArrivalProfile): number {
  return Math.max(0, 1 - profile.peaks.reduce((s, p) => s + p.share, 0));
}

/** Expected arrivals per millisecond at `t` (0 outside the entry window). */
export function arrivalRate(profile: ArrivalProfile, t: number): number {
  const { fromMs, toMs, expected } = profile;
  if (t < fromMs || t > toMs || toMs <= fromMs) return 0;
  let density = baseShare(profile) / (toMs - fromMs);
  for (const p of profile.peaks) {
    const mass = phi((toMs - p.atMs) / p.sigmaMs) - phi((fromMs - p.atMs) / p.sigmaMs);
    if (mass <= 1e-12) continue;
    const z = (t - p.atMs) / p.sigmaMs;
    density += (p.share * Math.exp(-0.5 * z * z)) / (p.sigmaMs * Math.sqrt(2 * Math.PI) * mass);
  }
  return expected * density;
}

/** Arrival times, UTC ms (whole milliseconds), ascending. */
export function sampleArrivals(profile: ArrivalProfile, random: Random): number[] {
  const { fromMs, toMs } = profile;
  if (toMs <= fromMs) return [];
  const count = poisson(random, profile.expected);
  const base = baseShare(profile);
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    let u = random() * (base + profile.peaks.reduce((s, p) => s + p.share, 0));
    let t: number | undefined;
    for (const p of profile.peaks) {
      if (u < p.share) {
        t = truncatedNormal(random, p.atMs, p.sigmaMs, fromMs, toMs);
        break;
      }
      u -= p.share;
    }
    times.push(Math.floor(t ?? fromMs + random() * (toMs - fromMs)));
  }
  return times.sort((a, b) => a - b);
}

function truncatedNormal(random: Random, mean: number, sigma: number, lo: number, hi: number): number {
  for (let tries = 0; tries < 64; tries++) {
    const t = mean + sigma * normal(random);
    if (t >= lo && t < hi) return t;
  }
  // A peak far outside the window: its few arrivals land uniformly rather than loop for ever.
  return lo + random() * (hi - lo);
}

/** Standard normal CDF (Abramowitz & Stegun 7.1.26, error < 1.5e-7). */
function phi(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * z);
  const poly =
    t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-z * z);
  return 0.5 * (1 + (x >= 0 ? erf : -erf));
}
