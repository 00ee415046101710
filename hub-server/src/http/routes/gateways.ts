// /api/v1/gateways — the fleet as the hub sees it.
import { slugSchema, validate } from '@retail/contracts';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';
import type { FleetState } from '../../fleet/fleet-state.js';

const querySchema = z.strictObject({ storeId: slugSchema.optional() });

export function gatewaysRoutes(fleet: FleetState): Hono {
  return new Hono().get('/', (c) => {
    const q = validate(querySchema, c.req.query());
    if (!q.ok) throw new HTTPException(400, { message: 'invalid query', cause: q.issues });
    return c.json({ gateways: fleet.list(q.value.storeId), summary: fleet.summary() });
  });
}
