// Camera–beacon fusion: which anonymous camera track carries which registered beacon (a staff tag, the
// loyalty app's rotating id). Every fix, once settled, is scored against each candidate track's position
// at the fix's time (pair-scoring.ts) and the cost added to that (track, beacon) pair's evidence, which
// accumulates over the whole time they coexist (pair-evidence.ts). A sequential test links a beacon to a
// track once the pair beats, by a log-likelihood-ratio margin over their common time, every rival track
// of the beacon, every rival beacon of the track, and "carried by nobody tracked"; ties stay unlinked.
// A continuation of a link that just ended (a rotated id, a fragmented track) needs a smaller margin. A
// link breaks when its own CUSUM of costs, or a rival track, turns against it. A track that is
// unambiguously the next fragment of one that just ended (tracklet-chains.ts) continues it: it takes
// over the predecessor's evidence (discounted), links, ids and staff flag, so a person's identity is
// earned once per visit rather than once per camera fragment. Pure: time comes only from the
// observations and fixes themselves.
import type { TrackObservation } from '../../core/aggregation/track-observation.js';
import type { BeaconFix, BeaconRole } from '../ble-types.js';
import { type FusionOptions, fusionOptions } from './fusion-options.js';
import { advantage, PairEvidence } from './pair-evidence.js';
import { fixCost } from './pair-scoring.js';
import { TrackHistory } from './track-history.js';
import { clearlyNearest, continuationDistance, type TrackEnds } from './tracklet-chains.js';

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
  /** Observations or fixes ignored: older than the track's last, or not finite. */
  ignored: number;
  /** Tracks taken as the next fragment of one that ended (inheriting its evidence and links). */
  chained: number;
}

const EID = /^eid:([0-9a-f]{16})$/;
/** Rivals sharing fewer fixes than this with a pair are no evidence either way (an ended one is ignored). */
const MIN_COMMON_FIXES = 3;
/** How long a track's start and end headings are measured over, for chaining, ms. */
const HEADING_MS = 1000;
/** Weight of one linked fix in the learnt error scale. */
const SCALE_RATE = 0.005;

interface TrackState {
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
  ended: boolean;
  /** Linked to a staff tag or calibration phone, or suspected: stays so for the track's life. */
  staff: boolean;
  rotatingIds: string[];
  /** Beacons linked now, with the time each was linked. */
  links: Map<string, number>;
  /** Beacons whose link ended because the beacon fell silent, and when it was last heard. */
  silentLinks: Map<string, { role: BeaconRole; lastTs: number }>;
  /** Evidence per candidate beacon (shared with the beacon's map). */
  pairs: Map<string, PairEvidence>;
}

interface BeaconState {
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

export class TrackFusion {
  readonly counters: FusionCounters = {
    linked: 0,
    ambiguous: 0,
    broken: 0,
    windows: 0,
    suspectedStaff: 0,
    ignored: 0,
    chained: 0,
  };
  readonly options: FusionOptions;
  readonly #tracks = new Map<string, TrackState>();
  readonly #beacons = new Map<string, BeaconState>();
  /** Fixes waiting to settle, in time order. */
  #pending: BeaconFix[] = [];
  /** New tracks whose predecessor is still to be decided, by when to decide (stage 2: finally). */
  #chainQueue: { trackId: string; due: number; final: boolean }[] = [];
  #clock = Number.NEGATIVE_INFINITY;
  #bucket: number | undefined;
  /** How much larger the positioner's errors are than its sigmas say (squared), learnt from linked pairs. */
  #errorScale: number;

  constructor(options: Partial<FusionOptions> = {}) {
    this.options = fusionOptions(options);
    this.#errorScale = this.options.initialErrorScale;
  }

