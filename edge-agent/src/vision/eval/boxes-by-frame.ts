// Ground truth and detection files list boxes row by row; evaluation wants them frame by frame.
import type { MotBox } from '@retail/contracts';
import type { Box } from '../frame.js';

/** The boxes of each frame number, in file order; frames without rows are absent from the map. */
export function boxesByFrame(rows: Iterable<MotBox>): Map<number, Box[]> {
  const frames = new Map<number, Box[]>();
  for (const { frame, x, y, w, h } of rows) {
    const boxes = frames.get(frame);
    if (boxes === undefined) frames.set(frame, [{ x, y, w, h }]);
    else boxes.push({ x, y, w, h });
  }
  return frames;
}
