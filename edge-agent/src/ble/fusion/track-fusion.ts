// Camera–beacon fusion: which anonymous camera track carries which registered beacon (a staff tag, the
// loyalty app's rotating id). Over sliding windows each (track, beacon) pair is scored (pair-scoring.ts)
// and the window's tracks and beacons matched (window-matching.ts). A beacon is linked to a track after
// several consecutive unambiguous windows (fewer when it continues a link that just ended: a rotated id
// appearing where the old one was, or a fragmented track picked up again); ambiguous windows are no
// evidence either way; a link breaks after windows of evidence against it. Pure: time comes only from
// the observations and fixes themselves.
import type { TrackObservation } from '../../core/aggregation/track-observation.js';
import type { BeaconFix, BeaconRole } from '../ble-types.js';
import { type FusionOptions, fusionOptions } from './fusion-options.js';
import { scorePair } from './pair-scoring.js';
import { TrackHistory } from './track-history.js';
import { matchWindow, type WindowMatch } from './window-matching.js';

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
  /** Window matches left unused because a runner-up was too close. */
  ambiguous: number;
  /** Links broken by evidence against them. */
  broken: number;
  /** Windows matched. */
  windows: number;
  /** Tracks treated as staff on suspicion (near a free staff tag while young and unlinked). */
  suspectedStaff: number;
  /** Observations or fixes ignored: older than the track's last, or not finite. */
  ignored: number;
}

const EID = /^eid:([0-9a-f]{16})$/;

/** What one window says about an existing link. */
interface LinkWitness {
  /** The pair's cost; undefined when the linked track was not among the window's tracks. */
  cost: number | undefined;
  match: WindowMatch | undefined;
  /** The beacon's match went clearly to another track. */
  elsewhere: (m: WindowMatch | undefined) => boolean;
  /** The linked track went clearly with another beacon. */
  trackTaken: boolean;
}

interface Link {
  trackId: string;
  against: number;
}

interface TrackState {
  history: TrackHistory;
  firstTs: number;
  lastTs: number;
  ended: boolean;
  /** Linked to a staff tag or calibration phone, or suspected: stays so for the track's life. */
  staff: boolean;
  rotatingIds: string[];
  /** Beacons linked now, with the time each was linked. */
  links: Map<string, number>;
  /** Beacons whose link ended because the beacon fell silent, and when it was last heard. */
  silentLinks: Map<string, { role: BeaconRole; lastTs: number }>;
}

interface BeaconState {
  role: BeaconRole;
  fixes: BeaconFix[];
  firstTs: number;
  lastTs: number;
  link?: Link;
  /** When its linked track ended, for picking up the person's next track. */
  lostTrack?: number;
}

export class TrackFusion {
  readonly counters: FusionCounters = {
    linked: 0,
    ambiguous: 0,
    broken: 0,
    windows: 0,
    suspectedStaff: 0,
    ignored: 0,
  };
  readonly options: FusionOptions;
  readonly #tracks = new Map<string, TrackState>();
  readonly #beacons = new Map<string, BeaconState>();
  /** Consecutive unambiguous windows per `track\0beacon`. */
  #evidence = new Map<string, number>();
  #clock = Number.NEGATIVE_INFINITY;
  /** How much larger the positioner's errors are than its sigmas say (squared), learnt from linked pairs. */
  #errorScale = 1;
  #nextEnd: number | undefined;

