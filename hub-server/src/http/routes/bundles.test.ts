// GET /api/v1/bundles/{version} through app.request(): gateway credentials checked against a real
// PBKDF2 hash, bytes served from real files, clear statuses for the rest.
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Hono } from 'hono';
import { beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../broker/credentials.js';
import { bundlesRoutes } from './bundles.js';

const basic = (user: string, password: string) => ({
  authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`,
});

describe('GET /api/v1/bundles/{version}', () => {
  const bytes = Buffer.from(Array.from({ length: 5000 }, (_, i) => i % 251));
  let app: Hono;

  beforeAll(async () => {
    const bundlesDir = path.join(await mkdtemp(path.join(tmpdir(), 'bundles-')), 'bundles');
    await mkdir(bundlesDir);
    await writeFile(path.join(bundlesDir, '2.1.0.tar.gz'), bytes);
    const hashes = new Map([
      ['store-1.gw-1', await hashPassword('gw-secret', 1000)],
      ['store-1.pos', await hashPassword('pos-secret', 1000)],
    ]);
    app = new Hono().route(
      '/api/v1/bundles',
      bundlesRoutes({ bundlesDir, lookupHash: async (s, p) => hashes.get(`${s}.${p}`) }),
    );
  });

  it('serves a published bundle to a provisioned gateway', async () => {
    const res = await app.request('/api/v1/bundles/2.1.0', { headers: basic('store-1.gw-1', 'gw-secret') });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/gzip');
    expect(Buffer.from(await res.arrayBuffer()).equals(bytes)).toBe(true);
  });

  it('refuses anyone else, and says what is missing', async () => {
    const get = (version: string, headers: Record<string, string> = {}) =>
      app.request(`/api/v1/bundles/${version}`, { headers });
    const none = await get('2.1.0');
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Basic/);
    expect((await get('2.1.0', basic('store-1.gw-1', 'wrong'))).status).toBe(401);
    expect((await get('2.1.0', basic('store-1.gw-2', 'gw-secret'))).status).toBe(401);
    expect((await get('2.1.0', basic('store-1.pos', 'pos-secret'))).status).toBe(401);
    expect((await get('2.1.0', { authorization: 'Bearer x' })).status).toBe(401);
    const auth = basic('store-1.gw-1', 'gw-secret');
    const missing = await get('9.9.9', auth);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toMatch(/no bundle 9\.9\.9/);
    expect((await get('bad%20version', auth)).status).toBe(400);
    expect((await get('..', auth)).status).not.toBe(200);
  });
});
