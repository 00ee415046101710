import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { FleetState } from '../fleet/fleet-state.js';
import { IngestCounters } from '../ingest/ingest-counters.js';
import { createApp } from './app.js';

function app() {
  const fleet = new FleetState();
  fleet.apply(
    { v: 1, msgId: 'gw-1:1', storeId: 's1', gatewayId: 'gw-1', ts: 1, state: 'online', version: '0.1.0' },
    1,
  );
  const counters = new IngestCounters();
  counters.countReceived('status');
  counters.countRejected('bad-json');
  return createApp({ fleet, counters, logger: pino({ level: 'silent' }), version: '0.1.0' });
}

describe('hub HTTP API', () => {
  it('lists gateways, filtered by store', async () => {
    const res = await app().request('/api/v1/gateways?storeId=s1');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { gateways: object[]; summary: { online: number } };
    expect(body.gateways).toHaveLength(1);
    expect(body.gateways[0]).toMatchObject({ gatewayId: 'gw-1', state: 'online' });
    expect(body.summary.online).toBe(1);
  });

  it('answers bad input with a 400 problem naming the field', async () => {
    const res = await app().request('/api/v1/gateways?storeId=Not%20A%20Slug');
    expect(res.status).toBe(400);
    const body = (await res.json()) as { errors: { path: string }[] };
    expect(body.errors[0]?.path).toBe('storeId');
    const extra = await app().request('/api/v1/gateways?colour=red');
    expect(extra.status).toBe(400);
  });

  it('answers unknown routes with a 404 problem', async () => {
    const res = await app().request('/api/v1/nothing');
    expect(res.status).toBe(404);
    expect(((await res.json()) as { title: string }).title).toBe('Not Found');
  });

  it('exposes counters in Prometheus text format', async () => {
    const text = await (await app().request('/metrics')).text();
    expect(text).toContain('hub_messages_received_total{kind="status"} 1');
    expect(text).toContain('hub_messages_rejected_total{reason="bad-json"} 1');
    expect(text).toContain('hub_gateways{state="online"} 1');
  });
});
