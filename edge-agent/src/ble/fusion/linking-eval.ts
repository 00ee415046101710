// How well fusion links camera tracks to the people's own beacons on a day whose truth is known: the
// observations and fixes (synthetic from truth-streams.ts, or a real positioner's fixes) are fed to a
// TrackFusion in time order, every observation annotated as the aggregator gets it at that moment (an
// id linked later never reaches an earlier observation), and the annotations judged against the truth.
// Judged per opted-in shopper over all the path the cameras saw of them (every fragment): the share of
// that time carrying their own ids and never another's. Staff: a staff track counts as a shopper when any
// of its observations was published unflagged — in a window that closed (end + the gateway's grace)
// before fusion flagged it — not only when it was never flagged. Pure.

import { ROTATION_SLOT_MS, type RotatingIdFor, rotatingIdsBetween } from '@retail/contracts';
import type { TrackObservation } from '../../core/aggregation/track-observation.js';
import type { DayTruth } from '../../simulator/truth.js';
import type { BeaconFix } from '../ble-types.js';
import type { FusionOptions } from './fusion-options.js';
import { idsAtWindowClose, replayFusion } from './fusion-replay.js';
import type { FusionSite } from './fusion-site.js';
import type { FusionCounters } from './track-fusion.js';
import { ownersByProximity } from './track-owners.js';
import type { TrackOwner } from './truth-streams.js';

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
   * gateway's grace with BLE): a staff track's unflagged observations in a window that is still open
   * when the track is flagged are purged by the aggregator; only those of windows closed before are published.
   */
  aggregationWindowMs?: number;
  aggregationGraceMs?: number;
  slotMs?: number;
}

export interface LinkingReport {
  /** Opted-in shoppers seen by a camera. */
  optedInShoppers: number;
  /** …whose own ids cover at least minLinkedShare of their observed time and who never carry another's id. */
  linkedRight: number;
  linkedRightShare: number;
  /** Mean over opted-in shoppers of the share of observed time carrying their own ids only. */
  meanOwnIdTimeShare: number;
  /** Opted-in shoppers whose own ids cover at least each share of their observed time, never another's. */
  ownIdCoverage: { atLeast: number; shoppers: number; share: number }[];
  /** Opted-in shoppers who carried someone else's id at some point. */
  optedInWithForeignIds: number;
  /**
   * A projection, not what the gateway publishes today: ownIdCoverage if the aggregator gave each
   * observation the ids its track has when the observation's window closes (end + grace), as it already
   * does with the staff flag, instead of those it had when observed. Causal within the existing grace.
   */
  ownIdCoverageAtWindowClose: { atLeast: number; shoppers: number; share: number }[];
  /** Distinct (track, rotating id) associations that reached the aggregator (staff tracks' unflagged ones included), and how many were wrong. */
  links: number;
  wrongLinks: number;
  wrongLinkRate: number;
  /** Of observed time carrying any id, the share carrying an id not the person's own. */
  wrongIdTimeShare: number;
  /** Shoppers (opted in or not) who carried someone else's id at some point. */
  shoppersWithForeignIds: number;
  staffTracks: number;
  staffObservations: number;
  /** Staff observations that went to the aggregator unflagged, and the staff tracks they belong to. */
  staffEscapedObservations: number;
  staffEscapedTracks: number;
  /** …of those, the ones in windows closed before the track was flagged: published as a shopper. */
  staffPublishedObservations: number;
  /** Staff tracks never flagged at all (counted as a shopper whatever the aggregation window). */
  staffTracksNeverFlagged: number;
  /** Staff tracks with any observation published as a shopper's (never flagged, or flagged too late). */
  staffTracksCountedAsShoppers: number;
  /** Distinct staff members with such a track: the "staff counted as shoppers". */
  staffCountedAsShoppers: number;
  /** Share of shopper observed time flagged as staff (lost to analytics). */
  shopperTimeLostAsStaff: number;
  /** Tracks without a known owner (not judged). */
  unownedTracks: number;
  counters: FusionCounters;
}

/** Coverage levels reported in ownIdCoverage. */
const COVERAGE_LEVELS = [0.5, 0.8, 0.9] as const;
/** Time an observation stands for at most (a longer gap is the tracker being blind), ms. */
const MAX_WEIGHT_MS = 1000;

