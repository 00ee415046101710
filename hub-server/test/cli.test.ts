// The hub CLI as a user meets it: exit codes, and errors that name the file, field and path.
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../bin/hub-server.js', import.meta.url));
const demo = fileURLToPath(new URL('../../fixtures/stores/demo-supermarket/layout.json', import.meta.url));
const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });

describe('hub-server CLI', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'hub-cli-'));
  });

  it('prints help and refuses unknown commands with exit 2', () => {
    expect(run('--help').stdout).toContain('validate layout');
    const r = run('frobnicate');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('unknown command: frobnicate');
  });

  it('validates the demo layout and lists every problem of a broken one by path', async () => {
    const ok = run('validate', 'layout', demo);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/valid layout "Demo Supermarket" v1 — 13 zones/);

    const layout = JSON.parse(await readFile(demo, 'utf8'));
    layout.fixtures[3].zoneId = 'nowhere';
    layout.cameras[0].gatewayId = 'gw-x';
    const bad = path.join(dir, 'bad.json');
    await writeFile(bad, JSON.stringify(layout));
    const r = run('validate', 'layout', bad);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('fixtures[3].zoneId: zone "nowhere" does not exist');
    expect(r.stderr).toContain('cameras[0].gatewayId: gateway "gw-x" does not exist');

    const notJson = path.join(dir, 'not.json');
    await writeFile(notJson, '{ "zones": [');
    const nj = run('validate', 'layout', notJson);
    expect(nj.status).toBe(1);
    expect(nj.stderr).toContain(`${notJson} is not valid JSON`);
  });

  it('renders the demo layout to a PNG of the floor plan', async () => {
    const out = path.join(dir, 'plan.png');
    const r = run('render', 'layout', demo, '--out', out, '--scale', '20');
    expect(r.status).toBe(0);
    const meta = await sharp(out).metadata();
    expect(meta.format).toBe('png');
    expect(meta.width).toBeGreaterThan(40 * 20);
  });

  it('refuses a bad configuration naming the field', () => {
    const r = run('start', '--port', 'abc');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('http.port');
  });
});
