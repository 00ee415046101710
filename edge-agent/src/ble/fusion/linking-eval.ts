// How well fusion links camera tracks to the people's own beacons on a day whose truth is known: the
// observations and fixes (synthetic from truth-streams.ts, or a real positioner's fixes later) are fed
// to a TrackFusion in time order, every observation annotated as the aggregator would get it, and the
// annotations judged against the truth. Pure.

import { ROTATION_SLOT_MS, type RotatingIdFor, rotatingIdsBetween } from '@retail/contracts';
import type { TrackObservation } from '../../core/aggregation/track-observation.js';
import { Population } from '../../emulator/population.js';
import type { DayTruth } from '../../simulator/truth.js';
import type { BeaconFix } from '../ble-types.js';
import type { FusionOptions } from './fusion-options.js';
import { type FusionCounters, TrackFusion } from './track-fusion.js';
import type { TrackOwner } from './truth-streams.js';

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
  /** A fix reaches fusion this long after its timestamp, ms (0). */
  fixDelayMs?: number;
  /** An opted-in shopper counts as linked when at least this share of their observed time carries their own id (0.5). */
  minLinkedShare?: number;
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
  /** Distinct (track, rotating id) associations that reached the aggregator, and how many were wrong. */
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
  /** Share of shopper observed time flagged as staff (lost to analytics). */
  shopperTimeLostAsStaff: number;
  /** Tracks without a known owner (not judged). */
  unownedTracks: number;
  counters: FusionCounters;
}

const OWNER_RADIUS_M = 1.5;
/** Time an observation stands for at most (a longer gap is the tracker being blind), ms. */
const MAX_WEIGHT_MS = 1000;

export function evaluateLinking(input: LinkingEvalInput): LinkingReport {
  const owners = input.owners ?? ownersByProximity(input.day, input.observations);
  const annotated = runFusion(input);
  const fusion = annotated.fusion;
  const ownIds = ownIdsOf(input);
  const ownerKey = (o: TrackOwner) => (o.kind === 'shopper' ? `s:${o.sessionId}` : `st:${o.staffId}`);

  const person = new Map<string, { observed: number; own: number; foreign: number; staffed: number }>();
  const staffTracks = new Map<
    string,
    { flagged: boolean; escaped: boolean; flaggedAt?: number; unflagged: number[] }
  >();
  const pairs = new Map<string, boolean>();
  let staffObservations = 0;
  let staffEscaped = 0;
  let idTime = 0;
  let foreignIdTime = 0;
  const unowned = new Set<string>();
  const prevTs = new Map<string, number>();
  for (const obs of annotated.observations) {
    const prev = prevTs.get(obs.trackId);
    prevTs.set(obs.trackId, obs.ts);
    const w = prev === undefined ? 0 : Math.min(MAX_WEIGHT_MS, obs.ts - prev);
    const owner = owners.get(obs.trackId);
    if (!owner) {
      unowned.add(obs.trackId);
      continue;
    }
    if (owner.kind === 'staff') {
      staffObservations++;
      const s = staffTracks.get(obs.trackId) ?? { flagged: false, escaped: false, unflagged: [] };
      if (obs.staff) {
        s.flagged = true;
        s.flaggedAt ??= obs.ts;
      } else {
        s.escaped = true;
        staffEscaped++;
        s.unflagged.push(obs.ts);
      }
      staffTracks.set(obs.trackId, s);
      continue;
    }
    const mine = ownIds.get(owner.sessionId) ?? new Set<string>();
    const p = person.get(ownerKey(owner)) ?? { observed: 0, own: 0, foreign: 0, staffed: 0 };
    person.set(ownerKey(owner), p);
    p.observed += w;
    if (obs.staff) p.staffed += w;
    const ids = obs.staff ? [] : (obs.rotatingIds ?? []);
    if (ids.length === 0) continue;
    idTime += w;
    const foreign = ids.some((id) => !mine.has(id));
    if (foreign) {
      p.foreign += w;
      foreignIdTime += w;
    } else p.own += w;
    for (const id of ids) pairs.set(`${obs.trackId}\0${id}`, mine.has(id));
  }

  let optedIn = 0;
  let linkedRight = 0;
  let shareSum = 0;
  let withForeign = 0;
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
    if (share >= (input.minLinkedShare ?? 0.5) && p.foreign === 0) linkedRight++;
  }
  const wrongLinks = [...pairs.values()].filter((right) => !right).length;
  const tracks = [...staffTracks.values()];
  const windowMs = input.aggregationWindowMs ?? 60_000;
  const graceMs = input.aggregationGraceMs ?? 60_000;
  let staffPublished = 0;
  for (const t of tracks) {
    const flaggedAt = t.flaggedAt ?? Infinity;
    const closedAt = (ts: number) => (Math.floor(ts / windowMs) + 1) * windowMs + graceMs;
    staffPublished += t.unflagged.filter((ts) => closedAt(ts) <= flaggedAt).length;
  }
  return {
    optedInShoppers: optedIn,
    linkedRight,
    linkedRightShare: ratio(linkedRight, optedIn),
    meanOwnIdTimeShare: ratio(shareSum, optedIn),
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
    shopperTimeLostAsStaff: ratio(staffedTime, shopperTime),
    unownedTracks: unowned.size,
    counters: { ...fusion.counters },
  };
}

