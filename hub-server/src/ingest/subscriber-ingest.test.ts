// The external-broker subscriber on a real broker (aedes here, as a plain broker without the hub's
// guard; Mosquitto in hub-external.test.ts): it reads on while commits are pending, so a batch can
// gather from one session; each PUBACK follows its commit, in the order the messages came; a message
// whose commit failed is not acknowledged and comes again once the session is back.
import { waitFor } from '@retail/contracts/testing';
import mqtt from 'mqtt';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { listenPlainAedes } from '../broker/plain-aedes.js';
import type { IngestSink, Outcome, Submission } from './ingest-pipeline.js';
import { SubscriberIngest } from './subscriber-ingest.js';

/** Holds every submission until the test settles it: the commit point the test controls. */
class HeldSink implements IngestSink {
  readonly held: { submission: Submission; settle: (ok: boolean) => void }[] = [];
  readonly seen: string[] = [];
  submit(submission: Submission): Promise<Outcome> {
    this.seen.push(Buffer.from(submission.payload).toString());
    return new Promise<Outcome>((resolve, reject) => {
      this.held.push({
        submission,
        settle: (ok) => (ok ? resolve('stored') : reject(new Error('disk full'))),
      });
    });
  }
  async drain(): Promise<void> {}
  settle(n: number, ok: boolean): void {
    for (const h of this.held.splice(0, n)) h.settle(ok);
  }
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A plain aedes broker; `acked` collects the payloads of QoS 1 messages the subscriber acknowledged. */
async function broker(acked: string[]): Promise<string> {
  const { aedes, url, close } = await listenPlainAedes();
  aedes.on('ack', (packet) => {
    if (packet && 'payload' in packet) acked.push(Buffer.from(packet.payload).toString());
  });
  cleanups.push(close);
  return url;
}

async function subscriber(url: string, sink: IngestSink): Promise<SubscriberIngest> {
  const ingest = new SubscriberIngest({
    brokerUrl: url,
    clientId: `hub-test-${Math.random().toString(36).slice(2)}`,
    pipeline: sink,
    logger: pino({ level: 'silent' }),
    now: () => Date.now(),
  });
  await ingest.start();
  cleanups.push(() => ingest.stop());
  return ingest;
}

async function publish(url: string, payloads: string[]): Promise<void> {
  const gw = await mqtt.connectAsync(url, { protocolVersion: 4, reconnectPeriod: 0 });
  cleanups.push(() => gw.endAsync(true));
  // Not awaited: the broker acknowledges the publisher on its own; the subscriber's PUBACKs are the test.
  for (const p of payloads) void gw.publishAsync('retail/v1/s1/gw1/heatmap', p, { qos: 1 });
}

/** Waits until `get()` is `n`. */
const reaches = (get: () => number, n: number, ms = 5000) =>
  waitFor(
    async () => get(),
    (v) => v === n,
    ms,
  );

const payloads = (n: number) => Array.from({ length: n }, (_, i) => `{"n":${i}}`);

/**
 * A broker, the subscriber on it with a held sink, and `n` messages published, all of which have
 * reached the sink uncommitted. `acked` collects the payloads the subscriber acknowledged.
 */
async function heldMessages(n: number): Promise<{ sink: HeldSink; acked: string[] }> {
  const acked: string[] = [];
  const url = await broker(acked);
  const sink = new HeldSink();
  await subscriber(url, sink);
  await publish(url, payloads(n));
  await reaches(() => sink.held.length, n);
  return { sink, acked };
}

describe('external-broker subscriber', () => {
  it('reads on while commits are pending and acknowledges each message after its commit, in order', async () => {
    // All twelve reach the pipeline although none is committed: the session did not wait.
    const { sink, acked } = await heldMessages(12);
    await new Promise((r) => setTimeout(r, 100));
    expect(acked).toEqual([]);

    sink.settle(5, true);
    await reaches(() => acked.length, 5);
    expect(acked).toEqual(payloads(5));
    sink.settle(7, true);
    await reaches(() => acked.length, 12);
    expect(acked).toEqual(payloads(12));
  });

  it('does not acknowledge a message whose commit failed: the broker sends it again', async () => {
    const { sink, acked } = await heldMessages(4);
    sink.settle(2, true);
    sink.settle(2, false);
    // The session comes back and the two that failed arrive again; only they.
    await reaches(() => sink.held.length, 2, 10_000);
    expect(sink.seen.slice(4)).toEqual(payloads(4).slice(2));
    sink.settle(2, true);
    await reaches(() => acked.length, 4);
    expect(acked).toEqual(payloads(4));
  });
});
