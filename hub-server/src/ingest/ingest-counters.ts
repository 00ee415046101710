// What ingest did, for /metrics: received by kind, stored, duplicates, rejected by reason, failed
// commits, and how long messages waited (receipt → commit) and how old they were when stored.
import type { DecodeFailureCode, MessageKind } from '@retail/contracts';

/** Upper bounds (seconds) of the latency histogram buckets. */
export const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export class Histogram {
  readonly counts = new Array<number>(LATENCY_BUCKETS.length).fill(0);
  count = 0;
  sum = 0;

  observe(seconds: number): void {
    this.count++;
    this.sum += seconds;
    const i = LATENCY_BUCKETS.findIndex((b) => seconds <= b);
    if (i >= 0) this.counts[i]!++;
  }
}

export class IngestCounters {
  readonly received = new Map<MessageKind | 'unknown', number>();
  readonly rejected = new Map<DecodeFailureCode | 'not-authorized', number>();
  stored = 0;
  duplicates = 0;
  commitFailures = 0;
  /** Transactions committed (stored + duplicates + rejected over batches is the mean batch size). */
  batches = 0;
  /** Submissions waiting for a commit right now. */
  queueDepth = 0;
  readonly commitLatency = new Histogram();
  /** Age of the newest stored message at commit (now − its window end or ts), seconds. */
  lastMessageAgeS = 0;

  countReceived(kind: MessageKind | 'unknown'): void {
    this.received.set(kind, (this.received.get(kind) ?? 0) + 1);
  }

  countRejected(code: DecodeFailureCode | 'not-authorized'): void {
    this.rejected.set(code, (this.rejected.get(code) ?? 0) + 1);
  }
}

/** Counters as plain data, to cross a worker-thread boundary. */
export interface CountersSnapshot {
  received: [MessageKind | 'unknown', number][];
  rejected: [DecodeFailureCode | 'not-authorized', number][];
  stored: number;
  duplicates: number;
  commitFailures: number;
  batches: number;
  queueDepth: number;
  latency: { counts: number[]; count: number; sum: number };
  lastMessageAgeS: number;
}

export function snapshotCounters(c: IngestCounters): CountersSnapshot {
  return {
    received: [...c.received],
    rejected: [...c.rejected],
    stored: c.stored,
    duplicates: c.duplicates,
    commitFailures: c.commitFailures,
    batches: c.batches,
    queueDepth: c.queueDepth,
    latency: { counts: [...c.commitLatency.counts], count: c.commitLatency.count, sum: c.commitLatency.sum },
    lastMessageAgeS: c.lastMessageAgeS,
  };
}

/** Adds what changed between two snapshots of another thread's counters to `into`; gauges are copied. */
export function addCounterDelta(into: IngestCounters, prev: CountersSnapshot, next: CountersSnapshot): void {
  const before = <K>(entries: [K, number][], key: K) => entries.find(([k]) => k === key)?.[1] ?? 0;
  for (const [k, v] of next.received)
    into.received.set(k, (into.received.get(k) ?? 0) + v - before(prev.received, k));
  for (const [k, v] of next.rejected)
    into.rejected.set(k, (into.rejected.get(k) ?? 0) + v - before(prev.rejected, k));
  into.stored += next.stored - prev.stored;
  into.duplicates += next.duplicates - prev.duplicates;
  into.commitFailures += next.commitFailures - prev.commitFailures;
  into.batches += next.batches - prev.batches;
  next.latency.counts.forEach((n, i) => {
    into.commitLatency.counts[i]! += n - (prev.latency.counts[i] ?? 0);
  });
  into.commitLatency.count += next.latency.count - prev.latency.count;
  into.commitLatency.sum += next.latency.sum - prev.latency.sum;
  into.queueDepth = next.queueDepth;
  into.lastMessageAgeS = next.lastMessageAgeS;
}

export function emptySnapshot(): CountersSnapshot {
  return snapshotCounters(new IngestCounters());
}
