import { describe, expect, it } from 'vitest';
import { footPoint } from './foot-point.js';

describe('footPoint', () => {
  const box = { x: 100, y: 50, w: 40, h: 120 };
  it('is the bottom centre for an oblique camera', () => {
    expect(footPoint(box, 'oblique')).toEqual([120, 170]);
  });
  it('is the centre for an overhead camera', () => {
    expect(footPoint(box, 'overhead')).toEqual([120, 110]);
  });
});
