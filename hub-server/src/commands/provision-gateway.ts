// `hub-server provision gateway --store S --gateway G`: creates (or replaces) a gateway's MQTT
// credentials (only a hash is kept) and writes its provisioning file (mode 0600) with a one-time
// enrolment code (and its QR) for `edge-agent enrol`. `--revoke` takes the credentials away;
// `--pos` makes the store tills' credentials instead.
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gatewayIdSchema, slugSchema } from '@retail/contracts';
import { generatePassword, hashPassword } from '../broker/credentials.js';
import { usernameOf } from '../broker/topic-acl.js';
import { loadHubConfig } from '../load-config.js';
import { formatCode } from '../provisioning/enrolment-code.js';
import { qrPng } from '../provisioning/enrolment-qr.js';
import { DEFAULT_CODE_TTL_MS } from '../provisioning/enrolment-service.js';
import { configuredGatewayUrls } from '../provisioning/gateway-urls.js';
import { provisionGateway, revokeGateway } from '../provisioning/provision-gateway.js';
import { type Command, parseFlags, UsageError } from './cli-kit.js';
import { configSources, storageFlags, storageUsage } from './config-flags.js';
import { openStorage } from './open-storage.js';

const usage = `Usage: hub-server provision gateway --store STORE --gateway GATEWAY [options]
       hub-server provision gateway --store STORE --gateway GATEWAY --revoke
       hub-server provision gateway --store STORE --pos [--out FILE]

Creates MQTT credentials for a gateway and writes its provisioning file: store and gateway ids, the
broker URL, user name and password, the broker's CA, and a config skeleton from the store's layout
(its cameras and BLE scanners). Prints a one-time enrolment code a gateway exchanges for the same file
(\`edge-agent enrol --url HUB --code CODE\`). The hub keeps only hashes. Re-provisioning replaces the
old password and any unused code. --revoke removes the credentials; a running hub closes the
gateway's session when revoked through the API (DELETE …/gateways/{id}/credentials), otherwise the
gateway is refused at its next connection.

Options:
  --file FILE          the provisioning file (default DATA_DIR/provisioning/STORE.GATEWAY.json; mode 0600)
  --mqtt-url URL[,URL] broker URL(s) for the gateway (default: the hub's configured broker, on this host)
  --http-url URL       the hub's API for enrolment (default: http://<this host>:<configured port>)
  --ca FILE            the broker's CA certificate (PEM), embedded in the file
  --qr FILE            also write the enrolment link as a QR code PNG
  --code-ttl MINUTES   how long the enrolment code works (default ${DEFAULT_CODE_TTL_MS / 60_000})
  --out FILE           also write {"username","password"} to FILE (mode 0600)
  --revoke             remove the gateway's credentials and its unused enrolment codes
  --pos                credentials for the store's tills instead of a gateway
${storageUsage}`;

const flags = {
  ...storageFlags,
  store: { type: 'string' },
  gateway: { type: 'string' },
  pos: { type: 'boolean' },
  out: { type: 'string' },
  file: { type: 'string' },
  'mqtt-url': { type: 'string' },
  'http-url': { type: 'string' },
  ca: { type: 'string' },
  qr: { type: 'string' },
  'code-ttl': { type: 'string' },
  revoke: { type: 'boolean' },
} as const;

