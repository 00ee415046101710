// The knobs of camera–beacon fusion, with defaults for BLE fixes of a few metres' error at ~1 Hz and
// camera tracks at a few Hz. Costs are in units of the per-fix normalised squared distance d²/(2σ²), whose
// mean is 1 for a beacon carried by the person the track follows (once the error scale is learnt), so a
// sum of cost differences is a log-likelihood ratio.
export interface FusionOptions {
  /** Evidence is kept per pair in buckets this long; rivals are compared over their common buckets, ms. */
  bucketMs: number;
  /** A fix is scored once the clock is this far past it, so the tracks' positions around it are in, ms. */
  settleMs: number;
  /** A fix stamped t describes the beacon at about t − fixLagMs (positioners smooth over seconds). */
  fixLagMs: number;
  /** 1-σ error of a camera track's floor position, m. */
  trackSigmaM: number;
  /** Fixes reporting a smaller sigma are taken at this one (no positioner is that good). */
  minFixSigmaM: number;
  /** Per-fix normalised d² is clipped here so one wild fix cannot dominate. */
  clipD2: number;
  /**
   * Fixes whose errors exceed their sigmas are recognised from the linked pairs' costs and the costs
   * rescaled, up to this factor (on squared distances); 1 turns the learning off.
   */
  maxErrorScale: number;
  /** Where the scale starts before any link taught it (1: the sigmas are believed). */
  initialErrorScale: number;
  /** Per-fix cost of "carried by nobody the cameras track": a pair must beat it like any rival. */
  nullCost: number;
  /** A track becomes a candidate for a beacon when a fix costs less than this against it. */
  candidateCost: number;
  /** A candidate whose mean cost over the last dropAfterBuckets buckets exceeds this is dropped. */
  dropCost: number;
  dropAfterBuckets: number;
  /** Log-likelihood-ratio margin by which a pair must beat every rival track, rival beacon and nobody. */
  linkMargin: number;
  /** …and fixes scored on the pair before it may link. */
  minLinkFixes: number;
  /**
   * …and beat every rival track and rival beacon beyond chance: the z-score of their per-block cost
   * difference (pair-evidence.ts `separation`, blocks of zBlockBuckets buckets, prior spread zPriorSd)
   * must reach linkMinZ once they share at least zMinBlocks blocks: an advantage that swings from block
   * to block, as when two people walk together, does not link by piling up over minutes. 0 turns it off.
   */
  linkMinZ: number;
  zBlockBuckets: number;
  zPriorSd: number;
  zMinBlocks: number;
  /** The same, when it continues a link that just ended (a rotated id, a fragmented track). */
  handoverMargin: number;
  handoverMinFixes: number;
  /** How close in time the old link's end and the new beacon or track must be for a handover, ms. */
  handoverMs: number;
  /**
   * Against a rival track, the leader's fixes from before the rival appeared or after it ended count as
   * explained, under the rival, by nobody tracked at this cost a fix (pair-evidence.ts
   * `advantageOverSpan`); 0 compares them over their common time only.
   */
  rivalAbsentCost: number;
  /** A rival beacon on the same track must fit it this much worse (log-likelihood ratio). */
  trackMargin: number;
  /**
   * A link breaks when its sequential test (CUSUM of per-fix cost − breakCost) reaches breakCusum, or a
   * rival track beats it by linkMargin over their common time.
   */
  breakCost: number;
  breakCusum: number;
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
  /**
   * A track that stays this long in a staff-only zone of the layout (fusion-site.ts) is staff for its
   * life, ms; 0 turns the rule off. Shoppers do not go there; a few seconds keep a track brushing the
   * zone's edge, or a tracker's jitter at a door, from being taken for staff.
   */
  staffAreaMs: number;
  /**
   * Tracklet chaining (tracklet-chains.ts): a track starting at most chainMaxGapMs after another ended
   * (or up to chainOverlapMs before), within chainSpeedMps × gap + chainSlackM of where it ended, is
   * that person's next fragment when the pairing is unambiguous both ways: the only candidate, or
   * nearer than any other by chainClearRatio (× distance, + chainSlackM). It inherits the predecessor's
   * evidence, weighted by chainDiscount, and its links, ids and staff flag. chainMaxGapMs 0 turns it off.
   */
  chainMaxGapMs: number;
  chainOverlapMs: number;
  chainSpeedMps: number;
  chainSlackM: number;
  chainClearRatio: number;
  chainDiscount: number;
  /** Headings at a track's ends are least-squares fits over this long, ms. */
  chainHeadingMs: number;
  /** A continuation inherits at most this many fixes' worth of its predecessor's evidence per beacon. */
  chainMaxInheritedFixes: number;
  /**
   * Vouched chaining (vouched-chaining.ts): a track that ended carrying a beacon is continued by one
   * starting up to chainVouchMaxGapMs later within walking reach (chainSpeedMps × gap + chainSlackM)
   * when the beacon's fixes on the new track number chainVouchMinFixes and beat every other live track by
   * chainVouchMargin. 0 ms turns it off.
   */
  chainVouchMaxGapMs: number;
  chainVouchMinFixes: number;
  chainVouchMargin: number;
  /**
   * A track ending within doorRadiusM of a door (an entrance line) and one starting there are two
   * people, one leaving and one arriving, never one re-acquired: they are not chained. 0 turns it off.
   */
  doorRadiusM: number;
  /**
   * Who a forgotten track was (its ids, staff flag and continuation) is kept this long after its last
   * observation, ms: the window aggregator asks when the track's last window closes (window + grace,
   * up to two minutes later with BLE). 0 forgets it with the rest of the track.
   */
  identityRetentionMs: number;
}

