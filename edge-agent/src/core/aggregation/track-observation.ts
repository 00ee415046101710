// The aggregator's input: one fused floor position of a track, and the checks it must pass to be used.
import { type ObservationMetrics, pointPolygonDistance, type StoreLayout } from '@retail/contracts';

/** One position of a fused (camera + BLE) track on the floor plan. */
export interface TrackObservation {
  /** Gateway-local and random; it never leaves the gateway. */
  trackId: string;
  /** Milliseconds since the epoch. */
  ts: number;
  /** Floor metres. */
  x: number;
  y: number;
  /** A staff tag was fused with the track: the track is excluded from every output. */
  staff?: boolean;
  /** Rotating loyalty-app identifiers (16 lower-case hex), present only for opted-in shoppers. */
  rotatingIds?: readonly string[];
}

/** Why observations were not aggregated, per window; for metrics and logs, never published as data. */
export interface IgnoredCounts {
  /** Before the open window (late), or in a gap between two closed windows. */
  outsideWindow: number;
  /** Older than the track's previous observation. */
  outOfOrder: number;
  /** Empty track id or a non-finite time or position. */
  invalid: number;
  /** Staff observations (dropped by design). */
  staff: number;
  /**
   * Farther off the floor than projection error explains: someone seen through the shop window, a
   * reflection. Nearer ones count at the floor's edge.
   */
  offFloor: number;
  /** Rotating ids refused as malformed or as look-alikes of a card number. */
  rejectedIds: number;
  /** Observations refused because the pending buffer was full (closeWindow not called). */
  overflow: number;
  /** Items cut to fit the contract's array limits. */
  truncated: number;
}

export function noIgnored(): IgnoredCounts {
  return {
    outsideWindow: 0,
    outOfOrder: 0,
    invalid: 0,
    staff: 0,
    offFloor: 0,
    rejectedIds: 0,
    overflow: 0,
    truncated: 0,
  };
}

/** A window's fate of observations as gateway metrics publish it (contracts' observationMetricsSchema). */
export function observationMetrics(received: number, ignored: IgnoredCounts): ObservationMetrics {
  return {
    received,
    staff: ignored.staff,
    offFloor: ignored.offFloor,
    ignored: ignored.outsideWindow + ignored.outOfOrder + ignored.invalid + ignored.overflow,
  };
}

export function isWellFormed(obs: TrackObservation): boolean {
  return (
    typeof obs.trackId === 'string' &&
    obs.trackId.length > 0 &&
    Number.isFinite(obs.ts) &&
    obs.ts >= 0 &&
    Number.isFinite(obs.x) &&
    Number.isFinite(obs.y)
  );
}

/**
 * How far (x, y) lies off the store's floor, metres; 0 on it. The floor is its walkable areas where the
 * layout draws them (an L-shaped shop leaves the street corner out), else the whole `width` × `depth`.
 */
export function distanceOffFloor(x: number, y: number, floor: StoreLayout['floor']): number {
  const dx = Math.max(0, -x, x - floor.width);
  const dy = Math.max(0, -y, y - floor.depth);
  const offRect = Math.hypot(dx, dy);
  if (floor.walkable === undefined || floor.walkable.length === 0) return offRect;
  let offWalkable = Number.POSITIVE_INFINITY;
  for (const area of floor.walkable) offWalkable = Math.min(offWalkable, pointPolygonDistance([x, y], area));
  return Math.max(offRect, offWalkable);
}

/** A half-open time window [start, end) in epoch ms. */
export interface TimeWindow {
  start: number;
  end: number;
}
