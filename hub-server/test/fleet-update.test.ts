// Rolling gateways to a new version through the running hub: IT publishes a signed bundle, asks the
// API to update a store, each provisioned gateway receives the retained `update` command with the
// bundle's hash and signature, and downloads the bundle with its own MQTT credentials (anyone else is
// refused). The gateway side (verify, switch, roll back) is tested in edge-agent/test/update-rollback.test.ts.
import { execFileSync } from 'node:child_process';
import { createHash, verify } from 'node:crypto';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { decodeMessage } from '@retail/contracts';
import mqtt from 'mqtt';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdminToken, ensureUsers } from '../src/auth/bootstrap-users.js';
import { hashPassword } from '../src/broker/credentials.js';
import { hubConfigSchema } from '../src/config.js';
import {
  generateSigningKey,
  loadSigningKey,
  publishBundle,
  signBundle,
} from '../src/fleet/bundle-signing.js';
import { Hub } from '../src/hub.js';

describe('fleet updates through the hub', () => {
  let hub: Hub;
  let dir: string;
  let token: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'fleet-update-'));
    hub = new Hub({
      config: hubConfigSchema.parse({
        http: { host: '127.0.0.1', port: 0 },
        mqtt: { host: '127.0.0.1', port: 0 },
        dataDir: dir,
      }),
      logger: pino({ level: 'silent' }),
      hubKey: Buffer.alloc(32, 5),
    });
    await hub.start();
    for (const g of ['gw-1', 'gw-2'])
      await hub.repo.registry.setCredentials('s1', g, await hashPassword(`pw-${g}`, 1000), 1);
    await ensureUsers(
      hub.repo.users,
      [{ username: 'it', role: 'admin', stores: 'all', password: 'x'.repeat(16) }],
      {
        now: Date.now(),
        scrypt: { N: 1024, r: 8, p: 1, keyLength: 32 },
      },
    );
    token = (await createAdminToken(hub.repo.users, 'test', { now: Date.now() })).token;
  });
  afterAll(async () => {
    await hub?.stop();
  });

  it('sends a signed update to every gateway of the store, and serves the bundle only to gateways', async () => {
    // A bundle: a tar.gz with a VERSION file, signed and published into the hub's bundles folder.
    const src = path.join(dir, 'src');
    await mkdir(src);
    await writeFile(path.join(src, 'VERSION'), '2.0.0\n');
    const file = path.join(dir, 'bundle.tar.gz');
    execFileSync('tar', ['-czf', file, '-C', src, 'VERSION']);
    const keys = generateSigningKey();
    const manifest = await signBundle(file, loadSigningKey(keys.privatePem));
    await publishBundle(file, manifest, path.join(dir, 'bundles'));

    const gateway = await mqtt.connectAsync(hub.brokerUrl, {
      protocolVersion: 4,
      username: 's1.gw-2',
      password: 'pw-gw-2',
    });
    const commands: unknown[] = [];
    gateway.on('message', (topic, payload) => {
      const d = decodeMessage(topic, payload);
      if (d.ok && d.kind === 'cmd') commands.push(d.message.command);
    });
    const api = (p: string, body: unknown) =>
      fetch(`${hub.httpUrl}${p}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const unknown = await api('/api/v1/stores/s1/gateways/update', { version: '9.9.9' });
    expect(unknown.status).toBe(404);
    const res = await api('/api/v1/stores/s1/gateways/update', { version: '2.0.0' });
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ version: '2.0.0', gatewayIds: ['gw-1', 'gw-2'] });

    // Retained: a gateway that subscribes afterwards still gets it.
    await gateway.subscribeAsync('retail/v1/s1/gw-2/cmd', { qos: 1 });
    for (let i = 0; i < 100 && commands.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    await gateway.endAsync();
    const cmd = commands[0] as { name: string; url: string; sha256: string; signature: string };
    expect(cmd).toMatchObject({ name: 'update', version: '2.0.0', sha256: manifest.sha256 });
    expect(
      verify(null, Buffer.from(cmd.sha256, 'hex'), keys.publicPem, Buffer.from(cmd.signature, 'base64')),
    ).toBe(true);

    const basic = (user: string, pw: string) => `Basic ${Buffer.from(`${user}:${pw}`).toString('base64')}`;
    const download = await fetch(cmd.url, { headers: { authorization: basic('s1.gw-2', 'pw-gw-2') } });
    expect(download.status).toBe(200);
    const bytes = Buffer.from(await download.arrayBuffer());
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(manifest.sha256);
    expect((await fetch(cmd.url, { headers: { authorization: basic('s1.gw-2', 'wrong') } })).status).toBe(
      401,
    );
    expect((await fetch(cmd.url)).status).toBe(401);
  });
});
