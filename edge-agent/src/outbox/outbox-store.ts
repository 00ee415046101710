// Where the outbox's messages live on disk: records in the segment log, settlements in the ack log,
// which segment holds which live record, deletion of a segment once all of it is settled, and
// compaction: once disk use passes `maxDiskBytes`, the live records of the sparsest sealed segment
// are copied forward so that segment can go (a later copy supersedes an earlier one on open).
import type { Logger } from '../logger.js';
import { AckLog, type SettleReason } from './ack-log.js';
import { decodeOutboxRecord, type OutboxMessage } from './outbox-record.js';
import { decodeRecordAt, RECORD_HEADER_BYTES } from './record-codec.js';
import { type RecordLocation, SegmentLog } from './segment-log.js';

/** What the store needs to know of a queued message; the outbox owns these objects. */
export interface StoredEntry {
  readonly seq: number;
  readonly bytes: number;
  /** Where it is stored; undefined while its append is under way. */
  at: RecordLocation | undefined;
  /** Set once it left the queue, acknowledged or dropped. */
  settled: SettleReason | undefined;
}

export type StoredMessageMeta = Omit<OutboxMessage, 'payload'>;

export interface OutboxStoreOptions {
  dir: string;
  segmentBytes: number;
  ackLingerMs: number;
  /** Disk use above which sparse segments are compacted. */
  maxDiskBytes: number;
  /** The entry of a waiting message, for compaction. */
  lookup: (seq: number) => StoredEntry | undefined;
  logger?: Logger;
}

export interface OutboxStoreOpenReport {
  segments: number;
  records: number;
  /** Damaged stretches and records that are not messages. */
  corruptRecords: number;
  tornTailBytes: number;
  /** The highest sequence number in any record or marker; -1 when none. */
  highestSeq: number;
}

export class OutboxStore {
  readonly #log: SegmentLog;
  readonly #acks: AckLog;
  readonly #bySegment = new Map<number, { seqs: Set<number>; bytes: number }>();
  readonly #background = new Set<Promise<unknown>>();
  readonly #removing = new Set<number>();
  readonly #uncompactable = new Set<number>();
  #compaction: Promise<unknown> | undefined;
  #open = false;

