// The benchmark's simulated gateways, in a worker thread of their own: real gateways are other
// machines, so their MQTT clients (building packets, writing sockets, reading PUBACKs) must not
// share an event loop with the broker and hub being measured. The baseline and the end-to-end run
// both publish through this, so they compare like with like.
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import mqtt from 'mqtt';
import { gatewayTraffic } from './bench-messages.js';

export interface PublisherSpec {
  role: 'bench-publishers';
  url: string;
  storeId: string;
  gatewayIds: string[];
  /** Messages per gateway, in the same order. */
  counts: number[];
  dayStart: number;
  /** Concurrent unacknowledged publishes per gateway. */
  inflight: number;
  /** MQTT username and password per gateway, when the broker wants them. */
  auth?: { username: string; password: string }[];
}

type FromPublishers =
  | { type: 'connected' }
  | { type: 'done'; seconds: number; busy: number }
  | { type: 'failed'; message: string };

/** What one `publish()` took: seconds until every PUBACK was in, and how busy the gateways' thread was meanwhile. */
export interface PublishFigures {
  seconds: number;
  /**
   * Share of that time the simulated gateways' event loop was busy. Near 1, they, not the broker or
   * the hub, set the pace: the round's rate is what this thread can send, a floor on the broker's.
   */
  busy: number;
}

/** The simulated gateways, connected and waiting: `publish()` sends everything and resolves when all are acknowledged. */
export async function connectPublishers(
  spec: PublisherSpec,
): Promise<{ publish: () => Promise<PublishFigures> }> {
  const worker = new Worker(publishersScriptUrl(), { workerData: spec });
  const next = () =>
    new Promise<FromPublishers>((resolve, reject) => {
      const onMessage = (m: FromPublishers) => {
        worker.off('error', reject);
        resolve(m);
      };
      worker.once('message', onMessage);
      worker.once('error', reject);
    });
  const connected = await next();
  if (connected.type !== 'connected') throw new Error(`bench publishers: ${describe(connected)}`);
  return {
    publish: async () => {
      const done = next();
      worker.postMessage('go');
      const m = await done;
      await worker.terminate();
      if (m.type !== 'done') throw new Error(`bench publishers: ${describe(m)}`);
      return { seconds: m.seconds, busy: m.busy };
    },
  };
}

function describe(m: FromPublishers): string {
  return m.type === 'failed' ? m.message : `unexpected ${m.type}`;
}

/** This module as a worker script; under vitest (src/*.ts) the build in dist/ (`npm test` builds first). */
function publishersScriptUrl(moduleUrl: string = import.meta.url): URL {
  if (moduleUrl.endsWith('.ts'))
    return new URL(moduleUrl.replace(/\/src\/bench\/[^/]+\.ts$/, '/dist/src/bench/gateway-publishers.js'));
  return new URL(moduleUrl);
}

async function runPublishers(spec: PublisherSpec, post: (m: FromPublishers) => void, go: Promise<void>) {
  const streams = spec.gatewayIds.map((gatewayId, g) =>
    gatewayTraffic(spec.storeId, gatewayId, spec.counts[g]!, spec.dayStart, g + 1),
  );
  const clients = await Promise.all(
    streams.map((_, g) =>
      mqtt.connectAsync(spec.url, { protocolVersion: 4, reconnectPeriod: 1000, ...(spec.auth?.[g] ?? {}) }),
    ),
  );
  post({ type: 'connected' });
  await go;
  const started = performance.now();
  const elu = performance.eventLoopUtilization();
  await Promise.all(
    streams.map(async (stream, g) => {
      const client = clients[g]!;
      let next = 0;
      const lanes = Array.from({ length: spec.inflight }, async () => {
        while (next < stream.length) {
          const m = stream[next++]!;
          await client.publishAsync(m.topic, m.payload, { qos: 1 });
        }
      });
      await Promise.all(lanes);
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const busy = performance.eventLoopUtilization(elu).utilization;
  await Promise.all(clients.map((c) => c.endAsync()));
  post({ type: 'done', seconds, busy });
}

if (
  !isMainThread &&
  parentPort &&
  (workerData as Partial<PublisherSpec> | null)?.role === 'bench-publishers'
) {
  const port = parentPort;
  const go = new Promise<void>((resolve) => port.once('message', () => resolve()));
  runPublishers(workerData as PublisherSpec, (m) => port.postMessage(m), go).catch((err: Error) =>
    port.postMessage({ type: 'failed', message: err.message }),
  );
}
