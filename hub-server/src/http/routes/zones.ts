// /api/v1/stores/{storeId}/zones — zone KPIs over a range: traffic, dwell, exposure, conversion,
// hot and cold zones, and how much of each zone the cameras see.
import { COVERAGE_LEVELS } from '@retail/contracts';
import { Hono } from 'hono';
import { z } from 'zod';
import type { AuthEnv } from '../../auth/auth-middleware.js';
import { ALL_ROLES, allow, type RouteDoc } from '../api-docs.js';
import type { AppDeps } from '../app-deps.js';
import { rangeQuery, rollupPeriodField } from '../schemas/range.js';
import { zoneFigures } from '../store-figures.js';
import { parseQuery, storeIdParam } from '../validation.js';

export const zonesQuerySchema = rangeQuery({ period: rollupPeriodField });

const nullableNumber = z.number().nullable();
export const zoneKpiSchema = z.object({
  zoneId: z.string(),
  name: z.string(),
  kind: z.string().nullable(),
  areaM2: nullableNumber,
  visits: z.number(),
  stops: z.number(),
  stopRate: nullableNumber,
  avgDwellS: nullableNumber,
  dwellMaxS: z.number(),
  peakOccupancy: z.number(),
  reached: nullableNumber.describe(
    'Distinct shoppers who entered the zone (each counted once, however often they came back); null when some window of the range came from a gateway that does not count them.',
  ),
  exposure: nullableNumber.describe(
    'Share of the shoppers coming in that the zone reached (0–1): reached ÷ entries, or visits ÷ entries where `reached` is null (an overestimate); null without entrance counts.',
  ),
  exposureBasis: z.enum(['first-visits', 'visits']).nullable().describe('What `exposure` was computed from.'),
  conversion: nullableNumber,
  visitsPerM2: nullableNumber,
  temperature: z
    .enum(['hot', 'cold', 'normal'])
    .nullable()
    .describe(
      'Shopper zones the cameras see at least half of, against the median traffic per m² of those; else null.',
    ),
  coverage: z
    .object({
      level: z.enum(COVERAGE_LEVELS),
      seen: z.number().describe("Share of the zone's standing floor some camera sees (0–1)."),
      cameras: z.array(z.string()),
      sharedByGateways: z
        .number()
        .describe(
          "Share of the zone's standing floor that cameras of more than one gateway see (0–seen): each gateway counts a shopper there.",
        ),
    })
    .nullable()
    .describe(
      'From the layout in force: a zone at `none` has no traffic figures, and `partial` ones read low.',
    ),
});

const zonesDoc = {
  method: 'get',
  path: '/api/v1/stores/{storeId}/zones',
  summary: 'Zone KPIs (traffic, dwell, exposure, conversion, hot/cold)',
  tag: 'zones',
  access: ALL_ROLES,
  query: zonesQuerySchema,
  response: z.object({
    storeId: z.string(),
    entries: z.number(),
    conversionAvailable: z.boolean(),
    zones: z.array(zoneKpiSchema),
  }),
} satisfies RouteDoc;

export const zonesDocs: RouteDoc[] = [zonesDoc];

export function zonesRoutes(d: AppDeps): Hono<AuthEnv> {
  return new Hono<AuthEnv>().get('/', allow(zonesDoc), async (c) => {
    const storeId = storeIdParam(c);
    const q = parseQuery(c, zonesDoc.query);
    const layout = await d.repo.reference.latestLayout(storeId);
    return c.json({ storeId, ...q, ...(await zoneFigures(d, storeId, q, layout)) });
  });
}
