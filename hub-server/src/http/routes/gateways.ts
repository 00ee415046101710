// /api/v1/gateways — the fleet: every gateway the caller's stores have, with online/offline (from
// the retained birth message and last will), last seen, version, fps per camera and outbox depth.
import { cameraFloorFitSchema, observationMetricsSchema, slugSchema } from '@retail/contracts';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';
import { canAccessStore, visibleStores } from '../../auth/access.js';
import { type AuthEnv, principalOf } from '../../auth/auth-middleware.js';
import { ALL_ROLES, allow, type RouteDoc } from '../api-docs.js';
import type { AppDeps } from '../app-deps.js';
import { fleetSummary, listFleet } from '../reads/fleet-reads.js';
import { parseQuery } from '../validation.js';

export const fleetGatewaySchema = z.object({
  storeId: z.string(),
  gatewayId: z.string(),
  provisioned: z.boolean(),
  state: z.string().nullable(),
  reason: z.string().nullable(),
  version: z.string().nullable(),
  layoutVersion: z.number().nullable(),
  configVersion: z.number().nullable(),
  startedAt: z.number().nullable(),
  lastSeen: z.number().nullable(),
  metrics: z
    .object({
      windowEnd: z.number(),
      outboxDepth: z.number(),
      outboxDropped: z.number(),
      bytesSent: z.number(),
      cpuTempC: z.number().nullable(),
      cameras: z.array(
        z.object({
          cameraId: z.string(),
          fps: z.number(),
          online: z.boolean(),
          framesDropped: z.number(),
          detectorLatencyMs: z.object({ p50: z.number(), p95: z.number() }),
          /** Positions this camera placed in the latest window, and how many fell off the floor plan. */
          floor: cameraFloorFitSchema.nullable(),
        }),
      ),
      /** The latest window's track positions: received, staff, off the floor plan, otherwise ignored. */
      observations: observationMetricsSchema.nullable(),
    })
    .nullable(),
});
export const fleetResponseSchema = z.object({
  gateways: z.array(fleetGatewaySchema),
  summary: z.record(z.string(), z.number()),
});

const fleetDoc = {
  method: 'get',
  path: '/api/v1/gateways',
  summary: 'Fleet status of the gateways in the stores the caller may see',
  tag: 'gateways',
  access: ALL_ROLES,
  query: z.strictObject({ storeId: slugSchema.optional() }),
  response: fleetResponseSchema,
} satisfies RouteDoc;

export const gatewaysDocs: RouteDoc[] = [fleetDoc];

export function gatewaysRoutes(d: AppDeps): Hono<AuthEnv> {
  return new Hono<AuthEnv>().get('/', allow(fleetDoc), async (c) => {
    const q = parseQuery(c, fleetDoc.query);
    const principal = principalOf(c);
    if (q.storeId !== undefined && !canAccessStore(principal, q.storeId))
      throw new HTTPException(403, { message: `no access to store "${q.storeId}"` });
    const gateways = await listFleet(d.repo, visibleStores(principal), q.storeId);
    return c.json({ gateways, summary: fleetSummary(gateways) });
  });
}
