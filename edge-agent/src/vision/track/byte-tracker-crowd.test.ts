// The tracker end to end on a seeded synthetic crowd with a realistic detector's faults (misses,
// jitter, occluded people scored low, spurious boxes), scored by the MOT metrics. Guards against
// regressions in association; not a benchmark of a real camera.
import { seededRandom } from '@retail/contracts';
import { describe, expect, it } from 'vitest';
import { boxIou } from '../box-iou.js';
import { type MotRow, motMetrics } from '../eval/mot-metrics.js';
import type { Box, Detection } from '../frame.js';
import { ByteTracker } from './byte-tracker.js';

const WIDTH = 1280;
const HEIGHT = 720;
const FRAME_MS = 100;

interface Walker {
  id: number;
  x: number;
  y: number;
  vx: number;
  vy: number;
  h: number;
  born: number;
  dies: number;
}

function crowd(seed: number, frames: number): { gt: MotRow[]; detections: Detection[][] } {
  const rnd = seededRandom(seed);
  const between = (a: number, b: number) => a + (b - a) * rnd();
  const walkers: Walker[] = Array.from({ length: 24 }, (_, id) => {
    const born = Math.floor(between(0, frames * 0.7));
    return {
      id,
      x: between(50, WIDTH - 150),
      y: between(100, HEIGHT - 250),
      vx: between(-60, 60),
      vy: between(-20, 20),
      h: between(110, 170),
      born,
      dies: born + Math.floor(between(40, 150)),
    };
  });
  const gt: MotRow[] = [];
  const detections: Detection[][] = [];
  for (let f = 0; f < frames; f++) {
    const boxes: { id: number; box: Box }[] = [];
    for (const w of walkers) {
      if (f < w.born || f >= w.dies) continue;
      const t = (f - w.born) * (FRAME_MS / 1000);
      const box = { x: w.x + w.vx * t, y: w.y + w.vy * t, w: w.h * 0.4, h: w.h };
      if (box.x < 0 || box.x + box.w > WIDTH || box.y < 0 || box.y + box.h > HEIGHT) continue;
      boxes.push({ id: w.id, box });
      gt.push({ frame: f + 1, id: w.id, ...box });
    }
    const dets: Detection[] = [];
    for (const { box } of boxes) {
      if (rnd() < 0.08) continue; // missed
      // Someone nearer the camera (lower feet) covering this person makes the detector unsure.
      const occluded = boxes.some(
        (o) => o.box !== box && o.box.y + o.box.h > box.y + box.h && boxIou(o.box, box) > 0.2,
      );
      const jitter = () => between(-4, 4);
      dets.push({
        x: box.x + jitter(),
        y: box.y + jitter(),
        w: box.w + jitter(),
        h: box.h + jitter(),
        score: occluded ? between(0.15, 0.45) : between(0.55, 0.95),
      });
    }
    if (rnd() < 0.3)
      dets.push({
        x: between(0, WIDTH - 60),
        y: between(0, HEIGHT - 150),
        w: 50,
        h: 130,
        score: between(0.1, 0.6),
      });
    detections.push(dets);
  }
  return { gt, detections };
}

describe('ByteTracker on a synthetic crowd', () => {
  it('tracks with few identity switches', () => {
    const results = [1, 2, 3].map((seed) => {
      const { gt, detections } = crowd(seed, 300);
      let n = 0;
      const tracker = new ByteTracker({ randomId: () => `t${++n}`, minHits: 2 });
      const predicted: MotRow[] = detections.flatMap((dets, f) =>
        tracker.update(dets, f * FRAME_MS).tracks.map((t) => ({ frame: f + 1, id: t.id, ...t.box })),
      );
      return motMetrics(gt, predicted);
    });
    for (const m of results) {
      expect(m.mota).toBeGreaterThan(0.8);
      expect(m.idf1).toBeGreaterThan(0.8);
    }
  });
});
