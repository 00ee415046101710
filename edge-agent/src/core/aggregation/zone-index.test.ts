import { describe, expect, it } from 'vitest';
import { testLayout } from './aggregation-test-kit.js';
import { ZoneIndex } from './zone-index.js';

describe('ZoneIndex', () => {
  const index = new ZoneIndex({ zones: testLayout().zones });

  it('never reports staff-only zones', () => {
    expect(index.zoneIds).toEqual(['produce', 'bakery', 'end-cap']);
    expect(index.locate(11, 7)).toEqual({ inside: ['bakery'], primary: 'bakery' });
  });

  it('finds every zone containing a point, with the smallest as the most specific', () => {
    expect(index.locate(3, 3)).toEqual({ inside: ['produce', 'end-cap'], primary: 'end-cap' });
    expect(index.locate(1, 1)).toEqual({ inside: ['produce'], primary: 'produce' });
    // On the shared edge of two zones the point is in both; the tie goes to layout order.
    expect(index.locate(6, 4)).toEqual({ inside: ['produce', 'bakery'], primary: 'produce' });
    expect(index.locate(13, 4)).toEqual({ inside: [], primary: undefined });
  });
});
