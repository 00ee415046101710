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

// Every basket also holds 0–3 background goods (BG*, on no fixture) by its position, so basket sizes vary
// independently of the pairs, as in a real store: affinity is judged against baskets of the same size.
function withBackground(items: string[], j: number): string[] {
  return [...items, ...Array.from({ length: j % 4 }, (_, t) => `BG${(j * 7 + 5 * t) % 12}`)];
}

function scenario() {
  const baskets: string[][] = [];
  const joinedPaths: { zones: Set<string>; basket: Set<string> }[] = [];
  const add = (items: string[], zones?: string[]) => {
    const basket = withBackground(items, baskets.length);
    baskets.push(basket);
    if (zones) joinedPaths.push({ zones: new Set(zones), basket: new Set(basket) });
  };
  // 40 painters: 20 also walk zone c and 15 of those buy a brush; the 20 others never see brushes.
  for (let i = 0; i < 40; i++) add(i < 15 ? ['PAINT', 'BRUSH'] : ['PAINT'], i < 20 ? ['a', 'c'] : ['a']);
  // 40 cooks: pasta and sauce together in 30.
  for (let i = 0; i < 40; i++) add(i < 30 ? ['PASTA', 'SAUCE'] : ['PASTA'], ['b']);
  // 120 others buy tape, or sauce alone, or a brush alone; the first 40 walk zones b and c, where 4
  // of them take a brush: what shoppers passing brushes buy without paint.
  for (let i = 0; i < 120; i++)
    add(
      [i % 3 === 0 ? 'SAUCE' : i % 3 === 1 ? 'TAPE' : i % 12 === 2 ? 'BRUSH' : 'TAPE'],
      i < 40 ? ['b', 'c'] : undefined,
    );
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
    { minSupport: 0.02, minBaskets: 5, minLift: 1.2, minLeverage: 0.001 },
  );

  it('ranks the far-apart pair first with its numbers and an end-cap beside the anchor', () => {
    const top = result.recommendations[0]!;
    expect([top.anchor, top.moved]).toEqual(['PAINT', 'BRUSH']);
    expect(top.distanceMetres).toBe(30);
    expect(top.coVisitRate).toBeCloseTo(20 / 40);
    expect(top.evidence).toEqual({
      aBuyers: 40,
      coVisitRate: 0.5,
      exposed: { sessions: 20, boughtB: 15 },
      unexposed: { sessions: 20, boughtB: 0 },
      exposedWithoutA: { sessions: 40, boughtB: 4 },
    });
    expect(top.model.weeklyABuyers).toBe(20);
    const c = 19 / 60; // brush buyers among everyone passing brushes
    const effect = (15 + 5 * c) / 25 - (4 + 5 * c) / 45;
    expect(top.expectedExtraCoPurchasesPerWeek).toBeCloseTo(20 * 0.5 * effect);
    expect(top.affinity.lift).toBeGreaterThan(top.affinity.plainLift / 2);
    expect(top.fromFixtureId).toBe('brush');
    expect(top.sameMove).toEqual([]);
    expect(top.action).toMatchObject({ kind: 'add-facing', fixtureId: 'cap-a', fixtureKind: 'end-cap' });
    expect(top.action.sentence).toMatch(
      /^Add BRUSH to end-cap cap-a beside PAINT \(paint\): today 30 m apart and only 50 % of its buyers/,
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
      { minSupport: 0.02, minBaskets: 5, adjacentMetres: 11, top: 1 },
    ).recommendations[0]!;
    expect(wide.alternative?.fixtureIds).toEqual(['brush', 'pasta']);
    // Zone c is walked by 60 of the 120 sessions, zone b by 80.
    expect(wide.alternative?.exposureOfB).toEqual({ before: 0.5, after: 0.6667 });
    expect(wide.alternative?.largestLoss).toEqual({ item: 'PASTA', before: 0.6667, after: 0.5 });
  });
});

describe('recommendCrossMerchandising, one move per pair of fixtures', () => {
  // Brushes and rollers share the tools shelf, 30 m from the paint: both pairs are one walk to shorten.
  const tools = new Planogram(
    [shelf('paint', 'a', ['PAINT']), shelf('tools', 'c', ['BRUSH', 'ROLLER']), shelf('tape', 'd', ['TAPE'])],
    { level: 'sku' },
  );
  const at: Record<string, number> = { paint: 0, tools: 30, tape: 15 };
  const baskets: string[][] = [];
  const joinedPaths: { zones: Set<string>; basket: Set<string> }[] = [];
  const add = (items: string[], zones: string[]) => {
    const basket = withBackground(items, baskets.length);
    baskets.push(basket);
    joinedPaths.push({ zones: new Set(zones), basket: new Set(basket) });
  };
  // 40 painters, 28 of whom pass the tools shelf: 14 take a brush, 14 a roller.
  for (let i = 0; i < 40; i++)
    add(i < 14 ? ['PAINT', 'BRUSH'] : i < 28 ? ['PAINT', 'ROLLER'] : ['PAINT'], i < 28 ? ['a', 'c'] : ['a']);
  // 120 others pass the tools shelf too; a few take a brush or a roller, the rest tape.
  for (let i = 0; i < 120; i++) add([i % 20 === 0 ? 'BRUSH' : i % 20 === 1 ? 'ROLLER' : 'TAPE'], ['c', 'd']);
  const distance = (a: string, b: string) => Math.abs(at[a]! - at[b]!);
  const { recommendations } = recommendCrossMerchandising(
    { baskets, weeks: 1, joinedPaths, sessionZones: [], planogram: tools, distance },
    // Small sample: the roller pair's p-value is 0.03, so the ceiling is raised to keep both pairs.
    { minSupport: 0.02, minBaskets: 5, maxPValue: 0.05 },
  );

  it('keeps the stronger pair as the move and lists the other under it', () => {
    expect(recommendations.map((r) => [r.rank, r.anchor, r.moved, r.fromFixtureId])).toEqual([
      [1, 'PAINT', 'BRUSH', 'tools'],
    ]);
    const [move] = recommendations;
    expect(move!.sameMove.map((p) => [p.anchor, p.moved])).toEqual([['PAINT', 'ROLLER']]);
    // Equal expected gains (the data are symmetric); the brush pair's higher lift breaks the tie.
    expect(move!.sameMove[0]!.expectedExtraCoPurchasesPerWeek).toBeCloseTo(
      move!.expectedExtraCoPurchasesPerWeek,
    );
    expect(move!.sameMove[0]!.lift).toBeLessThan(move!.affinity.lift);
  });
});