  constructor(options: Partial<FusionOptions> = {}) {
    this.options = fusionOptions(options);
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
        ended: false,
        staff: false,
        rotatingIds: [],
        links: new Map(),
        silentLinks: new Map(),
      };
      this.#tracks.set(obs.trackId, t);
    }
    if (t.ended || !t.history.push(obs.ts, obs.x, obs.y)) {
      this.counters.ignored++;
      return;
    }
    t.lastTs = obs.ts;
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
      b = { role: fix.role, fixes: [], firstTs: fix.ts, lastTs: fix.ts };
      this.#beacons.set(fix.beacon, b);
    }
    // Fixes come in time order per beacon; a stray older one is placed where it belongs.
    let i = b.fixes.length;
    while (i > 0 && b.fixes[i - 1]!.ts > fix.ts) i--;
    b.fixes.splice(i, 0, fix);
    b.lastTs = Math.max(b.lastTs, fix.ts);
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

  /** Matches every window that is due at `ts` (observations and fixes advance the clock themselves). */
  advanceTo(ts: number): void {
    this.#advance(ts);
  }

  #advance(ts: number): void {
    if (ts <= this.#clock) return;
    this.#clock = ts;
    const { stepMs, windowMs, settleMs } = this.options;
    this.#nextEnd ??= Math.ceil(ts / stepMs) * stepMs;
    // After a long silence, skip the empty windows rather than match each of them.
    const latest = Math.floor((ts - settleMs) / stepMs) * stepMs;
    if (latest - this.#nextEnd > 2 * windowMs) this.#nextEnd = latest - Math.ceil(windowMs / stepMs) * stepMs;
    while (this.#nextEnd + settleMs <= ts) {
      this.#matchWindow(this.#nextEnd - windowMs, this.#nextEnd);
      this.#nextEnd += stepMs;
    }
  }

  #matchWindow(from: number, to: number): void {
    const o = this.options;
    this.counters.windows++;
    this.#expire(to);
    const beaconIds: string[] = [];
    const fixesOf: BeaconFix[][] = [];
    for (const [id, b] of this.#beacons) {
      const fixes = b.fixes.filter((f) => f.ts >= from && f.ts < to);
      if (fixes.length > 0) {
        beaconIds.push(id);
        fixesOf.push(fixes);
      }
    }
    const trackIds: string[] = [];
    for (const [id, t] of this.#tracks) {
      if (t.lastTs >= from - o.fixLagMs - o.maxGapMs && t.firstTs < to) trackIds.push(id);
    }
    const cost = trackIds.map((id) => {
      const history = this.#tracks.get(id)!.history;
      const at = (ts: number) => history.positionAt(ts);
      return fixesOf.map((fixes) => {
        const score = scorePair(at, fixes, o);
        return score ? score.cost / this.#errorScale : Number.POSITIVE_INFINITY;
      });
    });
    this.#learnErrorScale(trackIds, beaconIds, cost);
    const matches = matchWindow(cost, o.gateCost, o.marginCost);
    const matchOf = new Map(matches.map((m) => [m.col, m]));
    const trackMatched = new Map(matches.filter((m) => !m.ambiguous).map((m) => [m.row, m]));

    const next = new Map<string, number>();
    const inWindow = new Set(beaconIds);
    for (const [key, n] of this.#evidence)
      if (!inWindow.has(key.slice(key.indexOf('\0') + 1))) next.set(key, n);
    beaconIds.forEach((beacon, col) => {
      const m = matchOf.get(col);
      if (m?.ambiguous) {
        this.counters.ambiguous++;
        trackIds.forEach((trackId, row) => {
          const key = `${trackId}\0${beacon}`;
          const n = this.#evidence.get(key);
          if (n !== undefined && cost[row]![col]! <= o.gateCost) next.set(key, n);
        });
      } else if (m) {
        const key = `${trackIds[m.row]}\0${beacon}`;
        next.set(key, (this.#evidence.get(key) ?? 0) + 1);
      }
    });
    this.#evidence = next;

    beaconIds.forEach((beacon, col) => {
      const b = this.#beacons.get(beacon)!;
      if (b.link) {
        const row = trackIds.indexOf(b.link.trackId);
        const otherBeacon = row < 0 ? undefined : trackMatched.get(row);
        this.#weighLink(beacon, b, {
          cost: row < 0 ? undefined : cost[row]![col]!,
          elsewhere: (m) => m !== undefined && !m.ambiguous && m.row !== row,
          match: matchOf.get(col),
          trackTaken: otherBeacon !== undefined && otherBeacon.col !== col,
        });
      }
      if (!b.link) this.#maybeLink(beacon, b, matchOf.get(col), trackIds, from);
    });
  }

  /**
   * Linked pairs should cost about 1 a window; when they cost more, the fixes' sigmas are too small (a
   * miscalibrated positioner). An average over linked pairs rescales every cost, within [1, maxErrorScale],
   * so gates and margins keep their meaning. Only links that have held for a while teach it.
   */
  #learnErrorScale(
    trackIds: readonly string[],
    beaconIds: readonly string[],
    cost: readonly (readonly number[])[],
  ): void {
    const { maxErrorScale } = this.options;
    if (maxErrorScale <= 1) return;
    beaconIds.forEach((beacon, col) => {
      const link = this.#beacons.get(beacon)?.link;
      const row = link ? trackIds.indexOf(link.trackId) : -1;
      const c = row < 0 ? Number.POSITIVE_INFINITY : cost[row]![col]!;
      if (!Number.isFinite(c)) return;
      const raw = Math.min(c * this.#errorScale, this.options.clipD2 / 2);
      this.#errorScale = Math.min(maxErrorScale, Math.max(1, 0.98 * this.#errorScale + 0.02 * raw));
    });
  }

  /** The learnt error scale (1: the fixes' sigmas are honest). */
  get errorScale(): number {
    return this.#errorScale;
  }

  /** Evidence against a link: the track was seen but too far from the fixes, or the beacon clearly went with
   * another track, or the track clearly with another beacon. */
  #weighLink(beacon: string, b: BeaconState, w: LinkWitness): void {
    const link = b.link!;
    const pairCost = w.cost;
    if (pairCost === undefined || !Number.isFinite(pairCost)) return; // track not seen: no evidence
    if (pairCost > this.options.gateCost || w.elsewhere(w.match) || w.trackTaken) link.against++;
    else link.against = 0;
    if (link.against < this.options.breakAfterWindows) return;
    this.counters.broken++;
    const t = this.#tracks.get(link.trackId);
    if (t) {
      t.links.delete(beacon);
      const hex = EID.exec(beacon)?.[1];
      if (hex) t.rotatingIds = t.rotatingIds.filter((id) => id !== hex);
    }
    b.link = undefined;
    this.#evidence.delete(`${link.trackId}\0${beacon}`);
  }

  #maybeLink(
    beacon: string,
    b: BeaconState,
    match: WindowMatch | undefined,
    trackIds: readonly string[],
    from: number,
  ): void {
    if (!match || match.ambiguous) return;
    const trackId = trackIds[match.row]!;
    const t = this.#tracks.get(trackId)!;
    if (t.ended) return;
    // A track carries one live beacon at a time; another one can only follow one silent in this window.
    const silent: string[] = [];
    for (const other of t.links.keys()) {
      const ob = this.#beacons.get(other);
      if (ob && ob.lastTs >= from) return;
      silent.push(other);
    }
    const n = this.#evidence.get(`${trackId}\0${beacon}`) ?? 0;
    const needed = this.#isHandover(beacon, b, t)
      ? this.options.handoverAfterWindows
      : this.options.linkAfterWindows;
    if (n < needed) return;
    for (const other of silent) this.#retireLink(other, t);
    b.link = { trackId, against: 0 };
    b.lostTrack = undefined;
    t.links.set(beacon, this.#clock);
    this.counters.linked++;
    if (b.role === 'staff' || b.role === 'calibration') t.staff = true;
    const hex = EID.exec(beacon)?.[1];
    if (hex && !t.rotatingIds.includes(hex)) t.rotatingIds.push(hex);
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
      if (b.role === 'loyalty' || (b.link && b.link.trackId !== obs.trackId)) continue;
      for (let i = b.fixes.length - 1; i >= 0; i--) {
        const f = b.fixes[i]!;
        if (obs.ts - f.ts > o.staffFixMaxAgeMs) break;
        if (f.ts <= obs.ts && Math.hypot(f.x - obs.x, f.y - obs.y) <= radius) return true;
      }
    }
    return false;
  }

  #endTrackState(trackId: string, t: TrackState, at: number): void {
    t.ended = true;
    for (const beacon of t.links.keys()) {
      const b = this.#beacons.get(beacon);
      if (b?.link?.trackId === trackId) {
        b.link = undefined;
        b.lostTrack = at;
      }
    }
    t.links.clear();
  }

  /** Ends timed-out tracks, retires silent beacons' links, forgets what no window will need again. */
  #expire(now: number): void {
    const o = this.options;
    const keepFrom = now - o.windowMs - o.settleMs - o.fixLagMs - o.maxGapMs;
    const forgetBefore = keepFrom - o.trackTimeoutMs - o.handoverMs;
    for (const [id, t] of this.#tracks) {
      if (!t.ended && t.lastTs < now - o.trackTimeoutMs) this.#endTrackState(id, t, t.lastTs);
      if (t.ended && t.lastTs < forgetBefore) this.#tracks.delete(id);
      else t.history.pruneBefore(keepFrom);
    }
    for (const [id, b] of this.#beacons) {
      if (b.lastTs < now - o.beaconTimeoutMs && b.link) {
        const t = this.#tracks.get(b.link.trackId);
        if (t) this.#retireLink(id, t);
        else b.link = undefined;
      }
      const first = b.fixes.findIndex((f) => f.ts >= keepFrom);
      if (first !== 0) b.fixes.splice(0, first < 0 ? b.fixes.length : first);
      if (b.fixes.length === 0 && b.lastTs < forgetBefore) this.#beacons.delete(id);
    }
    for (const t of this.#tracks.values()) {
      for (const [id, s] of t.silentLinks) if (s.lastTs < forgetBefore) t.silentLinks.delete(id);
    }
  }
}
