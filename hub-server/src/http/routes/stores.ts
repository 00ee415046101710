// /api/v1/stores — the stores a user may see, one store, and its layout (read by everyone with
// access to the store; replaced by IT).
import { coverageWarnings, storeLayoutSchema } from '@retail/contracts';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';
import { visibleStores } from '../../auth/access.js';
import { type AuthEnv, principalOf } from '../../auth/auth-middleware.js';
import { ALL_ROLES, allow, IT_ONLY, type RouteDoc } from '../api-docs.js';
import type { AppDeps } from '../app-deps.js';
import { listStores } from '../reads/store-reads.js';
import { fieldError, parseJson, storeIdParam } from '../validation.js';

const storeSchema = z.object({
  storeId: z.string(),
  name: z.string(),
  timezone: z.string(),
  layoutVersion: z.number().int().nullable(),
});

const listDoc = {
  method: 'get',
  path: '/api/v1/stores',
  summary: 'Stores the caller may see',
  tag: 'stores',
  access: ALL_ROLES,
  response: z.object({ stores: z.array(storeSchema) }),
} satisfies RouteDoc;
const oneDoc = {
  method: 'get',
  path: '/api/v1/stores/{storeId}',
  summary: 'One store',
  tag: 'stores',
  access: ALL_ROLES,
  response: z.object({ store: storeSchema }),
  errors: [404],
} satisfies RouteDoc;
const layoutDoc = {
  method: 'get',
  path: '/api/v1/stores/{storeId}/layout',
  summary: "The store's current layout (floor, zones, fixtures, entrances)",
  tag: 'stores',
  access: ALL_ROLES,
  response: storeLayoutSchema,
  errors: [404],
} satisfies RouteDoc;
const putLayoutDoc = {
  method: 'put',
  path: '/api/v1/stores/{storeId}/layout',
  summary: 'Import a layout version (kept beside earlier ones)',
  tag: 'stores',
  access: IT_ONLY,
  body: storeLayoutSchema,
  response: z.object({
    storeId: z.string(),
    layoutVersion: z.number().int(),
    inserted: z.boolean(),
    warnings: z
      .array(z.string())
      .describe(
        'Entrances the cameras cannot fully count (no camera sees the line, or only one side of it), then shopper zones no camera sees.',
      ),
  }),
} satisfies RouteDoc;

export const storesDocs: RouteDoc[] = [listDoc, oneDoc, layoutDoc, putLayoutDoc];

export function storesRoutes(d: AppDeps): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();

  app.get('/', allow(listDoc), async (c) =>
    c.json({ stores: await listStores(d.repo.db, visibleStores(principalOf(c))) }),
  );

  app.get('/:storeId', allow(oneDoc), async (c) => {
    const storeId = storeIdParam(c);
    const store = (await listStores(d.repo.db, [storeId]))[0];
    if (!store) throw new HTTPException(404, { message: `no store "${storeId}"` });
    return c.json({ store });
  });

  app.get('/:storeId/layout', allow(layoutDoc), async (c) => {
    const storeId = storeIdParam(c);
    const layout = await d.repo.reference.latestLayout(storeId);
    if (!layout) throw new HTTPException(404, { message: `no layout for store "${storeId}"` });
    return c.json(layout);
  });

  app.put('/:storeId/layout', allow(putLayoutDoc), async (c) => {
    const storeId = storeIdParam(c);
    const layout = await parseJson(c, putLayoutDoc.body);
    if (layout.storeId !== storeId)
      throw fieldError(400, 'invalid request body', 'storeId', `must be "${storeId}", the store in the path`);
    const r = await d.repo.reference.saveLayout(layout, d.now());
    return c.json({
      storeId,
      layoutVersion: layout.layoutVersion,
      inserted: r.inserted,
      warnings: coverageWarnings(layout),
    });
  });

  return app;
}
