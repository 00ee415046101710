import { describe, expect, it } from 'vitest';
import { CAVIAR_PERSON_SCORE, personScore } from './person-score.js';

const score = (fill: number, edgeShare: number, width = 20, height = 20) =>
  personScore(CAVIAR_PERSON_SCORE, fill, edgeShare, width, height);

describe('personScore', () => {
  it('is a logistic of the weighted features, 0.5 where they cancel the bias', () => {
    const weights = { bias: -2, fill: 1, edgeShare: 2, elongation: 1 };
    expect(personScore(weights, 1, 0.5, 10, 10)).toBeCloseTo(0.5, 10);
    expect(personScore(weights, 1, 0.5, 10 * Math.E, 10)).toBeCloseTo(1 / (1 + Math.exp(-1)), 10);
    expect(personScore(weights, 1, 0.5, 10, 10 * Math.E)).toBeCloseTo(1 / (1 + Math.exp(-1)), 10);
  });

  it('rises with a sharper outline, a fuller part and a longer shape, and stays in (0, 1)', () => {
    expect(score(1, 0.7)).toBeGreaterThan(score(1, 0.5));
    expect(score(1, 0.6)).toBeGreaterThan(score(0.5, 0.6));
    expect(score(0.5, 0.6, 40, 20)).toBeGreaterThan(score(0.5, 0.6, 20, 20));
    expect(score(2, 0.6)).toBe(score(1, 0.6));
    for (const value of [score(0, 0), score(1, 1, 60, 20)]) {
      expect(value).toBeGreaterThan(0);
      expect(value).toBeLessThan(1);
    }
  });

  it('puts a crisp person above the 0.4 the evaluation counts and a ghost-like or flickering blob below', () => {
    expect(score(1, 0.65, 30, 20)).toBeGreaterThan(0.4);
    expect(score(1, 0.5, 20, 20)).toBeLessThan(0.4);
    expect(score(1, 0.4, 30, 20)).toBeLessThan(0.4);
  });
});
