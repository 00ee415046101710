import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Box } from '../frame.js';
import { KalmanBox } from './kalman-box.js';

const walker = (t: number): Box => ({ x: 100 + 120 * t, y: 200 - 30 * t, w: 60, h: 160 });
const centre = (b: Box) => [b.x + b.w / 2, b.y + b.h / 2];

describe('KalmanBox', () => {
  it('starts at the measured box, still', () => {
    const kf = new KalmanBox({ x: 10, y: 20, w: 30, h: 90 });
    kf.predict(0.5);
    expect(kf.box.x).toBeCloseTo(10, 9);
    expect(kf.box.w).toBeCloseTo(30, 9);
    expect(kf.velocity).toEqual({ vx: 0, vy: 0 });
  });

  it('learns a constant velocity at a fixed frame rate and extrapolates it', () => {
    const kf = new KalmanBox(walker(0));
    for (let i = 1; i <= 40; i++) {
      kf.predict(0.1);
      kf.update(walker(i * 0.1));
    }
    expect(kf.velocity.vx).toBeCloseTo(120, 0);
    expect(kf.velocity.vy).toBeCloseTo(-30, 0);
    kf.predict(0.5);
    const [cx, cy] = centre(kf.box);
    const [tx, ty] = centre(walker(4.5));
    expect(Math.hypot(cx! - tx!, cy! - ty!)).toBeLessThan(1);
    expect(kf.box.h).toBeCloseTo(160, 3);
  });

  it('tracks the same motion with irregular frame intervals', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.02, max: 0.4, noNaN: true }), { minLength: 40, maxLength: 60 }),
        (dts) => {
          const kf = new KalmanBox(walker(0));
          let t = 0;
          for (const dt of dts) {
            t += dt;
            kf.predict(dt);
            kf.update(walker(t));
          }
          kf.predict(0.3);
          const [cx] = centre(kf.box);
          expect(Math.abs(cx! - centre(walker(t + 0.3))[0]!)).toBeLessThan(2);
        },
      ),
      { numRuns: 50 },
    );
  });

  it('moves each coordinate towards the measurement, never past it', () => {
    const box = fc.record({
      x: fc.double({ min: -100, max: 1000, noNaN: true }),
      y: fc.double({ min: -100, max: 1000, noNaN: true }),
      w: fc.double({ min: 5, max: 300, noNaN: true }),
      h: fc.double({ min: 5, max: 400, noNaN: true }),
    });
    fc.assert(
      fc.property(box, box, fc.double({ min: 0, max: 2, noNaN: true }), (start, seen, dt) => {
        const kf = new KalmanBox(start);
        kf.predict(dt);
        const [px, py] = centre(kf.box);
        kf.update(seen);
        const [cx, cy] = centre(kf.box);
        const [mx, my] = centre(seen);
        const between = (v: number, a: number, b: number) =>
          v >= Math.min(a, b) - 1e-6 && v <= Math.max(a, b) + 1e-6;
        expect(between(cx!, px!, mx!)).toBe(true);
        expect(between(cy!, py!, my!)).toBe(true);
      }),
    );
  });

  it('trusts a measurement more after a long prediction', () => {
    const short = new KalmanBox(walker(0));
    const long = new KalmanBox(walker(0));
    short.predict(0.1);
    long.predict(2);
    short.update({ ...walker(0), x: 200 });
    long.update({ ...walker(0), x: 200 });
    expect(long.box.x).toBeGreaterThan(short.box.x);
  });

  it('holds the size of an unmeasured box', () => {
    const kf = new KalmanBox({ x: 0, y: 0, w: 50, h: 100 });
    for (let i = 1; i <= 10; i++) {
      kf.predict(0.1);
      kf.update({ x: 0, y: 0, w: 50 + 5 * i, h: 100 + 10 * i });
    }
    kf.holdSize();
    const h = kf.box.h;
    kf.predict(1);
    expect(kf.box.h).toBeCloseTo(h, 9);
  });
});
