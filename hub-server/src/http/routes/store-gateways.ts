// /api/v1/stores/{storeId}/gateways — one store's gateways; IT provisions their MQTT credentials
// (the password is shown once, only a hash is kept) and pushes their configuration.
import {
  type ConfigMessage,
  configMessageSchema,
  gatewayIdSchema,
  gatewaySettingsSchema,
  validate,
} from '@retail/contracts';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';
import type { AuthEnv } from '../../auth/auth-middleware.js';
import { generatePassword, hashPassword } from '../../broker/credentials.js';
import { usernameOf } from '../../broker/topic-acl.js';
import type { GatewayRow } from '../../storage/registry-store.js';
import { ALL_ROLES, allow, IT_ONLY, type RouteDoc } from '../api-docs.js';
import type { AppDeps } from '../app-deps.js';
import { fleetSummary, listFleet } from '../reads/fleet-reads.js';
import { parseJson, slugParam, storeIdParam } from '../validation.js';
import { fleetResponseSchema } from './gateways.js';

const listDoc = {
  method: 'get',
  path: '/api/v1/stores/{storeId}/gateways',
  summary: "The store's gateways with their status and latest metrics",
  tag: 'gateways',
  access: ALL_ROLES,
  response: fleetResponseSchema,
} satisfies RouteDoc;
const credentialsDoc = {
  method: 'post',
  path: '/api/v1/stores/{storeId}/gateways/{gatewayId}/credentials',
  summary: 'Provision a gateway: new MQTT credentials (replacing any earlier ones), shown once',
  tag: 'provisioning',
  access: IT_ONLY,
  okStatus: 201,
  response: z.object({
    storeId: z.string(),
    gatewayId: z.string(),
    username: z.string(),
    password: z.string(),
  }),
} satisfies RouteDoc;
const configDoc = {
  method: 'put',
  path: '/api/v1/stores/{storeId}/gateways/{gatewayId}/config',
  summary: "Push settings (and the store's layout) to a gateway as its retained config",
  tag: 'provisioning',
  access: IT_ONLY,
  okStatus: 202,
  body: z.strictObject({
    settings: gatewaySettingsSchema.prefault({}),
    includeLayout: z.boolean().default(true).describe("Send the store's current layout with it."),
  }),
  response: z.object({ storeId: z.string(), gatewayId: z.string(), configVersion: z.number().int() }),
  errors: [404, 503],
} satisfies RouteDoc;

const storeConfigDoc = {
  ...configDoc,
  path: '/api/v1/stores/{storeId}/gateways/config',
  summary: "Push settings (and the store's layout) to every provisioned gateway of the store",
  response: z.object({ gateways: z.array(configDoc.response) }),
  errors: [503],
} satisfies RouteDoc;
const updateBody = z.strictObject({
  version: z.string().min(1).max(40).describe('A version published with `hub-server sign-bundle --publish`.'),
});
const updateResponse = z.object({ version: z.string(), gatewayIds: z.array(z.string()) });
const updateStoreDoc = {
  method: 'post',
  path: '/api/v1/stores/{storeId}/gateways/update',
  summary:
    'Roll every gateway of the store to a signed bundle version (each verifies, switches, or rolls back)',
  tag: 'provisioning',
  access: IT_ONLY,
  okStatus: 202,
  body: updateBody,
  response: updateResponse,
  errors: [404, 503],
} satisfies RouteDoc;
const updateGatewayDoc = {
  ...updateStoreDoc,
  path: '/api/v1/stores/{storeId}/gateways/{gatewayId}/update',
  summary: 'Roll one gateway to a signed bundle version',
} satisfies RouteDoc;

export const storeGatewaysDocs: RouteDoc[] = [
  listDoc,
  credentialsDoc,
  configDoc,
  storeConfigDoc,
  updateStoreDoc,
  updateGatewayDoc,
];

