import { describe, expect, it } from 'vitest';
import { shelf } from '../counterfactual/test-fixtures.js';
import { Planogram } from '../planogram/planogram.js';
import { chooseSwap, chooseTargetFixture } from './target-fixture.js';

// Metres from the paint wall, by fixture id.
const fromPaint: Record<string, number> = {
  'paint-wall': 0,
  'near-shelf': 2,
  'end-cap': 4,
  till: 1,
  staff: 1,
  'far-cap': 9,
};
const distance = (a: string, b: string) => (a === 'paint-wall' ? fromPaint[b] : undefined);

const fixtures = [
  shelf('paint-wall', 'diy', ['PAINT']),
  shelf('near-shelf', 'diy', ['FILLER']),
  shelf('end-cap', 'diy', ['TAPE'], { kind: 'end-cap' }),
  shelf('till', 'checkout', [], { kind: 'checkout' }),
  shelf('staff', 'back-room', []),
  shelf('far-cap', 'household', ['BRUSH'], { kind: 'end-cap' }),
  shelf('brush-bay', 'household', ['BRUSH']),
];
const planogram = new Planogram(fixtures, { level: 'sku' });
const blockedZones = new Set(['back-room']);

describe('chooseTargetFixture', () => {
  it('prefers an end-cap within reach over a nearer shelf, never a till or a staff-only zone', () => {
    const t = chooseTargetFixture(planogram, distance, 'paint-wall', 'BRUSH', { maxMetres: 6, blockedZones });
    expect(t?.fixture.id).toBe('end-cap');
    expect(t?.distanceMetres).toBe(4);
  });

  it('takes the nearest other fixture without an end-cap in reach, and A’s own as the last resort', () => {
    expect(
      chooseTargetFixture(planogram, distance, 'paint-wall', 'BRUSH', { maxMetres: 3, blockedZones })?.fixture
        .id,
    ).toBe('near-shelf');
    expect(
      chooseTargetFixture(planogram, distance, 'paint-wall', 'BRUSH', { maxMetres: 0.5, blockedZones })
        ?.fixture.id,
    ).toBe('paint-wall');
  });

  it('finds a same-kind fixture near A to swap with one of B’s', () => {
    const swap = chooseSwap(planogram, distance, 'paint-wall', 'BRUSH', { maxMetres: 6, blockedZones });
    expect([swap?.from.id, swap?.near.id]).toEqual(['brush-bay', 'near-shelf']);
    expect(
      chooseSwap(planogram, distance, 'paint-wall', 'BRUSH', { maxMetres: 1, blockedZones }),
    ).toBeUndefined();
  });
});
