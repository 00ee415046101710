import { describe, expect, it } from 'vitest';
import { shelf } from '../counterfactual/test-fixtures.js';
import { Planogram } from '../planogram/planogram.js';
import { recommendCrossMerchandising } from './recommend.js';

// Zone a holds paint and pasta-sauce's neighbours; zone c (far) holds brushes; pasta and sauce sit
// 2 m apart in zone b. An end-cap in zone a is the natural home for a brush facing.
const planogram = new Planogram(
  [
    shelf('paint', 'a', ['PAINT']),
    shelf('cap-a', 'a', ['TAPE'], { kind: 'end-cap' }),
    shelf('pasta', 'b', ['PASTA']),
    shelf('sauce', 'b', ['SAUCE']),
    shelf('brush', 'c', ['BRUSH']),
  ],
  { level: 'sku' },
);
const x: Record<string, number> = { paint: 0, 'cap-a': 3, pasta: 10, sauce: 12, brush: 30 };
const distance = (a: string, b: string) => Math.abs(x[a]! - x[b]!);

function scenario() {
  const baskets: string[][] = [];
  const joinedPaths: { zones: Set<string>; basket: Set<string> }[] = [];
  // 40 painters: 8 also walk zone c and 6 of those buy a brush; the 32 others never see brushes.
  for (let i = 0; i < 40; i++) {
    const zones = new Set(i < 8 ? ['a', 'c'] : ['a']);
    const basket = new Set(i < 6 ? ['PAINT', 'BRUSH'] : ['PAINT']);
    baskets.push([...basket]);
    joinedPaths.push({ zones, basket });
  }
  // 40 cooks: pasta and sauce together in 30.
  for (let i = 0; i < 40; i++) {
    const basket = new Set(i < 30 ? ['PASTA', 'SAUCE'] : ['PASTA']);
    baskets.push([...basket]);
    joinedPaths.push({ zones: new Set(['b']), basket });
  }
  // 120 others buy tape, or sauce alone, or a brush alone.
  for (let i = 0; i < 120; i++)
    baskets.push([i % 3 === 0 ? 'SAUCE' : i % 3 === 1 ? 'TAPE' : i % 12 === 2 ? 'BRUSH' : 'TAPE']);
  return { baskets, joinedPaths };
}

describe('recommendCrossMerchandising', () => {
  const { baskets, joinedPaths } = scenario();
  const result = recommendCrossMerchandising(
    {
      baskets,
      weeks: 2,
      joinedPaths,
      sessionZones: joinedPaths.map((p) => p.zones),
      planogram,
      distance,
    },
    { minSupport: 0.02, minLift: 1.2, minLeverage: 0.001 },
  );

  it('ranks the far-apart pair first with its numbers and an end-cap beside the anchor', () => {
    const top = result.recommendations[0]!;
    expect([top.anchor, top.moved]).toEqual(['PAINT', 'BRUSH']);
    expect(top.distanceMetres).toBe(30);
    expect(top.coVisitRate).toBeCloseTo(8 / 40);
    expect(top.evidence).toMatchObject({
      exposed: { sessions: 8, boughtB: 6 },
      unexposed: { sessions: 32, boughtB: 0 },
    });
    expect(top.model.weeklyABuyers).toBe(20);
    const c = 6 / 40;
    const effect = (6 + 5 * c) / 13 - (5 * c) / 37;
    expect(top.expectedExtraCoPurchasesPerWeek).toBeCloseTo(20 * 0.8 * effect);
    expect(top.action).toMatchObject({ kind: 'add-facing', fixtureId: 'cap-a', fixtureKind: 'end-cap' });
    expect(top.action.sentence).toMatch(
      /^Add BRUSH to end-cap cap-a beside PAINT \(paint\): today 30 m apart/,
    );
  });

  it('never recommends moving a pair already within the adjacency distance', () => {
    const named = result.recommendations.map((r) => [r.anchor, r.moved].sort().join('+'));
    expect(named).not.toContain('PASTA+SAUCE');
    expect(result.adjacentPairs.map((p) => [p.a, p.b].sort().join('+'))).toContain('PASTA+SAUCE');
    expect(result.adjacentPairs.find((p) => p.a === 'PASTA' || p.b === 'PASTA')?.distanceMetres).toBe(2);
  });

  it('lists each unordered pair once, in its better direction', () => {
    const keys = result.recommendations.map((r) => [r.anchor, r.moved].sort().join('+'));
    expect(new Set(keys).size).toBe(keys.length);
    expect(result.recommendations.map((r) => r.rank)).toEqual(keys.map((_, i) => i + 1));
  });

  it('offers a swap with its replayed exposure when a same-kind fixture sits beside the anchor', () => {
    const alt = result.recommendations[0]!.alternative;
    // The nearest shelf to paint is pasta (10 m) — out of reach at 6 m, so no swap is offered...
    expect(alt).toBeUndefined();
    // ...but with a wider reach the pasta shelf and the brush shelf trade places.
    const wide = recommendCrossMerchandising(
      { baskets, weeks: 2, joinedPaths, sessionZones: joinedPaths.map((p) => p.zones), planogram, distance },
      { minSupport: 0.02, adjacentMetres: 11, top: 1 },
    ).recommendations[0]!;
    expect(wide.alternative?.fixtureIds).toEqual(['brush', 'pasta']);
    expect(wide.alternative?.exposureOfB).toEqual({ before: 0.1, after: 0.5 });
    expect(wide.alternative?.largestLoss).toEqual({ item: 'PASTA', before: 0.5, after: 0.1 });
  });
});
