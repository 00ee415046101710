import { describe, expect, it } from 'vitest';
import { coVisit } from './co-visit.js';

const path = (zones: string, basket: string) => ({
  zones: new Set(zones.split('')),
  basket: new Set(basket.split(',')),
});

describe('coVisit', () => {
  it('splits A-buyers by whether their path passed one of B’s zones, and counts the other passers', () => {
    const paths = [
      path('ab', 'A,B'),
      path('ac', 'A'),
      path('a', 'A'),
      path('a', 'A,B'), // bought B without passing it
      path('c', 'A,B'), // passed B's other zone
      path('b', 'B'), // not an A-buyer, passed B and bought it
      path('cd', 'C'), // not an A-buyer, passed B's other zone
      path('d', 'B'), // bought B without passing it, and no A: in no group
    ];
    expect(coVisit(paths, 'A', 'B', ['b', 'c'])).toEqual({
      aBuyers: 5,
      coVisitRate: 3 / 5,
      exposed: { sessions: 3, boughtB: 2 },
      unexposed: { sessions: 2, boughtB: 1 },
      exposedWithoutA: { sessions: 2, boughtB: 1 },
    });
    expect(coVisit([path('b', 'B')], 'A', 'B', ['b']).coVisitRate).toBeNull();
  });
});
