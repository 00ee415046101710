import { type Camera, imagePoint, project, seededRandom, type Vec2 } from '@retail/contracts';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../simulator/simulator-test-kit.js';
import { footPoint } from '../vision/floor/foot-point.js';
import {
  type CameraView,
  cameraView,
  DEFAULT_DETECTION_MODEL,
  type DetectionModel,
  personBox,
  simulateDetections,
} from './camera-model.js';

const PERFECT: DetectionModel = {
  ...DEFAULT_DETECTION_MODEL,
  missRate: 0,
  jitter: 0,
  falsePositivesPerFrame: 0,
};

let cameras: Camera[];
let oblique: CameraView;
let overhead: CameraView;

beforeAll(async () => {
  cameras = (await loadDemo()).layout.cameras;
  oblique = cameraView(cameras.find((c) => c.id === 'cam-entrance')!);
  overhead = cameraView(cameras.find((c) => c.id === 'cam-pantry')!);
});

/** Floor points of a camera's calibration: surely in view. */
const inView = (id: string) => cameras.find((c) => c.id === id)!.calibration.map((p) => p.floor);

describe('camera view geometry', () => {
  it('takes the mounting from the layout and knows which side of the camera is in front', () => {
    expect([oblique.mounting, overhead.mounting]).toEqual(['oblique', 'overhead']);
    for (const v of [oblique, overhead])
      for (const p of inView(v.cameraId)) expect(imagePoint(v, p)).toBeDefined();
    // Far across the store: outside the image, or behind the camera.
    expect(imagePoint(overhead, [2, 2])).toBeUndefined();
    expect(imagePoint(oblique, [30, 2])).toBeUndefined();
  });

  it('draws boxes whose foot point goes back to where the person stands (the pipeline’s own projection)', () => {
    for (const v of [oblique, overhead]) {
      const pts = inView(v.cameraId);
      const xs = pts.map((p) => p[0]);
      const ys = pts.map((p) => p[1]);
      fc.assert(
        fc.property(
          fc.double({ min: Math.min(...xs), max: Math.max(...xs), noNaN: true }),
          fc.double({ min: Math.min(...ys), max: Math.max(...ys), noNaN: true }),
          (x, y) => {
            const box = personBox(v, [x, y]);
            fc.pre(
              box !== undefined &&
                box.y > 0 &&
                box.x > 0 &&
                box.x + box.w < v.width &&
                box.y + box.h < v.height,
            );
            const [fx, fy] = project(v.toFloor, footPoint(box!, v.mounting));
            expect(Math.hypot(fx - x, fy - y)).toBeLessThan(1e-6);
          },
        ),
      );
    }
  });

  it('sizes people as ~0.6 m across from above and ~1.7 m × 0.45 from the side', () => {
    const [x, y] = inView('cam-pantry')[4]!;
    const top = personBox(overhead, [x, y])!;
    const a = project(overhead.toFloor, [top.x, top.y + top.h / 2]);
    const b = project(overhead.toFloor, [top.x + top.w, top.y + top.h / 2]);
    expect(Math.hypot(b[0] - a[0], b[1] - a[1])).toBeCloseTo(0.6, 1);
    const side = personBox(oblique, inView('cam-entrance')[3]!)!;
    expect(side.w / side.h).toBeCloseTo(0.45, 5);
    // Nearer people are bigger.
    const far = personBox(oblique, [4.5, 24.4])!;
    const near = personBox(oblique, [4.5, 21.6])!;
    expect(near.h).toBeGreaterThan(far.h * 1.3);
  });

  it('sees nothing under a privacy mask', () => {
    const masked = cameraView({
      ...cameras.find((c) => c.id === 'cam-pantry')!,
      privacyMasks: [
        [
          [0, 0],
          [1280, 0],
          [1280, 720],
          [0, 720],
        ],
      ],
    });
    expect(imagePoint(masked, inView('cam-pantry')[0]!)).toBeUndefined();
    const random = seededRandom(1);
    for (let i = 0; i < 50; i++)
      expect(
        simulateDetections(masked, inView('cam-pantry'), random, { ...PERFECT, falsePositivesPerFrame: 3 }),
      ).toEqual([]);
  });
});

describe('simulated detections', () => {
  it('finds everyone in view when perfect, with scores in range', () => {
    const people = inView('cam-pantry');
    const found = simulateDetections(overhead, people, seededRandom(3), PERFECT);
    expect(found).toHaveLength(people.length);
    for (const d of found) expect(d.score).toBeGreaterThanOrEqual(0.55);
  });

  it('misses about missRate of the people, adds low-scored false positives, keeps every score in [0.3, 0.95]', () => {
    const random = seededRandom(7);
    const people: Vec2[] = [inView('cam-pantry')[4]!];
    let found = 0;
    let falsePositives = 0;
    const frames = 4000;
    for (let i = 0; i < frames; i++) {
      const dets = simulateDetections(overhead, people, random);
      for (const d of dets) {
        expect(d.score).toBeGreaterThanOrEqual(0.3);
        expect(d.score).toBeLessThanOrEqual(0.95);
        if (d.score < 0.45) falsePositives++;
        else found++;
      }
    }
    expect(found / frames).toBeGreaterThan(0.9);
    expect(found / frames).toBeLessThan(0.96);
    expect(falsePositives / frames).toBeGreaterThan(0.01);
    expect(falsePositives / frames).toBeLessThan(0.1);
  });

  it('hides a person standing right behind another from an oblique camera, or scores them low', () => {
    const near: Vec2 = [4.5, 22];
    const behind: Vec2 = [4.5, 22.4];
    const bottomOf = (p: Vec2) => {
      const b = personBox(oblique, p)!;
      return b.y + b.h;
    };
    const alone = simulateDetections(oblique, [behind], seededRandom(1), PERFECT);
    expect(alone).toHaveLength(1);
    const together = simulateDetections(oblique, [behind, near], seededRandom(1), PERFECT);
    const at = (p: Vec2) => together.filter((d) => Math.abs(d.y + d.h - bottomOf(p)) < 1e-6);
    expect(at(near)).toHaveLength(1);
    const hidden = at(behind);
    expect(hidden.length === 0 || hidden[0]!.score < alone[0]!.score).toBe(true);
  });

  it('is repeatable: the same random stream gives the same detections', () => {
    const people = inView('cam-entrance');
    const a = simulateDetections(oblique, people, seededRandom(11));
    const b = simulateDetections(oblique, people, seededRandom(11));
    expect(a).toEqual(b);
  });
});
