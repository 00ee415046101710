// Test support: square fixtures on a row of zones a, b, c (each 10 m wide, fixtures at their centres).
import type { PlacedFixture } from '../planogram/planogram.js';

export function squareAt(x: number, y: number, half = 0.5): PlacedFixture['polygon'] {
  return [
    [x - half, y - half],
    [x + half, y - half],
    [x + half, y + half],
    [x - half, y + half],
  ];
}

export function shelf(
  id: string,
  zoneId: string,
  skus: string[],
  options: { kind?: PlacedFixture['kind']; x?: number; y?: number; categories?: string[] } = {},
): PlacedFixture {
  const x = options.x ?? { a: 5, b: 15, c: 25 }[zoneId] ?? 0;
  return {
    id,
    kind: options.kind ?? 'shelf',
    zoneId,
    polygon: squareAt(x, options.y ?? 5),
    skus,
    categories: options.categories ?? [],
  };
}
