// Test support for frame sources: a fake clock whose sleeps end only when the test advances time.
import type { SourceFrame } from '../frame.js';
import type { Clock, Sleep } from './frame-source.js';

interface Timer {
  at: number;
  resolve: () => void;
}

export class FakeClock {
  #now: number;
  #timers: Timer[] = [];

  constructor(start = 0) {
    this.#now = start;
  }

  readonly now: Clock = () => this.#now;

  readonly sleep: Sleep = (ms, signal) =>
    new Promise<void>((resolve) => {
      if (signal?.aborted) return resolve();
      const timer: Timer = { at: this.#now + Math.max(0, ms), resolve };
      this.#timers.push(timer);
      signal?.addEventListener(
        'abort',
        () => {
          this.#timers = this.#timers.filter((t) => t !== timer);
          resolve();
        },
        { once: true },
      );
    });

  /** When the pending sleeps end, earliest first. */
  get pending(): number[] {
    return this.#timers.map((t) => t.at).sort((a, b) => a - b);
  }

  /** Moves time on and ends every sleep due by then. */
  advance(ms: number): void {
    this.#now += ms;
    const due = this.#timers.filter((t) => t.at <= this.#now);
    this.#timers = this.#timers.filter((t) => t.at > this.#now);
    for (const t of due.sort((a, b) => a.at - b.at)) t.resolve();
  }
}

/** The bytes of a frame a camera source delivered (never a simulated `detections` frame). */
export function bytesOf(frame: SourceFrame | null | undefined): Uint8Array | undefined {
  if (!frame) return undefined;
  if (frame.kind === 'detections') throw new Error('a camera source delivered a detections frame');
  return frame.data;
}
