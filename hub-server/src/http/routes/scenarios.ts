// /api/v1/stores/{storeId}/scenarios — a proposed layout change (move a fixture, swap two, put a
// SKU elsewhere) replayed against observed paths: the counterfactual exposure change per item.
import type { StoreLayout } from '@retail/contracts';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { AuthEnv } from '../../auth/auth-middleware.js';
import { type LayoutChangeProposal, scenarioBodySchema, scenarioResultSchema } from '../analytics-port.js';
import { ANALYSTS, allow, type RouteDoc } from '../api-docs.js';
import type { AppDeps } from '../app-deps.js';
import { parseJson, storeIdParam } from '../validation.js';
import { withAnalytics } from './analytics-guard.js';

const scenarioDoc = {
  method: 'post',
  path: '/api/v1/stores/{storeId}/scenarios',
  summary: 'Counterfactual exposure of a proposed layout change',
  tag: 'analytics',
  access: ANALYSTS,
  body: scenarioBodySchema,
  response: scenarioResultSchema,
  errors: [404, 503],
} satisfies RouteDoc;

export const scenariosDocs: RouteDoc[] = [scenarioDoc];

export function scenariosRoutes(d: AppDeps): Hono<AuthEnv> {
  return new Hono<AuthEnv>().post('/', allow(scenarioDoc), async (c) => {
    const storeId = storeIdParam(c);
    const proposal = await parseJson(c, scenarioDoc.body);
    const layout = await d.repo.reference.latestLayout(storeId);
    if (!layout) throw new HTTPException(404, { message: `no layout for store "${storeId}"` });
    const issues = proposal.changes.flatMap((change, i) => unknownIds(layout, change, `changes[${i}]`));
    if (issues.length > 0) throw new HTTPException(400, { message: 'invalid request body', cause: issues });
    return c.json(await withAnalytics(d, (a) => a.scenario(storeId, proposal)));
  });
}

/** The fixture and zone ids a change names that the store's layout does not have. */
export function unknownIds(layout: StoreLayout, change: LayoutChangeProposal, at: string) {
  const fixtures = new Set(layout.fixtures.map((f) => f.id));
  const zones = new Set(layout.zones.map((z) => z.id));
  const checks: [string, string | undefined, Set<string>][] =
    change.kind === 'move-fixture'
      ? [
          ['fixtureId', change.fixtureId, fixtures],
          ['toZoneId', change.toZoneId, zones],
        ]
      : change.kind === 'swap-fixtures'
        ? [
            ['fixtureIds[0]', change.fixtureIds[0], fixtures],
            ['fixtureIds[1]', change.fixtureIds[1], fixtures],
          ]
        : [
            ['toFixtureId', change.toFixtureId, fixtures],
            ['fromFixtureId', change.fromFixtureId, fixtures],
          ];
  return checks
    .filter(([, id, known]) => id !== undefined && !known.has(id))
    .map(([field, id]) => ({ path: `${at}.${field}`, message: `"${id}" is not in the store's layout` }));
}
