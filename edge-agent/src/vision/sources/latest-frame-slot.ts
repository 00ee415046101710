// A one-slot mailbox between a live camera and its consumer: a new frame replaces one the consumer has
// not taken yet (counted as dropped), so memory stays at one frame however slow the consumer is, and the
// consumer always gets the freshest picture. Pure: no timers, no I/O.
import type { SourceFrame } from '../frame.js';

interface Waiter {
  resolve: (frame: SourceFrame | null) => void;
  reject: (reason: unknown) => void;
  signal: AbortSignal | undefined;
  onAbort: () => void;
}

export interface SlotCounts {
  received: number;
  delivered: number;
  dropped: number;
}

export class LatestFrameSlot {
  #frame: SourceFrame | undefined;
  #closed = false;
  readonly #waiters: Waiter[] = [];
  #received = 0;
  #delivered = 0;
  #dropped = 0;

  /** Offers a frame: straight to a waiting consumer, else into the slot, replacing (dropping) an older one. */
  put(frame: SourceFrame): void {
    if (this.#closed) return;
    this.#received++;
    const waiter = this.#waiters.shift();
    if (waiter) {
      this.#delivered++;
      this.#settle(waiter).resolve(frame);
      return;
    }
    if (this.#frame !== undefined) this.#dropped++;
    this.#frame = frame;
  }

  /** The waiting frame, or the next one put; null once the slot is closed and empty. */
  take(signal?: AbortSignal): Promise<SourceFrame | null> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    const frame = this.#frame;
    if (frame !== undefined) {
      this.#frame = undefined;
      this.#delivered++;
      return Promise.resolve(frame);
    }
    if (this.#closed) return Promise.resolve(null);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = { resolve, reject, signal, onAbort: () => this.#abort(waiter) };
      signal?.addEventListener('abort', waiter.onAbort, { once: true });
      this.#waiters.push(waiter);
    });
  }

  /**
   * No more frames will come. With `discard`, a frame still waiting is dropped (the consumer stopped
   * the source); without, the consumer still gets it before null (the input ran out).
   */
  close(discard = false): void {
    if (discard && this.#frame !== undefined) {
      this.#frame = undefined;
      this.#dropped++;
    }
    this.#closed = true;
    for (const waiter of this.#waiters.splice(0)) this.#settle(waiter).resolve(null);
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Whether a frame waits in the slot. */
  get full(): boolean {
    return this.#frame !== undefined;
  }

  counts(): SlotCounts {
    return { received: this.#received, delivered: this.#delivered, dropped: this.#dropped };
  }

  #abort(waiter: Waiter): void {
    const i = this.#waiters.indexOf(waiter);
    if (i < 0) return;
    this.#waiters.splice(i, 1);
    waiter.reject(waiter.signal?.reason);
  }

  #settle(waiter: Waiter): Waiter {
    waiter.signal?.removeEventListener('abort', waiter.onAbort);
    return waiter;
  }
}
