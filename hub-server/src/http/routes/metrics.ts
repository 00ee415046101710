// /metrics in the Prometheus text exposition format.
import { Hono } from 'hono';
import type { FleetState } from '../../fleet/fleet-state.js';
import type { IngestCounters } from '../../ingest/ingest-counters.js';

export function metricsRoutes(fleet: FleetState, counters: IngestCounters): Hono {
  return new Hono().get('/', (c) => {
    const lines = [
      '# HELP hub_messages_received_total Valid messages received, by kind.',
      '# TYPE hub_messages_received_total counter',
      ...[...counters.received].map(([kind, n]) => `hub_messages_received_total{kind="${kind}"} ${n}`),
      '# HELP hub_messages_rejected_total Messages refused, by reason.',
      '# TYPE hub_messages_rejected_total counter',
      ...[...counters.rejected].map(([code, n]) => `hub_messages_rejected_total{reason="${code}"} ${n}`),
      '# HELP hub_gateways Gateways known to the hub, by state.',
      '# TYPE hub_gateways gauge',
      ...Object.entries(fleet.summary()).map(([state, n]) => `hub_gateways{state="${state}"} ${n}`),
    ];
    return c.text(`${lines.join('\n')}\n`, 200, { 'content-type': 'text/plain; version=0.0.4' });
  });
}
