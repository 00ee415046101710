// Zone visits per track (carried across windows) and, per window, each zone's entries, distinct
// shoppers, stops, visit durations and peak occupancy; then the k threshold and noise on release.
//
// Presence rules, per track and zone (hysteresis, so a track jittering on a zone border is one visit):
// - A presence starts at the track's first observation inside the zone.
// - The track is taken to be outside from its first observation outside until its next one inside.
//   The presence ends only when such an outside spell lasts `exitGraceS` (on the observation that
//   shows it, or on the next one inside); shorter excursions are part of the presence.
// - A presence becomes a visit once it has lasted `minDwellS` (from its start to an observation
//   inside). A pass-through that never does is not a visit: no entry, no shopper, no dwell.
// - A visit runs from the presence's start to the first observation of the outside spell that ended
//   it (dwell = enter → exit), or to its last observation inside when the track ends first.
// - The visit counts as an entry, and its track as a shopper, from the window where it is confirmed;
//   the track's first visit to the zone also counts as a first visit (the zone's reach), its later
//   ones do not. The tracker never reuses an id, so a track that comes back after it was taken to
//   have ended (silent too long) is the same shopper: its zones are remembered for REACH_MEMORY_MS
//   after it ended, longer than the k-hold keeps a window (the store's hour).
// With both options 0 (the defaults, as before) a visit is every run of observations inside.
import type { ZoneStat } from '@retail/contracts';
import { summarizeDwell } from './dwell-summary.js';
import { unionTracks } from './k-hold.js';
import type { CountRelease } from './laplace-noise.js';
import type { TimeWindow } from './track-observation.js';

/** Recommended settings for camera tracks: a 2 s minimum dwell and a 1 s exit grace. */
export const RECOMMENDED_MIN_DWELL_S = 2;
export const RECOMMENDED_EXIT_GRACE_S = 1;

/** How long the zones an ended track visited are remembered, ms. */
export const REACH_MEMORY_MS = 60 * 60_000;

/** A visit runs from its first observation inside the zone to the first one outside that ended it,
 * or to the track's last observation inside when the track ends. */
export interface ClosedVisit {
  zoneId: string;
  enterTs: number;
  exitTs: number;
}

export interface ZoneStatsOptions {
  zoneIds: readonly string[];
  /** A visit at least this long counts as a stop. */
  stopThresholdS: number;
  /** Time inside before a presence counts as a visit, seconds (default 0: at once). */
  minDwellS?: number;
  /** Time outside before a presence ends, seconds (default 0: at the first observation outside). */
  exitGraceS?: number;
}

/** True (un-noised, unthresholded) statistics of one zone over one window (or several, held: k-hold.ts). */
export interface ZoneTally {
  zoneId: string;
  /** Entries during the window. */
  visits: number;
  /** Distinct tracks present (the zone's shoppers): seen inside during the window, or leaving it. */
  tracks: ReadonlySet<string>;
  /** Visits that reached the stop threshold during the window (each visit counts once, when it does). */
  stops: number;
  /** Entries that were their track's first into the zone. */
  firstVisits: number;
  /**
   * Per visit (`trackId@enterTs`), its full duration when closed, else its duration so far (see
   * `close`); keyed so that tallies of successive windows merge with each visit counted once.
   */
  durations: ReadonlyMap<string, number>;
  peakOccupancy: number;
}

/** A presence in a zone: a visit once `confirmed`. */
interface OpenVisit {
  enterTs: number;
  lastInTs: number;
  /** First observation outside since `lastInTs`, while an exit is pending. */
  outSince: number | undefined;
  confirmed: boolean;
  stopCounted: boolean;
}

interface ZoneWindow {
  visits: number;
  shoppers: Set<string>;
  stops: number;
  firstVisits: number;
  durations: Map<string, number>;
  /** Presence intervals [start, end) clipped to the window. */
  intervals: [number, number][];
}

export class ZoneStats {
  readonly #zoneIds: readonly string[];
  readonly #stopMs: number;
  readonly #minDwellMs: number;
  readonly #exitGraceMs: number;
  readonly #open = new Map<string, Map<string, OpenVisit>>();
  /** Per track, the zones it has visited (confirmed; a later visit there is not a first one), and
   * when it ended, if it has. */
  readonly #visited = new Map<string, { zones: Set<string>; endedAt: number | undefined }>();
  #window = new Map<string, ZoneWindow>();

