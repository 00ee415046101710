// The gateway's durable outbox. A message is on disk (fdatasync'd) before `enqueue()` resolves and
// before the publisher can see it; it leaves only after the broker's QoS 1 acknowledgement (`ack()`)
// or as a counted drop when the bound is reached. Sequence numbers are the caller's, kept as given and
// handed out in order. Storage is outbox-store.ts; this class holds the queue, the bound and the counts.
import type { Logger } from '../logger.js';
import type { DropReason, SettleReason } from './ack-log.js';
import { chooseVictim } from './drop-policy.js';
import type { OutboxConfig } from './outbox-config.js';
import { decodeOutboxRecord, encodeOutboxRecord, type OutboxMessage } from './outbox-record.js';
import { OutboxStore, type StoredEntry, type StoredMessageMeta } from './outbox-store.js';
import { PendingIndex } from './pending-index.js';
import { RECORD_HEADER_BYTES } from './record-codec.js';
import type { RecordLocation } from './segment-log.js';

export type { DropReason } from './ack-log.js';
export type { OutboxMessage } from './outbox-record.js';
export type EnqueueInput = Omit<OutboxMessage, 'enqueuedAt'>;
/** `dropped`: the drop policy chose this very message, so it is not kept. */
export type EnqueueOutcome = 'stored' | 'dropped';

export interface PendingEntry {
  readonly seq: number;
  readonly kind: string;
  readonly topic: string;
  /** Size as stored, framing included; what `maxBytes` counts. */
  readonly bytes: number;
  readonly enqueuedAt: number;
}

export interface OutboxStats {
  /** Messages waiting: stored, or being stored, and not yet acknowledged. */
  depth: number;
  bytes: number;
  /** Drops since open, per kind and per reason. */
  dropped: Record<string, number>;
  droppedByReason: Record<DropReason, number>;
  droppedTotal: number;
  /** Age of the oldest waiting message; 0 when none waits. */
  oldestAgeMs: number;
  diskBytes: number;
  segments: number;
  /** Damaged records found on open or when reading back (those read back are also drops). */
  corruptRecords: number;
  /** Bytes of a half-written record cut from the last segment on open. */
  tornTailBytes: number;
}

export interface OutboxOptions {
  /** A directory the outbox owns. */
  dir: string;
  config: OutboxConfig;
  now: () => number;
  logger?: Logger;
}

interface Entry extends PendingEntry, StoredEntry {}

export class Outbox {
  readonly config: OutboxConfig;
  readonly #store: OutboxStore;
  readonly #index = new PendingIndex<Entry>();
  readonly #cache = new Map<number, string>();
  #cachedBytes = 0;
  readonly #topics = new Map<string, string>();
  readonly #listeners = new Set<() => void>();
  #state: 'new' | 'open' | 'closed' = 'new';
  #highestSeq = -1;
  readonly #dropped: Record<string, number> = {};
  readonly #droppedByReason: Record<DropReason, number> = { 'max-messages': 0, 'max-bytes': 0, corrupt: 0 };
  #corruptRecords = 0;
  #tornTailBytes = 0;

