// /api/v1/gateways — every gateway the hub knows, with its latest status (online/offline from
// retained status and last will, version, config and layout versions, last seen).
import { slugSchema, validate } from '@retail/contracts';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';
import type { HubRepository } from '../../storage/repository.js';

const querySchema = z.strictObject({ storeId: slugSchema.optional() });

export function gatewaysRoutes(repo: HubRepository): Hono {
  return new Hono().get('/', async (c) => {
    const q = validate(querySchema, c.req.query());
    if (!q.ok) throw new HTTPException(400, { message: 'invalid query', cause: q.issues });
    const rows = (await repo.registry.list(q.value.storeId)).filter((g) => g.gatewayId !== 'pos');
    const gateways = rows.map(({ passwordHash, ...g }) => ({ ...g, provisioned: passwordHash !== null }));
    const summary = { online: 0, offline: 0, degraded: 0, unknown: 0 };
    for (const g of gateways) summary[(g.state as keyof typeof summary | null) ?? 'unknown']++;
    return c.json({ gateways, summary });
  });
}
