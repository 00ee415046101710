// A deterministic crowd for benchmarks: shoppers arrive at random, walk between zones of the
// layout at ~1.2 m/s with pauses, and are observed once a second. Not the store simulator (that
// models missions, baskets and sensors); just enough motion to size what a gateway publishes.
import { centroid, type StoreLayout } from '@retail/contracts';
import type { TrackObservation } from '../core/aggregation/index.js';

export interface CrowdOptions {
  layout: StoreLayout;
  /** Shoppers arriving per hour. */
  arrivalsPerHour: number;
  /** Share of shoppers who opted in with the loyalty app (they carry rotating ids). */
  optedIn: number;
  random: () => number;
}

interface Shopper {
  id: string;
  x: number;
  y: number;
  target: [number, number];
  pauseUntil: number;
  leaveAt: number;
  rotatingId?: string;
}

const SPEED = 1.2;

export class SyntheticCrowd {
  readonly #targets: [number, number][];
  #shoppers: Shopper[] = [];
  #next = 0;

  constructor(private readonly o: CrowdOptions) {
    this.#targets = o.layout.zones
      .filter((z) => z.kind !== 'staff-only')
      .map((z) => [...centroid(z.polygon)] as [number, number]);
  }

  /** Advances one second to `ts` and returns that second's observations. */
  step(ts: number): TrackObservation[] {
    const { random } = this.o;
    if (random() < this.o.arrivalsPerHour / 3600) {
      const start = this.#pick();
      this.#shoppers.push({
        id: `s${this.#next++}`,
        x: start[0],
        y: start[1],
        target: this.#pick(),
        pauseUntil: ts,
        leaveAt: ts + (10 + random() * 30) * 60_000,
        ...(random() < this.o.optedIn && {
          rotatingId: Math.floor(random() * 2 ** 48)
            .toString(16)
            .padStart(16, 'a'),
        }),
      });
    }
    this.#shoppers = this.#shoppers.filter((s) => s.leaveAt > ts);
    const out: TrackObservation[] = [];
    for (const s of this.#shoppers) {
      if (ts >= s.pauseUntil) this.#walk(s, ts);
      out.push({ trackId: s.id, ts, x: s.x, y: s.y, ...(s.rotatingId && { rotatingIds: [s.rotatingId] }) });
    }
    return out;
  }

  #walk(s: Shopper, ts: number): void {
    const dx = s.target[0] - s.x;
    const dy = s.target[1] - s.y;
    const d = Math.hypot(dx, dy);
    if (d <= SPEED) {
      [s.x, s.y] = s.target;
      s.target = this.#pick();
      s.pauseUntil = ts + this.o.random() * 60_000; // browse up to a minute
      return;
    }
    s.x += (dx / d) * SPEED + (this.o.random() - 0.5) * 0.3;
    s.y += (dy / d) * SPEED + (this.o.random() - 0.5) * 0.3;
  }

  #pick(): [number, number] {
    return this.#targets[Math.floor(this.o.random() * this.#targets.length)]!;
  }
}
