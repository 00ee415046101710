// The main thread's side of the ingest worker: an IngestSink whose submissions are decoded and
// committed in a worker thread (see ingest-worker.ts). The broker, its authentication and the HTTP
// API stay here; a submission's promise settles when the worker reports its batch committed.
import { Worker } from 'node:worker_threads';
import type { StatusMessage } from '@retail/contracts';
import type { LiveEvent } from '../http/live-feed.js';
import type { Logger } from '../logger.js';
import {
  addCounterDelta,
  type CountersSnapshot,
  emptySnapshot,
  type IngestCounters,
} from './ingest-counters.js';
import type { IngestSink, Outcome, Submission } from './ingest-pipeline.js';
import type { FromWorker, IngestWorkerData, ToWorker, WorkerSubmission } from './worker-protocol.js';

export interface ThreadedIngestOptions {
  data: IngestWorkerData;
  counters: IngestCounters;
  logger: Logger;
  onStatus?: (statuses: StatusMessage[]) => void;
  /** What the worker stored, once rolled up (or a second later), for the live feed. */
  onStored?: (events: LiveEvent[]) => void;
}

/** The compiled worker script. Under vitest this module runs from src/*.ts, and the worker runs
 * the build in dist/ (`npm test` builds first). */
export function workerScriptUrl(moduleUrl: string = import.meta.url): URL {
  if (moduleUrl.endsWith('.ts'))
    return new URL(moduleUrl.replace(/\/src\/ingest\/[^/]+\.ts$/, '/dist/src/ingest/ingest-worker.js'));
  return new URL('./ingest-worker.js', moduleUrl);
}

export class ThreadedIngest implements IngestSink {
  #worker: Worker | undefined;
  #nextId = 1;
  readonly #pending = new Map<number, { resolve: (o: Outcome) => void; reject: (e: Error) => void }>();
  readonly #drains = new Map<number, () => void>();
  #lastCounters: CountersSnapshot = emptySnapshot();
  #outgoing: WorkerSubmission[] = [];
  #stopped: (() => void) | undefined;

  constructor(private readonly o: ThreadedIngestOptions) {}

  async start(): Promise<void> {
    const worker = new Worker(workerScriptUrl(), { workerData: this.o.data });
    this.#worker = worker;
    await new Promise<void>((resolve, reject) => {
      worker.on('message', (m: FromWorker) => {
        if (m.type === 'ready') resolve();
        else if (m.type === 'failed') reject(new Error(`ingest worker: ${m.message}`));
        else this.#onMessage(m);
      });
      worker.once('error', (err) => {
        reject(err);
        this.#failAll(err);
      });
      worker.once('exit', (code) => {
        this.#worker = undefined;
        this.#failAll(new Error(`the ingest worker exited (code ${code})`));
        this.#stopped?.();
      });
    });
  }

  async stop(): Promise<void> {
    const worker = this.#worker;
    if (!worker) return;
    const stopped = new Promise<void>((resolve) => {
      this.#stopped = resolve;
    });
    this.#post({ type: 'stop' });
    await stopped;
  }

  submit(s: Submission): Promise<Outcome> {
    if (!this.#worker) return Promise.reject(new Error('the ingest worker is not running'));
    const id = this.#nextId++;
    // A broker's payload is often a view into a larger socket buffer, which posting would copy
    // whole: copy just the bytes and hand that buffer over.
    const payload = new Uint8Array(s.payload);
    return new Promise<Outcome>((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      if (this.#outgoing.length === 0) queueMicrotask(() => this.#postSubmissions());
      this.#outgoing.push({
        id,
        topic: s.topic,
        payload,
        receivedAt: s.receivedAt,
        ...(s.clientId !== undefined && { clientId: s.clientId }),
      });
    });
  }

  /** One message for everything submitted in this turn (a socket read holds many publishes). */
  #postSubmissions(): void {
    const submissions = this.#outgoing;
    this.#outgoing = [];
    if (!this.#worker) {
      for (const s of submissions)
        this.#pending.get(s.id)?.reject(new Error('the ingest worker is not running'));
      return;
    }
    this.#worker.postMessage(
      { type: 'submit', submissions } satisfies ToWorker,
      submissions.map((s) => s.payload.buffer as ArrayBuffer),
    );
  }

  /** Everything submitted so far is committed and in the roll-ups. */
  drain(): Promise<void> {
    if (!this.#worker) return Promise.resolve();
    const id = this.#nextId++;
    return new Promise<void>((resolve) => {
      this.#drains.set(id, resolve);
      this.#post({ type: 'drain', id });
    });
  }

  #post(m: ToWorker): void {
    this.#worker?.postMessage(m);
  }

  #onMessage(m: Exclude<FromWorker, { type: 'ready' | 'failed' }>): void {
    switch (m.type) {
      case 'settled':
        for (const [id, r] of m.results) {
          const p = this.#pending.get(id);
          this.#pending.delete(id);
          if (typeof r === 'string') p?.resolve(r);
          else p?.reject(new Error(r.error));
        }
        addCounterDelta(this.o.counters, this.#lastCounters, m.counters);
        this.#lastCounters = m.counters;
        break;
      case 'status':
        this.o.onStatus?.(m.statuses);
        break;
      case 'stored':
        this.o.onStored?.(m.events);
        break;
      case 'drained':
        this.#drains.get(m.id)?.();
        this.#drains.delete(m.id);
        break;
      case 'stopped':
        break;
    }
  }

  #failAll(err: Error): void {
    for (const p of this.#pending.values()) p.reject(err);
    this.#pending.clear();
    for (const d of this.#drains.values()) d();
    this.#drains.clear();
  }
}
