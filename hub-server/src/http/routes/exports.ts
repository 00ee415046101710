// /api/v1/stores/{storeId}/exports/… — the dashboard's figures as files: zone KPIs, entrance counts,
// heatmap cells and basket rules as CSV, and the heatmap drawn over the floor plan as PNG.
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';
import type { AuthEnv } from '../../auth/auth-middleware.js';
import { rulesQuerySchema } from '../analytics-port.js';
import { ALL_ROLES, ANALYSTS, allow, type RouteDoc } from '../api-docs.js';
import type { AppDeps } from '../app-deps.js';
import { toCsv } from '../exports/csv.js';
import { renderHeatmapPng } from '../exports/heatmap-png.js';
import { entranceFigures, heatmapFigures, zoneFigures } from '../store-figures.js';
import { parseQuery, storeIdParam } from '../validation.js';
import { withAnalytics } from './analytics-guard.js';
import { entrancesQuerySchema } from './entrances.js';
import { heatmapQuerySchema } from './heatmap.js';
import { zonesQuerySchema } from './zones.js';

const doc = (file: string, summary: string, query: z.ZodType, responseType: string): RouteDoc => ({
  method: 'get',
  path: `/api/v1/stores/{storeId}/exports/${file}`,
  summary,
  tag: 'exports',
  access: ALL_ROLES,
  query,
  responseType,
  ...(file.endsWith('.png') && { errors: [404] }),
});

const pngQuerySchema = heatmapQuerySchema.safeExtend({
  ppm: z.coerce.number().int().min(4).max(64).default(24).describe('Pixels per metre of floor.'),
});

const zonesCsv = doc('zones.csv', 'Zone KPIs as CSV', zonesQuerySchema, 'text/csv');
const entrancesCsv = doc(
  'entrances.csv',
  'Entrance counts per hour or day as CSV',
  entrancesQuerySchema,
  'text/csv',
);
const heatmapCsv = doc('heatmap.csv', 'Heatmap cells (metres) as CSV', heatmapQuerySchema, 'text/csv');
const heatmapPng = doc('heatmap.png', 'Heatmap over the floor plan as PNG', pngQuerySchema, 'image/png');
const rulesCsv: RouteDoc = {
  ...doc('rules.csv', 'Basket rules as CSV, filtered as the rules endpoint', rulesQuerySchema, 'text/csv'),
  access: ANALYSTS,
  errors: [503],
};

const RULE_COLUMNS = [
  'if_bought',
  'also_bought',
  'if_bought_names',
  'also_bought_names',
  'support',
  'confidence',
  'lift',
  'improvement',
  'p_value',
  'baskets',
];

const ZONE_COLUMNS = [
  'zone_id',
  'name',
  'kind',
  'visits',
  'stops',
  'stop_rate',
  'avg_dwell_s',
  'max_dwell_s',
  'peak_occupancy',
  'reached',
  'exposure',
  'exposure_basis',
  'conversion',
  'temperature',
  'camera_coverage',
];

export const exportsDocs: RouteDoc[] = [zonesCsv, entrancesCsv, heatmapCsv, heatmapPng, rulesCsv];

export function exportsRoutes(d: AppDeps): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();
  const file = (name: string, type: string) => ({
    'content-type': type,
    'content-disposition': `attachment; filename="${name}"`,
  });

  app.get('/zones.csv', allow(zonesCsv), async (c) => {
    const storeId = storeIdParam(c);
    const q = parseQuery(c, zonesQuerySchema);
    const { zones } = await zoneFigures(d, storeId, q, await d.repo.reference.latestLayout(storeId));
    const rows = zones.map((z) => [
      z.zoneId,
      z.name,
      z.kind,
      z.visits,
      z.stops,
      z.stopRate,
      z.avgDwellS,
      z.dwellMaxS,
      z.peakOccupancy,
      z.reached,
      z.exposure,
      z.exposureBasis,
      z.conversion,
      z.temperature,
      z.coverage?.seen ?? null,
    ]);
    const csv = toCsv(ZONE_COLUMNS, rows);
    return c.body(csv, 200, file(`${storeId}-zones.csv`, 'text/csv; charset=utf-8'));
  });

  app.get('/entrances.csv', allow(entrancesCsv), async (c) => {
    const storeId = storeIdParam(c);
    const q = parseQuery(c, entrancesQuerySchema);
    const { series } = await entranceFigures(d, storeId, q, undefined);
    const rows = series.map((p) => [new Date(p.start).toISOString(), p.in, p.out]);
    const csv = toCsv(['period_start', 'in', 'out'], rows);
    return c.body(csv, 200, file(`${storeId}-entrances.csv`, 'text/csv; charset=utf-8'));
  });

  app.get('/heatmap.csv', allow(heatmapCsv), async (c) => {
    const storeId = storeIdParam(c);
    const q = parseQuery(c, heatmapQuerySchema);
    const { cells } = await heatmapFigures(d, storeId, q);
    const rows = cells.map((h) => [h.x, h.y, h.size, h.shopperWindows, h.dwellSeconds]);
    const csv = toCsv(['x_m', 'y_m', 'size_m', 'shopper_windows', 'dwell_s'], rows);
    return c.body(csv, 200, file(`${storeId}-heatmap.csv`, 'text/csv; charset=utf-8'));
  });

  app.get('/heatmap.png', allow(heatmapPng), async (c) => {
    const storeId = storeIdParam(c);
    const q = parseQuery(c, pngQuerySchema);
    const layout = await d.repo.reference.latestLayout(storeId);
    if (!layout) throw new HTTPException(404, { message: `no layout for store "${storeId}"` });
    const { cells } = await heatmapFigures(d, storeId, q);
    const png = await renderHeatmapPng(layout, cells, { pixelsPerMetre: q.ppm });
    return c.body(new Uint8Array(png), 200, file(`${storeId}-heatmap.png`, 'image/png'));
  });

  app.get('/rules.csv', allow(rulesCsv), async (c) => {
    const storeId = storeIdParam(c);
    const q = parseQuery(c, rulesQuerySchema);
    const { rules, names } = await withAnalytics(d, (a) => a.rules(storeId, q));
    const items = (list: string[]) => list.join(' + ');
    const named = (list: string[]) => (names ? list.map((i) => names[i] ?? i).join(' + ') : null);
    const rows = rules.map((r) => [
      items(r.antecedent),
      items(r.consequent),
      named(r.antecedent),
      named(r.consequent),
      r.support,
      r.confidence,
      r.lift,
      r.improvement,
      r.pValue,
      r.count,
    ]);
    const csv = toCsv(RULE_COLUMNS, rows);
    return c.body(csv, 200, file(`${storeId}-rules.csv`, 'text/csv; charset=utf-8'));
  });

  return app;
}
