import { describe, expect, it } from 'vitest';
import { ExperimentRegistry, layoutExperimentSchema } from './layout-experiment.js';

const brushes = {
  id: 'brushes-by-paint',
  date: '2026-04-06',
  stores: ['store-1'],
  movedSkus: ['BRU-101'],
  pairs: [['PNT-101', 'BRU-101']],
  control: { stores: ['store-2', 'store-3'] },
};

describe('layout experiments', () => {
  it('registers a valid change once and lists by date', () => {
    const registry = new ExperimentRegistry();
    expect(registry.register(brushes).ok).toBe(true);
    const again = registry.register(brushes);
    expect(again.ok || again.issues).toEqual([
      { path: 'id', message: 'experiment "brushes-by-paint" is already registered' },
    ]);
    registry.register({ ...brushes, id: 'earlier', date: '2026-01-05', control: { categories: ['Tools'] } });
    expect(registry.list().map((e) => e.id)).toEqual(['earlier', 'brushes-by-paint']);
    expect(registry.get('earlier')?.control).toEqual({ categories: ['Tools'], pairs: [] });
  });

  it('accepts a pair side that is a group of SKUs (any of them), but not an empty one', () => {
    const paintBrushes = [
      ['PNT-101', 'PNT-102'],
      ['BRU-101', 'BRU-102', 'BRU-103'],
    ];
    const ok = layoutExperimentSchema.safeParse({
      ...brushes,
      pairs: [paintBrushes, ['PNT-101', 'BRU-101']],
    });
    expect(ok.data?.pairs).toEqual([paintBrushes, ['PNT-101', 'BRU-101']]);
    const empty = layoutExperimentSchema.safeParse({ ...brushes, pairs: [[[], 'BRU-101']] });
    expect(empty.success).toBe(false);
  });

  it('names every problem by path, including a control store that is also treated', () => {
    const r = new ExperimentRegistry().register({
      ...brushes,
      date: '6 April',
      movedSkus: [],
      control: { stores: ['store-1'] },
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => i.path)).toEqual(['date', 'movedSkus', 'control.stores[0]']);
    const overlap = layoutExperimentSchema.safeParse({ ...brushes, control: { stores: ['store-1'] } });
    expect(overlap.error?.issues[0]).toMatchObject({
      path: ['control', 'stores', 0],
      message: 'store "store-1" is also treated',
    });
  });
});