export function storeGatewaysRoutes(d: AppDeps): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();
  /** Versions pushed by this process, so two pushes before the gateway reports never share one. */
  const pushed = new Map<string, number>();
  const gatewayIdOf = (c: Parameters<typeof slugParam>[0]) => slugParam(c, 'gatewayId', gatewayIdSchema);

  app.get('/', allow(listDoc), async (c) => {
    const storeId = storeIdParam(c);
    const gateways = await listFleet(d.repo, [storeId], storeId);
    return c.json({ gateways, summary: fleetSummary(gateways) });
  });

  const update = async (c: Parameters<typeof storeIdParam>[0], gatewayId?: string) => {
    const storeId = storeIdParam(c);
    const { version } = await parseJson(c, updateBody);
    if (!d.desiredVersion) throw new HTTPException(503, { message: 'updates are not available on this hub' });
    if (gatewayId && !(await d.repo.registry.get(storeId, gatewayId)))
      throw new HTTPException(404, { message: `no gateway "${gatewayId}" in store "${storeId}"` });
    let gatewayIds: string[];
    try {
      gatewayIds = await d.desiredVersion({ storeId, ...(gatewayId && { gatewayId }) }, version);
    } catch (err) {
      throw new HTTPException(404, { message: (err as Error).message });
    }
    d.logger.info({ storeId, gatewayIds, version }, 'update sent');
    return c.json({ version, gatewayIds }, 202);
  };
  // Registered before '/:gatewayId/…' so "update" is never read as a gateway id.
  app.post('/update', allow(updateStoreDoc), (c) => update(c));
  app.post('/:gatewayId/update', allow(updateGatewayDoc), (c) => update(c, gatewayIdOf(c)));

  app.post('/:gatewayId/credentials', allow(credentialsDoc), async (c) => {
    const storeId = storeIdParam(c);
    const gatewayId = gatewayIdOf(c);
    const password = generatePassword();
    await d.repo.registry.setCredentials(storeId, gatewayId, await hashPassword(password), d.now());
    d.logger.info({ storeId, gatewayId }, 'gateway provisioned over the API');
    const username = usernameOf({ role: 'gateway', storeId, gatewayId });
    return c.json({ storeId, gatewayId, username, password }, 201);
  });

  type ConfigBody = z.output<typeof configDoc.body>;
  const pushConfig = async (storeId: string, gateway: GatewayRow, body: ConfigBody) => {
    if (!d.gatewayControl)
      throw new HTTPException(503, { message: 'config push is not available on this hub' });
    const { gatewayId } = gateway;
    const layout = body.includeLayout ? await d.repo.reference.latestLayout(storeId) : undefined;
    const key = `${storeId}/${gatewayId}`;
    const configVersion = Math.max(Number(gateway.configVersion ?? 0), pushed.get(key) ?? 0) + 1;
    const message = validate(configMessageSchema, {
      v: 1,
      msgId: `hub:${configVersion}`,
      storeId,
      gatewayId,
      ts: d.now(),
      configVersion,
      settings: body.settings,
      ...(layout && { layout }),
    } satisfies ConfigMessage);
    if (!message.ok) throw new Error(`config message invalid: ${JSON.stringify(message.issues)}`);
    await d.gatewayControl.pushConfig(message.value);
    pushed.set(key, configVersion);
    d.logger.info({ storeId, gatewayId, configVersion }, 'config pushed');
    return { storeId, gatewayId, configVersion };
  };

  // Registered before '/:gatewayId/…' so "config" is never read as a gateway id.
  app.put('/config', allow(storeConfigDoc), async (c) => {
    const storeId = storeIdParam(c);
    const body = await parseJson(c, configDoc.body);
    const gateways = (await d.repo.registry.list(storeId)).filter((g) => g.passwordHash);
    const pushedTo = [];
    for (const g of gateways) pushedTo.push(await pushConfig(storeId, g, body));
    return c.json({ gateways: pushedTo }, 202);
  });

  app.put('/:gatewayId/config', allow(configDoc), async (c) => {
    const storeId = storeIdParam(c);
    const gatewayId = gatewayIdOf(c);
    const body = await parseJson(c, configDoc.body);
    const gateway = await d.repo.registry.get(storeId, gatewayId);
    if (!gateway)
      throw new HTTPException(404, { message: `no gateway "${gatewayId}" in store "${storeId}"` });
    return c.json(await pushConfig(storeId, gateway, body), 202);
  });

  return app;
}
