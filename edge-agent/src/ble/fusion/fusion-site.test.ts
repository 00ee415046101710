// The store as fusion sees it: doors (entrance lines), staff-only areas and walking distances taken
// from the layout (the demo store's).
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../../simulator/simulator-test-kit.js';
import { distanceToDoor, type FusionSite, inStaffOnlyArea, NO_SITE, siteOfLayout } from './fusion-site.js';

describe('siteOfLayout', () => {
  let site: FusionSite;
  beforeAll(async () => {
    site = siteOfLayout((await loadDemo()).layout);
  });

  it('measures the distance to the nearest door line', () => {
    // The main entrance runs from (1.5, 24.5) to (5.5, 24.5).
    expect(distanceToDoor(site, [4, 23.5])).toBeCloseTo(1, 9);
    expect(distanceToDoor(site, [20, 10])).toBeGreaterThan(10);
    expect(distanceToDoor(NO_SITE, [4, 24])).toBe(Number.POSITIVE_INFINITY);
  });

  it('knows the staff-only zones, and only those', () => {
    // The back room: x 32–40, y 0–7.
    expect(inStaffOnlyArea(site, [36, 3])).toBe(true);
    expect(inStaffOnlyArea(site, [30, 3])).toBe(false);
    expect(inStaffOnlyArea(site, [36, 8])).toBe(false);
    expect(inStaffOnlyArea(NO_SITE, [36, 3])).toBe(false);
  });

  it('walks around the shelves, never shorter than the straight line', () => {
    const across = site.walkingDistance?.([10, 10], [13, 10]) as number;
    // A shelf stands between (10, 10) and (13, 10): the walk goes round its end.
    expect(across).toBeGreaterThan(6);
    const along = site.walkingDistance?.([4, 21], [7, 21]) as number;
    expect(along).toBeGreaterThanOrEqual(3);
    expect(along).toBeLessThan(3.5);
  });
});
