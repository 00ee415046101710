// /api/v1/stores/{storeId}/heatmap — shoppers per floor cell over a range, at a chosen resolution.
import { Hono } from 'hono';
import { z } from 'zod';
import type { AuthEnv } from '../../auth/auth-middleware.js';
import { ALL_ROLES, allow, type RouteDoc } from '../api-docs.js';
import type { AppDeps } from '../app-deps.js';
import { DAY_MS, periodField, rangeQuery } from '../schemas/range.js';
import { heatmapFigures } from '../store-figures.js';
import { parseQuery, storeIdParam } from '../validation.js';

export const heatmapQuerySchema = rangeQuery({
  period: periodField,
  resolution: z.coerce
    .number()
    .min(0.1)
    .max(20)
    .optional()
    .describe('Cell edge in metres; stored cells are summed into this grid (never made finer).'),
}).superRefine((q, ctx) => {
  if (q.period === 'window' && q.to - q.from > DAY_MS)
    ctx.addIssue({
      code: 'custom',
      path: ['to'],
      message: 'raw windows are served for at most one day; use period=hour or day',
    });
});

export const heatCellSchema = z.object({
  x: z.number(),
  y: z.number(),
  size: z.number(),
  shopperWindows: z.number(),
  dwellSeconds: z.number(),
});

const heatmapDoc = {
  method: 'get',
  path: '/api/v1/stores/{storeId}/heatmap',
  summary: 'Heatmap cells in floor metres over a time range',
  tag: 'heatmaps',
  access: ALL_ROLES,
  query: heatmapQuerySchema,
  response: z.object({
    storeId: z.string(),
    from: z.number(),
    to: z.number(),
    period: z.string(),
    maxDensity: z.number().describe('Largest shopper-windows per m² of any cell.'),
    cells: z.array(heatCellSchema),
  }),
} satisfies RouteDoc;

export const heatmapDocs: RouteDoc[] = [heatmapDoc];

export function heatmapRoutes(d: AppDeps): Hono<AuthEnv> {
  return new Hono<AuthEnv>().get('/', allow(heatmapDoc), async (c) => {
    const storeId = storeIdParam(c);
    const q = parseQuery(c, heatmapDoc.query);
    const figures = await heatmapFigures(d, storeId, q);
    return c.json({ storeId, ...q, ...figures });
  });
}
