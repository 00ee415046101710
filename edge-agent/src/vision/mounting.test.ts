import { solveHomography } from '@retail/contracts';
import { describe, expect, it } from 'vitest';
import { perspectiveRatio, resolveMounting } from './mounting.js';

const resolution = { width: 640, height: 480 };

describe('resolveMounting', () => {
  it('a top-down view (affine image ⇄ floor) is overhead', () => {
    const h = solveHomography([
      { image: [0, 0], floor: [0, 0] },
      { image: [640, 0], floor: [6.4, 0] },
      { image: [640, 480], floor: [6.4, 4.8] },
      { image: [0, 480], floor: [0, 4.8] },
    ]);
    expect(perspectiveRatio(h, resolution)).toBeCloseTo(1, 6);
    expect(resolveMounting('auto', h, resolution)).toBe('overhead');
  });

  it('a view where the far edge covers 4× the floor width is oblique', () => {
    const h = solveHomography([
      { image: [0, 480], floor: [3, 0] },
      { image: [640, 480], floor: [5, 0] },
      { image: [640, 0], floor: [8, 10] },
      { image: [0, 0], floor: [0, 10] },
    ]);
    expect(perspectiveRatio(h, resolution)).toBeGreaterThan(2);
    expect(resolveMounting('auto', h, resolution)).toBe('oblique');
    expect(resolveMounting('overhead', h, resolution)).toBe('overhead');
  });
});
