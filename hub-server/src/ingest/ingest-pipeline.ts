// One path for everything gateways and tills send: decode and validate against the contracts,
// pseudonymise loyalty numbers, and write a batch in one transaction (valid messages, POS baskets
// and dead letters together). `submit` resolves only after the commit, so a broker can hold its
// PUBACK until then: what a gateway saw acknowledged is stored.
import { decodeMessage, type MessageOf } from '@retail/contracts';
import type { Logger } from '../logger.js';
import type { Pseudonymize } from '../privacy/pseudonym.js';
import type { DeadLetter } from '../storage/dead-letter-store.js';
import type { GatewayMessage, IngestItem } from '../storage/ingest-store.js';
import type { PosTransactionRecord } from '../storage/pos-store.js';
import type { HubRepository } from '../storage/repository.js';
import { statementRecorder } from '../storage/sql-script.js';
import type { IngestCounters } from './ingest-counters.js';

export interface Submission {
  topic: string;
  payload: Uint8Array;
  clientId?: string;
  receivedAt: number;
}

export type Outcome = 'stored' | 'duplicate' | 'rejected';

/** Where brokers and subscribers hand messages: this pipeline, or the same one in a worker thread. */
export interface IngestSink {
  /** Resolves after the commit (so the PUBACK may follow); rejects when nothing was stored. */
  submit(submission: Submission): Promise<Outcome>;
  /** Resolves when everything submitted so far is committed (or failed). */
  drain(): Promise<void>;
}

export interface IngestPipelineOptions {
  repo: HubRepository;
  pseudonymize: Pseudonymize;
  counters: IngestCounters;
  logger: Logger;
  now: () => number;
  /** Most submissions in one transaction. */
  maxBatch?: number;
  /**
   * Longest wait, ms, for a batch to gather (see #schedule): a commit costs about the same for ten
   * messages as for three hundred (it is mostly the fsync), so committing a handful just because
   * the database was free halves the throughput of the gateways' in-flight windows (4).
   */
  gatherMs?: number;
  /** Told about messages after they are committed (roll-up sums, fleet view, live updates), in a later turn. */
  onStored?: (messages: GatewayMessage[]) => void;
}

interface Pending {
  submission: Submission;
  /** Decoded on arrival, so validation overlaps the commit of the batch before. */
  decoded: ReturnType<typeof decodeMessage>;
  resolve: (o: Outcome) => void;
  reject: (e: Error) => void;
}

export class IngestPipeline implements IngestSink {
  #queue: Pending[] = [];
  #flushing: Promise<void> | undefined;
  #flushId = 0;
  #scheduled = false;
  /** Waiting for a batch to gather: started early once it has (see #schedule). */
  #gathering: ReturnType<typeof setTimeout> | undefined;
  /** How many the last batch carried. */
  #lastBatch = 0;
  /** onStored calls waiting for their turn (see #notify). */
  #telling = new Set<Promise<void>>();

  constructor(private readonly o: IngestPipelineOptions) {}

