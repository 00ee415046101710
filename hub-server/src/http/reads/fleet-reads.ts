// The fleet as IT sees it: every gateway with its status (online/offline from the retained birth
// message and last will), version, last seen, and its latest metrics window (per camera: fps, detector
// latency, frames skipped, positions off the floor plan; outbox depth). Plain SQL both backends run; a
// candidate to move into storage/.
import type { CameraFloorFit, ObservationMetrics } from '@retail/contracts';
import type { StoreScope } from '../../auth/access.js';
import type { HubRepository } from '../../storage/repository.js';

export interface CameraHealth {
  cameraId: string;
  fps: number;
  online: boolean;
  framesDropped: number;
  detectorLatencyMs: { p50: number; p95: number };
  /** Positions the camera placed in the latest window and how many fell off the floor plan; null when not sent. */
  floor: CameraFloorFit | null;
}

export interface FleetGateway {
  storeId: string;
  gatewayId: string;
  provisioned: boolean;
  state: string | null;
  reason: string | null;
  version: string | null;
  layoutVersion: number | null;
  configVersion: number | null;
  startedAt: number | null;
  /** Last heard from: its latest status, or the end of its latest metrics window if later. */
  lastSeen: number | null;
  metrics: {
    windowEnd: number;
    outboxDepth: number;
    outboxDropped: number;
    bytesSent: number;
    cpuTempC: number | null;
    cameras: CameraHealth[];
    /** What became of the window's track positions; null when the gateway sent none (no layout yet). */
    observations: ObservationMetrics | null;
  } | null;
}

interface MetricsRow {
  storeId: string;
  gatewayId: string;
  windowEnd: number;
  outboxDepth: number;
  outboxDropped: number;
  bytesSent: number;
  cpuTempC: number | null;
  cameras: string;
  observations: string | null;
}

export async function listFleet(
  repo: HubRepository,
  scope: StoreScope,
  storeId?: string,
): Promise<FleetGateway[]> {
  const rows = (await repo.registry.list(storeId)).filter(
    (g) => g.gatewayId !== 'pos' && (scope === 'all' || scope.includes(g.storeId)),
  );
  const latest = await repo.db.all<MetricsRow>(
    `SELECT m.store_id AS "storeId", m.gateway_id AS "gatewayId", m.window_end AS "windowEnd",
       m.outbox_depth AS "outboxDepth", m.outbox_dropped AS "outboxDropped", m.bytes_sent AS "bytesSent",
       m.cpu_temp_c AS "cpuTempC", m.cameras, m.observations
     FROM gateway_metrics m
     JOIN (SELECT store_id, gateway_id, MAX(window_start) AS ws FROM gateway_metrics GROUP BY store_id, gateway_id) l
       ON m.store_id = l.store_id AND m.gateway_id = l.gateway_id AND m.window_start = l.ws`,
  );
  const byKey = new Map(latest.map((m) => [`${m.storeId}/${m.gatewayId}`, m]));
  return rows.map(({ passwordHash, ...g }) => {
    const m = byKey.get(`${g.storeId}/${g.gatewayId}`);
    const heard = [g.lastSeen, m ? Number(m.windowEnd) : null].filter((t): t is number => t !== null);
    return {
      ...g,
      lastSeen: heard.length > 0 ? Math.max(...heard) : null,
      provisioned: passwordHash !== null,
      metrics: m
        ? {
            windowEnd: Number(m.windowEnd),
            outboxDepth: Number(m.outboxDepth),
            outboxDropped: Number(m.outboxDropped),
            bytesSent: Number(m.bytesSent),
            cpuTempC: m.cpuTempC === null ? null : Number(m.cpuTempC),
            cameras: (
              JSON.parse(m.cameras) as (Omit<CameraHealth, 'floor'> & { floor?: CameraFloorFit })[]
            ).map((c) => ({
              cameraId: c.cameraId,
              fps: c.fps,
              online: c.online,
              framesDropped: c.framesDropped,
              detectorLatencyMs: c.detectorLatencyMs,
              floor: c.floor ?? null,
            })),
            observations: m.observations === null ? null : (JSON.parse(m.observations) as ObservationMetrics),
          }
        : null,
    };
  });
}

export function fleetSummary(gateways: readonly FleetGateway[]) {
  const summary = { online: 0, offline: 0, degraded: 0, unknown: 0 };
  for (const g of gateways) {
    const state = g.state as keyof typeof summary | null;
    summary[state && state in summary ? state : 'unknown']++;
  }
  return summary;
}
