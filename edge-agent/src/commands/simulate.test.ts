import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parsePosCsv, parseVisitsCsv } from '@retail/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { simulate } from './simulate.js';

const fixtures = fileURLToPath(new URL('../../../fixtures/', import.meta.url));

/** cross-merch.json cut to `days` days of `perDay` shoppers, its layout and catalogue named absolutely. */
async function smallScenario(dir: string, days: number, perDay: number): Promise<string> {
  const scenario = JSON.parse(await readFile(path.join(fixtures, 'scenarios/cross-merch.json'), 'utf8'));
  scenario.days = days;
  scenario.arrivals.perDay = perDay;
  scenario.layout = path.join(fixtures, 'stores/demo-supermarket/layout.json');
  scenario.catalogue = path.join(fixtures, 'stores/demo-supermarket/catalogue.csv');
  const file = path.join(dir, 'scenario.json');
  await writeFile(file, JSON.stringify(scenario));
  return file;
}

function captured() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { log: (l: string) => out.push(l), error: (l: string) => err.push(l) } };
}

async function* lines(text: string) {
  yield text;
}

describe('edge-agent simulate', () => {
  let dir: string;
  let scenario: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'simulate-'));
    scenario = await smallScenario(dir, 3, 60);
  });

  it('writes each day’s truth in the product’s formats and a JSON summary', async () => {
    const { out, io } = captured();
    const out1 = path.join(dir, 'run');
    expect(await simulate(['--scenario', scenario, '--out', out1, '--days', '2'], io)).toBe(0);
    const summary = JSON.parse(out.at(-1)!);
    expect(summary).toMatchObject({ scenario: 'cross-merch', seed: 31337 });
    expect(summary.days.map((d: { date: string }) => d.date)).toEqual(['2026-03-09', '2026-03-10']);
    expect(summary.plantedPairs.map((p: { name: string }) => p.name)).toEqual([
      'paint-brushes',
      'babyfood-nappies',
      'pasta-sauces',
    ]);
    expect((await readdir(path.join(out1, 'truth'))).sort()).toEqual(['2026-03-09', '2026-03-10']);
    const day = summary.days[0];
    for (const f of [
      'pos.csv',
      'visits.csv',
      'app-members.csv',
      'entrance-counts.json',
      'planted-pairs.json',
      'layout.json',
    ])
      expect(await readFile(path.join(day.dir, f), 'utf8')).not.toBe('');
    // The files parse with the product's own parsers, and agree with the summary.
    const pos = [];
    for await (const r of parsePosCsv(lines(await readFile(day.files.pos, 'utf8')))) pos.push(r);
    expect(pos.every((r) => r.ok)).toBe(true);
    expect(pos).toHaveLength(day.posLines);
    expect(new Set(pos.map((r) => r.ok && r.value.transactionId)).size).toBe(day.transactions);
    const visits = [];
    for await (const r of parseVisitsCsv(lines(await readFile(day.files.visits, 'utf8')))) visits.push(r);
    expect(visits.length).toBeGreaterThan(day.shoppers);
    expect(visits.every((r) => r.ok)).toBe(true);
    const planted = JSON.parse(await readFile(day.files.plantedPairs, 'utf8'));
    expect(planted[0]).toMatchObject({ name: 'paint-brushes', a: expect.arrayContaining(['PNT-101']) });
    const layout = JSON.parse(await readFile(day.files.layout, 'utf8'));
    expect(layout.storeId).toBe('demo-supermarket');
  });

  it('is repeatable for a seed and differs with another', async () => {
    const run = async (name: string, ...extra: string[]) => {
      const { io } = captured();
      const outDir = path.join(dir, name);
      expect(await simulate(['--scenario', scenario, '--out', outDir, '--days', '1', ...extra], io)).toBe(0);
      return readFile(path.join(outDir, 'truth/2026-03-09/pos.csv'), 'utf8');
    };
    const a = await run('a');
    expect(await run('b')).toBe(a);
    expect(await run('c', '--seed', '7')).not.toBe(a);
  });

  it('refuses bad flags with exit 2 and the usage', async () => {
    const { err, io } = captured();
    expect(await simulate(['--scenario', scenario], io)).toBe(2);
    expect(err.at(-1)).toContain('missing --out DIR');
    expect(await simulate(['--scenario', scenario, '--out', dir, '--days', '4'], io)).toBe(2);
    expect(err.at(-1)).toContain('--days must be a number from 1 to 3');
    expect(await simulate(['--frobnicate'], io)).toBe(2);
    expect(await simulate(['--scenario', path.join(dir, 'missing.json'), '--out', dir], io)).toBe(1);
  });
});
