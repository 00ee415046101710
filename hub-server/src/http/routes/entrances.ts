// /api/v1/stores/{storeId}/entrances — people in and out per entrance, and over time.
import { COVERAGE_LEVELS } from '@retail/contracts';
import { Hono } from 'hono';
import { z } from 'zod';
import type { AuthEnv } from '../../auth/auth-middleware.js';
import { ALL_ROLES, allow, type RouteDoc } from '../api-docs.js';
import type { AppDeps } from '../app-deps.js';
import { rangeQuery } from '../schemas/range.js';
import { entranceFigures } from '../store-figures.js';
import { parseQuery, storeIdParam } from '../validation.js';

export const entrancesQuerySchema = rangeQuery({
  bucket: z.enum(['hour', 'day']).default('hour').describe('Grain of the series (and of the roll-ups read).'),
});

const entrancesDoc = {
  method: 'get',
  path: '/api/v1/stores/{storeId}/entrances',
  summary: 'Entrance counts in/out: totals per entrance and a series per hour or day',
  tag: 'entrances',
  access: ALL_ROLES,
  query: entrancesQuerySchema,
  response: z.object({
    storeId: z.string(),
    totals: z.array(z.object({ entranceId: z.string(), name: z.string(), in: z.number(), out: z.number() })),
    series: z.array(z.object({ start: z.number(), in: z.number(), out: z.number() })),
    coverage: z
      .array(
        z.object({
          entranceId: z.string(),
          name: z.string(),
          level: z.enum(COVERAGE_LEVELS),
          seen: z.number().describe('Share of the counting line where a camera sees both sides of it (0–1).'),
          cameras: z.array(z.string()),
        }),
      )
      .describe(
        'Every entrance of the layout in force and how much of its counting line the cameras watch: an entrance at `none` counts nobody, and `partial` ones read low.',
      ),
  }),
} satisfies RouteDoc;

export const entrancesDocs: RouteDoc[] = [entrancesDoc];

export function entrancesRoutes(d: AppDeps): Hono<AuthEnv> {
  return new Hono<AuthEnv>().get('/', allow(entrancesDoc), async (c) => {
    const storeId = storeIdParam(c);
    const q = parseQuery(c, entrancesDoc.query);
    const layout = await d.repo.reference.latestLayout(storeId);
    return c.json({ storeId, ...q, ...(await entranceFigures(d, storeId, q, layout)) });
  });
}
