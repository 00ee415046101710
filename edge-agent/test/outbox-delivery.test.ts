// The outbox against a real broker (aedes in-process, or Mosquitto at MQTT_URL): a 30 s outage loses
// nothing, kill -9 loses nothing that was durably queued, and a full outbox drops by its policy.
// The gateways reach the broker through a TCP proxy the test cuts and restores, so the outage works
// the same with an external broker the test cannot stop; the hub subscribes directly.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { decodeMessage, encodeMessage, formatMsgId, gatewayTopic, parseMsgId } from '@retail/contracts';
import { waitFor } from '@retail/contracts/testing';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Outbox, outboxConfigSchema } from '../src/outbox/index.js';
import type { OutboxConfigInput } from '../src/outbox/outbox-config.js';
import { SequenceStore } from '../src/storage/sequence-store.js';
import { connectOutbox } from './outbox-wiring.js';
import { startProxy } from './tcp-proxy.js';
import { startTestBroker, type TestBroker } from './test-broker.js';

const OUTAGE_MS = 30_000;
const child = fileURLToPath(new URL('./fixtures/outbox-child.mjs', import.meta.url));
const storeId = `outbox-${process.pid}-${Date.now().toString(36)}`;
const byNumber = (a: number, b: number) => a - b;

function build(kind: 'counts' | 'metrics' | 'heatmap', gatewayId: string, seq: number) {
  const ts = Date.now();
  const base = { v: 1 as const, msgId: formatMsgId(gatewayId, seq), storeId, gatewayId };
  const window = { windowStart: ts - 60_000, windowEnd: ts, layoutVersion: 1 };
  const enc =
    kind === 'counts'
      ? encodeMessage('counts', { ...base, ...window, entrances: [{ entranceId: 'main', in: 4, out: 3 }] })
      : kind === 'metrics'
        ? encodeMessage('metrics', {
            ...base,
            ...window,
            cameras: [],
            scanners: [],
            outboxDepth: 0,
            outboxDropped: 0,
            bytesSent: 0,
            uptimeS: 60,
          })
        : encodeMessage('heatmap', { ...base, ...window, cellSize: 1, k: 5, cells: [], suppressedCells: 0 });
  if (!enc.ok) throw new Error(`invalid ${kind}: ${JSON.stringify(enc.issues)}`);
  return { topic: gatewayTopic(storeId, gatewayId, kind), payload: enc.payload };
}

