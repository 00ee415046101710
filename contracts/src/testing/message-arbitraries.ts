// fast-check generators of valid messages of every kind, for round-trip and ingest property tests.
import fc from 'fast-check';
import { formatMsgId } from '../ids.js';
import type { MessageInputOf, MessageKind } from '../messages/codec.js';

const slug = fc.stringMatching(/^[a-z0-9][a-z0-9_-]{0,15}$/);
const gatewayId = slug.filter((s) => s !== 'pos' && s !== 'hub');
const ms = fc.integer({ min: 1_600_000_000_000, max: 1_900_000_000_000 });
const count = fc.nat({ max: 10_000 });
const real = fc.double({ min: 0, max: 1e6, noNaN: true, noDefaultInfinity: true });
const hex = (min: number, max: number) => fc.stringMatching(new RegExp(`^[0-9a-f]{${min},${max}}$`));

export interface Source {
  storeId: string;
  gatewayId: string;
}
export const sourceArb: fc.Arbitrary<Source> = fc.record({ storeId: slug, gatewayId });

function envelope(src: Source, seq: number, from: 'gateway' | 'hub') {
  return { v: 1 as const, msgId: formatMsgId(from === 'hub' ? 'hub' : src.gatewayId, seq), ...src };
}

const windowArb = fc
  .tuple(ms, fc.integer({ min: 1_000, max: 3_600_000 }), fc.integer({ min: 1, max: 50 }))
  .map(([start, len, layoutVersion]) => ({ windowStart: start, windowEnd: start + len, layoutVersion }));

const dwell = fc.record({ meanS: real, p50S: real, p90S: real, maxS: real });