function ratio(a: number, b: number): number {
  return b > 0 ? a / b : 0;
}

/** Feeds fusion in time order (fixes at ts + delay, before observations of the same instant) and annotates. */
function runFusion(input: LinkingEvalInput): { fusion: TrackFusion; observations: TrackObservation[] } {
  const fusion = new TrackFusion(input.fusion);
  const delay = input.fixDelayMs ?? 0;
  const observations = [...input.observations].sort((a, b) => a.ts - b.ts);
  const fixes = [...input.fixes].sort((a, b) => a.ts - b.ts);
  const lastTs = new Map<string, number>();
  for (const o of observations) lastTs.set(o.trackId, o.ts);
  const out: TrackObservation[] = [];
  let j = 0;
  for (const obs of observations) {
    while (j < fixes.length && fixes[j]!.ts + delay <= obs.ts) fusion.observeFix(fixes[j++]!);
    fusion.observeTrack(obs);
    out.push(fusion.annotate(obs));
    if (lastTs.get(obs.trackId) === obs.ts) fusion.endTrack(obs.trackId);
  }
  return { fusion, observations: out };
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

/** The person nearest to most of a track's observations (every 5th looked at). */
export function ownersByProximity(
  day: Pick<DayTruth, 'shoppers' | 'staff'>,
  observations: readonly TrackObservation[],
): Map<string, TrackOwner> {
  const population = new Population(day);
  const who: TrackOwner[] = [
    ...day.shoppers
      .filter((s) => s.trajectory)
      .map((s) => ({ kind: 'shopper', sessionId: s.sessionId }) as const),
    ...day.staff.filter((s) => s.trajectory).map((s) => ({ kind: 'staff', staffId: s.staffId }) as const),
  ];
  const votes = new Map<string, Map<number, number>>();
  const seen = new Map<string, number>();
  for (const obs of observations) {
    const k = (seen.get(obs.trackId) ?? 0) + 1;
    seen.set(obs.trackId, k);
    if (k % 5 !== 1) continue;
    let best = -1;
    let bestD = OWNER_RADIUS_M;
    for (const p of population.at(obs.ts)) {
      const d = Math.hypot(p.x - obs.x, p.y - obs.y);
      if (d < bestD) {
        bestD = d;
        best = p.person;
      }
    }
    if (best < 0) continue;
    const v = votes.get(obs.trackId) ?? new Map<number, number>();
    votes.set(obs.trackId, v);
    v.set(best, (v.get(best) ?? 0) + 1);
  }
  const owners = new Map<string, TrackOwner>();
  for (const [trackId, v] of votes) {
    const [person] = [...v.entries()].reduce((a, b) => (b[1] > a[1] ? b : a));
    const owner = who[person];
    if (owner) owners.set(trackId, owner);
  }
  return owners;
}