  constructor(options: ZoneStatsOptions) {
    this.#zoneIds = options.zoneIds;
    this.#stopMs = options.stopThresholdS * 1000;
    this.#minDwellMs = (options.minDwellS ?? 0) * 1000;
    this.#exitGraceMs = (options.exitGraceS ?? 0) * 1000;
  }

  /** Applies one observation of a track that is inside `inside`; returns the visits it ended. */
  update(trackId: string, ts: number, inside: readonly string[], window: TimeWindow): ClosedVisit[] {
    let visits = this.#open.get(trackId);
    const closed: ClosedVisit[] = [];
    if (visits) {
      for (const [zoneId, visit] of visits) {
        if (inside.includes(zoneId)) continue;
        visit.outSince ??= ts;
        if (ts - visit.outSince < this.#exitGraceMs) continue;
        visits.delete(zoneId);
        if (visit.confirmed) closed.push(this.#close(trackId, zoneId, visit, visit.outSince, window));
      }
    }
    for (const zoneId of inside) {
      if (!visits) {
        visits = new Map();
        this.#open.set(trackId, visits);
      }
      let visit = visits.get(zoneId);
      // Back inside after an outside spell long enough to have ended the presence.
      if (visit?.outSince !== undefined && ts - visit.outSince >= this.#exitGraceMs) {
        if (visit.confirmed) closed.push(this.#close(trackId, zoneId, visit, visit.outSince, window));
        visit = undefined;
      }
      if (!visit) {
        visit = { enterTs: ts, lastInTs: ts, outSince: undefined, confirmed: false, stopCounted: false };
        visits.set(zoneId, visit);
      }
      visit.lastInTs = ts;
      visit.outSince = undefined;
      if (!visit.confirmed && ts - visit.enterTs >= this.#minDwellMs) {
        visit.confirmed = true;
        this.#confirm(trackId, zoneId);
      }
      if (!visit.confirmed) continue;
      const acc = this.#acc(zoneId);
      acc.shoppers.add(trackId);
      this.#countStop(acc, visit, ts - visit.enterTs);
    }
    if (visits?.size === 0) this.#open.delete(trackId);
    return closed;
  }

  /** Ends every open visit of a track that has ended: at the first observation of a pending exit,
   * else at its last observation inside. Presences not yet confirmed are dropped. */
  endTrack(trackId: string, window: TimeWindow): ClosedVisit[] {
    const visits = this.#open.get(trackId);
    this.#open.delete(trackId);
    const visited = this.#visited.get(trackId);
    if (visited) visited.endedAt = window.end;
    if (!visits) return [];
    return [...visits]
      .filter(([, v]) => v.confirmed)
      .map(([zoneId, v]) => this.#close(trackId, zoneId, v, v.outSince ?? v.lastInTs, window));
  }

  /** Drops a track's open visits without recording them (a track found to be staff). */
  forget(trackId: string): void {
    this.#open.delete(trackId);
    this.#visited.delete(trackId);
  }

  /** Tracks with a visit on record (for tests: ended tracks are forgotten in time). */
  get trackedVisitors(): number {
    return this.#visited.size;
  }

  /**
   * The window's tallies, in zone order. Visits still open at the window end contribute their
   * duration so far (enter → last observation inside), so a zone where people linger for longer
   * than a window does not report an empty dwell; such a visit is then sampled in each window it
   * spans and with its full duration in the window it closes. Means over windows must not be summed.
   */
  close(window: TimeWindow): ZoneTally[] {
    for (const [trackId, visits] of this.#open) {
      for (const [zoneId, v] of visits) {
        // Not yet a visit, or not seen in this window (a gap across its start).
        if (!v.confirmed || v.lastInTs < window.start) continue;
        const acc = this.#acc(zoneId);
        acc.shoppers.add(trackId);
        acc.durations.set(visitKey(trackId, v), v.lastInTs - v.enterTs);
        // A pending exit: present until it was first seen outside (it may yet come back).
        acc.intervals.push([
          Math.max(v.enterTs, window.start),
          Math.min(v.outSince ?? window.end, window.end),
        ]);
      }
    }
    const tallies = this.#zoneIds.map((zoneId) => {
      const acc = this.#window.get(zoneId);
      return {
        zoneId,
        visits: acc?.visits ?? 0,
        tracks: acc?.shoppers ?? new Set<string>(),
        stops: acc?.stops ?? 0,
        firstVisits: acc?.firstVisits ?? 0,
        durations: acc?.durations ?? new Map<string, number>(),
        peakOccupancy: acc ? peakOverlap(acc.intervals) : 0,
      };
    });
    this.#window = new Map();
    for (const [trackId, v] of this.#visited)
      if (v.endedAt !== undefined && window.end - v.endedAt > REACH_MEMORY_MS) this.#visited.delete(trackId);
    return tallies;
  }

  #close(trackId: string, zoneId: string, v: OpenVisit, exitTs: number, window: TimeWindow): ClosedVisit {
    // A track that timed out after last being seen before this window was reported as open there.
    if (exitTs >= window.start) {
      const acc = this.#acc(zoneId);
      acc.shoppers.add(trackId);
      acc.durations.set(visitKey(trackId, v), exitTs - v.enterTs);
      this.#countStop(acc, v, exitTs - v.enterTs);
      const start = Math.max(v.enterTs, window.start);
      acc.intervals.push([start, Math.max(exitTs, start + 1)]);
    }
    return { zoneId, enterTs: v.enterTs, exitTs };
  }

  /** A presence became a visit: an entry, and the track's first into the zone unless it was here before. */
  #confirm(trackId: string, zoneId: string): void {
    const acc = this.#acc(zoneId);
    acc.visits++;
    let visited = this.#visited.get(trackId);
    if (!visited) {
      visited = { zones: new Set(), endedAt: undefined };
      this.#visited.set(trackId, visited);
    }
    visited.endedAt = undefined;
    if (visited.zones.has(zoneId)) return;
    visited.zones.add(zoneId);
    acc.firstVisits++;
  }

  #countStop(acc: ZoneWindow, visit: OpenVisit, durationMs: number): void {
    if (visit.stopCounted || durationMs < this.#stopMs) return;
    visit.stopCounted = true;
    acc.stops++;
  }

  #acc(zoneId: string): ZoneWindow {
    let acc = this.#window.get(zoneId);
    if (!acc) {
      acc = { visits: 0, shoppers: new Set(), stops: 0, firstVisits: 0, durations: new Map(), intervals: [] };
      this.#window.set(zoneId, acc);
    }
    return acc;
  }
}

