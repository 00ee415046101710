// Gateway provisioning end to end against a real hub (embedded broker, SQLite in a temp dir): the
// provisioning file `hub-server provision gateway` writes is all a new gateway needs — the built
// `edge-agent enrol` turns it into a config, `edge-agent run` (a child process) connects with it and
// its status "online" reaches the hub's registry through the broker; revoked, it is refused. The
// enrolment code works once, expires, and locks after wrong guesses; the QR PNG holds exactly the
// link's QR matrix. The admin API provisions and revokes, closing the live session.
//
// The edge side runs from edge-agent/dist (built by `tsc -b`, as `npm test` does first). Until
// `enrol` is registered in edge-agent's cli.ts, the enrol step imports its command module directly.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readFile, stat } from 'node:fs/promises';
import type net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type ServerType, serve } from '@hono/node-server';
import { waitFor } from '@retail/contracts/testing';
import mqtt from 'mqtt';
import { pino } from 'pino';
import QRCode from 'qrcode';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ensureUsers } from '../src/auth/bootstrap-users.js';
import { attachBrokerGuard } from '../src/broker/broker-guard.js';
import { EmbeddedBroker } from '../src/broker/embedded-broker.js';
import { provisionGatewayCommand } from '../src/commands/provision-gateway.js';
import { hubConfigSchema } from '../src/config.js';
import { createApp } from '../src/http/app.js';
import { enrolRoutes, provisioningRoutes } from '../src/http/routes/provisioning.js';
import { Hub } from '../src/hub.js';
import { IngestPipeline } from '../src/ingest/ingest-pipeline.js';
import { BrokerSessions } from '../src/provisioning/broker-sessions.js';
import { QR_OPTIONS, qrModules } from '../src/provisioning/enrolment-qr.js';
import { EnrolmentService, MAX_FAILED_ATTEMPTS } from '../src/provisioning/enrolment-service.js';
import { EnrolmentStore } from '../src/provisioning/enrolment-store.js';
import { brokerUrlFor } from '../src/provisioning/gateway-urls.js';
import { buildProvisioningDocument } from '../src/provisioning/provisioning-document.js';
import { demoLayout } from './api-harness.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const edgeBin = path.join(repoRoot, 'edge-agent/bin/edge-agent.js');
const enrolModule = pathToFileURL(path.join(repoRoot, 'edge-agent/dist/src/commands/enrol.js')).href;
const logger = pino({ level: 'silent' });
const STORE = 'prov-store';
const CHEAP = { N: 1024, r: 8, p: 1 };
const PASSWORD = 'correct-horse-battery';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a node script to its end without blocking this process (whose HTTP server it may call). */
function runNode(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += String(d);
    });
    child.stderr.on('data', (d) => {
      stderr += String(d);
    });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const edgeEnrol = (args: string[]) =>
  runNode([
    '--input-type=module',
    '-e',
    `const { enrol } = await import(${JSON.stringify(enrolModule)}); process.exitCode = await enrol(process.argv.slice(1));`,
    '--',
    ...args,
  ]);

/** `hub-server provision gateway …` in this process; returns what it printed. */
async function provision(args: string[]): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const spy = vi.spyOn(console, 'log').mockImplementation((l: unknown) => {
    lines.push(String(l));
  });
  try {
    const code = await provisionGatewayCommand.run(args);
    return { code, out: lines.join('\n') };
  } finally {
    spy.mockRestore();
  }
}

const printed = (out: string, label: string) => {
  const m = new RegExp(`${label}:\\s+(\\S+)`).exec(out);
  if (!m?.[1]) throw new Error(`no "${label}" in:\n${out}`);
  return m[1];
};

