import { describe, expect, it } from 'vitest';
import type { RgbImage } from '../frame.js';
import { createBackgroundModel } from './background-model.js';
import { estimateGain } from './illumination.js';
import { texturedFloor, withPerson } from './synthetic-scene.js';

const options = { step: 2, low: 16, high: 240 };
const scaled = (image: RgbImage, factors: [number, number, number]): RgbImage => ({
  ...image,
  data: Uint8Array.from(image.data, (value, i) => Math.min(255, Math.round(value * factors[i % 3]!))),
});

describe('estimateGain', () => {
  it('finds a per-channel brightness change, whoever walks through the frame', () => {
    const floor = texturedFloor(60, 40);
    const model = createBackgroundModel(floor, 5);
    const frame = withPerson(scaled(floor, [0.8, 0.9, 1.1]), { x: 5, y: 5, w: 15, h: 20 }, [10, 10, 10]);
    const [r, g, b] = estimateGain(frame, model, undefined, options);
    expect(r).toBeCloseTo(0.8, 1);
    expect(g).toBeCloseTo(0.9, 1);
    expect(b).toBeCloseTo(1.1, 1);
  });

  it('skips pixels that were foreground, and returns 1 when too few pixels are left', () => {
    const floor = texturedFloor(20, 20);
    const model = createBackgroundModel(floor, 5);
    const everywhere = new Uint8Array(400).fill(1);
    expect(estimateGain(scaled(floor, [2, 2, 2]), model, everywhere, options)).toEqual([1, 1, 1]);
  });
});