  constructor(private readonly o: OutboxStoreOptions) {
    this.#log = new SegmentLog({
      dir: o.dir,
      segmentBytes: o.segmentBytes,
      onSealed: (segment) => this.#maybeRemove(segment),
    });
    this.#acks = new AckLog({ dir: o.dir, lingerMs: o.ackLingerMs });
  }

  /** Reports every stored, unsettled message (its latest copy) with its size and location. */
  async open(
    onMessage: (m: StoredMessageMeta, bytes: number, at: RecordLocation) => void,
  ): Promise<OutboxStoreOpenReport> {
    const { settled, segments: ackFiles } = await this.#acks.open();
    // Payloads stay on disk until they are read for publishing.
    const found = new Map<number, { m: StoredMessageMeta; bytes: number; at: RecordLocation }>();
    let highestSeq = -1;
    for (const seq of settled.keys()) if (seq > highestSeq) highestSeq = seq;
    let undecodable = 0;
    const report = await this.#log.open(
      (body, at) => {
        const m = decodeOutboxRecord(body);
        if (!m) {
          undecodable++;
          return;
        }
        if (m.seq > highestSeq) highestSeq = m.seq;
        const { seq, kind, topic, enqueuedAt } = m;
        const bytes = RECORD_HEADER_BYTES + body.length;
        if (!settled.has(seq)) found.set(seq, { m: { seq, kind, topic, enqueuedAt }, bytes, at });
      },
      ackFiles.at(-1) ?? 0, // sorted
    );
    for (const { m, bytes, at } of [...found.values()].sort((a, b) => a.m.seq - b.m.seq)) {
      onMessage(m, bytes, at);
      this.#place(m.seq, bytes, at);
    }
    this.#open = true;
    for (const segment of ackFiles)
      if (!this.#log.segments().has(segment)) this.#track(this.#acks.remove(segment));
    for (const segment of [...this.#log.segments().keys()]) this.#maybeRemove(segment);
    return {
      segments: report.segments,
      records: report.records,
      corruptRecords: report.corruptRegions + undecodable,
      tornTailBytes: report.tornTailBytes,
      highestSeq,
    };
  }

  /**
   * Writes a record body; resolves once it is durable. Should compaction fall behind a flood of
   * appends, appends wait for it, so disk use has a hard ceiling.
   */
  async append(body: Uint8Array): Promise<RecordLocation> {
    while (this.#compaction && this.#log.diskBytes > this.o.maxDiskBytes + 2 * this.o.segmentBytes)
      await this.#compaction;
    return this.#log.append(body);
  }

  /** An appended entry: counted in its segment, or, if it was settled while being written, marked so. */
  stored(e: StoredEntry): void {
    const at = e.at!;
    if (e.settled) this.#track(this.#acks.mark(at.segment, e.seq, e.settled));
    else this.#place(e.seq, e.bytes, at);
    this.#maybeCompact();
  }

  /** Records durably that `e` left the queue; the segment goes once nothing in it waits. */
  settle(e: StoredEntry, reason: SettleReason): Promise<void> {
    e.settled = reason;
    if (!e.at) return Promise.resolve(); // still being written: stored() marks it
    const segment = e.at.segment;
    this.#unplace(e.seq, e.bytes, segment);
    const marked = this.#track(this.#acks.mark(segment, e.seq, reason));
    this.#maybeRemove(segment);
    if (reason !== 'acked') this.#maybeCompact();
    return marked;
  }

  /** The body stored at `at`, or undefined when it is damaged. */
  read(at: RecordLocation): Promise<Buffer | undefined> {
    return this.#log.read(at);
  }

  get diskBytes(): number {
    return this.#log.diskBytes;
  }

  get segments(): number {
    return this.#log.segments().size;
  }

  /** Finishes every write under way and releases the files. */
  async close(): Promise<void> {
    this.#open = false;
    await this.#settleBackground(); // compaction appends to the log
    await this.#log.close();
    await this.#settleBackground(); // markers for records settled while being written
    await this.#acks.close();
  }

  async #settleBackground(): Promise<void> {
    while (this.#background.size > 0) await Promise.allSettled([...this.#background]);
  }

  #place(seq: number, bytes: number, at: RecordLocation): void {
    let s = this.#bySegment.get(at.segment);
    if (!s) {
      s = { seqs: new Set(), bytes: 0 };
      this.#bySegment.set(at.segment, s);
    }
    s.seqs.add(seq);
    s.bytes += bytes;
  }

  #unplace(seq: number, bytes: number, segment: number): void {
    const s = this.#bySegment.get(segment);
    if (s?.seqs.delete(seq)) s.bytes -= bytes;
  }

  #liveIn(segment: number): number {
    return this.#bySegment.get(segment)?.seqs.size ?? 0;
  }

  /** Deletes a sealed segment once nothing in it waits: its markers made durable first, then the records. */
  #maybeRemove(segment: number): void {
    if (!this.#open || this.#removing.has(segment)) return;
    if (segment === this.#log.activeSegment || this.#liveIn(segment) > 0) return;
    this.#removing.add(segment);
    this.#track(
      (async () => {
        await this.#acks.drain();
        if (this.#liveIn(segment) > 0) return this.#removing.delete(segment);
        this.#bySegment.delete(segment);
        // Records before markers: a crash in between leaves stray markers, never unmarked records.
        await this.#log.remove(segment);
        await this.#acks.remove(segment);
      })(),
    );
  }

  /**
   * Past `maxDiskBytes`, picks the sparsest sealed segments (at most half live) until copying their
   * live records forward would bring disk use down to three quarters of it, and compacts them together:
   * one group commit, and the hysteresis keeps compaction from running on every append.
   */
  #maybeCompact(): void {
    if (this.#compaction || !this.#open || this.#log.diskBytes <= this.o.maxDiskBytes) return;
    const candidates: { segment: number; size: number; live: number }[] = [];
    for (const [segment, size] of this.#log.segments()) {
      if (segment === this.#log.activeSegment || this.#removing.has(segment)) continue;
      if (this.#uncompactable.has(segment) || size === 0) continue;
      const live = this.#bySegment.get(segment)?.bytes ?? 0;
      if (live <= size / 2) candidates.push({ segment, size, live });
    }
    candidates.sort((a, b) => a.live / a.size - b.live / b.size);
    let projected = this.#log.diskBytes;
    const chosen: number[] = [];
    for (const c of candidates) {
      if (projected <= this.o.maxDiskBytes * 0.75) break;
      chosen.push(c.segment);
      projected -= c.size - c.live;
    }
    if (chosen.length === 0) return;
    this.#compaction = this.#track(
      Promise.all(
        chosen.map((segment) =>
          this.#compact(segment).catch((err: Error) => {
            this.#uncompactable.add(segment);
            this.o.logger?.warn({ err: err.message, segment }, 'outbox compaction failed');
          }),
        ),
      ).finally(() => {
        this.#compaction = undefined;
        this.#maybeCompact();
      }),
    );
  }

  async #compact(segment: number): Promise<void> {
    const file = await this.#log.readSegment(segment);
    const moving = [...(this.#bySegment.get(segment)?.seqs ?? [])].flatMap((seq) => {
      const e = this.o.lookup(seq);
      return e?.at?.segment === segment ? [e] : [];
    });
    await Promise.all(
      moving.map(async (e) => {
        const from = e.at!;
        const body = decodeRecordAt(file, from.offset);
        if (!body) return; // left in place for read() to find and report
        const at = await this.#log.append(body);
        if (e.settled) return this.#acks.mark(at.segment, e.seq, e.settled);
        this.#unplace(e.seq, e.bytes, from.segment);
        e.at = at;
        this.#place(e.seq, e.bytes, at);
      }),
    );
    // A damaged record keeps its segment alive; do not pick the segment again.
    if (this.#liveIn(segment) > 0) this.#uncompactable.add(segment);
    this.#maybeRemove(segment);
  }

  #track<T>(p: Promise<T>): Promise<T> {
    this.#background.add(p);
    const done = () => this.#background.delete(p);
    p.then(done, (err: Error) => {
      done();
      this.o.logger?.warn({ err: err.message }, 'outbox bookkeeping write failed');
    });
    return p;
  }
}
