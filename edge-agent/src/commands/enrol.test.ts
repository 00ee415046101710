// `edge-agent enrol` on files in a temp dir: it writes a config `loadEdgeConfig` accepts and the
// credentials with mode 0600, keeps existing files, and reports hub refusals in plain words. The hub
// end of the exchange is tested against the real hub in hub-server/test/provisioning.test.ts; here
// a hand-written fetch plays the hub's answers.
import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadEdgeConfig } from '../load-config.js';
import { sampleProvisioningFile } from '../provisioning/sample-provisioning-file.js';
import { type EnrolIo, enrol } from './enrol.js';

function capture(fetchImpl?: typeof fetch): EnrolIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    log: (l) => out.push(l),
    error: (l) => err.push(l),
    ...(fetchImpl && { fetch: fetchImpl }),
  };
}

async function tempDir(): Promise<string> {
  return mkdtemp(path.join(tmpdir(), 'enrol-'));
}

describe('edge-agent enrol --provision', () => {
  it('writes a loadable config and 0600 credentials, and lists what is left to do', async () => {
    const dir = await tempDir();
    const provision = path.join(dir, 'p.json');
    await writeFile(provision, JSON.stringify(sampleProvisioningFile()));
    const io = capture();
    const configOut = path.join(dir, 'etc', 'gateway.json');
    expect(await enrol(['--provision', provision, '--config-out', configOut], io)).toBe(0);
    const credentials = path.join(dir, 'etc', 'credentials.json');
    const { config } = await loadEdgeConfig(configOut, { credentialsFile: credentials });
    expect(config).toMatchObject({
      storeId: 'demo',
      gatewayId: 'gw-front',
      mqtt: { url: 'mqtt://hub.local:1883', username: 'demo.gw-front', password: 'secret-password' },
    });
    expect(config.ble.sources).toEqual([{ kind: 'bluez', scannerId: 'ble-05', adapter: 'hci0' }]);
    expect((await stat(credentials)).mode & 0o777).toBe(0o600);
    expect(await readFile(configOut, 'utf8')).not.toContain('secret-password');
    const text = io.out.join('\n');
    expect(text).toContain('camera "cam-entrance" (overhead) needs a source');
    expect(text).not.toContain('camera "cam-checkout"');
    expect(text).toContain(`--credentials ${credentials}`);
  });

  it('keeps existing files unless --force', async () => {
    const dir = await tempDir();
    const provision = path.join(dir, 'p.json');
    await writeFile(provision, JSON.stringify(sampleProvisioningFile()));
    const configOut = path.join(dir, 'gateway.json');
    await writeFile(path.join(dir, 'credentials.json'), '{"keep":true}');
    const io = capture();
    expect(await enrol(['--provision', provision, '--config-out', configOut], io)).toBe(1);
    expect(io.err.join('\n')).toMatch(/credentials\.json already exists/);
    await expect(stat(configOut)).rejects.toThrow(); // nothing half-written
    expect(await enrol(['--provision', provision, '--config-out', configOut, '--force'], capture())).toBe(0);
    expect(JSON.parse(await readFile(path.join(dir, 'credentials.json'), 'utf8')).username).toBe(
      'demo.gw-front',
    );
  });

  it('names the bad field of a malformed file, and says when it is not JSON', async () => {
    const dir = await tempDir();
    const bad = sampleProvisioningFile();
    delete (bad.mqtt as Record<string, unknown>).username;
    await writeFile(path.join(dir, 'bad.json'), JSON.stringify(bad));
    await writeFile(path.join(dir, 'torn.json'), '{"schema":');
    const io = capture();
    expect(await enrol(['--provision', path.join(dir, 'bad.json')], io)).toBe(1);
    expect(io.err[0]).toMatch(/bad\.json:\n\s+mqtt\.username/);
    expect(await enrol(['--provision', path.join(dir, 'torn.json')], io)).toBe(1);
    expect(io.err[1]).toMatch(/torn\.json is not valid JSON/);
  });

  it('refuses unclear usage with exit 2', async () => {
    expect(await enrol([], capture())).toBe(2);
    expect(await enrol(['--provision', 'a', '--url', 'http://h'], capture())).toBe(2);
    expect(await enrol(['--bogus'], capture())).toBe(2);
    expect(await enrol(['--url', 'http://hub:8080', '--code', 'ABCD-2345'], capture())).toBe(2);
  });
});

describe('edge-agent enrol --url', () => {
  const answering =
    (status: number, body: unknown): typeof fetch =>
    async () =>
      new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

  it('posts the code and gateway id, and writes what the hub sends', async () => {
    const dir = await tempDir();
    const seen: unknown[] = [];
    const hub: typeof fetch = async (url, init) => {
      seen.push([String(url), JSON.parse(String(init?.body))]);
      return new Response(JSON.stringify(sampleProvisioningFile()), { status: 200 });
    };
    const io = capture(hub);
    const link = 'retail-enrol:http://hub.local:8080#gw-front:k7qm-2xpd';
    expect(await enrol(['--url', link, '--config-out', path.join(dir, 'gateway.json')], io)).toBe(0);
    expect(seen).toEqual([
      ['http://hub.local:8080/api/v1/enrol', { code: 'k7qm-2xpd', gatewayId: 'gw-front' }],
    ]);
  });

  it('explains a used, expired or wrong code', async () => {
    for (const [status, title, expected] of [
      [
        410,
        'enrolment refused: this code was already used (2030-01-15T08:00:00.000Z)',
        /already used.*provision the gateway again/,
      ],
      [410, 'enrolment refused: this code expired at 2030-01-15T09:00:00.000Z', /expired at .*new code/],
      [403, 'enrolment refused: no enrolment code like this was issued', /no enrolment code.*check the code/],
    ] as const) {
      const io = capture(answering(status, { type: 'about:blank', title, status }));
      expect(await enrol(['--url', 'http://hub', '--gateway', 'gw-front', '--code', 'ABCD-2345'], io)).toBe(
        1,
      );
      expect(io.err[0]).toMatch(expected);
    }
  });

  it('refuses a file for another gateway, and says when the hub cannot be reached', async () => {
    const other: Record<string, unknown> = { ...sampleProvisioningFile(), gatewayId: 'gw-back' };
    (other.config as Record<string, unknown>).gatewayId = 'gw-back';
    const io = capture(answering(200, other));
    expect(await enrol(['--url', 'http://hub', '--gateway', 'gw-front', '--code', 'ABCD2345'], io)).toBe(1);
    expect(io.err[0]).toMatch(/file of gateway "gw-back", not "gw-front"/);
    const down = capture(async () => {
      throw new TypeError('fetch failed');
    });
    expect(await enrol(['--url', 'http://hub', '--gateway', 'gw-front', '--code', 'ABCD2345'], down)).toBe(1);
    expect(down.err[0]).toMatch(/cannot reach the hub at http:\/\/hub\/api\/v1\/enrol: fetch failed/);
  });
});
