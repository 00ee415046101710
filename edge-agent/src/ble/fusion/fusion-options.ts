// The knobs of camera–beacon fusion, with defaults for BLE fixes of ~1.5 m error at ~1 Hz and camera
// tracks at a few Hz. Costs are in units of the per-fix normalised squared distance d²/(2σ²), whose mean
// is 1 for a beacon carried by the person the track follows (when the fix sigmas are honest).
export interface FusionOptions {
  /** Length of one matching window, ms. */
  windowMs: number;
  /** Windows start every stepMs (they overlap when smaller than windowMs). */
  stepMs: number;
  /** A window is matched once the clock is this far past its end, so late fixes are in. */
  settleMs: number;
  /** A fix stamped t describes the beacon at about t − fixLagMs (positioners smooth over seconds). */
  fixLagMs: number;
  /** 1-σ error of a camera track's floor position, m. */
  trackSigmaM: number;
  /** Fixes reporting a smaller sigma are taken at this one (no positioner is that good). */
  minFixSigmaM: number;
  /** A pair is scored in a window only with at least this many fixes matched to track positions… */
  minFixes: number;
  /** …and this share of the beacon's fixes in the window. */
  minCoverage: number;
  /** Per-fix d² is clipped here so one wild fix cannot dominate a window. */
  clipD2: number;
  /**
   * Fixes whose errors exceed their sigmas are recognised from the linked pairs' costs and the costs
   * rescaled, up to this factor (on squared distances); 1 turns the learning off.
   */
  maxErrorScale: number;
  /** Pairs costing more than this are never matched in a window. */
  gateCost: number;
  /** A match is ambiguous when another track (or beacon) costs less than this more. */
  marginCost: number;
  /** Consecutive unambiguous windows before a beacon is linked to a track. */
  linkAfterWindows: number;
  /** …when it continues a link that just ended (a rotated id, a fragmented track). */
  handoverAfterWindows: number;
  /** How close in time the old link's end and the new beacon or track must be for a handover, ms. */
  handoverMs: number;
  /** Windows of evidence against a link (too far, or the beacon clearly with another track) that break it. */
  breakAfterWindows: number;
  /** A track with no observation for this long has ended, ms. */
  trackTimeoutMs: number;
  /** A beacon without fixes for this long is gone; its link stays on the track's record, ms. */
  beaconTimeoutMs: number;
  /** Track positions are interpolated across gaps up to this long, and held this long past either end, ms. */
  maxGapMs: number;
  /**
   * A young track (not older than staffSuspicionMs) with no link, within staffSuspicionM of a recent fix
   * of a staff tag not linked to another track, is treated as staff until proven otherwise: staff must
   * never reach shopper analytics in the seconds before their link is established. Off (0 ms) by
   * default: the window aggregator already purges a track's open window when it turns out to be staff,
   * and where cameras cover only part of the floor, suspicion (sticky for the track's life) marked
   * about a quarter of shopper tracks as staff in the emulated store.
   */
  staffSuspicionM: number;
  staffSuspicionMs: number;
  /** Staff fixes older than this do not raise suspicion, ms. */
  staffFixMaxAgeMs: number;
}

export const DEFAULT_FUSION_OPTIONS: FusionOptions = {
  windowMs: 8000,
  stepMs: 4000,
  settleMs: 2500,
  fixLagMs: 1000,
  trackSigmaM: 0.3,
  minFixSigmaM: 0.5,
  minFixes: 3,
  minCoverage: 0.6,
  clipD2: 25,
  maxErrorScale: 6,
  gateCost: 4,
  marginCost: 1,
  linkAfterWindows: 3,
  handoverAfterWindows: 1,
  handoverMs: 15_000,
  breakAfterWindows: 2,
  trackTimeoutMs: 10_000,
  beaconTimeoutMs: 10_000,
  maxGapMs: 2000,
  staffSuspicionM: 4,
  staffSuspicionMs: 0,
  staffFixMaxAgeMs: 5000,
};

/** The options with overrides, checked; a bad value is named. */
export function fusionOptions(overrides: Partial<FusionOptions> = {}): FusionOptions {
  const o = { ...DEFAULT_FUSION_OPTIONS, ...overrides };
  for (const [key, value] of Object.entries(o) as [keyof FusionOptions, number][]) {
    if (!Number.isFinite(value) || value < 0)
      throw new RangeError(`fusion.${key} must be a number ≥ 0, got ${value}`);
  }
  for (const key of [
    'windowMs',
    'stepMs',
    'minFixes',
    'linkAfterWindows',
    'handoverAfterWindows',
    'breakAfterWindows',
  ] as const) {
    if (!(o[key] > 0)) throw new RangeError(`fusion.${key} must be > 0, got ${o[key]}`);
  }
  if (o.stepMs > o.windowMs)
    throw new RangeError(`fusion.stepMs (${o.stepMs}) must not exceed windowMs (${o.windowMs})`);
  if (o.minCoverage > 1) throw new RangeError(`fusion.minCoverage must be ≤ 1, got ${o.minCoverage}`);
  return o;
}
