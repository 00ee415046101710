import { describe, expect, it } from 'vitest';
import { type PlacedFixture, Planogram } from './planogram.js';

const square: PlacedFixture['polygon'] = [
  [0, 0],
  [1, 0],
  [1, 1],
];
const fixture = (id: string, zoneId: string, skus: string[], categories: string[] = []): PlacedFixture => ({
  id,
  kind: 'shelf',
  zoneId,
  polygon: square,
  skus,
  categories,
});

const fixtures = [
  fixture('paint-wall', 'diy', ['PNT-1', 'PNT-2'], ['Paint']),
  fixture('paint-promo', 'promo', ['PNT-1']),
  fixture('brush-cap', 'household', ['BRU-1'], ['Brushes']),
];

describe('Planogram', () => {
  it('places SKUs on every fixture that lists them, zones without repeats', () => {
    const p = new Planogram(fixtures, { level: 'sku' });
    expect(p.fixturesOf('PNT-1')).toEqual(['paint-wall', 'paint-promo']);
    expect(p.zonesOf('PNT-1')).toEqual(['diy', 'promo']);
    expect(p.zonesOf('PNT-2')).toEqual(['diy']);
    expect(p.fixturesOf('nowhere')).toEqual([]);
    expect(p.itemsOn('paint-wall')).toEqual(['PNT-1', 'PNT-2']);
    expect(p.items).toEqual(['PNT-1', 'PNT-2', 'BRU-1']);
  });

  it('at category level, takes the listed categories and the categories of the listed SKUs', () => {
    const categoryOf = (sku: string) => (sku.startsWith('PNT') ? 'Paint' : undefined);
    const p = new Planogram(fixtures, { level: 'category', categoryOf });
    expect(p.fixturesOf('Paint')).toEqual(['paint-wall', 'paint-promo']);
    expect(p.zonesOf('Brushes')).toEqual(['household']);
    expect(p.fixture('brush-cap')?.zoneId).toBe('household');
  });
});
