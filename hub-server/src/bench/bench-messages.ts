// Realistic gateway traffic for benchmarks: per gateway and 60 s window a heatmap (~150 cells of a
// 40 × 25 m floor), zone statistics (13 zones), entrance counts and metrics. Deterministic.
import { formatMsgId, gatewayTopic, seededRandom } from '@retail/contracts';

export interface BenchMessage {
  topic: string;
  payload: string;
  msgId: string;
}

const WINDOW = 60_000;

/** `count` messages from one gateway, windows starting at `dayStart`, in publishing order. */
export function gatewayTraffic(
  storeId: string,
  gatewayId: string,
  count: number,
  dayStart: number,
  seed: number,
): BenchMessage[] {
  const rnd = seededRandom(seed);
  const out: BenchMessage[] = [];
  let seq = 0;
  for (let w = 0; out.length < count; w++) {
    const windowStart = dayStart + (w % 1440) * WINDOW + Math.floor(w / 1440) * 86_400_000;
    const base = { v: 1, storeId, gatewayId, windowStart, windowEnd: windowStart + WINDOW, layoutVersion: 1 };
    const bodies: [string, object][] = [
      [
        'heatmap',
        {
          cellSize: 0.5,
          k: 5,
          cells: Array.from({ length: 150 }, (_, i) => ({
            col: (i * 7 + Math.floor(rnd() * 5)) % 80,
            row: (i * 3) % 50,
            scale: 1,
            shoppers: 5 + Math.floor(rnd() * 20),
            dwellSeconds: Math.round(rnd() * 3000) / 10,
          })),
          suppressedCells: Math.floor(rnd() * 40),
        },
      ],
      [
        'zones',
        {
          k: 5,
          stopThresholdS: 10,
          zones: Array.from({ length: 13 }, (_, i) => ({
            zoneId: `zone-${i}`,
            visits: Math.floor(rnd() * 40),
            shoppers: 5 + Math.floor(rnd() * 30),
            stops: Math.floor(rnd() * 20),
            firstVisits: Math.floor(rnd() * 30),
            dwell: { meanS: 20, p50S: 15, p90S: 60, maxS: 140 },
            peakOccupancy: Math.floor(rnd() * 12),
          })),
          transitions: Array.from({ length: 20 }, (_, i) => ({
            from: `zone-${i % 13}`,
            to: `zone-${(i + 1) % 13}`,
            count: 5 + i,
          })),
          suppressedZones: 0,
        },
      ],
      [
        'counts',
        { entrances: [{ entranceId: 'main', in: Math.floor(rnd() * 20), out: Math.floor(rnd() * 20) }] },
      ],
      [
        'metrics',
        {
          cameras: [
            {
              cameraId: 'cam-1',
              fps: 9.5,
              framesDropped: 0,
              detectorLatencyMs: { p50: 40, p95: 70 },
              online: true,
            },
          ],
          scanners: [],
          outboxDepth: 0,
          outboxDropped: 0,
          bytesSent: 100_000,
          uptimeS: w * 60,
        },
      ],
    ];
    for (const [kind, body] of bodies) {
      if (out.length >= count) break;
      const msgId = formatMsgId(gatewayId, seq++);
      out.push({
        topic: gatewayTopic(storeId, gatewayId, kind as 'heatmap'),
        payload: JSON.stringify({ ...base, msgId, ...body }),
        msgId,
      });
    }
  }
  return out;
}
