import { describe, expect, it } from 'vitest';
import type { RgbImage } from '../frame.js';
import {
  absorbIntoBackground,
  backgroundImage,
  createBackgroundModel,
  updateBackgroundModel,
} from './background-model.js';

const flat = (value: number, pixels = 2): RgbImage => ({
  width: pixels,
  height: 1,
  data: new Uint8Array(pixels * 3).fill(value),
});
const rates = { background: 0.5, foreground: 0, noise: 0.5 };

describe('background model', () => {
  it('starts from the given picture with one noise level, or a noise level per pixel', () => {
    const model = createBackgroundModel(flat(100), 4);
    expect([...model.mean]).toEqual([100, 100, 100, 100, 100, 100]);
    expect([...model.noise]).toEqual([4, 4]);
    expect([...createBackgroundModel(flat(100), Float32Array.of(3, 9)).noise]).toEqual([3, 9]);
  });

  it('follows background pixels at the background rate and freezes foreground pixels at rate 0', () => {
    const model = createBackgroundModel(flat(100), 4);
    updateBackgroundModel(model, flat(120), Uint8Array.of(0, 1), rates);
    expect([...model.mean]).toEqual([110, 110, 110, 100, 100, 100]);
    updateBackgroundModel(model, flat(120), Uint8Array.of(0, 1), { ...rates, foreground: 0.25 });
    expect(model.mean[3]).toBe(105);
  });

  it('learns the noise level from background pixels, after compensating the gain', () => {
    const model = createBackgroundModel(flat(100), 4);
    updateBackgroundModel(model, flat(110), Uint8Array.of(0, 1), { ...rates, background: 0 });
    // Colour distance √(3·10²) ≈ 17.3; halfway from 4.
    expect(model.noise[0]).toBeCloseTo((4 + Math.sqrt(300)) / 2, 4);
    expect(model.noise[1]).toBe(4);
    const lit = createBackgroundModel(flat(100), 4);
    updateBackgroundModel(lit, flat(110), new Uint8Array(2), { ...rates, background: 0 }, [1.1, 1.1, 1.1]);
    expect(lit.noise[0]).toBeCloseTo(2, 4);
  });

  it('with a faster noise rise than fall, follows the upper envelope of the differences', () => {
    const symmetric = createBackgroundModel(flat(100), 4);
    const envelope = createBackgroundModel(flat(100), 4);
    const still = { background: 0, foreground: 0, noise: 0.05 };
    // A pixel that jumps by 20 grey levels (√3·20 ≈ 34.6 in colour distance) one frame in five.
    for (let frame = 0; frame < 200; frame++) {
      const image = flat(frame % 5 === 0 ? 120 : 100);
      updateBackgroundModel(symmetric, image, new Uint8Array(2), still);
      updateBackgroundModel(envelope, image, new Uint8Array(2), { ...still, noise: 0.02, noiseRise: 0.2 });
    }
    // The mean difference is ≈ 6.9; the envelope sits well above it, so 2.5 × noise clears the jumps.
    expect(symmetric.noise[0]).toBeLessThan(12);
    expect(2.5 * envelope.noise[0]!).toBeGreaterThan(Math.sqrt(3) * 20);
  });

  it('takes the frame (divided by the gain) as the empty scene at once where told, and only there', () => {
    const model = createBackgroundModel(flat(100), 4);
    absorbIntoBackground(model, flat(150), Uint8Array.of(1, 0), [1.5, 1.5, 1.5]);
    expect([...model.mean]).toEqual([100, 100, 100, 100, 100, 100]);
    absorbIntoBackground(model, flat(150), Uint8Array.of(1, 0));
    expect([...model.mean]).toEqual([150, 150, 150, 100, 100, 100]);
    expect([...model.noise]).toEqual([4, 4]);
  });

  it('gives the learned scene back as a picture', () => {
    const model = createBackgroundModel(flat(100), 4);
    updateBackgroundModel(model, flat(101), new Uint8Array(2), rates);
    expect(backgroundImage(model)).toEqual({ width: 2, height: 1, data: new Uint8Array(6).fill(101) });
  });
});