  /** A camera track's position. */
  observeTrack(obs: TrackObservation): void {
    if (
      !Number.isFinite(obs.ts) ||
      !Number.isFinite(obs.x) ||
      !Number.isFinite(obs.y) ||
      obs.trackId === ''
    ) {
      this.counters.ignored++;
      return;
    }
    let t = this.#tracks.get(obs.trackId);
    if (!t) {
      t = {
        history: new TrackHistory(this.options.maxGapMs),
        firstTs: obs.ts,
        lastTs: obs.ts,
        first: [obs.x, obs.y],
        last: [obs.x, obs.y],
        chainFirstTs: obs.ts,
        endLinks: [],
        ended: false,
        staff: false,
        rotatingIds: [],
        links: new Map(),
        silentLinks: new Map(),
        pairs: new Map(),
      };
      this.#tracks.set(obs.trackId, t);
      if (this.options.chainMaxGapMs > 0)
        this.#queueChain({ trackId: obs.trackId, due: obs.ts + this.options.chainOverlapMs, final: false });
    }
    if (t.ended || !t.history.push(obs.ts, obs.x, obs.y)) {
      this.counters.ignored++;
      return;
    }
    t.lastTs = obs.ts;
    t.last = [obs.x, obs.y];
    if (obs.staff) t.staff = true;
    this.#advance(obs.ts);
  }

