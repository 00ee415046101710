// Camera–beacon fusion: which anonymous camera track carries which registered beacon (a staff tag, the
// loyalty app's rotating id). This class only keeps time and dispatches; each rule lives in its module:
//   fix-scoring.ts        a settled fix becomes (track, beacon) evidence (pair-scoring.ts, pair-evidence.ts)
//   link-rules.ts         when a beacon links to a track (margins, beyond-chance test, handovers)
//   staff-tag-groups.ts   staff tags walking together: all their tracks are staff
//   link-breaking.ts      when a link breaks
//   fragment-chaining.ts  which new track continues one that ended, and what it inherits
//   vouched-chaining.ts   …across a gap too long for geometry, by the beacon the ended track carried
//   staff-suspicion.ts    tracks staying in a staff-only area; young tracks near a free staff tag (off)
//   fusion-expiry.ts      timeouts, dropped candidates, forgetting
//   fusion-site.ts        the store's doors and staff-only areas; fusion-state.ts what is remembered
// Pure: time comes only from the observations and fixes themselves; a fix is used once settleMs has
// passed after it, never later information than that.
import type { TrackObservation } from '../../core/aggregation/track-observation.js';
import type { BeaconFix } from '../ble-types.js';
import { scoreFix } from './fix-scoring.js';
import { FragmentChainer } from './fragment-chaining.js';
import { expire } from './fusion-expiry.js';
import { type FusionOptions, fusionOptions } from './fusion-options.js';
import { type FusionSite, NO_SITE } from './fusion-site.js';
import {
  endTrack,
  type FusionCounters,
  FusionState,
  newTrack,
  type TrackIdentity,
  type TrackState,
} from './fusion-state.js';
import { weighLink } from './link-breaking.js';
import { maybeLink } from './link-rules.js';
import { inStaffArea, suspectStaff } from './staff-suspicion.js';

export type { FusionCounters, TrackIdentity } from './fusion-state.js';

export class TrackFusion {
  readonly options: FusionOptions;
  readonly #s: FusionState;
  readonly #chainer: FragmentChainer;
  /** Fixes waiting to settle, in time order. */
  #pending: BeaconFix[] = [];
  #bucket: number | undefined;

  /** `site` tells where the doors are (fusion-site.ts `siteOfLayout`); without it no door rule applies. */
  constructor(options: Partial<FusionOptions> = {}, site: FusionSite = NO_SITE) {
    this.options = fusionOptions(options);
    this.#s = new FusionState(this.options, site);
    this.#chainer = new FragmentChainer(this.#s);
  }

  get counters(): FusionCounters {
    return this.#s.counters;
  }

  /** The learnt error scale (1: the fixes' sigmas are honest). */
  get errorScale(): number {
    return this.#s.errorScale;
  }

  /** A camera track's position. */
  observeTrack(obs: TrackObservation): void {
    const s = this.#s;
    if (
      !Number.isFinite(obs.ts) ||
      !Number.isFinite(obs.x) ||
      !Number.isFinite(obs.y) ||
      obs.trackId === ''
    ) {
      s.counters.ignored++;
      return;
    }
    let t = s.tracks.get(obs.trackId);
    if (!t) {
      t = newTrack(obs, this.options.maxGapMs);
      s.tracks.set(obs.trackId, t);
      this.#chainer.trackStarted(obs.trackId, obs.ts);
    }
    if (t.ended || !t.history.push(obs.ts, obs.x, obs.y)) {
      s.counters.ignored++;
      return;
    }
    t.lastTs = obs.ts;
    t.last = [obs.x, obs.y];
    if (obs.staff) t.staff = true;
    if (inStaffArea(s, t, obs) && !t.staff) {
      t.staff = true;
      s.counters.staffByArea++;
    }
    this.#advance(obs.ts);
  }