describe('outbox delivery through a real broker', () => {
  let broker: TestBroker;
  let hub: mqtt.MqttClient;
  /** What the hub received, per gateway, duplicates included. */
  const received = new Map<string, number[]>();
  const unique = (gatewayId: string) => new Set(received.get(gatewayId) ?? []);
  const cleanups: (() => Promise<unknown> | unknown)[] = [];

  beforeAll(async () => {
    broker = await startTestBroker();
    hub = await mqtt.connectAsync(broker.url, { protocolVersion: 4 });
    hub.on('message', (topic, payload) => {
      const d = decodeMessage(topic, payload);
      if (!d.ok || d.kind === 'status') return;
      const id = parseMsgId(d.message.msgId)!;
      received.set(id.source, [...(received.get(id.source) ?? []), id.seq]);
    });
    await hub.subscribeAsync(`retail/v1/${storeId}/+/+`, { qos: 1 });
  });

  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
    await hub.endAsync();
    await broker.stop();
  });

  async function tempDir(): Promise<string> {
    const dir = await mkdtemp(path.join(tmpdir(), 'outbox-it-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    return dir;
  }

  /** An in-process gateway output path: sequence numbers, outbox, publisher, MQTT client. */
  async function startGateway(gatewayId: string, url: string, config: OutboxConfigInput = {}) {
    const dir = await tempDir();
    const sequence = new SequenceStore({ file: path.join(dir, 'sequence') });
    await sequence.start();
    const outbox = new Outbox({
      dir: path.join(dir, 'outbox'),
      config: outboxConfigSchema.parse(config),
      now: Date.now,
    });
    await outbox.open();
    const { client, publisher } = connectOutbox({ url, storeId, gatewayId, outbox });
    const stop = async () => {
      publisher.stop();
      await client.endAsync(true);
      await outbox.close();
      await sequence.stop();
    };
    cleanups.push(stop);
    return {
      outbox,
      client,
      publisher,
      async enqueue(kind: 'counts' | 'metrics' | 'heatmap'): Promise<number> {
        const seq = await sequence.next();
        await outbox.enqueue({ seq, kind, ...build(kind, gatewayId, seq) });
        return seq;
      },
    };
  }

  it('delivers a steady stream across a 30 s broker outage: every message, each once after de-duplication', {
    timeout: OUTAGE_MS + 60_000,
  }, async () => {
    const proxy = await startProxy(broker.url);
    cleanups.push(proxy.close);
    const gw = await startGateway('gw-outage', proxy.url);
    await waitFor(
      () => gw.client.connected,
      (c) => c,
    );
    const enqueued: number[] = [];
    const writes = new Set<Promise<void>>();
    const stream = setInterval(() => {
      const w = gw.enqueue('counts').then((seq) => {
        enqueued.push(seq);
        writes.delete(w);
      });
      writes.add(w);
    }, 50); // 20 messages a second

    await waitFor(
      () => unique('gw-outage').size,
      (n) => n >= 20,
    );
    proxy.cut();
    await waitFor(
      () => gw.client.connected,
      (c) => !c,
    );
    // The scenario itself, not a wait for a condition: the broker stays out of reach for 30 s.
    await delay(OUTAGE_MS);
    expect(gw.outbox.stats().depth).toBeGreaterThan((OUTAGE_MS / 1000) * 20 * 0.8);
    proxy.restore();
    await waitFor(
      () => gw.client.connected,
      (c) => c,
    );
    const atRestore = enqueued.length;
    await waitFor(
      () => enqueued.length,
      (n) => n >= atRestore + 20,
    );
    clearInterval(stream);
    await Promise.all(writes);

    await waitFor(
      () => gw.outbox.stats().depth,
      (d) => d === 0,
      30_000,
    );
    await waitFor(
      () => unique('gw-outage').size,
      (n) => n >= enqueued.length,
    );
    expect([...unique('gw-outage')].sort(byNumber)).toEqual([...enqueued].sort(byNumber));
    expect(gw.outbox.stats().droppedTotal).toBe(0);
    expect(gw.publisher.stats().published).toBeGreaterThanOrEqual(enqueued.length);
  });

  it('after kill -9 delivers everything the process had durably queued, and its numbering continues', async () => {
    const proxy = await startProxy(broker.url);
    cleanups.push(proxy.close);
    const dataDir = await tempDir();
    const gatewayId = 'gw-crash';
    const run = (count: number) => {
      const p: ChildProcess = spawn(
        process.execPath,
        [child, dataDir, proxy.url, storeId, gatewayId, String(count), '10'],
        { stdio: ['ignore', 'pipe', 'inherit'] },
      );
      cleanups.push(() => p.exitCode === null && p.signalCode === null && p.kill('SIGKILL'));
      const out = { seqs: [] as number[], openDepth: -1, drained: false };
      let buffer = '';
      p.stdout?.on('data', (chunk: Buffer) => {
        buffer += chunk.toString();
        const lines = buffer.split('\n');
        buffer = lines.pop()!;
        for (const line of lines) {
          const [word, n] = line.split(' ');
          if (word === 'seq') out.seqs.push(Number(n));
          else if (word === 'open') out.openDepth = Number(n);
          else if (word === 'drained') out.drained = true;
        }
      });
      const exited = new Promise<number | null>((resolve) => p.once('exit', (code) => resolve(code)));
      return { p, out, exited };
    };

    const first = run(1_000_000);
    await waitFor(
      () => unique(gatewayId).size,
      (n) => n >= 20,
    );
    // The link dies silently: publishes already out never get their PUBACK, what follows piles up.
    proxy.blackhole();
    const atCut = first.out.seqs.length;
    await waitFor(
      () => first.out.seqs.length,
      (n) => n >= atCut + 50,
    );
    first.p.kill('SIGKILL');
    await first.exited;
    expect(first.p.signalCode).toBe('SIGKILL');
    proxy.restore();

    const second = run(50);
    await waitFor(
      () => second.out,
      (o) => o.drained,
      20_000,
    );
    expect(await second.exited).toBe(0);
    expect(second.out.drained).toBe(true);
    expect(second.out.openDepth).toBeGreaterThan(0); // the backlog came back from disk
    expect(Math.min(...second.out.seqs)).toBeGreaterThan(Math.max(...first.out.seqs));
    const expected = [...first.out.seqs, ...second.out.seqs];
    const missing = () => expected.filter((seq) => !unique(gatewayId).has(seq));
    await waitFor(missing, (m) => m.length === 0);
    expect(expected.length).toBeGreaterThan(100);
  });

  it('drops by the configured policy when the outbox fills while the broker is unreachable, and reports it', async () => {
    const proxy = await startProxy(broker.url);
    cleanups.push(proxy.close);
    proxy.cut();
    const gw = await startGateway('gw-full', proxy.url, {
      maxMessages: 25,
      dropPolicy: { order: 'oldest-first', kindPriority: ['metrics', 'heatmap'] },
    });
    const kinds = ['counts', 'metrics', 'heatmap'] as const;
    for (let i = 0; i < 60; i++) expect(await gw.enqueue(kinds[i % 3]!)).toBe(i);

    // Every metrics goes first, then the oldest heatmaps; no counts had to go.
    const counts = Array.from({ length: 20 }, (_, i) => i * 3);
    const survivors = [...counts, 47, 50, 53, 56, 59].sort(byNumber);
    expect([...gw.outbox.pending()].map((e) => e.seq)).toEqual(survivors);
    expect(gw.outbox.stats()).toMatchObject({
      depth: 25,
      dropped: { metrics: 20, heatmap: 15 },
      droppedByReason: { 'max-messages': 35, 'max-bytes': 0, corrupt: 0 },
      droppedTotal: 35,
    });

    proxy.restore();
    await waitFor(
      () => gw.outbox.stats().depth,
      (d) => d === 0,
    );
    await waitFor(
      () => unique('gw-full').size,
      (n) => n >= survivors.length,
    );
    expect([...unique('gw-full')].sort(byNumber)).toEqual(survivors);
  });
});
