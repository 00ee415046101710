// The gateway's privacy aggregation: fused track observations in; per window, the bodies of the
// `heatmap`, `zones`, `counts` and `paths` messages out. Pure: time and randomness come from the caller.
// What stays under k in a window is held for the next ones of the same store hour (k-hold.ts).
import { type GatewaySettings, periodStart, type StoreLayout } from '@retail/contracts';
import { type BaseCell, dwellInWindow, HeatmapGrid, mergeBaseCells } from './heatmap-grid.js';
import { type IdentityOf, withIdentity } from './identity-at-close.js';
import { KHold } from './k-hold.js';
import { EntranceCounter } from './line-crossing.js';
import { PathBuilder } from './path-builder.js';
import {
  distanceOffFloor,
  type IgnoredCounts,
  isWellFormed,
  noIgnored,
  type TimeWindow,
  type TrackObservation,
} from './track-observation.js';
import { releaseWindow, type WindowBodies } from './window-release.js';
import { ZoneIndex } from './zone-index.js';
import { mergeZoneTallies, ZoneStats, type ZoneTally } from './zone-stats.js';
import {
  byTransition,
  mergeTransitionTallies,
  type TransitionTally,
  ZoneTransitions,
} from './zone-transitions.js';

export interface WindowOutput extends WindowBodies {
  /** Observations handed to `observe` since the last window closed, ignored ones included. */
  received: number;
  /** What was not aggregated in this window, for metrics and logs; never published as data. */
  ignored: IgnoredCounts;
}

/** A track not observed for longer than this has ended (its visits close, its path is closed). */
export const DEFAULT_TRACK_TIMEOUT_MS = 10_000;
const MAX_WINDOW_MS = 24 * 3600 * 1000;
/**
 * Positions up to this far off the floor (metres) are projection error and count at its edge; farther
 * ones are not in the store (a passer-by seen through the shop window, a reflection) and are dropped.
 */
export const OFF_FLOOR_TOLERANCE_M = 1;
/** Observations held until their window closes; a caller that never closes one cannot exhaust memory. */
const DEFAULT_MAX_PENDING = 500_000;

export interface WindowAggregatorOptions {
  layout: StoreLayout;
  settings: GatewaySettings;
  /** Uniform in [0, 1), for noise and path ids; a CSPRNG in production, seeded in tests. */
  random: () => number;
  trackTimeoutMs?: number;
  /** Largest heatmap merge block, in base cells (default 16). */
  maxMergeScale?: number;
  /** Dead band around counting lines, metres (default 0.1). */
  lineBandM?: number;
  maxPending?: number;
  /** See OFF_FLOOR_TOLERANCE_M (the default). */
  offFloorToleranceM?: number;
  /**
   * Who a track is when its window closes (fusion's staff flag and rotating ids; identity-at-close.ts).
   * Asked once per track per close; without it, observations keep what they carried when received.
   */
  identityOf?: IdentityOf;
}

type Pending = { kind: 'obs'; obs: TrackObservation } | { kind: 'end'; trackId: string; ts: number };

interface TrackState {
  lastTs: number;
  x: number;
  y: number;
}

/**
 * Observations are held until `closeWindow` names their window, then replayed in arrival order;
 * those at or after the window end wait for the next one. What a track carries across windows:
 * its last position (dwell, line crossing), its open zone visits, its last zone (transitions)
 * and its path.
 */