const bodies: { [K in Exclude<MessageKind, 'pos-transactions'>]: fc.Arbitrary<object> } = {
  status: fc.record(
    {
      ts: ms,
      state: fc.constantFrom('online', 'offline', 'degraded'),
      reason: fc.string({ maxLength: 50 }),
      version: fc.constantFrom('0.1.0', '1.2.3-rc.1'),
      layoutVersion: fc.integer({ min: 1, max: 99 }),
      configVersion: fc.nat(),
      startedAt: ms,
    },
    { requiredKeys: ['ts', 'state', 'version'] },
  ),
  heatmap: fc
    .record({
      cellSize: fc.constantFrom(0.25, 0.5, 1),
      k: fc.integer({ min: 1, max: 20 }),
      cells: fc.array(
        fc.record({
          col: count,
          row: count,
          scale: fc.constantFrom(1, 2, 4),
          shoppers: count,
          dwellSeconds: real,
        }),
        { maxLength: 30 },
      ),
      suppressedCells: count,
    })
    .chain((b) => windowArb.map((w) => ({ ...b, ...w }))),
  zones: fc
    .record({
      k: fc.integer({ min: 1, max: 20 }),
      epsilon: fc.double({ min: 0.01, max: 10, noNaN: true }),
      stopThresholdS: fc.constantFrom(5, 10, 30),
      zones: fc.array(
        fc.record(
          {
            zoneId: slug,
            visits: count,
            shoppers: count,
            stops: count,
            // Absent from gateways older than it.
            firstVisits: count,
            dwell,
            peakOccupancy: count,
          },
          { requiredKeys: ['zoneId', 'visits', 'shoppers', 'stops', 'dwell', 'peakOccupancy'] },
        ),
        { maxLength: 12 },
      ),
      transitions: fc.array(fc.record({ from: slug, to: slug, count }), { maxLength: 20 }),
      suppressedZones: count,
    })
    .chain((b) => windowArb.map((w) => ({ ...b, ...w }))),
  counts: fc
    .record({ entrances: fc.array(fc.record({ entranceId: slug, in: count, out: count }), { maxLength: 4 }) })
    .chain((b) => windowArb.map((w) => ({ ...b, ...w }))),
  paths: fc
    .record({
      paths: fc.array(
        fc.record({
          pathId: hex(16, 32),
          rotatingIds: fc.array(hex(16, 16), { minLength: 1, maxLength: 4 }),
          visits: fc.array(
            fc.tuple(slug, ms, fc.nat({ max: 600_000 })).map(([zoneId, enterTs, d]) => ({
              zoneId,
              enterTs,
              exitTs: enterTs + d,
            })),
            { maxLength: 8 },
          ),
          closed: fc.boolean(),
        }),
        { maxLength: 5 },
      ),
    })
    .chain((b) => windowArb.map((w) => ({ ...b, ...w }))),
  metrics: fc
    .record(
      {
        cameras: fc.array(
          fc.record(
            {
              cameraId: slug,
              fps: fc.double({ min: 0, max: 60, noNaN: true }),
              framesDropped: count,
              detectorLatencyMs: fc.record({ p50: real, p95: real }),
              online: fc.boolean(),
              floor: fc
                .tuple(count, count)
                .map(([a, b]) => ({ positions: Math.max(a, b), offFloor: Math.min(a, b) })),
            },
            { requiredKeys: ['cameraId', 'fps', 'framesDropped', 'detectorLatencyMs', 'online'] },
          ),
          { maxLength: 4 },
        ),
        scanners: fc.array(fc.record({ scannerId: slug, advertisementsPerS: real, online: fc.boolean() }), {
          maxLength: 8,
        }),
        cpuTempC: fc.double({ min: 20, max: 90, noNaN: true }),
        outboxDepth: count,
        outboxDropped: count,
        bytesSent: count,
        uptimeS: real,
        observations: fc.record({ received: count, staff: count, offFloor: count, ignored: count }),
      },
      { requiredKeys: ['cameras', 'scanners', 'outboxDepth', 'outboxDropped', 'bytesSent', 'uptimeS'] },
    )
    .chain((b) => windowArb.map((w) => ({ ...b, ...w }))),
  reply: fc.record(
    {
      ts: ms,
      inReplyTo: fc.nat().map((n) => `hub:${n}`),
      ok: fc.boolean(),
      detail: fc.string({ maxLength: 40 }),
      data: fc.dictionary(
        fc.string({ minLength: 1, maxLength: 10 }),
        fc.oneof(fc.integer(), fc.string({ maxLength: 10 }), fc.boolean()),
        { maxKeys: 4 },
      ),
    },
    { requiredKeys: ['ts', 'inReplyTo', 'ok'] },
  ),
  config: fc.record({
    ts: ms,
    configVersion: fc.nat(),
    settings: fc.record(
      {
        windowSeconds: fc.integer({ min: 10, max: 3600 }),
        heatmapCellSize: fc.constantFrom(0.25, 0.5, 1),
        kAnonymity: fc.integer({ min: 2, max: 50 }),
        epsilon: fc.double({ min: 0.1, max: 5, noNaN: true }),
        publishPaths: fc.boolean(),
      },
      { requiredKeys: [] },
    ),
  }),
  cmd: fc.record({
    ts: ms,
    command: fc.oneof(
      fc.constantFrom(
        { name: 'ping' as const },
        { name: 'diagnostics' as const },
        { name: 'flush-outbox' as const },
      ),
      fc.record({
        name: fc.constant('update' as const),
        version: fc.constant('0.2.0'),
        url: fc.constant('http://hub.local:8080/api/v1/bundles/0.2.0'),
        sha256: hex(64, 64),
        signature: fc.base64String({ minLength: 4, maxLength: 88 }),
      }),
    ),
  }),
};

const posArb = fc.record({
  ts: ms,
  transactions: fc.array(
    fc.record(
      {
        transactionId: slug,
        timestamp: ms,
        loyaltyId: fc.stringMatching(/^[0-9]{8,16}$/),
        items: fc.array(
          fc.record(
            {
              sku: slug,
              quantity: fc.integer({ min: 1, max: 12 }),
              price: fc.double({ min: 0, max: 500, noNaN: true }),
            },
            { requiredKeys: ['sku', 'quantity'] },
          ),
          { minLength: 1, maxLength: 6 },
        ),
      },
      { requiredKeys: ['transactionId', 'timestamp', 'items'] },
    ),
    { minLength: 1, maxLength: 5 },
  ),
});

/** A valid message of `kind` from `src` with sequence number `seq`. */
export function messageArb<K extends MessageKind>(
  kind: K,
  src: Source,
  seq: number,
): fc.Arbitrary<MessageInputOf<K>> {
  if (kind === 'pos-transactions') {
    return posArb.map((b) => ({
      v: 1,
      msgId: formatMsgId('till-1', seq),
      storeId: src.storeId,
      ...b,
    })) as never;
  }
  const from = kind === 'config' || kind === 'cmd' ? 'hub' : 'gateway';
  const body = bodies[kind as Exclude<MessageKind, 'pos-transactions'>];
  return body.map((b) => ({ ...envelope(src, seq, from), ...b })) as never;
}
