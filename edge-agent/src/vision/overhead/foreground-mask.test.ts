import { describe, expect, it } from 'vitest';
import type { Box } from '../frame.js';
import { createBackgroundModel } from './background-model.js';
import { foregroundMask } from './foreground-mask.js';
import { DEFAULT_OVERHEAD_OPTIONS } from './overhead-detector.js';
import { texturedFloor, withNoise, withPerson, withShadow } from './synthetic-scene.js';

const W = 80;
const H = 60;
const floor = texturedFloor(W, H, 7, 150, 20);
const model = createBackgroundModel(floor, 3);
const thresholds = DEFAULT_OVERHEAD_OPTIONS.thresholds;
const region: Box = { x: 25, y: 15, w: 24, h: 30 };

/** Share of foreground pixels inside the middle half of `box`, and outside the box grown by 3 pixels. */
function shares(mask: Uint8Array, box: Box): { inside: number; outside: number } {
  let inside = 0;
  let insideCount = 0;
  let outside = 0;
  let outsideCount = 0;
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const u = Math.abs(x + 0.5 - (box.x + box.w / 2)) / (box.w / 2);
      const v = Math.abs(y + 0.5 - (box.y + box.h / 2)) / (box.h / 2);
      if (u < 0.5 && v < 0.5) {
        inside += mask[y * W + x]!;
        insideCount++;
      } else if (x < box.x - 3 || x > box.x + box.w + 3 || y < box.y - 3 || y > box.y + box.h + 3) {
        outside += mask[y * W + x]!;
        outsideCount++;
      }
    }
  }
  return { inside: inside / insideCount, outside: outside / outsideCount };
}

describe('foregroundMask', () => {
  it('leaves sensor noise below the threshold as background', () => {
    const mask = foregroundMask(withNoise(floor, 4, 3), model, [1, 1, 1], thresholds);
    expect(mask.reduce((sum, v) => sum + v, 0)).toBe(0);
  });

  it('marks a person in colour as foreground, and nothing around them', () => {
    const frame = withNoise(withPerson(floor, region, [40, 60, 140]), 3, 4);
    const { inside, outside } = shares(foregroundMask(frame, model, [1, 1, 1], thresholds), region);
    expect(inside).toBe(1);
    expect(outside).toBe(0);
  });

  it('keeps a person in grey, who darkens the floor like a shadow but without its grain', () => {
    const frame = withNoise(withPerson(floor, region, [105, 108, 114]), 3, 5);
    expect(shares(foregroundMask(frame, model, [1, 1, 1], thresholds), region).inside).toBeGreaterThan(0.9);
  });

  it('drops a shadow, which keeps the floor grain', () => {
    const frame = withNoise(withShadow(floor, region, 0.7), 2, 6);
    expect(shares(foregroundMask(frame, model, [1, 1, 1], thresholds), region).inside).toBeLessThan(0.1);
  });

  it('drops a penumbra, a faint darkening that keeps the colour, even where the floor has no grain', () => {
    const smooth = texturedFloor(W, H, 7, 150, 0);
    const plain = createBackgroundModel(smooth, 3);
    const frame = withNoise(withShadow(smooth, region, 0.9), 2, 8);
    expect(shares(foregroundMask(frame, plain, [1, 1, 1], thresholds), region).inside).toBeLessThan(0.1);
    const without = { ...thresholds, penumbraBrightness: 2 };
    expect(shares(foregroundMask(frame, plain, [1, 1, 1], without), region).inside).toBeGreaterThan(0.9);
  });

  it('keeps a person as bright as a penumbra but of another colour', () => {
    const smooth = texturedFloor(W, H, 7, 150, 0);
    const plain = createBackgroundModel(smooth, 3);
    const frame = withNoise(withPerson(smooth, region, [150, 135, 110]), 2, 9);
    expect(shares(foregroundMask(frame, plain, [1, 1, 1], thresholds), region).inside).toBeGreaterThan(0.9);
  });

  it('compares against the background scaled by the gain', () => {
    const brighter = {
      ...floor,
      data: Uint8Array.from(floor.data, (v) => Math.min(255, Math.round(v * 1.2))),
    };
    const blind = foregroundMask(brighter, model, [1, 1, 1], thresholds);
    const compensated = foregroundMask(brighter, model, [1.2, 1.2, 1.2], thresholds);
    expect(blind.reduce((sum, v) => sum + v, 0)).toBeGreaterThan(W * H * 0.9);
    expect(compensated.reduce((sum, v) => sum + v, 0)).toBe(0);
  });
});
