import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { expandInputFiles } from '../src/commands/input-files.js';
import { evaluateRecommendFiles } from '../src/commands/recommend-evaluation.js';
import { recommendOptions } from '../src/commands/recommend-flags.js';
import { repoRoot, simulateScenario } from './edge-simulate.js';

const demo = path.join(repoRoot, 'fixtures/stores/demo-supermarket');

interface SimulateSummary {
  days: { date: string; shoppers: number; transactions: number; files: { layout: string } }[];
}

describe('recommendation quality on simulated days with planted pairs', () => {
  let truth: string;
  let summary: SimulateSummary;

  beforeAll(async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'recommend-eval-'));
    const scenario = JSON.parse(
      await readFile(path.join(repoRoot, 'fixtures/scenarios/cross-merch.json'), 'utf8'),
    );
    Object.assign(scenario, {
      days: 2,
      arrivals: { ...scenario.arrivals, perDay: 1000 },
      layout: path.join(demo, 'layout.json'),
      catalogue: path.join(demo, 'catalogue.csv'),
    });
    const file = path.join(dir, 'scenario.json');
    await writeFile(file, JSON.stringify(scenario));
    summary = (await simulateScenario(file, dir)) as SimulateSummary;
    truth = path.join(dir, 'truth');
  }, 60_000);

  const evaluate = async (level: 'sku' | 'category') =>
    evaluateRecommendFiles(
      {
        layout: summary.days[0]!.files.layout,
        catalogue: path.join(demo, 'catalogue.csv'),
        transactions: await expandInputFiles([truth], 'pos.csv'),
        visits: await expandInputFiles([truth], 'visits.csv'),
        planted: await expandInputFiles([truth], 'planted-pairs.json'),
      },
      recommendOptions({ level }, { top: 10, hasCatalogue: true }),
      10,
      (line) => {
        throw new Error(`unexpected warning: ${line}`);
      },
    );

  it('simulated two days of about 1000 shoppers', () => {
    expect(summary.days.map((d) => d.date)).toEqual(['2026-03-09', '2026-03-10']);
    for (const d of summary.days) expect(d.shoppers).toBeGreaterThan(800);
  });

  it.each(['sku', 'category'] as const)(
    'puts both opportunities in the top 10 and never moves the control (%s level)',
    async (level) => {
      const result = await evaluate(level);
      expect(result.files).toEqual({ transactions: 2, visits: 2, planted: 2 });
      const byName = new Map(result.pairs.map((p) => [p.name, p]));
      expect(byName.get('paint-brushes')).toMatchObject({ role: 'opportunity', inTopK: true });
      expect(byName.get('paint-brushes')!.walkingDistanceM).toBeGreaterThan(25);
      expect(byName.get('babyfood-nappies')).toMatchObject({ role: 'opportunity', inTopK: true });
      expect(byName.get('pasta-sauces')).toMatchObject({ role: 'control', rank: null, moves: 0 });
      expect(byName.get('pasta-sauces')!.listedAdjacent).toBeGreaterThan(0);
      expect(result.recallAtK).toBeGreaterThanOrEqual(0.9);
      expect(result.controlsRecommended).toEqual([]);
      expect(result.targetMet).toBe(true);
    },
  );
});