  /** A beacon's position estimate (only registered beacons reach fusion). */
  observeFix(fix: BeaconFix): void {
    const s = this.#s;
    if (![fix.ts, fix.x, fix.y, fix.sigmaM].every(Number.isFinite) || fix.beacon === '') {
      s.counters.ignored++;
      return;
    }
    let b = s.beacons.get(fix.beacon);
    if (!b) {
      b = { role: fix.role, firstTs: fix.ts, lastTs: fix.ts, pairs: new Map(), recent: [] };
      s.beacons.set(fix.beacon, b);
    }
    b.lastTs = Math.max(b.lastTs, fix.ts);
    if (b.role !== 'loyalty') {
      b.recent.push(fix);
      const oldest = fix.ts - this.options.staffFixMaxAgeMs;
      while (b.recent.length > 0 && (b.recent[0] as BeaconFix).ts < oldest) b.recent.shift();
    }
    // Fixes come about in time order; a stray older one is placed where it belongs.
    let i = this.#pending.length;
    while (i > 0 && (this.#pending[i - 1] as BeaconFix).ts > fix.ts) i--;
    this.#pending.splice(i, 0, fix);
    this.#advance(fix.ts);
  }

  /** The camera lost the track for good: its links end (the beacon may be picked up by a next track). */
  endTrack(trackId: string): void {
    const t = this.#s.tracks.get(trackId);
    if (t && !t.ended) endTrack(this.#s, trackId, t);
  }

  /** The observation with what fusion knows about its track: staff, or the rotating ids linked so far. */
  annotate(obs: TrackObservation): TrackObservation {
    const s = this.#s;
    const t = s.tracks.get(obs.trackId);
    if (t && !t.staff && suspectStaff(s, t, obs)) {
      t.staff = true;
      s.counters.suspectedStaff++;
    }
    if (obs.staff || t?.staff) {
      const { rotatingIds: _dropped, ...rest } = obs;
      return { ...rest, staff: true };
    }
    const ids = new Set([...(obs.rotatingIds ?? []), ...(t?.rotatingIds ?? [])]);
    return ids.size > 0 ? { ...obs, rotatingIds: [...ids] } : obs;
  }

  /**
   * What fusion says about a track now; undefined for a track it never saw or forgot (identityRetentionMs
   * after its last observation). A fragment that was continued is the person its chain became: the latest
   * fragment knows most (ids linked since, broken links gone, a staff flag), and the aggregator's held
   * observations of the earlier one get that at window close.
   */
  identityOf(trackId: string): TrackIdentity | undefined {
    const t = this.#s.tracks.get(trackId) ?? this.#s.retired.get(trackId);
    if (!t) return undefined;
    const head = chainHead(this.#s, t);
    const staff = t.staff || head.staff;
    return { staff, rotatingIds: staff ? [] : [...head.rotatingIds] };
  }

  /** Scores every fix that has settled by `ts` (observations and fixes advance the clock themselves). */
  advanceTo(ts: number): void {
    this.#advance(ts);
  }

  #advance(ts: number): void {
    const s = this.#s;
    if (!(ts > s.clock)) return;
    s.clock = ts;
    const { settleMs, bucketMs } = this.options;
    let k = 0;
    while (k < this.#pending.length && (this.#pending[k] as BeaconFix).ts + settleMs <= ts) {
      this.#useFix(this.#pending[k] as BeaconFix);
      k++;
    }
    if (k > 0) this.#pending.splice(0, k);
    this.#chainer.decideDue(ts);
    const bucket = Math.floor(ts / bucketMs);
    if (this.#bucket === undefined || bucket > this.#bucket) {
      this.#bucket = bucket;
      s.counters.windows++;
      expire(s, ts);
    }
  }

  /** A settled fix: scored against every track, then its beacon's link weighed or sought. */
  #useFix(f: BeaconFix): void {
    const s = this.#s;
    const b = s.beacons.get(f.beacon);
    if (!b) return;
    scoreFix(s, f);
    if (b.link !== undefined) weighLink(s, f.beacon, b);
    if (b.link === undefined) maybeLink(s, f.beacon, b, Math.floor(f.ts / this.options.bucketMs));
  }
}

type Known = Pick<TrackState, 'staff' | 'rotatingIds' | 'next'>;

/** The latest known fragment of the chain `t` is part of (t itself when it was not continued). */
function chainHead(s: FusionState, t: Known): Known {
  let head = t;
  // Chains only grow forward in time; the bound guards against a corrupted cycle.
  for (let i = 0; i < 10_000 && head.next !== undefined; i++) {
    const next = s.tracks.get(head.next) ?? s.retired.get(head.next);
    if (!next) break;
    head = next;
  }
  return head;
}
