// `auto` mounting, decided from the camera's calibration: a ceiling camera looking straight down sees
// the floor at nearly one scale everywhere, an oblique camera sees far floor much smaller than near
// floor. The ratio of floor metres per pixel between the image's top and bottom edges tells them apart.

import { type Homography, project } from '@retail/contracts';
import type { Mounting } from './frame.js';

/** Above this top/bottom scale ratio a camera is oblique. A 90° ceiling camera is ~1; a wall camera 3+. */
export const OBLIQUE_SCALE_RATIO = 1.6;

export function resolveMounting(
  mounting: Mounting | 'auto',
  h: Homography,
  resolution: { width: number; height: number },
): Mounting {
  if (mounting !== 'auto') return mounting;
  return perspectiveRatio(h, resolution) > OBLIQUE_SCALE_RATIO ? 'oblique' : 'overhead';
}

/** Floor metres per pixel at the top edge over the same at the bottom edge (≥ 1 by symmetry). */
export function perspectiveRatio(
  h: Homography,
  { width, height }: { width: number; height: number },
): number {
  const scaleAt = (y: number) => {
    const a = project(h, [width / 2 - 1, y]);
    const b = project(h, [width / 2 + 1, y]);
    return Math.hypot(b[0] - a[0], b[1] - a[1]) / 2;
  };
  const top = scaleAt(height * 0.05);
  const bottom = scaleAt(height * 0.95);
  if (!(top > 0 && bottom > 0)) return Number.POSITIVE_INFINITY; // horizon inside the image
  return Math.max(top, bottom) / Math.min(top, bottom);
}
