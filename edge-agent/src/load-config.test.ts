import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadEdgeConfig } from './load-config.js';

async function files(entries: Record<string, unknown>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'edge-cfg-'));
  for (const [name, content] of Object.entries(entries)) {
    await writeFile(path.join(dir, name), typeof content === 'string' ? content : JSON.stringify(content));
  }
  return dir;
}

describe('loadEdgeConfig', () => {
  const base = { storeId: 's1', gatewayId: 'gw-1', mqtt: { url: 'mqtt://127.0.0.1:1883' } };

  it('applies the broker URL, data dir and provisioning credentials given on the command line', async () => {
    const dir = await files({ 'gw.json': base, 'creds.json': { username: 's1.gw-1', password: 'secret' } });
    const { config } = await loadEdgeConfig(path.join(dir, 'gw.json'), {
      mqttUrl: 'mqtt://10.0.0.1:1884',
      dataDir: '/var/lib/edge',
      credentialsFile: path.join(dir, 'creds.json'),
    });
    expect(config.mqtt).toEqual({ url: 'mqtt://10.0.0.1:1884', username: 's1.gw-1', password: 'secret' });
    expect(config.dataDir).toBe('/var/lib/edge');
    expect(config.settings.windowSeconds).toBe(60);
  });

  it('reports every problem by path, and a bad credentials file by name', async () => {
    const dir = await files({
      'bad.json': {
        storeId: 'S 1',
        gatewayId: 'gw-1',
        mqtt: { url: 'http://x' },
        settings: { kAnonymity: 1 },
      },
      'gw.json': base,
      'creds.json': { user: 'x' },
    });
    await expect(loadEdgeConfig(path.join(dir, 'bad.json'))).rejects.toThrow(
      /storeId: .*\n.*mqtt\.url: must be an mqtt:\/\/ or mqtts:\/\/ URL\n.*settings\.kAnonymity/,
    );
    await expect(
      loadEdgeConfig(path.join(dir, 'gw.json'), { credentialsFile: path.join(dir, 'creds.json') }),
    ).rejects.toThrow(/creds\.json needs "username" and "password"/);
  });
});
