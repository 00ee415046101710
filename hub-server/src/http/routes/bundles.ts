// GET /api/v1/bundles/{version} — gateway software bundles for signed updates, from
// `<dataDir>/bundles/`. Gateways authenticate with their MQTT credentials over HTTP Basic
// (`{storeId}.{gatewayId}` and password, checked against the same PBKDF2 hash the broker uses).
// The bytes are not trusted by the gateway anyway: it checks the sha256 and the hub's signature.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { verifyPassword } from '../../broker/credentials.js';
import { parseUsername } from '../../broker/topic-acl.js';
import { bundleFile, bundleVersionSchema } from '../../fleet/bundle-manifest.js';
import { problem } from '../problem.js';

export interface BundlesRouteOptions {
  /** `<dataDir>/bundles`. */
  bundlesDir: string;
  /** The stored password hash of `{storeId}.{principal}`, as the broker guard looks it up. */
  lookupHash: (storeId: string, principal: string) => Promise<string | null | undefined>;
}

const UNAUTHORIZED_HEADERS = {
  'www-authenticate': 'Basic realm="bundles", charset="UTF-8"',
  'content-type': 'application/problem+json',
};

/** True when the Authorization header holds a provisioned gateway's user name and password. */
export async function isGatewayBasicAuth(
  header: string | undefined,
  lookupHash: BundlesRouteOptions['lookupHash'],
): Promise<boolean> {
  const m = /^Basic ([A-Za-z0-9+/=]+)$/.exec(header ?? '');
  if (!m?.[1]) return false;
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return false;
  const who = parseUsername(decoded.slice(0, colon));
  if (!who || who.principal === 'pos') return false;
  const hash = await lookupHash(who.storeId, who.principal);
  return Boolean(hash) && (await verifyPassword(decoded.slice(colon + 1), hash as string));
}

export function bundlesRoutes(o: BundlesRouteOptions): Hono {
  return new Hono().get('/:version', async (c) => {
    // Answered here rather than thrown: app.onError would drop the WWW-Authenticate header.
    if (!(await isGatewayBasicAuth(c.req.header('authorization'), o.lookupHash)))
      return c.json(problem(401, 'gateway credentials required'), 401, UNAUTHORIZED_HEADERS);
    const version = bundleVersionSchema.safeParse(c.req.param('version'));
    if (!version.success)
      throw new HTTPException(400, { message: `version: ${version.error.issues[0]?.message ?? 'invalid'}` });
    const file = bundleFile(o.bundlesDir, version.data);
    const size = await stat(file).then(
      (s) => (s.isFile() ? s.size : undefined),
      () => undefined,
    );
    if (size === undefined)
      throw new HTTPException(404, { message: `no bundle ${version.data} is published` });
    const body = Readable.toWeb(createReadStream(file)) as ReadableStream;
    return c.body(body, 200, { 'content-type': 'application/gzip', 'content-length': String(size) });
  });
}
