// Windows ingest has just committed, summed in memory for the next roll-up pass, so the hot path
// never re-reads and re-parses payloads it decoded a moment ago. The `rollup_pending` queue in the
// database stays the truth: a pass that uses these sums deletes exactly their msgIds from the
// queue in the same transaction, and when some were already taken (by a pass that read the queue,
// or another hub worker) it rolls back and leaves them all to the queue-reading pass.
import type { MessageOf } from '@retail/contracts';
import type { RollupKind } from './rollup-store.js';
import { RollupBatch } from './rollups.js';

export interface AccumulatedWindow {
  msgId: string;
  kind: RollupKind;
  message: MessageOf<RollupKind>;
  /** The store's time zone, for the hour and day the window falls in. */
  timeZone: string;
}

export interface AccumulatedSums {
  ids: string[];
  batch: RollupBatch;
}

export class RollupAccumulator {
  #ids = new Set<string>();
  #batch = new RollupBatch();

  /** Windows held; a window already held is not added twice. */
  get size(): number {
    return this.#ids.size;
  }

  has(msgId: string): boolean {
    return this.#ids.has(msgId);
  }

  add(w: AccumulatedWindow): void {
    if (this.#ids.has(w.msgId)) return;
    this.#ids.add(w.msgId);
    if (w.kind === 'heatmap') this.#batch.heatmap(w.message as MessageOf<'heatmap'>, w.timeZone);
    else if (w.kind === 'zones') this.#batch.zones(w.message as MessageOf<'zones'>, w.timeZone);
    else this.#batch.counts(w.message as MessageOf<'counts'>, w.timeZone);
  }

  /** Hands over everything held and starts empty; undefined when nothing is held. */
  take(): AccumulatedSums | undefined {
    if (this.#ids.size === 0) return undefined;
    const sums = { ids: [...this.#ids], batch: this.#batch };
    this.#ids = new Set();
    this.#batch = new RollupBatch();
    return sums;
  }
}
