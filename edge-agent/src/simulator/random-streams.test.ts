import { describe, expect, it } from 'vitest';
import {
  cumulativeOf,
  keyedDraws,
  keyedUniform,
  pickWeighted,
  poisson,
  streamOf,
  streamSeed,
} from './random-streams.js';

describe('random streams', () => {
  it('derive the same seed from the same key and different seeds from different keys', () => {
    expect(streamSeed(1, 'shopper', 7)).toBe(streamSeed(1, 'shopper', 7));
    expect(streamSeed(1, 'shopper', 7)).not.toBe(streamSeed(1, 'shopper', 8));
    // The type is part of the key: the number 1 and the string '1' are different parts.
    expect(streamSeed(1, 'a')).not.toBe(streamSeed('1', 'a'));
    expect(streamSeed('ab', 'c')).not.toBe(streamSeed('a', 'bc'));
  });

  it('keyedDraws with a prefix equals keyedUniform with the whole key', () => {
    const draw = keyedDraws(42, 0, 'shopper', 3, 'impulse');
    for (const sku of ['PNT-101', 'BRU-102', 'X']) {
      expect(draw(sku)).toBe(keyedUniform(42, 0, 'shopper', 3, 'impulse', sku));
    }
  });

  it('draws Poisson counts with the right mean and variance', () => {
    const random = streamOf('poisson');
    const xs = Array.from({ length: 4000 }, () => poisson(random, 6));
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length;
    expect(mean).toBeGreaterThan(5.8);
    expect(mean).toBeLessThan(6.2);
    expect(variance).toBeGreaterThan(5.4);
    expect(variance).toBeLessThan(6.6);
    expect(poisson(random, 0)).toBe(0);
  });

  it('picks by weight and never picks a zero weight', () => {
    const cumulative = cumulativeOf([1, 0, 3]);
    const random = streamOf('weights');
    const counts = [0, 0, 0];
    for (let i = 0; i < 8000; i++) counts[pickWeighted(cumulative, random)]!++;
    expect(counts[1]).toBe(0);
    expect(counts[2]! / counts[0]!).toBeGreaterThan(2.7);
    expect(counts[2]! / counts[0]!).toBeLessThan(3.3);
  });
});
