// Gateway provisioning over the API. IT provisions a gateway — new MQTT credentials, and a one-time
// enrolment code (with its QR) the gateway exchanges for its provisioning file — or revokes it.
// The exchange, POST /api/v1/enrol, is public: the code is the credential, single use, expiring,
// and a gateway's open codes die after a few wrong guesses.
import { gatewayIdSchema } from '@retail/contracts';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';
import type { AuthEnv } from '../../auth/auth-middleware.js';
import type { Logger } from '../../logger.js';
import { formatCode } from '../../provisioning/enrolment-code.js';
import { qrDataUrl } from '../../provisioning/enrolment-qr.js';
import type { ScryptCost } from '../../provisioning/enrolment-seal.js';
import type { RedeemFailure } from '../../provisioning/enrolment-service.js';
import { enrolmentService, provisionGateway, revokeGateway } from '../../provisioning/provision-gateway.js';
import type { HubRepository } from '../../storage/repository.js';
import { allow, IT_ONLY, type RouteDoc } from '../api-docs.js';
import { parseJson, slugParam, storeIdParam } from '../validation.js';

export interface ProvisioningRouteDeps {
  repo: HubRepository;
  logger: Logger;
  now: () => number;
  /** The broker URL gateways should use, given the URL the admin reached the API at. */
  gatewayMqttUrl: (requestUrl: URL) => string;
  /** The broker's CA (PEM), when it serves TLS from a private CA. */
  caPem?: string;
  /** Closes a gateway's live broker sessions (the embedded broker); returns how many. */
  disconnect?: (storeId: string, gatewayId: string) => number;
  /** scrypt cost of enrolment codes (tests pass a cheap one). */
  sealCost?: ScryptCost;
}

const mqttUrl = z
  .string()
  .regex(/^mqtts?:\/\/[^\s/]+(?::\d+)?\/?$/, 'must be mqtt://host:port or mqtts://host:port');

const provisionDoc = {
  method: 'post',
  path: '/api/v1/stores/{storeId}/gateways/{gatewayId}/provision',
  summary:
    'Provision a gateway: new MQTT credentials (replacing earlier ones) and a one-time enrolment code, with its QR, for its provisioning file',
  tag: 'provisioning',
  access: IT_ONLY,
  okStatus: 201,
  body: z.strictObject({
    mqttUrls: z
      .array(mqttUrl)
      .min(1)
      .max(4)
      .optional()
      .describe(
        'Broker URLs for the gateway, first preferred (default: this hub’s broker, at the host you called).',
      ),
    httpUrl: z
      .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' })
      .optional()
      .describe('Where the gateway enrols (default: the origin you called).'),
    ttlMinutes: z.int().min(1).max(10_080).default(60).describe('How long the code works.'),
  }),
  response: z.object({
    storeId: z.string(),
    gatewayId: z.string(),
    username: z.string(),
    code: z.string().describe('Shown once, as XXXX-XXXX.'),
    expiresAt: z.string().describe('ISO 8601.'),
    link: z.string().describe('`retail-enrol:<httpUrl>#<gatewayId>:<code>`, what the QR holds.'),
    qr: z.string().describe('The link as a QR code, a PNG data URL.'),
    cameras: z.array(z.object({ id: z.string(), mounting: z.string(), source: z.string().optional() })),
    scanners: z.array(z.object({ id: z.string() })),
    notes: z.array(z.string()),
  }),
} satisfies RouteDoc;

const revokeDoc = {
  method: 'delete',
  path: '/api/v1/stores/{storeId}/gateways/{gatewayId}/credentials',
  summary: 'Revoke a gateway: remove its MQTT credentials and open enrolment codes, close its broker session',
  tag: 'provisioning',
  access: IT_ONLY,
  response: z.object({
    storeId: z.string(),
    gatewayId: z.string(),
    revoked: z.boolean().describe('False when it had no credentials left.'),
    codesDiscarded: z.int(),
    sessionsClosed: z.int().optional().describe('Absent when the hub uses an external broker.'),
  }),
  errors: [404],
} satisfies RouteDoc;

