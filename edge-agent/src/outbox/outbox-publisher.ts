// Drains the outbox to the broker: up to `inflight` QoS 1 publishes outstanding, dispatched in sequence
// order; a message is acknowledged in the outbox only when its publish resolves (PUBACK). A failed
// publish pauses all dispatching for a backoff with jitter, then the lowest waiting message goes first.
// Dispatching also pauses while disconnected, and resumes on reconnect and when messages are stored.
import type { Logger } from '../logger.js';
import { type RetryPolicy, retryDelay } from './backoff.js';
import type { Outbox } from './outbox.js';

export interface OutboxPublisherOptions {
  outbox: Pick<Outbox, 'pending' | 'read' | 'ack' | 'onEnqueue' | 'config'>;
  /** Publishes at QoS 1; resolves on the broker's PUBACK, rejects when the publish failed. */
  publish: (topic: string, payload: string) => Promise<void>;
  isConnected: () => boolean;
  /** Registers a listener for (re)connections; returns its unsubscribe function. */
  onConnected: (listener: () => void) => () => void;
  /** Defaults to the outbox's config. */
  inflight?: number;
  retry?: RetryPolicy;
  now: () => number;
  /** Uniform in [0, 1), for the jitter. */
  random: () => number;
  logger?: Logger;
}

export interface OutboxPublisherStats {
  inflight: number;
  published: number;
  /** Payload bytes of acknowledged publishes. */
  bytesSent: number;
  failures: number;
  /** When dispatching resumes after a failure; undefined when not paused. */
  retryAt: number | undefined;
  lastPublishedAt: number | undefined;
}

export class OutboxPublisher {
  readonly #inflight = new Set<number>();
  readonly #limit: number;
  readonly #retry: RetryPolicy;
  #unsubscribe: (() => void)[] = [];
  #running = false;
  #pause: NodeJS.Timeout | undefined;
  #attempt = 0;
  #published = 0;
  #bytesSent = 0;
  #failures = 0;
  #retryAt: number | undefined;
  #lastPublishedAt: number | undefined;

  constructor(private readonly o: OutboxPublisherOptions) {
    this.#limit = o.inflight ?? o.outbox.config.inflight;
    this.#retry = o.retry ?? o.outbox.config.retry;
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    const pump = () => this.#pump();
    this.#unsubscribe = [this.o.outbox.onEnqueue(pump), this.o.onConnected(pump)];
    this.#pump();
  }

  /** Stops dispatching. Publishes already out may still complete and be acknowledged. */
  stop(): void {
    this.#running = false;
    clearTimeout(this.#pause);
    this.#pause = undefined;
    this.#retryAt = undefined;
    for (const u of this.#unsubscribe) u();
    this.#unsubscribe = [];
  }

  /**
   * Ends a backoff pause now and sends what is waiting (the `flush-outbox` command). Returns whether
   * a pause was cut short.
   */
  retryNow(): boolean {
    const paused = this.#pause !== undefined;
    clearTimeout(this.#pause);
    this.#pause = undefined;
    this.#retryAt = undefined;
    this.#attempt = 0;
    this.#pump();
    return paused;
  }

  get bytesSent(): number {
    return this.#bytesSent;
  }

  stats(): OutboxPublisherStats {
    return {
      inflight: this.#inflight.size,
      published: this.#published,
      bytesSent: this.#bytesSent,
      failures: this.#failures,
      retryAt: this.#retryAt,
      lastPublishedAt: this.#lastPublishedAt,
    };
  }

  #pump(): void {
    if (!this.#running || this.#pause || !this.o.isConnected()) return;
    for (const e of this.o.outbox.pending()) {
      if (this.#inflight.size >= this.#limit) return;
      if (!this.#inflight.has(e.seq)) void this.#send(e.seq);
    }
  }

  async #send(seq: number): Promise<void> {
    this.#inflight.add(seq);
    try {
      const m = await this.o.outbox.read(seq);
      if (m) {
        await this.o.publish(m.topic, m.payload);
        this.#succeeded(seq, Buffer.byteLength(m.payload));
      }
    } catch (err) {
      this.#failed(seq, err as Error);
    } finally {
      this.#inflight.delete(seq);
      this.#pump();
    }
  }

  #succeeded(seq: number, bytes: number): void {
    this.#published++;
    this.#bytesSent += bytes;
    this.#attempt = 0;
    this.#lastPublishedAt = this.o.now();
    this.o.outbox.ack(seq).catch((err: Error) => {
      // The message will be sent again after a restart; the hub de-duplicates it.
      this.o.logger?.warn({ err: err.message, seq }, 'could not record the acknowledgement');
    });
  }

  #failed(seq: number, err: Error): void {
    this.#failures++;
    // One pause per round of failures: the publishes that fail together back off together.
    if (!this.#running || this.#pause) return;
    const delay = retryDelay(++this.#attempt, this.#retry, this.o.random);
    this.#retryAt = this.o.now() + delay;
    this.o.logger?.warn(
      { err: err.message, seq, attempt: this.#attempt, delayMs: delay },
      'publish failed; backing off',
    );
    this.#pause = setTimeout(() => {
      this.#pause = undefined;
      this.#retryAt = undefined;
      this.#pump();
    }, delay);
  }
}
