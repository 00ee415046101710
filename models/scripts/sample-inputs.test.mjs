import { describe, expect, it } from 'vitest';
import { gradientImage, mulberry32, sampleInputs, seededUniform } from './sample-inputs.mjs';

describe('sample inputs', () => {
  it('are the same on every run and differ between seeds', () => {
    expect(seededUniform([2, 3], 42)).toEqual(seededUniform([2, 3], 42));
    expect(seededUniform([2, 3], 42)).not.toEqual(seededUniform([2, 3], 43));
    const next = mulberry32(1);
    const values = Array.from({ length: 1000 }, next);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
  });

  it('give a smooth image in [0, 1] whose channels differ', () => {
    const img = gradientImage([1, 3, 8, 8]);
    expect(Math.min(...img)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...img)).toBeLessThanOrEqual(1);
    const plane = 64;
    expect(img.slice(0, plane)).not.toEqual(img.slice(plane, 2 * plane));
    // neighbours along a row differ by little: smooth, unlike the noise input
    for (let x = 1; x < 8; x++) expect(Math.abs(img[x] - img[x - 1])).toBeLessThan(0.3);
  });

  it('cover the noise and the image, sized to the input', () => {
    const inputs = sampleInputs([1, 3, 4, 4]);
    expect(inputs.map((i) => i.label)).toEqual(['seeded-uniform(42)', 'gradient']);
    for (const { data } of inputs) expect(data).toHaveLength(48);
  });
});
