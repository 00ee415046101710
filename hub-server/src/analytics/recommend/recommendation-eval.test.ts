import { describe, expect, it } from 'vitest';
import { evaluateRecommendations } from './recommendation-eval.js';

// Paint and brushes 30 m apart, baby food and nappies 12 m, pasta and sauce on one shelf (a control).
const metres: Record<string, number> = { paint: 30, baby: 12, pasta: 2 };
const sideOf = (item: string) => item.split('-')[0]!;
const planted = [
  { name: 'paint-brushes', a: ['paint-1', 'paint-2'], b: ['paint-brush'] },
  { name: 'babyfood-nappies', a: ['baby-food'], b: ['baby-nappy'] },
  { name: 'pasta-sauces', a: ['pasta-1'], b: ['pasta-sauce'] },
];
const base = {
  planted,
  adjacentPairs: [{ a: 'pasta-sauce', b: 'pasta-1' }],
  distance: (a: readonly string[]) => metres[sideOf(a[0]!)],
  adjacentMetres: 6,
  k: 3,
};
const moves = (...pairs: [string, string][]) =>
  pairs.map(([anchor, moved], i) => ({ rank: i + 1, anchor, moved }));

describe('evaluateRecommendations', () => {
  it('ranks each planted pair by its best move, either way round, and scores recall@k', () => {
    const e = evaluateRecommendations({
      ...base,
      recommendations: moves(
        ['milk', 'bread'],
        ['paint-brush', 'paint-2'],
        ['paint-1', 'paint-brush'],
        ['x', 'y'],
        ['baby-food', 'baby-nappy'],
      ),
    });
    expect(e.pairs.map((p) => [p.name, p.role, p.rank, p.inTopK, p.moves])).toEqual([
      ['paint-brushes', 'opportunity', 2, true, 2],
      ['babyfood-nappies', 'opportunity', 5, false, 1],
      ['pasta-sauces', 'control', null, false, 0],
    ]);
    expect(e.pairs[0]!.bestMove).toEqual({ anchor: 'paint-brush', moved: 'paint-2' });
    expect(e.pairs[2]).toMatchObject({ walkingDistanceM: 2, listedAdjacent: 1 });
    expect(e).toMatchObject({ opportunities: 2, foundInTopK: 1, recallAtK: 0.5, controls: 1 });
    expect(e.controlsRecommended).toEqual([]);
    expect(e.controlsInTopK).toEqual([]);
  });

  it('flags a control that is moved, and a pair no route joins', () => {
    const e = evaluateRecommendations({
      ...base,
      planted: [...planted, { name: 'ghost', a: ['ghost-1'], b: ['ghost-2'] }],
      recommendations: moves(
        ['paint-1', 'paint-brush'],
        ['baby-nappy', 'baby-food'],
        ['a', 'b'],
        ['pasta-sauce', 'pasta-1'],
      ),
    });
    expect(e.recallAtK).toBe(1);
    expect(e.controlsRecommended).toEqual(['pasta-sauces']);
    expect(e.controlsInTopK).toEqual([]);
    expect(e.pairs.find((p) => p.name === 'ghost')).toMatchObject({
      role: 'unplaced',
      walkingDistanceM: null,
    });
    const tighter = evaluateRecommendations({
      ...base,
      k: 4,
      recommendations: moves(['pasta-1', 'pasta-sauce']),
    });
    expect(tighter.controlsInTopK).toEqual(['pasta-sauces']);
    expect(tighter.recallAtK).toBe(0);
  });

  it('has no recall without opportunities', () => {
    const e = evaluateRecommendations({ ...base, planted: [planted[2]!], recommendations: [] });
    expect(e.recallAtK).toBeNull();
    expect(e.opportunities).toBe(0);
  });
});

describe('evaluateRecommendations and moves that carry several pairs', () => {
  it('counts a planted pair found by an item pair riding along with a move', () => {
    const e = evaluateRecommendations({
      ...base,
      recommendations: [
        {
          rank: 1,
          anchor: 'paint-1',
          moved: 'tape',
          sameMove: [{ anchor: 'paint-2', moved: 'paint-brush' }],
        },
      ],
    });
    expect(e.pairs[0]).toMatchObject({ name: 'paint-brushes', rank: 1, inTopK: true });
  });
});
