// Entrance coverage on the demo supermarket: its entrance camera watches the main door, nothing
// watches the DIY side door; privacy masks and broken calibrations take away what they hide.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type StoreLayout, storeLayoutSchema } from '../layout/index.js';
import { entranceCoverage, entranceCoverageWarnings } from './entrance-coverage.js';

const demo = storeLayoutSchema.parse(
  JSON.parse(
    readFileSync(new URL('../../../fixtures/stores/demo-supermarket/layout.json', import.meta.url), 'utf8'),
  ),
);

/** The demo with the entrance camera's privacy masks replaced. */
function masked(masks: [number, number][][]): StoreLayout {
  return {
    ...demo,
    cameras: demo.cameras.map((c) => (c.id === 'cam-entrance' ? { ...c, privacyMasks: masks } : c)),
  };
}
const main = (l: StoreLayout) => entranceCoverage(l).find((e) => e.entranceId === 'main-entrance')!;

describe('entranceCoverage', () => {
  it('finds the main door watched by the entrance camera and the side door by nothing', () => {
    expect(entranceCoverage(demo)).toEqual([
      { entranceId: 'main-entrance', seen: 1, level: 'full', cameras: ['cam-entrance'] },
      { entranceId: 'side-entrance', seen: 0, level: 'none', cameras: [] },
    ]);
  });

  it('warns, in words, of each entrance that cannot be fully counted', () => {
    expect(entranceCoverageWarnings(demo)).toEqual([
      'entrance "side-entrance" (DIY side entrance): no camera sees its counting line, so it will count nobody',
    ]);
  });

  it('needs both sides: a mask over the street leaves the camera seeing only the inside', () => {
    // The door's line is at image row ~432; half a metre outside is above it.
    const street: [number, number][] = [
      [0, 0],
      [1920, 0],
      [1920, 425],
      [0, 425],
    ];
    expect(main(masked([street]))).toEqual({
      entranceId: 'main-entrance',
      seen: 0,
      level: 'none',
      cameras: ['cam-entrance'],
    });
    expect(entranceCoverageWarnings(masked([street]))[0]).toBe(
      'entrance "main-entrance" (Main entrance): cam-entrance sees only one side of its counting line (a privacy mask or the edge of the picture), so it will count nobody',
    );
  });

  it('says partial when a mask hides part of the door', () => {
    // The image's left half is the floor east of x = 4 m: the door runs from x = 1.5 to 5.5 m.
    const leftHalf: [number, number][] = [
      [0, 0],
      [960, 0],
      [960, 1080],
      [0, 1080],
    ];
    const c = main(masked([leftHalf]));
    expect(c.level).toBe('partial');
    expect(c.seen).toBeGreaterThan(0.4);
    expect(c.seen).toBeLessThan(0.9);
    expect(entranceCoverageWarnings(masked([leftHalf]))[0]).toMatch(
      /^entrance "main-entrance" \(Main entrance\): cameras see \d+% of its counting line, so its counts will read low$/,
    );
  });

  it('takes a camera whose calibration determines nothing as seeing nothing, without throwing', () => {
    const collinear: StoreLayout = {
      ...demo,
      cameras: demo.cameras.map((c) =>
        c.id === 'cam-entrance'
          ? { ...c, calibration: c.calibration.map((p, i) => ({ ...p, floor: [i, i] as [number, number] })) }
          : c,
      ),
    };
    expect(main(collinear)).toMatchObject({ seen: 0, level: 'none', cameras: [] });
  });
});