const enrolDoc = {
  method: 'post',
  path: '/api/v1/enrol',
  summary: 'A new gateway exchanges its one-time enrolment code for its provisioning file',
  tag: 'provisioning',
  access: 'public',
  body: z.strictObject({
    code: z
      .string()
      .min(1)
      .max(32)
      .describe('The enrolment code, XXXX-XXXX (case and dashes do not matter).'),
    gatewayId: gatewayIdSchema,
  }),
  response: z
    .object({ schema: z.literal('retail.provisioning/v1'), storeId: z.string(), gatewayId: z.string() })
    .loose()
    .describe('The provisioning file (see `hub-server provision gateway`).'),
  errors: [403, 410, 429],
} satisfies RouteDoc;

export const provisioningDocs: RouteDoc[] = [provisionDoc, revokeDoc, enrolDoc];

/** Mount at /api/v1/stores/:storeId/gateways, behind authentication and store scope. */
export function provisioningRoutes(d: ProvisioningRouteDeps): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();
  const deps = { repo: d.repo, ...(d.sealCost && { sealCost: d.sealCost }) };

  app.post('/:gatewayId/provision', allow(provisionDoc), async (c) => {
    const storeId = storeIdParam(c);
    const gatewayId = slugParam(c, 'gatewayId', gatewayIdSchema);
    const body = await parseJson(c, provisionDoc.body);
    const requestUrl = new URL(c.req.url);
    const httpUrl = body.httpUrl?.replace(/\/+$/, '') ?? requestUrl.origin;
    const r = await provisionGateway(deps, {
      storeId,
      gatewayId,
      mqttUrls: body.mqttUrls ?? [d.gatewayMqttUrl(requestUrl)],
      httpUrl,
      ...(d.caPem !== undefined && { caPem: d.caPem }),
      codeTtlMs: body.ttlMinutes * 60_000,
      now: d.now(),
    });
    const link = r.link ?? '';
    d.logger.info(
      { storeId, gatewayId, expiresAt: r.expiresAt },
      'gateway provisioned; enrolment code issued',
    );
    return c.json(
      {
        storeId,
        gatewayId,
        username: r.document.mqtt.username,
        code: formatCode(r.code),
        expiresAt: new Date(r.expiresAt).toISOString(),
        link,
        qr: await qrDataUrl(link),
        cameras: r.document.cameras,
        scanners: r.document.scanners,
        notes: r.document.notes,
      },
      201,
    );
  });

  app.delete('/:gatewayId/credentials', allow(revokeDoc), async (c) => {
    const storeId = storeIdParam(c);
    const gatewayId = slugParam(c, 'gatewayId', gatewayIdSchema);
    if (!(await d.repo.registry.get(storeId, gatewayId)))
      throw new HTTPException(404, { message: `no gateway "${gatewayId}" in store "${storeId}"` });
    const r = await revokeGateway(
      { ...deps, ...(d.disconnect && { disconnect: d.disconnect }) },
      storeId,
      gatewayId,
    );
    d.logger.info({ storeId, gatewayId, ...r }, 'gateway credentials revoked');
    return c.json({ storeId, gatewayId, ...r });
  });

  return app;
}

const FAILURE_STATUS: Record<RedeemFailure['reason'], 400 | 403 | 410 | 429> = {
  malformed: 400,
  wrong: 403,
  expired: 410,
  used: 410,
  locked: 429,
};

/** Mount at /api/v1/enrol, with no authentication in front. */
export function enrolRoutes(d: Pick<ProvisioningRouteDeps, 'repo' | 'logger' | 'now' | 'sealCost'>): Hono {
  const app = new Hono();
  const service = enrolmentService({ repo: d.repo, ...(d.sealCost && { sealCost: d.sealCost }) });

  app.post('/', async (c) => {
    const body = await parseJson(c, enrolDoc.body);
    const r = await service.redeem(body, d.now());
    if (!r.ok) {
      d.logger.warn({ gatewayId: body.gatewayId, reason: r.reason }, 'enrolment refused');
      const status = FAILURE_STATUS[r.reason];
      throw new HTTPException(status, {
        message: `enrolment refused: ${r.detail}`,
        cause: [{ path: 'code', message: r.detail }],
      });
    }
    d.logger.info({ storeId: r.document.storeId, gatewayId: r.document.gatewayId }, 'gateway enrolled');
    return c.json(r.document, 200, { 'cache-control': 'no-store' });
  });

  return app;
}