export const provisionGatewayCommand: Command = {
  name: 'provision gateway',
  summary: 'create (or --revoke) a gateway’s MQTT credentials, provisioning file and enrolment code',
  usage,
  async run(argv) {
    const { values } = parseFlags(argv, flags, usage);
    if (values.help) {
      console.log(usage);
      return 0;
    }
    const store = slugSchema.safeParse(values.store);
    if (!store.success)
      throw new UsageError(
        `--store: ${values.store === undefined ? 'required' : store.error.issues[0]?.message}\n\n${usage}`,
      );
    // --mqtt-url here is the gateway's broker address, not the hub's own: keep it out of the hub config.
    const { 'mqtt-url': gatewayMqttUrl, ...storage } = values;
    if (values.pos) return provisionPos(store.data, values.out, storage);
    const gw = gatewayIdSchema.safeParse(values.gateway);
    if (!gw.success)
      throw new UsageError(
        `--gateway: ${values.gateway === undefined ? 'required (or --pos)' : gw.error.issues[0]?.message}\n\n${usage}`,
      );
    if (values.revoke) return revoke(store.data, gw.data, storage);

    const ttlMinutes =
      values['code-ttl'] === undefined ? DEFAULT_CODE_TTL_MS / 60_000 : Number(values['code-ttl']);
    if (!Number.isFinite(ttlMinutes) || ttlMinutes <= 0 || ttlMinutes > 7 * 24 * 60)
      throw new UsageError(`--code-ttl: minutes between 1 and ${7 * 24 * 60}\n\n${usage}`);
    const config = await loadHubConfig(configSources(storage));
    const defaults = configuredGatewayUrls(config, os.hostname());
    const mqttUrls = (gatewayMqttUrl ?? defaults.mqttUrl)
      .split(',')
      .map((u) => u.trim())
      .filter((u) => u.length > 0);
    const caPem = values.ca === undefined ? undefined : await readText(values.ca, '--ca');

    const { repo, where } = await openStorage(storage);
    let result: Awaited<ReturnType<typeof provisionGateway>>;
    try {
      result = await provisionGateway(
        { repo },
        {
          storeId: store.data,
          gatewayId: gw.data,
          mqttUrls,
          httpUrl: values['http-url'] ?? defaults.httpUrl,
          ...(caPem !== undefined && { caPem }),
          codeTtlMs: ttlMinutes * 60_000,
          now: Date.now(),
        },
      );
    } catch (err) {
      throw new UsageError(`cannot provision ${store.data}/${gw.data}: ${(err as Error).message}`);
    } finally {
      await repo.close();
    }
    const { document, code, expiresAt, link } = result;
    const file = values.file ?? path.join(config.dataDir, 'provisioning', `${store.data}.${gw.data}.json`);
    await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
    await writeSecret(file, document);
    if (values.out)
      await writeSecret(values.out, { username: document.mqtt.username, password: document.mqtt.password });
    if (values.qr && link) await writeFile(values.qr, await qrPng(link));
    console.log(
      [
        `provisioned ${document.mqtt.username} in ${where}`,
        `  username:          ${document.mqtt.username}`,
        `  password:          ${document.mqtt.password}`,
        `  broker:            ${document.mqtt.urls.join(', ')}`,
        `  provisioning file: ${file}${values.out ? `\n  credentials:       ${values.out}` : ''}`,
        `  enrolment code:    ${formatCode(code)} (one use, until ${new Date(expiresAt).toISOString()})`,
        ...(link ? [`  enrolment link:    ${link}`] : []),
        ...(values.qr ? [`  QR code:           ${values.qr}`] : []),
        `  cameras:           ${document.cameras.map((c) => c.id).join(', ') || '(none in the layout)'}`,
        `  scanners:          ${document.scanners.map((s) => s.id).join(', ') || '(none in the layout)'}`,
        ...document.notes.map((n) => `  note: ${n}`),
        `On the gateway: edge-agent enrol --provision ${file}   or   edge-agent enrol --url '${link ?? 'HUB_URL'}'`,
      ].join('\n'),
    );
    return 0;
  },
};

type Values = Partial<Record<string, string | boolean | undefined>>;

/** JSON holding a password: owner-only, also when the file already existed with wider rights. */
async function writeSecret(file: string, value: unknown): Promise<void> {
  await writeFile(file, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600 });
  await chmod(file, 0o600);
}

async function readText(file: string, flag: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    throw new UsageError(`${flag}: cannot read ${file}: ${(err as Error).message}`);
  }
}

async function revoke(storeId: string, gatewayId: string, storage: Values): Promise<number> {
  const { repo, where } = await openStorage(storage);
  try {
    const r = await revokeGateway({ repo }, storeId, gatewayId);
    console.log(
      r.revoked
        ? `revoked ${storeId}.${gatewayId} in ${where} (${r.codesDiscarded} unused enrolment code(s) discarded); ` +
            'the broker refuses it from its next connection'
        : `${storeId}.${gatewayId} has no credentials in ${where} (unknown or already revoked)` +
            (r.codesDiscarded > 0 ? `; ${r.codesDiscarded} unused enrolment code(s) discarded` : ''),
    );
    return r.revoked ? 0 : 1;
  } finally {
    await repo.close();
  }
}

async function provisionPos(storeId: string, out: string | undefined, storage: Values): Promise<number> {
  const password = generatePassword();
  const { repo, where } = await openStorage(storage);
  try {
    await repo.registry.setCredentials(storeId, 'pos', await hashPassword(password), Date.now());
  } finally {
    await repo.close();
  }
  const username = usernameOf({ role: 'pos', storeId });
  if (out) await writeSecret(out, { username, password });
  console.log(
    `provisioned ${username} in ${where}\n  username: ${username}\n  password: ${password}${out ? `\n  written to ${out}` : ''}`,
  );
  return 0;
}