/** Largest number of half-open intervals covering one instant (ends sort before starts at a tie). */
export function peakOverlap(intervals: readonly (readonly [number, number])[]): number {
  const events: [number, number][] = [];
  for (const [s, e] of intervals) events.push([s, 1], [e, -1]);
  events.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let current = 0;
  let peak = 0;
  for (const [, delta] of events) {
    current += delta;
    peak = Math.max(peak, current);
  }
  return peak;
}

export interface ZoneReleaseOptions {
  k: number;
  release: CountRelease;
}

/**
 * Zones with fewer than k distinct shoppers are withheld (returned, for the k-hold) and counted; zones
 * nobody entered are simply absent. k is tested on the true count, noise is added after.
 */
export function releaseZones(
  tallies: readonly ZoneTally[],
  options: ZoneReleaseOptions,
): { zones: ZoneStat[]; suppressedZones: number; withheld: ZoneTally[] } {
  const { k, release } = options;
  const zones: ZoneStat[] = [];
  const withheld: ZoneTally[] = [];
  for (const t of tallies) {
    const shoppers = t.tracks.size;
    if (shoppers === 0) continue;
    if (shoppers < k) {
      withheld.push(t);
      continue;
    }
    zones.push({
      zoneId: t.zoneId,
      visits: release(t.visits),
      shoppers: release(shoppers),
      stops: release(t.stops),
      firstVisits: release(t.firstVisits),
      dwell: summarizeDwell([...t.durations.values()]),
      peakOccupancy: release(t.peakOccupancy),
    });
  }
  return { zones, suppressedZones: withheld.length, withheld };
}

/**
 * One zone's tally over held windows and this one: counts add up, tracks and visits count once (a
 * visit open in an earlier window takes its later duration), the peak is the larger one.
 */
export function mergeZoneTallies(held: ZoneTally, now: ZoneTally): ZoneTally {
  return {
    zoneId: now.zoneId,
    visits: held.visits + now.visits,
    tracks: unionTracks(held.tracks, now.tracks),
    stops: held.stops + now.stops,
    firstVisits: held.firstVisits + now.firstVisits,
    durations: new Map([...held.durations, ...now.durations]),
    peakOccupancy: Math.max(held.peakOccupancy, now.peakOccupancy),
  };
}

function visitKey(trackId: string, visit: OpenVisit): string {
  return `${trackId}@${visit.enterTs}`;
}
