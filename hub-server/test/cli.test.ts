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
    // Valid, but the side door and four departments have no camera: warnings, not a failure.
    expect(ok.stdout).toContain(
      'warning: entrance "side-entrance" (DIY side entrance): no camera sees its counting line, so it will count nobody',
    );
    expect(ok.stdout).toContain(
      'warning: zones "bakery", "dairy-chilled", "frozen", "produce": no camera sees them, so they will have no traffic figures',
    );
    // The pantry aisle is in view of both gateways' cameras: counted by each.
    expect(ok.stdout).toMatch(
      /warning: zones .*"pantry" 19% \(gw-front, gw-back\).*: cameras of several gateways see this floor/,
    );

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

  it('mines association rules from a POS file, at SKU and category level', async () => {
    // 200 baskets: paint with brushes in 30 of them, pasta with sauce in 40, noise elsewhere.
    const lines = ['transaction_id,sku'];
    for (let t = 0; t < 200; t++) {
      const items =
        t < 30
          ? ['paint-white', 'brush-50mm']
          : t < 70
            ? ['pasta-penne', 'sauce-tomato']
            : [`misc-${t % 17}`, `misc-${(t * 7) % 13}`];
      for (const sku of items) lines.push(`t${t},${sku}`);
    }
    const tx = path.join(dir, 'pos.csv');
    await writeFile(tx, `${lines.join('\n')}\n`);
    const cat = path.join(dir, 'catalogue.csv');
    await writeFile(
      cat,
      'sku,name,category\npaint-white,White paint,Paint\nbrush-50mm,Brush 50 mm,Brushes\npasta-penne,Penne,Pasta\nsauce-tomato,Tomato sauce,Sauces\n',
    );
    const r = run(
      'analyze',
      'rules',
      '--transactions',
      tx,
      '--min-support',
      '0.1',
      '--min-confidence',
      '0.5',
    );
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as {
      baskets: number;
      rules: { antecedent: string[]; consequent: string[]; lift: number; conviction: number | null }[];
    };
    expect(out.baskets).toBe(200);
    const paint = out.rules.find(
      (x) => x.antecedent[0] === 'paint-white' && x.consequent[0] === 'brush-50mm',
    );
    expect(paint?.lift).toBeCloseTo(200 / 30, 5);
    expect(paint?.conviction).toBeNull();
    const byCategory = run(
      'analyze',
      'rules',
      '--transactions',
      tx,
      '--catalogue',
      cat,
      '--level',
      'category',
      '--min-support',
      '0.1',
    );
    expect(byCategory.status).toBe(0);
    const rules = (
      JSON.parse(byCategory.stdout) as { rules: { antecedent: string[]; consequent: string[] }[] }
    ).rules;
    expect(rules.map((x) => `${x.antecedent}→${x.consequent}`)).toEqual(
      expect.arrayContaining(['Paint→Brushes', 'Pasta→Sauces']),
    );
    expect(run('analyze', 'rules', '--transactions', tx, '--level', 'category').status).toBe(2);
  });

  it('refuses a bad configuration naming the field', () => {
    const r = run('start', '--port', 'abc');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('http.port');
  });
});
