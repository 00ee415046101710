// Zone visits per track (carried across windows) and, per window, each zone's entries, distinct
// shoppers, stops, visit durations and peak occupancy; then the k threshold and noise on release.
import type { ZoneStat } from '@retail/contracts';
import { summarizeDwell } from './dwell-summary.js';
import type { CountRelease } from './laplace-noise.js';
import type { TimeWindow } from './track-observation.js';

/** A visit runs from the first observation inside the zone to the first one outside it, or to the
 * track's last observation when the track ends. */
export interface ClosedVisit {
  zoneId: string;
  enterTs: number;
  exitTs: number;
}

export interface ZoneStatsOptions {
  zoneIds: readonly string[];
  /** A visit at least this long counts as a stop. */
  stopThresholdS: number;
}

/** True (un-noised, unthresholded) statistics of one zone over one window. */
export interface ZoneTally {
  zoneId: string;
  /** Entries during the window. */
  visits: number;
  /** Distinct tracks present: seen inside during the window, or leaving it during the window. */
  shoppers: number;
  /** Visits that reached the stop threshold during the window (each visit counts once, when it does). */
  stops: number;
  /** Closed visits' full durations and open visits' durations so far (see `close`). */
  durationsMs: number[];
  peakOccupancy: number;
}

interface OpenVisit {
  enterTs: number;
  lastInTs: number;
  stopCounted: boolean;
}

interface ZoneWindow {
  visits: number;
  shoppers: Set<string>;
  stops: number;
  durationsMs: number[];
  /** Presence intervals [start, end) clipped to the window. */
  intervals: [number, number][];
}

export class ZoneStats {
  readonly #zoneIds: readonly string[];
  readonly #stopMs: number;
  readonly #open = new Map<string, Map<string, OpenVisit>>();
  #window = new Map<string, ZoneWindow>();

  constructor(options: ZoneStatsOptions) {
    this.#zoneIds = options.zoneIds;
    this.#stopMs = options.stopThresholdS * 1000;
  }

  /** Applies one observation of a track that is inside `inside`; returns the visits it ended. */
  update(trackId: string, ts: number, inside: readonly string[], window: TimeWindow): ClosedVisit[] {
    let visits = this.#open.get(trackId);
    const closed: ClosedVisit[] = [];
    if (visits) {
      for (const [zoneId, visit] of visits) {
        if (inside.includes(zoneId)) continue;
        visits.delete(zoneId);
        closed.push(this.#close(trackId, zoneId, visit, ts, window));
      }
    }
    for (const zoneId of inside) {
      if (!visits) {
        visits = new Map();
        this.#open.set(trackId, visits);
      }
      const acc = this.#acc(zoneId);
      let visit = visits.get(zoneId);
      if (!visit) {
        visit = { enterTs: ts, lastInTs: ts, stopCounted: false };
        visits.set(zoneId, visit);
        acc.visits++;
      }
      visit.lastInTs = ts;
      acc.shoppers.add(trackId);
      this.#countStop(acc, visit, ts - visit.enterTs);
    }
    if (visits?.size === 0) this.#open.delete(trackId);
    return closed;
  }

  /** Ends every open visit of a track that has ended, at its last observation inside. */
  endTrack(trackId: string, window: TimeWindow): ClosedVisit[] {
    const visits = this.#open.get(trackId);
    this.#open.delete(trackId);
    if (!visits) return [];
    return [...visits].map(([zoneId, v]) => this.#close(trackId, zoneId, v, v.lastInTs, window));
  }

  /** Drops a track's open visits without recording them (a track found to be staff). */
  forget(trackId: string): void {
    this.#open.delete(trackId);
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
        if (v.lastInTs < window.start) continue; // not seen in this window (a gap across its start)
        const acc = this.#acc(zoneId);
        acc.shoppers.add(trackId);
        acc.durationsMs.push(v.lastInTs - v.enterTs);
        acc.intervals.push([Math.max(v.enterTs, window.start), window.end]);
      }
    }
    const tallies = this.#zoneIds.map((zoneId) => {
      const acc = this.#window.get(zoneId);
      return {
        zoneId,
        visits: acc?.visits ?? 0,
        shoppers: acc?.shoppers.size ?? 0,
        stops: acc?.stops ?? 0,
        durationsMs: acc?.durationsMs ?? [],
        peakOccupancy: acc ? peakOverlap(acc.intervals) : 0,
      };
    });
    this.#window = new Map();
    return tallies;
  }

  #close(trackId: string, zoneId: string, v: OpenVisit, exitTs: number, window: TimeWindow): ClosedVisit {
    // A track that timed out after last being seen before this window was reported as open there.
    if (exitTs >= window.start) {
      const acc = this.#acc(zoneId);
      acc.shoppers.add(trackId);
      acc.durationsMs.push(exitTs - v.enterTs);
      this.#countStop(acc, v, exitTs - v.enterTs);
      const start = Math.max(v.enterTs, window.start);
      acc.intervals.push([start, Math.max(exitTs, start + 1)]);
    }
    return { zoneId, enterTs: v.enterTs, exitTs };
  }

  #countStop(acc: ZoneWindow, visit: OpenVisit, durationMs: number): void {
    if (visit.stopCounted || durationMs < this.#stopMs) return;
    visit.stopCounted = true;
    acc.stops++;
  }

  #acc(zoneId: string): ZoneWindow {
    let acc = this.#window.get(zoneId);
    if (!acc) {
      acc = { visits: 0, shoppers: new Set(), stops: 0, durationsMs: [], intervals: [] };
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
 * Zones with fewer than k distinct shoppers are withheld and counted; zones nobody entered are
 * simply absent. k is tested on the true count, noise is added after.
 */
export function releaseZones(
  tallies: readonly ZoneTally[],
  options: ZoneReleaseOptions,
): { zones: ZoneStat[]; suppressedZones: number } {
  const { k, release } = options;
  const zones: ZoneStat[] = [];
  let suppressedZones = 0;
  for (const t of tallies) {
    if (t.shoppers === 0) continue;
    if (t.shoppers < k) {
      suppressedZones++;
      continue;
    }
    zones.push({
      zoneId: t.zoneId,
      visits: release(t.visits),
      shoppers: release(t.shoppers),
      stops: release(t.stops),
      dwell: summarizeDwell(t.durationsMs),
      peakOccupancy: release(t.peakOccupancy),
    });
  }
  return { zones, suppressedZones };
}
