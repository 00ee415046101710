import { describe, expect, it } from 'vitest';
import type { RgbImage } from '../frame.js';
import { learnReference, medianImage } from './reference-background.js';
import { texturedFloor, withPerson } from './synthetic-scene.js';

const scaled = (image: RgbImage, factor: number): RgbImage => ({
  ...image,
  data: Uint8Array.from(image.data, (value) => Math.min(255, Math.round(value * factor))),
});
const person = { x: 10, y: 10, w: 8, h: 12 };

describe('reference background', () => {
  it('the median drops a person who is in fewer than half of the pictures', () => {
    const floor = texturedFloor(40, 30);
    const pictures = [withPerson(floor, person, [20, 20, 200]), floor, floor];
    expect(medianImage(pictures).data).toEqual(floor.data);
  });

  it('the spread is high where the pictures disagree and not where only the overall brightness differs', () => {
    const floor = texturedFloor(40, 30);
    const sunny = withPerson(floor, { x: 25, y: 2, w: 10, h: 10 }, [250, 250, 250]);
    const cloudy = withPerson(floor, { x: 25, y: 2, w: 10, h: 10 }, [60, 60, 60]);
    const { image, spread } = learnReference([floor, scaled(floor, 1.1), sunny, cloudy], {
      quantile: 0.75,
      radius: 0,
    });
    expect(image.width).toBe(40);
    expect(spread[5 * 40 + 5]).toBeLessThan(3);
    expect(spread[7 * 40 + 30]).toBeGreaterThan(50);
  });

  it('grows the spread over the given radius', () => {
    const floor = texturedFloor(20, 20);
    const spot = withPerson(floor, { x: 9, y: 9, w: 2, h: 2 }, [255, 0, 0]);
    const { spread } = learnReference([floor, spot], { quantile: 1, radius: 2 });
    expect(spread[10 * 20 + 12]).toBeGreaterThan(50);
    expect(spread[10 * 20 + 14]).toBeLessThan(3);
  });

  it('rejects an empty list and pictures of different sizes', () => {
    expect(() => medianImage([])).toThrow(/at least one/);
    expect(() => medianImage([texturedFloor(4, 4), texturedFloor(5, 4)])).toThrow(/4×4/);
  });
});
