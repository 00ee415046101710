// /metrics in the Prometheus text exposition format: ingest counters, commit latency, message age.
import { DECODE_FAILURES, messageSchemas } from '@retail/contracts';
import { Hono } from 'hono';
import { type IngestCounters, LATENCY_BUCKETS } from '../../ingest/ingest-counters.js';
import type { HubRepository } from '../../storage/repository.js';

// Every label value the hub knows is exposed from the start, at 0 until counted, so a rate or an
// alert over a reason sees its first occurrence instead of a series appearing out of nowhere.
const KINDS = Object.keys(messageSchemas);
const REASONS = [...DECODE_FAILURES, 'not-authorized'];

/** The counts of `known` labels (0 where none yet), then any other label counted. */
function withZeros(known: readonly string[], counted: ReadonlyMap<string, number>): [string, number][] {
  const rows: [string, number][] = known.map((k) => [k, counted.get(k) ?? 0]);
  for (const [k, n] of counted) if (!known.includes(k)) rows.push([k, n]);
  return rows;
}

export function metricsRoutes(repo: HubRepository, counters: IngestCounters): Hono {
  return new Hono().get('/', async (c) => {
    const states = { online: 0, offline: 0, degraded: 0 };
    for (const g of await repo.registry.list())
      if (g.state && g.state in states) states[g.state as keyof typeof states]++;
    const h = counters.commitLatency;
    let cumulative = 0;
    const lines = [
      '# HELP hub_messages_received_total Valid messages received, by kind.',
      '# TYPE hub_messages_received_total counter',
      ...withZeros(KINDS, counters.received).map(
        ([kind, n]) => `hub_messages_received_total{kind="${kind}"} ${n}`,
      ),
      '# HELP hub_messages_stored_total Messages stored (first copy of each msgId).',
      '# TYPE hub_messages_stored_total counter',
      `hub_messages_stored_total ${counters.stored}`,
      '# HELP hub_messages_duplicate_total Messages received again and not stored twice.',
      '# TYPE hub_messages_duplicate_total counter',
      `hub_messages_duplicate_total ${counters.duplicates}`,
      '# HELP hub_messages_rejected_total Messages refused (kept in dead_letters), by reason.',
      '# TYPE hub_messages_rejected_total counter',
      ...withZeros(REASONS, counters.rejected).map(
        ([code, n]) => `hub_messages_rejected_total{reason="${code}"} ${n}`,
      ),
      '# HELP hub_ingest_commit_failures_total Batches whose commit failed (nothing acknowledged).',
      '# TYPE hub_ingest_commit_failures_total counter',
      `hub_ingest_commit_failures_total ${counters.commitFailures}`,
      '# HELP hub_ingest_batches_total Batches committed (one transaction each).',
      '# TYPE hub_ingest_batches_total counter',
      `hub_ingest_batches_total ${counters.batches}`,
      '# HELP hub_ingest_queue_depth Messages waiting for a commit.',
      '# TYPE hub_ingest_queue_depth gauge',
      `hub_ingest_queue_depth ${counters.queueDepth}`,
      '# HELP hub_ingest_lag_seconds Time from receipt to commit.',
      '# TYPE hub_ingest_lag_seconds histogram',
      ...LATENCY_BUCKETS.map((b, i) => {
        cumulative += h.counts[i]!;
        return `hub_ingest_lag_seconds_bucket{le="${b}"} ${cumulative}`;
      }),
      `hub_ingest_lag_seconds_bucket{le="+Inf"} ${h.count}`,
      `hub_ingest_lag_seconds_sum ${h.sum}`,
      `hub_ingest_lag_seconds_count ${h.count}`,
      '# HELP hub_ingest_message_age_seconds Age of the newest stored message when committed (now − window end).',
      '# TYPE hub_ingest_message_age_seconds gauge',
      `hub_ingest_message_age_seconds ${counters.lastMessageAgeS}`,
      '# HELP hub_gateways Gateways known to the hub, by state.',
      '# TYPE hub_gateways gauge',
      ...Object.entries(states).map(([state, n]) => `hub_gateways{state="${state}"} ${n}`),
    ];
    return c.text(`${lines.join('\n')}\n`, 200, { 'content-type': 'text/plain; version=0.0.4' });
  });
}
