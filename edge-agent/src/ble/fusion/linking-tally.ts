// Judges one view of a replayed day — the observations as the aggregator would aggregate them, with the
// ids and staff flag they carry — against the truth: per opted-in shopper the share of their observed
// time carrying their own ids and never another's, the (track, id) links and how many are wrong, and the
// staff members counted as shoppers. linking-eval.ts runs it on two views: ids as known when each
// observation arrived, and as known when its window closed (what the gateway publishes). Pure.
import type { TrackObservation } from '../../core/aggregation/track-observation.js';
import type { DayTruth } from '../../simulator/truth.js';
import type { TrackOwner } from './truth-streams.js';

/** Coverage levels reported in ownIdCoverage. */
const COVERAGE_LEVELS = [0.5, 0.8, 0.9] as const;
/** Time an observation stands for at most (a longer gap is the tracker being blind), ms. */
const MAX_WEIGHT_MS = 1000;

export interface LinkingFigures {
  /** Opted-in shoppers whose own ids cover at least minLinkedShare of their observed time, never another's. */
  linkedRight: number;
  linkedRightShare: number;
  /** Mean over opted-in shoppers of the share of observed time carrying their own ids only. */
  meanOwnIdTimeShare: number;
  /** Opted-in shoppers whose own ids cover at least each share of their observed time, never another's. */
  ownIdCoverage: { atLeast: number; shoppers: number; share: number }[];
  /** Opted-in shoppers who carried someone else's id at some point. */
  optedInWithForeignIds: number;
  /** Distinct (track, rotating id) associations aggregated (staff tracks' unflagged ones included), and how many were wrong. */
  links: number;
  wrongLinks: number;
  wrongLinkRate: number;
  /** Of observed time carrying any id, the share carrying an id not the person's own. */
  wrongIdTimeShare: number;
  /** Shoppers (opted in or not) who carried someone else's id at some point. */
  shoppersWithForeignIds: number;
  /** Staff observations aggregated unflagged, and the staff tracks they belong to. */
  staffUnflaggedObservations: number;
  staffUnflaggedTracks: number;
  /** …of those, the ones published as a shopper's (see TallyInput.published). */
  staffPublishedObservations: number;
  /** Staff tracks never flagged in this view. */
  staffTracksNeverFlagged: number;
  /** Staff tracks with any observation published as a shopper's, and the distinct staff members behind them. */
  staffTracksCountedAsShoppers: number;
  staffCountedAsShoppers: number;
  /** Share of shopper observed time flagged as staff (lost to analytics). */
  shopperTimeLostAsStaff: number;
}

export interface TallyInput {
  day: Pick<DayTruth, 'shoppers'>;
  owners: ReadonlyMap<string, TrackOwner>;
  /** Each opted-in shopper's own rotating ids, by session. */
  ownIds: ReadonlyMap<string, ReadonlySet<string>>;
  /** Observations in time order, as this view aggregates them. */
  observations: readonly TrackObservation[];
  /** The view of observation `i` (default the observation itself). */
  view?: (obs: TrackObservation, i: number) => TrackObservation;
  /** Whether a staff track's unflagged observation at `ts` is published, the track first flagged at `flaggedAt` (Infinity: never). */
  published: (ts: number, flaggedAt: number) => boolean;
  minLinkedShare: number;
}

interface PersonTime {
  observed: number;
  own: number;
  foreign: number;
  staffed: number;
}

interface StaffTrack {
  staffId: string;
  flaggedAt?: number;
  unflagged: number[];
}

