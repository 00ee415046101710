// Where a detected person touches the floor, the point to project through the homography: an oblique
// camera sees the whole body, so the feet are at the box's bottom centre; an overhead camera sees
// head and shoulders from above, so the person stands under the box's centre.
import type { Vec2 } from '@retail/contracts';
import type { Box, Mounting } from '../frame.js';

export function footPoint(box: Box, mounting: Mounting): Vec2 {
  const x = box.x + box.w / 2;
  return mounting === 'oblique' ? [x, box.y + box.h] : [x, box.y + box.h / 2];
}
