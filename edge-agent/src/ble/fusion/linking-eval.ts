// How well fusion links camera tracks to the people's own beacons on a day whose truth is known: the
// observations and fixes (synthetic from truth-streams.ts, or a real positioner's fixes) are replayed
// through a TrackFusion in time order as the gateway lives (fusion-replay.ts), and judged against the
// truth (linking-tally.ts) as the gateway publishes them: each observation with its track's identity when
// its aggregation window closed (end + grace; identity-at-close.ts), as the aggregator applies it. Also
// judged as annotated when each observation arrived (`atReceipt`, before the aggregator resolved
// identities at close), for comparison. Per opted-in shopper, over all the path the cameras saw of them
// (every fragment): the share of that time carrying their own ids and never another's. Pure.

import { ROTATION_SLOT_MS, type RotatingIdFor, rotatingIdsBetween } from '@retail/contracts';
import { withIdentity } from '../../core/aggregation/identity-at-close.js';
import type { TrackObservation } from '../../core/aggregation/track-observation.js';
import type { DayTruth } from '../../simulator/truth.js';
import type { BeaconFix } from '../ble-types.js';
import type { FusionOptions } from './fusion-options.js';
import { replayFusion } from './fusion-replay.js';
import type { FusionSite } from './fusion-site.js';
import { type LinkingFigures, tallyLinking } from './linking-tally.js';
import type { FusionCounters } from './track-fusion.js';
import { ownersByProximity } from './track-owners.js';
import type { TrackOwner } from './truth-streams.js';

export type { LinkingFigures } from './linking-tally.js';
export { ownersByProximity } from './track-owners.js';

export interface LinkingEvalInput {
  day: Pick<DayTruth, 'shoppers' | 'staff'>;
  /** Camera observations (any order; taken in time order). */
  observations: readonly TrackObservation[];
  fixes: readonly BeaconFix[];
  /** The loyalty app's id scheme, to know each opted-in shopper's own ids. */
  rotatingIdFor: RotatingIdFor;
  /** Who each track follows; when absent, the person nearest to most of its observations (within 1.5 m). */
  owners?: ReadonlyMap<string, TrackOwner>;
  fusion?: Partial<FusionOptions>;
  /** The store's doors, as the gateway gives fusion (fusion-site.ts); none when absent. */
  site?: FusionSite;
  /** A fix reaches fusion this long after its timestamp, ms (0). */
  fixDelayMs?: number;
  /** An opted-in shopper counts as linked when at least this share of their observed time carries their own id (0.5). */
  minLinkedShare?: number;
  /**
   * The tracker reports a track's end this long after its last observation (ByteTrack keeps a lost track
   * a second before dropping it), ms (1000): fusion is not told the end before it could know it.
   */
  trackEndDelayMs?: number;
  /**
   * The gateway's aggregation window and how long after its end it closes, ms (60 000 and 60 000, the
   * gateway's grace with BLE): at the close the aggregator asks fusion who each of the window's tracks
   * is; a staff track's observations in windows closed before it was flagged are published as a shopper's.
   */
  aggregationWindowMs?: number;
  aggregationGraceMs?: number;
  /** …and no window closes before this long after the replay starts (600 000; fusion-replay.ts). */
  aggregationWarmUpMs?: number;
  slotMs?: number;
}

/**
 * The headline figures are what the gateway publishes: identities resolved at window close. `atReceipt`
 * judges the same replay as the gateway did before: the ids each observation carried when it arrived,
 * staff purged from windows still open (end + grace, no warm-up) when a flagged observation came.
 */
export interface LinkingReport extends LinkingFigures {
  /** Opted-in shoppers seen by a camera. */
  optedInShoppers: number;
  atReceipt: LinkingFigures;
  staffTracks: number;
  staffObservations: number;
  /** Tracks without a known owner (not judged). */
  unownedTracks: number;
  counters: FusionCounters;
}

export function evaluateLinking(input: LinkingEvalInput): LinkingReport {
  const owners = input.owners ?? ownersByProximity(input.day, input.observations);
  const windowMs = input.aggregationWindowMs ?? 60_000;
  const graceMs = input.aggregationGraceMs ?? 60_000;
  const replay = replayFusion({ ...input, aggregationWindowMs: windowMs, aggregationGraceMs: graceMs });
  const common = {
    day: input.day,
    owners,
    ownIds: ownIdsOf(input),
    observations: replay.observations,
    minLinkedShare: input.minLinkedShare ?? 0.5,
  };
  const closedAt = (ts: number) => (Math.floor(ts / windowMs) + 1) * windowMs + graceMs;
  const {
    optedInShoppers: _o,
    unowned: _u,
    ...atReceipt
  } = tallyLinking({
    ...common,
    published: (ts, flaggedAt) => closedAt(ts) <= flaggedAt,
  });
  const { unowned, ...atClose } = tallyLinking({
    ...common,
    view: (obs, i) => withIdentity(obs, replay.atClose[i]),
    // The view already carries the flag as of the window's close: what is unflagged there is published.
    published: () => true,
  });
  let staffObservations = 0;
  const staffTracks = new Set<string>();
  for (const obs of replay.observations) {
    if (owners.get(obs.trackId)?.kind !== 'staff') continue;
    staffObservations++;
    staffTracks.add(obs.trackId);
  }
  return {
    ...atClose,
    atReceipt,
    staffTracks: staffTracks.size,
    staffObservations,
    unownedTracks: unowned,
    counters: { ...replay.fusion.counters },
  };
}

/** Each opted-in shopper's rotating ids over their visit. */
function ownIdsOf(input: LinkingEvalInput): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const slotMs = input.slotMs ?? ROTATION_SLOT_MS;
  for (const s of input.day.shoppers) {
    const secret = s.identity.appSecret;
    if (!s.identity.appOptedIn || !secret || !s.trajectory) continue;
    const n = Math.floor(s.trajectory.xy.length / 2);
    const from = Math.max(0, s.trajectory.startTs - slotMs);
    const to = s.trajectory.startTs + n * s.trajectory.intervalMs + slotMs;
    out.set(
      s.sessionId,
      new Set(rotatingIdsBetween(secret, from, to, input.rotatingIdFor, slotMs).map((r) => r.id)),
    );
  }
  return out;
}
