import { describe, expect, it } from 'vitest';
import { CAVIAR_PERSON_SIZE, expectedSide, type PersonSizePrior } from './person-size.js';

const prior: PersonSizePrior = { nadirX: 100, nadirY: 50, sideAtNadir: 40, shrinkPerPixel: 0.2, minSide: 10 };

describe('expectedSide', () => {
  it('is largest at the nadir and shrinks linearly with the distance, down to the minimum', () => {
    expect(expectedSide(prior, 100, 50)).toBe(40);
    expect(expectedSide(prior, 130, 90)).toBe(30);
    expect(expectedSide(prior, 1000, 50)).toBe(10);
  });

  it('gives people of 20 to 55 pixels inside the CAVIAR image', () => {
    for (const [x, y] of [
      [205, 150],
      [0, 0],
      [383, 287],
      [100, 60],
    ] as const) {
      const side = expectedSide(CAVIAR_PERSON_SIZE, x, y);
      expect(side).toBeGreaterThanOrEqual(CAVIAR_PERSON_SIZE.minSide);
      expect(side).toBeLessThanOrEqual(55);
    }
  });
});
