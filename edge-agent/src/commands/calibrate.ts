// `edge-agent calibrate`: a camera's homography from its image ⇄ floor point pairs (the layout's
// calibration, or a JSON file of pairs), with the reprojection error of every point, so IT can see
// which pair was clicked wrong. JSON on the last line.
import { readFile } from 'node:fs/promises';
import {
  describeIssues,
  HomographyError,
  type PointPair,
  reprojectionErrors,
  solveHomography,
  storeLayoutSchema,
  type Vec2,
} from '@retail/contracts';
import { perspectiveRatio, resolveMounting } from '../vision/mounting.js';
import { UsageError } from './vision-flags.js';

export const calibrateUsage = `Usage: edge-agent calibrate --layout FILE --camera ID
       edge-agent calibrate --pairs FILE [--width W --height H]

Solves the camera's image → floor homography from ≥ 4 calibration pairs by normalised DLT and
prints it with the reprojection error of every pair (metres on the floor, pixels in the image).
--pairs FILE: JSON [{"image":[x,y],"floor":[x,y]}, …].`;

export async function calibrate(values: Record<string, unknown>): Promise<number> {
  let pairs: PointPair[];
  let camera: {
    id: string;
    mounting: 'overhead' | 'oblique' | 'auto';
    resolution?: { width: number; height: number };
  };
  if (typeof values.layout === 'string') {
    if (typeof values.camera !== 'string')
      throw new UsageError(`--camera is required with --layout\n\n${calibrateUsage}`);
    const parsed = storeLayoutSchema.safeParse(JSON.parse(await readFile(values.layout, 'utf8')));
    if (!parsed.success)
      throw new UsageError(`${values.layout} is not a valid layout:\n${describeIssues(parsed.error)}`);
    const cam = parsed.data.cameras.find((c) => c.id === values.camera);
    if (!cam)
      throw new UsageError(
        `no camera "${values.camera}" in ${values.layout}; cameras: ${parsed.data.cameras.map((c) => c.id).join(', ')}`,
      );
    pairs = cam.calibration;
    camera = cam;
  } else if (typeof values.pairs === 'string') {
    const raw = JSON.parse(await readFile(values.pairs, 'utf8')) as unknown;
    if (!Array.isArray(raw) || !raw.every(isPair))
      throw new UsageError(`${values.pairs}: expected [{"image":[x,y],"floor":[x,y]}, …]`);
    pairs = raw;
    const width = Number(values.width);
    const height = Number(values.height);
    camera = {
      id: values.pairs,
      mounting: 'auto',
      ...(width > 0 && height > 0 && { resolution: { width, height } }),
    };
  } else {
    throw new UsageError(calibrateUsage);
  }
  let h: ReturnType<typeof solveHomography>;
  try {
    h = solveHomography(pairs);
  } catch (err) {
    if (err instanceof HomographyError) {
      console.error(`cannot calibrate ${camera.id}: ${err.message}`);
      return 1;
    }
    throw err;
  }
  const report = reprojectionErrors(h, pairs);
  const r = (v: number, d = 4) => Number(v.toFixed(d));
  console.error(`camera ${camera.id}: ${pairs.length} pairs`);
  report.points.forEach((p, i) => {
    console.error(
      `  #${i + 1} image (${pairs[i]!.image.join(', ')}) → floor (${pairs[i]!.floor.join(', ')}): ` +
        `${(p.floorM * 100).toFixed(1)} cm, ${p.imagePx.toFixed(2)} px`,
    );
  });
  console.error(
    `  RMS ${(report.rmsFloorM * 100).toFixed(1)} cm on the floor, ${report.rmsImagePx.toFixed(2)} px in the image`,
  );
  console.log(
    JSON.stringify({
      camera: camera.id,
      homography: [h.slice(0, 3), h.slice(3, 6), h.slice(6, 9)].map((row) => row.map((v) => r(v, 8))),
      points: report.points.map((p) => ({ floorM: r(p.floorM), imagePx: r(p.imagePx, 2) })),
      rmsFloorM: r(report.rmsFloorM),
      rmsImagePx: r(report.rmsImagePx, 2),
      maxFloorM: r(report.maxFloorM),
      ...(camera.resolution && {
        perspectiveRatio: r(perspectiveRatio(h, camera.resolution), 2),
        mounting: resolveMounting(camera.mounting, h, camera.resolution),
      }),
    }),
  );
  return 0;
}

function isVec(v: unknown): v is Vec2 {
  return Array.isArray(v) && v.length === 2 && v.every((n) => typeof n === 'number' && Number.isFinite(n));
}

function isPair(v: unknown): v is PointPair {
  const p = v as { image?: unknown; floor?: unknown } | null;
  return typeof p === 'object' && p !== null && isVec(p.image) && isVec(p.floor);
}
