// Real oblique footage for camera tests: OpenCV's vtest.avi (Debian opencv-doc), its frames extracted
// with Debian's ffmpeg, and a layout for the plaza it shows (the calibration is a plausible guess, not surveyed).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { type StoreLayout, storeLayoutSchema } from '@retail/contracts';

export const VTEST_VIDEO = '/usr/share/doc/opencv-doc/examples/data/vtest.avi';

/** Writes the first `count` frames of vtest.avi into `dir` as JPEGs; throws with ffmpeg's message. */
export function extractVtestFrames(dir: string, count: number): void {
  const r = spawnSync(
    'ffmpeg',
    ['-loglevel', 'error', '-i', VTEST_VIDEO, '-frames:v', String(count), path.join(dir, 'vtest_%04d.jpg')],
    { encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(`ffmpeg failed: ${r.stderr}`);
}

/** A 40 × 40 m plaza seen by vtest's camera `cam-vtest` on one gateway. */
export function vtestPlazaLayout(o: {
  storeId: string;
  gatewayId: string;
  mounting: 'auto' | 'oblique';
  source?: string;
}): StoreLayout {
  return storeLayoutSchema.parse({
    schema: 'retail.layout/v1',
    storeId: o.storeId,
    name: 'vtest plaza',
    layoutVersion: 1,
    effectiveFrom: '2026-01-01T00:00:00Z',
    floor: { width: 40, depth: 40 },
    zones: [
      {
        id: 'plaza',
        name: 'Plaza',
        kind: 'aisle',
        polygon: [
          [0, 0],
          [40, 0],
          [40, 40],
          [0, 40],
        ],
      },
    ],
    gateways: [{ id: o.gatewayId, name: 'Gateway' }],
    cameras: [
      {
        id: 'cam-vtest',
        gatewayId: o.gatewayId,
        resolution: { width: 768, height: 576 },
        mounting: o.mounting,
        calibration: [
          { image: [0, 576], floor: [16, 2] },
          { image: [768, 576], floor: [24, 2] },
          { image: [700, 170], floor: [34, 30] },
          { image: [60, 170], floor: [6, 30] },
        ],
        ...(o.source !== undefined && { source: o.source }),
      },
    ],
  });
}
