import { seededRandom } from '@retail/contracts';
import { describe, expect, it } from 'vitest';
import { MotionFilter } from './motion-kalman.js';

describe('MotionFilter', () => {
  it('smooths noisy fixes of a steady walk', () => {
    const rnd = seededRandom(11);
    const gauss = () => Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
    const f = new MotionFilter();
    let rawErr = 0;
    let filtErr = 0;
    for (let i = 0; i < 300; i++) {
      const t = i * 333;
      const x = 1 + i * 0.27; // 0.8 m/s, fixes at 3 Hz
      const y = 5;
      const zx = x + gauss();
      const zy = y + gauss();
      f.update(t, zx, zy, 1);
      if (i >= 20) {
        rawErr += Math.hypot(zx - x, zy - y);
        filtErr += Math.hypot(f.state.x - x, f.state.y - y);
      }
    }
    expect(filtErr).toBeLessThan(rawErr * 0.7);
    expect(f.state.vx).toBeGreaterThan(0.2); // walking +x at 0.8 m/s
  });

  it('predicts forward along the velocity and grows its sigma', () => {
    const f = new MotionFilter();
    for (let i = 0; i < 10; i++) f.update(i * 1000, i, 0, 0.1);
    const before = f.state;
    f.predict(11_000);
    expect(f.state.x).toBeGreaterThan(before.x + 1);
    expect(f.state.sigmaM).toBeGreaterThan(before.sigmaM);
  });
});
