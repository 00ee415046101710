// /metrics in the Prometheus text exposition format: ingest counters, commit latency, message age.
import { Hono } from 'hono';
import { type IngestCounters, LATENCY_BUCKETS } from '../../ingest/ingest-counters.js';
import type { HubRepository } from '../../storage/repository.js';

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
      ...[...counters.received].map(([kind, n]) => `hub_messages_received_total{kind="${kind}"} ${n}`),
      '# HELP hub_messages_stored_total Messages stored (first copy of each msgId).',
      '# TYPE hub_messages_stored_total counter',
      `hub_messages_stored_total ${counters.stored}`,
      '# HELP hub_messages_duplicate_total Messages received again and not stored twice.',
      '# TYPE hub_messages_duplicate_total counter',
      `hub_messages_duplicate_total ${counters.duplicates}`,
      '# HELP hub_messages_rejected_total Messages refused (kept in dead_letters), by reason.',
      '# TYPE hub_messages_rejected_total counter',
      ...[...counters.rejected].map(([code, n]) => `hub_messages_rejected_total{reason="${code}"} ${n}`),
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
