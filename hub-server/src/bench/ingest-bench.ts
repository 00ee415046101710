// `hub-server bench ingest`: in one run, the broker's raw QoS1 throughput (publishers → a plain
// subscriber, the baseline) and the hub's end-to-end stored throughput on the same broker kind,
// then lost/duplicate counts and the latency of a store-day heatmap query. JSON on the last line.
// The simulated gateways publish from a thread of their own in both runs (gateway-publishers.ts).
// Both sides swing by a third from run to run on a small shared machine, so a run is several rounds
// (the baselines, then as many rounds through the hub, paired in order) and the ratio reported is
// the median pair's. Rates are steady ones (steady-rate.ts: between the first 10% and 90% of the
// messages in), so the raw broker is not judged by its start; each round's whole-round rate is
// reported beside it, and the process's CPU time per message on each side (every thread), which
// tells a pipeline short of CPU from one that waits.
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import mqtt from 'mqtt';
import { pino } from 'pino';
import { hashPassword } from '../broker/credentials.js';
import { forgetSessions } from '../broker/forget-sessions.js';
import { listenPlainAedes } from '../broker/plain-aedes.js';
import { hubConfigSchema } from '../config.js';
import { Hub } from '../hub.js';
import { openPostgres } from '../storage/postgres-driver.js';
import { connectPublishers, type PublisherSpec } from './gateway-publishers.js';
import { steadyRate } from './steady-rate.js';

export interface IngestBenchOptions {
  messages: number;
  gateways: number;
  mqttUrl?: string;
  databaseUrl?: string;
  /** Concurrent unacknowledged publishes per gateway (like the edge outbox's inflight window). */
  inflight: number;
  /** Where the hub decodes and writes: the main thread (the default) or a worker thread. */
  ingestThread?: 'worker' | 'main';
  /** Rounds of baseline then hub, each with `messages` (3). */
  rounds?: number;
  progress: (line: string) => void;
}

const STORE = 'bench-store';
const DAY = Date.UTC(2026, 10, 2);

/** The simulated gateways of one run: ids and message counts (traffic itself is made in their thread). */
function gateways(o: IngestBenchOptions, run: string): { ids: string[]; counts: number[]; total: number } {
  const per = Math.ceil(o.messages / o.gateways);
  const ids: string[] = [];
  const counts: number[] = [];
  for (let g = 0; g < o.gateways; g++) {
    const count = Math.min(per, o.messages - g * per);
    if (count <= 0) break;
    ids.push(`gw-${run}-${g}`);
    counts.push(count);
  }
  return { ids, counts, total: counts.reduce((s, c) => s + c, 0) };
}

function publishers(
  o: IngestBenchOptions,
  url: string,
  gws: { ids: string[]; counts: number[] },
  auth?: PublisherSpec['auth'],
) {
  return connectPublishers({
    role: 'bench-publishers',
    url,
    storeId: STORE,
    gatewayIds: gws.ids,
    counts: gws.counts,
    dayStart: DAY,
    inflight: o.inflight,
    ...(auth && { auth }),
  });
}

/** Stop waiting for the baseline's subscriber, or the hub, once nothing arrived for this long (ms). */
const STALL_MS = 5000;

/**
 * Baseline: publishers → broker → one QoS1 subscriber; time until the subscriber has them all. A
 * broker that drops messages for a slow subscriber (Mosquitto's default max_queued_messages 1000)
 * never delivers them all: after STALL_MS without one, the baseline counts what arrived and
 * says how many were dropped.
 */