export class WindowAggregator {
  readonly #options: WindowAggregatorOptions;
  readonly #timeoutMs: number;
  readonly #maxPending: number;
  readonly #offFloorToleranceM: number;
  readonly #grid: HeatmapGrid;
  readonly #zoneIndex: ZoneIndex;
  readonly #zones: ZoneStats;
  readonly #transitions: ZoneTransitions;
  readonly #entrances: EntranceCounter;
  readonly #paths: PathBuilder;
  readonly #heldCells = new KHold<BaseCell>({ key: (c) => `${c.col},${c.row}`, merge: mergeBaseCells });
  readonly #heldZones = new KHold<ZoneTally>({ key: (z) => z.zoneId, merge: mergeZoneTallies });
  readonly #heldTransitions = new KHold<TransitionTally>({
    key: (t) => `${t.from}\n${t.to}`,
    merge: mergeTransitionTallies,
  });
  readonly #tracks = new Map<string, TrackState>();
  /** Staff track ids and when they were last seen; once staff, every observation of the track is dropped. */
  readonly #staff = new Map<string, number>();
  #latestTs = new Map<string, number>();
  #pending: Pending[] = [];
  #openFrom: number | undefined;
  #ignored = noIgnored();
  #received = 0;

  constructor(options: WindowAggregatorOptions) {
    const { layout, settings, random } = options;
    this.#options = options;
    this.#timeoutMs = options.trackTimeoutMs ?? DEFAULT_TRACK_TIMEOUT_MS;
    this.#maxPending = options.maxPending ?? DEFAULT_MAX_PENDING;
    this.#offFloorToleranceM = options.offFloorToleranceM ?? OFF_FLOOR_TOLERANCE_M;
    const { width, depth } = layout.floor;
    this.#grid = new HeatmapGrid({ width, depth, cellSize: settings.heatmapCellSize });
    this.#zoneIndex = new ZoneIndex({ zones: layout.zones });
    this.#zones = new ZoneStats({
      zoneIds: this.#zoneIndex.zoneIds,
      stopThresholdS: settings.stopThresholdS,
      minDwellS: settings.zoneMinDwellS,
      exitGraceS: settings.zoneExitGraceS,
    });
    this.#transitions = new ZoneTransitions({ minDwellMs: settings.zoneMinDwellS * 1000 });
    this.#entrances = new EntranceCounter({ entrances: layout.entrances, bandM: options.lineBandM });
    this.#paths = new PathBuilder({ random });
  }

  /** Tracks currently alive (for metrics). */
  get liveTracks(): number {
    return this.#tracks.size;
  }

  /** Takes one observation; malformed, staff, off-floor, late and out-of-order ones are counted and dropped. */
  observe(obs: TrackObservation): void {
    this.#received++;
    const ignored = this.#ignored;
    if (!isWellFormed(obs)) {
      ignored.invalid++;
      return;
    }
    const { trackId, ts } = obs;
    if (obs.staff || this.#staff.has(trackId)) {
      ignored.staff++;
      this.#staff.set(trackId, Math.max(ts, this.#staff.get(trackId) ?? ts));
      return;
    }
    if (distanceOffFloor(obs.x, obs.y, this.#options.layout.floor) > this.#offFloorToleranceM) {
      ignored.offFloor++;
      return;
    }
    if (this.#openFrom !== undefined && ts < this.#openFrom) {
      ignored.outsideWindow++;
      return;
    }
    if (ts < (this.#latestTs.get(trackId) ?? ts)) {
      ignored.outOfOrder++;
      return;
    }
    if (this.#pending.length >= this.#maxPending) {
      ignored.overflow++;
      return;
    }
    this.#latestTs.set(trackId, ts);
    const { x, y, rotatingIds } = obs;
    this.#pending.push({ kind: 'obs', obs: { trackId, ts, x, y, ...(rotatingIds && { rotatingIds }) } });
  }

  /** The tracker ended a track at `ts` (it left the view); its path closes in the window holding `ts`. */
  endTrack(trackId: string, ts: number): void {
    if (this.#staff.has(trackId) || !Number.isFinite(ts)) return;
    this.#pending.push({ kind: 'end', trackId, ts });
  }

  /**
   * Aggregates everything observed in [windowStart, windowEnd) and starts the next window at
   * windowEnd. `final` ends every track (shutdown, or before switching to a new layout or settings).
   * Throws only on a window that cannot be (a caller bug), never because of the observations.
   */
  closeWindow(windowStart: number, windowEnd: number, options: { final?: boolean } = {}): WindowOutput {
    const window = this.#checkWindow(windowStart, windowEnd);
    const identities = this.#resolveIdentities(window);
    for (const trackId of this.#staff.keys()) this.#purge(trackId);
    const later: Pending[] = [];
    for (const item of this.#pending) {
      if (item.kind === 'end') {
        if (item.ts >= window.end) later.push(item);
        else this.#end(item.trackId, window, item.ts);
      } else if (this.#staff.has(item.obs.trackId)) {
        this.#ignored.staff++;
      } else if (item.obs.ts < window.start) {
        this.#ignored.outsideWindow++;
      } else if (item.obs.ts >= window.end) {
        later.push(item);
      } else {
        this.#process(withIdentity(item.obs, identities.get(item.obs.trackId)), window);
      }
    }
    this.#pending = later;
    for (const [trackId, t] of this.#tracks) this.#addDwell(trackId, t, window.end, window);
    for (const [trackId, t] of this.#tracks) {
      if (options.final || window.end - t.lastTs > this.#timeoutMs) this.#end(trackId, window);
    }
    const output = this.#release(window, options.final === true);
    this.#startNext(window);
    return output;
  }

  /**
   * Asks `identityOf` about every track with an observation held or still alive. Staff ones join the
   * staff set (purged from this window on); the others' identities are applied as observations replay.
   */
  #resolveIdentities(window: TimeWindow): Map<string, ReturnType<IdentityOf>> {
    const out = new Map<string, ReturnType<IdentityOf>>();
    const identityOf = this.#options.identityOf;
    if (!identityOf) return out;
    const ask = (trackId: string) => {
      if (out.has(trackId) || this.#staff.has(trackId)) return;
      const identity = identityOf(trackId);
      out.set(trackId, identity);
      if (identity?.staff) this.#staff.set(trackId, this.#latestTs.get(trackId) ?? window.end);
    };
    for (const item of this.#pending) if (item.kind === 'obs') ask(item.obs.trackId);
    for (const trackId of this.#tracks.keys()) ask(trackId);
    return out;
  }

  #checkWindow(start: number, end: number): TimeWindow {
    if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0) {
      throw new RangeError(`window bounds must be epoch milliseconds, got ${start}..${end}`);
    }
    if (end <= start || end - start > MAX_WINDOW_MS) {
      throw new RangeError(`window ${start}..${end} must end after it starts and span at most 24 h`);
    }
    if (this.#openFrom !== undefined && start < this.#openFrom) {
      throw new RangeError(`window starts at ${start}, before the end of the last one (${this.#openFrom})`);
    }
    return { start, end };
  }

  #process(obs: TrackObservation, window: TimeWindow): void {
    const { trackId, ts, x, y } = obs;
    const before = this.#tracks.get(trackId);
    if (before) {
      this.#addDwell(trackId, before, ts, window);
      // Silent for too long: that track ended where it was last seen; this is a new one.
      if (ts - before.lastTs > this.#timeoutMs) this.#end(trackId, window);
    }
    this.#grid.add(trackId, x, y, 0);
    if (this.#options.settings.publishPaths) {
      this.#ignored.rejectedIds += this.#paths.observe(trackId, obs.rotatingIds);
    }
    const hit = this.#zoneIndex.locate(x, y);
    for (const visit of this.#zones.update(trackId, ts, hit.inside, window)) {
      this.#paths.visitClosed(trackId, visit);
    }
    this.#transitions.update(trackId, hit.primary, ts);
    this.#entrances.move(trackId, x, y, ts);
    this.#tracks.set(trackId, { lastTs: ts, x, y });
  }

  /** The dwell a track's last position earns in the window until `untilTs`; the track is present in
   * that cell in this window only if it earns some (an observation long before the window gives none). */
  #addDwell(trackId: string, t: TrackState, untilTs: number, window: TimeWindow): void {
    const ms = dwellInWindow(t.lastTs, untilTs, window);
    if (ms > 0) this.#grid.add(trackId, t.x, t.y, ms);
  }

  /** Ends a track at its last observation; `endTs`, from an explicit end, bounds its last dwell. */
  #end(trackId: string, window: TimeWindow, endTs?: number): void {
    const t = this.#tracks.get(trackId);
    if (!t) return;
    if (endTs !== undefined) this.#addDwell(trackId, t, endTs, window);
    for (const visit of this.#zones.endTrack(trackId, window)) this.#paths.visitClosed(trackId, visit);
    this.#paths.end(trackId);
    this.#transitions.forget(trackId);
    this.#entrances.forget(trackId);
    this.#tracks.delete(trackId);
  }

  /** Forgets a track found to be staff, publishing nothing more about it. */
  #purge(trackId: string): void {
    this.#zones.forget(trackId);
    this.#paths.discard(trackId);
    this.#transitions.forget(trackId);
    this.#entrances.discard(trackId);
    this.#tracks.delete(trackId);
    this.#heldCells.purge(trackId);
    this.#heldZones.purge(trackId);
    this.#heldTransitions.purge(trackId);
  }

  #release(window: TimeWindow, final: boolean): WindowOutput {
    const { layout, settings, random, maxMergeScale } = this.#options;
    const ignored = this.#ignored;
    const flushed = this.#paths.flush();
    ignored.truncated += flushed.truncated;
    const tallies = {
      window,
      layoutVersion: layout.layoutVersion,
      cells: this.#heldCells.take(this.#grid.cells()),
      zones: this.#heldZones.take(this.#zones.close(window)),
      transitions: this.#heldTransitions.take(this.#transitions.close()).sort(byTransition),
      entrances: this.#entrances.close(),
      // Empty unless `publishPaths`: no path state is kept then.
      paths: flushed.paths,
    };
    const { bodies, withheld } = releaseWindow(tallies, { settings, random, maxMergeScale, ignored });
    // Held no further than the store's hour, so the hub's hourly figures get every window of their
    // hour and none of another; nor past the last window.
    const hour = (ts: number) => periodStart(ts, 'hour', layout.timezone);
    if (!final && hour(window.start) === hour(window.end)) {
      this.#heldCells.hold(withheld.cells);
      this.#heldZones.hold(withheld.zones);
      this.#heldTransitions.hold(withheld.transitions);
    }
    return { ...bodies, received: this.#received, ignored: { ...ignored } };
  }

  #startNext(window: TimeWindow): void {
    this.#grid.clear();
    this.#openFrom = window.end;
    this.#ignored = noIgnored();
    this.#received = 0;
    for (const [trackId, seen] of this.#staff) {
      if (window.end - seen > this.#timeoutMs) this.#staff.delete(trackId);
    }
    // Keep order checks only for tracks that are alive or still have observations waiting.
    const latest = new Map<string, number>();
    for (const [trackId, t] of this.#tracks) latest.set(trackId, t.lastTs);
    for (const item of this.#pending) if (item.kind === 'obs') latest.set(item.obs.trackId, item.obs.ts);
    this.#latestTs = latest;
  }
}