async function connectError(url: string, username: string, password: string): Promise<string | undefined> {
  try {
    const c = await mqtt.connectAsync(url, { username, password, reconnectPeriod: 0, connectTimeout: 5000 });
    await c.endAsync(true);
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}

describe('gateway provisioning against a real hub', () => {
  let hub: Hub;
  let dir: string;
  let server: ServerType;
  let httpUrl: string;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'provisioning-'));
    hub = new Hub({
      config: hubConfigSchema.parse({
        http: { host: '127.0.0.1', port: 0 },
        mqtt: { host: '127.0.0.1', port: 0 },
        dataDir: dir,
      }),
      logger,
      hubKey: Buffer.alloc(32, 5),
    });
    await hub.start();
    await hub.repo.reference.saveLayout(await demoLayout(STORE), Date.now());
    // The enrolment endpoint as app.ts will mount it, over a real socket for the edge's fetch.
    const app = createApp({
      repo: hub.repo,
      counters: hub.counters,
      pseudonymize: hub.pseudonymize,
      logger,
      version: 'test',
      now: Date.now,
      dashboard: false,
    });
    app.route('/api/v1/enrol', enrolRoutes({ repo: hub.repo, logger, now: Date.now }));
    await new Promise<void>((resolve) => {
      server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve());
    });
    httpUrl = `http://127.0.0.1:${((server as net.Server).address() as net.AddressInfo).port}`;
  });

  afterAll(async () => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await hub.stop();
  });

  it('writes a provisioning file that is all a new gateway needs; revoked, the gateway is refused', async () => {
    const file = path.join(dir, 'front.provision.json');
    const p = await provision([
      '--data-dir',
      dir,
      '--store',
      STORE,
      '--gateway',
      'gw-front',
      '--mqtt-url',
      hub.brokerUrl,
      '--http-url',
      httpUrl,
      '--file',
      file,
    ]);
    expect(p.code).toBe(0);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const doc = JSON.parse(await readFile(file, 'utf8'));
    expect(doc).toMatchObject({ storeId: STORE, gatewayId: 'gw-front', mqtt: { urls: [hub.brokerUrl] } });
    expect(doc.cameras.map((c: { id: string }) => c.id)).toEqual(['cam-entrance', 'cam-checkout']);
    expect(p.out).toMatch(/enrolment code:\s+[0-9A-Z]{4}-[0-9A-Z]{4} \(one use/);

    const gwDir = path.join(dir, 'gw-front');
    const enrolled = await edgeEnrol(['--provision', file, '--config-out', path.join(gwDir, 'gateway.json')]);
    expect(enrolled.stderr).toBe('');
    expect(enrolled.code).toBe(0);
    expect(enrolled.stdout).toContain('camera "cam-entrance" (oblique) needs a source');
    expect((await stat(path.join(gwDir, 'credentials.json'))).mode & 0o777).toBe(0o600);

    const child = spawn(
      process.execPath,
      [
        edgeBin,
        'run',
        '--config',
        path.join(gwDir, 'gateway.json'),
        '--credentials',
        path.join(gwDir, 'credentials.json'),
        '--data-dir',
        path.join(gwDir, 'state'),
      ],
      { env: { ...process.env, LOG_LEVEL: 'warn' }, stdio: 'ignore' },
    );
    children.push(child);
    const row = await waitFor(
      () => hub.repo.registry.get(STORE, 'gw-front'),
      (r) => r?.state === 'online',
      20_000,
    );
    expect(row.version).toBeTruthy();
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));

    const { username, password } = doc.mqtt;
    expect(await connectError(hub.brokerUrl, username, password)).toBeUndefined();
    const revoked = await provision([
      '--data-dir',
      dir,
      '--store',
      STORE,
      '--gateway',
      'gw-front',
      '--revoke',
    ]);
    expect(revoked.code).toBe(0);
    expect(revoked.out).toMatch(/revoked prov-store\.gw-front/);
    expect(await connectError(hub.brokerUrl, username, password)).toMatch(/Bad username or password/i);
    // Its unused enrolment code died with the credentials.
    const again = await edgeEnrol(['--url', `${httpUrl}`, '--gateway', 'gw-front', '--code', 'ABCD-2345']);
    expect(again.code).toBe(1);
  });

  it('exchanges the enrolment code from the QR link for the file, once; a wrong code is refused', async () => {
    const qr = path.join(dir, 'back.png');
    const p = await provision([
      '--data-dir',
      dir,
      '--store',
      STORE,
      '--gateway',
      'gw-back',
      '--mqtt-url',
      hub.brokerUrl,
      '--http-url',
      httpUrl,
      '--file',
      path.join(dir, 'back.provision.json'),
      '--qr',
      qr,
    ]);
    expect(p.code).toBe(0);
    const link = printed(p.out, 'enrolment link');
    expect(link).toMatch(new RegExp(`^retail-enrol:${httpUrl}#gw-back:[0-9A-Z]{8}$`));

    const wrong = await edgeEnrol(['--url', httpUrl, '--gateway', 'gw-back', '--code', 'ZZZZ-ZZZZ']);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(
      /no enrolment code like this was issued for gateway "gw-back".*check the code/,
    );

    const out = path.join(dir, 'gw-back', 'gateway.json');
    const first = await edgeEnrol(['--url', link, '--config-out', out]);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const config = JSON.parse(await readFile(out, 'utf8'));
    expect(config).toEqual({
      storeId: STORE,
      gatewayId: 'gw-back',
      mqtt: { url: hub.brokerUrl },
      vision: { sources: {} },
      ble: { sources: [{ kind: 'bluez', scannerId: 'ble-01' }] },
    });
    const creds = JSON.parse(await readFile(path.join(dir, 'gw-back', 'credentials.json'), 'utf8'));
    expect(await connectError(hub.brokerUrl, creds.username, creds.password)).toBeUndefined();

    const second = await edgeEnrol(['--url', link, '--config-out', path.join(dir, 'again', 'gateway.json')]);
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/this code was already used/);

    // The QR PNG: the right size for the link's QR version, and exactly its module matrix.
    const png = await readFile(qr);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const modules = qrModules(link);
    const side = (modules + 2 * QR_OPTIONS.margin) * QR_OPTIONS.scale;
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([side, side]);
    const { data, info } = await sharp(png).greyscale().raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height]).toEqual([side, side]);
    const matrix = QRCode.create(link, { errorCorrectionLevel: QR_OPTIONS.errorCorrectionLevel }).modules;
    const half = QR_OPTIONS.scale / 2;
    let differing = 0;
    for (let r = 0; r < modules; r++)
      for (let c = 0; c < modules; c++) {
        const y = (QR_OPTIONS.margin + r) * QR_OPTIONS.scale + half;
        const x = (QR_OPTIONS.margin + c) * QR_OPTIONS.scale + half;
        const dark = (data[y * info.width * info.channels + x * info.channels] as number) < 128;
        if (dark !== (matrix.get(r, c) === 1)) differing++;
      }
    expect(differing).toBe(0);
    // …and the same matrix as qrcode's own text rendering of the link.
    const text = await QRCode.toString(link, { type: 'utf8', margin: 0, errorCorrectionLevel: 'M' });
    expect(text.split('\n').filter((l) => l.length > 0)).toHaveLength(Math.ceil(modules / 2));
  });

  it('expires codes and locks a gateway after repeated wrong codes', async () => {
    const service = new EnrolmentService({ store: new EnrolmentStore(hub.repo.db), cost: CHEAP });
    const doc = buildProvisioningDocument({
      storeId: STORE,
      gatewayId: 'gw-side',
      mqttUrls: ['mqtt://hub:1883'],
      username: `${STORE}.gw-side`,
      password: 'pw',
      issuedAt: 1_000,
    });
    const t0 = 1_000_000;
    const a = await service.issue(doc, t0, 60_000);
    expect(a.expiresAt).toBe(t0 + 60_000);
    const late = await service.redeem({ code: a.code, gatewayId: 'gw-side' }, t0 + 60_000);
    expect(late).toMatchObject({ ok: false, reason: 'expired' });
    // A new code replaces the old one; it opens the sealed file, once.
    const b = await service.issue(doc, t0 + 70_000, 60_000);
    expect(await service.redeem({ code: a.code, gatewayId: 'gw-side' }, t0 + 71_000)).toMatchObject({
      ok: false,
      reason: 'wrong',
    });
    const ok = await service.redeem({ code: b.code.toLowerCase(), gatewayId: 'gw-side' }, t0 + 72_000);
    expect(ok).toEqual({ ok: true, document: doc });
    expect(await service.redeem({ code: b.code, gatewayId: 'gw-side' }, t0 + 73_000)).toMatchObject({
      reason: 'used',
    });
    expect(await service.redeem({ code: b.code, gatewayId: 'gw-other' }, t0 + 73_000)).toMatchObject({
      reason: 'wrong',
    });
    expect(await service.redeem({ code: 'short', gatewayId: 'gw-side' }, t0)).toMatchObject({
      reason: 'malformed',
    });

    const c = await service.issue(doc, t0 + 80_000, 60_000);
    const wrongCode = c.code === '00000000' ? '11111111' : '00000000';
    const answers = [];
    for (let i = 0; i < MAX_FAILED_ATTEMPTS; i++)
      answers.push(
        (await service.redeem({ code: wrongCode, gatewayId: 'gw-side' }, t0 + 81_000)).ok ? 'ok' : 'no',
      );
    expect(answers).toEqual(Array(MAX_FAILED_ATTEMPTS).fill('no'));
    expect(await service.redeem({ code: c.code, gatewayId: 'gw-side' }, t0 + 82_000)).toMatchObject({
      reason: 'locked',
    });
  });

  it('provisions and revokes over the admin API, closing the live broker session', async () => {
    // A broker wired as hub.ts will wire it: the guard, then the session registry for revocation.
    const sessions = new BrokerSessions();
    const broker = new EmbeddedBroker({
      host: '127.0.0.1',
      port: 0,
      fallbackToFreePort: true,
      logger,
      configure: (aedes) => {
        attachBrokerGuard(aedes, {
          lookupHash: async (s, g) => (await hub.repo.registry.get(s, g))?.passwordHash,
          hubPassword: 'unused-hub-password',
          pipeline: new IngestPipeline({
            repo: hub.repo,
            pseudonymize: hub.pseudonymize,
            counters: hub.counters,
            logger,
            now: Date.now,
          }),
          counters: hub.counters,
          logger,
          now: Date.now,
        });
        sessions.attach(aedes);
      },
    });
    await broker.start();
    const clients: mqtt.MqttClient[] = [];
    try {
      await ensureUsers(
        hub.repo.users,
        [
          { username: 'it-admin', role: 'admin', stores: 'all', password: PASSWORD },
          { username: 'merch', role: 'merchandiser', stores: 'all', password: PASSWORD },
        ],
        { now: Date.now(), scrypt: { N: 1024, r: 8, p: 1, keyLength: 32 } },
      );
      const app = createApp({
        repo: hub.repo,
        counters: hub.counters,
        pseudonymize: hub.pseudonymize,
        logger,
        version: 'test',
        now: Date.now,
        auth: { scrypt: { N: 1024, r: 8, p: 1, keyLength: 32 } },
        dashboard: false,
      });
      const deps = {
        repo: hub.repo,
        logger,
        now: Date.now,
        gatewayMqttUrl: (req: URL) => brokerUrlFor(broker.url, req),
        disconnect: (s: string, g: string) => sessions.disconnect(s, g),
        sealCost: CHEAP,
      };
      app.route('/api/v1/stores/:storeId/gateways', provisioningRoutes(deps));
      app.route('/api/v1/enrol', enrolRoutes(deps));
      const login = async (username: string) => {
        const res = await app.request('/api/v1/auth/login', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username, password: PASSWORD }),
        });
        expect(res.status).toBe(200);
        return (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      };
      const as = async (user: string, method: string, url: string, body?: unknown) =>
        app.request(url, {
          method,
          headers: {
            cookie: await login(user),
            'x-requested-with': 'fetch',
            'content-type': 'application/json',
          },
          ...(body !== undefined && { body: JSON.stringify(body) }),
        });
      const url = `/api/v1/stores/${STORE}/gateways/gw-api`;

      expect((await as('merch', 'POST', `${url}/provision`, {})).status).toBe(403);
      const bad = await as('it-admin', 'POST', `${url}/provision`, { mqttUrls: ['tcp://x'] });
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as { errors: { path: string }[] }).errors[0]?.path).toBe('mqttUrls[0]');

      const res = await as('it-admin', 'POST', `${url}/provision`, { ttlMinutes: 10 });
      expect(res.status).toBe(201);
      const issued = (await res.json()) as { code: string; link: string; qr: string; expiresAt: string };
      expect(issued).toMatchObject({ storeId: STORE, gatewayId: 'gw-api', username: `${STORE}.gw-api` });
      expect(issued.code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
      expect(issued.link).toBe(`retail-enrol:http://localhost#gw-api:${issued.code.replace('-', '')}`);
      expect(issued.qr).toMatch(/^data:image\/png;base64,/);
      expect(Date.parse(issued.expiresAt) - Date.now()).toBeGreaterThan(9 * 60_000);

      const enrol = (code: string) =>
        app.request('/api/v1/enrol', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ code, gatewayId: 'gw-api' }),
        });
      const wrong = await enrol('ZZZZ-ZZZZ');
      expect(wrong.status).toBe(403);
      expect(wrong.headers.get('content-type')).toContain('application/problem+json');
      const got = await enrol(issued.code);
      expect(got.status).toBe(200);
      const doc = (await got.json()) as { mqtt: { urls: string[]; username: string; password: string } };
      expect(doc.mqtt.urls).toEqual([broker.url]);
      expect((await enrol(issued.code)).status).toBe(410);

      const gateway = await mqtt.connectAsync(broker.url, {
        username: doc.mqtt.username,
        password: doc.mqtt.password,
        reconnectPeriod: 0,
      });
      clients.push(gateway);
      const closed = new Promise<void>((resolve) => gateway.once('close', () => resolve()));
      const revoke = await as('it-admin', 'DELETE', `${url}/credentials`);
      expect(revoke.status).toBe(200);
      expect(await revoke.json()).toEqual({
        storeId: STORE,
        gatewayId: 'gw-api',
        revoked: true,
        codesDiscarded: 0,
        sessionsClosed: 1,
      });
      await closed;
      expect(await connectError(broker.url, doc.mqtt.username, doc.mqtt.password)).toMatch(
        /Bad username or password/i,
      );
      expect(
        (await as('it-admin', 'DELETE', `/api/v1/stores/${STORE}/gateways/gw-none/credentials`)).status,
      ).toBe(404);
    } finally {
      for (const c of clients) await c.endAsync(true);
      await broker.stop();
    }
  });
});
