import { describe, expect, it } from 'vitest';
import { boxBlur } from './box-blur.js';

const image = (width: number, height: number, fill: (x: number, y: number) => number) => ({
  width,
  height,
  data: Uint8Array.from({ length: width * height * 3 }, (_, i) =>
    fill(Math.floor(i / 3) % width, Math.floor(i / 3 / width)),
  ),
});

describe('boxBlur', () => {
  it('leaves a uniform image as it is and copies at radius 0', () => {
    const flat = image(5, 4, () => 77);
    expect(boxBlur(flat, 2).data).toEqual(flat.data);
    const copy = boxBlur(flat, 0);
    expect(copy.data).toEqual(flat.data);
    expect(copy.data).not.toBe(flat.data);
  });

  it('spreads one bright pixel over its 3×3 window, averaging fewer pixels at the border', () => {
    const spot = image(5, 5, (x, y) => (x === 2 && y === 2 ? 90 : 0));
    const blurred = boxBlur(spot, 1);
    const at = (x: number, y: number) => blurred.data[(y * 5 + x) * 3]!;
    expect([at(1, 1), at(2, 2), at(3, 3), at(0, 0)]).toEqual([10, 10, 10, 0]);
    const corner = boxBlur(
      image(3, 3, (x, y) => (x === 0 && y === 0 ? 80 : 0)),
      1,
    );
    expect(corner.data[0]).toBe(20);
  });
});
