// Zone visits from a trajectory: maximal runs of samples in one zone. A run shorter than `minStayMs`
// (a sway across a boundary, a corner clipped) is not a visit, and a visit it interrupted goes on.
import type { ZoneLocator } from './zone-locator.js';

export interface ZoneStay {
  zoneId: string;
  enterTs: number;
  exitTs: number;
}

export class ZoneVisitTracker {
  readonly #runs: { zone: number; first: number; last: number }[] = [];
  #zone = -1;

  constructor(
    readonly locator: ZoneLocator,
    readonly minStayMs = 1000,
  ) {}

  push(ts: number, x: number, y: number): void {
    this.#zone = this.locator.zoneAt([x, y], this.#zone);
    const run = this.#runs[this.#runs.length - 1];
    if (run && run.zone === this.#zone) run.last = ts;
    else this.#runs.push({ zone: this.#zone, first: ts, last: ts });
  }

  /** The visits so far, in time order. */
  visits(): ZoneStay[] {
    const out: ZoneStay[] = [];
    let zone = -1;
    for (const run of this.#runs) {
      const prev = out[out.length - 1];
      // A return to the zone of the last visit extends it, however short.
      if (prev && zone === run.zone) {
        prev.exitTs = run.last;
      } else if (run.zone >= 0 && run.last - run.first >= this.minStayMs) {
        out.push({ zoneId: this.locator.zones[run.zone]!.id, enterTs: run.first, exitTs: run.last });
        zone = run.zone;
      }
    }
    return out;
  }
}
