// Keeps an emulated day's saved progress ahead of what its gateways publish, so that a run stopped in
// any way (Ctrl-C, a crash, kill -9) resumes without publishing a window twice.
//
// While running, it saves a point some way ahead of the sim clock and holds the clock there until the
// next save is durable: whatever the gateways have published lies before the saved point. A crash then
// costs at most that lead of simulated time. At a clean stop (the clock frozen) it saves the exact point
// each gateway's open window ends at (resume-point.ts), so a restart continues with the next window.
import type { Logger } from '../logger.js';
import type { GatewayProgress, SavedProgress } from './day-progress.js';
import { resumePointAfterStop, resumePointWhileRunning } from './resume-point.js';
import type { SimClock } from './sim-clock.js';

export interface RecordedGateway {
  gatewayId: string;
  /** Its window length now (a config from the hub may change it). */
  windowSeconds: () => number;
}

export interface ProgressRecorderOptions {
  clock: SimClock;
  gateways: readonly RecordedGateway[];
  /** Sim time this run started at. */
  runStartTs: number;
  /** The end of the day: a gateway stopped at or after it has played the day to its end. */
  endTs: number;
  save: (progress: SavedProgress) => Promise<void>;
  logger: Logger;
  /** Sim ms the saved point runs ahead of the clock (default: 2 real seconds' worth, at least 2 min). */
  leadMs?: number;
  /** Real ms between looks at the clock (100). */
  everyMs?: number;
}

export class ProgressRecorder {
  readonly #o: ProgressRecorderOptions;
  readonly #leadMs: number;
  #timer: NodeJS.Timeout | undefined;
  #saving: Promise<void> | undefined;
  /** The clock may run up to here: the point last saved. */
  #allowed = Number.NEGATIVE_INFINITY;

  constructor(o: ProgressRecorderOptions) {
    this.#o = o;
    this.#leadMs = o.leadMs ?? Math.max(120_000, o.clock.speed * 2000);
  }

  /** Saves the first point ahead and holds the clock there; call before the clock starts. */
  async start(): Promise<void> {
    await this.#saveAhead();
    this.#timer = setInterval(() => this.#tick(), this.#o.everyMs ?? 100);
    this.#timer.unref();
  }

  /** With the clock frozen: saves where each gateway may resume, and returns it. */
  async finish(): Promise<SavedProgress> {
    clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#saving;
    const stopTs = this.#o.clock.now();
    const progress: SavedProgress = {};
    for (const g of this.#o.gateways) {
      const point: GatewayProgress = {
        resumeTs: resumePointAfterStop({ stopTs, windowSeconds: g.windowSeconds() }),
        complete: stopTs >= this.#o.endTs,
      };
      progress[g.gatewayId] = point;
    }
    await this.#o.save(progress);
    return progress;
  }

  #tick(): void {
    const now = this.#o.clock.now();
    if (this.#saving || now < this.#allowed - this.#leadMs / 2) return;
    this.#saving = this.#saveAhead()
      .catch((err: Error) => {
        // The clock stays held at the last saved point: slower, never a window twice.
        this.#o.logger.error({ err: err.message }, 'could not save the day’s progress; holding the clock');
      })
      .finally(() => {
        this.#saving = undefined;
      });
  }

  async #saveAhead(): Promise<void> {
    const target = this.#o.clock.now() + this.#leadMs;
    const progress: SavedProgress = {};
    for (const g of this.#o.gateways)
      progress[g.gatewayId] = {
        resumeTs: resumePointWhileRunning(target, g.windowSeconds()),
        complete: false,
      };
    await this.#o.save(progress);
    this.#allowed = Math.min(...Object.values(progress).map((p) => p.resumeTs));
    this.#o.clock.allowUntil(this.#allowed);
  }
}