  /** A beacon's position estimate (only registered beacons reach fusion). */
  observeFix(fix: BeaconFix): void {
    if (![fix.ts, fix.x, fix.y, fix.sigmaM].every(Number.isFinite) || fix.beacon === '') {
      this.counters.ignored++;
      return;
    }
    let b = this.#beacons.get(fix.beacon);
    if (!b) {
      b = { role: fix.role, firstTs: fix.ts, lastTs: fix.ts, pairs: new Map(), recent: [] };
      this.#beacons.set(fix.beacon, b);
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
    const t = this.#tracks.get(trackId);
    if (!t || t.ended) return;
    this.#endTrackState(trackId, t, t.lastTs);
  }

  /** The observation with what fusion knows about its track: staff, or the rotating ids linked so far. */
  annotate(obs: TrackObservation): TrackObservation {
    const t = this.#tracks.get(obs.trackId);
    if (t && !t.staff && this.#suspectStaff(t, obs)) {
      t.staff = true;
      this.counters.suspectedStaff++;
    }
    if (obs.staff || t?.staff) {
      const { rotatingIds: _dropped, ...rest } = obs;
      return { ...rest, staff: true };
    }
    const ids = new Set([...(obs.rotatingIds ?? []), ...(t?.rotatingIds ?? [])]);
    return ids.size > 0 ? { ...obs, rotatingIds: [...ids] } : obs;
  }

  /** What fusion says about a track now; undefined for a track it never saw (or long forgot). */
  identityOf(trackId: string): TrackIdentity | undefined {
    const t = this.#tracks.get(trackId);
    return t && { staff: t.staff, rotatingIds: t.staff ? [] : [...t.rotatingIds] };
  }

  /** Scores every fix that has settled by `ts` (observations and fixes advance the clock themselves). */
  advanceTo(ts: number): void {
    this.#advance(ts);
  }

  /** The learnt error scale (1: the fixes' sigmas are honest). */
  get errorScale(): number {
    return this.#errorScale;
  }

  #advance(ts: number): void {
    if (!(ts > this.#clock)) return;
    this.#clock = ts;
    const { settleMs, bucketMs } = this.options;
    let k = 0;
    while (k < this.#pending.length && (this.#pending[k] as BeaconFix).ts + settleMs <= ts) {
      this.#scoreFix(this.#pending[k] as BeaconFix);
      k++;
    }
    if (k > 0) this.#pending.splice(0, k);
    while (this.#chainQueue.length > 0 && (this.#chainQueue[0] as { due: number }).due <= ts) {
      const next = this.#chainQueue.shift();
      if (next) this.#decideChain(next.trackId, next.final);
    }
    const bucket = Math.floor(ts / bucketMs);
    if (this.#bucket === undefined || bucket > this.#bucket) {
      this.#bucket = bucket;
      this.counters.windows++;
      this.#expire(ts);
    }
  }

  /** Adds one fix's cost to the evidence of every candidate track seen at its time, then decides. */
  #scoreFix(f: BeaconFix): void {
    const o = this.options;
    const b = this.#beacons.get(f.beacon);
    if (!b) return;
    const at = f.ts - o.fixLagMs;
    const bucket = Math.floor(f.ts / o.bucketMs);
    for (const [trackId, t] of this.#tracks) {
      if (t.firstTs - o.maxGapMs > at || t.lastTs + o.maxGapMs < at) continue;
      const p = t.history.positionAt(at);
      if (!p) continue;
      const cost = fixCost(p, f, o, this.#errorScale);
      let pair = b.pairs.get(trackId);
      if (!pair) {
        if (cost >= o.candidateCost || t.ended) continue;
        pair = new PairEvidence(bucket);
        b.pairs.set(trackId, pair);
        t.pairs.set(f.beacon, pair);
      }
      pair.add(bucket, cost);
      if (b.link === trackId) {
        pair.cusum = Math.max(0, pair.cusum + cost - o.breakCost);
        if (pair.n >= 2 * o.minLinkFixes) this.#learnErrorScale(cost);
      }
    }
    if (b.link !== undefined) this.#weighLink(f.beacon, b);
    if (b.link === undefined) this.#maybeLink(f.beacon, b, bucket);
  }

  /**
   * Linked pairs should cost about 1 a fix; when they cost more, the fixes' sigmas are too small (a
   * miscalibrated positioner). A running average over linked fixes rescales every cost, within
   * [1, maxErrorScale], so margins keep their meaning.
   */
  #learnErrorScale(cost: number): void {
    const { maxErrorScale, clipD2 } = this.options;
    if (maxErrorScale <= 1) return;
    const raw = Math.min(cost * this.#errorScale, clipD2 / 2);
    const next = (1 - SCALE_RATE) * this.#errorScale + SCALE_RATE * raw;
    this.#errorScale = Math.min(maxErrorScale, Math.max(1, next));
  }

  /** Breaks a link whose own test turned (the track walked away from the fixes) or a rival track beats. */
  #weighLink(beacon: string, b: BeaconState): void {
    const trackId = b.link as string;
    const pair = b.pairs.get(trackId);
    let broken = pair === undefined || pair.cusum >= this.options.breakCusum;
    if (!broken && pair) {
      for (const [other, rival] of b.pairs) {
        if (other === trackId || this.#tracks.get(other)?.ended !== false) continue;
        if (advantage(rival, pair).llr >= this.options.linkMargin) {
          broken = true;
          break;
        }
      }
    }
    if (!broken) return;
    this.counters.broken++;
    const t = this.#tracks.get(trackId);
    if (t) {
      t.links.delete(beacon);
      const hex = EID.exec(beacon)?.[1];
      if (hex) t.rotatingIds = t.rotatingIds.filter((id) => id !== hex);
      t.pairs.delete(beacon);
    }
    // The pair starts again from nothing: it must earn a new link.
    b.pairs.delete(trackId);
    b.link = undefined;
  }

  #maybeLink(beacon: string, b: BeaconState, bucket: number): void {
    const o = this.options;
    // The leader: the live candidate with the most evidence against "carried by nobody tracked".
    let leaderId: string | undefined;
    let leader: PairEvidence | undefined;
    let best = Number.NEGATIVE_INFINITY;
    for (const [trackId, pair] of b.pairs) {
      if (this.#tracks.get(trackId)?.ended !== false) continue;
      const vsNull = o.nullCost * pair.n - pair.sum;
      if (vsNull > best) {
        best = vsNull;
        leaderId = trackId;
        leader = pair;
      }
    }
    if (!leaderId || !leader) return;
    const t = this.#tracks.get(leaderId) as TrackState;
    const handover = this.#isHandover(beacon, b, t);
    const margin = handover ? o.handoverMargin : o.linkMargin;
    if (leader.n < (handover ? o.handoverMinFixes : o.minLinkFixes) || best < margin) return;
    // A track carries one live beacon at a time; another one can only follow one gone silent.
    const silent: string[] = [];
    for (const other of t.links.keys()) {
      const ob = this.#beacons.get(other);
      if (ob && ob.lastTs >= this.#clock - o.beaconTimeoutMs / 2) return;
      silent.push(other);
    }
    if (!this.#beatsRivals(beacon, b, leaderId, leader, t, margin)) {
      if (b.ambiguousBucket !== bucket) {
        b.ambiguousBucket = bucket;
        this.counters.ambiguous++;
      }
      return;
    }
    for (const other of silent) this.#retireLink(other, t);
    b.link = leaderId;
    b.lostTrack = undefined;
    leader.cusum = 0;
    t.links.set(beacon, this.#clock);
    this.counters.linked++;
    if (b.role === 'staff' || b.role === 'calibration') t.staff = true;
    const hex = EID.exec(beacon)?.[1];
    if (hex && !t.rotatingIds.includes(hex)) t.rotatingIds.push(hex);
  }

  /** The leader beats the beacon's other tracks by `margin` and the track's other free beacons by trackMargin. */
  #beatsRivals(
    beacon: string,
    b: BeaconState,
    leaderId: string,
    leader: PairEvidence,
    t: TrackState,
    margin: number,
  ): boolean {
    for (const [trackId, rival] of b.pairs) {
      if (trackId === leaderId) continue;
      const rt = this.#tracks.get(trackId);
      // A track that stopped where the leader began is the person's previous fragment, not a rival.
      if (!rt || rt.lastTs - t.chainFirstTs <= this.options.maxGapMs) continue;
      const ended = rt.ended;
      const adv = advantage(leader, rival);
      if (adv.n < MIN_COMMON_FIXES && (ended || adv.n === 0)) continue;
      if (adv.llr < margin) return false;
    }
    for (const [other, rival] of t.pairs) {
      if (other === beacon) continue;
      const ob = this.#beacons.get(other);
      // Beacons explained by another track, or gone, are no rivals.
      if (!ob || (ob.link !== undefined && ob.link !== leaderId)) continue;
      if (ob.lastTs < this.#clock - this.options.beaconTimeoutMs) continue;
      const adv = advantage(leader, rival);
      if (adv.n >= MIN_COMMON_FIXES && adv.llr < this.options.trackMargin) return false;
    }
    return true;
  }

  /** A new id where a silent one of the same role was linked, or a new track where the beacon's last one ended. */
  #isHandover(beacon: string, b: BeaconState, t: TrackState): boolean {
    const { handoverMs } = this.options;
    if (t.silentLinks.has(beacon)) return true;
    if (b.lostTrack !== undefined && Math.abs(t.firstTs - b.lostTrack) <= handoverMs) return true;
    const silent = [...t.silentLinks.values()];
    for (const other of t.links.keys()) {
      const ob = this.#beacons.get(other);
      if (ob) silent.push({ role: ob.role, lastTs: ob.lastTs });
    }
    return silent.some((s) => s.role === b.role && Math.abs(b.firstTs - s.lastTs) <= handoverMs);
  }

  /** A link whose beacon fell silent: no longer live, but its rotating id stays on the track. */
  #retireLink(beacon: string, t: TrackState): void {
    const b = this.#beacons.get(beacon);
    t.links.delete(beacon);
    if (!b) return;
    t.silentLinks.set(beacon, { role: b.role, lastTs: b.lastTs });
    b.link = undefined;
  }

  #suspectStaff(t: TrackState, obs: TrackObservation): boolean {
    const o = this.options;
    if (o.staffSuspicionMs <= 0 || t.links.size > 0 || obs.ts - t.firstTs > o.staffSuspicionMs) return false;
    const radius = o.staffSuspicionM * Math.sqrt(this.#errorScale);
    for (const b of this.#beacons.values()) {
      if (b.role === 'loyalty' || (b.link !== undefined && b.link !== obs.trackId)) continue;
      for (let i = b.recent.length - 1; i >= 0; i--) {
        const f = b.recent[i] as BeaconFix;
        if (obs.ts - f.ts > o.staffFixMaxAgeMs) break;
        if (f.ts <= obs.ts && Math.hypot(f.x - obs.x, f.y - obs.y) <= radius) return true;
      }
    }
    return false;
  }

  #endTrackState(trackId: string, t: TrackState, at: number): void {
    t.ended = true;
    t.endLinks = [...t.links.keys()];
    for (const beacon of t.links.keys()) {
      const b = this.#beacons.get(beacon);
      if (b?.link === trackId) {
        b.link = undefined;
        b.lostTrack = at;
      }
    }
    t.links.clear();
  }

  /** A track's ends and its headings there, for chaining. */
  #ends(t: TrackState): TrackEnds {
    const span = Math.min(HEADING_MS, t.lastTs - t.firstTs);
    if (span < HEADING_MS / 2) return t;
    const velocity = (from: number, to: number): [number, number] | undefined => {
      const a = t.history.positionAt(from);
      const b = t.history.positionAt(to);
      return a && b
        ? [((b[0] - a[0]) * 1000) / (to - from), ((b[1] - a[1]) * 1000) / (to - from)]
        : undefined;
    };
    return {
      ...t,
      startVelocity: velocity(t.firstTs, t.firstTs + span),
      endVelocity: velocity(t.lastTs - span, t.lastTs),
    };
  }