export function evaluateLinking(input: LinkingEvalInput): LinkingReport {
  const owners = input.owners ?? ownersByProximity(input.day, input.observations);
  const annotated = replayFusion(input);
  const fusion = annotated.fusion;
  const windowMs = input.aggregationWindowMs ?? 60_000;
  const graceMs = input.aggregationGraceMs ?? 60_000;
  const atClose = idsAtWindowClose(annotated.observations, windowMs, graceMs);
  const ownIds = ownIdsOf(input);
  const ownerKey = (o: TrackOwner) => (o.kind === 'shopper' ? `s:${o.sessionId}` : `st:${o.staffId}`);

  const person = new Map<
    string,
    {
      observed: number;
      own: number;
      foreign: number;
      staffed: number;
      ownAtClose: number;
      foreignAtClose: number;
    }
  >();
  const staffTracks = new Map<
    string,
    { staffId: string; flagged: boolean; escaped: boolean; flaggedAt?: number; unflagged: number[] }
  >();
  const pairs = new Map<string, boolean>();
  let staffObservations = 0;
  let staffEscaped = 0;
  let idTime = 0;
  let foreignIdTime = 0;
  const unowned = new Set<string>();
  const prevTs = new Map<string, number>();
  annotated.observations.forEach((obs, index) => {
    const prev = prevTs.get(obs.trackId);
    prevTs.set(obs.trackId, obs.ts);
    const w = prev === undefined ? 0 : Math.min(MAX_WEIGHT_MS, obs.ts - prev);
    const owner = owners.get(obs.trackId);
    if (!owner) {
      unowned.add(obs.trackId);
      return;
    }
    if (owner.kind === 'staff') {
      staffObservations++;
      const s = staffTracks.get(obs.trackId) ?? {
        staffId: owner.staffId,
        flagged: false,
        escaped: false,
        unflagged: [],
      };
      if (obs.staff) {
        s.flagged = true;
        s.flaggedAt ??= obs.ts;
      } else {
        s.escaped = true;
        staffEscaped++;
        s.unflagged.push(obs.ts);
        // A shopper's id on a staff track is a wrong link like any other.
        for (const id of obs.rotatingIds ?? []) pairs.set(`${obs.trackId}\0${id}`, false);
      }
      staffTracks.set(obs.trackId, s);
      return;
    }
    const mine = ownIds.get(owner.sessionId) ?? new Set<string>();
    const p = person.get(ownerKey(owner)) ?? {
      observed: 0,
      own: 0,
      foreign: 0,
      staffed: 0,
      ownAtClose: 0,
      foreignAtClose: 0,
    };
    person.set(ownerKey(owner), p);
    p.observed += w;
    if (obs.staff) p.staffed += w;
    const closing = atClose[index] ?? [];
    if (closing.some((id) => !mine.has(id))) p.foreignAtClose += w;
    else if (closing.length > 0) p.ownAtClose += w;
    const ids = obs.staff ? [] : (obs.rotatingIds ?? []);
    if (ids.length === 0) return;
    idTime += w;
    const foreign = ids.some((id) => !mine.has(id));
    if (foreign) {
      p.foreign += w;
      foreignIdTime += w;
    } else p.own += w;
    for (const id of ids) pairs.set(`${obs.trackId}\0${id}`, mine.has(id));
  });

  let optedIn = 0;
  let linkedRight = 0;
  let shareSum = 0;
  let withForeign = 0;
  let optedInWithForeign = 0;
  const covered = COVERAGE_LEVELS.map(() => 0);
  const coveredAtClose = COVERAGE_LEVELS.map(() => 0);
  let shopperTime = 0;
  let staffedTime = 0;
  for (const s of input.day.shoppers) {
    const p = person.get(`s:${s.sessionId}`);
    if (!p) continue;
    shopperTime += p.observed;
    staffedTime += p.staffed;
    if (p.foreign > 0) withForeign++;
    if (!ownIds.has(s.sessionId) || p.observed <= 0) continue;
    optedIn++;
    const share = p.own / p.observed;
    shareSum += share;
    if (p.foreign > 0) optedInWithForeign++;
    if (share >= (input.minLinkedShare ?? 0.5) && p.foreign === 0) linkedRight++;
    const shareAtClose = p.ownAtClose / p.observed;
    COVERAGE_LEVELS.forEach((level, i) => {
      if (share >= level && p.foreign === 0) covered[i] = (covered[i] ?? 0) + 1;
      if (shareAtClose >= level && p.foreignAtClose === 0) coveredAtClose[i] = (coveredAtClose[i] ?? 0) + 1;
    });
  }
  const wrongLinks = [...pairs.values()].filter((right) => !right).length;
  const tracks = [...staffTracks.values()];
  let staffPublished = 0;
  const countedTracks = tracks.filter((t) => {
    const flaggedAt = t.flaggedAt ?? Infinity;
    const closedAt = (ts: number) => (Math.floor(ts / windowMs) + 1) * windowMs + graceMs;
    const published = t.unflagged.filter((ts) => closedAt(ts) <= flaggedAt).length;
    staffPublished += published;
    return published > 0 || !t.flagged;
  });
  return {
    optedInShoppers: optedIn,
    linkedRight,
    linkedRightShare: ratio(linkedRight, optedIn),
    meanOwnIdTimeShare: ratio(shareSum, optedIn),
    ownIdCoverage: COVERAGE_LEVELS.map((atLeast, i) => ({
      atLeast,
      shoppers: covered[i] ?? 0,
      share: ratio(covered[i] ?? 0, optedIn),
    })),
    optedInWithForeignIds: optedInWithForeign,
    ownIdCoverageAtWindowClose: COVERAGE_LEVELS.map((atLeast, i) => ({
      atLeast,
      shoppers: coveredAtClose[i] ?? 0,
      share: ratio(coveredAtClose[i] ?? 0, optedIn),
    })),
    links: pairs.size,
    wrongLinks,
    wrongLinkRate: ratio(wrongLinks, pairs.size),
    wrongIdTimeShare: ratio(foreignIdTime, idTime),
    shoppersWithForeignIds: withForeign,
    staffTracks: tracks.length,
    staffObservations,
    staffEscapedObservations: staffEscaped,
    staffEscapedTracks: tracks.filter((t) => t.escaped).length,
    staffPublishedObservations: staffPublished,
    staffTracksNeverFlagged: tracks.filter((t) => !t.flagged).length,
    staffTracksCountedAsShoppers: countedTracks.length,
    staffCountedAsShoppers: new Set(countedTracks.map((t) => t.staffId)).size,
    shopperTimeLostAsStaff: ratio(staffedTime, shopperTime),
    unownedTracks: unowned.size,
    counters: { ...fusion.counters },
  };
}

function ratio(a: number, b: number): number {
  return b > 0 ? a / b : 0;
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
