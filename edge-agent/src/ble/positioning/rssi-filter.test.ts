import { seededRandom } from '@retail/contracts';
import { describe, expect, it } from 'vitest';
import { RssiFilter } from './rssi-filter.js';

describe('RssiFilter', () => {
  it('rejects a spike and keeps its level', () => {
    const f = new RssiFilter();
    const values = [-70, -71, -69, -70, -72, -70];
    values.forEach((v, i) => {
      f.push(i * 1000, v);
    });
    const before = f.value;
    expect(f.push(6000, -40)).toBe(false);
    expect(f.rejected).toBe(1);
    expect(f.value).toBe(before);
    expect(f.push(7000, -71)).toBe(true);
  });

  it('follows a lasting change of level', () => {
    const f = new RssiFilter();
    for (let i = 0; i < 10; i++) f.push(i * 1000, -70);
    for (let i = 10; i < 30; i++) f.push(i * 1000, -55);
    expect(f.value).toBeCloseTo(-55, 0);
  });

  it('smooths noise: the filtered level varies far less than the raw values', () => {
    const rnd = seededRandom(7);
    const f = new RssiFilter();
    const raw: number[] = [];
    const smooth: number[] = [];
    for (let i = 0; i < 400; i++) {
      const v = -65 + (rnd() - 0.5) * 12;
      f.push(i * 300, v);
      raw.push(v);
      if (i > 20) smooth.push(f.value);
    }
    const sd = (xs: number[]) => {
      const m = xs.reduce((s, x) => s + x, 0) / xs.length;
      return Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / xs.length);
    };
    expect(sd(smooth)).toBeLessThan(sd(raw) / 2);
    expect(Math.abs(f.value + 65)).toBeLessThan(3);
  });

  it('grows its variance while a link is silent', () => {
    const f = new RssiFilter();
    f.push(0, -60);
    f.push(1000, -60);
    expect(f.varianceAt(10_000)).toBeGreaterThan(f.varianceAt(1000));
  });
});
