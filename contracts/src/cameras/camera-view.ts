// What one camera of a layout can see of the floor: its calibration solved into image ⇄ floor maps,
// and whether a floor point shows in its image (in front of the camera, inside the frame, not under a
// privacy mask, where the detector sees a blanked area). Pure.
import { type Polygon, pointInPolygon, type Vec2 } from '../geometry.js';
import type { Camera, StoreLayout } from '../layout/index.js';
import { type Homography, invert, project, solveHomography } from './homography.js';

export interface CameraFloorView {
  cameraId: string;
  width: number;
  height: number;
  /** Image px → floor m (the calibration). */
  toFloor: Homography;
  /** Floor m → image px. */
  toImage: Homography;
  /** Sign of the homogeneous w of floor points in front of the camera (the other sign is behind it). */
  front: number;
  privacyMasks: readonly Polygon[];
}

/** The camera's view; throws HomographyError when its calibration determines no homography. */
export function cameraFloorView(camera: Camera): CameraFloorView {
  const toFloor = solveHomography(camera.calibration);
  const toImage = invert(toFloor);
  // Calibration points are on the floor in view, so they give the sign of "in front".
  const ws = camera.calibration.map((c) => homogeneousW(toImage, c.floor));
  const front = Math.sign(ws.reduce((a, b) => a + Math.sign(b), 0)) || 1;
  return {
    cameraId: camera.id,
    width: camera.resolution.width,
    height: camera.resolution.height,
    toFloor,
    toImage,
    front,
    privacyMasks: camera.privacyMasks,
  };
}

/** The views of a layout's cameras; a calibration that determines nothing sees nothing (the layout
 * checks name it), so that camera is left out. */
export function layoutCameraViews(layout: StoreLayout): CameraFloorView[] {
  return layout.cameras.flatMap((c): CameraFloorView[] => {
    try {
      return [cameraFloorView(c)];
    } catch {
      return [];
    }
  });
}

/** Where a floor point appears in the image; undefined when behind the camera, outside the image or
 * under a privacy mask. */
export function imagePoint(view: CameraFloorView, floor: Vec2): Vec2 | undefined {
  if (Math.sign(homogeneousW(view.toImage, floor)) !== view.front) return undefined;
  const p = project(view.toImage, floor);
  if (!(p[0] >= 0 && p[1] >= 0 && p[0] < view.width && p[1] < view.height)) return undefined;
  if (view.privacyMasks.some((m) => pointInPolygon(p, m))) return undefined;
  return p;
}

function homogeneousW(h: Homography, [x, y]: Vec2): number {
  return h[6] * x + h[7] * y + h[8];
}
