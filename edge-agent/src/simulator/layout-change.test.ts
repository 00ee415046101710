import { beforeAll, describe, expect, it } from 'vitest';
import { applyLayoutChange } from './layout-change.js';
import type { LoadedScenario } from './scenario-files.js';
import { layoutChangeSchema } from './scenario-schema.js';
import { loadDemo } from './simulator-test-kit.js';

describe('applyLayoutChange', () => {
  let demo: LoadedScenario;
  beforeAll(async () => {
    demo = await loadDemo();
  });
  const brushesToDecorating = layoutChangeSchema.parse({
    day: 0,
    moveSkus: [{ skus: ['BRU-101', 'BRU-102', 'BRU-103'], from: 'hh-endcap-brushes', to: 'diy-decorating' }],
  });

  it('moves SKUs and their category, as the next layout version', () => {
    const next = applyLayoutChange(
      demo.layout,
      brushesToDecorating,
      '2026-03-16T07:00:00.000Z',
      demo.catalogue,
    );
    const f = (id: string) => next.fixtures.find((x) => x.id === id)!;
    expect(f('hh-endcap-brushes').skus).toEqual([]);
    expect(f('hh-endcap-brushes').categories).toEqual([]);
    expect(f('diy-decorating').skus).toEqual([
      'DEC-101',
      'DEC-102',
      'DEC-103',
      'DEC-104',
      'BRU-101',
      'BRU-102',
      'BRU-103',
    ]);
    expect(f('diy-decorating').categories).toContain('Paint brushes & rollers');
    expect(next.layoutVersion).toBe(demo.layout.layoutVersion + 1);
    expect(next.effectiveFrom).toBe('2026-03-16T07:00:00.000Z');
    // The original is untouched.
    expect(demo.layout.fixtures.find((x) => x.id === 'hh-endcap-brushes')!.skus).toHaveLength(3);
  });

  it('moves a fixture to a new outline, and refuses one that leaves its zone', () => {
    const polygon: [number, number][] = [
      [38.8, 18.2],
      [39.7, 18.2],
      [39.7, 18.8],
      [38.8, 18.8],
    ];
    const moved = applyLayoutChange(
      demo.layout,
      layoutChangeSchema.parse({
        day: 0,
        moveFixtures: [{ fixtureId: 'hh-endcap-brushes', polygon, zoneId: 'diy' }],
      }),
      '2026-03-16T07:00:00.000Z',
    );
    expect(moved.fixtures.find((x) => x.id === 'hh-endcap-brushes')!.polygon).toEqual(polygon);
    expect(() =>
      applyLayoutChange(
        demo.layout,
        layoutChangeSchema.parse({ day: 0, moveFixtures: [{ fixtureId: 'hh-endcap-brushes', polygon }] }),
        '2026-03-16T07:00:00.000Z',
      ),
    ).toThrow(/outside its zone/);
  });

  it('names a missing fixture or SKU', () => {
    const bad = (from: string, sku: string) =>
      layoutChangeSchema.parse({ day: 0, moveSkus: [{ skus: [sku], from, to: 'diy-decorating' }] });
    expect(() => applyLayoutChange(demo.layout, bad('nowhere', 'BRU-101'), 'x')).toThrow(/"nowhere"/);
    expect(() => applyLayoutChange(demo.layout, bad('hh-endcap-brushes', 'PNT-101'), 'x')).toThrow(/PNT-101/);
  });
});