async function rawBroker(o: IngestBenchOptions, run: string): Promise<BaselineFigures> {
  const broker = o.mqttUrl ? { url: o.mqttUrl, close: async () => {} } : await listenPlainAedes();
  const gws = gateways(o, `raw${run}`);
  const total = gws.total;
  const sub = await mqtt.connectAsync(broker.url, { protocolVersion: 4 });
  let received = 0;
  let lastAt = performance.now();
  const arrivals: number[] = [];
  sub.on('message', () => {
    received++;
    lastAt = performance.now();
    arrivals.push(lastAt);
  });
  await sub.subscribeAsync(`retail/v1/${STORE}/+/+`, { qos: 1 });
  const fleet = await publishers(o, broker.url, gws);
  const started = performance.now();
  const cpu = process.cpuUsage();
  const elu = performance.eventLoopUtilization();
  const { busy: publishersBusy } = await fleet.publish();
  while (received < total && performance.now() - lastAt < STALL_MS)
    await new Promise((r) => setTimeout(r, 5));
  const seconds = ((received < total ? lastAt : performance.now()) - started) / 1000;
  const cpuMicros = cpuMicrosSince(cpu);
  const mainThreadBusy = performance.eventLoopUtilization(elu).utilization;
  await sub.endAsync();
  await broker.close();
  if (received < total)
    o.progress(
      `  the broker dropped ${total - received} of ${total} messages for the baseline's subscriber ` +
        '(Mosquitto: raise max_queued_messages, as hub-server broker-files does)',
    );
  const whole = received / seconds;
  return {
    messages: total,
    seconds,
    messagesPerSecond: steadyOr(steadyRate(arrivals), whole),
    wholeRoundPerSecond: whole,
    cpuMicrosPerMessage: cpuMicros / Math.max(1, received),
    coresBusy: cpuMicros / 1e6 / seconds,
    mainThreadBusy,
    publishersBusy,
    dropped: total - received,
  };
}

export async function runIngestBench(o: IngestBenchOptions) {
  const run = Date.now().toString(36);
  const count = o.rounds ?? 3;
  // The baselines first, before the hub exists: on an external broker its subscription would
  // otherwise take (and store) the baseline's traffic too.
  const baselines: BaselineFigures[] = [];
  for (let r = 0; r < count; r++) {
    o.progress(
      `baseline ${r + 1}/${count}: raw QoS1 through ${o.mqttUrl ?? 'embedded aedes'} (${o.messages} messages, ${o.gateways} gateways)…`,
    );
    baselines.push(await rawBroker(o, `${run}r${r}`));
    o.progress(
      `  ${baselines[r]!.messagesPerSecond.toFixed(0)} msg/s steady (${baselines[r]!.wholeRoundPerSecond.toFixed(0)} over the whole round), ${baselines[r]!.cpuMicrosPerMessage.toFixed(0)} µs CPU per message, ${busy(baselines[r]!)}`,
    );
  }
  const dataDir = await mkdtemp(path.join(tmpdir(), 'hub-bench-'));
  const schema = `bench_${run}`;
  const hub = new Hub({
    config: hubConfigSchema.parse({
      http: { host: '127.0.0.1', port: 0 },
      mqtt: o.mqttUrl ? { url: o.mqttUrl, shareGroup: `bench${run}` } : { host: '127.0.0.1', port: 0 },
      dataDir,
      workerId: `bench-${run}`,
      ingest: { thread: o.ingestThread ?? 'main' },
      ...(o.databaseUrl && { database: { url: o.databaseUrl, schema } }),
    }),
    logger: pino({ level: 'warn' }),
    hubKey: Buffer.alloc(32, 5),
  });
  await hub.start();
  try {
    const rounds: {
      baseline: RoundFigures;
      endToEnd: EndToEndFigures;
      storedVsBaseline: number;
      wholeRoundStoredVsBaseline: number;
    }[] = [];
    for (let r = 0; r < count; r++) {
      o.progress(
        `hub ${r + 1}/${count}: gateways → ${o.mqttUrl ? 'external broker → hub subscriber' : 'embedded broker'} → ${hub.repo.db.dialect}…`,
      );
      const endToEnd = await throughHub(o, hub, `${run}r${r}`);
      o.progress(
        `  ${endToEnd.messagesPerSecond.toFixed(0)} msg/s stored steady (${endToEnd.wholeRoundPerSecond.toFixed(0)} over the whole round), ${endToEnd.cpuMicrosPerMessage.toFixed(0)} µs CPU per message, ${busy(endToEnd)}, lost ${endToEnd.lost}, duplicates ${endToEnd.duplicates}`,
      );
      const baseline = baselines[r]!;
      rounds.push({
        baseline: round(baseline),
        endToEnd: round(endToEnd),
        storedVsBaseline: Number((endToEnd.messagesPerSecond / baseline.messagesPerSecond).toFixed(3)),
        wholeRoundStoredVsBaseline: Number(
          (endToEnd.wholeRoundPerSecond / baseline.wholeRoundPerSecond).toFixed(3),
        ),
      });
    }
    const median = [...rounds].sort((a, b) => a.storedVsBaseline - b.storedVsBaseline)[rounds.length >> 1]!;

    o.progress('heatmap query: one store-day, 300 times…');
    const times: number[] = [];
    for (let i = 0; i < 300; i++) {
      const t = performance.now();
      const cells = await hub.repo.queries.heatmap(STORE, 'day', DAY - 86_400_000, DAY + 86_400_000);
      times.push(performance.now() - t);
      if (cells.length === 0) throw new Error('the day heatmap is empty');
    }
    times.sort((a, b) => a - b);
    const pct = (p: number) =>
      Number(times[Math.min(times.length - 1, Math.floor(p * times.length))]!.toFixed(2));
    const query = { runs: times.length, p50Ms: pct(0.5), p99Ms: pct(0.99) };
    return {
      bench: 'ingest',
      broker: o.mqttUrl ? 'external' : 'embedded-aedes',
      database: hub.repo.db.dialect,
      // Fewer messages than gateways leaves some gateways with nothing to send.
      gateways: gateways(o, run).ids.length,
      inflightPerGateway: o.inflight,
      cores: availableParallelism(),
      ingestThread: o.ingestThread ?? 'main',
      /** The round whose ratio is the median. */
      baseline: median.baseline,
      endToEnd: median.endToEnd,
      storedVsBaseline: median.storedVsBaseline,
      lost: rounds.reduce((n, r) => n + r.endToEnd.lost, 0),
      duplicates: rounds.reduce((n, r) => n + r.endToEnd.duplicates, 0),
      rounds,
      heatmapStoreDayQuery: query,
    };
  } finally {
    await hub.stop();
    // Only once the hub has stopped: its roll-up loop works in the schema until then.
    if (o.databaseUrl) await dropSchema(o.databaseUrl, schema);
    // The hub's persistent sessions would otherwise stay on the broker, queuing copies of all traffic.
    if (o.mqttUrl) await forgetSessions(o.mqttUrl, hub.ingestClientIds);
    await rm(dataDir, { recursive: true, force: true });
  }
}

