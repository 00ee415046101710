// TLS client-certificate login: the agent connects over mqtts:// with the certificate and key named in
// its config and a broker that requires a certificate from its CA; a certificate from another CA is
// refused. Certificates are made with Debian's openssl in a temp dir (skipped, with the reason, without it).
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import type net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { decodeMessage } from '@retail/contracts';
import { waitFor } from '@retail/contracts/testing';
import { Aedes } from 'aedes';
import mqtt from 'mqtt';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EdgeAgent } from '../src/agent.js';
import { edgeConfigSchema } from '../src/config.js';

const hasOpenssl = spawnSync('openssl', ['version'], { stdio: 'ignore' }).status === 0;
if (!hasOpenssl) console.log('agent-tls: skipped: openssl is not installed');

let dir = '';
const file = (name: string) => path.join(dir, name);

function openssl(...args: string[]): void {
  const r = spawnSync('openssl', args, { cwd: dir, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`openssl ${args.join(' ')}: ${r.stderr}`);
}

/** A CA, and certificates it signs: `name.key` + `name.crt`. */
async function makeCa(ca: string): Promise<void> {
  openssl(
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '1',
    '-subj',
    `/CN=${ca}`,
    '-keyout',
    `${ca}.key`,
    '-out',
    `${ca}.crt`,
  );
}

async function signed(ca: string, name: string, cn: string, san?: string): Promise<void> {
  openssl(
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-subj',
    `/CN=${cn}`,
    '-keyout',
    `${name}.key`,
    '-out',
    `${name}.csr`,
  );
  const ext = file(`${name}.ext`);
  await writeFile(ext, san ? `subjectAltName=${san}\n` : 'basicConstraints=CA:FALSE\n');
  openssl(
    'x509',
    '-req',
    '-in',
    `${name}.csr`,
    '-CA',
    `${ca}.crt`,
    '-CAkey',
    `${ca}.key`,
    '-CAcreateserial',
    '-days',
    '1',
    '-extfile',
    ext,
    '-out',
    `${name}.crt`,
  );
}

describe.skipIf(!hasOpenssl)('TLS client certificates', () => {
  let server: tls.Server;
  let aedes: Aedes;
  let url = '';

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'edge-tls-'));
    await makeCa('store-ca');
    await makeCa('rogue-ca');
    await signed('store-ca', 'broker', '127.0.0.1', 'IP:127.0.0.1');
    await signed('store-ca', 'gateway', 'tls-store.gw-1');
    await signed('rogue-ca', 'rogue', 'tls-store.gw-1');
    aedes = await Aedes.createBroker();
    server = tls.createServer(
      {
        key: await readFile(file('broker.key')),
        cert: await readFile(file('broker.crt')),
        ca: await readFile(file('store-ca.crt')),
        requestCert: true,
        rejectUnauthorized: true,
      },
      aedes.handle as (socket: net.Socket) => void,
    );
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `mqtts://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
  }, 60_000);

  afterAll(async () => {
    await new Promise<void>((r) => aedes.close(() => r()));
    await new Promise<void>((r) => server.close(() => r()));
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const tlsOptions = async (name: string) => ({
    ca: await readFile(file('store-ca.crt')),
    cert: await readFile(file(`${name}.crt`)),
    key: await readFile(file(`${name}.key`)),
  });

  it('the agent logs in with its certificate and announces itself', async () => {
    const sub = await mqtt.connectAsync(url, { protocolVersion: 4, ...(await tlsOptions('gateway')) });
    const statuses: string[] = [];
    sub.on('message', (topic, payload) => {
      const d = decodeMessage(topic, payload);
      if (d.ok && d.kind === 'status') statuses.push(d.message.state);
    });
    await sub.subscribeAsync('retail/v1/tls-store/gw-1/status', { qos: 1 });
    const config = edgeConfigSchema.parse({
      storeId: 'tls-store',
      gatewayId: 'gw-1',
      mqtt: { url, tls: { ca: file('store-ca.crt'), cert: file('gateway.crt'), key: file('gateway.key') } },
      dataDir: file('data'),
    });
    const agent = new EdgeAgent({ config, logger: pino({ level: 'silent' }) });
    await agent.start();
    try {
      await waitFor(
        () => statuses,
        (s) => s.includes('online'),
        20_000,
      );
      expect(agent.connected).toBe(true);
    } finally {
      await agent.stop();
      await sub.endAsync();
    }
  }, 60_000);

  it('a certificate from another CA is refused by the broker', async () => {
    const client = mqtt.connect(url, {
      protocolVersion: 4,
      reconnectPeriod: 0,
      connectTimeout: 5000,
      ...(await tlsOptions('rogue')),
    });
    const outcome = await new Promise<string>((resolve) => {
      client.once('connect', () => resolve('connected'));
      client.once('error', (err) => resolve(`error: ${err.message}`));
      client.once('close', () => resolve('closed'));
    });
    client.end(true);
    expect(outcome).not.toBe('connected');
  }, 30_000);
});
