// Simple positioners to benchmark the real one against: a weighted centroid of the anchors that heard
// a beacon (weights from RSSI), and a brute-force grid search over the floor on the same path-loss model.
// Both keep only the last RSSI per (anchor, beacon): no filtering, no motion model.
import type { AnchorSpec, BeaconFix, Reception } from '../ble-types.js';
import type { FloorBounds } from '../positioning/floor-constraint.js';
import {
  DEFAULT_BEACON_HEIGHT_M,
  distance3d,
  pathLossOf,
  rssiAtDistance,
} from '../positioning/log-distance.js';

abstract class LastRssi {
  protected readonly index: Map<string, number>;
  protected readonly latest = new Map<string, { rssi: Float64Array; seen: Float64Array }>();

  constructor(
    protected readonly anchors: readonly AnchorSpec[],
    protected readonly staleMs = 5000,
  ) {
    this.index = new Map(anchors.map((a, i) => [a.id, i]));
  }

  push(r: Reception): void {
    const a = this.index.get(r.anchor);
    if (a === undefined) return;
    let s = this.latest.get(r.beacon);
    if (!s) {
      s = {
        rssi: new Float64Array(this.anchors.length),
        seen: new Float64Array(this.anchors.length).fill(-Infinity),
      };
      this.latest.set(r.beacon, s);
    }
    s.rssi[a] = r.rssi;
    s.seen[a] = r.ts;
  }

  fixAt(beacon: string, ts: number): BeaconFix | undefined {
    const s = this.latest.get(beacon);
    if (!s) return undefined;
    const p = this.solve(s.rssi, s.seen, ts);
    return p
      ? { ts, beacon, role: 'loyalty', x: p[0], y: p[1], sigmaM: p[2], method: 'trilateration' }
      : undefined;
  }

  protected abstract solve(
    rssi: Float64Array,
    seen: Float64Array,
    ts: number,
  ): [number, number, number] | undefined;
}

/** Σ wᵢ·aᵢ / Σ wᵢ with wᵢ = 10^(rssiᵢ/20) (linear amplitude). */
export class WeightedCentroidPositioner extends LastRssi {
  readonly method = 'trilateration' as const;

  protected solve(rssi: Float64Array, seen: Float64Array, ts: number): [number, number, number] | undefined {
    let sw = 0;
    let sx = 0;
    let sy = 0;
    this.anchors.forEach((a, i) => {
      if (ts - (seen[i] as number) > this.staleMs) return;
      const w = 10 ** ((rssi[i] as number) / 20);
      sw += w;
      sx += w * a.x;
      sy += w * a.y;
    });
    return sw > 0 ? [sx / sw, sy / sw, Number.NaN] : undefined;
  }
}

/** The grid cell (default 0.25 m) whose model RSSI is closest in least squares to what was heard. */
export class GridSearchPositioner extends LastRssi {
  readonly method = 'trilateration' as const;
  private readonly cells: { x: number; y: number; model: Float64Array }[] = [];

  constructor(anchors: readonly AnchorSpec[], bounds: FloorBounds, stepM = 0.25, staleMs = 5000) {
    super(anchors, staleMs);
    for (let y = bounds.minY; y <= bounds.maxY; y += stepM)
      for (let x = bounds.minX; x <= bounds.maxX; x += stepM)
        this.cells.push({
          x,
          y,
          model: Float64Array.from(anchors, (a) =>
            rssiAtDistance(distance3d(a, x, y, DEFAULT_BEACON_HEIGHT_M), pathLossOf(a)),
          ),
        });
  }

  protected solve(rssi: Float64Array, seen: Float64Array, ts: number): [number, number, number] | undefined {
    const live: number[] = [];
    for (let i = 0; i < this.anchors.length; i++) if (ts - (seen[i] as number) <= this.staleMs) live.push(i);
    if (live.length < 3) return undefined;
    let best = -1;
    let bestCost = Infinity;
    this.cells.forEach((c, j) => {
      let cost = 0;
      for (const i of live) cost += ((c.model[i] as number) - (rssi[i] as number)) ** 2;
      if (cost < bestCost) {
        bestCost = cost;
        best = j;
      }
    });
    const c = this.cells[best];
    return c ? [c.x, c.y, Number.NaN] : undefined;
  }
}