export const DEFAULT_FUSION_OPTIONS: FusionOptions = {
  bucketMs: 4000,
  settleMs: 1500,
  fixLagMs: 1000,
  trackSigmaM: 0.3,
  minFixSigmaM: 0.5,
  clipD2: 16,
  maxErrorScale: 6,
  initialErrorScale: 1,
  nullCost: 3,
  candidateCost: 8,
  dropCost: 10,
  dropAfterBuckets: 5,
  linkMargin: 35,
  minLinkFixes: 10,
  linkMinZ: 1,
  zBlockBuckets: 3,
  zPriorSd: 0.5,
  zMinBlocks: 3,
  handoverMargin: 12,
  handoverMinFixes: 5,
  handoverMs: 15_000,
  rivalAbsentCost: 2,
  trackMargin: 25,
  breakCost: 4,
  breakCusum: 80,
  trackTimeoutMs: 10_000,
  beaconTimeoutMs: 10_000,
  maxGapMs: 2000,
  staffSuspicionM: 4,
  staffSuspicionMs: 0,
  staffFixMaxAgeMs: 5000,
  staffAreaMs: 3000,
  chainMaxGapMs: 4000,
  chainOverlapMs: 500,
  chainSpeedMps: 2,
  chainSlackM: 1,
  chainClearRatio: 2,
  chainDiscount: 0.8,
  chainHeadingMs: 2000,
  chainMaxInheritedFixes: 60,
  chainVouchMaxGapMs: 15_000,
  chainVouchMinFixes: 4,
  chainVouchMargin: 6,
  doorRadiusM: 1.5,
  identityRetentionMs: 180_000,
};

/** The options with overrides, checked; a bad value is named. */
export function fusionOptions(overrides: Partial<FusionOptions> = {}): FusionOptions {
  const o = { ...DEFAULT_FUSION_OPTIONS, ...overrides };
  for (const [key, value] of Object.entries(o) as [keyof FusionOptions, number][]) {
    if (!Number.isFinite(value) || value < 0)
      throw new RangeError(`fusion.${key} must be a number ≥ 0, got ${value}`);
  }
  for (const key of [
    'bucketMs',
    'minLinkFixes',
    'handoverMinFixes',
    'dropAfterBuckets',
    'breakCusum',
    'zBlockBuckets',
    'chainHeadingMs',
    'chainVouchMinFixes',
  ] as const) {
    if (!(o[key] > 0)) throw new RangeError(`fusion.${key} must be > 0, got ${o[key]}`);
  }
  if (o.maxErrorScale < 1) throw new RangeError(`fusion.maxErrorScale must be ≥ 1, got ${o.maxErrorScale}`);
  if (o.initialErrorScale < 1 || o.initialErrorScale > o.maxErrorScale)
    throw new RangeError(
      `fusion.initialErrorScale must be in [1, maxErrorScale], got ${o.initialErrorScale}`,
    );
  if (o.chainDiscount > 1)
    throw new RangeError(`fusion.chainDiscount must be in [0, 1], got ${o.chainDiscount}`);
  if (o.chainClearRatio < 1)
    throw new RangeError(`fusion.chainClearRatio must be ≥ 1, got ${o.chainClearRatio}`);
  return o;
}
