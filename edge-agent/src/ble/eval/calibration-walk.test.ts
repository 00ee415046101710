import { buildWalkableGrid } from '@retail/contracts';
import { describe, expect, it } from 'vitest';
import { positionAt } from '../../emulator/population.js';
import { loadDemo } from '../../simulator/simulator-test-kit.js';
import { anchorsOfLayout } from '../layout-anchors.js';
import { preparePositioning } from '../positioning/positioning-setup.js';
import { calibrationWalk, simulateCalibrationData } from './calibration-walk.js';

const T0 = 1_773_100_000_000;

describe('calibrationWalk', () => {
  it('stands at walkable grid points, and the truth rows are where the phone really stood', async () => {
    const { layout } = await loadDemo();
    const walk = calibrationWalk(layout, { startTs: T0, spacingM: 3, dwellMs: 4000 });
    const grid = buildWalkableGrid(layout, { includeStaffOnly: true });
    expect(walk.points).toBeGreaterThan(50);
    expect(walk.truths.length).toBeGreaterThanOrEqual(walk.points * 6);
    for (const t of walk.truths) {
      const [col, row] = grid.cellOf(t.x, t.y);
      expect(grid.isWalkable(col, row)).toBe(true);
      const p = positionAt(walk.emitter.trajectory, t.ts);
      expect(Math.hypot((p?.[0] ?? Number.NaN) - t.x, (p?.[1] ?? Number.NaN) - t.y)).toBeLessThan(1e-6);
    }
    expect(walk.truths.every((t, i) => i === 0 || t.ts > (walk.truths[i - 1]?.ts ?? 0))).toBe(true);
    expect(walk.endTs).toBeGreaterThan(T0 + walk.points * 4000);
  });

  it('heard by the scanners, gives the calibration a fingerprint map is built from', async () => {
    const { layout } = await loadDemo();
    const anchors = anchorsOfLayout(layout);
    const { walk, data } = simulateCalibrationData(layout, anchors, { startTs: T0, spacingM: 3, seed: 5 });
    expect(data.receptions.length).toBeGreaterThan(walk.truths.length);
    const setup = preparePositioning(anchors, data);
    expect(setup.radioMap?.points.length).toBeGreaterThan(walk.points / 2);
    expect(setup.fits?.every((f) => f.source === 'fit')).toBe(true);
  });

  it('rejects a non-positive spacing, naming it', async () => {
    const { layout } = await loadDemo();
    expect(() => calibrationWalk(layout, { startTs: T0, spacingM: 0 })).toThrow(/spacingM/);
  });
});
