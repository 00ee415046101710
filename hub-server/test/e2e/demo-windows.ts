// Windows a store's gateways would publish, generated for a layout: heatmap cells inside the zones
// its cameras see (baby & health kept cold and the pantry hot on purpose), zone statistics, entrance
// counts, gateway metrics and status. Deterministic (seeded), valid against the contracts, for the API
// and browser tests.
import {
  centroid,
  gatewayTopic,
  pointInPolygon,
  type StoreLayout,
  seededRandom,
  zoneCoverage,
} from '@retail/contracts';

export interface DemoWindowsOptions {
  layout: StoreLayout;
  /** Start of the first window, epoch ms. */
  start: number;
  windows: number;
  windowMs?: number;
  seed?: number;
  /** First msgId sequence number per gateway (later batches must not reuse ids). */
  firstSeq?: number;
}

export interface Publication {
  topic: string;
  payload: Record<string, unknown>;
}

/** Relative traffic per zone; baby & health is the cold zone the demo should show, the pantry the hot one. */
const WEIGHT: Record<string, number> = {
  'baby-health': 0.15,
  pantry: 2,
  promo: 2.5,
  checkout: 2,
  'entrance-lobby': 2,
};
const CELL = 0.5;

/** The gateway of the first camera that sees some of the zone; undefined when no camera does (no figures). */
function gatewaysOfZones(layout: StoreLayout): Map<string, string> {
  const gatewayOf = new Map(layout.cameras.map((c) => [c.id, c.gatewayId]));
  return new Map(
    zoneCoverage(layout).flatMap((c) => (c.cameras[0] ? [[c.zoneId, gatewayOf.get(c.cameras[0])!]] : [])),
  );
}

export function demoWindows(o: DemoWindowsOptions): Publication[] {
  const { layout } = o;
  const windowMs = o.windowMs ?? 300_000;
  const random = seededRandom(o.seed ?? 7);
  const seq = new Map<string, number>();
  const next = (gw: string) => {
    const n = seq.get(gw) ?? o.firstSeq ?? 1;
    seq.set(gw, n + 1);
    return `${gw}:${n}`;
  };
  const gatewayOf = gatewaysOfZones(layout);
  const zones = layout.zones.filter((z) => z.kind !== 'staff-only' && gatewayOf.has(z.id));
  const out: Publication[] = [];
  for (let w = 0; w < o.windows; w++) {
    const windowStart = o.start + w * windowMs;
    const base = {
      v: 1,
      storeId: layout.storeId,
      windowStart,
      windowEnd: windowStart + windowMs,
      layoutVersion: layout.layoutVersion,
    };
    // A cold zone reaches k shoppers only every few windows, so the gateway publishes it only there
    // (holding what the windows between saw).
    const seen = zones.filter((z) => (WEIGHT[z.id] ?? 1) >= 0.5 || w % 4 === 0);
    for (const gw of layout.gateways.map((g) => g.id)) {
      const mine = seen.filter((z) => gatewayOf.get(z.id) === gw);
      const env = (kind: 'heatmap' | 'zones' | 'counts' | 'metrics') => ({
        topic: gatewayTopic(layout.storeId, gw, kind),
        head: { ...base, msgId: next(gw), gatewayId: gw },
      });
      const heat = env('heatmap');
      out.push({
        topic: heat.topic,
        payload: {
          ...heat.head,
          cellSize: CELL,
          k: 5,
          suppressedCells: 0,
          cells: mine.flatMap((z) => zoneCells(layout, z.id, random)),
        },
      });
      const zs = env('zones');
      out.push({
        topic: zs.topic,
        payload: {
          ...zs.head,
          k: 5,
          stopThresholdS: 10,
          suppressedZones: 0,
          transitions: [],
          zones: mine.map((z) => zoneStat(z.id, random)),
        },
      });
      const counts = env('counts');
      const entrances = layout.entrances.filter(
        (_, i) => layout.gateways[i % layout.gateways.length]?.id === gw,
      );
      out.push({
        topic: counts.topic,
        payload: {
          ...counts.head,
          entrances: entrances.map((e) => ({
            entranceId: e.id,
            in: 5 + Math.floor(random() * 10),
            out: 4 + Math.floor(random() * 10),
          })),
        },
      });
      const metrics = env('metrics');
      out.push({
        topic: metrics.topic,
        payload: {
          ...metrics.head,
          cameras: layout.cameras
            .filter((c) => c.gatewayId === gw)
            .map((c, i) => ({
              cameraId: c.id,
              fps: 9 + Math.round(random() * 20) / 10,
              framesDropped: 0,
              detectorLatencyMs: { p50: 40, p95: 70 },
              online: true,
              // The slipped camera is the second gateway's first.
              floor: { positions: 600, offFloor: i > 0 ? 0 : gw === layout.gateways[0]!.id ? 11 : 220 },
            })),
          scanners: [],
          cpuTempC: 52,
          outboxDepth: Math.floor(random() * 4),
          outboxDropped: 0,
          bytesSent: 20_000,
          uptimeS: 3600 + w * (windowMs / 1000),
          // The second gateway's camera has slipped: a fifth of its positions fall off the floor plan.
          observations: {
            received: 1200,
            staff: 100,
            offFloor: gw === layout.gateways[0]!.id ? 11 : 220,
            ignored: 0,
          },
        },
      });
    }
  }
  return out;
}

export function statusPublication(
  layout: StoreLayout,
  gatewayId: string,
  seq: number,
  ts: number,
  state = 'online',
): Publication {
  return {
    topic: gatewayTopic(layout.storeId, gatewayId, 'status'),
    payload: {
      v: 1,
      msgId: `${gatewayId}:${seq}`,
      storeId: layout.storeId,
      gatewayId,
      ts,
      state,
      version: '0.1.0',
      layoutVersion: layout.layoutVersion,
      configVersion: 0,
      startedAt: ts,
    },
  };
}

function zoneCells(layout: StoreLayout, zoneId: string, random: () => number) {
  const zone = layout.zones.find((z) => z.id === zoneId)!;
  const [cx, cy] = centroid(zone.polygon);
  const weight = WEIGHT[zoneId] ?? 1;
  const cells = [];
  for (let dx = -6; dx <= 6; dx++) {
    for (let dy = -4; dy <= 4; dy++) {
      const x = cx + dx * CELL;
      const y = cy + dy * CELL;
      if (x < 0 || y < 0 || !pointInPolygon([x, y], zone.polygon)) continue;
      const shoppers = Math.round(
        5 + weight * (6 + random() * 10) * (1 - (Math.abs(dx) + Math.abs(dy)) / 16),
      );
      cells.push({
        col: Math.floor(x / CELL),
        row: Math.floor(y / CELL),
        scale: 1,
        shoppers: Math.max(5, shoppers),
        dwellSeconds: shoppers * 12,
      });
    }
  }
  return cells;
}

function zoneStat(zoneId: string, random: () => number) {
  const weight = WEIGHT[zoneId] ?? 1;
  const visits = Math.max(5, Math.round(weight * (10 + random() * 10)));
  return {
    zoneId,
    visits,
    shoppers: visits,
    stops: Math.round(visits * 0.4),
    // Some come back: fewer first visits than entries.
    firstVisits: Math.round(visits * 0.7),
    dwell: { meanS: 30, p50S: 25, p90S: 60, maxS: 120 },
    peakOccupancy: Math.max(1, Math.round(visits / 4)),
  };
}
