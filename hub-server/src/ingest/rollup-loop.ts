// Runs roll-up passes in the background: when ingest says windows arrived, and on a timer
// (windows queued by another worker, or left by a crash). Large passes are cheaper per window, so it
// never hurries: after a pass that took windows it pauses (`pauseMs`) and the next pass takes
// whatever queued meanwhile, so under a burst the acknowledgements get the database most of the
// time and the roll-ups lag by about a pause. `drain` and `stop` cut the pause short.
import type { Logger } from '../logger.js';

/**
 * The hub's pause after a roll-up pass that took `taken` windows, ms: half a second plus a
 * millisecond per window, at most 2 s. A pass holds the database (one of 6,000 windows ~30 ms, when
 * no acknowledgement can be sent), so under a burst passes are spaced out and each sums more windows
 * into the same hour rows (bench ingest: 3–10% more stored per second than after a fixed 500 ms); a trickle
 * keeps the roll-ups, and the live feed after them, about half a second behind.
 */
export function rollupPauseMs(taken: number): number {
  return Math.min(2000, 500 + taken);
}

export interface RollupLoopOptions {
  /** One pass over at most `limit` queued windows; resolves with how many it took. */
  rollUp: (limit: number) => Promise<number>;
  logger: Logger;
  /** Windows per pass (one transaction). */
  batch?: number;
  /** Longest wait between passes when nothing nudges the loop, ms. */
  idleMs?: number;
  /** Pause after a pass that took windows, ms, or as a function of how many it took (nudges do not
   * shorten it; drain and stop do). */
  pauseMs?: number | ((taken: number) => number);
}

export class RollupLoop {
  #running = false;
  #stopping = false;
  #loop: Promise<void> | undefined;
  #wake: (() => void) | undefined;
  #timer: NodeJS.Timeout | undefined;
  #endPause: (() => void) | undefined;
  /** Incremented by `drain`; a pass started at generation g that finds nothing settles drains ≤ g. */
  #requested = 0;
  #drains: { generation: number; resolve: () => void; urgent: boolean }[] = [];
  /** Windows rolled up since start. */
  rolledUp = 0;

  constructor(private readonly o: RollupLoopOptions) {}

  async start(): Promise<void> {
    this.#running = true;
    this.#stopping = false;
    this.#loop = this.#run();
  }

  /** Rolls up what is queued (unless the database fails), then stops. */
  async stop(): Promise<void> {
    if (!this.#running) return;
    this.#stopping = true;
    this.nudge();
    this.#endPause?.();
    await this.#loop;
    this.#running = false;
  }

  /** Windows were queued: run a pass soon. */
  nudge(): void {
    const wake = this.#wake;
    this.#wake = undefined;
    clearTimeout(this.#timer);
    wake?.();
  }

  /** Resolves once everything queued before the call is in the roll-ups (or the loop stops).
   * A drain that is not `urgent` (the live feed's) lets the loop keep its pace. */
  drain(o: { urgent?: boolean } = {}): Promise<void> {
    if (!this.#running || this.#stopping) return Promise.resolve();
    const generation = ++this.#requested;
    const urgent = o.urgent ?? true;
    const done = new Promise<void>((resolve) => this.#drains.push({ generation, resolve, urgent }));
    this.nudge();
    if (urgent) this.#endPause?.();
    return done;
  }

  async #run(): Promise<void> {
    const batch = this.o.batch ?? 1000;
    for (;;) {
      const generation = this.#requested;
      let taken = 0;
      let failed = false;
      try {
        taken = await this.o.rollUp(batch);
        this.rolledUp += taken;
      } catch (err) {
        // The pass rolled back; its windows stay queued and a later pass retries them.
        failed = true;
        this.o.logger.error({ err: (err as Error).message }, 'roll-up pass failed; retrying');
      }
      if (taken > 0) {
        if (!this.#stopping && !this.#drains.some((d) => d.urgent)) await this.#pause(taken);
        continue;
      }
      if (this.#stopping) break;
      if (!failed) {
        this.#drains = this.#drains.filter((d) => {
          if (d.generation > generation) return true;
          d.resolve();
          return false;
        });
        if (this.#drains.length > 0) continue;
      }
      await this.#idle();
    }
    for (const d of this.#drains) d.resolve();
    this.#drains = [];
  }

  #pause(taken: number): Promise<void> {
    const p = this.o.pauseMs ?? 0;
    const ms = typeof p === 'function' ? p(taken) : p;
    if (ms <= 0) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => this.#endPause?.(), ms);
      this.#endPause = () => {
        clearTimeout(timer);
        this.#endPause = undefined;
        resolve();
      };
    });
  }

  #idle(): Promise<void> {
    return new Promise<void>((resolve) => {
      this.#wake = resolve;
      this.#timer = setTimeout(resolve, this.o.idleMs ?? 1000);
    });
  }
}