interface RoundFigures extends Record<string, number> {
  messages: number;
  /** From the first publish until the last message was in. */
  seconds: number;
  /** Steady: between the first 10% and 90% of the messages in (steady-rate.ts). */
  messagesPerSecond: number;
  /** Messages over `seconds`, start and stragglers included. */
  wholeRoundPerSecond: number;
  /**
   * CPU time of this whole process (every thread: publishers, broker, subscriber or hub, database
   * calls) from the first publish until the last message was in, per message. On an external broker
   * its own CPU is not counted.
   */
  cpuMicrosPerMessage: number;
  /**
   * That CPU time over `seconds`: how many cores the process kept busy (the machine's count is in
   * `cores`). Well under it while the main thread is not saturated either means a pipeline that waits.
   */
  coresBusy: number;
  /** Share of the time the main thread's event loop was busy (performance.eventLoopUtilization). */
  mainThreadBusy: number;
  /**
   * The same for the simulated gateways' thread, until their last PUBACK. Near 1 on the baseline, the
   * raw figure is what our publishers can send rather than all the broker could take.
   */
  publishersBusy: number;
}

interface BaselineFigures extends RoundFigures {
  /** Published but never delivered to the subscriber. */
  dropped: number;
}

interface EndToEndFigures extends RoundFigures {
  lost: number;
  duplicates: number;
  rollupsCaughtUpSeconds: number;
}

