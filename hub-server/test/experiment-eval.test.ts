import { createReadStream } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { collect, parseCatalogueCsv } from '@retail/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluateExperimentFiles } from '../src/commands/eval-experiment-files.js';
import { expandInputFiles } from '../src/commands/input-files.js';
import { repoRoot, simulateScenario } from './edge-simulate.js';

const demo = path.join(repoRoot, 'fixtures/stores/demo-supermarket');
const catalogue = path.join(demo, 'catalogue.csv');

describe('a layout experiment on simulated days with a known effect', () => {
  let dir: string;
  let result: Awaited<ReturnType<typeof evaluateExperimentFiles>>;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'experiment-eval-'));
    const scenario = JSON.parse(
      await readFile(path.join(repoRoot, 'fixtures/scenarios/layout-change.json'), 'utf8'),
    );
    // Eight days of 500 shoppers with the move on day 4: paint and brushes are made more popular and
    // the planted affinity stronger than in the fixture, so that the effect stands clear of the noise
    // of 4 days a side (at this seed +5.2 points, interval +2.5…+9.2; over 25 seeds the effect was
    // +5…+11 points, every interval excluded zero and 24 of 25 covered the truth).
    Object.assign(scenario, {
      days: 8,
      arrivals: { ...scenario.arrivals, perDay: 500 },
      layout: path.join(demo, 'layout.json'),
      catalogue,
      layoutChange: { ...scenario.layoutChange, day: 4 },
    });
    Object.assign(scenario.basket.categoryWeights, { Paint: 1, 'Paint brushes & rollers': 0.5 });
    scenario.affinities[0].strength = 0.5;
    const { layoutChange: _move, ...withoutMove } = scenario;
    const withFile = path.join(dir, 'with-move.json');
    const withoutFile = path.join(dir, 'without-move.json');
    await writeFile(withFile, JSON.stringify(scenario));
    await writeFile(withoutFile, JSON.stringify({ ...withoutMove, name: 'layout-change-without-move' }));
    await Promise.all([
      simulateScenario(withFile, path.join(dir, 'with')),
      simulateScenario(withoutFile, path.join(dir, 'without')),
    ]);

    // The registration as the API takes it. Control pairs: grocery pairs of about the target's base
    // rate in zones the move does not touch (pantry, drinks, dairy — not household or DIY); control
    // categories for sales: low-volume ones away from both fixtures (seasonal promo, baby care).
    const { rows } = await collect(parseCatalogueCsv(createReadStream(catalogue)));
    const skusOf = (category: string) => rows.filter((r) => r.category === category).map((r) => r.sku);
    const experiment = {
      id: 'brushes-by-paint',
      date: '2026-03-13',
      stores: ['demo-supermarket'],
      movedSkus: scenario.layoutChange.moveSkus[0].skus,
      pairs: [[skusOf('Paint'), skusOf('Paint brushes & rollers')]],
      control: {
        categories: ['Seasonal', 'Baby toiletries'],
        pairs: [
          [skusOf('Pasta'), skusOf('Pasta sauces')],
          [skusOf('Wine'), skusOf('Cheese')],
        ],
      },
    };
    const experimentFile = path.join(dir, 'experiment.json');
    await writeFile(experimentFile, JSON.stringify(experiment));
    result = await evaluateExperimentFiles(
      {
        experiment: experimentFile,
        transactions: await expandInputFiles([path.join(dir, 'with/truth')], 'pos.csv'),
        truthTransactions: await expandInputFiles([path.join(dir, 'without/truth')], 'pos.csv'),
        catalogue,
      },
      { resamples: 2000, seed: 1 },
      (line) => {
        throw new Error(`unexpected warning: ${line}`);
      },
    );
  }, 60_000);

  it('simulated the same shoppers in both runs: the days before the move are identical', async () => {
    expect(result.files).toEqual({ transactions: 8, truthTransactions: 8 });
    const posOf = (run: string, date: string) =>
      readFile(path.join(dir, run, 'truth', date, 'pos.csv'), 'utf8');
    for (const date of ['2026-03-09', '2026-03-12']) {
      const withMove = await posOf('with', date);
      expect(withMove.length).toBeGreaterThan(1000);
      expect(withMove).toBe(await posOf('without', date));
    }
    expect(await posOf('with', '2026-03-13')).not.toBe(await posOf('without', '2026-03-13'));
  });

  it('covers the true co-purchase effect with its 95 % interval, and the interval excludes zero', () => {
    const co = result.coPurchaseRate;
    if (co.estimate === null) throw new Error(co.reason);
    if (!co.truth || co.truth.effect === null) throw new Error('no truth');
    expect(co.days).toEqual({ treatedBefore: 4, treatedAfter: 4, controlBefore: 4, controlAfter: 4 });
    expect(co.truth.effect).toBeGreaterThan(0.03);
    expect(co.ci95[0]).toBeLessThanOrEqual(co.truth.effect);
    expect(co.ci95[1]).toBeGreaterThanOrEqual(co.truth.effect);
    expect(co.truth.covered).toBe(true);
    expect(result.covered).toBe(true);
    expect(co.ci95[0]).toBeGreaterThan(0);
    expect(co.excludesZero).toBe(true);
    // The controls are out of the move's reach: their co-purchase barely differs between the runs.
    expect(Math.abs(co.truth.controlShift)).toBeLessThan(0.002);
  });

  it('covers the true effect on sales of the moved brushes too', () => {
    const sales = result.salesPerBasket;
    if (sales.estimate === null) throw new Error(sales.reason);
    if (!sales.truth || sales.truth.effect === null) throw new Error('no truth');
    expect(sales.truth.effect).toBeGreaterThan(0);
    expect(sales.truth.covered).toBe(true);
    expect(Math.abs(sales.truth.controlShift)).toBeLessThan(0.002);
    expect(result.refusedRows).toEqual({ transactions: 0, truthTransactions: 0, catalogue: 0 });
  });
});
