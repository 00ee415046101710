// What camera–beacon fusion remembers between calls: per camera track and per registered beacon, their
// evidence, links and chaining, plus the clock, the counters and the learnt error scale. The rule
// modules (fix-scoring, link-rules, link-breaking, fragment-chaining, staff-suspicion, fusion-expiry)
// read and change it; TrackFusion (track-fusion.ts) owns one and drives them in time order.
import type { TrackObservation } from '../../core/aggregation/track-observation.js';
import type { BeaconFix, BeaconRole } from '../ble-types.js';
import type { FusionOptions } from './fusion-options.js';
import type { FusionSite } from './fusion-site.js';
import type { PairEvidence } from './pair-evidence.js';
import { TrackHistory } from './track-history.js';

/** What fusion says about a camera track. */
export interface TrackIdentity {
  /** Linked to a staff tag (or a calibration phone), or suspected staff: excluded from every output. */
  staff: boolean;
  /** The 16-hex rotating ids of every loyalty beacon linked to the track, oldest first. */
  rotatingIds: string[];
}

export interface FusionCounters {
  /** Links made. */
  linked: number;
  /** Times (at most once a bucket per beacon) a beacon's best pair was held back by a rival too close. */
  ambiguous: number;
  /** Links broken by evidence against them. */
  broken: number;
  /** Evidence buckets passed. */
  windows: number;
  /** Tracks treated as staff on suspicion (near a free staff tag while young and unlinked). */
  suspectedStaff: number;
  /** Tracks treated as staff for staying in a staff-only area. */
  staffByArea: number;
  /** Observations or fixes ignored: older than the track's last, or not finite. */
  ignored: number;
  /** Tracks taken as the next fragment of one that ended (inheriting its evidence and links). */
  chained: number;
}

export interface TrackState {
  history: TrackHistory;
  firstTs: number;
  lastTs: number;
  first: [number, number];
  last: [number, number];
  /** The fragment this one continues, and the one continuing it (tracklet chaining). */
  prev?: string;
  next?: string;
  /** When the chain of fragments this track ends began. */
  chainFirstTs: number;
  /** The beacons linked when the track ended, for its continuation to take over. */
  endLinks: string[];
  /** Free beacons whose best live candidate the track was when it ended (vouched-chaining.ts). */
  endLeads: string[];
  ended: boolean;
  /** Linked to a staff tag or calibration phone, or suspected: stays so for the track's life. */
  staff: boolean;
  /** Since when it has been in a staff-only area without leaving it (staff-suspicion.ts). */
  staffAreaSince?: number | undefined;
  rotatingIds: string[];
  /** Beacons linked now, with the time each was linked. */
  links: Map<string, number>;
  /** Beacons whose link ended because the beacon fell silent, and when it was last heard. */
  silentLinks: Map<string, { role: BeaconRole; lastTs: number }>;
  /** Evidence per candidate beacon (shared with the beacon's map). */
  pairs: Map<string, PairEvidence>;
}

/** What identityOf still tells about a track fusion forgot (fusion-expiry.ts); nothing else uses it. */
export interface RetiredTrack {
  lastTs: number;
  staff: boolean;
  rotatingIds: string[];
  next?: string;
}

export interface BeaconState {
  role: BeaconRole;
  firstTs: number;
  lastTs: number;
  /** The track it is linked to now. */
  link?: string;
  /** When its linked track ended, for picking up the person's next track. */
  lostTrack?: number;
  /** Evidence per candidate track. */
  pairs: Map<string, PairEvidence>;
  /** Fixes of the last staffFixMaxAgeMs (for staff suspicion). */
  recent: BeaconFix[];
  /** The last bucket in which it was counted ambiguous. */
  ambiguousBucket?: number;
}

export class FusionState {
  readonly counters: FusionCounters = {
    linked: 0,
    ambiguous: 0,
    broken: 0,
    windows: 0,
    suspectedStaff: 0,
    staffByArea: 0,
    ignored: 0,
    chained: 0,
  };
  readonly tracks = new Map<string, TrackState>();
  readonly beacons = new Map<string, BeaconState>();
  /** Forgotten tracks' identities, for identityRetentionMs. */
  readonly retired = new Map<string, RetiredTrack>();
  /** The latest time seen in any observation or fix, ms. */
  clock = Number.NEGATIVE_INFINITY;
  /** How much larger the positioner's errors are than its sigmas say (squared), learnt from linked pairs. */
  errorScale: number;

  constructor(
    readonly options: FusionOptions,
    readonly site: FusionSite,
  ) {
    this.errorScale = options.initialErrorScale;
  }

  /** A live (not ended) track, or undefined. */
  liveTrack(trackId: string): TrackState | undefined {
    const t = this.tracks.get(trackId);
    return t && !t.ended ? t : undefined;
  }
}

const EID = /^eid:([0-9a-f]{16})$/;

/** The 16-hex rotating id of a loyalty beacon id (`eid:…`), else undefined. */
export function rotatingIdOf(beacon: string): string | undefined {
  return EID.exec(beacon)?.[1];
}

/** A track first seen in `obs`. */
export function newTrack(obs: TrackObservation, maxGapMs: number): TrackState {
  return {
    history: new TrackHistory(maxGapMs),
    firstTs: obs.ts,
    lastTs: obs.ts,
    first: [obs.x, obs.y],
    last: [obs.x, obs.y],
    chainFirstTs: obs.ts,
    endLinks: [],
    endLeads: [],
    ended: false,
    staff: false,
    rotatingIds: [],
    links: new Map(),
    silentLinks: new Map(),
    pairs: new Map(),
  };
}

/** The track ended (for good, or taken over by its continuation): its links end, its beacons are free. */
export function endTrack(s: FusionState, trackId: string, t: TrackState): void {
  t.ended = true;
  t.endLinks = [...t.links.keys()];
  t.endLeads = [...t.pairs.keys()].filter((beacon) => leads(s, beacon, trackId));
  for (const beacon of t.links.keys()) {
    const b = s.beacons.get(beacon);
    if (b?.link === trackId) {
      b.link = undefined;
      b.lostTrack = t.lastTs;
    }
  }
  t.links.clear();
}

/** Whether the track is the free beacon's best live candidate, with enough fixes and better than nobody. */
function leads(s: FusionState, beacon: string, trackId: string): boolean {
  const b = s.beacons.get(beacon);
  const mine = b?.pairs.get(trackId);
  if (!b || !mine || b.link !== undefined || mine.n < s.options.minLinkFixes) return false;
  const score = (n: number, sum: number) => s.options.nullCost * n - sum;
  const own = score(mine.n, mine.sum);
  if (own <= 0) return false;
  for (const [other, pair] of b.pairs)
    if (other !== trackId && s.liveTrack(other) && score(pair.n, pair.sum) >= own) return false;
  return true;
}

/** A link whose beacon fell silent: no longer live, but its rotating id stays on the track. */
export function retireLink(s: FusionState, beacon: string, t: TrackState): void {
  const b = s.beacons.get(beacon);
  t.links.delete(beacon);
  if (!b) return;
  t.silentLinks.set(beacon, { role: b.role, lastTs: b.lastTs });
  b.link = undefined;
}
