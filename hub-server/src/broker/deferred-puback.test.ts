// The broker guard's acknowledgements on a real aedes broker with real MQTT clients: a PUBACK only
// after the sink has committed, the connection read on meanwhile (so the next batch can gather), no
// PUBACK and a closed connection when nothing was stored, and a connection that ignores its
// in-flight window stops being read. The sink here commits when the test says so.
import mqtt, { type MqttClient } from 'mqtt';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { IngestCounters } from '../ingest/ingest-counters.js';
import type { IngestSink, Outcome, Submission } from '../ingest/ingest-pipeline.js';
import { attachBrokerGuard } from './broker-guard.js';
import { hashPassword } from './credentials.js';
import { pubackBytes } from './deferred-puback.js';
import { listenPlainAedes } from './plain-aedes.js';

/** Holds every submission until `commit` or `fail`: the commit point the test controls. */
class HeldSink implements IngestSink {
  readonly held: { submission: Submission; settle: (ok: boolean) => void }[] = [];
  #waiters: (() => void)[] = [];
  submit(submission: Submission): Promise<Outcome> {
    return new Promise<Outcome>((resolve, reject) => {
      this.held.push({
        submission,
        settle: (ok) => (ok ? resolve('stored') : reject(new Error('disk full'))),
      });
      for (const w of this.#waiters.splice(0)) w();
    });
  }
  async drain(): Promise<void> {}
  /** Settles the oldest n held submissions. */
  settle(n: number, ok: boolean): void {
    for (const h of this.held.splice(0, n)) h.settle(ok);
  }
  async waitFor(count: number, ms = 5000): Promise<void> {
    const deadline = Date.now() + ms;
    while (this.held.length < count) {
      if (Date.now() > deadline) throw new Error(`only ${this.held.length} of ${count} submissions arrived`);
      await new Promise<void>((r) => {
        this.#waiters.push(r);
        setTimeout(r, 50);
      });
    }
  }
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function brokerWith(sink: IngestSink, maxUncommittedPerClient?: number): Promise<string> {
  const { aedes, url, close } = await listenPlainAedes();
  cleanups.push(close);
  const hash = await hashPassword('pw', 1000);
  attachBrokerGuard(aedes, {
    lookupHash: async (store, principal) => (store === 's1' && principal === 'gw1' ? hash : undefined),
    hubPassword: 'hub-pw',
    pipeline: sink,
    counters: new IngestCounters(),
    logger: pino({ level: 'silent' }),
    now: () => Date.now(),
    ...(maxUncommittedPerClient !== undefined && { maxUncommittedPerClient }),
  });
  return url;
}

async function gateway(url: string): Promise<MqttClient> {
  const client = await mqtt.connectAsync(url, {
    username: 's1.gw1',
    password: 'pw',
    protocolVersion: 4,
    reconnectPeriod: 0,
  });
  cleanups.push(async () => {
    await client.endAsync(true);
  });
  return client;
}

/** Publishes n QoS 1 messages at once; resolves each index as its PUBACK arrives. */
function publishMany(client: MqttClient, n: number, acked: number[]): Promise<unknown>[] {
  return Array.from({ length: n }, (_, i) =>
    client.publishAsync(`retail/v1/s1/gw1/heatmap`, `{"n":${i}}`, { qos: 1 }).then(() => acked.push(i)),
  );
}

describe('deferred PUBACK', () => {
  it('encodes a PUBACK as MQTT 3.1.1 does', () => {
    expect([...pubackBytes(0x1234)]).toEqual([0x40, 0x02, 0x12, 0x34]);
    expect([...pubackBytes(1)]).toEqual([0x40, 0x02, 0x00, 0x01]);
  });

  it('acknowledges only what was committed, in order, while the connection is read on', async () => {
    const sink = new HeldSink();
    const client = await gateway(await brokerWith(sink));
    const acked: number[] = [];
    const sent = publishMany(client, 32, acked);
    // All 32 reach the sink though none is committed: aedes did not wait for the first chunk's commit.
    await sink.waitFor(32);
    await new Promise((r) => setTimeout(r, 100));
    expect(acked).toEqual([]);
    sink.settle(10, true);
    await Promise.all(sent.slice(0, 10));
    await new Promise((r) => setTimeout(r, 50));
    expect(acked).toEqual(Array.from({ length: 10 }, (_, i) => i));
    sink.settle(22, true);
    await Promise.all(sent);
    expect(acked).toEqual(Array.from({ length: 32 }, (_, i) => i));
    expect(sink.held.map((h) => h.submission.topic)).toEqual([]);
  });

  it('sends no PUBACK and closes the connection when the commit fails', async () => {
    const sink = new HeldSink();
    const client = await gateway(await brokerWith(sink));
    const closed = new Promise<void>((r) => client.once('close', () => r()));
    const acked: number[] = [];
    const sent = publishMany(client, 3, acked);
    for (const s of sent) s.catch(() => {});
    await sink.waitFor(3);
    sink.settle(3, false);
    await closed;
    expect(acked).toEqual([]);
  });

  it('stops reading a connection with too many messages uncommitted, and reads on after the commit', async () => {
    const sink = new HeldSink();
    const client = await gateway(await brokerWith(sink, 2));
    const acked: number[] = [];
    const publish = (i: number) =>
      client.publishAsync('retail/v1/s1/gw1/heatmap', `{"n":${i}}`, { qos: 1 }).then(() => acked.push(i));
    // Two uncommitted pause the connection: what comes later is not read.
    const sent = [publish(0), publish(1)];
    await sink.waitFor(2);
    await new Promise((r) => setTimeout(r, 50));
    sent.push(publish(2), publish(3));
    await new Promise((r) => setTimeout(r, 300));
    expect(sink.held).toHaveLength(2);
    expect(acked).toEqual([]);
    // Committing them resumes reading.
    sink.settle(2, true);
    await sink.waitFor(2);
    sink.settle(2, true);
    await Promise.all(sent);
    expect(acked).toEqual([0, 1, 2, 3]);
  });
});
