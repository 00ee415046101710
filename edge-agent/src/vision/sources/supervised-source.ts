// The restart loop shared by live sources (MJPEG, ffmpeg): run one session (a connection, a process)
// until it fails, report the failure, wait a growing backoff, run another; give up after `maxRetries`
// consecutive failures. Frames from every session go through one latest-frame slot, numbered in order.

import type { Logger } from '../../logger.js';
import { type RetryPolicy, retryDelay } from '../../outbox/backoff.js';
import type { SourceFrame } from '../frame.js';
import {
  type Clock,
  errorMessage,
  type FrameSource,
  type FrameSourceStats,
  type Sleep,
  type SourceState,
  systemSleep,
} from './frame-source.js';
import { LatestFrameSlot } from './latest-frame-slot.js';

/** A frame as a session produces it; the supervisor adds `seq` and `ts`. */
export type FramePayload = SourceFrame extends infer F
  ? F extends unknown
    ? Omit<F, 'seq' | 'ts'>
    : never
  : never;

export interface SessionContext {
  /** Aborts when the source stops; the session then ends its connection or process and resolves. */
  signal: AbortSignal;
  emit(frame: FramePayload): void;
}

/**
 * One connection or process. Resolves when the input ended for good (a finished file) or the signal
 * aborted; rejects on a failure worth a restart, or with a `PermanentSourceError` when none would help.
 */
export type Session = (ctx: SessionContext) => Promise<void>;

/** A failure no restart can fix (the ffmpeg binary is missing): the source goes 'dead' at once. */
export class PermanentSourceError extends Error {
  override name = 'PermanentSourceError';
}

export const DEFAULT_SOURCE_RETRY: RetryPolicy = { initialMs: 500, maxMs: 30_000, jitter: 0.2 };

export interface SupervisedSourceOptions {
  description: string;
  session: Session;
  /** Runs once in `start()`; a rejection there rejects `start()` and the source is 'dead'. */
  preflight?: () => Promise<void>;
  now: Clock;
  sleep?: Sleep;
  /** Uniform in [0, 1), for the backoff jitter. */
  random?: () => number;
  retry?: RetryPolicy;
  /** Consecutive failed attempts tolerated before 'dead'; unlimited when undefined. */
  maxRetries?: number;
  logger?: Logger;
}

export class SupervisedSource implements FrameSource {
  readonly description: string;
  readonly #slot = new LatestFrameSlot();
  readonly #stop = new AbortController();
  #state: SourceState = 'starting';
  #lastError: string | undefined;
  #restarts = 0;
  #seq = 0;
  #framesThisAttempt = 0;
  #loop: Promise<void> | undefined;

  constructor(private readonly o: SupervisedSourceOptions) {
    this.description = o.description;
  }

  async start(): Promise<void> {
    if (this.#loop || this.#stop.signal.aborted) return;
    this.#loop = Promise.resolve();
    try {
      await this.o.preflight?.();
    } catch (err) {
      this.#finish('dead', errorMessage(err));
      throw err;
    }
    if (!this.#stop.signal.aborted) this.#loop = this.#run();
  }

  async stop(): Promise<void> {
    this.#stop.abort();
    this.#slot.close(true);
    await this.#loop;
    if (this.#state !== 'dead') this.#state = 'ended';
  }

  next(signal?: AbortSignal): Promise<SourceFrame | null> {
    return this.#slot.take(signal);
  }

  stats(): FrameSourceStats {
    return {
      ...this.#slot.counts(),
      restarts: this.#restarts,
      state: this.#state,
      ...(this.#lastError !== undefined && { lastError: this.#lastError }),
    };
  }

  async #run(): Promise<void> {
    const signal = this.#stop.signal;
    const emit = (frame: FramePayload) => this.#emit(frame);
    let failures = 0;
    while (!signal.aborted) {
      this.#framesThisAttempt = 0;
      try {
        await this.o.session({ signal, emit });
        if (!signal.aborted) this.#finish('ended');
        return;
      } catch (err) {
        if (signal.aborted) return;
        // A session that delivered frames was healthy for a while: start the count and backoff afresh.
        failures = this.#framesThisAttempt > 0 ? 1 : failures + 1;
        const message = errorMessage(err);
        const { maxRetries } = this.o;
        if (err instanceof PermanentSourceError || (maxRetries !== undefined && failures > maxRetries)) {
          this.#finish('dead', message);
          this.o.logger?.error({ source: this.description, err: message, failures }, 'camera source gave up');
          return;
        }
        this.#state = 'retrying';
        this.#lastError = message;
        const delay = retryDelay(
          failures,
          this.o.retry ?? DEFAULT_SOURCE_RETRY,
          this.o.random ?? Math.random,
        );
        this.o.logger?.warn(
          { source: this.description, err: message, attempt: failures, delayMs: delay },
          'camera source failed; restarting',
        );
        await (this.o.sleep ?? systemSleep)(delay, signal);
        if (!signal.aborted) this.#restarts++;
      }
    }
  }

  #emit(frame: FramePayload): void {
    if (this.#stop.signal.aborted) return;
    this.#framesThisAttempt++;
    if (this.#state !== 'running') {
      this.o.logger?.info({ source: this.description, restarts: this.#restarts }, 'camera source running');
      this.#state = 'running';
    }
    this.#slot.put({ ...frame, seq: this.#seq++, ts: this.o.now() } as SourceFrame);
  }

  #finish(state: 'dead' | 'ended', error?: string): void {
    this.#state = state;
    if (error !== undefined) this.#lastError = error;
    this.#slot.close();
  }
}