  submit(submission: Submission): Promise<Outcome> {
    return new Promise<Outcome>((resolve, reject) => {
      this.#queue.push({
        submission,
        decoded: decodeMessage(submission.topic, submission.payload),
        resolve,
        reject,
      });
      this.o.counters.queueDepth = this.#queue.length;
      if (this.#gathering && this.#gathered()) {
        clearTimeout(this.#gathering);
        this.#gathering = undefined;
        this.#scheduled = false;
      }
      this.#schedule();
    });
  }

  /** Resolves when everything submitted so far is committed (or failed). */
  async drain(): Promise<void> {
    while (this.#queue.length > 0 || this.#flushing || this.#scheduled || this.#telling.size > 0) {
      await (this.#flushing ?? new Promise((r) => setImmediate(r)));
    }
  }

  /**
   * Group commit. Under load the gateways' in-flight windows are the messages of the last commit,
   * coming back as its acknowledgements reach them: a batch waits (at most gatherMs) until half as
   * many as the last one carried are here, so two batches take turns with the database instead of
   * a big one followed by a handful that costs as much to commit. A trickle (last batch 1) never waits.
   */
  #schedule(): void {
    if (this.#scheduled || this.#flushing) return;
    this.#scheduled = true;
    if (!this.#gathered()) {
      this.#gathering = setTimeout(() => {
        this.#gathering = undefined;
        this.#scheduled = false;
        this.#start();
      }, this.o.gatherMs ?? 4);
      return;
    }
    // Gather what arrives in the same turn of the event loop into one batch.
    setImmediate(() => {
      this.#scheduled = false;
      this.#start();
    });
  }

  #gathered(): boolean {
    return this.#queue.length >= Math.min(this.#lastBatch >> 1, this.o.maxBatch ?? 2000);
  }

  #start(): void {
    const id = ++this.#flushId;
    this.#flushing = this.#flush().finally(() => {
      // A later flush started from inside this one (see below) owns the state now.
      if (this.#flushId !== id) return;
      this.#flushing = undefined;
      if (this.#queue.length > 0) this.#schedule();
    });
  }

  async #flush(): Promise<void> {
    const batch = this.#queue.splice(0, this.o.maxBatch ?? 2000);
    this.o.counters.queueDepth = this.#queue.length;
    if (batch.length === 0) return;
    this.#lastBatch = batch.length;
    const { counters, repo, now } = this.o;

    const gateway: { item: IngestItem; p: Pending }[] = [];
    const pos: { records: PosTransactionRecord[]; p: Pending }[] = [];
    const dead: { letter: DeadLetter; p: Pending }[] = [];
    for (const p of batch) {
      const s = p.submission;
      const d = p.decoded;
      if (!d.ok) {
        counters.countRejected(d.code);
        dead.push({
          p,
          letter: {
            ...s,
            code: d.code,
            reason: d.reason,
            ...(s.clientId !== undefined && { clientId: s.clientId }),
          },
        });
        continue;
      }
      counters.countReceived(d.kind);
      if (d.kind === 'pos-transactions') pos.push({ p, records: this.#posRecords(d.message) });
      else
        gateway.push({
          p,
          item: { decoded: d as GatewayMessage, receivedAt: s.receivedAt },
        });
    }

    let result: { stored: Set<string>; posInserted: number[] } | undefined;
    try {
      // The usual batch (gateway windows, maybe dead letters, all new) as one script where the
      // driver can; anything else, or a msgId seen before, in an ordinary transaction.
      if (pos.length === 0) {
        const letters = statementRecorder();
        await repo.deadLetters.add(
          letters.executor,
          dead.map((d) => d.letter),
        );
        const items = gateway.map((g) => g.item);
        const all = await repo.ingest.storeAllNew(repo.db, items, now(), letters.statements);
        if (all) result = { stored: new Set(all.stored), posInserted: [] };
      }
      result ??= await repo.db.transaction(async (tx) => {
        const stored = await repo.ingest.storeBatch(
          tx,
          gateway.map((g) => g.item),
          now(),
        );
        const posInserted: number[] = [];
        for (const entry of pos)
          posInserted.push((await repo.pos.insert(tx, entry.records, now())).transactions);
        await repo.deadLetters.add(
          tx,
          dead.map((d) => d.letter),
        );
        return { stored: new Set(stored.stored), posInserted };
      });
    } catch (err) {
      counters.commitFailures++;
      this.o.logger.error(
        { err: (err as Error).message, batch: batch.length },
        'ingest commit failed; nothing acknowledged',
      );
      this.#handOver();
      for (const p of batch) p.reject(err as Error);
      return;
    }
    counters.batches++;
    this.#handOver();

    const committedAt = now();
    const fresh: GatewayMessage[] = [];
    for (const { item, p } of gateway) {
      const id = item.decoded.message.msgId;
      counters.commitLatency.observe((committedAt - item.receivedAt) / 1000);
      if (result.stored.has(id)) {
        counters.stored++;
        fresh.push(item.decoded);
        p.resolve('stored');
      } else {
        counters.duplicates++;
        p.resolve('duplicate');
      }
    }
    pos.forEach(({ p }, i) => {
      if ((result.posInserted[i] ?? 0) > 0) counters.stored++;
      else counters.duplicates++;
      p.resolve((result.posInserted[i] ?? 0) > 0 ? 'stored' : 'duplicate');
    });
    for (const { p } of dead) p.resolve('rejected');
    const newest = fresh.at(-1)?.message as { windowEnd?: number; ts?: number } | undefined;
    if (newest)
      counters.lastMessageAgeS = (committedAt - (newest.windowEnd ?? newest.ts ?? committedAt)) / 1000;
    if (fresh.length > 0) this.#notify(fresh);
  }

  /**
   * onStored in a later turn of the event loop: the acknowledgements just resolved, and the next
   * batch on its way to the database, go first (roll-up sums of a batch take a millisecond or two).
   */
  #notify(messages: GatewayMessage[]): void {
    const onStored = this.o.onStored;
    if (!onStored) return;
    const told = new Promise<void>((resolve) =>
      setImmediate(() => {
        try {
          onStored(messages);
        } catch (err) {
          this.o.logger.error({ err: (err as Error).message }, 'after-commit handler failed');
        }
        resolve();
      }),
    );
    this.#telling.add(told);
    void told.then(() => this.#telling.delete(told));
  }

  /** The next batch starts committing before this one is settled: the database works on it while
   * this thread sends the acknowledgements (and decodes what they bring in). */
  #handOver(): void {
    if (this.#queue.length > 0 && this.#gathered() && !this.#scheduled) this.#start();
  }

  #posRecords(m: MessageOf<'pos-transactions'>): PosTransactionRecord[] {
    return m.transactions.map((t) => ({
      storeId: m.storeId,
      transactionId: t.transactionId,
      ts: t.timestamp,
      ...(t.loyaltyId !== undefined && { pid: this.o.pseudonymize(t.loyaltyId) }),
      source: 'mqtt' as const,
      items: t.items.map((i, line) => ({
        line,
        sku: i.sku,
        quantity: i.quantity,
        ...(i.price !== undefined && { price: i.price }),
      })),
    }));
  }
}
