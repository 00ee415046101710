// publishDesiredVersion through a real broker (aedes in-process on a free port): every gateway of a
// store gets a retained, contract-valid `update` command carrying the manifest's sha256 and signature.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { type CmdMessage, cmdMessageSchema } from '@retail/contracts';
import { waitFor } from '@retail/contracts/testing';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listenPlainAedes, type PlainAedes } from '../broker/plain-aedes.js';
import type { BundleManifest } from './bundle-manifest.js';
import { publishBundle } from './bundle-signing.js';
import { type DesiredVersionDeps, publishDesiredVersion } from './desired-version.js';
import { MqttGatewayCommands } from './gateway-commands.js';

describe('publishDesiredVersion', () => {
  let broker: PlainAedes;
  let url: string;
  let deps: DesiredVersionDeps;
  const manifest: BundleManifest = {
    version: '2.1.0',
    sha256: 'ab'.repeat(32),
    signature: 'c2ln'.repeat(22),
    size: 3,
  };

  beforeAll(async () => {
    broker = await listenPlainAedes();
    url = broker.url;
    const bundlesDir = await mkdtemp(`${tmpdir()}/desired-`);
    const src = `${bundlesDir}/src.tar.gz`;
    await writeFile(src, 'abc');
    await publishBundle(src, manifest, bundlesDir);
    deps = {
      commands: new MqttGatewayCommands({ brokerUrl: () => url, username: undefined, password: undefined }),
      bundlesDir,
      publicUrl: 'https://hub.example:8443',
      listGateways: async (storeId) => (storeId === 'store-1' ? ['gw-1', 'gw-2'] : []),
      now: () => 1_900_000_000_000,
    };
  });
  afterAll(async () => {
    await broker.close();
  });

  it('sends a retained update to each gateway of the store, even one that connects later', async () => {
    expect(await publishDesiredVersion(deps, { storeId: 'store-1' }, '2.1.0')).toEqual(['gw-1', 'gw-2']);
    // A gateway that was offline: it subscribes afterwards and still receives its command.
    const gateway = await mqtt.connectAsync(url, { protocolVersion: 4 });
    const received: CmdMessage[] = [];
    gateway.on('message', (_topic, payload) =>
      received.push(cmdMessageSchema.parse(JSON.parse(payload.toString()))),
    );
    await gateway.subscribeAsync('retail/v1/store-1/+/cmd', { qos: 1 });
    const got = await waitFor(
      () => received,
      (r) => r.length === 2,
    );
    await gateway.endAsync();
    expect(got.map((m) => m.gatewayId).sort()).toEqual(['gw-1', 'gw-2']);
    expect(new Set(got.map((m) => m.msgId)).size).toBe(2);
    expect(got[0]?.command).toEqual({
      name: 'update',
      version: '2.1.0',
      url: 'https://hub.example:8443/api/v1/bundles/2.1.0',
      sha256: manifest.sha256,
      signature: manifest.signature,
    });
  });

  it('refuses a version that is not published', async () => {
    await expect(publishDesiredVersion(deps, { storeId: 'store-1', gatewayId: 'gw-1' }, '9')).rejects.toThrow(
      /version 9 is not published/,
    );
  });
});
