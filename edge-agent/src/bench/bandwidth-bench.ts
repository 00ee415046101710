// `edge-agent bench bandwidth`: what one gateway publishes per camera-hour, measured on the real
// aggregator and contract encoding (the exact payload bytes the outbox would send) for a synthetic
// crowd, against the 50 kbit/s-per-camera target. JSON on the last line.
import {
  encodeMessage,
  type GatewaySettings,
  gatewaySettingsSchema,
  type StoreLayout,
} from '@retail/contracts';
import { WindowAggregator } from '../core/aggregation/index.js';
import { SyntheticCrowd } from './synthetic-crowd.js';

export interface BandwidthBenchOptions {
  layout: StoreLayout;
  gatewayId: string;
  hours: number;
  arrivalsPerHour: number;
  settings?: Partial<GatewaySettings>;
  random: () => number;
}

/** MQTT 3.1.1 PUBLISH QoS1 framing: fixed header (~3), topic length + topic, packet id; and its PUBACK (4). */
function wireBytes(topic: string, payload: string): number {
  return 3 + 2 + Buffer.byteLength(topic) + 2 + Buffer.byteLength(payload) + 4;
}

export function runBandwidthBench(o: BandwidthBenchOptions) {
  const settings = gatewaySettingsSchema.parse(o.settings ?? {});
  const aggregator = new WindowAggregator({ layout: o.layout, settings, random: o.random });
  const crowd = new SyntheticCrowd({
    layout: o.layout,
    arrivalsPerHour: o.arrivalsPerHour,
    optedIn: 0.1,
    random: o.random,
  });
  const cameras = Math.max(1, o.layout.cameras.filter((c) => c.gatewayId === o.gatewayId).length);
  const windowMs = settings.windowSeconds * 1000;
  const start = Date.UTC(2026, 10, 2, 9);
  const bytes: Record<string, number> = { heatmap: 0, zones: 0, counts: 0, paths: 0, metrics: 0 };
  let wire = 0;
  let seq = 0;
  let windows = 0;
  for (let w = 0; w < (o.hours * 3_600_000) / windowMs; w++) {
    const ws = start + w * windowMs;
    for (let t = ws; t < ws + windowMs; t += 1000) for (const obs of crowd.step(t)) aggregator.observe(obs);
    const out = aggregator.closeWindow(ws, ws + windowMs);
    windows++;
    const bodies: [string, object][] = [
      ['heatmap', out.heatmap],
      ['zones', out.zones],
      ['counts', out.counts],
      ...(out.paths.paths.length > 0 ? ([['paths', out.paths]] as [string, object][]) : []),
      [
        'metrics',
        {
          windowStart: ws,
          windowEnd: ws + windowMs,
          layoutVersion: o.layout.layoutVersion,
          cameras: [],
          scanners: [],
          outboxDepth: 0,
          outboxDropped: 0,
          bytesSent: 0,
          uptimeS: 0,
        },
      ],
    ];
    for (const [kind, body] of bodies) {
      const msg = {
        v: 1,
        msgId: `${o.gatewayId}:${seq++}`,
        storeId: o.layout.storeId,
        gatewayId: o.gatewayId,
        ...body,
      };
      const enc = encodeMessage(kind as 'heatmap', msg as never);
      if (!enc.ok) throw new Error(`invalid ${kind}: ${JSON.stringify(enc.issues.slice(0, 3))}`);
      bytes[kind]! += Buffer.byteLength(enc.payload);
      wire += wireBytes(`retail/v1/${o.layout.storeId}/${o.gatewayId}/${kind}`, enc.payload);
    }
  }
  const seconds = o.hours * 3600;
  const payload = Object.values(bytes).reduce((a, b) => a + b, 0);
  const perCameraKbps = (wire * 8) / seconds / 1000 / cameras;
  return {
    bench: 'bandwidth',
    gatewayId: o.gatewayId,
    cameras,
    hours: o.hours,
    arrivalsPerHour: o.arrivalsPerHour,
    windowSeconds: settings.windowSeconds,
    windows,
    payloadBytesByKind: bytes,
    payloadBytesPerCameraHour: Math.round(payload / o.hours / cameras),
    wireKbitPerSecondPerCamera: Number(perCameraKbps.toFixed(3)),
    targetKbitPerSecondPerCamera: 50,
    withinTarget: perCameraKbps < 50,
  };
}
