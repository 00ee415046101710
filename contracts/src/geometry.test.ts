import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  centroid,
  pointInPolygon,
  pointPolygonDistance,
  pointSegmentDistance,
  polygonProblem,
  signedArea,
  spansPlane,
  type Vec2,
} from './geometry.js';

const square: Vec2[] = [
  [0, 0],
  [4, 0],
  [4, 4],
  [0, 4],
];

describe('geometry', () => {
  it('measures and locates a square', () => {
    expect(Math.abs(signedArea(square))).toBe(16);
    expect(centroid(square)).toEqual([2, 2]);
    expect(pointInPolygon([2, 2], square)).toBe(true);
    expect(pointInPolygon([4, 2], square)).toBe(true); // on the boundary
    expect(pointInPolygon([5, 2], square)).toBe(false);
  });

  it('names what is wrong with a polygon', () => {
    expect(polygonProblem(square)).toBeUndefined();
    expect(polygonProblem(square.slice(0, 2))).toMatch(/at least 3/);
    expect(
      polygonProblem([
        [0, 0],
        [1, 1],
        [2, 2],
      ]),
    ).toMatch(/zero area/);
    expect(
      polygonProblem([
        [0, 0],
        [4, 4],
        [4, 0],
        [0, 4],
      ]),
    ).toMatch(/cross/);
  });

  it('property: every axis-aligned rectangle is valid and contains its centroid', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -100, max: 100, noNaN: true }),
        fc.double({ min: -100, max: 100, noNaN: true }),
        fc.double({ min: 0.01, max: 50, noNaN: true }),
        fc.double({ min: 0.01, max: 50, noNaN: true }),
        (x, y, w, h) => {
          const r: Vec2[] = [
            [x, y],
            [x + w, y],
            [x + w, y + h],
            [x, y + h],
          ];
          expect(polygonProblem(r)).toBeUndefined();
          expect(pointInPolygon(centroid(r), r)).toBe(true);
        },
      ),
    );
  });

  it('tells whether points span the plane', () => {
    expect(spansPlane(square)).toBe(true);
    expect(
      spansPlane([
        [0, 0],
        [1, 1],
        [3, 3],
        [9, 9],
      ]),
    ).toBe(false);
  });

  it('measures the distance to a segment and to a polygon outline (0 inside or on it)', () => {
    expect(pointSegmentDistance([2, 3], [0, 0], [4, 0])).toBe(3);
    expect(pointSegmentDistance([7, 4], [0, 0], [4, 0])).toBe(5); // beyond the end: to the end point
    expect(pointSegmentDistance([1, 1], [2, 2], [2, 2])).toBeCloseTo(Math.SQRT2); // a point segment
    expect(pointPolygonDistance([2, 2], square)).toBe(0);
    expect(pointPolygonDistance([4, 2], square)).toBe(0);
    expect(pointPolygonDistance([6, 2], square)).toBe(2);
    expect(pointPolygonDistance([7, 8], square)).toBe(5);
  });
});
