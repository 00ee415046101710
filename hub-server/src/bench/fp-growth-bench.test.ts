import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFpGrowthBench } from './fp-growth-bench.js';

describe('runFpGrowthBench', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'fp-bench-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('finds the same itemsets as node-fpgrowth on a basket file and on synthetic baskets', async () => {
    const file = join(dir, 'baskets.csv');
    const lines = ['milk,bread,eggs', 'milk,bread', 'bread,eggs', 'milk,eggs,butter', 'milk,bread,butter'];
    await writeFile(file, `${Array.from({ length: 40 }, (_, i) => lines[i % lines.length]).join('\n')}\n`);
    const progress: string[] = [];
    const result = await runFpGrowthBench({
      files: [file],
      fileMinSupport: 0.1,
      synthetic: { transactions: 1500, items: 120, seed: 3, minSupport: 0.01 },
      runs: 2,
      warmup: 1,
      progress: (line) => progress.push(line),
    });
    expect(result.comparisons).toHaveLength(2);
    const [lines40, synthetic] = result.comparisons;
    // Each line 8 times, so every subset of a line is frequent: 4 items, 6 pairs, 3 triples.
    expect(lines40).toMatchObject({ baskets: 40, items: 4, minCount: 4, itemsets: 13, identical: true });
    expect(synthetic).toMatchObject({ baskets: 1500, identical: true });
    expect(synthetic!.itemsets).toBeGreaterThan(120);
    for (const c of result.comparisons) expect(c.differences.total).toBe(0);
    expect(progress.filter((l) => l.includes('node-fpgrowth'))).toHaveLength(2 * 3);
    expect('scale' in result).toBe(false);
  });
});