/** One round through the hub: time until every message is stored, then until roll-ups caught up. */
async function throughHub(o: IngestBenchOptions, hub: Hub, run: string): Promise<EndToEndFigures> {
  const gws = gateways(o, run);
  const total = gws.total;
  const passwords = new Map<number, string>();
  if (!o.mqttUrl) {
    for (let g = 0; g < gws.ids.length; g++) {
      passwords.set(g, `pw-${g}`);
      await hub.repo.registry.setCredentials(
        STORE,
        gws.ids[g]!,
        await hashPassword(`pw-${g}`, 1000),
        Date.now(),
      );
    }
  }
  const fleet = await publishers(
    o,
    hub.brokerUrl,
    gws,
    o.mqttUrl
      ? undefined
      : gws.ids.map((id, g) => ({ username: `${STORE}.${id}`, password: passwords.get(g)! })),
  );
  const started = performance.now();
  const cpu = process.cpuUsage();
  const elu = performance.eventLoopUtilization();
  const { busy: publishersBusy } = await fleet.publish();
  // Embedded: every PUBACK followed a commit. External: wait until the subscriber has stored them all.
  // A broker that dropped messages (Mosquitto's default max_queued_messages) never delivers them:
  // after STALL_MS without a new one stored, the round ends and counts them lost.
  let lastReport = Date.now();
  let seen = 0;
  let lastStoredAt = performance.now();
  for (;;) {
    const now = await hub.repo.queries.countStored(`gw-${run}-`);
    if (now > seen) lastStoredAt = performance.now();
    seen = now;
    if (seen >= total) break;
    if (performance.now() - lastStoredAt > STALL_MS) {
      o.progress(
        `  nothing stored for ${STALL_MS / 1000} s: ${total - seen} of ${total} never reached the hub ` +
          '(an external broker dropping them? hub-server broker-files sets max_queued_messages 0)',
      );
      break;
    }
    if (Date.now() - lastReport > 2000) {
      lastReport = Date.now();
      o.progress(`  … ${seen}/${total} stored`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const seconds = ((seen < total ? lastStoredAt : performance.now()) - started) / 1000;
  const cpuMicros = cpuMicrosSince(cpu);
  const mainThreadBusy = performance.eventLoopUtilization(elu).utilization;
  // Roll-ups run behind the acknowledgements; report when they caught up as well.
  await hub.drainIngest();
  const rollupsCaughtUpSeconds = (performance.now() - started) / 1000;
  // Every row of the round, with when it was committed by the hub's own clock (its batch's stored_at, ms).
  const rows = await hub.repo.db.all<{ msg_id: string; stored_at: number | string }>(
    'SELECT msg_id, stored_at FROM messages WHERE msg_id LIKE ?',
    [`gw-${run}-%`],
  );
  const stored = new Set(rows.map((r) => r.msg_id)).size;
  const whole = stored / seconds;
  return {
    messages: total,
    seconds,
    messagesPerSecond: steadyOr(steadyRate(rows.map((r) => Number(r.stored_at))), whole),
    wholeRoundPerSecond: whole,
    cpuMicrosPerMessage: cpuMicros / Math.max(1, stored),
    coresBusy: cpuMicros / 1e6 / seconds,
    mainThreadBusy,
    publishersBusy,
    lost: total - stored,
    duplicates: rows.length - stored,
    rollupsCaughtUpSeconds,
  };
}

/** The run's own PostgreSQL schema, with everything the hub wrote in it. */
async function dropSchema(url: string, schema: string): Promise<void> {
  const db = await openPostgres({ url });
  try {
    await db.exec(`DROP SCHEMA ${schema} CASCADE`);
  } finally {
    await db.close();
  }
}

/** "1.45 of 2 cores busy, main thread 64%, publishers 41%" */
function busy(f: RoundFigures): string {
  const percent = (share: number) => `${(100 * share).toFixed(0)}%`;
  return `${f.coresBusy.toFixed(2)} of ${availableParallelism()} cores busy, main thread ${percent(f.mainThreadBusy)}, publishers ${percent(f.publishersBusy)}`;
}

/** User and system CPU time of the process since `start` (process.cpuUsage()), µs. */
function cpuMicrosSince(start: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(start);
  return d.user + d.system;
}

/** A round too short to tell a steady rate (one batch, a few messages) is measured whole. */
function steadyOr(steady: number, whole: number): number {
  return Number.isFinite(steady) ? steady : whole;
}

/** Figures rounded to 3 decimals rather than 1. */
const FINE = new Set(['seconds', 'coresBusy', 'mainThreadBusy', 'publishersBusy']);

function round<T extends Record<string, number>>(o: T): T {
  return Object.fromEntries(
    Object.entries(o).map(([k, v]) => [k, Number(v.toFixed(FINE.has(k) ? 3 : 1))]),
  ) as T;
}
