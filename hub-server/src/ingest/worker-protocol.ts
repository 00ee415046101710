// Messages between the hub's main thread (broker, HTTP) and its ingest worker thread.
import type { StatusMessage } from '@retail/contracts';
import type { LiveEvent } from '../http/live-feed.js';
import type { CountersSnapshot } from './ingest-counters.js';
import type { Outcome } from './ingest-pipeline.js';

export interface IngestWorkerData {
  databaseUrl?: string;
  schema?: string;
  dataDir: string;
  hubKey: Uint8Array;
  logLevel: string;
}

export interface WorkerSubmission {
  id: number;
  topic: string;
  payload: Uint8Array;
  clientId?: string;
  receivedAt: number;
}

export type ToWorker =
  /** What arrived in one turn of the main thread's event loop, in arrival order. */
  { type: 'submit'; submissions: WorkerSubmission[] } | { type: 'drain'; id: number } | { type: 'stop' };

export type FromWorker =
  | { type: 'ready' }
  | { type: 'failed'; message: string }
  /** Outcomes of a whole batch in one message: [submission id, outcome or error text]. */
  | { type: 'settled'; results: [number, Outcome | { error: string }][]; counters: CountersSnapshot }
  | { type: 'status'; statuses: StatusMessage[] }
  /** What was just committed (and, within a second, rolled up), for the dashboard's live feed. */
  | { type: 'stored'; events: LiveEvent[] }
  | { type: 'drained'; id: number }
  | { type: 'stopped' };