  #queueChain(entry: { trackId: string; due: number; final: boolean }): void {
    let i = this.#chainQueue.length;
    while (i > 0 && (this.#chainQueue[i - 1] as { due: number }).due > entry.due) i--;
    this.#chainQueue.splice(i, 0, entry);
  }

  /** Plausible predecessors of a track: silent since it began, and within walking reach of its start. */
  #predecessors(trackId: string, n: TrackState): [string, number][] {
    const out: [string, number][] = [];
    const next = this.#ends(n);
    for (const [id, p] of this.#tracks) {
      if (id === trackId || p.next !== undefined) continue;
      const d = continuationDistance(this.#ends(p), next, this.options);
      if (d !== undefined) out.push([id, d]);
    }
    return out;
  }

  /**
   * Decides whether a new track continues one that ended: first once its predecessors must have
   * fallen silent, finally once every candidate's other possible continuations have begun too.
   */
  #decideChain(trackId: string, final: boolean): void {
    const o = this.options;
    const n = this.#tracks.get(trackId);
    if (!n || n.prev !== undefined) return;
    const preds = this.#predecessors(trackId, n);
    if (preds.length === 0) return;
    if (!final) {
      // Late enough for every candidate's other continuations to have begun, and to see where this one heads.
      let due = Math.max(this.#clock, n.firstTs + HEADING_MS);
      for (const [id] of preds)
        due = Math.max(due, (this.#tracks.get(id) as TrackState).lastTs + o.chainMaxGapMs);
      this.#queueChain({ trackId, due, final: true });
      return;
    }
    const prevId = clearlyNearest(preds, o);
    const p = prevId === undefined ? undefined : this.#tracks.get(prevId);
    if (prevId === undefined || !p) return;
    const successors: [string, number][] = [];
    const prev = this.#ends(p);
    for (const [id, s] of this.#tracks) {
      if (id === prevId || s.prev !== undefined) continue;
      const d = continuationDistance(prev, this.#ends(s), o);
      if (d !== undefined) successors.push([id, d]);
    }
    if (clearlyNearest(successors, o) !== trackId) return;
    this.#chain(prevId, p, trackId, n);
  }

  /** `n` continues `p`: it takes over p's evidence (discounted), its links where still free, ids and staff flag. */
  #chain(prevId: string, p: TrackState, trackId: string, n: TrackState): void {
    const o = this.options;
    const pLinks = p.ended ? p.endLinks : [...p.links.keys()];
    // Links that disagree (the beacon went on to another track, or the new track has another) make
    // the continuation doubtful: nothing is carried.
    for (const beacon of pLinks) {
      const link = this.#beacons.get(beacon)?.link;
      if (link !== undefined && link !== prevId && link !== trackId) return;
    }
    if (pLinks.length > 0) for (const beacon of n.links.keys()) if (!pLinks.includes(beacon)) return;
    if (!p.ended) this.#endTrackState(prevId, p, p.lastTs);
    p.next = trackId;
    n.prev = prevId;
    n.chainFirstTs = p.chainFirstTs;
    this.counters.chained++;
    for (const [beacon, prior] of p.pairs) {
      const b = this.#beacons.get(beacon);
      if (!b) continue;
      const merged = PairEvidence.continuing(prior, o.chainDiscount, n.pairs.get(beacon));
      b.pairs.delete(prevId);
      b.pairs.set(trackId, merged);
      n.pairs.set(beacon, merged);
    }
    p.pairs.clear();
    if (p.staff) n.staff = true;
    n.rotatingIds = [...new Set([...p.rotatingIds, ...n.rotatingIds])];
    for (const [beacon, s] of p.silentLinks) if (!n.silentLinks.has(beacon)) n.silentLinks.set(beacon, s);
    if (n.ended) return;
    for (const beacon of pLinks) {
      const b = this.#beacons.get(beacon);
      if (!b || !n.pairs.has(beacon) || (b.link !== undefined && b.link !== trackId)) continue;
      b.link = trackId;
      b.lostTrack = undefined;
      if (!n.links.has(beacon)) n.links.set(beacon, this.#clock);
    }
  }

  /** Ends timed-out tracks, retires silent beacons' links, drops hopeless candidates, forgets the old. */
  #expire(now: number): void {
    const o = this.options;
    const keepFrom = now - o.settleMs - o.fixLagMs - 2 * o.maxGapMs - o.bucketMs;
    const forgetBefore = keepFrom - o.trackTimeoutMs - o.handoverMs;
    for (const [id, t] of this.#tracks) {
      if (!t.ended && t.lastTs < now - o.trackTimeoutMs) this.#endTrackState(id, t, t.lastTs);
      if (t.ended && t.lastTs < forgetBefore) {
        for (const beacon of t.pairs.keys()) this.#beacons.get(beacon)?.pairs.delete(id);
        this.#tracks.delete(id);
      } else t.history.pruneBefore(keepFrom);
    }
    const lastBucket = Math.floor(now / o.bucketMs) - 1;
    for (const [id, b] of this.#beacons) {
      if (b.lastTs < now - o.beaconTimeoutMs && b.link !== undefined) {
        const t = this.#tracks.get(b.link);
        if (t) this.#retireLink(id, t);
        else b.link = undefined;
      }
      if (b.lastTs < forgetBefore) {
        for (const trackId of b.pairs.keys()) this.#tracks.get(trackId)?.pairs.delete(id);
        this.#beacons.delete(id);
        continue;
      }
      for (const [trackId, pair] of b.pairs) {
        if (b.link === trackId || lastBucket - pair.firstBucket < o.dropAfterBuckets) continue;
        const recent = pair.between(lastBucket - o.dropAfterBuckets + 1, lastBucket);
        if (recent.n > 0 && recent.s / recent.n > o.dropCost) {
          b.pairs.delete(trackId);
          this.#tracks.get(trackId)?.pairs.delete(id);
        }
      }
    }
    for (const t of this.#tracks.values()) {
      for (const [id, s] of t.silentLinks) if (s.lastTs < forgetBefore) t.silentLinks.delete(id);
    }
  }
}
