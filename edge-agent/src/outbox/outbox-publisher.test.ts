import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { waitFor } from '@retail/contracts/testing';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { Outbox } from './outbox.js';
import { outboxConfigSchema } from './outbox-config.js';
import { OutboxPublisher } from './outbox-publisher.js';

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

async function openOutbox(): Promise<Outbox> {
  const dir = await mkdtemp(path.join(tmpdir(), 'outbox-pub-'));
  dirs.push(dir);
  const config = outboxConfigSchema.parse({
    segmentBytes: 4096,
    ackLingerMs: 0,
    inflight: 3,
    retry: { initialMs: 40, maxMs: 160, jitter: 0 },
  });
  const outbox = new Outbox({ dir, config, now: Date.now });
  await outbox.open();
  return outbox;
}

const message = (seq: number) => ({ seq, kind: 'counts', topic: `t/${seq}`, payload: `payload ${seq}` });

/** A broker stand-in: every publish waits until the test settles it. */
function fakeBroker() {
  const calls: { seq: number; at: number; settle: (ok: boolean) => void }[] = [];
  const listeners = new Set<() => void>();
  const broker = {
    connected: true,
    calls,
    publish: (topic: string) =>
      new Promise<void>((resolve, reject) =>
        calls.push({
          seq: Number(topic.slice(2)),
          at: Date.now(),
          settle: (ok) => (ok ? resolve() : reject(new Error('connection closed'))),
        }),
      ),
    isConnected: () => broker.connected,
    onConnected: (l: () => void) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    reconnect: () => {
      broker.connected = true;
      for (const l of listeners) l();
    },
  };
  return broker;
}

function publisherFor(
  outbox: Outbox,
  broker: ReturnType<typeof fakeBroker>,
  logger = pino({ level: 'silent' }),
) {
  return new OutboxPublisher({
    outbox,
    publish: broker.publish,
    isConnected: broker.isConnected,
    onConnected: broker.onConnected,
    now: Date.now,
    random: () => 0.5,
    logger,
  });
}

describe('OutboxPublisher', () => {
  it('keeps at most `inflight` publishes out, in sequence order, and acknowledges each on PUBACK', async () => {
    const outbox = await openOutbox();
    const broker = fakeBroker();
    for (const seq of [10, 11, 12, 13, 14]) await outbox.enqueue(message(seq));
    const publisher = publisherFor(outbox, broker);
    publisher.start();
    await waitFor(
      () => broker.calls.length,
      (n) => n === 3,
    );
    expect(broker.calls.map((c) => c.seq)).toEqual([10, 11, 12]);
    broker.calls[1]!.settle(true);
    await waitFor(
      () => broker.calls.length,
      (n) => n === 4,
    );
    expect(broker.calls[3]!.seq).toBe(13);
    expect([...outbox.pending()].map((e) => e.seq)).toEqual([10, 12, 13, 14]);

    // New messages wake it up.
    await outbox.enqueue(message(15));
    for (let i = 0; i < broker.calls.length; i++) if (i !== 1) broker.calls[i]!.settle(true);
    await waitFor(
      () => broker.calls.length,
      (n) => n === 6,
    );
    for (const c of broker.calls.slice(4)) c.settle(true);
    await waitFor(
      () => outbox.stats().depth,
      (d) => d === 0,
    );
    expect(broker.calls.map((c) => c.seq)).toEqual([10, 11, 12, 13, 14, 15]);
    expect(publisher.stats()).toMatchObject({ published: 6, failures: 0, inflight: 0 });
    expect(publisher.bytesSent).toBe([10, 11, 12, 13, 14, 15].reduce((n, s) => n + `payload ${s}`.length, 0));
    publisher.stop();
    await outbox.close();
  });

  it('after a failure pauses with a growing backoff, then retries the lowest waiting message first', async () => {
    const outbox = await openOutbox();
    const broker = fakeBroker();
    const delays: number[] = [];
    const logger = pino(
      { level: 'warn' },
      { write: (line: string) => delays.push(JSON.parse(line).delayMs) },
    );
    for (const seq of [1, 2]) await outbox.enqueue(message(seq));
    const publisher = publisherFor(outbox, broker, logger);
    publisher.start();
    for (let round = 1; round <= 3; round++) {
      await waitFor(
        () => broker.calls.filter((c) => c.seq === 1).length,
        (n) => n === round,
      );
      const failedAt = Date.now();
      for (const c of broker.calls.slice(-2)) c.settle(false);
      await waitFor(
        () => broker.calls.filter((c) => c.seq === 1).length,
        (n) => n === round + 1,
        2000,
      );
      // Nothing went out during the pause, and the retry resumed in order.
      expect(broker.calls.at(-1)!.at - failedAt).toBeGreaterThanOrEqual(delays[round - 1]! - 5);
      expect(broker.calls.slice(-2).map((c) => c.seq)).toEqual([1, 2]);
    }
    // One pause per round of failures, doubling up to maxMs (jitter 0 in this config).
    expect(delays).toEqual([40, 80, 160]);
    for (const c of broker.calls.slice(-2)) c.settle(true);
    await waitFor(
      () => outbox.stats().depth,
      (d) => d === 0,
    );
    expect(publisher.stats()).toMatchObject({ failures: 6, published: 2 });
    publisher.stop();
    await outbox.close();
  });

  it('retryNow ends a backoff pause at once (the flush-outbox command)', async () => {
    const outbox = await openOutbox();
    const broker = fakeBroker();
    await outbox.enqueue(message(1));
    const publisher = new OutboxPublisher({
      outbox,
      publish: broker.publish,
      isConnected: broker.isConnected,
      onConnected: broker.onConnected,
      retry: { initialMs: 60_000, maxMs: 60_000, jitter: 0 },
      now: Date.now,
      random: () => 0.5,
    });
    publisher.start();
    await waitFor(
      () => broker.calls.length,
      (n) => n === 1,
    );
    broker.calls[0]!.settle(false);
    await waitFor(
      () => publisher.stats().retryAt,
      (t) => t !== undefined,
    );
    expect(publisher.retryNow()).toBe(true);
    // Sent again now, not in a minute.
    await waitFor(
      () => broker.calls.length,
      (n) => n === 2,
      2000,
    );
    broker.calls[1]!.settle(true);
    await waitFor(
      () => outbox.stats().depth,
      (d) => d === 0,
    );
    expect(publisher.retryNow()).toBe(false);
    publisher.stop();
    await outbox.close();
  });

  it('sends nothing while disconnected and resumes on reconnect', async () => {
    const outbox = await openOutbox();
    const broker = fakeBroker();
    broker.connected = false;
    const publisher = publisherFor(outbox, broker);
    publisher.start();
    await outbox.enqueue(message(1));
    await outbox.enqueue(message(2));
    expect(broker.calls).toEqual([]);
    broker.reconnect();
    await waitFor(
      () => broker.calls.length,
      (n) => n === 2,
    );
    for (const c of broker.calls) c.settle(true);
    await waitFor(
      () => outbox.stats().depth,
      (d) => d === 0,
    );
    publisher.stop();
    await outbox.enqueue(message(3));
    broker.reconnect();
    expect(broker.calls.length).toBe(2);
    await outbox.close();
  });
});