export function tallyLinking(
  input: TallyInput,
): LinkingFigures & { optedInShoppers: number; unowned: number } {
  const { owners, ownIds } = input;
  const person = new Map<string, PersonTime>();
  const staffTracks = new Map<string, StaffTrack>();
  const pairs = new Map<string, boolean>();
  let idTime = 0;
  let foreignIdTime = 0;
  const unowned = new Set<string>();
  const prevTs = new Map<string, number>();
  input.observations.forEach((received, i) => {
    const obs = input.view ? input.view(received, i) : received;
    const prev = prevTs.get(obs.trackId);
    prevTs.set(obs.trackId, obs.ts);
    const w = prev === undefined ? 0 : Math.min(MAX_WEIGHT_MS, obs.ts - prev);
    const owner = owners.get(obs.trackId);
    if (!owner) {
      unowned.add(obs.trackId);
      return;
    }
    if (owner.kind === 'staff') {
      const s = staffTracks.get(obs.trackId) ?? { staffId: owner.staffId, unflagged: [] };
      staffTracks.set(obs.trackId, s);
      if (obs.staff) s.flaggedAt ??= obs.ts;
      else {
        s.unflagged.push(obs.ts);
        // A shopper's id on a staff track is a wrong link like any other.
        for (const id of obs.rotatingIds ?? []) pairs.set(`${obs.trackId}\0${id}`, false);
      }
      return;
    }
    const key = owner.sessionId;
    const p = person.get(key) ?? { observed: 0, own: 0, foreign: 0, staffed: 0 };
    person.set(key, p);
    p.observed += w;
    if (obs.staff) p.staffed += w;
    const ids = obs.staff ? [] : (obs.rotatingIds ?? []);
    if (ids.length === 0) return;
    const mine = ownIds.get(key);
    idTime += w;
    const foreign = ids.some((id) => !mine?.has(id));
    if (foreign) {
      p.foreign += w;
      foreignIdTime += w;
    } else p.own += w;
    for (const id of ids) pairs.set(`${obs.trackId}\0${id}`, mine?.has(id) ?? false);
  });

  let optedIn = 0;
  let linkedRight = 0;
  let shareSum = 0;
  let withForeign = 0;
  let optedInWithForeign = 0;
  const covered = COVERAGE_LEVELS.map(() => 0);
  let shopperTime = 0;
  let staffedTime = 0;
  for (const s of input.day.shoppers) {
    const p = person.get(s.sessionId);
    if (!p) continue;
    shopperTime += p.observed;
    staffedTime += p.staffed;
    if (p.foreign > 0) withForeign++;
    if (!ownIds.has(s.sessionId) || p.observed <= 0) continue;
    optedIn++;
    const share = p.own / p.observed;
    shareSum += share;
    if (p.foreign > 0) optedInWithForeign++;
    if (share >= input.minLinkedShare && p.foreign === 0) linkedRight++;
    COVERAGE_LEVELS.forEach((level, i) => {
      if (share >= level && p.foreign === 0) covered[i] = (covered[i] ?? 0) + 1;
    });
  }
  const wrongLinks = [...pairs.values()].filter((right) => !right).length;
  const tracks = [...staffTracks.values()];
  let staffPublished = 0;
  const counted = tracks.filter((t) => {
    const flaggedAt = t.flaggedAt ?? Number.POSITIVE_INFINITY;
    const published = t.unflagged.filter((ts) => input.published(ts, flaggedAt)).length;
    staffPublished += published;
    return published > 0;
  });
  return {
    optedInShoppers: optedIn,
    unowned: unowned.size,
    linkedRight,
    linkedRightShare: ratio(linkedRight, optedIn),
    meanOwnIdTimeShare: ratio(shareSum, optedIn),
    ownIdCoverage: COVERAGE_LEVELS.map((atLeast, i) => ({
      atLeast,
      shoppers: covered[i] ?? 0,
      share: ratio(covered[i] ?? 0, optedIn),
    })),
    optedInWithForeignIds: optedInWithForeign,
    links: pairs.size,
    wrongLinks,
    wrongLinkRate: ratio(wrongLinks, pairs.size),
    wrongIdTimeShare: ratio(foreignIdTime, idTime),
    shoppersWithForeignIds: withForeign,
    staffUnflaggedObservations: tracks.reduce((n, t) => n + t.unflagged.length, 0),
    staffUnflaggedTracks: tracks.filter((t) => t.unflagged.length > 0).length,
    staffPublishedObservations: staffPublished,
    staffTracksNeverFlagged: tracks.filter((t) => t.flaggedAt === undefined).length,
    staffTracksCountedAsShoppers: counted.length,
    staffCountedAsShoppers: new Set(counted.map((t) => t.staffId)).size,
    shopperTimeLostAsStaff: ratio(staffedTime, shopperTime),
  };
}

function ratio(a: number, b: number): number {
  return b > 0 ? a / b : 0;
}