  constructor(private readonly o: OutboxOptions) {
    this.config = o.config;
    this.#store = new OutboxStore({
      dir: o.dir,
      segmentBytes: o.config.segmentBytes,
      ackLingerMs: o.config.ackLingerMs,
      maxDiskBytes: 2 * o.config.maxBytes,
      lookup: (seq) => this.#index.get(seq),
      ...(o.logger && { logger: o.logger }),
    });
  }

  /** Loads what earlier runs left: every stored, unsettled message is pending again, in order. */
  async open(): Promise<void> {
    if (this.#state !== 'new') throw new Error('an outbox opens once');
    const report = await this.#store.open((m, bytes, at) => this.#index.add(this.#entry(m, bytes, at)));
    this.#highestSeq = report.highestSeq;
    this.#corruptRecords = report.corruptRecords;
    this.#tornTailBytes = report.tornTailBytes;
    this.#state = 'open';
    this.#enforceBound(undefined); // the bound may have shrunk since
    const level = report.corruptRecords > 0 || report.tornTailBytes > 0 ? 'warn' : 'info';
    this.o.logger?.[level]({ ...report, depth: this.#index.size }, 'outbox opened');
  }

  /**
   * Stores a message; resolves once it is durable. When full, the drop policy makes room first and may
   * choose this very message (`'dropped'`). Throws, storing nothing, on a kind that is never queued, a
   * sequence number already waiting, a message larger than `maxBytes`, or a failed write.
   */
  async enqueue(input: EnqueueInput): Promise<EnqueueOutcome> {
    this.#assertOpen();
    const { seq, kind, topic, payload } = input;
    if (!Number.isSafeInteger(seq) || seq < 0) throw new RangeError(`sequence number ${seq} is not valid`);
    if ((this.config.neverQueue as readonly string[]).includes(kind))
      throw new Error(`"${kind}" messages are sent live, never queued`);
    if (this.#index.has(seq)) throw new Error(`sequence number ${seq} is already waiting`);
    const message: OutboxMessage = { seq, kind, topic, payload, enqueuedAt: this.o.now() };
    const body = encodeOutboxRecord(message);
    const bytes = RECORD_HEADER_BYTES + body.length;
    if (bytes > this.config.maxBytes)
      throw new RangeError(`a ${bytes}-byte message can never fit in maxBytes ${this.config.maxBytes}`);
    const entry = this.#entry(message, bytes, undefined);
    this.#index.add(entry);
    this.#highestSeq = Math.max(this.#highestSeq, seq);
    this.#enforceBound(entry);
    if (entry.settled) return 'dropped';
    this.#cachePut(seq, payload);
    try {
      entry.at = await this.#store.append(body);
    } catch (err) {
      if (this.#index.get(seq) === entry) this.#index.remove(seq);
      this.#cacheDelete(seq);
      throw err;
    }
    this.#store.stored(entry);
    if (entry.settled) return 'dropped'; // chosen by the bound while it was being written
    for (const listener of this.#listeners) {
      try {
        listener();
      } catch (err) {
        this.o.logger?.error({ err: (err as Error).message }, 'outbox listener failed');
      }
    }
    return 'stored';
  }

  /** Stored messages waiting for the broker, in sequence order, above `afterSeq`. */
  *pending(afterSeq = -1): Generator<PendingEntry> {
    for (const e of this.#index.after(afterSeq)) if (e.at) yield e;
  }

  /** The whole message, or undefined when it no longer waits (or turned out unreadable: then dropped). */
  async read(seq: number): Promise<OutboxMessage | undefined> {
    for (let attempt = 0; ; attempt++) {
      const e = this.#index.get(seq);
      if (!e?.at || this.#state !== 'open') return undefined;
      const payload = this.#cache.get(seq);
      if (payload !== undefined)
        return { seq, kind: e.kind, topic: e.topic, payload, enqueuedAt: e.enqueuedAt };
      const at = e.at;
      let body: Buffer | undefined;
      try {
        body = await this.#store.read(at);
      } catch (err) {
        if (this.#index.get(seq) !== e) return undefined; // settled meanwhile
        if (e.at !== at && attempt === 0) continue; // moved by compaction meanwhile
        throw err;
      }
      if (this.#index.get(seq) !== e) return undefined;
      const m = body && decodeOutboxRecord(body);
      if (m?.seq === seq) return m;
      this.#corruptRecords++;
      this.o.logger?.error({ seq, segment: at.segment }, 'stored message is unreadable; dropped');
      this.#settle(e, 'corrupt');
      return undefined;
    }
  }

  /** The broker acknowledged `seq`: forget it. Resolves once that is durable. Unknown numbers are ignored. */
  ack(seq: number): Promise<void> {
    const e = this.#index.get(seq);
    if (!e?.at || this.#state !== 'open') return Promise.resolve();
    return this.#settle(e, 'acked');
  }

  /** Calls `listener` after each newly stored message; returns the unsubscribe function. */
  onEnqueue(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** The highest sequence number ever stored here, as far as the files still show; -1 when none. */
  get highestSeq(): number {
    return this.#highestSeq;
  }

  stats(): OutboxStats {
    const oldest = this.#index.oldest();
    return {
      depth: this.#index.size,
      bytes: this.#index.bytes,
      dropped: { ...this.#dropped },
      droppedByReason: { ...this.#droppedByReason },
      droppedTotal: Object.values(this.#droppedByReason).reduce((a, b) => a + b, 0),
      oldestAgeMs: oldest ? Math.max(0, this.o.now() - oldest.enqueuedAt) : 0,
      diskBytes: this.#store.diskBytes,
      segments: this.#store.segments,
      corruptRecords: this.#corruptRecords,
      tornTailBytes: this.#tornTailBytes,
    };
  }

  /** Finishes writes under way and releases the files; whatever still waits is there on the next open. */
  async close(): Promise<void> {
    if (this.#state !== 'open') return;
    this.#state = 'closed';
    this.#listeners.clear();
    await this.#store.close();
  }

  #entry(m: StoredMessageMeta, bytes: number, at: RecordLocation | undefined): Entry {
    // One string per topic, however many messages share it.
    const topic = this.#topics.get(m.topic) ?? m.topic;
    this.#topics.set(topic, topic);
    return { seq: m.seq, kind: m.kind, topic, bytes, enqueuedAt: m.enqueuedAt, at, settled: undefined };
  }

  /** Drops by policy until the bound holds; `incoming` is the message being added, if any. */
  #enforceBound(incoming: Entry | undefined): void {
    const { maxMessages, maxBytes, dropPolicy } = this.config;
    for (;;) {
      const reason: DropReason | undefined =
        this.#index.size > maxMessages
          ? 'max-messages'
          : this.#index.bytes > maxBytes
            ? 'max-bytes'
            : undefined;
      if (!reason) return;
      const victim = chooseVictim(this.#index, dropPolicy)!;
      this.#settle(victim, reason);
      if (victim === incoming) return;
    }
  }

  #settle(e: Entry, reason: SettleReason): Promise<void> {
    this.#index.remove(e.seq);
    this.#cacheDelete(e.seq);
    if (reason !== 'acked') {
      this.#dropped[e.kind] = (this.#dropped[e.kind] ?? 0) + 1;
      this.#droppedByReason[reason]++;
    }
    return this.#store.settle(e, reason);
  }

  #cachePut(seq: number, payload: string): void {
    if (this.#cachedBytes + payload.length > this.config.cacheBytes) return;
    this.#cache.set(seq, payload);
    this.#cachedBytes += payload.length;
  }

  #cacheDelete(seq: number): void {
    const payload = this.#cache.get(seq);
    if (payload === undefined) return;
    this.#cache.delete(seq);
    this.#cachedBytes -= payload.length;
  }

  #assertOpen(): void {
    if (this.#state !== 'open') throw new Error(`outbox is ${this.#state === 'new' ? 'not open' : 'closed'}`);
  }
}
